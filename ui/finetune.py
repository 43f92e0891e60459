"""Verified questions for training: a JSONL file per warehouse, for whoever fine-tunes the model."""

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
    st.subheader("Verified questions")
    st.caption(
        f"{len(verified)} verified quer{'y' if len(verified) == 1 else 'ies'}. They already help: the model sees "
        "the most similar ones as examples when it writes SQL. To go further, download them as a training file "
        "and give it to whoever runs your model server: training the model on your own checked questions "
        "(fine-tuning) makes it answer questions like them right without help. The file holds the questions, "
        "their SQL and the table descriptions the model is shown with them."
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
            f"Training file for {connection} ({len(queries)} question{'s' if len(queries) != 1 else ''}, JSONL)",
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
