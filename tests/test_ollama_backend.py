"""The app's Ollama path end to end: settings -> ChatOllama -> real HTTP -> Ollama-API server -> real model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chains.factory import open_warehouse
from chains.llm.backends import build_chat_model, check_health
from chains.llm.embedded import load_llama
from chains.llm.model_file import ensure_model_file
from chains.sql_chain import SqlChain
from settings import ModelSettings, model_settings
from tests.ollama_api_server import serve_in_thread

pytestmark = pytest.mark.model
MODEL = "qwen2.5-coder:1.5b"


@pytest.fixture(scope="module")
def ollama_url() -> Iterator[str]:
    with serve_in_thread(load_llama(ensure_model_file()), MODEL) as (url, _server):
        yield url


def test_health_check_names_what_is_wrong(ollama_url: str) -> None:
    assert check_health(ModelSettings(backend="ollama", url=ollama_url, name=MODEL)).ok
    missing = check_health(ModelSettings(backend="ollama", url=ollama_url, name="llama3:70b"))
    assert not missing.ok and "ollama pull llama3:70b" in missing.message
    wrong_url = check_health(ModelSettings(backend="ollama", url=f"{ollama_url}/nothing-here", name=MODEL))
    assert not wrong_url.ok and "Ollama server URL" in wrong_url.message


def test_the_chain_answers_through_ollama(ollama_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TABLETALK_MODEL_BACKEND", "ollama")
    monkeypatch.setenv("TABLETALK_MODEL_URL", ollama_url)
    monkeypatch.setenv("TABLETALK_MODEL_NAME", MODEL)
    chain = SqlChain(model=build_chat_model(model_settings()), warehouse=open_warehouse())
    answer = chain.ask("How many sales reps are there?")
    assert answer.ok, answer.message
    assert answer.data.iloc[0, 0] == 20
    assert answer.prompt_tokens > 0 and answer.completion_tokens > 0
    assert answer.model == MODEL
