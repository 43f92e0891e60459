"""SQLAlchemy engines that are read-only at the connection, whatever SQL reaches them.

This is the second layer of read-only safety; the parsed-SQL guard is the first.
- SQLite: opened with `mode=ro`, so the file cannot be written by this connection.
- DuckDB: `read_only`, external (file and network) access off, extensions not auto-loaded, and the
  configuration locked so a statement cannot turn any of it back on.
- PostgreSQL: every transaction read-only, and a server-side `statement_timeout`.
- MySQL/MariaDB: every transaction read-only, and a server-side execution time limit.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url

# SQLAlchemy backend name -> sqlglot dialect name.
SQLGLOT_DIALECTS = {
    "sqlite": "sqlite",
    "duckdb": "duckdb",
    "postgresql": "postgres",
    "mysql": "mysql",
    "mariadb": "mysql",
    "snowflake": "snowflake",
    "bigquery": "bigquery",
    "trino": "trino",
    "presto": "presto",
    "databricks": "databricks",
    "redshift": "redshift",
    "mssql": "tsql",
    "oracle": "oracle",
}


def sqlglot_dialect(url: str | URL) -> str:
    backend = make_url(url).get_backend_name()
    return SQLGLOT_DIALECTS.get(backend, backend)


def create_read_only_engine(url: str | URL, timeout_seconds: float = 30.0) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "duckdb":
        return _duckdb_engine(parsed)
    if backend == "postgresql":
        return _postgres_engine(parsed, timeout_seconds)
    if backend in ("mysql", "mariadb"):
        return _mysql_engine(parsed, timeout_seconds)
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_engine(url: URL) -> Engine:
    database = url.database
    if not database or database == ":memory:":
        raise ValueError("A read-only SQLite warehouse needs a database file path.")
    if not Path(database).is_file():
        raise FileNotFoundError(f"No SQLite database file at {database}.")

    def connect() -> sqlite3.Connection:
        # check_same_thread=False: the query watchdog interrupts from another thread.
        return sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)

    return create_engine("sqlite://", creator=connect)


def _duckdb_engine(url: URL) -> Engine:
    config: dict[str, Any] = {
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "lock_configuration": True,
    }
    return create_engine(url, connect_args={"read_only": True, "config": config})


def _postgres_engine(url: URL, timeout_seconds: float) -> Engine:
    options = f"-c default_transaction_read_only=on -c statement_timeout={int(timeout_seconds * 1000)}"
    return create_engine(url, connect_args={"options": options, "connect_timeout": 10}, pool_pre_ping=True)


def _mysql_engine(url: URL, timeout_seconds: float) -> Engine:
    engine = create_engine(url, connect_args={"connect_timeout": 10}, pool_pre_ping=True)

    @event.listens_for(engine, "connect")
    def _read_only_session(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("SET SESSION TRANSACTION READ ONLY")
        # MySQL counts milliseconds for SELECTs, MariaDB seconds for any statement; each ignores the other.
        for statement in (
            f"SET SESSION max_execution_time = {int(timeout_seconds * 1000)}",
            f"SET SESSION max_statement_time = {timeout_seconds:.3f}",
        ):
            # The variable that fails belongs to the other server family.
            with contextlib.suppress(Exception):
                cursor.execute(statement)
        cursor.close()

    return engine
