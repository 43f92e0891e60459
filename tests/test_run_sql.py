"""SQL a person edited goes through the chain's guard, never straight to the connector; no model call."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from chains.answer import Outcome
from chains.factory import open_warehouse
from chains.sql_chain import EMPTY_QUESTION_MESSAGE, SqlChain, unusable_question


@pytest.fixture
def chain(duckdb_file: Path) -> SqlChain:
    # The model must never be asked: an empty list of replies would fail if it were.
    return SqlChain(model=FakeListChatModel(responses=[]), warehouse=open_warehouse(f"duckdb:///{duckdb_file}"))


def test_edited_select_runs_and_answers(chain: SqlChain) -> None:
    stages: list[str] = []
    answer = chain.run_sql(" SELECT name FROM regions ORDER BY name ", question="regions", on_stage=stages.append)
    assert answer.outcome is Outcome.ANSWERED and answer.ok
    assert list(answer.data["name"]) == ["Americas", "Asia", "Europe"]
    assert answer.sql == "SELECT name FROM regions ORDER BY name" and answer.question == "regions"
    assert stages == ["Checking the SQL", "Running the query"] and answer.attempts == []


@pytest.mark.parametrize("sql", ["DELETE FROM sales", "DROP TABLE regions", "SELECT 1; DELETE FROM sales"])
def test_edited_sql_that_writes_is_refused_with_the_reason(chain: SqlChain, sql: str) -> None:
    answer = chain.run_sql(sql)
    assert answer.outcome is Outcome.REFUSED
    assert answer.message.startswith("The query was refused: ")
    assert answer.data is None and answer.sql == sql


def test_edited_sql_with_a_mistake_says_what_the_database_said(chain: SqlChain) -> None:
    answer = chain.run_sql("SELECT nope FROM sales")
    assert answer.outcome is Outcome.FAILED
    assert "nope" in answer.message and answer.message.endswith("Check the SQL and try again.")


def test_no_sql_is_a_sentence_not_an_error(chain: SqlChain) -> None:
    answer = chain.run_sql("   ")
    assert answer.outcome is Outcome.FAILED and "no SQL" in answer.message


@pytest.mark.parametrize("question", ["", "   ", "???", "12345"])
def test_a_wordless_question_is_answered_without_a_model(question: str) -> None:
    answer = unusable_question(question)
    assert answer is not None and answer.outcome is Outcome.EMPTY_QUESTION
    assert answer.message == EMPTY_QUESTION_MESSAGE
    assert unusable_question("How many orders?") is None
