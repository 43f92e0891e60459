"""What happens on a question or an edited query: the chain runs, the user sees each stage, history grows.

Imported when the first question arrives, not at page load: the chain pulls in LangChain, which takes
seconds to import.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.elements.lib.mutable_status_container import StatusContainer

from chains.answer import Answer, Outcome, Turn
from chains.loader import ModelUnavailable
from chains.sql_chain import SqlChain, unusable_question
from charts.choose import ChartSpec, choose_chart
from semantic.catalog import model_file
from semantic.clarify import Choice
from semantic.yaml_io import SemanticModelError
from settings import ModelSettings, semantic_model_setting
from ui.history import INTERRUPTED, Exchange, exchanges, follow_up_turns, next_id
from ui.identity import current_identity
from ui.resources import WarehouseChoice, runner_for, warm_start
from ui.store import record, verified_pairs

NO_CHART = ChartSpec("table")


def definitions_version(name: str) -> float:
    try:
        path = model_file(name, semantic_model_setting(name))
    except SemanticModelError:
        return -1.0  # a configured file that is missing: the chain logs it and answers without definitions
    return path.stat().st_mtime if path else 0.0


WAITING = "Waiting for the model to finish loading…"


def chain_for(warehouse_url: str | None, settings: ModelSettings, definitions_version: float = 0.0) -> SqlChain:
    """One chain per warehouse, all over the one loaded model (its lock serializes concurrent sessions);
    the warm start builds and prepares them in the background. `definitions_version`: when the warehouse's
    semantic model file last changed, so that a saved edit is used from the next question on."""
    return warm_start(settings).chain(warehouse_url, definitions_version)


def answer_question(
    question: str, warehouse: WarehouseChoice, settings: ModelSettings, chosen: Choice | None = None
) -> Exchange:
    """Ask the chain, showing the stage in a status box; the exchange is added to the history, whatever happens."""
    history = follow_up_turns(exchanges(), warehouse.name)
    # In the history before the work starts: if the user reruns the page meanwhile (another question, a
    # click), Streamlit stops this run, and the question stays with a note instead of vanishing.
    placeholder = Answer(question, Outcome.FAILED, message=INTERRUPTED)
    exchange = Exchange(next_id(), question, placeholder, warehouse.name, warehouse.url, NO_CHART)
    exchanges().append(exchange)
    answer = unusable_question(question)
    if answer is None:
        with st.status("Starting…") as status:
            answer = _ask(question, history, warehouse, settings, status, chosen)
            if answer.ok and answer.data is not None:
                status.update(label="Drawing the chart…")
                began = time.perf_counter()
                exchange.chart = choose_chart(answer.data, question)
                answer.timings["chart"] = time.perf_counter() - began
            if answer.ok:
                status.update(label=f"Answered in {answer.seconds:.1f} s", state="complete")
            elif answer.clarification is not None:
                status.update(label="One question before I answer", state="complete")
            else:
                status.update(label="No answer this time", state="error")
    exchange.answer = answer
    record(current_identity(), warehouse.name, "question", answer)
    return exchange


def run_edited_sql(previous: Exchange, sql: str) -> Exchange:
    """Run SQL the user edited, through the same guard, as a new exchange under the same question. No model
    is needed, so this works while the model is still loading."""
    identity = current_identity()
    answer = runner_for(previous.warehouse_url).run_sql(sql, question=previous.question, policy=identity.policy)
    record(identity, previous.warehouse, "edited_sql", answer)
    chart = choose_chart(answer.data, previous.question) if answer.ok and answer.data is not None else NO_CHART
    exchange = Exchange(
        next_id(), previous.question, answer, previous.warehouse, previous.warehouse_url, chart, source="edited_sql"
    )
    exchanges().append(exchange)
    return exchange


def _ask(
    question: str,
    history: list[Turn],
    warehouse: WarehouseChoice,
    settings: ModelSettings,
    status: StatusContainer,
    chosen: Choice | None = None,
) -> Answer:
    loader = warm_start(settings).loader
    try:
        if not loader.ready:
            status.update(label=WAITING)
            st.write(
                "The model is still loading (the first start assembles and verifies it). "
                "Your question is kept and answered as soon as the model is ready."
            )
            loader.wait(on_progress=lambda message: status.update(label=f"{WAITING} ({message})"))
        chain = chain_for(warehouse.url, settings, definitions_version(warehouse.name))
    except ModelUnavailable as error:
        return Answer(question, Outcome.MODEL_UNAVAILABLE, message=f"The model could not be loaded: {error}")
    try:
        return chain.ask(
            question,
            history,
            on_stage=lambda stage: status.update(label=f"{stage}…"),
            verified=verified_pairs(warehouse.name),
            policy=current_identity().policy,
            chosen=chosen,
        )
    except Exception as error:  # noqa: BLE001 - the user gets a sentence and keeps the conversation
        return Answer(question, Outcome.FAILED, message=f"Something went wrong while answering: {error}")
