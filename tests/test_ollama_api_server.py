"""The test Ollama server, over real HTTP with the real model, as ChatOllama and raw clients see it."""

from __future__ import annotations

import json
import operator
from collections.abc import Iterator
from functools import reduce

import httpx
import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_ollama import ChatOllama
from ollama import ResponseError

from chains.llm.embedded import load_llama
from chains.llm.model_file import ensure_model_file
from tests.ollama_api_server import DEFAULT_MODEL_NAME, serve_in_thread

pytestmark = pytest.mark.model

MODEL = DEFAULT_MODEL_NAME
SQL_QUESTION = [
    SystemMessage("You write SQL for DuckDB."),
    HumanMessage("Write a SQL query that counts the rows of table t. Reply with SQL only."),
]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    llama = load_llama(ensure_model_file())
    with serve_in_thread(llama, MODEL) as (url, _server):
        yield url


def chat_model(base_url: str, **kwargs: object) -> ChatOllama:
    return ChatOllama(model=MODEL, base_url=base_url, temperature=0, num_predict=48, **kwargs)


def test_root_and_version(base_url: str) -> None:
    assert httpx.get(base_url).text == "Ollama is running"
    assert httpx.get(f"{base_url}/api/version").json()["version"]


def test_tags_lists_the_model(base_url: str) -> None:
    models = httpx.get(f"{base_url}/api/tags").json()["models"]
    assert [m["name"] for m in models] == [MODEL]
    assert models[0]["model"] == MODEL
    assert models[0]["size"] > 500_000_000
    assert models[0]["details"]["format"] == "gguf"
    assert models[0]["details"]["quantization_level"] == "Q4_K_M"


def test_show_describes_the_model_and_404s_for_others(base_url: str) -> None:
    shown = httpx.post(f"{base_url}/api/show", json={"model": MODEL})
    assert shown.status_code == 200
    assert shown.json()["capabilities"] == ["completion"]
    assert shown.json()["details"]["family"] == "qwen2"
    assert "im_start" in shown.json()["template"]
    assert httpx.post(f"{base_url}/api/show", json={"name": MODEL}).status_code == 200

    missing = httpx.post(f"{base_url}/api/show", json={"model": "no-such-model:7b"})
    assert missing.status_code == 404
    assert missing.json() == {"error": "model 'no-such-model:7b' not found"}


def test_unknown_paths_and_bad_json(base_url: str) -> None:
    assert httpx.get(f"{base_url}/api/nothing").status_code == 404
    assert httpx.post(f"{base_url}/api/nothing", json={}).status_code == 404
    bad = httpx.post(f"{base_url}/api/chat", content=b"{not json", headers={"Content-Type": "application/json"})
    assert bad.status_code == 400
    assert "error" in bad.json()


def test_validate_model_on_init_accepts_the_model(base_url: str) -> None:
    chat_model(base_url, validate_model_on_init=True)
    with pytest.raises(ValueError, match="not found in Ollama"):
        ChatOllama(model="no-such-model", base_url=base_url, validate_model_on_init=True)


def test_chat_ollama_invoke_writes_sql_and_reports_usage(base_url: str) -> None:
    reply = chat_model(base_url).invoke(SQL_QUESTION)
    assert isinstance(reply, AIMessage)
    sql = reply.text.lower()
    assert "count(" in sql
    assert " from t" in sql.replace("\n", " ")
    assert reply.usage_metadata is not None
    assert reply.usage_metadata["input_tokens"] > 10
    assert 0 < reply.usage_metadata["output_tokens"] <= 48
    assert reply.response_metadata["model_name"] == MODEL
    assert reply.response_metadata["done_reason"] in ("stop", "length")


def test_chat_ollama_stream_yields_pieces(base_url: str) -> None:
    chunks = list(chat_model(base_url).stream(SQL_QUESTION))
    text = "".join(c.text for c in chunks)
    assert len([c for c in chunks if c.text]) >= 3
    assert "count(" in text.lower()
    # langchain-core ends a stream with an empty marker chunk: the usage is in the aggregate.
    usage = reduce(operator.add, chunks).usage_metadata
    assert usage is not None and usage["input_tokens"] > 10 and usage["output_tokens"] > 0


def test_streamed_and_plain_chat_agree(base_url: str) -> None:
    """Same greedy request both ways: the same text and the same token counts."""
    request = {
        "model": MODEL,
        "messages": [{"role": "user", "content": "Name three SQL aggregate functions, comma separated."}],
        "options": {"temperature": 0, "num_predict": 24, "seed": 1},
    }
    plain = httpx.post(f"{base_url}/api/chat", json={**request, "stream": False}, timeout=120).json()
    assert plain["done"] is True and plain["message"]["role"] == "assistant"
    with httpx.stream("POST", f"{base_url}/api/chat", json=request, timeout=120) as response:
        assert response.headers["content-type"] == "application/x-ndjson"
        lines = [json.loads(line) for line in response.iter_lines() if line]
    assert all(not line["done"] for line in lines[:-1]) and lines[-1]["done"] is True
    assert "".join(line["message"]["content"] for line in lines) == plain["message"]["content"]
    for key in ("prompt_eval_count", "eval_count", "done_reason"):
        assert lines[-1][key] == plain[key], key


def test_generate_plain_and_streamed(base_url: str) -> None:
    request = {
        "model": MODEL,
        "system": "Reply with SQL only.",
        "prompt": "Select every column of table orders.",
        "options": {"temperature": 0, "num_predict": 32},
    }
    plain = httpx.post(f"{base_url}/api/generate", json={**request, "stream": False}, timeout=120).json()
    assert "select" in plain["response"].lower() and "orders" in plain["response"].lower()
    assert plain["done"] is True and plain["eval_count"] > 0 and plain["prompt_eval_count"] > 0
    assert plain["total_duration"] >= plain["eval_duration"] > 0

    with httpx.stream("POST", f"{base_url}/api/generate", json=request, timeout=120) as response:
        lines = [json.loads(line) for line in response.iter_lines() if line]
    assert len(lines) >= 3 and lines[-1]["done"] is True
    assert "".join(line["response"] for line in lines) == plain["response"]


def test_generate_raw_respects_num_predict(base_url: str) -> None:
    request = {"model": MODEL, "prompt": "SELECT", "raw": True, "stream": False, "options": {"num_predict": 5}}
    plain = httpx.post(f"{base_url}/api/generate", json=request, timeout=120).json()
    assert plain["done_reason"] == "length" and plain["eval_count"] == 5 and plain["response"]


def test_unknown_model_raises_response_error(base_url: str) -> None:
    model = ChatOllama(model="no-such-model:7b", base_url=base_url)
    with pytest.raises(ResponseError, match="no-such-model:7b") as raised:
        model.invoke("hello")
    assert raised.value.status_code == 404
