"""The conversation of one browser session: every question with its answer, errors included."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from chains.answer import Answer, Outcome, Turn
from charts.choose import ChartSpec, chart_as
from ui.resources import WarehouseChoice

HISTORY_KEY = "exchanges"
# Follow-ups send at least this many earlier questions with their SQL (and fewer than twice as many).
MAX_FOLLOW_UP_TURNS = 3
INTERRUPTED = "This question was interrupted before it was answered (the page was used meanwhile). Ask it again."
NOTHING_TO_REDRAW = "There is no result to draw yet: ask a question first, then ask for another chart."
_PHRASES = {
    "line": "a line chart",
    "bar": "a bar chart",
    "pie": "a pie chart",
    "scatter": "a scatter chart",
    "number": "a big number",
    "table": "a table only",
}


@dataclass
class Exchange:
    id: int
    question: str
    answer: Answer
    warehouse: str
    warehouse_url: str | None
    chart: ChartSpec
    source: str = "question"  # "question", "redraw" (same result, other chart) or "edited_sql"
    note: str | None = None
    chart_version: int = 0  # bumped when the chart kind is switched (see ui.view.control_key)


def exchanges() -> list[Exchange]:
    return st.session_state.setdefault(HISTORY_KEY, [])


def next_id() -> int:
    return max((e.id for e in exchanges()), default=0) + 1


def follow_up_turns(history: list[Exchange], warehouse: str) -> list[Turn]:
    """The latest answered questions on this warehouse, oldest first, for "now only Europe" follow-ups.

    At least the last MAX_FOLLOW_UP_TURNS. The window grows by one turn a question and restarts only every
    MAX_FOLLOW_UP_TURNS questions: the prompt of a question then begins with the prompt of the one before,
    which the model's cache still holds (a window sliding by one would change the prompt after the schema
    and cost a prefill of every turn, seconds on each question)."""
    turns = [
        turn
        for exchange in history
        if exchange.warehouse == warehouse and exchange.source != "redraw"
        if (turn := exchange.answer.as_turn()) is not None
    ]
    start = max(0, len(turns) - MAX_FOLLOW_UP_TURNS) // MAX_FOLLOW_UP_TURNS * MAX_FOLLOW_UP_TURNS
    return turns[start:]


def last_result(history: list[Exchange]) -> Exchange | None:
    """The latest exchange with rows to draw."""
    return next((e for e in reversed(history) if e.answer.ok and e.answer.data is not None), None)


def chart_follow_up(history: list[Exchange], kind: str, request: str, warehouse: WarehouseChoice) -> Exchange:
    """ "as a pie chart": the last result redrawn, or a friendly word when there is nothing to redraw yet."""
    previous = last_result(history)
    if previous is not None:
        return redraw(previous, kind, request, next_id())
    answer = Answer(request, Outcome.EMPTY_QUESTION, message=NOTHING_TO_REDRAW)
    return Exchange(next_id(), request, answer, warehouse.name, warehouse.url, ChartSpec("table"))


def redraw(previous: Exchange, kind: str, request: str, exchange_id: int) -> Exchange:
    """The previous result drawn as another kind of chart: no model call, no query."""
    assert previous.answer.data is not None
    spec = chart_as(previous.answer.data, kind, previous.chart)
    if spec.kind == kind:
        note = f"Same result, as {_PHRASES[kind]}."
    else:
        note = f"{_PHRASES[kind].capitalize()} does not fit this result, so here it is as {_PHRASES[spec.kind]}."
    return Exchange(
        id=exchange_id,
        question=request,
        answer=previous.answer,
        warehouse=previous.warehouse,
        warehouse_url=previous.warehouse_url,
        chart=spec,
        source="redraw",
        note=note,
    )
