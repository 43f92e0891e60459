"""The semantic model without a model: validation against real schemas (with line numbers), the draft from the
schema alone on the demo warehouse and on Spider databases, YAML round trips, per-connection files, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from chains.__main__ import main
from chains.by_definitions import mentioned_metrics
from chains.warehouses import open_warehouse
from connectors.schema import Schema
from connectors.warehouse import Warehouse
from semantic import catalog
from semantic.compile import CannotCompile, compile_request
from semantic.draft import draft_model
from semantic.periods import periods_in
from semantic.request import Request
from semantic.validate import Problem, validate
from semantic.yaml_io import SemanticModelError, dump_model, parse_model
from tests.conftest import sqlite_warehouse

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SPIDER = PROJECT_ROOT.parent / "shared" / "eval" / "spider_public"

SHOP = """
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, region TEXT NOT NULL, signup_date DATE);
CREATE TABLE orders (
  order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
  order_date DATE NOT NULL, status TEXT NOT NULL
);
CREATE TABLE order_lines (
  line_id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders (order_id),
  quantity INTEGER NOT NULL, net_amount DECIMAL(10, 2) NOT NULL
);
INSERT INTO customers VALUES (1, 'Europe', '2024-01-05'), (2, 'Asia', '2024-02-11');
INSERT INTO orders VALUES (1, 1, '2024-03-01', 'Delivered'), (2, 2, '2024-03-02', 'Cancelled');
INSERT INTO order_lines VALUES (1, 1, 2, 20.00), (2, 1, 1, 5.50), (3, 2, 4, 40.00);
"""

VALID = """\
name: shop
tables:
  - name: orders
    base_table:
      table: orders
    primary_key:
      columns: [order_id]
    dimensions:
      - name: status
        expr: status
    time_dimensions:
      - name: order_date
        expr: order_date
    metrics:
      - name: order_count
        expr: COUNT(*)
      - name: average_order_value
        expr: SUM(order_lines.net_amount) / COUNT(DISTINCT orders.order_id)
    filters:
      - name: delivered
        expr: status = 'Delivered'
      - name: returning_customer
        expr: customer_id IN (SELECT o.customer_id FROM orders AS o WHERE o.order_date < {period_start})
  - name: order_lines
    base_table:
      table: order_lines
    facts:
      - name: net_amount
        expr: net_amount
    metrics:
      - name: revenue
        expr: SUM(net_amount)
  - name: customers
    base_table:
      table: customers
    dimensions:
      - name: region
        expr: region
relationships:
  - name: lines_to_orders
    left_table: order_lines
    right_table: orders
    relationship_columns:
      - left_column: order_id
        right_column: order_id
  - name: orders_to_customers
    left_table: orders
    right_table: customers
    relationship_columns:
      - left_column: customer_id
        right_column: customer_id
    join_type: left_outer
verified_queries:
  - name: revenue by region
    question: What is the revenue by region?
    sql: |
      SELECT c.region, SUM(l.net_amount) AS revenue
      FROM order_lines AS l JOIN orders AS o ON o.order_id = l.order_id
      JOIN customers AS c ON c.customer_id = o.customer_id
      GROUP BY c.region
"""


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    return sqlite_warehouse(tmp_path_factory.mktemp("shop") / "shop.sqlite", SHOP)


@pytest.fixture(scope="module")
def demo() -> Warehouse:
    return open_warehouse()


def _line(text: str, fragment: str) -> int:
    """The 1-based line that is `fragment`, or else the only one holding it: where a problem must point."""
    numbered = list(enumerate(text.splitlines(), start=1))
    [number] = [n for n, line in numbered if line.strip() == fragment.strip()] or [
        n for n, line in numbered if fragment in line
    ]
    return number


def _problems(text: str, schema: Schema) -> list[Problem]:
    return validate(parse_model(text), schema)


def _broken(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


def test_the_valid_model_has_no_problems(shop: Warehouse) -> None:
    assert _problems(VALID, shop.schema()) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "COUNT(DISTINCT orders.order_id)",
            "COUNT(DISTINCT orders.ordr_id)",
            "metric `average_order_value` names column `orders.ordr_id`, which table `orders` does not have; did "
            "you mean `order_id`? (columns: order_id, customer_id, order_date, status)",
        ),
        ("      table: order_lines", "      table: order_line", "base table `order_line`, which the warehouse does"),
        ("expr: SUM(net_amount)", "expr: net_amount * 2", "metric `revenue` has expr `net_amount * 2`, which aggreg"),
        ("expr: status = 'Delivered'", "expr: status", "filter `delivered` has expr `status`, which is not a cond"),
        ("expr: region", "expr: status", "dimension `region` names column `status`, which table `customers` does not"),
        ("expr: order_date", "expr: DATE_TRUNC('month', order_date", "which is not SQL the sqlite dialect reads"),
        ("{period_start}", "{period_begin}", "filter `returning_customer` holds the placeholder `{period_begin}`"),
        ("- name: delivered", "- name: order_count", "filter `order_count` in table `orders` has the name of metric"),
        ("- name: region", "- name: status", "dimension `status` in table `customers` has the name of dimension"),
        ("right_column: customer_id", "right_column: customer", "joins on `customers.customer`, which table"),
        ("right_table: customers", "right_table: clients", "right_table `clients`, which is no table of the model"),
        ("join_type: left_outer", "join_type: full", "has join_type `full`: use one of inner, left_outer"),
        ("SUM(l.net_amount) AS revenue", "SUM(l.net_amt) AS revenue", "verified query `revenue by region` names"),
        ("      GROUP BY c.region\n", "      GROUP BY c.region; DELETE FROM orders\n", "verified query `revenue by"),
    ],
)
def test_each_broken_reference_is_reported_on_its_line(shop: Warehouse, old: str, new: str, expected: str) -> None:
    text = _broken(old, new)
    problems = _problems(text, shop.schema())
    assert len(problems) == 1, problems
    [problem] = problems
    assert expected in problem.message
    edited_line = VALID[: VALID.index(old)].count("\n") + 1
    expected_line = edited_line if "verified query" not in expected else _line(text, "sql: |")
    assert problem.line == expected_line, problem
    assert str(problem).startswith(f"line {problem.line}: ")


def test_a_table_the_entry_cannot_reach_is_reported(shop: Warehouse) -> None:
    text = VALID.replace("  - name: lines_to_orders\n", "  - name: lines_to_orders_gone\n").replace(
        "    left_table: order_lines\n", "    left_table: customers\n"
    )
    messages = [p.message for p in _problems(text, shop.schema())]
    assert any("uses table `order_lines`, which no relationship joins to `orders`" in m for m in messages), messages


def test_yaml_the_reader_cannot_read_says_where(shop: Warehouse) -> None:
    with pytest.raises(SemanticModelError) as unreadable:
        parse_model(VALID.replace("      - name: region\n", "      - name: region\n     bad: [\n"))
    assert unreadable.value.line is not None and str(unreadable.value).startswith("line ")
    with pytest.raises(SemanticModelError) as missing:
        parse_model(VALID.replace("        expr: SUM(net_amount)\n", ""))
    assert missing.value.line == _line(VALID, "- name: revenue") and "needs `expr`" in str(missing.value)


def test_the_demo_draft_holds_what_an_analyst_expects_and_validates(demo: Warehouse) -> None:
    schema = demo.schema()
    model = draft_model(schema, demo.text_values(), name="demo")
    assert validate(model, schema) == []
    lines = model.table("order_lines")
    assert lines is not None
    revenue = next(m for m in lines.metrics if m.expr == "SUM(net_amount)")
    assert {"revenue", "sales"} <= set(revenue.synonyms) and revenue.unit == "USD"
    assert "order_date" in {d.name for d in model.table("orders").time_dimensions}  # type: ignore[union-attr]
    dimensions = {(t.name, d.expr): d for t, d in model.dimensions}
    assert "Europe" in dimensions[("customers", "region")].sample_values
    assert "Furniture" in dimensions[("products", "category")].sample_values
    assert ("sales_targets", "year") in dimensions  # a calendar number groups, it is not summed
    # Orders are counted, and the days from ordering to shipping averaged; nothing of theirs is summed.
    orders = {m.name for t, m in model.metrics if t.name == "orders"}
    assert orders == {"order_count", "average_days_from_order_date_to_ship_date"}
    assert len({name for name, _ in ((m.name, t) for t, m in model.metrics)}) == len(model.metrics)
    foreign_keys = {
        (table.name, fk.ref_table, tuple(zip(fk.columns, fk.ref_columns, strict=True)))
        for table in schema.tables
        for fk in table.foreign_keys
    }
    assert {(r.left_table, r.right_table, r.columns) for r in model.relationships} == foreign_keys
    assert all(r.relationship_type == "many_to_one" for r in model.relationships)


def test_a_draft_dates_each_table_by_its_own_event_date_first(tmp_path: Path) -> None:
    """The compiler dates a metric by its table's first time dimension: an invoice by its invoice date, not
    by the due date that comes first in the table."""
    warehouse = sqlite_warehouse(
        tmp_path / "dates.sqlite",
        "CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, due_date DATE, invoice_date DATE, amount REAL);"
        "CREATE TABLE employees (employee_id INTEGER PRIMARY KEY, birth_date DATE, hire_date DATE);"
        "CREATE TABLE payments (payment_id INTEGER PRIMARY KEY, booked_on DATE, paid_date DATE, amount REAL);"
        "INSERT INTO invoices VALUES (1, '2025-02-01', '2025-01-01', 10.0);"
        "INSERT INTO employees VALUES (1, '1990-05-01', '2020-01-01');"
        "INSERT INTO payments VALUES (1, '2025-01-01', '2025-01-03', 10.0);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="dates")
    first = {table.name: table.time_dimensions[0].expr for table in model.tables}
    # No date named after its table: the table's own order stands.
    assert first == {"invoices": "invoice_date", "employees": "birth_date", "payments": "booked_on"}


def test_a_draft_reads_a_table_keyed_twice_in_each_role_and_compiles_one_join_per_role(tmp_path: Path) -> None:
    """Shipments from one depot to another: "by origin and destination city" reads each key's own depot; the plain
    depots table is reached by neither key, so a question naming no role finds no join path instead of one of them."""
    warehouse = sqlite_warehouse(
        tmp_path / "roles.sqlite",
        "CREATE TABLE depots (depot_code TEXT PRIMARY KEY, city TEXT NOT NULL, region_id INTEGER REFERENCES regions);"
        "CREATE TABLE regions (region_id INTEGER PRIMARY KEY, region_name TEXT);"
        "CREATE TABLE shipments (shipment_id INTEGER PRIMARY KEY, shipped_on DATE, weight_kg REAL,"
        " from_depot_code TEXT NOT NULL REFERENCES depots, to_depot_code TEXT NOT NULL REFERENCES depots);"
        "INSERT INTO regions VALUES (1, 'North'), (2, 'South');"
        "INSERT INTO depots VALUES ('AAA', 'Avon', 1), ('BBB', 'Bree', 2);"
        "INSERT INTO shipments VALUES (1, '2025-01-02', 5, 'AAA', 'BBB'), (2, '2025-01-03', 7, 'AAA', 'BBB'),"
        " (3, '2025-01-04', 11, 'BBB', 'AAA');"
        "CREATE TABLE trucks (truck_id INTEGER PRIMARY KEY, home_depot_code TEXT REFERENCES depots);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="roles")
    assert validate(model, warehouse.schema()) == []
    roles = {t.name: t for t in model.tables if t.base_table.table == "depots" and t.name != "depots"}
    assert set(roles) == {"from_depots", "to_depots", "home_depots"}
    assert [d.name for d in roles["from_depots"].dimensions] == ["from_depot_code", "from_city"]
    joins = {(r.left_table, r.right_table) for r in model.relationships}
    assert ("shipments", "depots") not in joins
    assert {("shipments", "from_depots"), ("shipments", "to_depots"), ("depots", "regions")} <= joins
    # once the depots are read in roles, a truck's home depot is one more: no path to "the" depots through it
    assert ("trucks", "home_depots") in joins and ("trucks", "depots") not in joins
    request = Request(analysis="total", metric="shipment_count", group_by=("from_city", "to_city"))
    compiled = compile_request(model, request, [], "sqlite")
    rows = sorted(warehouse.run(compiled.sql).data.itertuples(index=False, name=None))
    assert rows == [("Avon", "Bree", 2), ("Bree", "Avon", 1)]
    # the region of "the" depot is again one of two: no path, not the first one found
    with pytest.raises(CannotCompile):
        compile_request(
            model, Request(analysis="total", metric="shipment_count", group_by=("region_name",)), [], "sqlite"
        )


def test_a_draft_splits_by_a_text_code_key_and_adds_up_a_discount_amount(tmp_path: Path) -> None:
    """ "For each promotion code ... the total discount given": promo_code is what promotions are called by (a
    text key named a code, not a text id), and discount_amount is money that adds up (a discount rate does not)."""
    warehouse = sqlite_warehouse(
        tmp_path / "promos.sqlite",
        "CREATE TABLE promotions (promo_code TEXT PRIMARY KEY, percent_off REAL);"
        "CREATE TABLE vouchers (voucher_id TEXT PRIMARY KEY, discount_rate REAL);"
        "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, promo_code TEXT REFERENCES promotions,"
        " discount_amount REAL, discount_pct REAL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="promos")
    dimensions = {(t.name, d.expr) for t, d in model.dimensions}
    assert ("promotions", "promo_code") in dimensions and ("vouchers", "voucher_id") not in dimensions
    metrics = {(t.name, m.expr) for t, m in model.metrics}
    assert ("orders", "SUM(discount_amount)") in metrics and ("orders", "AVG(discount_pct)") in metrics
    assert ("vouchers", "AVG(discount_rate)") in metrics


def test_a_draft_adds_up_the_prices_of_one_item_a_row_as_its_sales(tmp_path: Path) -> None:
    """ "The total amount of ancillary sales": each row one extra bought at its price; with a quantity column the
    price is per unit and only its product with the quantity adds up."""
    warehouse = sqlite_warehouse(
        tmp_path / "extras.sqlite",
        "CREATE TABLE ancillaries (ancillary_id INTEGER PRIMARY KEY, product TEXT, price REAL);"
        "CREATE TABLE order_lines (line_id INTEGER PRIMARY KEY, quantity INTEGER, price REAL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="extras")
    metrics = {(t.name, m.expr): m.synonyms for t, m in model.metrics}
    assert "ancillary sales" in metrics["ancillaries", "SUM(price)"] and ("ancillaries", "AVG(price)") in metrics
    assert ("order_lines", "SUM(price)") not in metrics and ("order_lines", "SUM(quantity * price)") in metrics


def test_a_draft_names_a_bare_amount_by_its_table_and_a_row_count_by_its_rows(tmp_path: Path) -> None:
    """ "Average cost per shipment" must find shipment_costs.amount's total; "net_amount" says what it is."""
    warehouse = sqlite_warehouse(
        tmp_path / "costs.sqlite",
        "CREATE TABLE shipments (shipment_id INTEGER PRIMARY KEY, ship_date DATE);"
        "CREATE TABLE shipment_costs (cost_id INTEGER PRIMARY KEY, shipment_id INTEGER REFERENCES shipments,"
        " amount REAL);"
        "CREATE TABLE payments (payment_id INTEGER PRIMARY KEY, amount REAL, net_amount REAL);"
        "CREATE TABLE bills (bill_id INTEGER PRIMARY KEY, total_amount REAL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="costs")
    synonyms = {(table.name, metric.expr): metric.synonyms for table, metric in model.metrics}
    assert synonyms["shipment_costs", "SUM(amount)"] == ("shipment cost", "cost")
    assert synonyms["payments", "SUM(amount)"] == ("payment",)
    assert synonyms["payments", "SUM(net_amount)"] == ("net amount",)
    # "the total amount we billed": two generic words say what the sum is, one ("amount") would not
    assert synonyms["bills", "SUM(total_amount)"] == ("bill", "total amount")
    assert synonyms["shipments", "COUNT(*)"] == ("number of shipments", "how many shipments")


def test_a_draft_sums_a_quantity_named_for_its_unit_and_names_it_by_the_unit(tmp_path: Path) -> None:
    """ "How much gas did customers use in each month, in kWh?" names consumption_kwh by its unit alone."""
    warehouse = sqlite_warehouse(
        tmp_path / "energy.sqlite",
        "CREATE TABLE readings (reading_id INTEGER PRIMARY KEY, read_on DATE, consumption_kwh INTEGER,"
        " fuel_litres REAL, meter_no INTEGER);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="energy")
    synonyms = {metric.expr: metric.synonyms for _table, metric in model.metrics}
    assert "kwh" in synonyms["SUM(consumption_kwh)"] and "litres" in synonyms["SUM(fuel_litres)"]
    assert "SUM(meter_no)" not in synonyms  # a number that identifies is not added up


def test_a_quantity_with_one_qualifier_is_named_by_its_units(tmp_path: Path) -> None:
    """ "How many good units did a work order turn out" names quantity_good."""
    warehouse = sqlite_warehouse(
        tmp_path / "plant.sqlite",
        "CREATE TABLE work_orders (work_order_id INTEGER PRIMARY KEY, quantity_good INTEGER, scrapped_qty INTEGER,"
        " quantity INTEGER, units_planned_total INTEGER);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="plant")
    synonyms = {metric.expr: metric.synonyms for _table, metric in model.metrics}
    assert "good units" in synonyms["SUM(quantity_good)"] and "scrapped units" in synonyms["SUM(scrapped_qty)"]
    assert not any("units" in name for name in synonyms["SUM(quantity)"])  # nothing qualifies it
    assert mentioned_metrics("How many good units did we make in 2025?", model) == ["total_quantity_good"]


def test_a_draft_names_a_sum_by_the_thing_it_adds_up(tmp_path: Path) -> None:
    """ "Total rent in 2025" names rent_amount, "premium by product" annual_premium; a qualifier that is no thing
    (paid, net) or the table's own rows (claims.claim_amount: "claims" are counted) names nothing."""
    warehouse = sqlite_warehouse(
        tmp_path / "lets.sqlite",
        "CREATE TABLE leases (lease_id INTEGER PRIMARY KEY, rent_amount REAL, paid_amount REAL, subtotal REAL);"
        "CREATE TABLE policies (policy_id INTEGER PRIMARY KEY, annual_premium REAL, labor_cost REAL,"
        " parts_cost REAL);"
        "CREATE TABLE claims (claim_id INTEGER PRIMARY KEY, claim_amount REAL, net_amount REAL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="lets")
    synonyms = {metric.expr: metric.synonyms for _table, metric in model.metrics}
    assert {"rent", "total rent"} <= set(synonyms["SUM(rent_amount)"])
    assert {"premium", "total premium"} <= set(synonyms["SUM(annual_premium)"])
    assert "SUM(subtotal)" in synonyms  # a subtotal adds up
    assert "paid" not in synonyms["SUM(paid_amount)"] and "claim" not in synonyms["SUM(claim_amount)"]
    assert "net" not in synonyms["SUM(net_amount)"]
    assert "cost" not in synonyms["SUM(labor_cost)"] + synonyms["SUM(parts_cost)"]  # two costs: "cost" names neither
    assert mentioned_metrics("What was the total rent in 2025?", model) == ["total_rent_amount"]


def test_the_only_quantity_is_named_by_units(tmp_path: Path) -> None:
    """ "How many units did we sell" names the one quantity; with two quantities the word names neither."""
    one = sqlite_warehouse(
        tmp_path / "one.sqlite",
        "CREATE TABLE order_lines (line_id INTEGER PRIMARY KEY, quantity INTEGER, net_amount REAL);",
    )
    model = draft_model(one.schema(), one.text_values(), name="one")
    assert mentioned_metrics("How many units did we sell in 2025?", model) == ["total_quantity"]
    two = sqlite_warehouse(
        tmp_path / "two.sqlite",
        "CREATE TABLE order_lines (line_id INTEGER PRIMARY KEY, quantity INTEGER);"
        "CREATE TABLE receipts (receipt_id INTEGER PRIMARY KEY, quantity INTEGER);",
    )
    model = draft_model(two.schema(), two.text_values(), name="two")
    assert not any("units" in metric.synonyms for _table, metric in model.metrics)


def test_a_draft_sums_what_its_comment_counts_and_names_a_sum_by_its_column(tmp_path: Path) -> None:
    """ "Ad spend in 2025" and "clicks by channel" name the sums without the word "total"."""
    warehouse = sqlite_warehouse(
        tmp_path / "ads.sqlite",
        "CREATE TABLE ad_spend_daily (campaign_id INTEGER, spend_date DATE, spend REAL, clicks INTEGER,"
        " impressions INTEGER, position INTEGER, PRIMARY KEY (campaign_id, spend_date));",
    )
    schema = warehouse.schema()
    comments = {"spend": "Media cost of the day in USD.", "clicks": "Number of clicks on the ads that day."}
    comments["position"] = "Average position of the ad."
    columns = tuple(replace(c, comment=comments.get(c.name, c.comment)) for c in schema.tables[0].columns)
    schema = replace(schema, tables=(replace(schema.tables[0], columns=columns),))
    model = draft_model(schema, warehouse.text_values(), name="ads")
    sums = {metric.expr: metric.synonyms for _table, metric in model.metrics if metric.expr.startswith("SUM")}
    assert sums == {"SUM(spend)": ("spend",), "SUM(clicks)": ("clicks",)}  # impressions: no comment says it counts
    assert mentioned_metrics("Ad spend by month in 2025", model) == ["total_spend"]
    assert mentioned_metrics("Clicks per campaign in 2025", model) == ["total_clicks"]


def test_a_measure_a_comment_defines_becomes_a_metric_with_its_condition(tmp_path: Path) -> None:
    """ "Sales are the total_amount of orders with status 'Completed'": the draft sums exactly that; a definition
    it cannot read whole ("the amount of successful attempts") gives no metric rather than a wrong one."""
    warehouse = sqlite_warehouse(
        tmp_path / "shop.sqlite",
        "CREATE TABLE orders (\n"
        "  -- Orders. Sales are the total_amount of orders with status 'Completed'.\n"
        "  order_id INTEGER PRIMARY KEY,\n  order_date TEXT,\n  status TEXT,\n"
        "  -- Amount the customer paid in USD.\n  total_amount REAL\n);"
        "CREATE TABLE payments (\n"
        "  -- Payment attempts. Cash collected is the amount of successful attempts.\n"
        "  payment_id INTEGER PRIMARY KEY,\n  status TEXT,\n  amount REAL\n);"
        "INSERT INTO orders VALUES (1, '2025-01-05', 'Completed', 10.0), (2, '2025-02-01', 'Cancelled', 99.0),"
        " (3, '2025-03-01', 'Completed', 5.5);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="shop")
    metrics = {metric.name: metric for _table, metric in model.metrics}
    assert metrics["sales"].expr == "SUM(CASE WHEN status = 'Completed' THEN total_amount END)"
    assert metrics["sales"].synonyms == ("sales",)
    assert not any("cash" in name for name in metrics)
    assert mentioned_metrics("What were our total sales in 2025?", model) == ["sales"]
    request = Request("total", "sales")
    sql = compile_request(model, request, periods_in("What were our total sales in 2025?"), "sqlite").sql
    assert warehouse.run(sql).data.iloc[0, 0] == pytest.approx(15.5)


def test_a_draft_survives_the_yaml_round_trip(demo: Warehouse) -> None:
    model = draft_model(demo.schema(), demo.text_values(), name="demo")
    text = dump_model(model)
    again = parse_model(text)
    assert again == model and dump_model(again) == text
    assert again.line_of("tables[0].metrics[0]") == _line(text, "- name: customer_count")


def test_the_draft_of_each_spider_database_validates() -> None:
    if not SPIDER.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SPIDER} is missing: CI must provide the Spider eval set.")
        pytest.skip(f"{SPIDER} is not on this machine.")
    databases = sorted((SPIDER / "database").glob("*/*.sqlite"))
    assert databases
    for path in databases:
        warehouse = open_warehouse(f"sqlite:///{path}")
        schema = warehouse.schema()
        model = draft_model(schema, warehouse.text_values())
        assert validate(parse_model(dump_model(model)), schema) == [], path.name
        # every table counts its rows; a table read in a role (current_addresses) is counted as itself
        own = [t for t in model.tables if t.name == t.base_table.table]
        assert all(any(m.expr == "COUNT(*)" for m in t.metrics) for t in own), path.name
        declared = sum(
            1
            for t in schema.tables
            for fk in t.foreign_keys
            if schema.table(fk.ref_table)
            and all(schema.table(fk.ref_table).column(c) for c in fk.ref_columns)  # type: ignore[union-attr]
            and all(t.column(c) for c in fk.columns)
        )
        assert len(model.relationships) == declared, path.name


def test_a_connection_reads_its_configured_then_saved_then_shipped_model(
    shop: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("")
    monkeypatch.setenv("TABLETALK_SECRETS", str(secrets))
    monkeypatch.setenv("TABLETALK_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setattr(catalog, "DEMO_MODEL", tmp_path / "shipped" / "demo.yaml")
    schema, values = shop.schema(), shop.text_values()

    model, source = catalog.model_for("shop", schema, values, None)
    assert source == "auto-draft" and validate(model, schema) == []
    model, source = catalog.model_for(catalog.DEMO_WAREHOUSE, schema, values, None)
    assert source == "auto-draft"  # no shipped demo model in this test
    catalog.DEMO_MODEL.parent.mkdir()
    catalog.DEMO_MODEL.write_text(VALID)
    assert catalog.model_for(catalog.DEMO_WAREHOUSE, schema, values, None)[1] == f"file {catalog.DEMO_MODEL}"

    saved = catalog.save_model("shop", VALID)
    assert saved == tmp_path / "var" / "semantic_models" / "shop.yaml"
    model, source = catalog.model_for("shop", schema, values, None)
    assert source == f"file {saved}" and model.name == "shop" and model.table("customers") is not None

    configured = tmp_path / "mine.yaml"
    configured.write_text(VALID.replace("name: shop", "name: mine", 1))
    assert catalog.model_for("shop", schema, values, str(configured))[0].name == "mine"
    with pytest.raises(SemanticModelError, match="does not exist"):
        catalog.model_for("shop", schema, values, str(tmp_path / "gone.yaml"))
    with pytest.raises(SemanticModelError):
        catalog.save_model("shop", "tables: [")
    assert "name: shop" in saved.read_text()  # the unreadable text was not written


def test_a_save_goes_where_the_connection_is_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = tmp_path / "secrets.toml"
    target = tmp_path / "models" / "sales.yaml"
    secrets.write_text(f'[connections.sales]\nurl = "sqlite:///x.sqlite"\nsemantic_model = "{target}"\n')
    monkeypatch.setenv("TABLETALK_SECRETS", str(secrets))
    monkeypatch.setenv("TABLETALK_DATA_DIR", str(tmp_path / "var"))
    assert catalog.save_model("sales", VALID) == target and target.read_text() == VALID
    assert catalog.saved_model_path("../../etc/x").parent == tmp_path / "var" / "semantic_models"


def test_the_cli_drafts_and_validates_with_exit_codes(
    shop: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["semantic", "draft", "--db", shop.url]) == 0
    drafted = tmp_path / "draft.yaml"
    drafted.write_text(capsys.readouterr().out)
    assert parse_model(drafted.read_text()).table("order_lines") is not None

    assert main(["semantic", "validate", "--db", shop.url, str(drafted)]) == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text(_broken("COUNT(DISTINCT orders.order_id)", "COUNT(DISTINCT orders.ordr_id)"))
    assert main(["semantic", "validate", "--db", shop.url, str(broken)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"line {_line(broken.read_text(), 'ordr_id')}: " + out[0].split(": ", 1)[1]]
    assert "orders.ordr_id" in out[0]
    unreadable = tmp_path / "unreadable.yaml"
    unreadable.write_text("name: x\ntables: [\n")
    assert main(["semantic", "validate", "--db", shop.url, str(unreadable)]) == 1
    assert capsys.readouterr().out.startswith("line ")


def test_the_cli_entry_point_exits_one_on_problems(shop: Warehouse, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(_broken("expr: SUM(net_amount)", "expr: net_amount"))
    completed = subprocess.run(
        [sys.executable, "-m", "chains", "semantic", "validate", "--db", shop.url, str(broken)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 1, completed.stderr
    line = VALID[: VALID.index("expr: SUM(net_amount)")].count("\n") + 1
    assert completed.stdout.startswith(f"line {line}: metric `revenue`"), completed.stdout


def test_one_measure_on_two_tables_is_the_one_reaching_the_tables_the_question_names(tmp_path: Path) -> None:
    """ "Rent billed per building": the invoices' rent reaches buildings, the quotes' rent reaches nothing."""
    warehouse = sqlite_warehouse(
        tmp_path / "lets.sqlite",
        "CREATE TABLE buildings (building_id INTEGER PRIMARY KEY, city TEXT);"
        "CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, building_id INTEGER NOT NULL"
        " REFERENCES buildings (building_id), rent_amount REAL);"
        "CREATE TABLE quotes (quote_id INTEGER PRIMARY KEY, rent_amount REAL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="lets")
    on_invoices = next(m.name for t, m in model.metrics if t.name == "invoices" and "rent" in m.expr)
    assert mentioned_metrics("What was the total rent for each building in 2025?", model) == [on_invoices]
    assert len(mentioned_metrics("What was the total rent in 2025?", model)) == 2  # nothing says whose: both stay


def test_quantity_times_price_is_named_as_a_question_defines_revenue_and_on_the_table_it_names(tmp_path: Path) -> None:
    """ "Revenue is quantity times unit price of the orders shipped": the drafted product of the sales orders, not
    the sales orders' quantity alone and not the purchase orders' product."""
    warehouse = sqlite_warehouse(
        tmp_path / "plant.sqlite",
        "CREATE TABLE sales_orders (order_id INTEGER PRIMARY KEY, shipped_date DATE, quantity INTEGER,"
        " unit_price REAL);"
        "CREATE TABLE purchase_orders (po_id INTEGER PRIMARY KEY, order_date DATE, quantity INTEGER,"
        " unit_price REAL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values(), name="plant")
    products = {table.name: metric for table, metric in model.metrics if "*" in metric.expr}
    assert products["sales_orders"].synonyms == ("quantity times unit price", "unit price times quantity")
    # a clash names the table once: "sales order unit price times quantity" is what the answer's column says
    names = {metric.name for metric in products.values()}
    assert names in (
        {"unit_price_times_quantity", "sales_order_unit_price_times_quantity"},
        {"unit_price_times_quantity", "purchase_order_unit_price_times_quantity"},
    )
    asked = "What share of our sales revenue came from each region? Revenue is quantity times unit price of the orders."
    assert mentioned_metrics(asked, model) == [products["sales_orders"].name]
    both = mentioned_metrics("Total of unit price times quantity in 2025", model)
    assert sorted(both) == sorted(metric.name for metric in products.values())  # nothing says whose: both stay


def test_a_count_is_named_as_the_tables_description_calls_its_rows(tmp_path: Path) -> None:
    """ "Visits, one row per member's check-in": "the number of visits" counts check_ins."""
    warehouse = sqlite_warehouse(tmp_path / "club.sqlite", "CREATE TABLE check_ins (check_in_id INTEGER PRIMARY KEY);")
    schema = warehouse.schema()
    described = replace(schema.tables[0], comment="Visits, one row per member's check-in at a club's front desk.")
    model = draft_model(replace(schema, tables=(described,)), warehouse.text_values())
    assert mentioned_metrics("How did the number of visits grow from 2024 to 2025?", model) == ["check_in_count"]


def test_a_sum_is_named_by_the_act_its_comment_says_the_amount_is_of(tmp_path: Path) -> None:
    """ "Amount paid in USD": "the amounts customers paid" names the sales' total_amount, not the invoices'."""
    warehouse = sqlite_warehouse(
        tmp_path / "shop.sqlite",
        "CREATE TABLE shop_sales (sale_id INTEGER PRIMARY KEY, total_amount REAL);"
        "CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, total_amount REAL);",
    )
    schema = warehouse.schema()
    said = {"shop_sales": "Amount paid in USD: quantity * unit_price - discount.", "invoices": "Amount billed in USD."}
    tables = tuple(
        replace(
            t, columns=tuple(replace(c, comment=said[t.name]) if c.name == "total_amount" else c for c in t.columns)
        )
        for t in schema.tables
    )
    model = draft_model(replace(schema, tables=tables), warehouse.text_values())
    sums = {table.name: metric.name for table, metric in model.metrics if metric.expr.startswith("SUM")}
    asked = "What did our shops take in 2025? Use the amounts customers paid."
    assert mentioned_metrics(asked, model) == [sums["shop_sales"]]
    assert mentioned_metrics("Total amount billed in 2025, by month", model) == [sums["invoices"]]


def test_the_rows_are_called_by_the_words_before_a_preposition(tmp_path: Path) -> None:
    """ "Bookings of places in group classes" are bookings; "Kinds of group class we teach" calls its rows nothing."""
    warehouse = sqlite_warehouse(
        tmp_path / "club.sqlite",
        "CREATE TABLE class_bookings (booking_id INTEGER PRIMARY KEY);"
        "CREATE TABLE class_types (class_type_id INTEGER PRIMARY KEY);"
        "CREATE TABLE class_sessions (session_id INTEGER PRIMARY KEY);",
    )
    schema = warehouse.schema()
    comments = {
        "class_bookings": "Bookings of places in group classes, one row per member's booking of a session.",
        "class_types": "Kinds of group class we teach, one row per class type.",
        "class_sessions": "Scheduled group classes, one row per session on a club's timetable.",
    }
    tables = tuple(replace(table, comment=comments[table.name]) for table in schema.tables)
    model = draft_model(replace(schema, tables=tables), warehouse.text_values())
    counts = {table.name: metric.synonyms for table, metric in model.metrics if metric.expr == "COUNT(*)"}
    assert counts["class_bookings"][2:] == ("number of bookings", "how many bookings")
    assert counts["class_types"][2:] == ()
    assert counts["class_sessions"][2:] == ("number of group classes", "how many group classes")
    assert mentioned_metrics("How many group classes did each club hold in 2025?", model) == ["class_session_count"]
