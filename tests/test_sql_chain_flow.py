"""The chain's control flow (repairs, empty-result re-checks, refusals) with scripted model replies.

The model's quality is measured by the benchmark and the end-to-end tests; here the replies are fixed so
that each branch of the loop is exercised exactly, against a real SQLite file.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from chains.answer import Outcome
from chains.mending import Kind, MendContext, Rule
from chains.question_checks import unranked_superlative
from chains.sql_chain import SqlChain
from connectors.warehouse import Warehouse


def _chain(sqlite_file: Path, *replies: str, max_attempts: int = 3) -> SqlChain:
    model = GenericFakeChatModel(messages=iter([AIMessage(r) for r in replies]))
    return SqlChain(model=model, warehouse=Warehouse(f"sqlite:///{sqlite_file}"), max_attempts=max_attempts)


def test_a_failing_query_is_repaired_with_the_error(sqlite_file: Path) -> None:
    chain = _chain(sqlite_file, "SELECT revenue FROM sales", "```sql\nSELECT COUNT(*) FROM sales\n```")
    answer = chain.ask("How many sales?")
    assert answer.ok and answer.data.iloc[0, 0] == 1000
    assert len(answer.attempts) == 2
    assert "revenue" in answer.attempts[0].error and "sales(sale_id" in answer.attempts[0].error


def test_attempts_run_out_with_a_clear_message(sqlite_file: Path) -> None:
    answer = _chain(sqlite_file, "SELECT a FROM sales", "SELECT b FROM sales", max_attempts=2).ask("Total?")
    assert answer.outcome is Outcome.FAILED and len(answer.attempts) == 2
    assert "after 2 tries" in answer.message


def test_an_empty_result_is_rechecked_and_a_better_query_wins(sqlite_file: Path) -> None:
    chain = _chain(
        sqlite_file,
        "SELECT COUNT(*) FROM regions WHERE name = 'europe' GROUP BY name",
        "SELECT COUNT(*) FROM regions WHERE name = 'Europe' GROUP BY name",
    )
    answer = chain.ask("How many regions called europe?")
    assert answer.ok and answer.data.iloc[0, 0] == 1 and len(answer.attempts) == 2


def test_an_empty_result_the_model_stands_by_is_the_answer(sqlite_file: Path) -> None:
    sql = "SELECT name FROM regions WHERE name = 'Antarctica'"
    answer = _chain(sqlite_file, sql, sql).ask("Which regions are called Antarctica?")
    assert answer.ok and answer.data.empty and answer.sql == sql and len(answer.attempts) == 2


def test_a_write_is_refused_and_never_run(sqlite_file: Path) -> None:
    answer = _chain(sqlite_file, "DELETE FROM sales", "DROP TABLE sales", max_attempts=2).ask("Delete all sales")
    assert answer.outcome is Outcome.REFUSED and "DROP" in answer.message
    assert Warehouse(f"sqlite:///{sqlite_file}").run("SELECT COUNT(*) FROM sales").data.iloc[0, 0] == 1000


def test_the_model_saying_it_cannot_answer_is_passed_on(sqlite_file: Path) -> None:
    answer = _chain(sqlite_file, "CANNOT ANSWER: there is no weather data.").ask("The weather on each sale day?")
    assert answer.outcome is Outcome.CANNOT_ANSWER and "weather" in answer.message


def test_a_question_sharing_no_word_with_the_schema_is_checked_with_the_model(sqlite_file: Path) -> None:
    off_topic = _chain(sqlite_file, "NO").ask("What is the capital of France?")
    assert off_topic.outcome is Outcome.CANNOT_ANSWER and "capital of France" in off_topic.message
    on_topic = _chain(sqlite_file, "YES", "SELECT COUNT(*) FROM sales").ask("What is the capital of France?")
    assert on_topic.ok and on_topic.data.iloc[0, 0] == 1000


def test_user_sql_goes_through_the_same_guard(sqlite_file: Path) -> None:
    chain = _chain(sqlite_file)
    assert chain.run_sql("SELECT COUNT(*) AS n FROM regions").data["n"].iloc[0] == 3
    refused = chain.run_sql("UPDATE sales SET amount = 0")
    assert refused.outcome is Outcome.REFUSED and "UPDATE" in refused.message


def _voting_chain(sqlite_file: Path, *replies: str, drafts: int, when: str = "always") -> SqlChain:
    chain = _chain(sqlite_file, *replies)
    chain.drafts, chain.drafts_when = drafts, when
    return chain


def test_drafts_that_agree_with_the_first_stop_early(sqlite_file: Path) -> None:
    chain = _voting_chain(sqlite_file, "SELECT COUNT(*) FROM sales", "SELECT COUNT(sale_id) FROM sales", drafts=3)
    answer = chain.ask("How many sales?")
    assert answer.ok and answer.data.iloc[0, 0] == 1000
    assert answer.sql == "SELECT COUNT(*) FROM sales"
    assert len(answer.drafts) == 1 and answer.agreeing == 2


def test_the_majority_result_overrules_the_first_draft(sqlite_file: Path) -> None:
    majority = "SELECT COUNT(*) FROM sales WHERE amount > 10"
    chain = _voting_chain(sqlite_file, "SELECT COUNT(*) FROM sales", majority, majority.lower(), drafts=3)
    answer = chain.ask("How many sales over 10?")
    assert answer.ok and answer.sql == majority and answer.agreeing == 2
    assert answer.data.iloc[0, 0] == 800
    assert answer.completion_tokens >= 0 and len(answer.drafts) == 2


def test_a_failing_draft_is_not_a_vote(sqlite_file: Path) -> None:
    first = "SELECT COUNT(*) FROM sales"
    chain = _voting_chain(sqlite_file, first, "SELECT nothing FROM nowhere", "SELECT 7", drafts=3)
    answer = chain.ask("How many sales?")
    assert answer.ok and answer.sql == first and answer.agreeing == 1 and len(answer.drafts) == 2


def test_drafts_only_when_unsure_skip_an_answer_right_the_first_time(sqlite_file: Path) -> None:
    chain = _voting_chain(sqlite_file, "SELECT COUNT(*) FROM sales", "SELECT 7", drafts=3, when="unsure")
    answer = chain.ask("How many sales?")
    assert answer.ok and answer.data.iloc[0, 0] == 1000 and answer.drafts == [] and len(answer.attempts) == 1


def test_drafts_only_when_unsure_vote_on_an_answer_that_needed_a_retry(sqlite_file: Path) -> None:
    majority = "SELECT COUNT(*) FROM sales WHERE amount > 10"
    replies = ("SELECT revenue FROM sales", "SELECT COUNT(*) FROM sales", majority, majority.lower())
    answer = _voting_chain(sqlite_file, *replies, drafts=3, when="unsure").ask("How many sales over 10?")
    assert len(answer.attempts) == 2 and len(answer.drafts) == 2
    assert answer.ok and answer.sql == majority and answer.data.iloc[0, 0] == 800


DOUBTED = "SELECT COUNT(*) FROM sales WHERE strftime('%m', region_id) = '01'"  # an id read as a date


def test_a_doubted_query_is_sent_back_and_a_better_one_wins(sqlite_file: Path) -> None:
    answer = _chain(sqlite_file, DOUBTED, "SELECT COUNT(*) FROM sales WHERE strftime('%Y', sold_on) = '2024'").ask(
        "How many sales in 2024?"
    )
    assert answer.ok and answer.data.iloc[0, 0] == 1000
    assert "plain numbers" in answer.attempts[0].error and len(answer.attempts) == 2


def test_a_doubted_query_is_the_answer_when_no_try_does_better(sqlite_file: Path) -> None:
    chain = _chain(sqlite_file, DOUBTED, "SELECT nothing FROM sales", "SELECT nothing_either FROM sales")
    answer = chain.ask("How many sales in 2024?")
    assert answer.ok and answer.sql == DOUBTED and len(answer.attempts) == 3


def test_a_join_on_a_column_itself_is_repaired_without_asking_again(sqlite_file: Path) -> None:
    sql = "SELECT r.name, COUNT(*) FROM sales s JOIN regions r ON r.region_id = r.region_id GROUP BY r.name"
    answer = _chain(sqlite_file, sql).ask("Sales per region?")
    assert answer.ok and len(answer.attempts) == 1
    assert "s.region_id" in answer.sql and answer.data.iloc[:, 1].sum() == 1000


def test_the_models_join_the_question_does_not_ask_for_is_dropped_a_persons_is_not(sqlite_file: Path) -> None:
    sql = "SELECT DISTINCT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id WHERE r.region_id < 3"
    chain = _chain(sqlite_file, sql)
    answer = chain.ask("Which regions have an id under 3?")
    assert answer.ok and "JOIN" not in answer.sql.upper() and len(answer.data) == 2
    assert chain.run_sql(sql, "Which regions have an id under 3?").sql == sql


def test_the_models_value_compared_with_the_wrong_column_is_mended_with_the_stored_values(tmp_path: Path) -> None:
    path = tmp_path / "people.sqlite"
    with sqlite3.connect(path) as connection:
        connection.executescript(
            "CREATE TABLE people (person_id INTEGER PRIMARY KEY, name TEXT, city TEXT);"
            "INSERT INTO people VALUES (1, 'Ada', 'Paris'), (2, 'Bo', 'Oslo');"
        )
    connection.close()
    answer = _chain(path, "SELECT person_id FROM people WHERE city = 'Ada'").ask("Which person is Ada?")
    assert answer.ok and len(answer.attempts) == 1
    assert "name = 'Ada'" in answer.sql and answer.data.iloc[0, 0] == 1


def test_a_query_that_ranks_nothing_for_the_most_is_sent_back(sqlite_file: Path) -> None:
    unranked = "SELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id"
    ranked = (
        "SELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id "
        "GROUP BY r.name ORDER BY COUNT(*) DESC LIMIT 1"
    )
    answer = _chain(sqlite_file, unranked, ranked).ask("Which region has the most sales?")
    assert answer.ok and len(answer.data) == 1 and len(answer.attempts) == 2
    assert "ranks nothing" in answer.attempts[0].error
    stubborn = _chain(sqlite_file, unranked, unranked, max_attempts=2).ask("Which region has the most sales?")
    assert stubborn.ok and len(stubborn.data) == 1000  # the last try runs as written
    plain = _chain(sqlite_file, unranked).ask("Which regions have sales?")
    assert plain.ok and len(plain.attempts) == 1


class _RecordingModel(GenericFakeChatModel):
    """Scripted replies that keeps what each call was shown."""

    seen: list = []

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        self.seen.append(list(messages))
        return super()._generate(messages, stop, run_manager, **kwargs)


def test_a_retry_shows_the_model_its_query_as_it_ran_not_its_raw_reply(sqlite_file: Path) -> None:
    raw = "```sql\nSELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id REFERENCES\n```"
    ranked = (
        "SELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id "
        "GROUP BY r.name ORDER BY COUNT(*) DESC LIMIT 1"
    )
    model = _RecordingModel(messages=iter([AIMessage(raw), AIMessage(ranked)]), seen=[])
    chain = SqlChain(model=model, warehouse=Warehouse(f"sqlite:///{sqlite_file}"))
    answer = chain.ask("Which region has the most sales?")
    assert answer.ok and len(answer.attempts) == 2
    shown_reply = model.seen[1][-2]
    assert shown_reply.type == "ai" and "REFERENCES" not in shown_reply.text
    assert answer.attempts[0].sql in shown_reply.text and "ranks nothing" in model.seen[1][-1].text


def test_sql_a_mending_rule_fails_on_runs_as_the_model_wrote_it_and_the_failure_is_logged(
    sqlite_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(sql: str, context: MendContext) -> str | None:
        raise RecursionError("a tree too deep to walk")

    chain = _chain(sqlite_file, "SELECT COUNT(*) FROM sales")
    chain.mending_rules = (Rule("broken", Kind.SQL, "breaks", broken),)
    with caplog.at_level(logging.WARNING, logger="chains.mending.mend"):
        answer = chain.ask("How many sales?")
    assert answer.ok and answer.data.iloc[0, 0] == 1000 and answer.sql == "SELECT COUNT(*) FROM sales"
    assert answer.changes == [] and "broken" in caplog.text and "too deep" in caplog.text


def test_the_answer_keeps_the_model_sql_and_what_mending_changed(sqlite_file: Path) -> None:
    written = "SELECT s.sale_id, r.name FROM sales s JOIN regions r ON r.region_id = r.region_id LIMIT 1"
    answer = _chain(sqlite_file, written).ask("Show one sale")
    assert answer.ok and answer.model_sql == written
    assert answer.changes and answer.changes[0].before == written and answer.changes[-1].after == answer.sql


def test_bounds_and_ranked_queries_are_not_unranked_superlatives() -> None:
    assert unranked_superlative("Which regions have at most 3 sales?", "SELECT name FROM regions", "sqlite") is None
    assert unranked_superlative("Which region sold the least?", "SELECT MIN(amount) FROM sales", "sqlite") is None
    assert unranked_superlative("Top region?", "SELECT name FROM regions ORDER BY name LIMIT 1", "sqlite") is None
    assert unranked_superlative("Which region sold the least?", "SELECT name FROM regions", "sqlite")
