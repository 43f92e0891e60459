"""Role policies on the demo warehouse: tables and columns out of a role's reach are refused however the SQL
reaches for them; `*` shows only what the role may see; personal data comes back masked."""

from __future__ import annotations

import pytest

from chains.answer import Outcome
from chains.query_runner import QueryRunner
from chains.warehouses import open_warehouse
from connectors.errors import QueryRefused
from connectors.policy import EVERYTHING, MASK, Policy
from connectors.warehouse import Warehouse

REGIONAL = Policy.from_config(
    "regional",
    {
        "tables": ["customers", "orders", "order_lines", "products"],
        "hidden_columns": ["products.unit_cost"],
        "masked_columns": ["customers.customer_name"],
    },
)

# Each reaches for sales_reps (not allowed) or products.unit_cost (hidden) in its own disguise.
BYPASSES = [
    "SELECT * FROM sales_reps",
    'SELECT rep_name FROM "SALES_REPS"',
    "SELECT COUNT(*) FROM orders o JOIN sales_reps r ON r.rep_id = o.rep_id",
    "SELECT EXISTS (SELECT 1 FROM sales_reps)",
    "WITH reps AS (SELECT * FROM sales_reps) SELECT * FROM reps",
    "SELECT order_id FROM orders UNION ALL SELECT rep_id FROM sales_reps",
    "SELECT unit_cost FROM products",
    "SELECT p.unit_cost FROM products AS p",
    "SELECT products.unit_cost FROM products",
    "SELECT unit_price - unit_cost AS margin FROM products",
    "SELECT product_name FROM products WHERE unit_cost > 10",
    "SELECT product_name FROM products ORDER BY unit_cost DESC LIMIT 1",
    "SELECT c FROM (SELECT unit_cost AS c FROM products) AS t",
    "WITH x AS (SELECT unit_cost AS c FROM products) SELECT c FROM x",
    "SELECT product_name FROM products UNION SELECT CAST(unit_cost AS VARCHAR) FROM products",
    "SELECT (SELECT MAX(unit_cost) FROM products) AS most",
    "SELECT category, AVG(unit_cost) FROM products GROUP BY category",
    "SELECT product_name FROM products p JOIN order_lines l ON l.unit_price = p.unit_cost",
    "SELECT * FROM products WHERE product_id IN (SELECT product_id FROM products WHERE unit_cost > 1)",
    "SELECT product_name FROM products GROUP BY product_name HAVING MAX(unit_cost) > 0",
    "SELECT product_name AS unit_cost FROM products GROUP BY 1 HAVING MAX(unit_cost) > 0",
    "SELECT product_name FROM products NATURAL JOIN (SELECT product_id, unit_cost FROM products) AS t",
    "SELECT product_name FROM products WHERE (product_id, unit_cost) IN (SELECT product_id, 1 FROM products)",
    "SELECT LIST(unit_cost) FROM products",
    "SELECT COUNT(*) FILTER (WHERE unit_cost > 5) FROM products",
]


@pytest.fixture(scope="module")
def demo() -> Warehouse:
    return open_warehouse()


@pytest.fixture(scope="module")
def runner(demo: Warehouse) -> QueryRunner:
    return QueryRunner(demo)


def test_the_role_sees_a_cut_schema(demo: Warehouse) -> None:
    visible = REGIONAL.visible(demo.schema())
    assert sorted(visible.table_names) == ["customers", "order_lines", "orders", "products"]
    products = visible.table("products")
    assert products is not None and products.column("unit_cost") is None
    orders = visible.table("orders")
    assert orders is not None and [k.ref_table for k in orders.foreign_keys] == ["customers"]  # not sales_reps
    name = visible.table("customers").column("customer_name")  # type: ignore[union-attr]
    assert name is not None and name.samples == () and "masked" in (name.comment or "")
    assert EVERYTHING.visible(demo.schema()) is demo.schema()


@pytest.mark.parametrize("sql", BYPASSES)
def test_every_disguise_is_refused_and_nothing_leaks(runner: QueryRunner, sql: str) -> None:
    answer = runner.run_sql(sql, policy=REGIONAL)
    assert answer.outcome in (Outcome.REFUSED, Outcome.FAILED), answer.outcome
    assert answer.data is None
    assert "rep_name" not in (answer.message or "") and "unit_cost" not in _listing(answer.message or "")


def _listing(message: str) -> str:
    """The part of an error that lists real columns (the error may quote the query's own words)."""
    return message.split("have these columns:", 1)[1] if "have these columns:" in message else ""


def test_the_same_queries_run_for_an_unrestricted_role(runner: QueryRunner) -> None:
    assert runner.run_sql("SELECT unit_cost FROM products LIMIT 1").ok
    assert runner.run_sql("SELECT COUNT(*) FROM sales_reps").ok


def test_star_expands_to_the_visible_columns_only(runner: QueryRunner) -> None:
    answer = runner.run_sql("SELECT * FROM products LIMIT 3", policy=REGIONAL)
    assert answer.ok and "unit_cost" not in answer.data.columns and "unit_price" in answer.data.columns
    assert "unit_cost" not in (answer.sql or "")  # the SQL shown is the SQL that ran
    joined = runner.run_sql(
        "SELECT p.*, l.quantity FROM products p JOIN order_lines l USING (product_id) LIMIT 2", policy=REGIONAL
    )
    assert joined.ok and "unit_cost" not in joined.data.columns


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT customer_name FROM customers LIMIT 5",
        "SELECT c.customer_name AS who FROM customers c LIMIT 5",
        "WITH n AS (SELECT customer_name AS n FROM customers) SELECT n FROM n LIMIT 5",
        "SELECT * FROM customers LIMIT 5",
        "SELECT UPPER(customer_name) FROM customers LIMIT 5",
        "SELECT segment FROM customers UNION SELECT customer_name FROM customers",
    ],
)
def test_personal_data_comes_back_masked(runner: QueryRunner, sql: str) -> None:
    answer = runner.run_sql(sql, policy=REGIONAL)
    assert answer.ok, answer.message
    masked = [c for c in answer.data.columns if set(answer.data[c].dropna()) == {MASK}]
    assert len(masked) == 1
    real_names = set(open_warehouse().run("SELECT customer_name FROM customers").data["customer_name"])
    shown = {str(v) for column in answer.data.columns for v in answer.data[column]}
    assert not shown & real_names


def test_masked_columns_can_still_filter_and_other_columns_stay_readable(runner: QueryRunner) -> None:
    answer = runner.run_sql(
        "SELECT segment, COUNT(*) AS n FROM customers WHERE customer_name LIKE 'A%' GROUP BY segment", policy=REGIONAL
    )
    assert answer.ok and MASK not in answer.data.to_string()


def test_the_models_view_holds_no_hidden_or_masked_values(demo: Warehouse) -> None:
    view = demo.seen_by(REGIONAL)
    keys = {(t.lower(), c.lower()) for t, c in view.text_values()}
    assert ("customers", "customer_name") not in keys and not any(t == "sales_reps" for t, _ in keys)
    assert ("customers", "segment") in keys
    assert demo.seen_by(EVERYTHING) is demo


def test_a_malformed_policy_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="table.column"):
        Policy.from_config("broken", {"hidden_columns": ["unit_cost"]})


def test_the_policy_checks_the_sql_itself(demo: Warehouse) -> None:
    with pytest.raises(QueryRefused, match="sales_reps is not available to the regional role"):
        REGIONAL.enforce("SELECT * FROM sales_reps", demo.schema())
