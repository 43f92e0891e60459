"""The bundled demo warehouse: shape, documentation, integrity, determinism, first-run build."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from connectors import demo
from connectors.demo import DEMO_DB_ENV, default_demo_path, demo_url, ensure_demo_warehouse
from tests.business_questions import BUSINESS_QUESTIONS

TABLES = (
    "customers",
    "products",
    "sales_reps",
    "orders",
    "order_lines",
    "returns",
    "sales_targets",
)
FOREIGN_KEYS = {"orders": 2, "order_lines": 2, "returns": 1, "sales_targets": 1}


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    # DuckDB 2 keeps an execute() result open until it is read to the end: always fetchall().
    return con.execute(sql).fetchall()


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return _rows(con, sql)[0][0]


def _fingerprint(path: Path) -> dict[str, tuple]:
    """Per table: row count and a hash over every row; plus total revenue."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        prints = {table: _rows(con, f"SELECT count(*), sum(hash(t)::HUGEINT) FROM {table} AS t")[0] for table in TABLES}
        prints["revenue"] = _rows(con, "SELECT sum(net_amount) FROM order_lines")[0]
        return prints
    finally:
        con.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    messages: list[str] = []
    target = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    path = ensure_demo_warehouse(target, progress=messages.append)
    return path, messages


@pytest.fixture(scope="module")
def warehouse(built: tuple[Path, list[str]]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def con(warehouse: Path):
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def test_build_reports_progress_and_leaves_only_the_file(
    built: tuple[Path, list[str]],
) -> None:
    path, messages = built
    assert path.is_file()
    assert messages and all(isinstance(m, str) and m for m in messages)
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_all_tables_exist(con: duckdb.DuckDBPyConnection) -> None:
    names = {r[0] for r in _rows(con, "SELECT table_name FROM duckdb_tables()")}
    assert names == set(TABLES)


def test_every_table_and_column_has_a_comment(con: duckdb.DuckDBPyConnection) -> None:
    tables = _rows(con, "SELECT table_name, comment FROM duckdb_tables()")
    assert all(comment and comment.strip() for _, comment in tables), tables
    columns = _rows(
        con,
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal",
    )
    assert {t for t, _, _ in columns} == set(TABLES)
    missing = [(t, c) for t, c, comment in columns if not (comment and comment.strip())]
    assert missing == []


def test_revenue_column_says_how_to_use_it(con: duckdb.DuckDBPyConnection) -> None:
    comment = _scalar(
        con,
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'order_lines' AND column_name = 'net_amount'",
    )
    assert "revenue" in comment.lower() and "USD" in comment


def test_keys_are_declared(con: duckdb.DuckDBPyConnection) -> None:
    constraints = _rows(con, "SELECT table_name, constraint_type FROM duckdb_constraints()")
    with_primary_key = {t for t, kind in constraints if kind == "PRIMARY KEY"}
    assert with_primary_key == set(TABLES)
    foreign = {}
    for table, kind in constraints:
        if kind == "FOREIGN KEY":
            foreign[table] = foreign.get(table, 0) + 1
    assert foreign == FOREIGN_KEYS


def test_sizes(con: duckdb.DuckDBPyConnection) -> None:
    assert _scalar(con, "SELECT count(*) FROM order_lines") >= 100_000
    assert 2000 <= _scalar(con, "SELECT count(*) FROM customers") <= 5000
    assert 40 <= _scalar(con, "SELECT count(*) FROM products") <= 80
    assert 5 <= _scalar(con, "SELECT count(DISTINCT category) FROM products") <= 6
    assert _scalar(con, "SELECT count(*) FROM sales_reps") == 20
    assert _scalar(con, "SELECT count(*) FROM returns") > 0
    assert _scalar(con, "SELECT count(*) FROM sales_targets") > 0


def test_orders_cover_2023_to_2025_with_growth_and_a_strong_q4(
    con: duckdb.DuckDBPyConnection,
) -> None:
    first, last = _rows(con, "SELECT min(order_date), max(order_date) FROM orders")[0]
    assert first.isoformat() == "2023-01-01" and last.isoformat() == "2025-12-31"
    revenue = dict(
        _rows(
            con,
            "SELECT year(o.order_date), sum(l.net_amount) FROM orders o JOIN order_lines l USING (order_id) GROUP BY 1",
        )
    )
    assert sorted(revenue) == [2023, 2024, 2025]
    for year in (2024, 2025):
        assert 1.05 < revenue[year] / revenue[year - 1] < 1.30
    quarters = dict(
        _rows(
            con,
            "SELECT quarter(o.order_date), sum(l.net_amount) FROM orders o "
            "JOIN order_lines l USING (order_id) WHERE year(o.order_date) = 2024 GROUP BY 1",
        )
    )
    assert quarters[4] > max(quarters[1], quarters[2], quarters[3])


def test_no_orphans(con: duckdb.DuckDBPyConnection) -> None:
    orphans = {
        "lines without order": "SELECT count(*) FROM order_lines l "
        "LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL",
        "lines without product": "SELECT count(*) FROM order_lines l "
        "LEFT JOIN products p USING (product_id) WHERE p.product_id IS NULL",
        "orders without customer": "SELECT count(*) FROM orders o "
        "LEFT JOIN customers c USING (customer_id) WHERE c.customer_id IS NULL",
        "orders without rep": "SELECT count(*) FROM orders o "
        "LEFT JOIN sales_reps r USING (rep_id) WHERE r.rep_id IS NULL",
        "returns without line": "SELECT count(*) FROM returns r "
        "LEFT JOIN order_lines l USING (order_line_id) WHERE l.order_line_id IS NULL",
        "targets without rep": "SELECT count(*) FROM sales_targets t "
        "LEFT JOIN sales_reps r USING (rep_id) WHERE r.rep_id IS NULL",
        "orders without lines": "SELECT count(*) FROM orders o "
        "WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.order_id)",
    }
    assert {name: _scalar(con, sql) for name, sql in orphans.items()} == dict.fromkeys(orphans, 0)


def test_net_amount_is_quantity_times_price_after_discount(
    con: duckdb.DuckDBPyConnection,
) -> None:
    wrong = _scalar(
        con,
        "SELECT count(*) FROM order_lines WHERE net_amount <> round(quantity * unit_price * (1 - discount), 2)",
    )
    assert wrong == 0
    low, high = _rows(con, "SELECT min(discount), max(discount) FROM order_lines")[0]
    assert low == 0 and 0 < high <= Decimal("0.30")
    assert _scalar(con, "SELECT min(quantity) FROM order_lines") >= 1


def test_dates_are_causally_consistent(con: duckdb.DuckDBPyConnection) -> None:
    checks = {
        "order before signup": "SELECT count(*) FROM orders o JOIN customers c "
        "USING (customer_id) WHERE o.order_date < c.signup_date",
        "order before rep hired": "SELECT count(*) FROM orders o JOIN sales_reps r "
        "USING (rep_id) WHERE o.order_date < r.hire_date",
        "sold before launch": "SELECT count(*) FROM order_lines l JOIN orders o "
        "USING (order_id) JOIN products p USING (product_id) WHERE o.order_date < p.launch_date",
        "shipped before ordered": "SELECT count(*) FROM orders WHERE ship_date < order_date",
        "returned before shipped": "SELECT count(*) FROM returns r "
        "JOIN order_lines l USING (order_line_id) JOIN orders o USING (order_id) "
        "WHERE r.return_date <= o.ship_date OR o.status <> 'Returned'",
        "refund above sale": "SELECT count(*) FROM returns r "
        "JOIN order_lines l USING (order_line_id) WHERE r.refund_amount > l.net_amount",
    }
    assert {name: _scalar(con, sql) for name, sql in checks.items()} == dict.fromkeys(checks, 0)


def test_build_is_deterministic(warehouse: Path, tmp_path: Path) -> None:
    again = ensure_demo_warehouse(tmp_path / "again.duckdb")
    assert _fingerprint(again) == _fingerprint(warehouse)


def test_existing_file_is_not_rebuilt(warehouse: Path) -> None:
    before = warehouse.stat().st_mtime_ns
    messages: list[str] = []
    assert ensure_demo_warehouse(warehouse, progress=messages.append) == warehouse
    assert warehouse.stat().st_mtime_ns == before
    assert messages == []


def test_failed_build_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(path: Path, say: object) -> None:
        path.write_bytes(b"half a database")
        raise RuntimeError("power cut")

    monkeypatch.setattr(demo, "_build", crash)
    with pytest.raises(RuntimeError):
        ensure_demo_warehouse(tmp_path / "demo.duckdb")
    assert list(tmp_path.iterdir()) == []


def test_racing_builders_both_get_a_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "demo.duckdb"
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: ensure_demo_warehouse(target), range(2)))
    assert results == [target, target]
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    con = duckdb.connect(str(target), read_only=True)
    try:
        assert _scalar(con, "SELECT count(*) FROM order_lines") >= 100_000
    finally:
        con.close()


def test_default_path_honours_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEMO_DB_ENV, str(tmp_path / "elsewhere.duckdb"))
    assert default_demo_path() == tmp_path / "elsewhere.duckdb"
    monkeypatch.delenv(DEMO_DB_ENV)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_demo_path() == tmp_path / ".cache" / "tabletalk" / "demo.duckdb"


def test_demo_url_opens_read_only_through_sqlalchemy(warehouse: Path, tmp_path: Path) -> None:
    # A copy: DuckDB refuses a second in-process connection to a file with different settings.
    copy = Path(shutil.copy(warehouse, tmp_path / "copy.duckdb"))
    url = demo_url(copy)
    assert url == f"duckdb:///{copy}"
    engine = sa.create_engine(url, connect_args={"read_only": True})
    try:
        with engine.connect() as connection:
            count = connection.execute(sa.text("SELECT count(*) FROM orders")).scalar()
            assert count and count > 0
            comment = sa.inspect(connection).get_table_comment("order_lines")["text"]
            assert comment
    finally:
        engine.dispose()


@pytest.mark.parametrize(("question", "sql"), BUSINESS_QUESTIONS, ids=[q for q, _ in BUSINESS_QUESTIONS])
def test_business_question_has_a_non_empty_answer(con: duckdb.DuckDBPyConnection, question: str, sql: str) -> None:
    rows = _rows(con, sql)
    assert rows, question
    assert all(value is not None for row in rows for value in row), question


def test_business_questions_are_many_and_distinct() -> None:
    questions = [q for q, _ in BUSINESS_QUESTIONS]
    assert len(questions) >= 16
    assert len(set(questions)) == len(questions)
