"""Assemble a ready chain from configuration: the configured model and warehouse, or the defaults."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel

from chains.llm.backends import build_chat_model
from chains.llm.model_file import Progress
from chains.sql_chain import SqlChain
from chains.warehouses import open_warehouse
from connectors.warehouse import Warehouse
from settings import ModelSettings, model_settings, query_settings

__all__ = ["build_chain", "chain_over", "open_warehouse"]


def build_chain(
    db_url: str | None = None, settings: ModelSettings | None = None, progress: Progress | None = None
) -> SqlChain:
    return chain_over(build_chat_model(settings or model_settings(), progress), db_url)


def chain_over(model: BaseChatModel, warehouse: Warehouse | str | None = None, **options: Any) -> SqlChain:
    """A chain over an already built model, so several warehouses can share one loaded model.

    Re-tries and drafts come from the query settings; `options` set other SqlChain fields (the benchmark
    switches parts of the chain off this way)."""
    if not isinstance(warehouse, Warehouse):
        warehouse = open_warehouse(warehouse)
    settings = query_settings()
    return SqlChain(
        model=model,
        warehouse=warehouse,
        max_attempts=settings.max_attempts,
        drafts=settings.drafts,
        drafts_when=settings.drafts_when,
        **options,
    )
