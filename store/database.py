"""Open the app database and bring its schema to the latest migration, keeping existing data.

A SQLite file by default (WAL, so readers never block the one writer; a busy timeout, so two sessions
saving at once wait for each other instead of failing), PostgreSQL when several app instances share it.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_SECONDS = 30
# Any fixed number: PostgreSQL instances starting together take this lock so only one migrates at a time.
_MIGRATION_LOCK_ID = 7_204_351


class AppDatabaseError(Exception):
    """The app database cannot be opened or migrated; the message says which and why."""


def open_app_database(url: str) -> Engine:
    try:
        engine = _engine(url)
        migrate(engine)
    except Exception as error:
        raise AppDatabaseError(f"The app database at {_safe(url)} cannot be used: {_reason(error)}") from error
    return engine


def migrate(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
        cursor.close()

    return engine


def _reason(error: Exception) -> str:
    """The driver's own first line (SQLAlchemy's wrapper adds the statement and a link)."""
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as nothing more than that
        return "the configured URL"
