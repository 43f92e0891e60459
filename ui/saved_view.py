"""Saved queries re-run on today's data, drawn the way they were saved: shared by the Saved queries page
and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st

from chains.answer import Answer, Outcome
from charts.choose import saved_chart
from store.saved import SavedQuery
from ui.exports import render_exports
from ui.resources import runner_for, warehouse_choices
from ui.view import draw_chart, draw_table, plain

RESULT_TTL_SECONDS = 600


@dataclass(frozen=True)
class StoredRun:
    answer: Answer
    ran_at: datetime


def run_saved(query: SavedQuery) -> StoredRun:
    """Run now, on the current data."""
    return _run(query.connection, query.sql, query.question)


@st.cache_data(ttl=RESULT_TTL_SECONDS, show_spinner=False)
def cached_run(connection: str, sql: str, question: str) -> StoredRun:
    """For the dashboard: one result per warehouse and SQL, kept for ten minutes or until Refresh."""
    return _run(connection, sql, question)


def _run(connection: str, sql: str, question: str) -> StoredRun:
    choices = warehouse_choices()
    if connection not in choices:
        message = (
            f"The warehouse “{connection}” this query was saved on is not configured any more. "
            "Add it back under [connections] in .streamlit/secrets.toml."
        )
        return StoredRun(Answer(question, Outcome.WAREHOUSE_UNAVAILABLE, message=message, sql=sql), _now())
    return StoredRun(runner_for(choices[connection]).run_sql(sql, question=question), _now())


def render_run(query: SavedQuery, run: StoredRun, key: str) -> None:
    answer = run.answer
    if not answer.ok or answer.data is None:
        st.error(plain(answer.message or "The query did not run."), icon=":material/error:")
        return
    spec = saved_chart(answer.data, query.chart, query.question)
    if not answer.data.empty:
        draw_chart(answer.data, spec, key=f"{key}-chart")
    draw_table(answer)
    st.caption(f"Data as of {run.ran_at:%Y-%m-%d %H:%M:%S} UTC, in {answer.seconds:.1f} s.")
    render_exports(answer.data, spec, query.title, key=f"{key}-export")


def _now() -> datetime:
    return datetime.now(UTC)
