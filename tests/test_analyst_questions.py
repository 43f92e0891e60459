"""The analyst questions' gold queries on the demo warehouse: each runs, answers, and agrees with a second query.

The second query is written another way on purpose (year()/quarter() instead of date ranges, subqueries
instead of window functions or FILTER, EXISTS instead of joins), so that a slip in one is unlikely to be
repeated in the other. No model is needed.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from connectors.demo import ensure_demo_warehouse
from tests.business_questions import ANALYST_QUESTIONS, BUSINESS_QUESTIONS

_REV = "SUM(ol.net_amount)"
_LINES = "order_lines ol JOIN orders o USING (order_id)"


def _growth(this: str, previous: str) -> str:
    return f"ROUND(({this}) * 100.0 / ({previous}) - 100, 1)"


CHECKS: dict[str, str] = {
    "Which product category grew the most in dollars from 2023 to 2024?": f"""
        SELECT category FROM (
            SELECT p.category,
                   SUM(CASE WHEN year(o.order_date) = 2024 THEN ol.net_amount ELSE 0 END)
                 - SUM(CASE WHEN year(o.order_date) = 2023 THEN ol.net_amount ELSE 0 END) AS delta
            FROM {_LINES} JOIN products p USING (product_id) GROUP BY p.category
        ) ORDER BY delta DESC LIMIT 1""",
    "Which category had the highest revenue growth rate between 2023 and 2024, and what was it in %?": f"""
        SELECT category, {_growth("r24", "r23")} FROM (
            SELECT p.category,
                   SUM(CASE WHEN year(o.order_date) = 2024 THEN ol.net_amount END) AS r24,
                   SUM(CASE WHEN year(o.order_date) = 2023 THEN ol.net_amount END) AS r23
            FROM {_LINES} JOIN products p USING (product_id) GROUP BY p.category
        ) ORDER BY r24 / r23 DESC LIMIT 1""",
    "How much did revenue grow in each region from 2024 to 2025, in dollars and in percent?": f"""
        SELECT a.region, b.r - a.r, {_growth("b.r", "a.r")}
        FROM (SELECT c.region, {_REV} AS r FROM {_LINES} JOIN customers c USING (customer_id)
              WHERE year(o.order_date) = 2024 GROUP BY 1) a
        JOIN (SELECT c.region, {_REV} AS r FROM {_LINES} JOIN customers c USING (customer_id)
              WHERE year(o.order_date) = 2025 GROUP BY 1) b USING (region)""",
    "By how many percent did sales change from Q3 2025 to Q4 2025?": f"""
        SELECT {
        _growth(
            f"SELECT {_REV} FROM {_LINES} WHERE year(o.order_date) = 2025 AND quarter(o.order_date) = 4",
            f"SELECT {_REV} FROM {_LINES} WHERE year(o.order_date) = 2025 AND quarter(o.order_date) = 3",
        )
    }""",
    "Show month-over-month revenue growth % for every month of 2025": f"""
        SELECT make_date(2025, cur.m, 1), {_growth("cur.r", "prev.r")}
        FROM (SELECT month(o.order_date) AS m, {_REV} AS r FROM {_LINES}
              WHERE year(o.order_date) = 2025 GROUP BY 1) cur
        JOIN (SELECT month(o.order_date + INTERVAL 1 MONTH) AS m, {_REV} AS r FROM {_LINES}
              WHERE o.order_date BETWEEN DATE '2024-12-01' AND DATE '2025-11-30' GROUP BY 1) prev USING (m)""",
    "Which sales channel grew fastest in number of orders from 2024 to 2025 (percent)?": """
        SELECT channel FROM orders GROUP BY channel
        ORDER BY SUM(CASE WHEN year(order_date) = 2025 THEN 1 ELSE 0 END) * 1.0
               / SUM(CASE WHEN year(order_date) = 2024 THEN 1 ELSE 0 END) DESC LIMIT 1""",
    "For 2024 and 2025, by what percent did the number of active customers grow versus the year before?": f"""
        SELECT y, {
        _growth(
            "SELECT count(DISTINCT customer_id) FROM orders WHERE year(order_date) = y",
            "SELECT count(DISTINCT customer_id) FROM orders WHERE year(order_date) = y - 1",
        )
    } FROM (VALUES (2024), (2025)) t(y)""",
    "What was the gross profit growth in % from last year to this year?": f"""
        SELECT {
        _growth(
            "SELECT SUM(ol.net_amount) - SUM(ol.quantity * p.unit_cost) FROM order_lines ol JOIN orders o "
            "USING (order_id) JOIN products p USING (product_id) WHERE year(o.order_date) = 2025",
            "SELECT SUM(ol.net_amount) - SUM(ol.quantity * p.unit_cost) FROM order_lines ol JOIN orders o "
            "USING (order_id) JOIN products p USING (product_id) WHERE year(o.order_date) = 2024",
        )
    }""",
    "What percentage of 2025 revenue came from Corporate customers?": f"""
        SELECT ROUND(100.0 * (SELECT {_REV} FROM {_LINES} JOIN customers c USING (customer_id)
                              WHERE c.segment = 'Corporate' AND year(o.order_date) = 2025)
                     / (SELECT {_REV} FROM {_LINES} WHERE year(o.order_date) = 2025), 1)""",
    "Break down 2024 units sold by category as a percentage of all units": f"""
        SELECT p.category, ROUND(100.0 * SUM(ol.quantity)
               / (SELECT SUM(quantity) FROM {_LINES} WHERE year(o.order_date) = 2024), 1)
        FROM {_LINES} JOIN products p USING (product_id) WHERE year(o.order_date) = 2024 GROUP BY 1""",
    "What share of our orders in 2025 came through partners?": """
        SELECT ROUND(100.0 * AVG(CASE WHEN channel = 'Partner' THEN 1 ELSE 0 END), 1)
        FROM orders WHERE year(order_date) = 2025""",
    "What share of revenue came from returning customers in 2025?": f"""
        SELECT ROUND(100.0 * SUM(CASE WHEN EXISTS (SELECT 1 FROM orders e WHERE e.customer_id = o.customer_id
                                                    AND year(e.order_date) < 2025)
                                      THEN ol.net_amount ELSE 0 END) / {_REV}, 1)
        FROM {_LINES} WHERE year(o.order_date) = 2025""",
    "Within Electronics, what percent of 2025 sales did each subcategory make up?": f"""
        SELECT p.subcategory, ROUND(100.0 * {_REV} / (
            SELECT {_REV} FROM {_LINES} JOIN products p USING (product_id)
            WHERE p.category = 'Electronics' AND year(o.order_date) = 2025), 1)
        FROM {_LINES} JOIN products p USING (product_id)
        WHERE p.category = 'Electronics' AND year(o.order_date) = 2025 GROUP BY 1""",
    "Average order value per month in 2025": """
        SELECT make_date(2025, month(order_date), 1), ROUND(AVG(total), 2)
        FROM (SELECT o.order_id, o.order_date, SUM(ol.net_amount) AS total
              FROM order_lines ol JOIN orders o USING (order_id) GROUP BY 1, 2)
        WHERE year(order_date) = 2025 GROUP BY 1""",
    "what was the AOV for each customer segment in 2024": """
        SELECT c.segment, ROUND(AVG(t.total), 2)
        FROM (SELECT order_id, SUM(net_amount) AS total FROM order_lines GROUP BY 1) t
        JOIN orders o USING (order_id) JOIN customers c USING (customer_id)
        WHERE year(o.order_date) = 2024 GROUP BY 1""",
    "How much did the average customer spend with us in 2025, by region?": f"""
        SELECT c.region, ROUND(AVG(t.spent), 2)
        FROM (SELECT o.customer_id, {_REV} AS spent FROM {_LINES} WHERE year(o.order_date) = 2025 GROUP BY 1) t
        JOIN customers c USING (customer_id) GROUP BY 1""",
    "How many orders did a customer place on average in 2025?": """
        SELECT ROUND(AVG(n), 2) FROM (SELECT customer_id, count(*) AS n FROM orders
                                     WHERE year(order_date) = 2025 GROUP BY 1)""",
    "Average number of units per order by channel in 2025": """
        SELECT o.channel, ROUND(AVG(t.units), 2)
        FROM (SELECT order_id, SUM(quantity) AS units FROM order_lines GROUP BY 1) t
        JOIN orders o USING (order_id) WHERE year(o.order_date) = 2025 GROUP BY 1""",
    "Compare revenue in the first half of 2025 with the second half": f"""
        SELECT (SELECT {_REV} FROM {_LINES} WHERE year(o.order_date) = 2025 AND month(o.order_date) <= 6),
               (SELECT {_REV} FROM {_LINES} WHERE year(o.order_date) = 2025 AND month(o.order_date) > 6)""",
    "Orders in Q3 vs Q4 2024 for each channel": """
        SELECT channel, SUM(CASE WHEN quarter(order_date) = 3 THEN 1 ELSE 0 END),
               SUM(CASE WHEN quarter(order_date) = 4 THEN 1 ELSE 0 END)
        FROM orders WHERE year(order_date) = 2024 GROUP BY 1""",
    "Revenue by category this year vs last year": f"""
        SELECT p.category, SUM(CASE WHEN year(o.order_date) = 2024 THEN ol.net_amount END),
               SUM(CASE WHEN year(o.order_date) = 2025 THEN ol.net_amount END)
        FROM {_LINES} JOIN products p USING (product_id) GROUP BY 1""",
    "Compare the average order value of Europe and North America in 2025": """
        SELECT c.region, ROUND(AVG(t.total), 2)
        FROM (SELECT order_id, SUM(net_amount) AS total FROM order_lines GROUP BY 1) t
        JOIN orders o USING (order_id) JOIN customers c USING (customer_id)
        WHERE year(o.order_date) = 2025 AND c.region <> 'Asia Pacific' AND c.region <> 'Latin America'
        GROUP BY 1""",
    "Show the running total of revenue through 2025, month by month": f"""
        SELECT make_date(2025, m.m, 1),
               (SELECT {_REV} FROM {_LINES} WHERE year(o.order_date) = 2025 AND month(o.order_date) <= m.m)
        FROM range(1, 13) m(m)""",
    "Year-to-date number of orders at the end of each month of 2024": """
        SELECT make_date(2024, m.m, 1),
               (SELECT count(*) FROM orders
                WHERE order_date BETWEEN DATE '2024-01-01' AND last_day(make_date(2024, m.m, 1)))
        FROM range(1, 13) m(m)""",
    "Cumulative number of customer signups by quarter over 2024 and 2025": """
        SELECT y, q, (SELECT count(*) FROM customers WHERE signup_date >= DATE '2024-01-01'
                      AND year(signup_date) * 10 + quarter(signup_date) <= y * 10 + q)
        FROM (VALUES (2024), (2025)) a(y), range(1, 5) b(q)""",
    "Top 3 products by revenue in each category for 2025": f"""
        SELECT category, product_name, revenue FROM (
            SELECT p.category, p.product_name, {_REV} AS revenue FROM {_LINES} JOIN products p USING (product_id)
            WHERE year(o.order_date) = 2025 GROUP BY 1, 2) x
        WHERE 3 > (SELECT count(*) FROM (
            SELECT p.category, p.product_name, {_REV} AS revenue FROM {_LINES} JOIN products p USING (product_id)
            WHERE year(o.order_date) = 2025 GROUP BY 1, 2) y
            WHERE y.category = x.category AND y.revenue > x.revenue)""",
    "Which product sold the most units in each category in 2024?": f"""
        SELECT category, arg_max(product_name, units) FROM (
            SELECT p.category, p.product_name, SUM(ol.quantity) AS units FROM {_LINES}
            JOIN products p USING (product_id) WHERE year(o.order_date) = 2024 GROUP BY 1, 2)
        GROUP BY 1""",
    "Who are the two best sales reps by revenue in every region in 2025?": f"""
        SELECT region, unnest(max_by(rep_name, revenue, 2)), unnest(max(revenue, 2)) FROM (
            SELECT r.region, r.rep_name, {_REV} AS revenue FROM {_LINES} JOIN sales_reps r USING (rep_id)
            WHERE year(o.order_date) = 2025 GROUP BY 1, 2)
        GROUP BY 1""",
    "In each region, which country brought in the most revenue in 2025?": f"""
        SELECT region, arg_max(country, revenue) FROM (
            SELECT c.region, c.country, {_REV} AS revenue FROM {_LINES} JOIN customers c USING (customer_id)
            WHERE year(o.order_date) = 2025 GROUP BY 1, 2)
        GROUP BY 1""",
    "How many customers who ordered in 2024 did not order again in 2025?": """
        SELECT count(*) FROM (SELECT customer_id FROM orders WHERE year(order_date) = 2024
                              EXCEPT SELECT customer_id FROM orders WHERE year(order_date) = 2025)""",
    "What was our customer churn rate in 2025?": """
        SELECT ROUND(100.0 * (SELECT count(*) FROM (SELECT customer_id FROM orders WHERE year(order_date) = 2024
                                  EXCEPT SELECT customer_id FROM orders WHERE year(order_date) = 2025))
                     / (SELECT count(DISTINCT customer_id) FROM orders WHERE year(order_date) = 2024), 1)""",
    "What percentage of customers who bought in 2023 came back and bought again in 2024?": """
        SELECT ROUND(100.0 * (SELECT count(*) FROM (SELECT customer_id FROM orders WHERE year(order_date) = 2023
                                  INTERSECT SELECT customer_id FROM orders WHERE year(order_date) = 2024))
                     / (SELECT count(DISTINCT customer_id) FROM orders WHERE year(order_date) = 2023), 1)""",
    "How many returning customers did we have in 2025?": """
        SELECT count(*) FROM (SELECT customer_id FROM orders GROUP BY 1
                              HAVING max(year(order_date)) = 2025 AND min(year(order_date)) < 2025)""",
    "How many new customers placed their first ever order in each quarter of 2025?": """
        SELECT quarter(o.order_date), count(*) FROM orders o
        WHERE year(o.order_date) = 2025
          AND NOT EXISTS (SELECT 1 FROM orders e WHERE e.customer_id = o.customer_id
                          AND (e.order_date < o.order_date
                               OR (e.order_date = o.order_date AND e.order_id < o.order_id)))
        GROUP BY 1""",
    "On average how many days did it take us to ship an order, per quarter of 2025?": """
        SELECT quarter(order_date), ROUND(AVG(date_diff('day', order_date, ship_date)), 2)
        FROM orders WHERE year(order_date) = 2025 AND status NOT IN ('Processing', 'Cancelled') GROUP BY 1""",
    "What % of shipped 2025 orders went out within 2 days of the order?": """
        SELECT ROUND(100.0 * SUM(CASE WHEN date_diff('day', order_date, ship_date) < 3 THEN 1 ELSE 0 END)
                     / count(ship_date), 1)
        FROM orders WHERE year(order_date) = 2025""",
    "For customers who signed up in 2024, how many days on average passed between signup and their first order?": """
        SELECT ROUND(AVG(date_diff('day', c.signup_date,
                     (SELECT min(order_date) FROM orders o WHERE o.customer_id = c.customer_id))), 2)
        FROM customers c WHERE year(c.signup_date) = 2024""",
    "Return rate by product category for orders placed in 2024": """
        SELECT p.category, ROUND(100.0 * AVG(CASE WHEN ol.order_line_id IN (SELECT order_line_id FROM returns)
                                             THEN 1 ELSE 0 END), 1)
        FROM order_lines ol JOIN orders o USING (order_id) JOIN products p USING (product_id)
        WHERE year(o.order_date) = 2024 GROUP BY 1""",
    "How did our return rate in 2025 compare with 2024?": """
        SELECT (SELECT ROUND(100.0 * count(r.return_id) / count(*), 1) FROM order_lines ol JOIN orders o
                USING (order_id) LEFT JOIN returns r USING (order_line_id) WHERE year(o.order_date) = 2024),
               (SELECT ROUND(100.0 * count(r.return_id) / count(*), 1) FROM order_lines ol JOIN orders o
                USING (order_id) LEFT JOIN returns r USING (order_line_id) WHERE year(o.order_date) = 2025)""",
    "Gross margin % by category in 2025": """
        SELECT p.category, ROUND(100 - 100.0 * SUM(ol.quantity * p.unit_cost) / SUM(ol.net_amount), 1)
        FROM order_lines ol JOIN orders o USING (order_id) JOIN products p USING (product_id)
        WHERE year(o.order_date) = 2025 GROUP BY 1""",
    "Which sales channel had the best gross margin percentage in 2024?": """
        SELECT arg_max(channel, margin) FROM (
            SELECT o.channel, 1 - SUM(ol.quantity * p.unit_cost) / SUM(ol.net_amount) AS margin
            FROM order_lines ol JOIN orders o USING (order_id) JOIN products p USING (product_id)
            WHERE year(o.order_date) = 2024 GROUP BY 1)""",
    "What percent of their full-year 2025 revenue target did each sales rep reach?": """
        SELECT r.rep_name, ROUND(100.0 * (SELECT coalesce(SUM(ol.net_amount), 0) FROM order_lines ol
                                         JOIN orders o USING (order_id)
                                         WHERE o.rep_id = r.rep_id AND year(o.order_date) = 2025)
                                 / (SELECT SUM(target_amount) FROM sales_targets t
                                    WHERE t.rep_id = r.rep_id AND t.year = 2025), 1)
        FROM sales_reps r WHERE r.rep_id IN (SELECT rep_id FROM sales_targets WHERE year = 2025)""",
}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    path: Path = ensure_demo_warehouse(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def _normal(value: object) -> object:
    if isinstance(value, (Decimal, float, int)) and not isinstance(value, bool):
        return round(float(value), 6)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return sorted(tuple(_normal(v) for v in row) for row in con.execute(sql).fetchall())


@pytest.mark.parametrize(("question", "sql"), ANALYST_QUESTIONS, ids=[q for q, _ in ANALYST_QUESTIONS])
def test_analyst_question_has_an_answer_and_a_second_query_agrees(
    con: duckdb.DuckDBPyConnection, question: str, sql: str
) -> None:
    gold = _rows(con, sql)
    assert gold, question
    assert all(value is not None for row in gold for value in row), question
    check = _rows(con, CHECKS[question])
    assert len(check) == len(gold), question
    for gold_row, check_row in zip(gold, check, strict=True):
        for g, c in zip(gold_row, check_row, strict=True):
            assert g == c or (isinstance(g, float) and math.isclose(g, c, rel_tol=1e-9, abs_tol=1e-6)), (question, g, c)


def test_analyst_questions_are_many_distinct_and_new() -> None:
    questions = [q for q, _ in ANALYST_QUESTIONS]
    assert len(questions) >= 30
    assert len(set(questions)) == len(questions)
    assert not set(questions) & {q for q, _ in BUSINESS_QUESTIONS}
    assert set(CHECKS) == set(questions)
