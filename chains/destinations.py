"""Where a question's data goes, as text safe to show: the model endpoint and the warehouse.

Nothing here opens a connection or loads a model, and no password or API key is ever in the text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import make_url

from chains.llm.backends import DEFAULT_OLLAMA_MODEL, DEFAULT_OLLAMA_URL
from chains.llm.model_file import MODEL_FILENAME
from connectors.demo import default_demo_path
from settings import AWS_BACKENDS, ModelSettings

_SECRET_KEY = re.compile(r"pass|secret|token|key|credential", re.IGNORECASE)


def configured_model_id(settings: ModelSettings) -> str:
    """The model's name as `model_id` will report it once built."""
    if settings.backend == "ollama":
        return settings.name or DEFAULT_OLLAMA_MODEL
    if settings.backend == "openai":
        return settings.name or "default"
    if settings.backend in AWS_BACKENDS:
        return settings.name or ""
    return MODEL_FILENAME.removesuffix(".gguf")


def model_endpoint(settings: ModelSettings) -> str | None:
    """The server URL questions and the schema are sent to, without credentials; None for the embedded model."""
    if settings.backend == "embedded":
        return None
    if settings.backend in AWS_BACKENDS:
        url = aws_runtime_url(settings)
    else:
        url = settings.url or (DEFAULT_OLLAMA_URL if settings.backend == "ollama" else "")
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", "")) or url


def warehouse_display_name(url: str | None = None) -> str:
    """What `open_warehouse(url).display_name` shows, without opening it (or building the demo file)."""
    parsed = make_url(url or f"duckdb:///{default_demo_path().absolute().as_posix()}")
    query = {key: "hidden" if _SECRET_KEY.search(key) else value for key, value in parsed.query.items()}
    return parsed.set(query=query).render_as_string(hide_password=True)


def aws_runtime_url(settings: ModelSettings) -> str:
    """The runtime API questions go to: the configured VPC endpoint, else the region's public name (which a
    VPC interface endpoint with private DNS resolves to a private address)."""
    if settings.endpoint_url:
        return settings.endpoint_url
    service = "runtime.sagemaker" if settings.backend == "sagemaker" else "bedrock-runtime"
    return f"https://{service}.{settings.region or 'aws-default-region'}.amazonaws.com"
