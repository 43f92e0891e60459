"""Saved queries: find a kept answer, re-run it on today's data, rename it, edit its SQL, verify it,
pin it to the dashboard, delete it (with an undo)."""

from __future__ import annotations

import streamlit as st

from governance.access import display_name
from store.saved import SavedQueries, SavedQuery
from ui.finetune import render_finetune_export
from ui.identity import current_identity
from ui.saved_view import render_run, run_saved
from ui.store import change_saved, saved_queries_or_stop
from ui.view import plain

UNDO_KEY = "undo_delete"  # (id, title) of the query deleted last
OPEN_KEY = "open_saved_query"
RUNS_KEY = "saved_runs"  # query id -> StoredRun shown under it

st.title("Saved queries")
store = saved_queries_or_stop("Saved queries")


def _act(action, query_id: int, *args: object) -> None:  # type: ignore[no-untyped-def]
    """Run one store change from a widget callback; a vanished query or a bad value becomes a toast."""
    st.session_state[OPEN_KEY] = query_id
    change_saved(action, query_id, *args)


def _delete(query: SavedQuery) -> None:
    _act(store.delete, query.id)
    st.session_state[UNDO_KEY] = (query.id, query.title)
    st.session_state.get(RUNS_KEY, {}).pop(query.id, None)


def _undo() -> None:
    query_id, _title = st.session_state.pop(UNDO_KEY)
    _act(store.restore, query_id)


def _run(query: SavedQuery) -> None:
    st.session_state[OPEN_KEY] = query.id
    st.session_state.setdefault(RUNS_KEY, {})[query.id] = run_saved(query, current_identity())


def _rename(query_id: int) -> None:
    _act(store.rename, query_id, st.session_state[f"title-{query_id}"])


def _edit_sql(query_id: int) -> None:
    _act(store.update_sql, query_id, st.session_state[f"sql-{query_id}"])
    st.session_state.get(RUNS_KEY, {}).pop(query_id, None)


def _toggle_verified(query_id: int) -> None:
    _act(store.set_verified, query_id, st.session_state[f"verified-{query_id}"], current_identity().name)


def _toggle_pinned(query_id: int) -> None:
    _act(store.pin if st.session_state[f"pinned-{query_id}"] else store.unpin, query_id)


def _person(user_name: str | None) -> str:
    return "you" if user_name == current_identity().name else display_name(user_name or "someone")


def _render(query: SavedQuery, store: SavedQueries) -> None:
    marks = [query.connection, f"saved by {_person(query.author)}", f"{query.created_at:%Y-%m-%d %H:%M} UTC"]
    if query.verified:
        marks.append(f"verified by {_person(query.verified_by)}")
    with st.expander(plain(query.title), expanded=st.session_state.get(OPEN_KEY) == query.id):
        st.caption(" · ".join(marks))
        st.markdown(f"**Question:** {plain(query.question)}")
        run_slot, verified_slot, pin_slot, delete_slot = st.columns(4)
        run_slot.button("Run on current data", key=f"run-{query.id}", on_click=_run, args=(query,), type="primary")
        verified_slot.toggle(
            "Verified",
            value=query.verified,
            key=f"verified-{query.id}",
            on_change=_toggle_verified,
            args=(query.id,),
            help="Mark it when you have checked that the SQL answers the question. Verified questions teach the "
            "model: it sees the most similar ones as examples when it writes new SQL.",
        )
        pin_slot.toggle(
            "On the dashboard", value=query.pinned, key=f"pinned-{query.id}", on_change=_toggle_pinned, args=(query.id,)
        )
        delete_slot.button(
            "Delete", key=f"delete-{query.id}", on_click=_delete, args=(query,), icon=":material/delete:"
        )
        if (run := st.session_state.get(RUNS_KEY, {}).get(query.id)) is not None:
            render_run(query, run, key=f"saved-{query.id}")
        with st.popover("Rename or edit the SQL", icon=":material/edit:"):
            st.text_input("Title", value=query.title, key=f"title-{query.id}")
            st.button("Rename", key=f"rename-{query.id}", on_click=_rename, args=(query.id,))
            st.text_area("SQL", value=query.sql, key=f"sql-{query.id}", height=180)
            st.button("Save the SQL", key=f"save-sql-{query.id}", on_click=_edit_sql, args=(query.id,))
            st.caption("Editing the SQL clears the verified mark: what was checked was the old SQL.")


if UNDO_KEY in st.session_state:
    _deleted_id, deleted_title = st.session_state[UNDO_KEY]
    message_slot, undo_slot = st.columns([5, 1])
    message_slot.info(f"Deleted “{plain(deleted_title)}”.", icon=":material/delete:")
    undo_slot.button("Undo", on_click=_undo, icon=":material/undo:")

search = st.text_input("Search", placeholder="Words from the title, the question or the SQL")
queries = store.search(search)
if not queries:
    if search.strip():
        st.info("No saved query matches that search.")
    else:
        st.info("Nothing saved yet. In the chat, use **Save** under an answer to keep it here.")
for saved_query in queries:
    _render(saved_query, store)

render_finetune_export(store)
