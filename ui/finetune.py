"""Export verified question/SQL pairs as a chat-format JSONL fine-tuning set, one file per warehouse."""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from chains.answer import Turn
from exports.files import file_name
from store.saved import SavedQueries, SavedQuery
from ui.resources import warehouse_choices, warehouse_for
from ui.view import plain


def render_finetune_export(store: SavedQueries) -> None:
    verified = store.verified()
    st.divider()
    st.subheader("Verified pairs")
    st.caption(
        f"{len(verified)} verified quer{'y' if len(verified) == 1 else 'ies'}. The model sees the most similar "
        "verified pairs as examples when it writes SQL, and they can be exported as a fine-tuning set "
        "(JSONL, chat format, with the same prompt the app uses)."
    )
    by_connection: dict[str, list[SavedQuery]] = defaultdict(list)
    for query in verified:
        by_connection[query.connection].append(query)
    choices = warehouse_choices()
    for connection, queries in by_connection.items():
        if connection not in choices:
            st.caption(f"{plain(connection)}: not configured any more, so its schema for the prompt is unknown.")
            continue
        st.download_button(
            f"Fine-tuning set for {connection} ({len(queries)} pairs)",
            data=_jsonl_maker(choices[connection], queries),
            file_name=file_name(f"finetune-{connection}", "jsonl"),
            mime="application/jsonl",
            key=f"finetune-{connection}",
            on_click="ignore",
            icon=":material/download:",
        )


def _jsonl_maker(url: str | None, queries: list[SavedQuery]):  # type: ignore[no-untyped-def]
    def make() -> bytes:
        from chains.finetune import finetune_jsonl  # late: LangChain's prompt classes

        pairs = [Turn(q.question, q.sql) for q in queries]
        return finetune_jsonl(pairs, warehouse_for(url).schema()).encode()

    return make
