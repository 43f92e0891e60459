"""Running SQL for scoring: a read-only SQLite connection of our own with a time limit, and DataFrames as rows."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pandas as pd

Row = tuple[Any, ...]


class ExecutionError(Exception):
    """The query failed or ran out of time; str() says which."""


def run_readonly(db_path: Path, sql: str, timeout_seconds: float) -> list[Row]:
    """Every row of `sql` (no cap), or ExecutionError. The connection cannot write the file."""
    connection = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    # As Spider's evaluator does: a stray invalid UTF-8 byte in a database must not fail the query.
    connection.text_factory = lambda data: data.decode(errors="ignore")
    deadline = time.monotonic() + timeout_seconds
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        return connection.execute(sql).fetchall()
    except (sqlite3.Error, sqlite3.Warning) as error:
        if time.monotonic() > deadline:
            raise ExecutionError(f"The query ran longer than {timeout_seconds:g} s and was cancelled.") from error
        raise ExecutionError(str(error) or type(error).__name__) from error
    finally:
        connection.close()


def frame_rows(frame: pd.DataFrame) -> list[Row]:
    """A result DataFrame back as tuples of plain Python values: numpy scalars unwrapped, NaN/NA as None."""
    return [tuple(_plain(value) for value in row) for row in frame.itertuples(index=False, name=None)]


def _plain(value: Any) -> Any:
    if value is None or (not isinstance(value, (str, bytes)) and pd.isna(value) is True):
        return None
    return value.item() if hasattr(value, "item") else value
