"""The compiler of analyst requests, each analysis against results computed in plain Python from the same rows,
on DuckDB, SQLite and PostgreSQL (no model: the requests are written here)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
import sqlalchemy

from semantic.compile import CannotCompile, compile_request
from semantic.draft import draft_model
from semantic.periods import periods_in
from semantic.request import Request
from semantic.yaml_io import parse_model
from tests.conftest import require_server_url, sqlite_warehouse

REGIONS = {1: "North", 2: "South"}
CUSTOMERS = {1: 1, 2: 1, 3: 2, 4: 2}  # customer -> region
# (order_id, customer_id, order_date, [(product, amount), ...])
ORDERS = [
    (1, 1, date(2023, 11, 5), [("A", 100.0)]),
    (2, 1, date(2024, 1, 10), [("A", 50.0), ("B", 30.0)]),
    (3, 2, date(2024, 2, 20), [("B", 70.0)]),
    (4, 3, date(2024, 5, 1), [("A", 20.0)]),
    (5, 1, date(2024, 7, 15), [("B", 40.0), ("B", 10.0)]),
    (6, 4, date(2024, 11, 30), [("A", 90.0)]),
    (7, 2, date(2025, 1, 3), [("A", 60.0)]),
    (8, 3, date(2025, 3, 9), [("B", 25.0), ("A", 35.0)]),
    (9, 4, date(2025, 6, 18), [("B", 15.0)]),
    (10, 1, date(2025, 8, 2), [("A", 120.0)]),
    (11, 3, date(2025, 10, 21), [("A", 5.0)]),
]

MODEL_YAML = """
name: shop
tables:
  - name: lines
    base_table: {table: lines}
    primary_key: {columns: [line_id]}
    dimensions:
      - {name: product, expr: product}
    metrics:
      - {name: revenue, expr: SUM(amount), synonyms: [sales]}
      - {name: order_value, expr: SUM(lines.amount) / COUNT(DISTINCT lines.order_id)}
  - name: orders
    base_table: {table: orders}
    primary_key: {columns: [order_id]}
    time_dimensions:
      - {name: order_date, expr: order_date, data_type: DATE}
    metrics:
      - {name: order_count, expr: COUNT(DISTINCT orders.order_id)}
    filters:
      - name: returning
        expr: orders.customer_id IN (SELECT o2.customer_id FROM orders AS o2 WHERE o2.order_date < {period_start})
  - name: customers
    base_table: {table: customers}
    primary_key: {columns: [customer_id]}
  - name: regions
    base_table: {table: regions}
    primary_key: {columns: [region_id]}
    dimensions:
      - {name: region, expr: name}
relationships:
  - name: l_o
    left_table: lines
    right_table: orders
    relationship_columns: [{left_column: order_id, right_column: order_id}]
  - name: o_c
    left_table: orders
    right_table: customers
    relationship_columns: [{left_column: customer_id, right_column: customer_id}]
  - name: c_r
    left_table: customers
    right_table: regions
    relationship_columns: [{left_column: region_id, right_column: region_id}]
"""

TODAY = date(2026, 12, 4)


def _statements(date_type: str) -> list[str]:
    statements = [
        "CREATE TABLE regions (region_id INTEGER PRIMARY KEY, name VARCHAR(20))",
        "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, region_id INTEGER REFERENCES regions(region_id))",
        f"CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER, order_date {date_type})",
        "CREATE TABLE lines (line_id INTEGER PRIMARY KEY, order_id INTEGER, product VARCHAR(5), amount DECIMAL(10,2))",
    ]
    statements += [f"INSERT INTO regions VALUES ({k}, '{v}')" for k, v in REGIONS.items()]
    statements += [f"INSERT INTO customers VALUES ({k}, {v})" for k, v in CUSTOMERS.items()]
    line_id = 0
    for order_id, customer, day, lines in ORDERS:
        statements.append(f"INSERT INTO orders VALUES ({order_id}, {customer}, '{day.isoformat()}')")
        for product, amount in lines:
            line_id += 1
            statements.append(f"INSERT INTO lines VALUES ({line_id}, {order_id}, '{product}', {amount})")
    return statements


Runner = Callable[[str], list[tuple]]


def _duckdb(tmp_path: Path) -> Iterator[tuple[str, Runner]]:
    connection = duckdb.connect(str(tmp_path / "shop.duckdb"))
    for statement in _statements("DATE"):
        connection.execute(statement)
    yield "duckdb", lambda sql: connection.execute(sql).fetchall()
    connection.close()


def _sqlite(tmp_path: Path) -> Iterator[tuple[str, Runner]]:
    connection = sqlite3.connect(tmp_path / "shop.sqlite")
    for statement in _statements("TEXT"):
        connection.execute(statement)
    yield "sqlite", lambda sql: connection.execute(sql).fetchall()
    connection.close()


def _postgres(_tmp_path: Path) -> Iterator[tuple[str, Runner]]:
    engine = sqlalchemy.create_engine(require_server_url("TABLETALK_TEST_POSTGRES_URL"))
    with engine.connect() as connection:
        connection.execute(sqlalchemy.text("DROP SCHEMA IF EXISTS semantic_compile CASCADE"))
        connection.execute(sqlalchemy.text("CREATE SCHEMA semantic_compile"))
        connection.execute(sqlalchemy.text("SET search_path TO semantic_compile"))
        for statement in _statements("DATE"):
            connection.execute(sqlalchemy.text(statement))
        yield "postgres", lambda sql: [tuple(row) for row in connection.execute(sqlalchemy.text(sql))]
        connection.execute(sqlalchemy.text("DROP SCHEMA semantic_compile CASCADE"))
        connection.commit()
    engine.dispose()


@pytest.fixture(params=[_duckdb, _sqlite, _postgres], ids=["duckdb", "sqlite", "postgres"])
def shop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Runner]]:
    yield from request.param(tmp_path)


def run(shop: tuple[str, Runner], request: Request, question: str) -> list[tuple]:
    dialect, execute = shop
    compiled = compile_request(parse_model(MODEL_YAML), request, periods_in(question, TODAY), dialect)
    return [
        tuple(float(v) if isinstance(v, (int, float)) or hasattr(v, "as_integer_ratio") else v for v in r)
        for r in execute(compiled.sql)
    ]


# ------------------------------------------------------------------ the same numbers in plain Python


def _lines(start: date | None = None, end: date | None = None) -> Iterator[tuple[int, int, date, str, float]]:
    for order_id, customer, day, lines in ORDERS:
        if (start is None or day >= start) and (end is None or day < end):
            for product, amount in lines:
                yield order_id, customer, day, product, amount


def _revenue_by(key: Callable, start: date, end: date) -> dict:
    totals: dict = defaultdict(float)
    for order_id, customer, day, product, amount in _lines(start, end):
        totals[key(order_id, customer, day, product)] += amount
    return dict(totals)


def _region(customer: int) -> str:
    return REGIONS[CUSTOMERS[customer]]


Y2024, Y2025, Y2026 = date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1)


def approx_rows(rows: list[tuple]) -> list[tuple]:
    return [tuple(pytest.approx(v) if isinstance(v, float) else v for v in row) for row in rows]


def test_total_by_month_numbers_months_within_one_year(shop: tuple[str, Runner]) -> None:
    rows = run(shop, Request("total", "revenue", grain="month"), "revenue per month in 2025")
    expected = _revenue_by(lambda _o, _c, day, _p: day.month, Y2025, Y2026)
    assert rows == approx_rows(sorted((float(m), v) for m, v in expected.items()))


def test_growth_between_two_years_by_region(shop: tuple[str, Runner]) -> None:
    rows = run(shop, Request("growth", "revenue", ("region",), order="desc"), "revenue growth by region 2024 to 2025")
    before = _revenue_by(lambda _o, c, _d, _p: _region(c), Y2024, Y2025)
    after = _revenue_by(lambda _o, c, _d, _p: _region(c), Y2025, Y2026)
    expected = sorted(
        (
            (r, before[r], after[r], after[r] - before[r], (after[r] - before[r]) * 100 / before[r])
            for r in REGIONS.values()
        ),
        key=lambda row: -row[3],
    )
    assert rows == approx_rows(expected)


def test_each_month_of_a_year_against_the_same_month_of_the_year_before(shop: tuple[str, Runner]) -> None:
    """ "Each month of 2025 compared with the same month of 2024": a row per month number, in month order; the grain
    was dropped before and the two years' totals answered a question asked month by month."""
    rows = run(shop, Request("growth", "revenue", grain="month"), "revenue in each month of 2025 against 2024")
    before = _revenue_by(lambda _o, _c, day, _p: day.month, Y2024, Y2025)
    after = _revenue_by(lambda _o, _c, day, _p: day.month, Y2025, Y2026)
    months = sorted(set(before) & set(after))
    assert months
    expected = [
        (float(m), before[m], after[m], after[m] - before[m], (after[m] - before[m]) * 100 / before[m]) for m in months
    ]
    assert [row for row in rows if row[1] is not None and row[2] is not None] == approx_rows(expected)
    with pytest.raises(CannotCompile):
        run(shop, Request("growth", "revenue", grain="month"), "revenue in each month of Q3 2025 against Q2 2025")


def test_growth_ranked_by_percent_when_asked(shop: tuple[str, Runner]) -> None:
    request = Request("growth", "revenue", ("product",), order="desc", limit=1, by_percent=True)
    rows = run(shop, request, "which product grew fastest in % from 2024 to 2025")
    before = _revenue_by(lambda *k: k[3], Y2024, Y2025)
    after = _revenue_by(lambda *k: k[3], Y2025, Y2026)
    best = max(before, key=lambda p: (after[p] - before[p]) / before[p])
    assert rows[0][0] == best and len(rows) == 1


def test_one_period_grows_against_the_one_before(shop: tuple[str, Runner]) -> None:
    rows = run(shop, Request("growth", "order_count"), "order growth in 2025")
    count_2024 = len({o for o, *_ in _lines(Y2024, Y2025)})
    count_2025 = len({o for o, *_ in _lines(Y2025, Y2026)})
    change = count_2025 - count_2024
    assert rows == approx_rows([(float(count_2024), float(count_2025), float(change), change * 100 / count_2024)])


def test_period_over_period_along_quarters(shop: tuple[str, Runner]) -> None:
    """Each quarter of 2024 against the one before, the first against Q4 2023 (outside the asked range)."""
    rows = run(shop, Request("growth", "revenue", grain="quarter"), "quarterly revenue growth in 2024")
    by_quarter = _revenue_by(lambda _o, _c, day, _p: f"{day.year}-Q{(day.month + 2) // 3}", date(2023, 10, 1), Y2025)
    quarters = sorted(by_quarter)
    assert quarters[0] == "2023-Q4" and [r[0] for r in rows] == quarters[1:]
    for previous, row in zip(quarters, rows, strict=False):
        assert row[2] == pytest.approx(row[1] - by_quarter[previous])
        assert row[3] == pytest.approx((row[1] - by_quarter[previous]) * 100 / by_quarter[previous])


def test_share_of_total_by_region(shop: tuple[str, Runner]) -> None:
    rows = run(shop, Request("share", "revenue", ("region",)), "share of 2025 revenue by region")
    totals = _revenue_by(lambda _o, c, _d, _p: _region(c), Y2025, Y2026)
    whole = sum(totals.values())
    expected = sorted(((r, v, v * 100 / whole) for r, v in totals.items()), key=lambda row: -row[2])
    assert rows == approx_rows(expected)


def test_share_of_a_named_filter_uses_the_period(shop: tuple[str, Runner]) -> None:
    rows = run(
        shop, Request("share", "revenue", filters=("returning",)), "share of 2025 revenue from returning customers"
    )
    earlier = {customer for _o, customer, day, _l in ORDERS if day < Y2025}
    part = sum(a for _o, c, _d, _p, a in _lines(Y2025, Y2026) if c in earlier)
    whole = sum(a for *_k, a in _lines(Y2025, Y2026))
    assert rows == approx_rows([(part, whole, part * 100 / whole)])


def test_a_filter_read_against_the_period_is_read_for_each_period_of_a_grain(shop: tuple[str, Runner]) -> None:
    """Returning customers' orders in each quarter: returning means an order before that quarter, not before
    the first quarter asked (customer 2's first order, in 2024, makes the one of 2025 a returning one)."""
    request = Request("total", "order_count", grain="quarter", filters=("returning",))
    rows = run(shop, request, "orders from returning customers in each quarter from 2024 to 2025")
    counts: dict[str, int] = defaultdict(int)
    for _o, customer, day, _l in ORDERS:
        if Y2024 <= day < Y2026:
            quarter_start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
            if any(c == customer and d < quarter_start for _x, c, d, _y in ORDERS):
                counts[f"{day.year}-Q{(day.month + 2) // 3}"] += 1
    assert counts["2025-Q1"] == 2  # customer 2 among them
    assert rows == [(quarter, float(n)) for quarter, n in sorted(counts.items())]


def test_share_of_a_named_value_against_everything_else_the_question_bounds(shop: tuple[str, Runner]) -> None:
    request = Request("share", "revenue", values={"region": ("South",)})
    rows = run(shop, request, "what share of 2025 revenue came from the South")
    part = sum(a for _o, c, _d, _p, a in _lines(Y2025, Y2026) if _region(c) == "South")
    whole = sum(a for *_k, a in _lines(Y2025, Y2026))
    assert rows == approx_rows([(part, whole, part * 100 / whole)])


def test_a_value_left_out_is_excluded_in_totals_and_shares_and_said(shop: tuple[str, Runner]) -> None:
    """ "2025 revenue by region, except product B": every line but B's, in a total and as the whole of a share."""
    total = run(shop, Request("total", "revenue", ("region",), excluded={"product": ("B",)}), "revenue in 2025")
    expected: dict[str, float] = defaultdict(float)
    for _o, customer, _d, product, amount in _lines(Y2025, Y2026):
        if product != "B":
            expected[_region(customer)] += amount
    assert total == approx_rows(sorted(expected.items(), key=lambda row: -row[1]))
    share = run(shop, Request("share", "revenue", excluded={"product": ("B",)}, values={"region": ("South",)}), "2025")
    part, whole = expected["South"], sum(expected.values())
    assert share == approx_rows([(part, whole, part * 100 / whole)])
    said = compile_request(
        parse_model(MODEL_YAML), Request("total", "revenue", excluded={"product": ("B",)}), [], shop[0]
    ).explanation
    assert "product not B" in said


def test_a_rate_is_the_named_values_share_within_each_group(shop: tuple[str, Runner]) -> None:
    """ "The product A rate of revenue by region": A's share of each region's revenue, not the regions' shares."""
    request = Request("share", "revenue", ("region",), values={"product": ("A",)}, rate=True)
    rows = run(shop, request, "product A's share of each region's 2025 revenue")
    expected = []
    for region in REGIONS.values():
        lines = [(p, a) for _o, c, _d, p, a in _lines(Y2025, Y2026) if _region(c) == region]
        part, whole = sum(a for p, a in lines if p == "A"), sum(a for _p, a in lines)
        expected.append((region, part, whole, part * 100 / whole))
    assert rows == approx_rows(sorted(expected, key=lambda row: -row[3]))
    assert rows[0][3] != rows[1][3]  # the order says something


def test_a_rate_along_a_time_grain_is_in_time_order(shop: tuple[str, Runner]) -> None:
    request = Request("share", "revenue", grain="year", values={"product": ("B",)}, rate=True)
    rows = run(shop, request, "product B's share of revenue by year from 2024 to 2025")
    expected = []
    for year, (start, end) in {2024: (Y2024, Y2025), 2025: (Y2025, Y2026)}.items():
        lines = list(_lines(start, end))
        part, whole = sum(a for *_k, p, a in lines if p == "B"), sum(a for *_k, a in lines)
        expected.append((year, part, whole, part * 100 / whole))
    assert [(int(row[0]), *row[1:]) for row in rows] == approx_rows(expected)


def test_running_total_by_quarter_per_region(shop: tuple[str, Runner]) -> None:
    rows = run(
        shop, Request("running_total", "revenue", ("region",), grain="quarter"), "cumulative revenue by quarter in 2024"
    )
    expected = []
    for region in sorted(REGIONS.values()):
        by_quarter = _revenue_by(
            lambda _o, c, d, _p, here=region: (d.month + 2) // 3 if _region(c) == here else None, Y2024, Y2025
        )
        by_quarter.pop(None, None)
        running = 0.0
        for quarter in sorted(by_quarter):
            running += by_quarter[quarter]
            expected.append((float(quarter), region, by_quarter[quarter], running))
    assert rows == approx_rows(expected)


def test_top_n_per_group(shop: tuple[str, Runner]) -> None:
    rows = run(shop, Request("top", "revenue", ("region", "product"), limit=1), "best product in each region in 2024")
    totals = _revenue_by(lambda _o, c, _d, p: (_region(c), p), Y2024, Y2025)
    expected = []
    for region in sorted(REGIONS.values()):
        product = max((p for r, p in totals if r == region), key=lambda p: totals[(region, p)])
        expected.append((region, product, totals[(region, product)], 1.0))
    assert rows == approx_rows(expected)


def test_average_per_entity(shop: tuple[str, Runner]) -> None:
    rows = run(shop, Request("average_per", "revenue", per="customers"), "average revenue per customer in 2024")
    per_customer = _revenue_by(lambda _o, c, _d, _p: c, Y2024, Y2025)
    assert rows == approx_rows([(sum(per_customer.values()) / len(per_customer),)])


def test_ratio_metric_is_per_order_not_per_line(shop: tuple[str, Runner]) -> None:
    rows = run(shop, Request("total", "order_value", ("region",), order="none"), "order value by region in 2025")
    expected = {}
    for region in REGIONS.values():
        lines = [(o, a) for o, c, _d, _p, a in _lines(Y2025, Y2026) if _region(c) == region]
        expected[region] = sum(a for _o, a in lines) / len({o for o, _a in lines})
    assert sorted(rows) == approx_rows(sorted(expected.items()))


def test_a_second_metric_of_the_same_table_is_one_more_column(shop: tuple[str, Runner]) -> None:
    """Revenue and the revenue per order, by region: both read over the same lines, in one row per region."""
    request = Request("total", "revenue", ("region",), order="none", also=("order_value",))
    rows = run(shop, request, "revenue and order value by region in 2025")
    expected = []
    for region in REGIONS.values():
        lines = [(o, a) for o, c, _d, _p, a in _lines(Y2025, Y2026) if _region(c) == region]
        total = sum(a for _o, a in lines)
        expected.append((region, total, total / len({o for o, _a in lines})))
    assert sorted(rows) == approx_rows(sorted(expected))


def test_a_second_metric_only_of_the_same_table_and_only_in_totals() -> None:
    model = parse_model(MODEL_YAML)
    with pytest.raises(CannotCompile, match="no metric of lines"):
        compile_request(model, Request("total", "revenue", ("region",), also=("order_count",)), [], "duckdb")
    with pytest.raises(CannotCompile, match="in totals only"):
        compile_request(model, Request("share", "revenue", ("region",), also=("order_value",)), [], "duckdb")


def test_a_count_by_a_dimension_across_a_fan_out(shop: tuple[str, Runner]) -> None:
    rows = run(shop, Request("total", "order_count", ("product",), order="none"), "orders by product in 2024")
    expected: dict[str, set[int]] = defaultdict(set)
    for order_id, _c, _d, product, _a in _lines(Y2024, Y2025):
        expected[product].add(order_id)
    assert sorted(rows) == sorted((p, float(len(o))) for p, o in expected.items())


def test_a_count_of_rows_across_a_fan_out_is_refused() -> None:
    """COUNT(*) of orders split by the product of their lines would count an order once per line."""
    counted = "      - {name: order_count, expr: COUNT(DISTINCT orders.order_id)}"
    yaml = MODEL_YAML.replace(counted, counted + "\n      - {name: order_rows, expr: COUNT(*)}")
    with pytest.raises(CannotCompile, match="join path"):
        compile_request(parse_model(yaml), Request("total", "order_rows", ("product",)), [], "duckdb")


def test_a_filter_defined_for_a_period_needs_one() -> None:
    with pytest.raises(CannotCompile, match="period"):
        compile_request(parse_model(MODEL_YAML), Request("share", "revenue", filters=("returning",)), [], "duckdb")


def _active(start: date, end: date) -> set[int]:
    return {customer for _o, customer, day, _l in ORDERS if start <= day < end}


def test_retention_and_churn_of_customers_from_one_year_to_the_next(shop: tuple[str, Runner]) -> None:
    """One year asked is the second of the pair: 2025's churn is of the customers who ordered in 2024."""
    rows = run(shop, Request("retention", "revenue", per="customers"), "customer churn rate in 2025")
    before, after = _active(Y2024, Y2025), _active(Y2025, Y2026)
    kept = len(before & after)
    churned = len(before) - kept
    assert rows == approx_rows([(len(before), kept, churned, kept * 100 / len(before), churned * 100 / len(before))])


def test_retention_by_a_dimension_of_the_entity_two_joins_away(shop: tuple[str, Runner]) -> None:
    request = Request("retention", "order_count", ("region",), per="customers")
    rows = run(shop, request, "which customers of 2024 came back in 2025, by region")
    before, after = _active(Y2024, Y2025), _active(Y2025, Y2026)
    expected = []
    for region in REGIONS.values():
        here = {c for c in before if _region(c) == region}
        kept = len(here & after)
        rate = kept * 100 / len(here)
        expected.append((region, len(here), kept, len(here) - kept, rate, 100 - rate))
    assert sorted(rows) == sorted(approx_rows(expected))


def test_retention_needs_an_entity_with_dated_activity() -> None:
    with pytest.raises(CannotCompile, match="dated"):
        compile_request(parse_model(MODEL_YAML), Request("retention", "revenue", per="regions"), [], "duckdb")


def test_a_table_reached_two_ways_is_reached_by_the_key_every_row_has(tmp_path: Path) -> None:
    """A rental's car class is its car's (vehicle_id, never empty), not that of the reservation it may lack: the
    inner join through the reservation would drop walk-in rentals and count a reserved class, not the one driven."""
    warehouse = sqlite_warehouse(
        tmp_path / "fleet.sqlite",
        "CREATE TABLE classes (class_id INTEGER PRIMARY KEY, class_name TEXT NOT NULL);"
        "CREATE TABLE vehicles (vehicle_id INTEGER PRIMARY KEY, class_id INTEGER NOT NULL REFERENCES classes);"
        "CREATE TABLE reservations (reservation_id INTEGER PRIMARY KEY,"
        " class_id INTEGER NOT NULL REFERENCES classes);"
        "CREATE TABLE rentals (rental_id INTEGER PRIMARY KEY, vehicle_id INTEGER NOT NULL REFERENCES vehicles,"
        " reservation_id INTEGER REFERENCES reservations);"
        "INSERT INTO classes VALUES (1, 'Compact'), (2, 'SUV');"
        "INSERT INTO vehicles VALUES (1, 2);"
        "INSERT INTO reservations VALUES (1, 1);"
        "INSERT INTO rentals VALUES (1, 1, 1), (2, 1, NULL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    counted = next(m.name for t, m in model.metrics if t.name == "rentals" and m.expr == "COUNT(*)")
    sql = compile_request(model, Request("total", counted, group_by=("class_name",)), [], "sqlite").sql
    assert warehouse.run(sql).data.values.tolist() == [["SUV", 2]]


def test_two_years_compared_in_each_year_are_the_two_years(shop: tuple[str, Runner]) -> None:
    """ "Grow from 2024 to 2025 ... counted in each year": the year grain is the two periods themselves."""
    by_year = run(shop, Request("growth", "revenue", grain="year"), "revenue growth from 2024 to 2025")
    assert by_year == run(shop, Request("growth", "revenue"), "revenue growth from 2024 to 2025")


def test_retention_reads_a_value_of_the_activity_on_the_activity_and_one_of_the_entity_on_it(tmp_path: Path) -> None:
    """ "Customers who completed an order in 2024 and completed another in 2025": the status picks the orders
    that make a customer active (it had found no join path from customers to orders); the customer's own tier
    picks the customers."""
    warehouse = sqlite_warehouse(
        tmp_path / "retention.sqlite",
        "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, tier TEXT NOT NULL);"
        "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers,"
        " placed_at DATE NOT NULL, status TEXT NOT NULL);"
        "INSERT INTO customers VALUES (1, 'Gold'), (2, 'Gold'), (3, 'Basic'), (4, 'Gold');"
        # 1: completed both years; 2: completed 2024, only a failed order in 2025; 3: Basic, both years;
        # 4: only a failed order in 2024, completed in 2025 (not active in 2024)
        "INSERT INTO orders VALUES (1, 1, '2024-03-01', 'Completed'), (2, 1, '2025-03-01', 'Completed'),"
        " (3, 2, '2024-04-01', 'Completed'), (4, 2, '2025-04-01', 'Payment failed'),"
        " (5, 3, '2024-05-01', 'Completed'), (6, 3, '2025-05-01', 'Completed'),"
        " (7, 4, '2024-06-01', 'Payment failed'), (8, 4, '2025-06-01', 'Completed');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    customers = next(m.name for t, m in model.metrics if t.name == "customers" and m.expr == "COUNT(*)")
    status = next(d.name for t, d in model.dimensions if t.name == "orders" and d.expr.strip('"') == "status")
    tier = next(d.name for t, d in model.dimensions if t.name == "customers" and d.expr.strip('"') == "tier")
    periods = periods_in("from 2024 to 2025")
    request = Request("retention", customers, per="customers", values={status: ("Completed",)})
    sql = compile_request(model, request, periods, "sqlite").sql
    assert warehouse.run(sql).data.iloc[0, :3].tolist() == [3, 2, 1]  # active 2024: 1, 2, 3; again: 1, 3
    request = replace(request, values={status: ("Completed",), tier: ("Gold",)})
    sql = compile_request(model, request, periods, "sqlite").sql
    assert warehouse.run(sql).data.iloc[0, :3].tolist() == [2, 1, 1]  # Gold and active 2024: 1, 2; again: 1
