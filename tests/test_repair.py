"""Deterministic repair of a column taken from the wrong table, along declared foreign keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from chains.repair import repair_misplaced_columns, repair_self_joins
from connectors.warehouse import Warehouse
from tests.conftest import ROWS


@pytest.fixture
def warehouse(duckdb_file: Path) -> Warehouse:
    return Warehouse(f"duckdb:///{duckdb_file}")


def test_the_missing_join_is_added(warehouse: Warehouse) -> None:
    repaired = repair_misplaced_columns("SELECT s.name, SUM(s.amount) FROM sales s GROUP BY s.name", warehouse.schema())
    assert repaired is not None and "JOIN regions" in repaired
    totals = dict(warehouse.run(repaired).data.values.tolist())
    assert set(totals) == {"Europe", "Asia", "Americas"}


def test_an_unqualified_column_of_a_single_table_query_is_joined_once(warehouse: Warehouse) -> None:
    repaired = repair_misplaced_columns("SELECT name, COUNT(*) FROM sales GROUP BY name", warehouse.schema())
    assert repaired is not None and repaired.count("JOIN") == 1
    assert len(warehouse.run(repaired).data) == 3


def test_a_column_is_repointed_at_a_table_already_joined(warehouse: Warehouse) -> None:
    sql = "SELECT r.name, s.amount FROM sales s JOIN regions r ON r.region_id = s.region_id WHERE s.name = 'Asia'"
    repaired = repair_misplaced_columns(sql, warehouse.schema())
    assert repaired is not None and "r.name = 'Asia'" in repaired and repaired.count("JOIN") == 1


def test_nothing_to_repair_gives_none(warehouse: Warehouse) -> None:
    schema = warehouse.schema()
    assert repair_misplaced_columns("SELECT amount FROM sales", schema) is None
    assert repair_misplaced_columns("SELECT nowhere FROM sales", schema) is None
    assert repair_misplaced_columns("not sql at all (", schema) is None


def test_a_join_on_a_column_itself_is_put_on_the_foreign_key(warehouse: Warehouse) -> None:
    sql = "SELECT r.name, COUNT(*) FROM sales s JOIN regions r ON r.region_id = R.region_id GROUP BY r.name"
    repaired = repair_self_joins(sql, warehouse.schema())
    assert repaired is not None and "r.region_id = s.region_id" in repaired
    assert sum(count for _name, count in warehouse.run(repaired).data.values.tolist()) == ROWS
    assert repair_self_joins(sql.replace("R.region_id", "s.region_id"), warehouse.schema()) is None


def test_a_self_join_with_no_key_to_an_earlier_table_is_left_alone(warehouse: Warehouse) -> None:
    sql = "SELECT COUNT(*) FROM regions a JOIN regions b ON b.name = b.name"
    assert repair_self_joins(sql, warehouse.schema()) is None
