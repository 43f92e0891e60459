"""A measure read the wrong way round: comparisons turned against the question, a value compared with another
measure's extreme, a count of a stored number. Each wrong query is run first to show its wrong answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from chains.mending import mend_model_sql
from chains.mending.measures import (
    repair_compared_extremes,
    repair_counted_values,
    repair_turned_comparisons,
    repair_uncounted_tables,
    repair_unjoined_negations,
)
from connectors.warehouse import Warehouse
from tests.conftest import sqlite_warehouse


@pytest.fixture
def staff(tmp_path: Path) -> Warehouse:
    """Employees of a few teams: ages, salaries, bonuses and how many children each has."""
    return sqlite_warehouse(
        tmp_path / "staff.sqlite",
        """
            CREATE TABLE teams (team_id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE employees (employee_id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams(team_id),
                                    name TEXT, city TEXT, age INTEGER, salary REAL, bonus REAL, children INTEGER);
            INSERT INTO teams VALUES (1, 'Sales'), (2, 'Ops');
            INSERT INTO employees VALUES
                (1, 1, 'Ada', 'Paris', 25, 3000, 900, 2), (2, 1, 'Bo', 'Paris', 28, 3500, 100, 0),
                (3, 2, 'Cy', 'Oslo', 45, 5000, 300, 3), (4, 2, 'Di', 'Oslo', 52, 2800, 200, 1),
                (5, 2, 'Ed', 'Rome', 33, 4000, 500, 4);
            """,
    )


def _rows(warehouse: Warehouse, sql: str) -> list[tuple]:
    return [tuple(row) for row in warehouse.run(sql).data.values.tolist()]


def test_a_comparison_turned_against_the_question_is_turned_back(staff: Warehouse) -> None:
    question = "Which cities do employees under age 30 come from?"
    sql = "SELECT DISTINCT city FROM employees WHERE age > 30"
    assert sorted(_rows(staff, sql)) == [("Oslo",), ("Rome",)]
    repaired = repair_turned_comparisons(sql, staff.schema(), question)
    assert repaired is not None and _rows(staff, repaired) == [("Paris",)]
    older = "Name the employees older than 40."
    assert _rows(staff, repair_turned_comparisons("SELECT name FROM employees WHERE 40 > age", staff.schema(), older))


def test_a_range_the_question_asks_for_outside_of_is_turned_back(staff: Warehouse) -> None:
    question = "Which employees are younger than 28 or older than 50?"
    sql = "SELECT name FROM employees WHERE age BETWEEN 28 AND 50"
    assert sorted(_rows(staff, sql)) == [("Bo",), ("Cy",), ("Ed",)]
    repaired = repair_turned_comparisons(sql, staff.schema(), question)
    assert repaired is not None and sorted(_rows(staff, repaired)) == [("Ada",), ("Di",)]
    inside = "Which employees are older than 28 and younger than 50?"
    assert repair_turned_comparisons(sql, staff.schema(), inside) is None


@pytest.mark.parametrize(
    ("question", "sql"),
    [
        ("Which cities do employees under age 30 come from?", "SELECT city FROM employees WHERE age < 30"),
        ("Which employees earn no more than 3000?", "SELECT name FROM employees WHERE salary <= 3000"),
        (
            "Which teams have no employee over 50?",
            "SELECT name FROM teams WHERE team_id NOT IN (SELECT team_id FROM employees WHERE age <= 50)",
        ),
        ("Which employees aged over 30 earn 3000?", "SELECT name FROM employees WHERE age > 30 AND salary < 3000"),
        ("What did all orders total in 2024 over all cities?", "SELECT SUM(salary) FROM employees WHERE age < 2024"),
    ],
)
def test_comparisons_the_question_agrees_with_or_does_not_direct_are_left_alone(
    staff: Warehouse, question: str, sql: str
) -> None:
    assert repair_turned_comparisons(sql, staff.schema(), question) is None


def test_a_measure_against_another_measures_extreme_reads_the_row_with_that_extreme(staff: Warehouse) -> None:
    question = "How many employees have a larger salary than the employee with the largest bonus?"
    sql = "SELECT COUNT(*) FROM employees WHERE salary > (SELECT MAX(bonus) FROM employees)"
    assert _rows(staff, sql) == [(5,)]
    repaired = repair_compared_extremes(sql, staff.schema(), question)
    assert repaired is not None and _rows(staff, repaired) == [(3,)]  # above Ada's 3000
    fewest = "Who is older than the employee with the fewest children?"
    repaired = repair_compared_extremes(
        "SELECT e.name FROM employees e WHERE e.age > (SELECT MIN(children) FROM employees)", staff.schema(), fewest
    )
    assert repaired is not None and sorted(_rows(staff, repaired)) == [("Cy",), ("Di",), ("Ed",)]  # older than Bo, 28


@pytest.mark.parametrize(
    ("question", "sql"),
    [
        # a comparison with the extreme itself, as asked
        (
            "Who earns more than the largest bonus?",
            "SELECT name FROM employees WHERE salary > (SELECT MAX(bonus) FROM employees)",
        ),
        (
            "Who earns more than the one with the largest salary?",
            "SELECT name FROM employees WHERE salary > (SELECT MAX(salary) FROM employees)",
        ),
        (
            "Which teams have more than the team with the most employees?",
            "SELECT name FROM teams WHERE team_id > (SELECT MAX(age) FROM employees)",
        ),
    ],
)
def test_extremes_compared_as_asked_are_left_alone(staff: Warehouse, question: str, sql: str) -> None:
    assert repair_compared_extremes(sql, staff.schema(), question) is None


def test_a_count_of_a_stored_number_the_question_asks_for_is_that_number(staff: Warehouse) -> None:
    question = "How many children does the youngest employee have?"
    sql = "SELECT COUNT(children) FROM employees WHERE age = (SELECT MIN(age) FROM employees)"
    assert _rows(staff, sql) == [(1,)]
    repaired = repair_counted_values(sql, staff.schema(), question)
    assert repaired is not None and _rows(staff, repaired) == [(2,)]
    assert mend_model_sql(sql, staff.schema(), question) == repaired


@pytest.mark.parametrize(
    ("question", "sql"),
    [
        (
            "How many children do the teams' employees have?",
            "SELECT team_id, COUNT(children) FROM employees GROUP BY team_id",
        ),
        ("How many employees have children?", "SELECT COUNT(children) FROM employees WHERE children > 0"),
        ("How many children are there in all?", "SELECT SUM(children) FROM employees"),
        ("How many teams are there?", "SELECT COUNT(team_id) FROM employees"),
    ],
)
def test_counts_of_rows_are_left_alone(staff: Warehouse, question: str, sql: str) -> None:
    assert repair_counted_values(sql, staff.schema(), question) is None


def test_the_table_a_grouped_count_should_count_is_joined(staff: Warehouse) -> None:
    question = "Which teams have at least 3 employees?"
    sql = "SELECT name FROM teams GROUP BY name HAVING COUNT(*) >= 3"
    assert _rows(staff, sql) == []
    repaired = repair_uncounted_tables(sql, staff.schema(), question)
    assert repaired is not None and _rows(staff, repaired) == [("Ops",)]  # `name` of teams, not of employees
    by_column = repair_uncounted_tables(sql.replace("COUNT(*)", "COUNT(team_id)"), staff.schema(), question)
    assert by_column is not None and _rows(staff, by_column) == [("Ops",)]
    most = "Which team has the most number of employees?"
    ranked = repair_uncounted_tables(
        "SELECT t.name FROM teams t GROUP BY t.name ORDER BY COUNT(*) DESC LIMIT 1", staff.schema(), most
    )
    assert ranked is not None and _rows(staff, ranked) == [("Ops",)]


@pytest.mark.parametrize(
    ("question", "sql"),
    [
        # the counted table is there already
        (
            "Which teams have at least 3 employees?",
            "SELECT t.name FROM teams t JOIN employees e ON e.team_id = t.team_id GROUP BY t.name HAVING COUNT(*) >= 3",
        ),
        # a count of distinct values, not of rows
        (
            "Which teams have at least 3 employees?",
            "SELECT name FROM teams GROUP BY name HAVING COUNT(DISTINCT name) >= 3",
        ),
        # the question counts the grouped table's own rows
        (
            "Which city has the most employees?",
            "SELECT city FROM employees GROUP BY city ORDER BY COUNT(*) DESC LIMIT 1",
        ),
        # no grouping
        ("How many employees are there?", "SELECT COUNT(*) FROM teams"),
    ],
)
def test_counts_of_the_asked_rows_are_left_alone(staff: Warehouse, question: str, sql: str) -> None:
    assert repair_uncounted_tables(sql, staff.schema(), question) is None


@pytest.fixture
def forms(tmp_path: Path) -> Warehouse:
    """Form kinds, templates of each kind, and documents made from the templates."""
    return sqlite_warehouse(
        tmp_path / "forms.sqlite",
        """
            CREATE TABLE kinds (kind_code TEXT PRIMARY KEY, label TEXT);
            CREATE TABLE templates (template_id INTEGER PRIMARY KEY, kind_code TEXT REFERENCES kinds(kind_code));
            CREATE TABLE documents (document_id INTEGER PRIMARY KEY,
                                    template_id INTEGER REFERENCES templates(template_id));
            INSERT INTO kinds VALUES ('CV', 'resume'), ('INV', 'invoice'), ('MEMO', 'memo');
            INSERT INTO templates VALUES (1, 'CV'), (2, 'INV'), (3, 'INV');
            INSERT INTO documents VALUES (1, 2), (2, 3);
            """,
    )


def test_the_table_a_question_denies_is_joined_inside_not_in(forms: Warehouse) -> None:
    question = "Which kinds are not used by any document?"
    sql = "SELECT kind_code FROM kinds WHERE kind_code NOT IN (SELECT kind_code FROM templates)"
    assert _rows(forms, sql) == [("MEMO",)]
    repaired = repair_unjoined_negations(sql, forms.schema(), question)
    assert repaired is not None and sorted(_rows(forms, repaired)) == [("CV",), ("MEMO",)]
    assert repair_unjoined_negations(sql, forms.schema(), "Which kinds have no template?") is None
    joined = (
        "SELECT kind_code FROM kinds WHERE kind_code NOT IN "
        "(SELECT t.kind_code FROM templates t JOIN documents d ON d.template_id = t.template_id)"
    )
    assert repair_unjoined_negations(joined, forms.schema(), question) is None
