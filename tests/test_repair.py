"""Deterministic repairs of the model's SQL: a column taken from the wrong table, a join on a column
itself, a join the question does not ask for."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from chains.repair import (
    drop_unasked_joins,
    mend_model_sql,
    repair_anti_joins,
    repair_misplaced_columns,
    repair_self_joins,
)
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


@pytest.fixture
def region_without_sales(sqlite_file: Path) -> Warehouse:
    with sqlite3.connect(sqlite_file) as connection:
        connection.execute("INSERT INTO regions VALUES (4, 'Antarctica')")
    connection.close()
    return Warehouse(f"sqlite:///{sqlite_file}")


FILTERING_JOIN = "SELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id WHERE r.name LIKE 'A%'"


def test_a_join_nothing_reads_and_the_question_does_not_ask_for_is_dropped(region_without_sales: Warehouse) -> None:
    schema = region_without_sales.schema()
    assert len(region_without_sales.run(FILTERING_JOIN).data) == 2 * ROWS // 3  # a row per sale, Antarctica lost
    repaired = drop_unasked_joins(FILTERING_JOIN, schema, "Which regions have a name starting with A?")
    assert repaired is not None and "JOIN" not in repaired.upper()
    assert sorted(region_without_sales.run(repaired).data["name"]) == ["Americas", "Antarctica", "Asia"]


def test_a_from_table_only_joined_through_is_dropped(region_without_sales: Warehouse) -> None:
    sql = "SELECT DISTINCT r.name FROM sales s JOIN regions r ON r.region_id = s.region_id WHERE r.region_id > 1"
    repaired = drop_unasked_joins(sql, region_without_sales.schema(), "Which regions have an id over 1?")
    assert repaired is not None and "FROM regions AS r WHERE" in repaired and "JOIN" not in repaired.upper()
    assert sorted(region_without_sales.run(repaired).data["name"]) == ["Americas", "Antarctica", "Asia"]
    assert drop_unasked_joins(sql, region_without_sales.schema(), "Which regions with sales have an id over 1?") is None


@pytest.mark.parametrize(
    ("sql", "question"),
    [
        (FILTERING_JOIN, "Which regions with sales have a name starting with A?"),  # the question names it
        (FILTERING_JOIN, "Which regions starting with A sold anything?"),  # or one of its columns (sold_on)
        (FILTERING_JOIN.replace("SELECT r.name", "SELECT r.name, s.amount"), "Which regions start with A?"),
        (FILTERING_JOIN.replace("SELECT r.name", "SELECT r.name, amount"), "Which regions start with A?"),
        (FILTERING_JOIN.replace("SELECT r.name", "SELECT COUNT(*)"), "How many regions start with A?"),
        (FILTERING_JOIN + " GROUP BY r.name", "Which regions start with A?"),
        (FILTERING_JOIN.replace("JOIN", "LEFT JOIN"), "Which regions start with A?"),
        (f"SELECT name FROM regions WHERE region_id IN ({FILTERING_JOIN.replace('r.name', 'r.region_id')})", "A?"),
        (f"{FILTERING_JOIN} UNION SELECT name FROM regions", "Which regions start with A?"),
        (FILTERING_JOIN.replace("SELECT r.name", "SELECT *"), "Which regions start with A?"),
        ("SELECT name FROM regions", "Which regions are there?"),
        ("not sql (", "Which regions start with A?"),
    ],
)
def test_joins_that_count_or_that_the_question_asks_for_stay(
    region_without_sales: Warehouse, sql: str, question: str
) -> None:
    assert drop_unasked_joins(sql, region_without_sales.schema(), question) is None


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT r.name FROM regions r LEFT JOIN sales s ON s.region_id = r.region_id WHERE r.region_id IS NULL",
        "SELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id WHERE s.region_id IS NULL",
        "SELECT r.name FROM regions r JOIN sales s ON r.region_id = s.region_id WHERE s.sale_id IS NULL",
        "SELECT r.name FROM regions r INNER JOIN sales s ON s.region_id = r.region_id WHERE r.region_id IS NULL",
    ],
)
def test_rows_without_a_match_get_the_null_test_on_the_joined_key(region_without_sales: Warehouse, sql: str) -> None:
    assert region_without_sales.run(sql).data.empty
    repaired = repair_anti_joins(sql, region_without_sales.schema())
    assert repaired is not None and "LEFT JOIN" in repaired and "s.region_id IS NULL" in repaired
    assert region_without_sales.run(repaired).data["name"].tolist() == ["Antarctica"]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT r.name FROM regions r LEFT JOIN sales s ON s.region_id = r.region_id WHERE s.region_id IS NULL",
        "SELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id WHERE s.amount IS NULL",
        "SELECT s.sale_id FROM sales s LEFT JOIN regions r ON r.region_id = s.region_id WHERE s.region_id IS NULL",
        "SELECT r.name FROM regions r WHERE r.name IS NULL",
    ],
)
def test_null_tests_that_can_be_true_stay(region_without_sales: Warehouse, sql: str) -> None:
    assert repair_anti_joins(sql, region_without_sales.schema()) is None


def test_a_join_left_unused_by_a_repointed_column_is_dropped_too(region_without_sales: Warehouse) -> None:
    sql = "SELECT DISTINCT s.name FROM regions r JOIN sales s ON s.region_id = r.region_id WHERE r.region_id > 1"
    assert drop_unasked_joins(sql, region_without_sales.schema(), "Which regions have an id over 1?") is None
    mended = mend_model_sql(sql, region_without_sales.schema(), "Which regions have an id over 1?")
    assert "JOIN" not in mended.upper()
    assert sorted(region_without_sales.run(mended).data["name"]) == ["Americas", "Antarctica", "Asia"]


def test_an_output_alias_is_not_taken_for_a_missing_column(warehouse: Warehouse) -> None:
    """`amount` is no column of regions, but here it names the query's own output, not a forgotten join."""
    sql = "SELECT r.name, COUNT(*) AS amount FROM regions r GROUP BY r.name ORDER BY amount DESC"
    assert repair_misplaced_columns(sql, warehouse.schema()) is None
