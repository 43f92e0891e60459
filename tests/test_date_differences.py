"""Days between two dates where the warehouse cannot subtract dates as the model wrote them (SQLite's text
dates, MySQL's DATEs as numbers): the rule's rewrite gives the days, checked on real databases."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from chains.factory import open_warehouse
from chains.mending.dates import repair_date_differences
from connectors.demo_load import load_demo
from connectors.warehouse import Warehouse
from tests.conftest import require_server_url

STAYS = [(1, "2024-12-30", "2025-01-02"), (2, "2025-02-27", "2025-03-01"), (3, "2025-06-10", "2025-06-17")]
NIGHTS = {1: 3, 2: 2, 3: 7}


@pytest.fixture
def stays(tmp_path: Path) -> Iterator[Warehouse]:
    path = tmp_path / "stays.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE stays (stay_id INTEGER PRIMARY KEY, check_in TEXT, check_out TEXT, rate REAL)")
        db.executemany("INSERT INTO stays VALUES (?, ?, ?, 100.0)", STAYS)
    warehouse = Warehouse(f"sqlite:///{path}")
    yield warehouse
    warehouse.close()


def _nights(warehouse: Warehouse, sql: str) -> dict[int, float]:
    return dict(warehouse.run(sql).data.values.tolist())


@pytest.mark.parametrize(
    "expression",
    ["check_out - check_in", "strftime('%j', check_out) - strftime('%j', check_in)"],
)
def test_sqlite_text_dates_subtracted_become_days(stays: Warehouse, expression: str) -> None:
    sql = f"SELECT stay_id, {expression} FROM stays"
    assert _nights(stays, sql) != NIGHTS  # the year's number minus itself, or day-of-year across New Year
    mended = repair_date_differences(sql, stays.schema())
    assert mended is not None and _nights(stays, mended) == NIGHTS


def test_a_parenthesised_difference_in_arithmetic_keeps_its_place(stays: Warehouse) -> None:
    sql = "SELECT stay_id, (check_out - check_in) * rate FROM stays WHERE check_out - check_in > 2"
    mended = repair_date_differences(sql, stays.schema())
    assert mended is not None and _nights(stays, mended) == {1: 300.0, 3: 700.0}


def test_numbers_and_other_dialects_are_left_alone(stays: Warehouse) -> None:
    assert repair_date_differences("SELECT rate - stay_id FROM stays", stays.schema()) is None
    days = "SELECT julianday(check_out) - julianday(check_in) FROM stays"
    assert repair_date_differences(days, stays.schema()) is None
    # DuckDB (the demo warehouse), like PostgreSQL, subtracts DATEs as dates.
    assert repair_date_differences("SELECT ship_date - order_date FROM orders", open_warehouse().schema()) is None


@pytest.mark.server
def test_mysql_dates_subtracted_become_datediff() -> None:
    url = require_server_url("TABLETALK_TEST_MYSQL_URL")
    load_demo(url)
    sql = "SELECT SUM(ship_date - order_date) AS days FROM orders WHERE ship_date IS NOT NULL"
    days = float(open_warehouse().run(sql).data.iloc[0, 0])  # the demo warehouse: DuckDB subtracts dates as dates
    warehouse = Warehouse(url)
    try:
        assert float(warehouse.run(sql).data.iloc[0, 0]) != days  # YYYYMMDD numbers: 20250301 - 20250228 = 73
        mended = repair_date_differences(sql, warehouse.schema())
        assert mended is not None and "DATEDIFF" in mended
        assert float(warehouse.run(mended).data.iloc[0, 0]) == days
    finally:
        warehouse.close()
