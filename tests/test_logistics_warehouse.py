"""The logistics warehouse and its held-out questions: built from scratch, documented, deterministic, and every
gold query runs. No model; the questions are read as data only (they are the project's fair measure)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.dataset import load_questions
from bench.warehouses import logistics
from tests.heldout_checks import (
    assert_every_table_and_column_commented,
    assert_golds_run_and_answer,
    held_out_questions,
    warehouse_fixtures,
)

dataset, con = warehouse_fixtures(logistics)


def test_tables_are_sizeable_and_cover_four_years(con: sqlite3.Connection) -> None:
    def count(table: str) -> int:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    assert {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == set(
        logistics.COMMENTS
    )
    assert 3000 <= count("shipments") <= 10_000
    assert count("shipment_costs") > count("shipments")
    assert count("delivery_exceptions") > 0
    first, last = con.execute("SELECT min(ship_date), max(ship_date) FROM shipments").fetchone()
    assert first.startswith("2022-01") and last.startswith("2025-12")


def test_every_table_and_column_is_commented_in_its_ddl(con: sqlite3.Connection) -> None:
    assert_every_table_and_column_commented(con, logistics.COMMENTS, app_reader=False)


def test_keys_hold(con: sqlite3.Connection) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    status_disagrees_with_date = con.execute(
        "SELECT count(*) FROM shipments WHERE (delivered_date IS NULL) <> (status = 'In Transit')"
    ).fetchone()[0]
    assert status_disagrees_with_date == 0
    assert con.execute("SELECT count(*) FROM shipments WHERE delivered_date < ship_date").fetchone()[0] == 0


def test_build_is_deterministic(dataset: Path, tmp_path: Path) -> None:
    again = logistics.build(tmp_path)
    assert again.read_bytes() == logistics.database_path(dataset).read_bytes()


def test_held_out_gold_queries_run_and_answer(dataset: Path, con: sqlite3.Connection) -> None:
    questions = load_questions(dataset)
    raw = held_out_questions(logistics)
    assert len(questions) == len(raw) >= 20
    assert {q.hardness for q in questions} == {"analyst"} and {q.db_id for q in questions} == {"logistics"}
    assert len({q.question for q in questions}) == len(questions)
    assert_golds_run_and_answer(con, questions, raw)
