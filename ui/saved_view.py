"""Saved queries re-run on today's data, drawn the way they were saved: shared by the Saved queries page
and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st

from chains.answer import Answer, Outcome
from charts.choose import saved_chart
from connectors.policy import Policy
from governance.access import Identity
from store.saved import SavedQuery
from ui.exports import render_exports
from ui.resources import runner_for, warehouse_choices
from ui.store import record
from ui.units import answer_units
from ui.view import draw_chart, draw_table, plain

RESULT_TTL_SECONDS = 600
LOGGED_KEY = "dashboard_logged_runs"


@dataclass(frozen=True)
class StoredRun:
    answer: Answer
    ran_at: datetime


def run_saved(query: SavedQuery, identity: Identity) -> StoredRun:
    """Run now, on the current data, as this user's role allows; logged."""
    run = _run(query.connection, query.sql, query.question, identity.policy)
    record(identity, query.connection, "saved_query", run.answer)
    return run


def dashboard_run(query: SavedQuery, identity: Identity) -> StoredRun:
    """The tile's result, shared between sessions for ten minutes or until Refresh; each view is logged once."""
    run = _cached_run(query.connection, query.sql, query.question, identity.policy)
    logged = st.session_state.setdefault(LOGGED_KEY, set())
    if (query.id, run.ran_at) not in logged:
        logged.add((query.id, run.ran_at))
        record(identity, query.connection, "dashboard", run.answer)
    return run


def refresh_dashboard() -> None:
    _cached_run.clear()


@st.cache_data(ttl=RESULT_TTL_SECONDS, show_spinner=False)
def _cached_run(connection: str, sql: str, question: str, policy: Policy) -> StoredRun:
    return _run(connection, sql, question, policy)


def _run(connection: str, sql: str, question: str, policy: Policy) -> StoredRun:
    choices = warehouse_choices()
    if connection not in choices:
        message = (
            f"The warehouse “{connection}” this query was saved on is not configured any more. "
            "Add it back under [connections] in .streamlit/secrets.toml."
        )
        return StoredRun(Answer(question, Outcome.WAREHOUSE_UNAVAILABLE, message=message, sql=sql), _now())
    return StoredRun(runner_for(choices[connection]).run_sql(sql, question=question, policy=policy), _now())


def render_run(query: SavedQuery, run: StoredRun, key: str, fold_table: bool = False) -> None:
    """The result drawn as saved; `fold_table` keeps the table in a closed expander (dashboard tiles)."""
    answer = run.answer
    if not answer.ok or answer.data is None:
        st.error(plain(answer.message or "The query did not run."), icon=":material/error:")
        return
    spec = saved_chart(answer.data, query.chart, query.question)
    units = answer_units(query.sql, warehouse_choices().get(query.connection))
    if not answer.data.empty:
        draw_chart(answer.data, spec, key=f"{key}-chart", units=units)
    if fold_table:
        with st.expander(f"Table ({len(answer.data):,} row{'s' if len(answer.data) != 1 else ''})"):
            draw_table(answer, units)
    else:
        draw_table(answer, units)
    st.caption(f"Data as of {run.ran_at:%Y-%m-%d %H:%M:%S} UTC, in {answer.seconds:.1f} s.")
    render_exports(answer.data, spec, query.title, key=f"{key}-export", units=units, tag=f"saved {query.id}")


def _now() -> datetime:
    return datetime.now(UTC)
