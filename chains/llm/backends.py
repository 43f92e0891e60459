"""Chat models by configuration, all behind LangChain's BaseChatModel, and a one-sentence health check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from chains.llm.model_file import ModelFileError, Progress, ensure_model_file, piece_paths
from settings import AWS_BACKENDS, ModelSettings

if TYPE_CHECKING:
    # Only for annotations: keeps check_health importable without loading LangChain (the page's first render).
    from langchain_core.language_models.chat_models import BaseChatModel

DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434"
DEFAULT_OLLAMA_MODEL = "qwen2.5-coder:1.5b"
MAX_TOKENS = 512


@dataclass(frozen=True)
class Health:
    ok: bool
    message: str


def build_chat_model(settings: ModelSettings, progress: Progress | None = None) -> BaseChatModel:
    """The configured chat model, deterministic (temperature 0) and with the configured timeout."""
    if settings.backend == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=settings.name or DEFAULT_OLLAMA_MODEL,
            base_url=settings.url or DEFAULT_OLLAMA_URL,
            temperature=0,
            seed=0,
            num_predict=MAX_TOKENS,
            num_ctx=8192,
            client_kwargs={"timeout": settings.timeout_seconds},
        )
    if settings.backend == "openai":
        from langchain_openai import ChatOpenAI

        if not settings.url:
            raise ValueError("The openai backend needs a server URL (TABLETALK_MODEL_URL or [model] url).")
        return ChatOpenAI(
            model=settings.name or "default",
            base_url=settings.url,
            api_key=settings.api_key or "not-needed",
            temperature=0,
            seed=0,
            max_tokens=MAX_TOKENS,
            timeout=settings.timeout_seconds,
            max_retries=0,
        )
    if settings.backend in AWS_BACKENDS:
        from chains.llm.aws_chat import build_aws_chat_model

        return build_aws_chat_model(settings, MAX_TOKENS)
    from chains.llm.embedded import EmbeddedChatModel

    return EmbeddedChatModel(model_path=ensure_model_file(settings.cache_dir, progress), max_tokens=MAX_TOKENS)


def model_id(model: BaseChatModel) -> str:
    for attribute in ("model_id", "model_name", "model"):
        value = getattr(model, attribute, None)
        if isinstance(value, str) and value:
            return value
    return type(model).__name__


def check_health(settings: ModelSettings) -> Health:
    """Is the configured model usable? The message says in one sentence what is wrong, if anything."""
    try:
        if settings.backend == "ollama":
            return _ollama_health(settings.url or DEFAULT_OLLAMA_URL, settings.name or DEFAULT_OLLAMA_MODEL)
        if settings.backend == "openai":
            return _openai_health(settings)
        if settings.backend in AWS_BACKENDS:
            from chains.llm.aws_health import aws_health

            return Health(*aws_health(settings))
        piece_paths()
        return Health(True, "The embedded model is installed and runs in this process.")
    except ModelFileError as error:
        return Health(False, str(error))


def _ollama_health(url: str, name: str) -> Health:
    try:
        response = httpx.get(f"{url.rstrip('/')}/api/tags", timeout=5)
    except httpx.HTTPError as error:
        return Health(False, f"The Ollama server at {url} is not reachable ({type(error).__name__}): is it running?")
    if response.status_code != 200:
        return Health(False, f"{url} answered HTTP {response.status_code} to /api/tags: is it an Ollama server URL?")
    try:
        names = {m.get("name") for m in response.json().get("models", [])} | {
            m.get("model") for m in response.json().get("models", [])
        }
    except ValueError:
        return Health(False, f"{url} did not answer like an Ollama server: check the URL.")
    if name not in names and f"{name}:latest" not in names:
        return Health(False, f"The model {name} is not pulled on the Ollama server at {url}: run `ollama pull {name}`.")
    return Health(True, f"Ollama at {url} serves {name}.")


def _openai_health(settings: ModelSettings) -> Health:
    if not settings.url:
        return Health(False, "The openai backend needs a server URL (TABLETALK_MODEL_URL or [model] url).")
    url = settings.url.rstrip("/")
    headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
    try:
        response = httpx.get(f"{url}/models", headers=headers, timeout=5)
    except httpx.HTTPError as error:
        return Health(False, f"The model server at {url} is not reachable ({type(error).__name__}): is it running?")
    if response.status_code in (401, 403):
        return Health(False, f"The model server at {url} refused the API key (HTTP {response.status_code}).")
    if response.status_code != 200:
        return Health(False, f"{url}/models answered HTTP {response.status_code}: is the URL the server's /v1 base?")
    try:
        served = [m.get("id") for m in response.json().get("data", [])]
    except ValueError:
        return Health(False, f"{url} did not answer like an OpenAI-compatible server: check the URL.")
    if settings.name and settings.name not in served:
        return Health(
            False, f"The server at {url} does not serve {settings.name}; it serves {', '.join(served) or 'nothing'}."
        )
    return Health(True, f"The server at {url} serves {settings.name or ', '.join(served)}.")
