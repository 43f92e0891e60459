"""The line under an answer's SQL that says what mending changed, with the model's own query one click away."""

from __future__ import annotations

import streamlit as st

from chains.answer import Answer
from chains.mending import described

ADJUSTED = "Adjusted automatically: "


def render_adjustments(answer: Answer, key: str) -> None:
    """Nothing when the SQL ran as the model wrote it."""
    changes = answer.changes
    if not changes:
        return
    st.caption(ADJUSTED + described(changes), help="Rules that rewrote the model's SQL before it ran.")
    with st.expander("The model's own SQL", key=f"model-sql-{key}"):
        st.code(answer.model_sql or "", language="sql")
