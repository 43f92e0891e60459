"""The dashboard: pinned saved queries as a grid of live charts, in the order the user sets."""

from __future__ import annotations

import streamlit as st

from store.saved import SavedQuery
from ui.identity import current_identity
from ui.saved_view import dashboard_run, refresh_dashboard, render_run
from ui.store import change_saved, saved_queries_or_stop
from ui.view import plain

MAX_COLUMNS = 3  # tiles a row: three for three or five and more, else two (no tile alone on a row of three)

st.title("Dashboard")
store = saved_queries_or_stop("dashboard")


def _tile(query: SavedQuery, position: int, count: int) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(query.title)}**")
        render_run(query, dashboard_run(query, current_identity()), key=f"tile-{query.id}", fold_table=True)
        with st.popover("Arrange", icon=":material/swap_horiz:"):
            _arrange(query, position, count)


def _arrange(query: SavedQuery, position: int, count: int) -> None:
    """Move the tile one place earlier or later, or take it off the dashboard."""
    st.button(
        "Earlier",
        key=f"earlier-{query.id}",
        on_click=change_saved,
        args=(store.move, query.id, -1),
        disabled=position == 0,
        icon=":material/arrow_back:",
    )
    st.button(
        "Later",
        key=f"later-{query.id}",
        on_click=change_saved,
        args=(store.move, query.id, 1),
        disabled=position == count - 1,
        icon=":material/arrow_forward:",
    )
    st.button("Unpin", key=f"unpin-{query.id}", on_click=change_saved, args=(store.unpin, query.id))


pinned = store.pinned()
if not pinned:
    st.info("Nothing pinned yet. On the Saved queries page, switch on **On the dashboard** for a query.")
    st.stop()

st.button("Refresh all", on_click=refresh_dashboard, icon=":material/refresh:", help="Run every query again now.")
columns = MAX_COLUMNS if len(pinned) > 4 or len(pinned) == 3 else 2
for start in range(0, len(pinned), columns):
    for slot, (offset, query) in zip(st.columns(columns), enumerate(pinned[start : start + columns]), strict=False):
        with slot:
            _tile(query, start + offset, len(pinned))
