"""The chat page: ask in plain English, get a sentence, a chart, a table and the SQL."""

from __future__ import annotations

import streamlit as st

from charts.intent import chart_request
from settings import model_settings
from ui.computed import PENDING_CHOICE_KEY, PENDING_KEY
from ui.history import chart_follow_up, exchanges
from ui.resources import selected_warehouse, starters_for
from ui.view import plain, render_answer, render_exchange

warehouse = selected_warehouse()
st.title("Ask your data")
st.caption(f"Plain-English questions, answered from **{plain(warehouse.name)}** by a model on your own machines.")


def _ask_example(text: str) -> None:
    st.session_state[PENDING_KEY] = text


history = exchanges()
# "disable": no second question can interrupt the one being answered (a rerun would stop it).
typed = st.chat_input("Ask a question about your data…", submit_mode="disable")
question = typed if typed is not None else st.session_state.pop(PENDING_KEY, None)
chosen = st.session_state.pop(PENDING_CHOICE_KEY, None) if typed is None else None

if not history and question is None and (starters := starters_for(warehouse.name, warehouse.url)):
    st.markdown("Try one of these, answered from the business definitions, or type your own question below:")
    for example in starters:
        st.button(example, on_click=_ask_example, args=(example,))

for exchange in history:
    render_exchange(exchange)

if question is not None:
    with st.chat_message("user"):
        st.markdown(plain(question) or "*(empty)*")
    with st.chat_message("assistant"):
        kind = chart_request(question)
        if kind:
            exchange = chart_follow_up(history, kind, question, warehouse)
            history.append(exchange)
        else:
            from ui.actions import answer_question  # late: the chain's imports are heavy (see ui.resources)

            exchange = answer_question(question, warehouse, model_settings(), chosen)
        render_answer(exchange)
