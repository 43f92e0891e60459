"""Save an answer from the chat: its question, SQL, chart settings and warehouse, under a title."""

from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from store.database import AppDatabaseError
from store.saved import MAX_TITLE_CHARS
from ui.history import Exchange
from ui.identity import current_identity
from ui.store import saved_queries

SAVED_KEY = "saved_exchanges"  # exchange id -> saved query id, so the chat shows what is already saved


def render_save_button(exchange: Exchange) -> None:
    saved = st.session_state.setdefault(SAVED_KEY, {})
    label = "Saved" if exchange.id in saved else "Save"
    with st.popover(label, icon=":material/bookmark:"):
        st.text_input("Title", value=exchange.question[:MAX_TITLE_CHARS], key=_title_key(exchange))
        st.button("Save query", key=f"save-{exchange.id}", on_click=_save, args=(exchange,), type="primary")
        if exchange.id in saved:
            st.caption("Saved. Saving again keeps another copy with the chart as it is now.")


def _save(exchange: Exchange) -> None:
    answer = exchange.answer
    if not answer.sql:
        st.toast("There is no SQL to save for this answer.", icon=":material/warning:")
        return
    title = st.session_state.get(_title_key(exchange), "") or exchange.question
    try:
        saved = saved_queries().save(
            title=title,
            question=exchange.question,
            sql=answer.sql,
            connection=exchange.warehouse,
            author=current_identity().name,
            chart=asdict(exchange.chart),
        )
    except (AppDatabaseError, ValueError) as error:
        st.toast(f"Not saved: {error}", icon=":material/error:")
        return
    st.session_state.setdefault(SAVED_KEY, {})[exchange.id] = saved.id
    st.toast(f"Saved “{saved.title}”. Find it under Saved queries.", icon=":material/bookmark_added:")


def _title_key(exchange: Exchange) -> str:
    return f"save-title-{exchange.id}"
