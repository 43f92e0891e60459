"""Checks shared by the tests of the held-out evaluation warehouses (tests/test_*_warehouse.py): the fixtures that
build a warehouse and open it read-only, the checks of its DDL comments and of its gold queries, and the comparison of
every gold answer with a second computation in Python. The questions are read as data only (they are the project's
fair measure)."""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bench.dataset import Question, load_questions
from bench.scoring import order_matters
from connectors.sqlite_comments import comments_of


def warehouse_fixtures(warehouse: ModuleType) -> tuple[Any, Any]:
    """The module-scoped fixtures `dataset` (a temporary folder where `warehouse` is built with its questions) and
    `con` (a read-only connection to its database), for a test module to bind: `dataset, con = warehouse_fixtures(hr)`.
    """
    name = warehouse.__name__.rsplit(".", 1)[-1]

    @pytest.fixture(scope="module", name="dataset")
    def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
        out = tmp_path_factory.mktemp(name)
        assert warehouse.main([str(out), "--with-questions"]) == 0, f"building {name} failed"
        return out

    @pytest.fixture(scope="module", name="con")
    def con(dataset: Path) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(f"file:{warehouse.database_path(dataset)}?mode=ro", uri=True)
        yield connection
        connection.close()

    return dataset, con


def count(con: sqlite3.Connection, sql: str) -> int:
    """The single value `sql` selects (a count)."""
    return con.execute(sql).fetchone()[0]


def held_out_questions(warehouse: ModuleType) -> list[dict]:
    """The warehouse's held-out questions as the raw items of its questions.json."""
    return json.loads(warehouse.HELD_OUT_QUESTIONS.read_text())


def golds(question: dict) -> list[str]:
    """A raw question's gold queries: one, or a rounded gold and its exact twin."""
    return question["gold_sql"] if isinstance(question["gold_sql"], list) else [question["gold_sql"]]


def round_places(sql: str) -> list[int]:
    """The decimals of every ROUND(x, n) in `sql`, read by matching its parentheses."""
    places = []
    for start in (m.end() for m in re.finditer(r"ROUND\(", sql)):
        depth, end = 1, start
        while depth:
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            end += 1
        places.append(int(sql[start : end - 1].rsplit(",", 1)[1]))
    return places


def mean(values: list[float]) -> float:
    """The arithmetic mean of `values` (not empty)."""
    return sum(values) / len(values)


def ranked(scores: dict, n: int) -> list:
    """The n keys with the highest scores, highest first; the answer must not hinge on a tie at the cut."""
    order = sorted(scores, key=scores.get, reverse=True)
    if len(order) > n:
        assert scores[order[n - 1]] != scores[order[n]], f"tie at the cut: {order[n - 1]}, {order[n]}"
    return order[:n]


def untied_top(scores: dict, n: int) -> list:
    """`ranked`, and no tie inside the top n either (the gold sorts them)."""
    order = ranked(scores, n)
    assert len({scores[k] for k in order}) == len(order), order
    return order


def in_year(day: date | None, year: int) -> bool:
    return day is not None and day.year == year


def agree(actual: list[tuple], expected: list[tuple], ordered: bool, tolerance: float) -> bool:
    """Same rows; numbers within `tolerance` (half a unit of the last decimal kept, for rounded golds), other
    values equal as text (so a year may come as 2024 or '2024'); row order only counts when the gold sorts."""

    def key(row: tuple) -> tuple:
        return tuple(str(v) for v in row if not isinstance(v, float))

    if not ordered:
        actual, expected = sorted(actual, key=key), sorted(expected, key=key)
    return len(actual) == len(expected) and all(
        len(a) == len(e)
        and all(
            math.isclose(x, y, rel_tol=1e-9, abs_tol=tolerance)
            if isinstance(x, (int, float)) and isinstance(y, (int, float))
            else str(x) == str(y)
            for x, y in zip(a, e, strict=True)
        )
        for a, e in zip(actual, expected, strict=True)
    )


def assert_every_table_and_column_commented(
    con: sqlite3.Connection, comments: dict[str, tuple[str, dict[str, str]]], app_reader: bool = True
) -> None:
    """Every table in `comments` (table: (comment, {column: comment})) has its comment and its columns, in order,
    each with its comment, in its DDL; with `app_reader`, the app's own reader of SQLite comments finds each of
    them where it belongs."""
    for table, (comment, columns) in comments.items():
        ddl = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        assert f"-- {comment}" in ddl, (table, comment)
        declared = [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
        assert declared == list(columns), (table, declared, list(columns))
        assert all(text.strip() and f"-- {text}" in ddl for text in columns.values()), table
        if app_reader:
            assert comments_of(ddl) == (comment, columns), (table, comments_of(ddl))


def assert_golds_run_and_answer(
    con: sqlite3.Connection, questions: list[Question], raw: list[dict]
) -> list[list[tuple]]:
    """Every gold query of every question runs and returns as many rows as its raw item's `gold_rows` (more than
    none), with no NULL in them; returns the results, gold by gold, for a caller's further checks."""
    results = []
    for question, item in zip(questions, raw, strict=True):
        for gold in question.gold_sql:
            result = con.execute(gold).fetchall()
            assert len(result) == item["gold_rows"] > 0, (question.id, len(result), item["gold_rows"])
            assert all(value is not None for row in result for value in row), question.id
            results.append(result)
    return results


def assert_held_out_set(
    dataset: Path, con: sqlite3.Connection, warehouse: ModuleType, hardness: dict[str, int]
) -> list[list[tuple]]:
    """The warehouse's 20 held-out questions, as copied beside its database: numbered ids, the `hardness` counts,
    distinct questions on the one database; every gold runs and answers (see assert_golds_run_and_answer, whose
    results it returns)."""
    name = warehouse.__name__.rsplit(".", 1)[-1]
    questions = load_questions(dataset)
    raw = held_out_questions(warehouse)
    assert json.loads((dataset / "questions.json").read_text()) == raw
    assert len(questions) == len(raw) == 20
    assert {q.db_id for q in questions} == {name}
    assert Counter(q.hardness for q in questions) == hardness
    assert [q.id for q in questions] == [f"{name}-{n:02d}" for n in range(1, 21)]
    assert len({q.question for q in questions}) == len(questions)
    assert [q.db_path for q in questions] == [warehouse.database_path(dataset).resolve()] * 20
    return assert_golds_run_and_answer(con, questions, raw)


def assert_periods_are_numbers(results: list[list[tuple]]) -> None:
    """A year, a month, a quarter or a half in a gold's answer is a number, not text such as '2025'."""
    assert not any(isinstance(v, str) and re.fullmatch(r"[\d-]+", v) for rows in results for row in rows for v in row)


def assert_golds_agree(
    con: sqlite3.Connection,
    questions: list[dict],
    expected: dict[str, list[tuple]],
    places_of: Callable[[str], list[int]] = round_places,
) -> None:
    """`expected` answers exactly the raw `questions`, each of which has an unrounded gold; every gold's answer
    agrees with the expected rows: exactly, or within half a unit of the fewest decimals `places_of` reads in a
    rounded gold."""
    assert sorted(expected) == sorted(q["id"] for q in questions), (sorted(expected), [q["id"] for q in questions])
    for question in questions:
        sqls = golds(question)
        assert any("ROUND(" not in g for g in sqls), question["id"]  # an exact variant is checked exactly
        for gold in sqls:
            places = places_of(gold)
            tolerance = 0.5 * 10 ** -min(places) + 1e-9 if "ROUND(" in gold else 1e-9
            actual = con.execute(gold).fetchall()
            assert agree(actual, expected[question["id"]], order_matters(gold), tolerance), (
                question["id"],
                gold,
                actual,
                expected[question["id"]],
            )


def assert_rounded_golds_have_exact_twins(con: sqlite3.Connection, questions: list[dict]) -> None:
    """A question that asks for rounding holds the rounded gold and the same query unrounded; no exact value lies
    so near a half unit that summing in another order could round it the other way."""
    for question in questions:
        sqls = golds(question)
        asks = re.search(r"round(?:ed)? to (\d) decimal", question["question"], re.IGNORECASE)
        if not any("ROUND(" in g for g in sqls):
            assert asks is None and len(sqls) == 1, question["id"]
            continue
        assert asks is not None and len(sqls) == 2 and "ROUND(" not in sqls[1], question["id"]
        places = int(asks.group(1))
        assert set(round_places(sqls[0])) == {places}, (question["id"], round_places(sqls[0]), places)
        rounded, exact = con.execute(sqls[0]).fetchall(), con.execute(sqls[1]).fetchall()
        for r_row, e_row in zip(rounded, exact, strict=True):
            for r, e in zip(r_row, e_row, strict=True):
                if r == e:
                    continue
                shifted = abs(e) * 10**places
                assert abs(shifted - math.floor(shifted) - 0.5) > 1e-4, (question["id"], e)
                assert Decimal(repr(r)) == Decimal(repr(e)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), (
                    question["id"],
                    r,
                    e,
                )
