"""The warehouses users bring (Snowflake, BigQuery, Trino/Presto, Databricks, Redshift), at the prompt and
validation level: no server of these kinds runs here. Each gets its sqlglot dialect from the URL, its own
SQL notes in the prompt, and the same guard and policy on SQL written in its dialect."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlglot

from chains.prompt import DIALECT_NOTES, PROMPT, prompt_inputs
from chains.warehouses import open_warehouse
from connectors.engines import sqlglot_dialect
from connectors.errors import QueryRefused
from connectors.guard import check_read_only
from connectors.policy import Policy

URLS = {
    "snowflake": "snowflake://reader@account/sales/public?warehouse=wh",
    "bigquery": "bigquery://project/sales",
    "trino": "trino://reader@trino.internal:8080/hive/sales",
    "presto": "presto://reader@presto.internal:8080/hive/sales",
    "databricks": "databricks://token:x@host?http_path=/sql&catalog=main&schema=sales",
    "redshift": "redshift+psycopg2://reader@cluster:5439/sales",
}
WRITES = ("DELETE FROM orders", "UPDATE orders SET status = 'x'", "DROP TABLE orders", "INSERT INTO orders VALUES (1)")
REVENUE_BY_YEAR = (
    "SELECT EXTRACT(YEAR FROM o.order_date) AS year, SUM(l.net_amount) AS revenue FROM orders AS o "
    "JOIN order_lines AS l ON l.order_id = o.order_id GROUP BY 1 ORDER BY 1"
)


@pytest.fixture(scope="module")
def demo_schema():  # type: ignore[no-untyped-def]
    return open_warehouse().schema()


@pytest.mark.parametrize("dialect", URLS)
def test_the_url_picks_the_dialect_and_the_prompt_speaks_it(dialect: str, demo_schema) -> None:  # type: ignore[no-untyped-def]
    assert sqlglot_dialect(URLS[dialect]) == dialect
    schema = replace(demo_schema, dialect=dialect)
    system = PROMPT.format_messages(**prompt_inputs(schema, "Revenue by year?", [], []))[0].text
    assert f"writes {dialect} SQL" in system and DIALECT_NOTES[dialect] in system
    assert "CREATE TABLE orders" in system


@pytest.mark.parametrize("dialect", URLS)
def test_dialect_sql_passes_the_guard_and_writes_do_not(dialect: str, demo_schema) -> None:  # type: ignore[no-untyped-def]
    tables = demo_schema.table_names
    native = sqlglot.transpile(REVENUE_BY_YEAR, read="duckdb", write=dialect)[0]
    assert check_read_only(native, dialect, tables) is not None
    for write in (
        "DELETE FROM orders",
        "UPDATE orders SET status = 'x'",
        "DROP TABLE orders",
        "INSERT INTO orders SELECT * FROM orders",
    ):
        with pytest.raises(QueryRefused):
            check_read_only(write, dialect, tables)


@pytest.mark.parametrize(
    ("dialect", "reader"),
    [
        ("snowflake", "SELECT * FROM @my_stage/orders.csv"),
        ("bigquery", "SELECT * FROM EXTERNAL_QUERY('conn', 'SELECT 1')"),
        ("databricks", "SELECT * FROM read_files('s3://bucket/orders')"),
        ("trino", "SELECT * FROM TABLE(system.query(query => 'SELECT 1'))"),
        ("redshift", "SELECT * FROM orders; UNLOAD ('SELECT 1') TO 's3://bucket/x'"),
    ],
)
def test_dialect_file_and_network_readers_are_refused(dialect: str, reader: str, demo_schema) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryRefused):
        check_read_only(reader, dialect, demo_schema.table_names)


@pytest.mark.parametrize("dialect", URLS)
def test_a_role_policy_holds_in_every_dialect(dialect: str, demo_schema) -> None:  # type: ignore[no-untyped-def]
    schema = replace(demo_schema, dialect=dialect)
    policy = Policy.from_config("analyst", {"tables": ["orders", "order_lines"]})
    assert policy.enforce(sqlglot.transpile(REVENUE_BY_YEAR, read="duckdb", write=dialect)[0], schema).sql
    with pytest.raises(QueryRefused, match="customers is not available"):
        policy.enforce("SELECT COUNT(*) FROM customers", schema)
