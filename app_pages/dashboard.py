"""The dashboard: pinned saved queries as a grid of live charts, in the order the user sets."""

from __future__ import annotations

import streamlit as st

from store.database import AppDatabaseError
from store.saved import SavedQuery, SavedQueryNotFound
from ui.identity import current_identity
from ui.saved_view import dashboard_run, refresh_dashboard, render_run
from ui.store import saved_queries
from ui.view import plain

COLUMNS = 2

st.title("Dashboard")
try:
    store = saved_queries()
except AppDatabaseError as error:
    st.error(f"{error} The dashboard is not available until it is fixed.", icon=":material/error:")
    st.stop()


def _change(action, query_id: int, *args: object) -> None:  # type: ignore[no-untyped-def]
    try:
        action(query_id, *args)
    except (SavedQueryNotFound, AppDatabaseError) as error:
        st.toast(str(error), icon=":material/error:")


def _tile(query: SavedQuery, position: int, count: int) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(query.title)}**")
        render_run(query, dashboard_run(query, current_identity()), key=f"tile-{query.id}")
        earlier, later, unpin = st.columns(3)
        earlier.button(
            "Earlier",
            key=f"earlier-{query.id}",
            on_click=_change,
            args=(store.move, query.id, -1),
            disabled=position == 0,
            icon=":material/arrow_back:",
        )
        later.button(
            "Later",
            key=f"later-{query.id}",
            on_click=_change,
            args=(store.move, query.id, 1),
            disabled=position == count - 1,
            icon=":material/arrow_forward:",
        )
        unpin.button("Unpin", key=f"unpin-{query.id}", on_click=_change, args=(store.unpin, query.id))


pinned = store.pinned()
if not pinned:
    st.info("Nothing pinned yet. On the Saved queries page, switch on **On the dashboard** for a query.")
    st.stop()

st.button("Refresh all", on_click=refresh_dashboard, icon=":material/refresh:", help="Run every query again now.")
for start in range(0, len(pinned), COLUMNS):
    for slot, (offset, query) in zip(st.columns(COLUMNS), enumerate(pinned[start : start + COLUMNS]), strict=False):
        with slot:
            _tile(query, start + offset, len(pinned))
