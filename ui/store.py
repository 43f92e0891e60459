"""The app database, opened once per process and shared by every session."""

from __future__ import annotations

import streamlit as st

from chains.answer import Turn
from settings import app_settings
from store.database import AppDatabaseError, open_app_database
from store.saved import SavedQueries


def saved_queries() -> SavedQueries:
    """Raises AppDatabaseError (not cached, so the next rerun tries again) when the database cannot be used."""
    return _store_at(app_settings().database_url)


@st.cache_resource(show_spinner=False)
def _store_at(url: str) -> SavedQueries:
    return SavedQueries(open_app_database(url))


def current_user() -> str:
    return app_settings().user


def verified_pairs(connection: str) -> list[Turn]:
    """The verified question/SQL pairs of a warehouse, for the model's examples; none if the store is down."""
    try:
        return [Turn(q.question, q.sql) for q in saved_queries().verified(connection)]
    except AppDatabaseError:
        return []
