"""The app database, opened once per process and shared by every session."""

from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st

from chains.answer import Answer, Turn
from governance.access import Identity
from settings import app_settings
from store.audit import AuditEntry, AuditLog
from store.database import AppDatabaseError, open_app_database
from store.saved import SavedQueries, SavedQueryNotFound


def saved_queries() -> SavedQueries:
    """Raises AppDatabaseError (not cached, so the next rerun tries again) when the database cannot be used."""
    return _store_at(app_settings().database_url)


@st.cache_resource(show_spinner=False)
def _store_at(url: str) -> SavedQueries:
    return SavedQueries(open_app_database(url))


def audit_log() -> AuditLog:
    return AuditLog(saved_queries().engine)


def record(identity: Identity, connection: str, source: str, answer: Answer) -> None:
    """One audit entry per question or query run. A broken app database must not stop the answer, but it
    must be visible: the user is told the run was not logged."""
    entry = AuditEntry(
        user_name=identity.name,
        role=identity.role,
        connection=connection,
        source=source,
        question=answer.question,
        sql=answer.sql,
        outcome=str(answer.outcome),
        message=answer.message,
        rows=answer.row_count,
        seconds=round(answer.seconds, 3),
        prompt_tokens=answer.prompt_tokens,
        completion_tokens=answer.completion_tokens,
        model=answer.model,
        model_sql=answer.model_sql if answer.changes else None,
        changes=json.dumps([change.as_dict() for change in answer.changes]) if answer.changes else None,
    )
    try:
        audit_log().record(entry)
    except Exception as error:  # noqa: BLE001 - any store failure: say so, keep the answer
        st.toast(f"This run could not be written to the audit log: {error}", icon=":material/warning:")


def verified_pairs(connection: str) -> list[Turn]:
    """The verified question/SQL pairs of a warehouse, for the model's examples; none if the store is down."""
    try:
        return [Turn(q.question, q.sql) for q in saved_queries().verified(connection)]
    except AppDatabaseError:
        return []


def saved_queries_or_stop(page: str) -> SavedQueries:
    """The store for a page that cannot work without it: an error and a stopped page when it is down."""
    try:
        return saved_queries()
    except AppDatabaseError as error:
        st.error(f"{error} The {page} page is not available until it is fixed.", icon=":material/error:")
        st.stop()


def change_saved(action: Callable[..., object], *args: object) -> None:
    """One store change from a widget callback; a vanished query or a bad value becomes a toast."""
    try:
        action(*args)
    except (SavedQueryNotFound, ValueError, AppDatabaseError) as error:
        st.toast(str(error), icon=":material/error:")
