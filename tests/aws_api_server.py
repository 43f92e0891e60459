"""The AWS APIs the app calls, over HTTP on loopback, for boto3 with `endpoint_url` overridden.

Serves, with AWS's paths, shapes, SigV4 checks and error codes:
- Bedrock runtime   POST /model/{modelId}/converse                       (rest-json)
- Bedrock           GET  /foundation-models/{modelId}                    (rest-json)
                    GET  /foundation-model-availability/{modelId}
- SageMaker runtime POST /endpoints/{name}/invocations                   (rest-json, raw body): the
                    "messages" (OpenAI-style) and "inputs"/"parameters" (TGI) container formats
A JSON schema in Converse's `outputConfig`, OpenAI's `response_format` or TGI's `grammar` constrains the
answer with a llama.cpp grammar compiled from it, as the embedded model's own `response_format` does.
- SageMaker         POST / with X-Amz-Target: SageMaker.DescribeEndpoint (json 1.1)
backed by the real model through `tests.ollama_api_server.Backend`. Every request must carry a SigV4
signature that this server recomputes with the test secret; the account's state (which models are enabled,
which endpoints exist and their status, which IAM actions are denied, a delay) is plain attributes, so a
test can make AWS answer as it does when something is wrong.

Run by hand with `python -m tests.aws_api_server --port 8787` and point the app at it:
TABLETALK_MODEL_ENDPOINT_URL / TABLETALK_MODEL_CONTROL_ENDPOINT_URL = http://127.0.0.1:8787 and
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY = the TEST_* values below.
"""

from __future__ import annotations

import argparse
import hmac
import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from llama_cpp import LlamaGrammar

from tests.ollama_api_server import Backend, Generation

TEST_ACCESS_KEY = "AKIATABLETALKTEST000"
TEST_SECRET_KEY = "tabletalk/test/secret/not/a/real/key/0000"
TEST_REGION = "eu-central-1"
TEST_ACCOUNT = "123456789012"
BEDROCK_MODEL = "qwen.qwen2-5-coder-1-5b-instruct-v1:0"  # a test name for the embedded weights
SAGEMAKER_ENDPOINT = "tabletalk-qwen25-coder"

_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request,"
    r"\s*SignedHeaders=(?P<signed>[a-z0-9;-]+),\s*Signature=(?P<signature>[0-9a-f]{64})"
)


class AWSError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Account:
    """What the account holds and allows. Tests change these attributes to make calls fail."""

    region: str = TEST_REGION
    bedrock_models: dict[str, bool] = field(default_factory=lambda: {BEDROCK_MODEL: True})  # id -> enabled
    endpoints: dict[str, str] = field(default_factory=lambda: {SAGEMAKER_ENDPOINT: "InService"})  # name -> status
    denied: set[str] = field(default_factory=set)  # IAM actions, e.g. "bedrock:InvokeModel"
    delay_seconds: float = 0.0  # before answering a runtime call: for client timeouts
    requests: list[str] = field(default_factory=list)  # "service:Action" of each signed call, in order


class AWSAPIServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], backend: Backend | None, account: Account | None = None) -> None:
        super().__init__(address, AWSRequestHandler)
        self.backend = backend  # None: the control plane only (health checks need no model)
        self.account = account or Account()

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class AWSRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: AWSAPIServer

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        path = self.path.split("?", 1)[0]
        json_protocol = self.command == "POST" and path == "/"
        try:
            action, target, handler = self._route(path)
            self._authenticate(body)
            self.server.account.requests.append(action)
            if action in self.server.account.denied:
                raise AWSError(
                    403,
                    "AccessDeniedException",
                    f"User: arn:aws:sts::{TEST_ACCOUNT}:assumed-role/tabletalk/app is not authorized to perform: "
                    f"{action} on resource: {target} because no identity-based policy allows the {action} action",
                )
            status, headers, payload = handler(body)
        except AWSError as error:
            self._send_error(error, json_protocol)
            return
        self._send(status, payload, headers)

    def _route(self, path: str) -> tuple[str, str, Any]:
        """(IAM action, resource, handler) for a request, or the error AWS answers to an unknown path."""
        account = self.server.account
        if match := re.fullmatch(r"/model/([^/]+)/converse", path):
            model_id = unquote(match[1])
            return "bedrock:InvokeModel", self._model_arn(model_id), lambda body: self._converse(model_id, body)
        if match := re.fullmatch(r"/foundation-models/([^/]+)", path):
            model_id = unquote(match[1])
            return "bedrock:GetFoundationModel", self._model_arn(model_id), lambda _: self._foundation_model(model_id)
        if match := re.fullmatch(r"/foundation-model-availability/([^/]+)", path):
            model_id = unquote(match[1])
            return "bedrock:GetFoundationModelAvailability", "*", lambda _: self._availability(model_id)
        if match := re.fullmatch(r"/endpoints/([^/]+)/invocations", path):
            name = unquote(match[1])
            arn = f"arn:aws:sagemaker:{account.region}:{TEST_ACCOUNT}:endpoint/{name.lower()}"
            return "sagemaker:InvokeEndpoint", arn, lambda body: self._invoke_endpoint(name, body)
        target = self.headers.get("X-Amz-Target", "")
        if path == "/" and target == "SageMaker.DescribeEndpoint":
            return (
                "sagemaker:DescribeEndpoint",
                f"arn:aws:sagemaker:{account.region}:{TEST_ACCOUNT}:endpoint/…",
                (self._describe_endpoint),
            )
        raise AWSError(404, "UnknownOperationException", f"No operation at {self.command} {path} {target}".strip())

    def _model_arn(self, model_id: str) -> str:
        return f"arn:aws:bedrock:{self.server.account.region}::foundation-model/{model_id}"

    def _authenticate(self, body: bytes) -> None:
        """Recompute the SigV4 signature from what arrived, as AWS does."""
        match = _AUTHORIZATION.fullmatch(self.headers.get("Authorization", ""))
        if not match:
            raise AWSError(403, "MissingAuthenticationTokenException", "Missing Authentication Token")
        if match["key"] != TEST_ACCESS_KEY:
            raise AWSError(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
        amz_date = self.headers.get("X-Amz-Date", "")
        if not amz_date.startswith(match["date"]):
            raise AWSError(403, "InvalidSignatureException", "Date in Credential scope does not match X-Amz-Date.")
        if match["region"] != self.server.account.region:
            scoped = f"Credential should be scoped to a valid region, not {match['region']}."
            raise AWSError(403, "InvalidSignatureException", scoped)
        signed = match["signed"].split(";")
        request = AWSRequest(
            method=self.command,
            url=f"http://{self.headers['Host']}{self.path}",
            data=body,
            headers={name: self.headers[name] for name in signed if self.headers[name] is not None},
        )
        request.context["timestamp"] = amz_date
        signer = SigV4Auth(Credentials(TEST_ACCESS_KEY, TEST_SECRET_KEY), match["service"], match["region"])
        expected = signer.signature(signer.string_to_sign(request, signer.canonical_request(request)), request)
        if not hmac.compare_digest(expected, match["signature"]):
            raise AWSError(
                403,
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. "
                "Check your AWS Secret Access Key and signing method.",
            )

    # Bedrock

    def _converse(self, model_id: str, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        enabled = self.server.account.bedrock_models.get(model_id)
        if enabled is None:
            raise AWSError(400, "ValidationException", "The provided model identifier is invalid.")
        if not enabled:
            denial = "You don't have access to the model with the specified model ID."
            raise AWSError(403, "AccessDeniedException", denial)
        body = _json_body(raw)
        messages = [{"role": "system", "content": "\n".join(s["text"] for s in body.get("system") or [])}]
        messages = messages if messages[0]["content"] else []
        for message in body.get("messages") or []:
            text = "".join(block.get("text", "") for block in message.get("content") or [])
            messages.append({"role": message.get("role", "user"), "content": text})
        if not messages or messages[-1]["role"] != "user":
            raise AWSError(400, "ValidationException", "A conversation must end with a user message.")
        config = body.get("inferenceConfig") or {}
        sampling = {
            "temperature": config.get("temperature", 1.0),
            "max_tokens": config.get("maxTokens", 512),
            "stop": config.get("stopSequences") or [],
        }
        if "topP" in config:
            sampling["top_p"] = config["topP"]
        text_format = (body.get("outputConfig") or {}).get("textFormat") or {}
        if text_format:
            if text_format.get("type") != "json_schema":
                raise AWSError(400, "ValidationException", "outputConfig.textFormat.type must be json_schema.")
            schema = text_format["structure"]["jsonSchema"]["schema"]
            sampling["response_format"] = {"type": "json_object", "schema": json.loads(schema)}
        began = time.perf_counter()
        outcome = self._generate(Generation(messages=messages, prompt="", sampling=sampling))
        reply = {
            "output": {"message": {"role": "assistant", "content": [{"text": outcome.text}]}},
            "stopReason": "max_tokens" if outcome.done_reason == "length" else "end_turn",
            "usage": {
                "inputTokens": outcome.prompt_eval_count,
                "outputTokens": outcome.eval_count,
                "totalTokens": outcome.prompt_eval_count + outcome.eval_count,
            },
            "metrics": {"latencyMs": int((time.perf_counter() - began) * 1000)},
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(reply).encode()

    def _foundation_model(self, model_id: str) -> tuple[int, dict[str, str], bytes]:
        if model_id not in self.server.account.bedrock_models:
            raise AWSError(
                404, "ResourceNotFoundException", "Could not resolve the foundation model from the provided identifier."
            )
        provider = model_id.split(".", 1)[0]
        details = {
            "modelArn": self._model_arn(model_id),
            "modelId": model_id,
            "modelName": model_id.split(".", 1)[-1],
            "providerName": provider.capitalize(),
            "inputModalities": ["TEXT"],
            "outputModalities": ["TEXT"],
            "responseStreamingSupported": True,
            "customizationsSupported": [],
            "inferenceTypesSupported": ["ON_DEMAND"],
            "modelLifecycle": {"status": "ACTIVE"},
        }
        return 200, {"Content-Type": "application/json"}, json.dumps({"modelDetails": details}).encode()

    def _availability(self, model_id: str) -> tuple[int, dict[str, str], bytes]:
        enabled = self.server.account.bedrock_models.get(model_id)
        if enabled is None:
            raise AWSError(404, "ResourceNotFoundException", "Could not resolve the foundation model.")
        reply = {
            "modelId": model_id,
            "agreementAvailability": {"status": "AVAILABLE"},
            "authorizationStatus": "AUTHORIZED" if enabled else "NOT_AUTHORIZED",
            "entitlementAvailability": "AVAILABLE" if enabled else "NOT_AVAILABLE",
            "regionAvailability": "AVAILABLE",
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(reply).encode()

    # SageMaker

    def _invoke_endpoint(self, name: str, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        status = self.server.account.endpoints.get(name)
        if status is None:
            raise AWSError(400, "ValidationError", f"Endpoint {name} of account {TEST_ACCOUNT} not found.")
        if status != "InService":
            raise AWSError(400, "ValidationError", f"Endpoint {name} of account {TEST_ACCOUNT} is not InService.")
        try:
            body = _json_body(raw)
            reply = self._chat_completion(body) if "messages" in body else self._text_generation(body)
        except AWSError as error:  # the container refused the body: SageMaker wraps its answer as a ModelError
            raise AWSError(
                424,
                "ModelError",
                f'Received client error ({error.status}) from primary with message "{error.message}".',
            ) from None
        headers = {"Content-Type": "application/json", "x-Amzn-Invoked-Production-Variant": "AllTraffic"}
        return 200, headers, json.dumps(reply).encode()

    def _chat_completion(self, body: dict[str, Any]) -> dict[str, Any]:
        """vLLM's / LMI's / TGI's OpenAI-style chat completion."""
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise AWSError(400, "BadRequest", "messages must be a non-empty list")
        sampling = {
            "temperature": body.get("temperature", 1.0),
            "max_tokens": body.get("max_tokens"),
            "stop": body.get("stop") or [],
        }
        if body.get("seed") is not None:
            sampling["seed"] = body["seed"]
        response_format = body.get("response_format") or {}
        if response_format.get("type") == "json_schema":
            sampling["response_format"] = {"type": "json_object", "schema": response_format["json_schema"]["schema"]}
        chat = [{"role": str(m.get("role")), "content": str(m.get("content") or "")} for m in messages]
        outcome = self._generate(Generation(messages=chat, prompt="", sampling=sampling))
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": "tgi",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": outcome.text},
                    "finish_reason": outcome.done_reason,
                }
            ],
            "usage": {
                "prompt_tokens": outcome.prompt_eval_count,
                "completion_tokens": outcome.eval_count,
                "total_tokens": outcome.prompt_eval_count + outcome.eval_count,
            },
        }

    def _text_generation(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """TGI's / LMI's `{"inputs", "parameters"}` -> `[{"generated_text"}]`."""
        prompt = body.get("inputs")
        if not isinstance(prompt, str) or not prompt:
            raise AWSError(400, "BadRequest", "inputs must be a non-empty string")
        parameters = body.get("parameters") or {}
        greedy = not parameters.get("do_sample", False)
        sampling = {
            "temperature": 0.0 if greedy else parameters.get("temperature", 1.0),
            "max_tokens": parameters.get("max_new_tokens", 100),
            "stop": parameters.get("stop") or [],
        }
        if parameters.get("seed") is not None:
            sampling["seed"] = parameters["seed"]
        grammar = parameters.get("grammar") or {}
        if grammar:
            if grammar.get("type") != "json":
                raise AWSError(422, "BadRequest", "only a json grammar is served here")
            sampling["grammar"] = LlamaGrammar.from_json_schema(json.dumps(grammar["value"]), verbose=False)
        outcome = self._generate(Generation(messages=None, prompt=prompt, sampling=sampling))
        generated: dict[str, Any] = {
            "generated_text": (prompt if parameters.get("return_full_text") else "") + outcome.text
        }
        if parameters.get("details"):
            generated["details"] = {
                "finish_reason": "length" if outcome.done_reason == "length" else "eos_token",
                "generated_tokens": outcome.eval_count,
                "seed": parameters.get("seed"),
                "prefill": [],
                "tokens": [],
            }
        return [generated]

    def _describe_endpoint(self, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        account = self.server.account
        name = _json_body(raw).get("EndpointName", "")
        arn = f"arn:aws:sagemaker:{account.region}:{TEST_ACCOUNT}:endpoint/{name.lower()}"
        status = account.endpoints.get(name)
        if status is None:
            raise AWSError(400, "ValidationException", f'Could not find endpoint "{arn}".')
        now = time.time()
        reply = {
            "EndpointName": name,
            "EndpointArn": arn,
            "EndpointConfigName": f"{name}-config",
            "EndpointStatus": status,
            "CreationTime": now - 3600,
            "LastModifiedTime": now - 600,
            "ProductionVariants": [{"VariantName": "AllTraffic", "CurrentInstanceCount": 1, "DesiredInstanceCount": 1}],
        }
        if status == "Failed":
            reply["FailureReason"] = "The primary container for production variant AllTraffic did not pass the ping."
        return 200, {"Content-Type": "application/x-amz-json-1.1"}, json.dumps(reply).encode()

    def _generate(self, generation: Generation) -> Any:
        if self.server.account.delay_seconds:
            time.sleep(self.server.account.delay_seconds)
        if self.server.backend is None:
            raise AWSError(503, "ServiceUnavailableException", "This test server was started without a model.")
        return self.server.backend.run(generation)

    def _send_error(self, error: AWSError, json_protocol: bool) -> None:
        if json_protocol:  # SageMaker's control plane: awsJson1.1 puts the code in __type
            self._send(error.status, json.dumps({"__type": error.code, "message": error.message}).encode(), {})
        else:  # restJson1: the code in a header
            self._send(error.status, json.dumps({"message": error.message}).encode(), {"x-amzn-ErrorType": error.code})

    def _send(self, status: int, payload: bytes, headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except ConnectionError:  # the client timed out and hung up
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def _json_body(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AWSError(400, "SerializationException", f"Invalid JSON: {error}") from None
    if not isinstance(body, dict):
        raise AWSError(400, "SerializationException", "The body must be a JSON object.")
    return body


# What boto3 would otherwise read: real credentials, profiles, roles, and the instance metadata service
# (a non-loopback call). Tests clear them all and give only the test keys.
_AWS_ENVIRONMENT = (
    "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_REGION",
    "AWS_DEFAULT_REGION", "AWS_BEARER_TOKEN_BEDROCK", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_BEDROCK", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL_SAGEMAKER",
    "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME",
)  # fmt: skip


def use_test_credentials(monkeypatch: Any, credentials: bool = True) -> None:
    """Only the test keys (or none), no profile files, no instance metadata: boto3 talks to loopback only."""
    for name in _AWS_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    if credentials:
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY)
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", TEST_SECRET_KEY)
    else:
        monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
        monkeypatch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)


@contextmanager
def serve_in_thread(
    backend: Backend | None, account: Account | None = None, host: str = "127.0.0.1", port: int = 0
) -> Iterator[AWSAPIServer]:
    """Serve from a daemon thread (port 0: a free port); stops on exit."""
    server = AWSAPIServer((host, port), backend, account)
    thread = threading.Thread(target=server.serve_forever, name="aws-api-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the embedded model over Bedrock's and SageMaker's APIs.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8787)
    args = parser.parse_args(argv)

    from chains.llm.embedded import load_llama
    from chains.llm.model_file import ensure_model_file

    print("Loading the model…", flush=True)
    backend = Backend(load_llama(ensure_model_file()), BEDROCK_MODEL)
    with serve_in_thread(backend, host=args.host, port=args.port) as server:
        print(f"Bedrock {BEDROCK_MODEL} and SageMaker {SAGEMAKER_ENDPOINT} on {server.base_url} (Ctrl-C stops)")
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
