"""Analyst questions answered from the business definitions with the real model: the demo warehouse's
hand-written model, a warehouse with only its auto-draft, and a clarifying exchange in the app (AppTest)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from chains.answer import Outcome
from chains.factory import chain_over
from chains.warehouses import open_warehouse
from semantic.clarify import Clarification

pytestmark = pytest.mark.model
APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"
MODEL_TIMEOUT = 600


def _demo_value(sql: str) -> list[tuple]:
    """Through the app's own read-only connection: the test process may hold the demo file open already."""
    return [tuple(row) for row in open_warehouse(None).run(sql).data.itertuples(index=False)]


@pytest.fixture(scope="module")
def demo_chain(embedded_model):  # type: ignore[no-untyped-def]
    return chain_over(embedded_model, None, definitions="auto")


def test_growth_names_the_category_that_grew_most_in_money(demo_chain) -> None:  # type: ignore[no-untyped-def]
    answer = demo_chain.ask("Which product category grew the most from 2023 to 2024?")
    expected = _demo_value(
        """SELECT p.category FROM order_lines l JOIN orders o USING (order_id) JOIN products p USING (product_id)
        GROUP BY p.category
        ORDER BY SUM(CASE WHEN YEAR(o.order_date) = 2024 THEN l.net_amount ELSE 0 END)
               - SUM(CASE WHEN YEAR(o.order_date) = 2023 THEN l.net_amount ELSE 0 END) DESC LIMIT 1"""
    )[0][0]
    assert answer.ok and answer.route == "definitions", (answer.outcome, answer.explanation, answer.sql)
    assert answer.data is not None and answer.data.iloc[0, 0] == expected
    assert {"change", "growth_pct"} <= set(answer.data.columns)
    assert "2023 against 2024" in answer.explanation and any("Ranked by" in n for n in answer.notes)


def test_a_question_standing_alone_mid_conversation_is_answered_from_the_definitions(demo_chain) -> None:  # type: ignore[no-untyped-def]
    """The chat sends the earlier turns with every question; a new question must not lose the definitions."""
    first = demo_chain.ask("How many orders were placed in 2024?")
    assert first.ok and first.as_turn() is not None
    answer = demo_chain.ask("Which product category grew the most from 2023 to 2024?", history=[first.as_turn()])
    assert answer.ok and answer.route == "definitions", (answer.outcome, answer.explanation, answer.sql)


def test_average_order_value_is_per_order(demo_chain) -> None:  # type: ignore[no-untyped-def]
    answer = demo_chain.ask("Average order value per month in 2025")
    expected = _demo_value(
        """SELECT MONTH(o.order_date), SUM(l.net_amount) / COUNT(DISTINCT o.order_id)
        FROM order_lines l JOIN orders o USING (order_id) WHERE YEAR(o.order_date) = 2025 GROUP BY 1 ORDER BY 1"""
    )
    assert answer.ok and answer.route == "definitions", (answer.outcome, answer.explanation, answer.sql)
    got = [(int(m), float(v)) for m, v in answer.data.itertuples(index=False)]  # type: ignore[union-attr]
    assert got == [(m, pytest.approx(float(v))) for m, v in expected]


def test_an_asked_rounding_is_applied_to_the_compiled_answer_and_said(demo_chain) -> None:  # type: ignore[no-untyped-def]
    answer = demo_chain.ask("What share of 2025 revenue came from each region? Round to 1 decimal place.")
    expected = _demo_value(
        """SELECT c.region, ROUND(100.0 * SUM(l.net_amount) / SUM(SUM(l.net_amount)) OVER (), 1)
        FROM order_lines l JOIN orders o USING (order_id) JOIN customers c USING (customer_id)
        WHERE YEAR(o.order_date) = 2025 GROUP BY 1"""
    )
    assert answer.ok and answer.route == "definitions", (answer.outcome, answer.explanation, answer.sql)
    shares = {row[0]: row[-1] for row in answer.data.itertuples(index=False)}  # type: ignore[union-attr]
    assert shares == {region: float(share) for region, share in expected}
    assert "Numbers rounded to 1 decimal place, as asked." in answer.notes


def test_churn_is_read_on_the_customers_orders_and_says_so(demo_chain) -> None:  # type: ignore[no-untyped-def]
    """Not a growth between two years, nor one row per customer: those of 2023 who did not order in 2024."""
    answer = demo_chain.ask("What share of our 2023 customers did we lose to churn in 2024?")
    expected = _demo_value(
        """SELECT 100.0 * COUNT(*) FILTER (WHERE customer_id NOT IN
               (SELECT customer_id FROM orders WHERE YEAR(order_date) = 2024)) / COUNT(*)
        FROM (SELECT DISTINCT customer_id FROM orders WHERE YEAR(order_date) = 2023)"""
    )[0][0]
    assert answer.ok and answer.route == "definitions", (answer.outcome, answer.explanation, answer.sql)
    assert answer.data is not None and len(answer.data) == 1
    assert float(answer.data["churn_pct"].iloc[0]) == pytest.approx(float(expected))
    assert "retained = active again in 2024" in answer.explanation


def test_a_threshold_the_definitions_cannot_hold_goes_to_sql_writing(demo_chain) -> None:  # type: ignore[no-untyped-def]
    answer = demo_chain.ask("How many 2025 orders took more than 3 days to ship?")
    assert answer.route == "sql", (answer.route, answer.explanation, answer.sql)
    assert "3" in answer.explanation and "definitions did not fit" in answer.explanation


def test_with_sql_writing_off_only_the_definitions_answer(embedded_model) -> None:  # type: ignore[no-untyped-def]
    """`bench --without sql-writing`: a question the definitions decline is not answered, and says why."""
    chain = chain_over(embedded_model, None, definitions="auto", sql_writing=False)
    declined = chain.ask("How many 2025 orders took more than 3 days to ship?")
    assert declined.outcome is Outcome.CANNOT_ANSWER and not declined.attempts and declined.sql is None
    assert declined.message.startswith("SQL writing is switched off") and "3" in declined.message
    answered = chain.ask("How many orders were cancelled in 2024?")
    assert answered.ok and answered.route == "definitions", (answered.outcome, answered.message)


def test_a_stored_value_the_question_leaves_out_is_excluded_and_said(embedded_model) -> None:  # type: ignore[no-untyped-def]
    """ "excluding the Europe region": every region but Europe (a request once kept Europe alone)."""
    chain = chain_over(embedded_model, None, definitions="auto", sql_writing=False)
    answer = chain.ask("What was our total revenue in 2025 excluding the Europe region?")
    expected = _demo_value(
        """SELECT SUM(l.net_amount) FROM order_lines l JOIN orders o USING (order_id) JOIN customers c
        USING (customer_id) WHERE YEAR(o.order_date) = 2025 AND c.region <> 'Europe'"""
    )[0][0]
    assert answer.ok and answer.route == "definitions", (answer.outcome, answer.message, answer.sql)
    assert answer.data is not None and float(answer.data.iloc[0, -1]) == pytest.approx(float(expected))
    assert "region not Europe" in answer.explanation


def test_a_condition_a_question_leaves_out_goes_to_sql_writing(embedded_model) -> None:  # type: ignore[no-untyped-def]
    """A request leaves out stored values only: "customers who have not ordered since 2023" is a condition."""
    chain = chain_over(embedded_model, None, definitions="auto", sql_writing=False)
    declined = chain.ask("What was our 2025 revenue by region, leaving out customers who have not ordered since 2023?")
    assert declined.outcome is Outcome.CANNOT_ANSWER, (declined.sql, declined.explanation)
    assert "leaves something out" in declined.message


def test_what_a_named_filter_leaves_out_is_left_out(demo_chain) -> None:  # type: ignore[no-untyped-def]
    """ "excluding cancelled" is the demo's named filter: it applies, and 'Cancelled' is no value to keep."""
    answer = demo_chain.ask("How many orders were placed in 2024, excluding cancelled ones?")
    assert answer.ok and answer.route == "definitions", (answer.route, answer.explanation)
    expected = _demo_value(
        "SELECT COUNT(*) FROM orders WHERE status <> 'Cancelled' AND order_date >= '2024-01-01' "
        "AND order_date < '2025-01-01'"
    )[0][0]
    assert answer.data is not None and answer.data.iloc[0, 0] == expected
    assert "excluding cancelled" in answer.explanation and "= Cancelled" not in answer.explanation


def test_a_rate_is_a_values_share_within_each_group(demo_chain) -> None:  # type: ignore[no-untyped-def]
    """ "The cancellation rate by region": cancelled orders as a share of each region's orders."""
    answer = demo_chain.ask("What was the cancellation rate by region in 2024?")
    assert answer.ok and answer.route == "definitions", (answer.route, answer.explanation)
    expected = _demo_value(
        "SELECT c.region, 100.0 * COUNT(DISTINCT CASE WHEN o.status = 'Cancelled' THEN o.order_id END) "
        "/ COUNT(DISTINCT o.order_id) FROM orders o JOIN customers c ON c.customer_id = o.customer_id "
        "WHERE o.order_date >= '2024-01-01' AND o.order_date < '2025-01-01' GROUP BY c.region"
    )
    assert answer.data is not None and len(answer.data) == len(expected)
    rates = dict(zip(answer.data["region"], answer.data["share_pct"], strict=True))
    for region, rate in expected:
        assert float(rates[region]) == pytest.approx(float(rate))
    assert "Cancelled" in answer.explanation


def test_a_list_question_is_written_as_sql(demo_chain) -> None:  # type: ignore[no-untyped-def]
    answer = demo_chain.ask("List the names of the sales reps in Europe")
    assert answer.ok and answer.route == "sql", (answer.outcome, answer.explanation)


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[str]:
    """A small shop with no semantic model file: the chain has only the draft from its schema."""
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as connection:
        connection.executescript(
            """
            CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT, signup_date TEXT);
            CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(customer_id),
                                 order_date TEXT, amount REAL);
            INSERT INTO customers VALUES (1, 'Ada', '2023-05-01'), (2, 'Ben', '2024-02-01'), (3, 'Cy', '2024-06-01');
            INSERT INTO orders VALUES (1, 1, '2023-06-01', 100), (2, 1, '2024-03-01', 40), (3, 2, '2024-03-05', 60),
                                      (4, 2, '2024-08-01', 10), (5, 3, '2024-09-09', 25), (6, 1, '2024-12-01', 5);
            """
        )
    connection.close()
    yield f"sqlite:///{path}"


def test_an_undefined_term_gets_choices_and_the_choice_answers(embedded_model, shop: str) -> None:  # type: ignore[no-untyped-def]
    chain = chain_over(embedded_model, shop, name="shop", definitions="auto")
    question = "What was the total amount of orders from returning customers in 2024?"
    asked = chain.ask(question)
    assert asked.outcome is Outcome.NEEDS_CLARIFICATION and isinstance(asked.clarification, Clarification)
    assert len(asked.clarification.choices) == 2 and not asked.attempts  # no model call, no SQL guessed
    before_the_period = asked.clarification.choices[0]
    assert "before the period" in before_the_period.label
    answer = chain.ask(question, chosen=before_the_period)
    # Customer 1 ordered in 2023: their 2024 orders (40 + 5) are the returning customers' amount.
    assert answer.ok, (answer.outcome, answer.message, answer.explanation)
    assert float(answer.data.iloc[0, -1]) == pytest.approx(45.0), answer.sql  # type: ignore[union-attr]


def test_the_app_asks_which_measure_and_the_choice_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TABLETALK_SECRETS", str(tmp_path / "secrets.toml"))
    monkeypatch.setenv("TABLETALK_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    monkeypatch.setenv("TABLETALK_DATA_DIR", str(tmp_path / "data"))
    at = AppTest.from_file(str(APP), default_timeout=MODEL_TIMEOUT).run()
    at.chat_input[0].set_value("How are we doing in 2025?").run()
    assert not at.exception, at.exception
    assert "Which measure should I look at?" in [m.value for m in at.markdown]
    revenue = next(b for b in at.button if b.label.startswith("revenue"))
    revenue.click().run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert any("Computed from the business definitions" in c for c in captions), captions
    expected = _demo_value(
        "SELECT SUM(l.net_amount) FROM order_lines l JOIN orders o USING (order_id) WHERE YEAR(o.order_date) = 2025"
    )[0][0]
    assert float(at.dataframe[-1].value.iloc[0, -1]) == pytest.approx(float(expected))


def test_a_duration_between_two_dates_of_a_row_is_answered_from_the_draft(embedded_model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A service desk with no semantic model file: its draft averages the hours from opening to closing a
    ticket, over the tickets closed (the open one has no duration), dated by the tickets' opening."""
    path = tmp_path / "desk.sqlite"
    with sqlite3.connect(path) as connection:
        connection.executescript(
            """
            CREATE TABLE tickets (ticket_id INTEGER PRIMARY KEY, team TEXT, opened_at TEXT, closed_at TEXT);
            INSERT INTO tickets VALUES
              (1, 'Billing', '2025-01-06 09:00', '2025-01-06 15:30'),
              (2, 'Billing', '2025-01-07 22:00', '2025-01-09 10:00'),
              (3, 'Network', '2025-02-01 08:15', '2025-02-01 08:45'),
              (4, 'Network', '2025-02-03 12:00', NULL),
              (5, 'Network', '2024-12-30 12:00', '2025-01-02 12:00');
            """
        )
    connection.close()
    chain = chain_over(embedded_model, f"sqlite:///{path}", name="desk", definitions="auto")
    answer = chain.ask("How many hours did it take on average from opening a ticket to closing it in 2025, by team?")
    assert answer.ok and answer.route == "definitions", (answer.outcome, answer.explanation, answer.sql)
    hours = {team: float(value) for team, value in answer.data.itertuples(index=False)}  # type: ignore[union-attr]
    assert hours == pytest.approx({"Billing": (6.5 + 36.0) / 2, "Network": 0.5})
    assert "opened at" in answer.explanation and "closed at" in answer.explanation
