"""A column the question does not name replaced by the one of the query's tables it does name. Each wrong query
is run first to show its wrong answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from chains.mending import mend_model_sql
from chains.mending.naming import repair_echoed_filters, repair_unnamed_columns
from chains.mending.repairs import repair_shared_aliases
from connectors.errors import QueryFailed
from connectors.warehouse import Warehouse
from tests.conftest import sqlite_warehouse


@pytest.fixture
def projects(tmp_path: Path) -> Warehouse:
    """Teams run projects; each project has notes. Summaries on both teams (of their mission) and projects."""
    return sqlite_warehouse(
        tmp_path / "projects.sqlite",
        """
            CREATE TABLE teams (team_id INTEGER PRIMARY KEY, team_name TEXT, team_mission_summary TEXT);
            CREATE TABLE projects (project_id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams(team_id),
                                   project_name TEXT, project_summary TEXT);
            CREATE TABLE notes (note_id INTEGER PRIMARY KEY, project_id INTEGER REFERENCES projects(project_id),
                                note_text TEXT);
            INSERT INTO teams VALUES (1, 'Core', 'keeps the cloud running'), (2, 'Web', 'builds the site');
            INSERT INTO projects VALUES (1, 1, 'Apollo', 'moves billing to the cloud'), (2, 2, 'Gemini', 'new shop'),
                                        (3, 2, 'Mercury', 'cloud search');
            INSERT INTO notes VALUES (1, 2, 'cloud costs?'), (2, 1, 'done');
            """,
    )


def _rows(warehouse: Warehouse, sql: str) -> list[tuple]:
    return sorted(tuple(row) for row in warehouse.run(sql).data.values.tolist())


def test_a_matched_column_the_question_never_names_becomes_the_named_one(projects: Warehouse) -> None:
    question = "Which projects have a summary that mentions 'cloud'?"
    sql = (
        "SELECT p.project_name FROM projects p JOIN notes n ON n.project_id = p.project_id "
        "WHERE n.note_text LIKE '%cloud%'"
    )
    assert _rows(projects, sql) == [("Gemini",)]
    repaired = repair_unnamed_columns(sql, projects.schema(), question)
    assert repaired is not None and "p.project_summary LIKE" in repaired
    # the whole mending then drops the join to notes, which nothing reads any more
    assert _rows(projects, mend_model_sql(sql, projects.schema(), question)) == [("Apollo",), ("Mercury",)]


def test_a_shown_column_the_question_partly_names_becomes_the_one_it_names_nearer(projects: Warehouse) -> None:
    question = "What are the team id and the summary for the project named Apollo?"
    sql = (
        "SELECT p.team_id, t.team_mission_summary FROM projects p JOIN teams t ON t.team_id = p.team_id "
        "WHERE p.project_name = 'Apollo'"
    )
    assert _rows(projects, sql) == [(1, "keeps the cloud running")]
    repaired = repair_unnamed_columns(sql, projects.schema(), question)
    assert repaired is not None and _rows(projects, repaired) == [(1, "moves billing to the cloud")]


@pytest.mark.parametrize(
    ("question", "sql"),
    [
        # the question puts "team" nearer "summary" than "project"
        (
            "What is the summary for the team of project Apollo?",
            "SELECT t.team_mission_summary FROM projects p JOIN teams t ON t.team_id = p.team_id "
            "WHERE p.project_name = 'Apollo'",
        ),
        # every word of the column named
        (
            "Show the team mission summary of each project.",
            "SELECT p.project_name, t.team_mission_summary FROM projects p JOIN teams t ON t.team_id = p.team_id",
        ),
        # compared with an exact value: the stored values decide that (repair.py)
        (
            "Which projects have the summary 'new shop'?",
            "SELECT p.project_name FROM projects p JOIN notes n ON n.project_id = p.project_id "
            "WHERE n.note_text = 'new shop'",
        ),
        # two columns the question names: no telling which
        (
            "Which project or team mission summary mentions 'cloud'?",
            "SELECT p.project_name FROM projects p JOIN teams t ON t.team_id = p.team_id "
            "JOIN notes n ON n.project_id = p.project_id WHERE n.note_text LIKE '%cloud%'",
        ),
        # a key is never swapped
        ("Which summary does project Apollo have?", "SELECT project_id FROM projects WHERE project_name = 'Apollo'"),
    ],
)
def test_columns_the_question_names_or_cannot_tell_are_left_alone(projects: Warehouse, question: str, sql: str) -> None:
    assert repair_unnamed_columns(sql, projects.schema(), question) is None


def test_two_tables_under_one_alias_each_get_their_own(projects: Warehouse) -> None:
    sql = (
        "SELECT p.project_name, COUNT(n.note_id) FROM projects p JOIN notes n ON n.project_id = p.project_id "
        "JOIN teams n ON n.team_id = p.team_id GROUP BY p.project_name"
    )
    repaired = repair_shared_aliases(sql, projects.schema())
    assert repaired is not None and "JOIN teams AS teams ON teams.team_id = p.team_id" in repaired
    assert _rows(projects, repaired) == [("Apollo", 1), ("Gemini", 1)]
    shared = "SELECT t.team_name, COUNT(*) FROM teams t JOIN projects t ON t.team_id = t.team_id GROUP BY t.team_name"
    with pytest.raises(QueryFailed, match="ambiguous"):
        projects.run(shared)
    repaired = repair_shared_aliases(shared, projects.schema())
    assert repaired is not None and _rows(projects, repaired) == [("Core", 1), ("Web", 2)]
    assert (
        repair_shared_aliases(
            "SELECT p.project_name FROM projects p JOIN teams t ON t.team_id = p.team_id", projects.schema()
        )
        is None
    )


def test_a_query_showing_back_the_value_it_filters_by_shows_what_the_question_asks(projects: Warehouse) -> None:
    question = "Give the summary of project Apollo."
    sql = "SELECT project_name FROM projects WHERE project_name = 'Apollo'"
    assert _rows(projects, sql) == [("Apollo",)]  # the question's own value, back
    repaired = repair_echoed_filters(sql, projects.schema(), question)
    assert repaired is not None and _rows(projects, repaired) == [("moves billing to the cloud",)]
    joined = "SELECT t.team_name FROM teams t JOIN projects p ON p.team_id = t.team_id WHERE t.team_name = 'Web'"
    repaired = repair_echoed_filters(joined, projects.schema(), "Which project names does team Web have?")
    assert repaired is not None and sorted(_rows(projects, repaired)) == [("Gemini",), ("Mercury",)]


@pytest.mark.parametrize(
    ("question", "sql"),
    [
        # shows more than the value
        ("Describe project Apollo.", "SELECT project_name, team_id FROM projects WHERE project_name = 'Apollo'"),
        # matched, not compared: the stored values show more than the pattern
        ("Describe projects like Apo.", "SELECT project_name FROM projects WHERE project_name LIKE 'Apo%'"),
        # no other column named by its last word
        ("Is there a project called Apollo?", "SELECT project_name FROM projects WHERE project_name = 'Apollo'"),
        # two columns the question names by their last word
        (
            "Which summary, the team's or the project's, belongs to Apollo?",
            "SELECT p.project_name FROM projects p JOIN teams t ON t.team_id = p.team_id "
            "WHERE p.project_name = 'Apollo'",
        ),
    ],
)
def test_queries_that_show_more_than_the_filter_or_cannot_tell_are_left_alone(
    projects: Warehouse, question: str, sql: str
) -> None:
    assert repair_echoed_filters(sql, projects.schema(), question) is None
