"""Assemble a ready chain from configuration: the configured model and warehouse, or the defaults."""

from __future__ import annotations

import logging
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel

from chains.llm.backends import build_chat_model
from chains.llm.model_file import Progress
from chains.sql_chain import SqlChain
from chains.warehouses import open_warehouse
from connectors.errors import WarehouseError
from connectors.values import ValueIndex
from connectors.warehouse import Warehouse
from semantic.catalog import AUTO_DRAFT, DEMO_WAREHOUSE, model_for
from semantic.draft import draft_model
from semantic.spec import SemanticModel
from semantic.yaml_io import SemanticModelError
from settings import ModelSettings, model_settings, query_settings, semantic_model_setting

log = logging.getLogger(__name__)

__all__ = ["build_chain", "chain_over", "open_warehouse"]


def build_chain(
    db_url: str | None = None,
    settings: ModelSettings | None = None,
    progress: Progress | None = None,
    definitions: str | None = None,
) -> SqlChain:
    return chain_over(build_chat_model(settings or model_settings(), progress), db_url, definitions=definitions)


def chain_over(
    model: BaseChatModel,
    warehouse: Warehouse | str | None = None,
    name: str | None = None,
    definitions: str | None = None,
    **options: Any,
) -> SqlChain:
    """A chain over an already built model, so several warehouses can share one loaded model.

    Re-tries and drafts come from the query settings; `options` set other SqlChain fields (the benchmark
    switches parts of the chain off this way)."""
    named = name or (DEMO_WAREHOUSE if warehouse is None else None)
    if not isinstance(warehouse, Warehouse):
        warehouse = open_warehouse(warehouse)
    settings = query_settings()
    mode = definitions or settings.definitions
    semantic, drafted = semantic_model_for(warehouse, named or warehouse.display_name, mode)
    return SqlChain(
        model=model,
        warehouse=warehouse,
        semantic=semantic,
        # A draft only restates the schema: in the SQL prompt it would add tokens, not knowledge.
        definitions_in_prompt=not drafted,
        max_attempts=settings.max_attempts,
        drafts=settings.drafts,
        drafts_when=settings.drafts_when,
        **options,
    )


def semantic_model_for(warehouse: Warehouse, name: str, definitions: str) -> tuple[SemanticModel | None, bool]:
    """The connection's business definitions as `definitions` ("auto", "file", "draft", "off") allows, and
    whether they are the schema's draft; None when there are none to use. A written model that cannot be read
    is logged and not used, never replaced by a draft."""
    if definitions == "off":
        return None, False
    try:
        if definitions == "draft":
            return draft_model(warehouse.schema(), _values(warehouse), name=name), True
        model, source = model_for(name, warehouse.schema(), _values(warehouse), semantic_model_setting(name))
    except SemanticModelError as error:
        log.error("the semantic model of %s is not used: %s", name, error)
        return None, False
    except WarehouseError as error:
        log.warning("no semantic model for %s: its schema cannot be read (%s)", name, error)
        return None, False
    drafted = source == AUTO_DRAFT
    return (None, False) if definitions == "file" and drafted else (model, drafted)


def _values(warehouse: Warehouse) -> ValueIndex:
    try:
        return warehouse.text_values()
    except WarehouseError:
        return {}
