"""Chat models on AWS through langchain-aws: Bedrock's Converse API, and a SageMaker endpoint's InvokeEndpoint
in the request format of the container that serves it.

SageMaker containers for open models speak one of two formats:
- "messages": OpenAI-style chat, `{"messages": [...], "max_tokens", ...}` -> `{"choices": [...], "usage"}`.
  vLLM, LMI (djl-inference) and TGI's Messages API accept it and apply the model's own chat template.
- "tgi": `{"inputs": prompt, "parameters": {...}}` -> `[{"generated_text": ...}]`, TGI's and LMI's text
  generation format. The chat turns become one prompt with `prompt_template` (chatml for Qwen).
A JSON schema the answer must follow goes as `response_format` (json_schema) in the first format and as TGI's
`grammar` (`{"type": "json", "value": schema}`) in the second.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from langchain_aws import ChatBedrockConverse
from langchain_aws.chat_models.sagemaker_endpoint import ChatModelContentHandler, ChatSagemakerEndpoint
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatResult

from chains.llm.aws_clients import control_client, runtime_client, session
from settings import ModelSettings


def build_aws_chat_model(settings: ModelSettings, max_tokens: int) -> BaseChatModel:
    if not settings.name:
        what = "endpoint name" if settings.backend == "sagemaker" else "model id"
        raise ValueError(f"The {settings.backend} backend needs the {what} ([model] name or TABLETALK_MODEL_NAME).")
    aws_session = session(settings)
    if settings.backend == "bedrock":
        return ChatBedrockConverse(
            model_id=settings.name,
            client=runtime_client(settings, aws_session),
            bedrock_client=control_client(settings, aws_session),
            temperature=0,
            max_tokens=max_tokens,
            # Converse only: ConverseStream would need bedrock:InvokeModelWithResponseStream too.
            disable_streaming=True,
        )
    return SageMakerChatModel(
        endpoint_name=settings.name,
        client=runtime_client(settings, aws_session),
        content_handler=content_handler(settings.request_format, settings.prompt_template),
        max_tokens=max_tokens,
    )


class SageMakerChatModel(ChatSagemakerEndpoint):
    """ChatSagemakerEndpoint with the sampling fields the chain sets (greedy by default) and usage reported."""

    temperature: float = 0.0
    max_tokens: int = 512
    seed: int | None = 0
    # The stream path reads a different wire format (server-sent lines) that these handlers do not parse.
    disable_streaming: bool = True

    @property
    def model_id(self) -> str:
        return self.endpoint_name

    def _format_messages_request(self, messages: list[BaseMessage], **kwargs: Any) -> dict[str, Any]:
        sampling = {"temperature": self.temperature, "max_tokens": self.max_tokens, "seed": self.seed}
        return super()._format_messages_request(messages, **{**sampling, **kwargs})

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        result = super()._generate(messages, None, run_manager, **({"stop": stop} if stop else {}), **kwargs)
        result.generations[0].message.response_metadata["model_name"] = self.endpoint_name
        return result


class MessagesFormat(ChatModelContentHandler):
    content_type = "application/json"
    accepts = "application/json"

    def transform_input(self, prompt: list[dict[str, Any]], model_kwargs: dict[str, Any]) -> bytes:
        body: dict[str, Any] = {
            "messages": [{"role": m["role"], "content": _text(m["content"])} for m in prompt],
            "max_tokens": model_kwargs["max_tokens"],
            "temperature": model_kwargs["temperature"],
        }
        if model_kwargs.get("seed") is not None:
            body["seed"] = model_kwargs["seed"]
        if model_kwargs.get("stop"):
            body["stop"] = model_kwargs["stop"]
        if model_kwargs.get("response_format"):
            body["response_format"] = model_kwargs["response_format"]
        return json.dumps(body).encode()

    def transform_output(self, output: Any) -> AIMessage:
        reply = json.loads(output.read())
        choice = reply["choices"][0]
        usage = reply.get("usage") or {}
        return AIMessage(
            content=choice["message"].get("content") or "",
            usage_metadata=_usage(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
            response_metadata={"finish_reason": choice.get("finish_reason")},
        )


class TgiFormat(ChatModelContentHandler):
    content_type = "application/json"
    accepts = "application/json"

    def __init__(self, template: str = "chatml") -> None:
        self.render = PROMPT_TEMPLATES[template]

    def transform_input(self, prompt: list[dict[str, Any]], model_kwargs: dict[str, Any]) -> bytes:
        temperature = model_kwargs["temperature"]
        parameters: dict[str, Any] = {
            "max_new_tokens": model_kwargs["max_tokens"],
            "do_sample": temperature > 0,
            "return_full_text": False,
            "details": True,
        }
        if temperature > 0:  # TGI refuses temperature 0: greedy is do_sample false
            parameters["temperature"] = temperature
        if model_kwargs.get("seed") is not None:
            parameters["seed"] = model_kwargs["seed"]
        if model_kwargs.get("stop"):
            parameters["stop"] = model_kwargs["stop"]
        if schema := _json_schema(model_kwargs.get("response_format")):
            parameters["grammar"] = {"type": "json", "value": schema}
        turns = [{"role": m["role"], "content": _text(m["content"])} for m in prompt]
        return json.dumps({"inputs": self.render(turns), "parameters": parameters}).encode()

    def transform_output(self, output: Any) -> AIMessage:
        reply = json.loads(output.read())
        generated = reply[0] if isinstance(reply, list) else reply  # TGI: a list of one; some LMI versions: one
        details = generated.get("details") or {}
        return AIMessage(
            content=generated.get("generated_text") or "",
            usage_metadata=_usage(len(details.get("prefill") or []), details.get("generated_tokens", 0)),
            response_metadata={"finish_reason": details.get("finish_reason")},
        )


def content_handler(request_format: str, prompt_template: str = "chatml") -> ChatModelContentHandler:
    if request_format == "tgi":
        return TgiFormat(prompt_template)
    return MessagesFormat()


def chatml(turns: list[dict[str, str]]) -> str:
    """Qwen's and many other open models' format."""
    body = "".join(f"<|im_start|>{t['role']}\n{t['content']}<|im_end|>\n" for t in turns)
    return body + "<|im_start|>assistant\n"


def llama3(turns: list[dict[str, str]]) -> str:
    """Llama 3.x instruct; the server's tokenizer adds <|begin_of_text|>."""
    body = "".join(f"<|start_header_id|>{t['role']}<|end_header_id|>\n\n{t['content']}<|eot_id|>" for t in turns)
    return body + "<|start_header_id|>assistant<|end_header_id|>\n\n"


def mistral(turns: list[dict[str, str]]) -> str:
    """Mistral instruct: no system role, so the system text leads the first user turn; the tokenizer adds <s>."""
    system = "\n\n".join(t["content"] for t in turns if t["role"] == "system")
    prompt, first = "", True
    for turn in (t for t in turns if t["role"] != "system"):
        if turn["role"] == "user":
            content = f"{system}\n\n{turn['content']}" if first and system else turn["content"]
            prompt += f"[INST] {content} [/INST]"
            first = False
        else:
            prompt += f"{turn['content']}</s>"
    return prompt


PROMPT_TEMPLATES: dict[str, Callable[[list[dict[str, str]]], str]] = {
    "chatml": chatml,
    "llama3": llama3,
    "mistral": mistral,
}


def _json_schema(response_format: dict[str, Any] | None) -> dict[str, Any] | None:
    """The schema of OpenAI's `{"type": "json_schema", "json_schema": {"schema": ...}}`."""
    if not response_format or response_format.get("type") != "json_schema":
        return None
    return response_format.get("json_schema", {}).get("schema")


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)


def _usage(prompt_tokens: int, completion_tokens: int) -> UsageMetadata:
    return UsageMetadata(
        input_tokens=prompt_tokens, output_tokens=completion_tokens, total_tokens=prompt_tokens + completion_tokens
    )
