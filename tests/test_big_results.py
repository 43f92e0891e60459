"""A 10-million-row table: aggregation happens in the database, and a question that selects every row
brings back the row cap, says it was cut, and keeps memory flat."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

from chains.query_runner import QueryRunner
from connectors.warehouse import Warehouse

ROWS = 10_000_000
ROW_CAP = 10_000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    path = tmp_path_factory.mktemp("big") / "big.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute(
            "CREATE TABLE events AS SELECT range AS event_id, ['North', 'South', 'East', 'West'][1 + range % 4] "
            f"AS region, (range % 1000) / 10.0 AS amount, 'payload ' || range AS note FROM range({ROWS})"
        )
    return Warehouse(f"duckdb:///{path}", row_cap=ROW_CAP, timeout_seconds=60)


def test_aggregation_runs_in_the_database(big: Warehouse) -> None:
    started = time.perf_counter()
    answer = QueryRunner(big).run_sql("SELECT region, COUNT(*) AS events, SUM(amount) AS total FROM events GROUP BY 1")
    seconds = time.perf_counter() - started
    assert answer.ok and len(answer.data) == 4 and int(answer.data["events"].sum()) == ROWS
    print(f"\n10M-row GROUP BY in {seconds:.2f} s")
    assert seconds < 30  # loose: shared cores; in-database aggregation takes about a second here


def test_every_row_asked_for_comes_back_capped_and_memory_stays_flat(big: Warehouse) -> None:
    before = _reset_peak_memory()
    answer = QueryRunner(big).run_sql("SELECT * FROM events")
    grown_mb = (_peak_memory_kb() - before) / 1024
    assert answer.ok and answer.truncated and len(answer.data) == ROW_CAP
    print(f"\nSELECT * over 10M rows: {len(answer.data):,} rows kept, peak memory grew {grown_mb:.0f} MB")
    assert grown_mb < 500  # the whole table as Python objects would take several GB


def _reset_peak_memory() -> int:
    """Reset this process's peak resident memory (Linux: clear_refs 5) and return the current one, in kB."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_kb("VmRSS")


def _peak_memory_kb() -> int:
    return _status_kb("VmHWM")


def _status_kb(field: str) -> int:
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith(field + ":"))
    return int(line.split()[1])
