"""The app's AWS paths end to end: settings -> ChatBedrockConverse / SageMakerChatModel -> boto3 (SigV4) ->
real HTTP -> the test AWS server -> the real model. The same weights serve, so the SQL must be the embedded
model's."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from chains.answer import Outcome
from chains.factory import chain_over, open_warehouse
from chains.llm.aws_chat import MessagesFormat, TgiFormat, chatml
from chains.llm.backends import build_chat_model
from chains.llm.embedded import load_llama
from chains.llm.model_file import ensure_model_file
from settings import model_settings
from tests.aws_api_server import (
    BEDROCK_MODEL,
    SAGEMAKER_ENDPOINT,
    TEST_REGION,
    Account,
    AWSAPIServer,
    serve_in_thread,
    use_test_credentials,
)
from tests.business_questions import BUSINESS_QUESTIONS
from tests.ollama_api_server import Backend

pytestmark = pytest.mark.model

QUESTIONS = [question for question, _sql in BUSINESS_QUESTIONS[:3]]
CONFIGURATIONS = {
    "bedrock": {"BACKEND": "bedrock", "NAME": BEDROCK_MODEL},
    "sagemaker-messages": {"BACKEND": "sagemaker", "NAME": SAGEMAKER_ENDPOINT, "REQUEST_FORMAT": "messages"},
    "sagemaker-tgi": {"BACKEND": "sagemaker", "NAME": SAGEMAKER_ENDPOINT, "REQUEST_FORMAT": "tgi"},
}


@pytest.fixture(scope="module")
def server() -> Iterator[AWSAPIServer]:
    with serve_in_thread(Backend(load_llama(ensure_model_file()), BEDROCK_MODEL)) as running:
        yield running


@pytest.fixture(scope="module")
def warehouse():  # type: ignore[no-untyped-def]
    return open_warehouse()


@pytest.fixture(scope="module")
def embedded_answers(embedded_model, warehouse) -> dict[str, object]:  # type: ignore[no-untyped-def]
    chain = chain_over(embedded_model, warehouse)
    return {question: chain.ask(question) for question in QUESTIONS}


def _rows(frame):  # type: ignore[no-untyped-def]
    """The same SQL's rows, in one order: DuckDB returns a GROUP BY without ORDER BY in any order (CI saw it)."""
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def configure(monkeypatch: pytest.MonkeyPatch, server: AWSAPIServer, configuration: str) -> None:
    server.account = Account()
    use_test_credentials(monkeypatch)
    for name, value in {
        **CONFIGURATIONS[configuration],
        "REGION": TEST_REGION,
        "ENDPOINT_URL": server.base_url,
        "CONTROL_ENDPOINT_URL": server.base_url,
    }.items():
        monkeypatch.setenv(f"TABLETALK_MODEL_{name}", value)


@pytest.mark.parametrize("configuration", list(CONFIGURATIONS))
def test_business_questions_get_the_embedded_models_sql(  # type: ignore[no-untyped-def]
    configuration: str, server: AWSAPIServer, warehouse, embedded_answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(monkeypatch, server, configuration)
    chain = chain_over(build_chat_model(model_settings()), warehouse)
    for question in QUESTIONS:
        answer, expected = chain.ask(question), embedded_answers[question]
        assert answer.ok, f"{question}: {answer.message}"
        assert answer.sql == expected.sql, question
        assert _rows(answer.data).equals(_rows(expected.data)), question
        assert answer.model == CONFIGURATIONS[configuration]["NAME"]
        assert answer.completion_tokens > 0
        if configuration != "sagemaker-tgi":  # TGI reports prompt tokens only with decoder_input_details
            assert answer.prompt_tokens == expected.prompt_tokens
    runtime = "bedrock:InvokeModel" if configuration == "bedrock" else "sagemaker:InvokeEndpoint"
    assert server.account.requests and set(server.account.requests) == {runtime}


def test_a_denied_invoke_is_one_sentence_to_the_user(  # type: ignore[no-untyped-def]
    server: AWSAPIServer, warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(monkeypatch, server, "bedrock")
    server.account.denied.add("bedrock:InvokeModel")
    answer = chain_over(build_chat_model(model_settings()), warehouse).ask(QUESTIONS[0])
    assert answer.outcome == Outcome.MODEL_UNAVAILABLE
    assert "AccessDeniedException" in answer.message and "bedrock:InvokeModel" in answer.message


def test_chatml_is_the_models_own_template(server: AWSAPIServer) -> None:
    """The "tgi" format renders the prompt in the app: it must be what the GGUF's template renders."""
    llama = server.backend.llama
    formatter = Jinja2ChatFormatter(
        template=llama.metadata["tokenizer.chat_template"],
        eos_token=llama.detokenize([llama.token_eos()], special=True).decode(),
        bos_token="",
    )
    turns = [
        {"role": "system", "content": "You write SQL."},
        {"role": "user", "content": "Count the orders."},
        {"role": "assistant", "content": "SELECT COUNT(*) FROM orders"},
        {"role": "user", "content": "Per month?"},
    ]
    assert chatml(turns) == formatter(messages=turns).prompt


def test_a_json_schema_travels_in_each_container_formats_own_field() -> None:
    """The definitions path's request schema: OpenAI's response_format for "messages", TGI's grammar for "tgi"."""
    schema = {"type": "object", "properties": {"metric": {"type": "string", "enum": ["revenue"]}}}
    response_format = {"type": "json_schema", "json_schema": {"name": "request", "schema": schema}}
    turns = [{"role": "user", "content": "Revenue?"}]
    kwargs = {"max_tokens": 50, "temperature": 0.0, "response_format": response_format}
    messages = json.loads(MessagesFormat().transform_input(turns, kwargs))
    tgi = json.loads(TgiFormat().transform_input(turns, kwargs))
    assert messages["response_format"] == response_format
    assert tgi["parameters"]["grammar"] == {"type": "json", "value": schema}
    without = {"max_tokens": 50, "temperature": 0.0}
    assert "grammar" not in json.loads(TgiFormat().transform_input(turns, without))["parameters"]
