"""The sidebar on every page: which warehouse, which model and whether it works, and where data goes."""

from __future__ import annotations

import streamlit as st

from chains.destinations import configured_model_id, model_endpoint, warehouse_display_name
from connectors.errors import WarehouseError
from governance.access import Identity, access_mode, display_name
from settings import ModelSettings
from ui.identity import sign_out
from ui.resources import (
    WAREHOUSE_KEY,
    model_health,
    reset_model,
    selected_warehouse,
    warehouse_choices,
    warehouse_for,
    warm_start,
)

LOADING = "Loading the model… (first start assembles and verifies it)"
PREPARING = "Preparing {name}: reading its schema and values, and the schema into the model, so that the first \
answer comes as fast as the next ones."
POLL_SECONDS = 1.5


def render_sidebar(settings: ModelSettings, identity: Identity) -> None:
    with st.sidebar:
        _who(identity)
        _warehouse()
        st.divider()
        st.markdown(f"**Model**  \n`{configured_model_id(settings)}`")
        warm = warm_start(settings)
        loading = not warm.loader.failed and not warm.ready(selected_warehouse().url)
        # Poll only while loading: the fragment redraws itself, then reruns the page once when done.
        st.fragment(_model_status, run_every=POLL_SECONDS if loading else None)(settings, loading)
        st.divider()
        _where_data_goes(settings)


def _who(identity: Identity) -> None:
    if access_mode() == "single":
        return
    st.caption(f"Signed in as **{display_name(identity.name)}** ({identity.role})")
    st.button("Sign out", on_click=sign_out, icon=":material/logout:")


def _warehouse() -> None:
    choices = warehouse_choices()
    st.selectbox(
        "Warehouse",
        list(choices),
        key=WAREHOUSE_KEY,
        help="Configured in .streamlit/secrets.toml ([connections.NAME] url) or TABLETALK_DB_URL.",
    )
    st.button(
        "Re-read the schema",
        on_click=_refresh_schema,
        icon=":material/refresh:",
        help="The schema and stored values are read once and kept; re-read them after the warehouse changed.",
    )


def _refresh_schema() -> None:
    warehouse = warehouse_for(selected_warehouse().url)
    try:
        with st.spinner("Reading the schema…"):
            tables = len(warehouse.schema(refresh=True).tables)
            warehouse.text_values(refresh=True)
    except WarehouseError as error:
        st.toast(f"The schema could not be read: {error}", icon=":material/error:")
        return
    st.toast(f"Schema re-read: {tables} tables.", icon=":material/check:")


def _model_status(settings: ModelSettings, was_loading: bool) -> None:
    warm = warm_start(settings)
    loader, choice = warm.loader, selected_warehouse()
    preparation = warm.preparations.get(choice.url)
    if loader.failed:
        st.error(f"The model could not be loaded: {loader.error}", icon=":material/error:")
        if st.button("Try loading again"):
            reset_model()
            st.rerun()
    elif not loader.ready:
        st.info(f"{LOADING}\n\n{loader.message}", icon=":material/hourglass_top:")
        if loader.fraction is not None and loader.fraction < 1:
            st.progress(loader.fraction)
    elif not warm.ready(choice.url):
        message = preparation.message if preparation else ""
        st.info(f"{PREPARING.format(name=choice.name)}\n\n{message}", icon=":material/hourglass_top:")
    else:
        health = model_health(settings)
        if health.ok:
            st.success(f"Ready. {health.message}", icon=":material/check_circle:")
        else:
            st.warning(health.message, icon=":material/warning:")
        if preparation and preparation.problem:
            st.caption(f"The warehouse could not be prepared: {preparation.problem}")
    if was_loading and (warm.ready(choice.url) or loader.failed):
        st.rerun()


def _where_data_goes(settings: ModelSettings) -> None:
    endpoint = model_endpoint(settings)
    model = f"the model server at `{endpoint}`" if endpoint else "the embedded model, inside this app (no network)"
    warehouse = selected_warehouse()
    st.markdown("**Where your data goes**")
    st.caption(
        f"Your questions and the warehouse's table descriptions go to {model}. "
        f"The SQL runs read-only on {warehouse.name} (`{warehouse_display_name(warehouse.url)}`). "
        "Nothing else leaves this machine: no telemetry, no CDN, no outside fonts."
    )
