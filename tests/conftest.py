"""Shared fixtures: small real databases on disk, and the real embedded model loaded once per session."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

# The held-out warehouses' shared checks assert outside test files: show their values on failure too.
pytest.register_assert_rewrite("tests.heldout_checks")

ROWS = 1000


def sqlite_warehouse(path: Path, script: str):  # type: ignore[no-untyped-def]
    """A Warehouse over a new SQLite file made by `script` (CREATE and INSERT statements)."""
    from connectors.warehouse import Warehouse

    with sqlite3.connect(path) as connection:
        connection.executescript(script)
    connection.close()
    return Warehouse(f"sqlite:///{path}")


def require_server_url(variable: str) -> str:
    """A server URL from the environment: in CI a missing one fails the test, elsewhere it is a visible skip."""
    url = os.environ.get(variable)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{variable} is not set: CI must provide this server.")
    pytest.skip(f"{variable} is not set: no server to test against.")


def _fill(execute) -> None:  # type: ignore[no-untyped-def]
    execute("CREATE TABLE regions (region_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL)")
    execute(
        "CREATE TABLE sales (sale_id INTEGER PRIMARY KEY, region_id INTEGER REFERENCES regions(region_id), "
        "sold_on DATE, amount DECIMAL(10, 2))"
    )
    execute("INSERT INTO regions VALUES (1, 'Europe'), (2, 'Asia'), (3, 'Americas')")
    values = ", ".join(f"({n}, {n % 3 + 1}, '2024-{n % 12 + 1:02d}-15', {n % 50 + 0.5})" for n in range(ROWS))
    execute(f"INSERT INTO sales VALUES {values}")


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.sqlite"
    with sqlite3.connect(path) as connection:
        _fill(connection.execute)
    connection.close()
    return path


@pytest.fixture
def duckdb_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.duckdb"
    connection = duckdb.connect(str(path))
    _fill(connection.execute)
    connection.execute("COMMENT ON TABLE sales IS 'One row per sale'")
    connection.execute("COMMENT ON COLUMN sales.amount IS 'Sale amount in USD'")
    connection.close()
    return path


@pytest.fixture(scope="session")
def embedded_model() -> Iterator[object]:
    from chains.llm.backends import build_chat_model
    from settings import ModelSettings

    yield build_chat_model(ModelSettings(backend="embedded"))
