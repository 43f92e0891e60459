"""A chat model bound to answer in JSON that follows a schema, by each backend's own means."""

from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.runnables import Runnable


def constrained_to(model: BaseChatModel, schema: dict, max_tokens: int) -> Runnable:
    """The embedded model compiles the schema to a llama.cpp grammar; Ollama takes it as `format`;
    OpenAI-compatible servers (vLLM, llama.cpp server), Bedrock (Converse's `outputConfig`) and SageMaker
    containers take OpenAI's `response_format`. Other backends answer in free text, which the request parser
    reads leniently."""
    kind = type(model).__name__
    if kind == "EmbeddedChatModel":
        return model.bind(response_format={"type": "json_object", "schema": schema}, max_tokens=max_tokens)
    if kind == "ChatOllama":
        return model.bind(format=schema, num_predict=max_tokens)
    if kind in ("ChatOpenAI", "ChatBedrockConverse", "SageMakerChatModel"):
        json_schema = {"name": "request", "schema": schema}
        return model.bind(response_format={"type": "json_schema", "json_schema": json_schema}, max_tokens=max_tokens)
    return model.bind(max_tokens=max_tokens)
