"""PostgreSQL and MariaDB/MySQL servers with the demo data: introspection, read-only, timeouts, dialect SQL."""

from __future__ import annotations

import time

import pytest
from sqlalchemy.exc import DBAPIError

from chains.sql_chain import SqlChain
from connectors.demo_load import load_demo
from connectors.engines import create_read_only_engine
from connectors.errors import QueryRefused, QueryTimeout
from connectors.warehouse import Warehouse
from tests.conftest import require_server_url

pytestmark = pytest.mark.server

REVENUE_2024 = (
    "SELECT SUM(l.net_amount) FROM order_lines l JOIN orders o ON o.order_id = l.order_id "
    "WHERE o.order_date >= '2024-01-01' AND o.order_date < '2025-01-01'"
)
FOREVER = "SELECT COUNT(*) FROM order_lines a, order_lines b, order_lines c"


@pytest.fixture(scope="module", params=["postgres", "mysql"])
def server_url(request: pytest.FixtureRequest) -> str:
    variable = {"postgres": "TABLETALK_TEST_POSTGRES_URL", "mysql": "TABLETALK_TEST_MYSQL_URL"}[request.param]
    url = require_server_url(variable)
    load_demo(url)
    return url


@pytest.fixture(scope="module")
def demo_revenue_2024() -> float:
    from chains.factory import open_warehouse

    return float(open_warehouse().run(REVENUE_2024).data.iloc[0, 0])


def test_introspection_finds_tables_keys_and_comments(server_url: str) -> None:
    schema = Warehouse(server_url).schema()
    assert {"customers", "orders", "order_lines", "products", "returns", "sales_reps", "sales_targets"} <= (
        schema.table_names
    )
    lines = schema.table("order_lines")
    assert lines.column("order_line_id").primary_key
    assert {fk.ref_table for fk in lines.foreign_keys} == {"orders", "products"}
    assert "revenue" in (lines.column("net_amount").comment or "").lower()
    assert lines.comment
    assert set(schema.table("customers").column("segment").samples) <= {"Consumer", "Corporate", "Small Business"}


def test_the_same_data_gives_the_same_answer(server_url: str, demo_revenue_2024: float) -> None:
    value = Warehouse(server_url).run(REVENUE_2024).data.iloc[0, 0]
    assert float(value) == pytest.approx(demo_revenue_2024)


def test_percent_signs_reach_the_server_intact(server_url: str) -> None:
    result = Warehouse(server_url).run("SELECT COUNT(*) AS n FROM products WHERE product_name LIKE '%Pro%'")
    assert result.data["n"].iloc[0] > 0


def test_writes_are_refused_by_the_guard_and_by_the_connection(server_url: str) -> None:
    with pytest.raises(QueryRefused):
        Warehouse(server_url).run("DELETE FROM returns")
    engine = create_read_only_engine(server_url)
    with engine.connect() as connection, pytest.raises(DBAPIError, match="(?i)read.only"):
        connection.exec_driver_sql("DELETE FROM returns")
    engine.dispose()
    assert Warehouse(server_url).run("SELECT COUNT(*) AS n FROM returns").data["n"].iloc[0] > 0


def test_a_query_that_runs_forever_is_cancelled(server_url: str) -> None:
    warehouse = Warehouse(server_url, timeout_seconds=2)
    started = time.perf_counter()
    with pytest.raises(QueryTimeout):
        warehouse.run(FOREVER)
    assert time.perf_counter() - started < 15
    assert warehouse.run("SELECT 1 AS one").data["one"].iloc[0] == 1


def test_row_cap_applies(server_url: str) -> None:
    result = Warehouse(server_url, row_cap=50).run("SELECT order_id FROM orders")
    assert len(result.data) == 50 and result.truncated


@pytest.mark.model
def test_the_chain_writes_sql_the_server_accepts(
    server_url: str, embedded_model: object, demo_revenue_2024: float
) -> None:
    chain = SqlChain(model=embedded_model, warehouse=Warehouse(server_url))  # type: ignore[arg-type]
    answer = chain.ask("What was our total revenue in 2024?")
    assert answer.ok, answer.message
    assert float(answer.data.iloc[0, 0]) == pytest.approx(demo_revenue_2024)
