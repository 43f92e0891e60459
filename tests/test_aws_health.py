"""The AWS backends' health sentences, signing, errors and timeouts: boto3 over real HTTP to the test AWS server.

No model: the health check only describes (DescribeEndpoint, GetFoundationModel[Availability]), and the
errors and timeouts here come before any generation.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from botocore.exceptions import ClientError, ReadTimeoutError

from chains.destinations import configured_model_id, model_endpoint
from chains.llm.aws_chat import PROMPT_TEMPLATES
from chains.llm.backends import build_chat_model, check_health
from settings import PROJECT_ROOT, TEMPLATE_NAMES, ModelSettings
from tests.aws_api_server import (
    BEDROCK_MODEL,
    SAGEMAKER_ENDPOINT,
    TEST_REGION,
    Account,
    AWSAPIServer,
    serve_in_thread,
    use_test_credentials,
)

NAMES = {"sagemaker": SAGEMAKER_ENDPOINT, "bedrock": BEDROCK_MODEL}


@pytest.fixture(scope="module")
def server() -> Iterator[AWSAPIServer]:
    with serve_in_thread(backend=None) as running:
        yield running


@pytest.fixture(autouse=True)
def fresh_account(server: AWSAPIServer, monkeypatch: pytest.MonkeyPatch) -> None:
    server.account = Account()
    use_test_credentials(monkeypatch)


def settings_for(server: AWSAPIServer, backend: str, **changes: object) -> ModelSettings:
    values: dict[str, object] = {
        "backend": backend,
        "name": NAMES[backend],
        "region": TEST_REGION,
        "endpoint_url": server.base_url,
        "control_endpoint_url": server.base_url,
    }
    return ModelSettings(**{**values, **changes})  # type: ignore[arg-type]


def test_healthy_backends_describe_without_generating(server: AWSAPIServer) -> None:
    sagemaker = check_health(settings_for(server, "sagemaker"))
    assert sagemaker.ok, sagemaker.message
    assert sagemaker.message == f"The SageMaker endpoint {SAGEMAKER_ENDPOINT} in {TEST_REGION} is InService."
    bedrock = check_health(settings_for(server, "bedrock"))
    assert bedrock.ok, bedrock.message
    assert bedrock.message == f"Bedrock serves {BEDROCK_MODEL} in {TEST_REGION}."
    assert server.account.requests == [
        "sagemaker:DescribeEndpoint",
        "bedrock:GetFoundationModel",
        "bedrock:GetFoundationModelAvailability",
    ]


@pytest.mark.parametrize(
    ("backend", "fault", "expected"),
    [
        (
            "sagemaker",
            lambda account: account.denied.add("sagemaker:DescribeEndpoint"),
            f"AWS denied sagemaker:DescribeEndpoint on {SAGEMAKER_ENDPOINT}: attach deploy/aws/iam-policy.json",
        ),
        (
            "sagemaker",
            lambda account: account.endpoints.clear(),
            f"There is no SageMaker endpoint named {SAGEMAKER_ENDPOINT} in {TEST_REGION}",
        ),
        (
            "sagemaker",
            lambda account: account.endpoints.update({SAGEMAKER_ENDPOINT: "Creating"}),
            f"The SageMaker endpoint {SAGEMAKER_ENDPOINT} is Creating, not InService",
        ),
        (
            "sagemaker",
            lambda account: account.endpoints.update({SAGEMAKER_ENDPOINT: "Failed"}),
            f"The SageMaker endpoint {SAGEMAKER_ENDPOINT} is Failed (The primary container for production variant "
            "AllTraffic did not pass the ping), not InService",
        ),
        (
            "bedrock",
            lambda account: account.denied.add("bedrock:GetFoundationModel"),
            f"AWS denied bedrock:GetFoundationModel on {BEDROCK_MODEL}",
        ),
        (
            "bedrock",
            lambda account: account.bedrock_models.clear(),
            f"Bedrock in {TEST_REGION} has no model {BEDROCK_MODEL}",
        ),
        (
            "bedrock",
            lambda account: account.bedrock_models.update({BEDROCK_MODEL: False}),
            f"The Bedrock model {BEDROCK_MODEL} is not enabled for this account in {TEST_REGION}",
        ),
    ],
    ids=["sm-denied", "sm-not-found", "sm-creating", "sm-failed", "br-denied", "br-not-found", "br-not-enabled"],
)
def test_each_failure_has_its_sentence(server: AWSAPIServer, backend: str, fault, expected: str) -> None:  # type: ignore[no-untyped-def]
    fault(server.account)
    health = check_health(settings_for(server, backend))
    assert not health.ok
    assert health.message.startswith(expected), health.message
    assert health.message.count(". ") == 0, "one sentence"


@pytest.mark.parametrize("backend", ["sagemaker", "bedrock"])
def test_no_credentials(server: AWSAPIServer, backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_credentials(monkeypatch, credentials=False)
    health = check_health(settings_for(server, backend))
    assert not health.ok
    assert health.message.startswith("No AWS credentials were found: give the app an IAM role")
    assert server.account.requests == []


def test_no_region(server: AWSAPIServer) -> None:
    health = check_health(settings_for(server, "bedrock", region=None))
    assert (health.ok, health.message) == (False, "No AWS region is configured: set [model] region or AWS_REGION.")


def test_a_wrong_secret_fails_the_signature(server: AWSAPIServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    health = check_health(settings_for(server, "sagemaker"))
    assert not health.ok
    assert health.message == (
        "AWS rejected the app's credentials (InvalidSignatureException): renew them or check the role the app runs as."
    )
    assert server.account.requests == []  # refused before it was served


def test_an_unreachable_api_names_the_vpc_endpoint(server: AWSAPIServer) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{unused.getsockname()[1]}"
    health = check_health(settings_for(server, "bedrock", control_endpoint_url=closed))
    assert not health.ok
    assert health.message.startswith(f"{closed} is not reachable (EndpointConnectionError)")
    assert health.message.endswith("from a private subnet it needs a VPC endpoint.")


def test_unsigned_requests_are_refused(server: AWSAPIServer) -> None:
    response = httpx.post(f"{server.base_url}/model/{BEDROCK_MODEL}/converse", json={"messages": []})
    assert response.status_code == 403
    assert response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"


@pytest.mark.parametrize("backend", ["sagemaker", "bedrock"])
def test_a_slow_endpoint_times_out_on_the_client(server: AWSAPIServer, backend: str) -> None:
    server.account.delay_seconds = 2.0
    model = build_chat_model(settings_for(server, backend, timeout_seconds=0.5))
    began = time.perf_counter()
    with pytest.raises(ReadTimeoutError):
        model.invoke("How many customers are there?")
    assert time.perf_counter() - began < 1.9  # one attempt, no silent re-try


def test_runtime_errors_arrive_as_aws_error_codes(server: AWSAPIServer) -> None:
    server.account.bedrock_models[BEDROCK_MODEL] = False
    with pytest.raises(ClientError, match="AccessDeniedException.*don't have access to the model"):
        build_chat_model(settings_for(server, "bedrock")).invoke("hello")
    with pytest.raises(ClientError, match="ValidationError.*Endpoint nope of account 123456789012 not found"):
        build_chat_model(settings_for(server, "sagemaker", name="nope")).invoke("hello")
    server.account.denied.add("sagemaker:InvokeEndpoint")
    with pytest.raises(ClientError, match="AccessDeniedException.*not authorized to perform: sagemaker:InvokeEndpoint"):
        build_chat_model(settings_for(server, "sagemaker")).invoke("hello")


def test_the_iam_policy_allows_exactly_what_the_app_calls(server: AWSAPIServer) -> None:
    """Every call the health check and the chat models make, and nothing else, is in the shipped policy."""
    server.account.delay_seconds = 0.0
    for backend in ("sagemaker", "bedrock"):
        assert check_health(settings_for(server, backend)).ok
        with pytest.raises(ClientError):  # served by no model here, but signed, authorised and recorded
            build_chat_model(settings_for(server, backend)).invoke("hello")
    policy = json.loads((PROJECT_ROOT / "deploy" / "aws" / "iam-policy.json").read_text())
    allowed = {action for statement in policy["Statement"] for action in statement["Action"]}
    assert set(server.account.requests) == allowed
    assert all(statement["Effect"] == "Allow" for statement in policy["Statement"])
    assert [s["Resource"] for s in policy["Statement"] if s["Resource"] == "*"] == ["*"], "one wildcard, read-only"


def test_the_sidebar_names_the_model_and_where_questions_go(server: AWSAPIServer) -> None:
    settings = settings_for(server, "bedrock")
    assert configured_model_id(settings) == BEDROCK_MODEL
    assert model_endpoint(settings) == server.base_url
    assert (
        model_endpoint(ModelSettings(backend="sagemaker", name="x", region="eu-west-1"))
        == "https://runtime.sagemaker.eu-west-1.amazonaws.com"
    )


def test_no_key_is_ever_in_the_settings_example() -> None:
    example = (Path(PROJECT_ROOT) / ".streamlit" / "secrets.toml.example").read_text()
    assert "aws_access_key_id" not in example.lower() and "aws_secret" not in example.lower()


def test_the_tgi_prompt_templates() -> None:
    turns = [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"}]
    assert set(PROMPT_TEMPLATES) == set(TEMPLATE_NAMES)
    assert PROMPT_TEMPLATES["llama3"](turns) == (
        "<|start_header_id|>system<|end_header_id|>\n\nS<|eot_id|>"
        "<|start_header_id|>user<|end_header_id|>\n\nQ<|eot_id|>"
        "<|start_header_id|>assistant<|end_header_id|>\n\n"
    )
    follow_up = [*turns, {"role": "assistant", "content": "A"}, {"role": "user", "content": "Q2"}]
    assert PROMPT_TEMPLATES["mistral"](follow_up) == "[INST] S\n\nQ [/INST]A</s>[INST] Q2 [/INST]"


def test_the_sidebar_shows_the_sentence(server: AWSAPIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    server.account.endpoints[SAGEMAKER_ENDPOINT] = "Creating"
    monkeypatch.setenv("TABLETALK_SECRETS", str(tmp_path / "secrets.toml"))
    monkeypatch.setenv("TABLETALK_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    monkeypatch.delenv("TABLETALK_DB_URL", raising=False)
    for name, value in {
        "BACKEND": "sagemaker",
        "NAME": SAGEMAKER_ENDPOINT,
        "REGION": TEST_REGION,
        "ENDPOINT_URL": server.base_url,
        "CONTROL_ENDPOINT_URL": server.base_url,
    }.items():
        monkeypatch.setenv(f"TABLETALK_MODEL_{name}", value)
    at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=60).run()
    for _ in range(20):  # building the SageMaker client takes a moment on the loader's thread
        sidebar = [str(e.value) for kind in ("warning", "success", "markdown", "caption") for e in at.sidebar.get(kind)]
        if any("Creating, not InService" in text for text in sidebar):
            break
        time.sleep(0.5)
        at.run()
    assert not at.exception, at.exception
    assert any(text.startswith(f"The SageMaker endpoint {SAGEMAKER_ENDPOINT} is Creating") for text in sidebar)
    assert any(server.base_url in text for text in sidebar), "where questions go"
