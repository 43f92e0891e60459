"""What was computed, under an answer: from the business definitions (and which), or SQL the model wrote."""

from __future__ import annotations

import streamlit as st

from chains.answer import Answer
from ui.text import plain


def render_how_computed(answer: Answer) -> None:
    if not answer.ok or not answer.explanation:
        return
    if answer.route == "definitions":
        st.caption(f":material/verified: **Computed from the business definitions:** {plain(answer.explanation)}")
    else:
        st.caption(f":material/edit_note: {plain(answer.explanation)}")
    for note in answer.notes:
        st.caption(f":material/info: {plain(note)}")
