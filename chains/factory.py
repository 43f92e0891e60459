"""Assemble a ready chain from configuration: the configured model and warehouse, or the defaults."""

from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel

from chains.llm.backends import build_chat_model
from chains.llm.model_file import Progress
from chains.sql_chain import SqlChain
from connectors.demo import demo_url
from connectors.warehouse import Warehouse
from settings import ModelSettings, model_settings, query_settings


def open_warehouse(url: str | None = None) -> Warehouse:
    """The warehouse at `url`, or the bundled demo warehouse (built on first use)."""
    limits = query_settings()
    return Warehouse(url or demo_url(), row_cap=limits.row_cap, timeout_seconds=limits.timeout_seconds)


def build_chain(
    db_url: str | None = None, settings: ModelSettings | None = None, progress: Progress | None = None
) -> SqlChain:
    return chain_over(build_chat_model(settings or model_settings(), progress), db_url)


def chain_over(model: BaseChatModel, db_url: str | None = None) -> SqlChain:
    """A chain over an already built model, so several warehouses can share one loaded model."""
    return SqlChain(model=model, warehouse=open_warehouse(db_url), max_attempts=query_settings().max_attempts)
