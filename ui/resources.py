"""Process-wide resources, shared by every browser session: the model loader and the warehouse choices.

Kept free of LangChain imports so the first page renders in a second or two; the chain itself is in
`ui.actions`, imported when the first question arrives.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from chains.llm.backends import Health, check_health
from chains.loader import ModelLoader
from chains.query_runner import QueryRunner
from chains.warehouses import open_warehouse, query_runner
from chains.warm_start import WarmStart
from connectors.errors import WarehouseError
from connectors.warehouse import Warehouse
from semantic.catalog import DEMO_WAREHOUSE, model_for
from semantic.starters import starter_questions
from semantic.yaml_io import SemanticModelError
from settings import ModelSettings, connection_urls, semantic_model_setting

WAREHOUSE_KEY = "warehouse"


@dataclass(frozen=True)
class WarehouseChoice:
    name: str
    url: str | None  # None: the bundled demo warehouse


@st.cache_resource(show_spinner=False)
def model_loader(settings: ModelSettings) -> ModelLoader:
    """The one loader per process and settings. Not started here: `streamlit_app.py` starts it once the
    first page is drawn, so loading does not compete with the first render (a question starts it too)."""
    return ModelLoader.for_settings(settings, start=False)


@st.cache_resource(show_spinner=False)
def warm_start(settings: ModelSettings) -> WarmStart:
    """The model loader, and each configured warehouse prepared once the model is loaded. Not started here:
    `streamlit_app.py` starts it once the first page is drawn. Its thread opens warehouses through
    `warehouse_for`, so the sidebar's schema re-read and the saved queries share them."""
    return WarmStart(model_loader(settings), {url: name for name, url in warehouse_choices().items()}, warehouse_for)


def start_warm_start(settings: ModelSettings) -> None:
    """Load the model and prepare the warehouses in the background; later calls do nothing. The thread runs
    in this script's context, so that Streamlit's caches serve it without warnings."""
    context = get_script_run_ctx()
    warm_start(settings).start(before=lambda thread: add_script_run_ctx(thread, context))


def reset_model() -> None:
    """Forget a failed model (and the warm start over it), so that the next page load tries again."""
    model_loader.clear()
    warm_start.clear()


@st.cache_data(ttl=30, show_spinner=False)
def model_health(settings: ModelSettings) -> Health:
    return check_health(settings)


def warehouse_choices() -> dict[str, str | None]:
    """The demo warehouse first (the default), then the configured connections by name."""
    return {DEMO_WAREHOUSE: None, **{name: url for name, url in connection_urls().items() if name != DEMO_WAREHOUSE}}


def selected_warehouse() -> WarehouseChoice:
    choices = warehouse_choices()
    name = st.session_state.get(WAREHOUSE_KEY)
    if name not in choices:
        name = DEMO_WAREHOUSE
    return WarehouseChoice(name, choices[name])


@st.cache_resource(show_spinner=False)
def warehouse_for(url: str | None) -> Warehouse:
    """One Warehouse per URL and process: its schema and value caches serve every session and page."""
    return open_warehouse(url)


def runner_for(url: str | None) -> QueryRunner:
    return query_runner(warehouse_for(url))


@st.cache_data(ttl=600, show_spinner=False)
def starters_for(name: str, url: str | None) -> list[str]:
    """Questions for an empty chat, from the warehouse's business definitions; none if it has no usable ones."""
    try:
        warehouse = warehouse_for(url)
        model, _source = model_for(name, warehouse.schema(), None, semantic_model_setting(name))
        return starter_questions(model, warehouse.dialect)
    except (SemanticModelError, WarehouseError) as error:
        logging.getLogger(__name__).warning("no starter questions for %s: %s", name, error)
        return []
