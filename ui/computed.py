"""Under an answer: what was computed and from which definitions; a clarifying question's choices; and, for an
admin, saving the definition a user chose so the next person is not asked again."""

from __future__ import annotations

import streamlit as st

from chains.answer import Answer
from semantic.catalog import model_for, save_model
from semantic.clarify import Choice, with_definition
from semantic.yaml_io import SemanticModelError, dump_model
from settings import semantic_model_setting
from ui.history import Exchange
from ui.identity import current_identity
from ui.resources import warehouse_for
from ui.text import plain

PENDING_KEY = "pending_question"
PENDING_CHOICE_KEY = "pending_choice"


def render_how_computed(exchange: Exchange) -> None:
    answer = exchange.answer
    if not answer.ok or not answer.explanation:
        return
    if answer.route == "definitions":
        st.caption(f":material/verified: **Computed from the business definitions:** {plain(answer.explanation)}")
    else:
        st.caption(f":material/edit_note: {plain(answer.explanation)}")
    for note in answer.notes:
        st.caption(f":material/info: {plain(note)}")
    chosen = answer.chosen
    if chosen is not None and chosen.definition is not None and current_identity().admin:
        st.button(
            f"Save “{chosen.definition.synonyms[0] if chosen.definition.synonyms else chosen.definition.name}” "
            "as a business definition",
            key=f"save-definition-{exchange.id}",
            icon=":material/bookmark_add:",
            on_click=_save_definition,
            args=(exchange, chosen),
            help=f"Adds the named filter “{chosen.label}” to this warehouse's business definitions.",
        )


def render_clarification(exchange: Exchange) -> None:
    clarification = exchange.answer.clarification
    assert clarification is not None
    st.markdown(plain(clarification.prompt))
    for position, choice in enumerate(clarification.choices):
        st.button(
            choice.label,
            key=f"choice-{exchange.id}-{position}",
            on_click=_choose,
            args=(exchange.question, choice),
        )


def _choose(question: str, choice: Choice) -> None:
    st.session_state[PENDING_KEY] = question
    st.session_state[PENDING_CHOICE_KEY] = choice


def _save_definition(exchange: Exchange, choice: Choice) -> None:
    name = exchange.warehouse
    try:
        warehouse = warehouse_for(exchange.warehouse_url)
        model, _source = model_for(name, warehouse.schema(), warehouse.text_values(), semantic_model_setting(name))
        path = save_model(name, dump_model(with_definition(model, choice)))
    except (SemanticModelError, OSError) as error:
        st.toast(f"Not saved: {error}", icon=":material/error:")
        return
    st.toast(f"Saved to {path}: the next question about it is answered with this definition.", icon=":material/check:")


def is_clarifying(answer: Answer) -> bool:
    return answer.clarification is not None and not answer.ok
