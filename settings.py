"""Configuration from `.streamlit/secrets.toml` and environment variables (the environment wins).

Read with tomllib rather than `st.secrets` so the command line, the benchmark and the tests see the
same settings as the app without importing Streamlit.

    [model]
    backend = "embedded"            # or "ollama", "openai", "sagemaker", "bedrock"
    name = "qwen2.5-coder:1.5b"     # model name on an Ollama / OpenAI-compatible server; SageMaker
                                    # endpoint name; Bedrock model id
    url = "http://127.0.0.1:11434"  # that server's base URL
    timeout_seconds = 120
    region = "eu-central-1"         # sagemaker / bedrock; else the AWS default chain's region
    endpoint_url = "https://vpce-…" # sagemaker / bedrock: the runtime's VPC interface endpoint, if not private DNS
    request_format = "messages"     # sagemaker: "messages" (OpenAI-style) or "tgi" ({"inputs", "parameters"})

    [connections.sales]             # Streamlit's st.connection layout; several allowed
    url = "postgresql://reader@db.internal/sales"
    semantic_model = "models/sales.yaml"  # its business definitions (default: var/semantic_models/sales.yaml)

    [app]
    database_url = "sqlite:////srv/tabletalk/app.sqlite"  # saved queries etc.; PostgreSQL to share
    user = "ana"                               # the author of saved queries in single-user mode
    data_dir = "/srv/tabletalk/var"            # files the app writes (semantic models); default ./var
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent
SECRETS_ENV = "TABLETALK_SECRETS"
BACKENDS = ("embedded", "ollama", "openai", "sagemaker", "bedrock")
AWS_BACKENDS = ("sagemaker", "bedrock")
SAGEMAKER_FORMATS = ("messages", "tgi")
TEMPLATE_NAMES = ("chatml", "llama3", "mistral")
DRAFTS_WHEN = ("always", "unsure")


@dataclass(frozen=True)
class ModelSettings:
    backend: str = "embedded"
    name: str | None = None
    url: str | None = None
    api_key: str | None = None
    timeout_seconds: float = 120.0
    cache_dir: Path | None = None
    # AWS (sagemaker, bedrock). Credentials come only from the standard AWS chain, never from here.
    region: str | None = None
    endpoint_url: str | None = None  # the runtime API: a VPC interface endpoint's URL, when not private DNS
    control_endpoint_url: str | None = None  # the Describe calls of the health check (sagemaker.api / bedrock)
    request_format: str = "messages"  # sagemaker: "messages" (OpenAI-style chat) or "tgi" (inputs/parameters)
    prompt_template: str = "chatml"  # sagemaker "tgi": how chat turns become one prompt string


@dataclass(frozen=True)
class QuerySettings:
    row_cap: int = 10_000
    timeout_seconds: float = 30.0
    max_attempts: int = 2
    drafts: int = 1
    drafts_when: str = "always"  # or "unsure": only when the first greedy query needed a re-try
    # Business definitions: "auto" (the connection's semantic model file, else one drafted from the schema),
    # "file" (only a written file), "draft" (always the draft, to measure it), "off".
    definitions: str = "auto"


@dataclass(frozen=True)
class AppSettings:
    database_url: str
    user: str


def secrets_path() -> Path:
    return Path(os.environ.get(SECRETS_ENV, PROJECT_ROOT / ".streamlit" / "secrets.toml"))


@lru_cache(maxsize=4)
def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text())
    except FileNotFoundError:
        return {}


def secrets() -> dict[str, Any]:
    return _read_toml(secrets_path())


def _env(name: str) -> str | None:
    value = os.environ.get(f"TABLETALK_{name}")
    return value if value not in (None, "") else None


def model_settings(**overrides: Any) -> ModelSettings:
    section = secrets().get("model", {})
    backend = (overrides.get("backend") or _env("MODEL_BACKEND") or section.get("backend") or "embedded").lower()
    if backend not in BACKENDS:
        raise ValueError(f"Unknown model backend {backend!r}: choose one of {', '.join(BACKENDS)}.")
    cache = overrides.get("cache_dir") or _env("MODEL_CACHE") or section.get("cache_dir")
    configured_name = section.get("name") or section.get("endpoint_name") or section.get("model_id")
    return ModelSettings(
        backend=backend,
        name=overrides.get("name") or _env("MODEL_NAME") or configured_name,
        url=overrides.get("url") or _env("MODEL_URL") or section.get("url"),
        api_key=_env("MODEL_API_KEY") or section.get("api_key"),
        timeout_seconds=float(_env("MODEL_TIMEOUT") or section.get("timeout_seconds", 120)),
        cache_dir=Path(cache).expanduser() if cache else None,
        region=_env("MODEL_REGION") or section.get("region"),
        endpoint_url=_env("MODEL_ENDPOINT_URL") or section.get("endpoint_url"),
        control_endpoint_url=_env("MODEL_CONTROL_ENDPOINT_URL") or section.get("control_endpoint_url"),
        request_format=_choice("MODEL_REQUEST_FORMAT", section.get("request_format", "messages"), SAGEMAKER_FORMATS),
        prompt_template=_choice("MODEL_PROMPT_TEMPLATE", section.get("prompt_template", "chatml"), TEMPLATE_NAMES),
    )


def query_settings() -> QuerySettings:
    section = secrets().get("query", {})
    return QuerySettings(
        row_cap=int(_env("ROW_CAP") or section.get("row_cap", 10_000)),
        timeout_seconds=float(_env("QUERY_TIMEOUT") or section.get("timeout_seconds", 30)),
        max_attempts=int(_env("MAX_ATTEMPTS") or section.get("max_attempts", 2)),
        drafts=max(1, int(_env("DRAFTS") or section.get("drafts", 1))),
        drafts_when=_choice("DRAFTS_WHEN", section.get("drafts_when", "always"), DRAFTS_WHEN),
        definitions=_choice("DEFINITIONS", section.get("definitions", "auto"), DEFINITIONS),
    )


DEFINITIONS = ("auto", "file", "draft", "off")


def _choice(name: str, configured: str, allowed: tuple[str, ...]) -> str:
    value = _env(name) or configured
    if value not in allowed:
        raise ValueError(f"TABLETALK_{name} / {name.lower()} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def connection_urls() -> dict[str, str]:
    """Configured warehouses by name: `[connections.NAME] url=…` plus `TABLETALK_DB_URL` as "default"."""
    urls = {name: str(conf["url"]) for name, conf in secrets().get("connections", {}).items() if "url" in conf}
    if env_url := _env("DB_URL"):
        urls = {"default": env_url, **{k: v for k, v in urls.items() if k != "default"}}
    return urls


def semantic_model_setting(connection: str) -> str | None:
    """The semantic model file configured for a connection (`[connections.NAME] semantic_model`), if any."""
    value = secrets().get("connections", {}).get(connection, {}).get("semantic_model")
    return str(value) if value else None


def data_dir() -> Path:
    """Where the app writes its own files: `TABLETALK_DATA_DIR`, `[app] data_dir`, or ./var."""
    configured = _env("DATA_DIR") or secrets().get("app", {}).get("data_dir")
    return Path(configured).expanduser() if configured else PROJECT_ROOT / "var"


def app_settings() -> AppSettings:
    """Where the app keeps its own state, and who the single user is until sign-in is configured."""
    section = secrets().get("app", {})
    url = _env("APP_DB_URL") or section.get("database_url") or f"sqlite:///{PROJECT_ROOT / 'var' / 'app.sqlite'}"
    return AppSettings(database_url=str(url), user=str(_env("USER") or section.get("user") or _login_name()))


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. an arbitrary container UID
        return "local user"
