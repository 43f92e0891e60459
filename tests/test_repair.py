"""Deterministic repairs of the model's SQL: a column taken from the wrong table, a join on a column
itself, a join the question does not ask for."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from chains.mending import mend_model_sql
from chains.mending.repairs import (
    distinct_asked_values,
    distinct_filtered_items,
    drop_multiplying_joins,
    drop_repeated_group_columns,
    drop_unasked_joins,
    repair_ambiguous_columns,
    repair_anti_joins,
    repair_copied_references,
    repair_invented_join_columns,
    repair_misplaced_columns,
    repair_off_key_joins,
    repair_self_joins,
    repair_unasked_years,
    repair_values_in_wrong_column,
    repair_years_read_as_dates,
)
from chains.mending.sets import (
    repair_both_as_intersect,
    repair_both_as_union,
    repair_negated_links,
    repair_or_asked_as_and,
)
from connectors.errors import QueryDoubtful, QueryFailed, QueryRefused
from connectors.schema import Schema
from connectors.warehouse import Warehouse
from tests.conftest import ROWS, sqlite_warehouse


@pytest.fixture
def warehouse(duckdb_file: Path) -> Warehouse:
    return Warehouse(f"duckdb:///{duckdb_file}")


def test_the_missing_join_is_added(warehouse: Warehouse) -> None:
    repaired = repair_misplaced_columns("SELECT s.name, SUM(s.amount) FROM sales s GROUP BY s.name", warehouse.schema())
    assert repaired is not None and "JOIN regions" in repaired
    totals = dict(warehouse.run(repaired).data.values.tolist())
    assert set(totals) == {"Europe", "Asia", "Americas"}


def test_an_unqualified_column_of_a_single_table_query_is_joined_once(warehouse: Warehouse) -> None:
    repaired = repair_misplaced_columns("SELECT name, COUNT(*) FROM sales GROUP BY name", warehouse.schema())
    assert repaired is not None and repaired.count("JOIN") == 1
    assert len(warehouse.run(repaired).data) == 3


def test_a_column_is_repointed_at_a_table_already_joined(warehouse: Warehouse) -> None:
    sql = "SELECT r.name, s.amount FROM sales s JOIN regions r ON r.region_id = s.region_id WHERE s.name = 'Asia'"
    repaired = repair_misplaced_columns(sql, warehouse.schema())
    assert repaired is not None and "r.name = 'Asia'" in repaired and repaired.count("JOIN") == 1


def test_nothing_to_repair_gives_none(warehouse: Warehouse) -> None:
    schema = warehouse.schema()
    assert repair_misplaced_columns("SELECT amount FROM sales", schema) is None
    assert repair_misplaced_columns("SELECT nowhere FROM sales", schema) is None
    assert repair_misplaced_columns("not sql at all (", schema) is None


def test_a_join_on_a_column_itself_is_put_on_the_foreign_key(warehouse: Warehouse) -> None:
    sql = "SELECT r.name, COUNT(*) FROM sales s JOIN regions r ON r.region_id = R.region_id GROUP BY r.name"
    repaired = repair_self_joins(sql, warehouse.schema())
    assert repaired is not None and "r.region_id = s.region_id" in repaired
    assert sum(count for _name, count in warehouse.run(repaired).data.values.tolist()) == ROWS
    assert repair_self_joins(sql.replace("R.region_id", "s.region_id"), warehouse.schema()) is None


def test_a_self_join_with_no_key_to_an_earlier_table_is_left_alone(warehouse: Warehouse) -> None:
    sql = "SELECT COUNT(*) FROM regions a JOIN regions b ON b.name = b.name"
    assert repair_self_joins(sql, warehouse.schema()) is None


@pytest.fixture
def region_without_sales(sqlite_file: Path) -> Warehouse:
    with sqlite3.connect(sqlite_file) as connection:
        connection.execute("INSERT INTO regions VALUES (4, 'Antarctica')")
    connection.close()
    return Warehouse(f"sqlite:///{sqlite_file}")


FILTERING_JOIN = "SELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id WHERE r.name LIKE 'A%'"


def test_a_join_nothing_reads_and_the_question_does_not_ask_for_is_dropped(region_without_sales: Warehouse) -> None:
    schema = region_without_sales.schema()
    assert len(region_without_sales.run(FILTERING_JOIN).data) == 2 * ROWS // 3  # a row per sale, Antarctica lost
    repaired = drop_unasked_joins(FILTERING_JOIN, schema, "Which regions have a name starting with A?")
    assert repaired is not None and "JOIN" not in repaired.upper()
    assert sorted(region_without_sales.run(repaired).data["name"]) == ["Americas", "Antarctica", "Asia"]


def test_a_from_table_only_joined_through_is_dropped(region_without_sales: Warehouse) -> None:
    sql = "SELECT DISTINCT r.name FROM sales s JOIN regions r ON r.region_id = s.region_id WHERE r.region_id > 1"
    repaired = drop_unasked_joins(sql, region_without_sales.schema(), "Which regions have an id over 1?")
    assert repaired is not None and "FROM regions AS r WHERE" in repaired and "JOIN" not in repaired.upper()
    assert sorted(region_without_sales.run(repaired).data["name"]) == ["Americas", "Antarctica", "Asia"]
    assert drop_unasked_joins(sql, region_without_sales.schema(), "Which regions with sales have an id over 1?") is None


@pytest.mark.parametrize(
    ("sql", "question"),
    [
        (FILTERING_JOIN, "Which regions with sales have a name starting with A?"),  # the question names it
        (FILTERING_JOIN, "Which regions starting with A sold anything?"),  # or one of its columns (sold_on)
        (FILTERING_JOIN.replace("SELECT r.name", "SELECT r.name, s.amount"), "Which regions start with A?"),
        (FILTERING_JOIN.replace("SELECT r.name", "SELECT r.name, amount"), "Which regions start with A?"),
        (FILTERING_JOIN.replace("SELECT r.name", "SELECT COUNT(*)"), "How many regions start with A?"),
        (FILTERING_JOIN + " GROUP BY r.name", "Which regions start with A?"),
        (FILTERING_JOIN.replace("JOIN", "LEFT JOIN"), "Which regions start with A?"),
        (f"SELECT name FROM regions WHERE region_id IN ({FILTERING_JOIN.replace('r.name', 'r.region_id')})", "A?"),
        (f"{FILTERING_JOIN} UNION SELECT name FROM regions", "Which regions start with A?"),
        (FILTERING_JOIN.replace("SELECT r.name", "SELECT *"), "Which regions start with A?"),
        ("SELECT name FROM regions", "Which regions are there?"),
        ("not sql (", "Which regions start with A?"),
    ],
)
def test_joins_that_count_or_that_the_question_asks_for_stay(
    region_without_sales: Warehouse, sql: str, question: str
) -> None:
    assert drop_unasked_joins(sql, region_without_sales.schema(), question) is None


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT r.name FROM regions r LEFT JOIN sales s ON s.region_id = r.region_id WHERE r.region_id IS NULL",
        "SELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id WHERE s.region_id IS NULL",
        "SELECT r.name FROM regions r JOIN sales s ON r.region_id = s.region_id WHERE s.sale_id IS NULL",
        "SELECT r.name FROM regions r INNER JOIN sales s ON s.region_id = r.region_id WHERE r.region_id IS NULL",
    ],
)
def test_rows_without_a_match_get_the_null_test_on_the_joined_key(region_without_sales: Warehouse, sql: str) -> None:
    assert region_without_sales.run(sql).data.empty
    repaired = repair_anti_joins(sql, region_without_sales.schema())
    assert repaired is not None and "LEFT JOIN" in repaired and "s.region_id IS NULL" in repaired
    assert region_without_sales.run(repaired).data["name"].tolist() == ["Antarctica"]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT r.name FROM regions r LEFT JOIN sales s ON s.region_id = r.region_id WHERE s.region_id IS NULL",
        "SELECT r.name FROM regions r JOIN sales s ON s.region_id = r.region_id WHERE s.amount IS NULL",
        "SELECT s.sale_id FROM sales s LEFT JOIN regions r ON r.region_id = s.region_id WHERE s.region_id IS NULL",
        "SELECT r.name FROM regions r WHERE r.name IS NULL",
    ],
)
def test_null_tests_that_can_be_true_stay(region_without_sales: Warehouse, sql: str) -> None:
    assert repair_anti_joins(sql, region_without_sales.schema()) is None


def test_a_join_left_unused_by_a_repointed_column_is_dropped_too(region_without_sales: Warehouse) -> None:
    sql = "SELECT DISTINCT s.name FROM regions r JOIN sales s ON s.region_id = r.region_id WHERE r.region_id > 1"
    assert drop_unasked_joins(sql, region_without_sales.schema(), "Which regions have an id over 1?") is None
    mended = mend_model_sql(sql, region_without_sales.schema(), "Which regions have an id over 1?")
    assert "JOIN" not in mended.upper()
    assert sorted(region_without_sales.run(mended).data["name"]) == ["Americas", "Antarctica", "Asia"]


def test_an_output_alias_is_not_taken_for_a_missing_column(warehouse: Warehouse) -> None:
    """`amount` is no column of regions, but here it names the query's own output, not a forgotten join."""
    sql = "SELECT r.name, COUNT(*) AS amount FROM regions r GROUP BY r.name ORDER BY amount DESC"
    assert repair_misplaced_columns(sql, warehouse.schema()) is None


@pytest.fixture
def shop(tmp_path: Path) -> Warehouse:
    """Customers place orders, orders are paid by payments: customers and payments share no key, and every
    table's id column runs 1, 2, 3, ..., so joining two ids that merely look alike runs and answers wrong."""
    return sqlite_warehouse(
        tmp_path / "shop.sqlite",
        """
            CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT, city TEXT);
            CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(customer_id),
                                 year INTEGER, placed TEXT);
            CREATE TABLE payments (payment_id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(order_id),
                                   amount REAL, method TEXT);
            INSERT INTO customers VALUES (1, 'Ada', 'Paris'), (2, 'Bo', 'Oslo'), (3, 'Cy', 'Rome');
            INSERT INTO orders VALUES (1, 2, 2023, '2023-12-30'), (2, 2, 2024, '2024-01-02'),
                                      (3, 3, 2024, '2024-05-02');
            INSERT INTO payments VALUES (1, 1, 10.0, 'card'), (2, 2, 20.0, 'cash'), (3, 2, 5.0, 'card'),
                                        (4, 3, 7.0, 'card');
            """,
    )


PAID_BY_CUSTOMER = {"Bo": 35.0, "Cy": 7.0}


def _paid(warehouse: Warehouse, sql: str) -> dict[str, float]:
    return {name: total for name, total in warehouse.run(sql).data.values.tolist()}


def test_two_look_alike_ids_are_joined_through_the_table_between_them(shop: Warehouse) -> None:
    sql = (
        "SELECT c.name, SUM(p.amount) FROM customers c JOIN payments p ON c.customer_id = p.payment_id GROUP BY c.name"
    )
    assert _paid(shop, sql) != PAID_BY_CUSTOMER
    repaired = repair_off_key_joins(sql, shop.schema())
    assert repaired is not None and "JOIN orders" in repaired
    assert _paid(shop, repaired) == PAID_BY_CUSTOMER


def test_a_look_alike_id_join_beside_a_foreign_key_is_doubted_not_rewritten(shop: Warehouse) -> None:
    """Where the tables share a key, the model is asked again instead: the join is often not needed at all."""
    sql = "SELECT o.year, SUM(p.amount) FROM orders o JOIN payments p ON p.payment_id = o.order_id GROUP BY o.year"
    assert repair_off_key_joins(sql, shop.schema()) is None
    with pytest.raises(QueryDoubtful, match="foreign key"):
        shop.validate(sql, doubts=True)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id",  # on the key already
        "SELECT c.name FROM customers c JOIN payments p ON c.name = p.method",  # no key column: not a look-alike
        "SELECT c.name FROM customers c JOIN payments p ON c.customer_id = p.payment_id AND p.amount > 1",
        "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id "
        "JOIN payments p ON c.customer_id = p.payment_id",  # the table between is in the query already
    ],
)
def test_joins_on_keys_or_not_between_ids_are_left_alone(shop: Warehouse, sql: str) -> None:
    assert repair_off_key_joins(sql, shop.schema()) is None


def test_a_self_join_between_tables_without_a_key_is_joined_through_the_table_between(shop: Warehouse) -> None:
    sql = "SELECT c.name, SUM(p.amount) FROM customers c JOIN payments p ON p.order_id = P.order_id GROUP BY c.name"
    repaired = repair_self_joins(sql, shop.schema())
    assert repaired is not None and _paid(shop, repaired) == PAID_BY_CUSTOMER


def test_an_unqualified_column_two_joined_tables_share_is_qualified(shop: Warehouse) -> None:
    sql = "SELECT order_id, year FROM orders JOIN payments ON orders.order_id = payments.order_id WHERE method = 'card'"
    with pytest.raises(Exception, match="ambiguous"):
        shop.run(sql)
    repaired = repair_ambiguous_columns(sql, shop.schema())
    assert repaired is not None and sorted(shop.run(repaired).data["order_id"]) == [1, 2, 3]
    read_anyway = "SELECT orders.year, order_id FROM payments JOIN orders ON payments.order_id = orders.order_id"
    repaired = repair_ambiguous_columns(read_anyway, shop.schema())
    assert repaired is not None and "orders.order_id FROM" in repaired  # the table the query reads anyway
    mended = mend_model_sql(read_anyway, shop.schema(), "Which orders were placed in which year?")
    assert "JOIN" not in mended.upper() and len(shop.run(mended).data) == 3  # so the unasked join can go
    unrelated = "SELECT customer_id FROM customers c JOIN orders o ON o.order_id = c.customer_id"
    assert repair_ambiguous_columns(unrelated, shop.schema()) is None  # not made equal by the join: no guess


def test_a_year_number_is_not_read_as_a_date(shop: Warehouse) -> None:
    sql = "SELECT COUNT(*) FROM orders WHERE strftime('%Y', year) = '2024'"
    assert shop.run(sql).data.iloc[0, 0] == 0  # SQLite reads 2024 as a day count
    repaired = repair_years_read_as_dates(sql, shop.schema())
    assert repaired is not None and shop.run(repaired).data.iloc[0, 0] == 2
    assert repair_years_read_as_dates("SELECT strftime('%m', year) FROM orders", shop.schema()) is None


def test_a_value_compared_with_the_wrong_column_of_its_table_is_moved(shop: Warehouse) -> None:
    values = shop.text_values()
    sql = "SELECT c.customer_id FROM customers c WHERE c.city = 'Bo'"
    assert shop.run(sql).data.empty
    repaired = repair_values_in_wrong_column(sql, shop.schema(), values)
    assert repaired is not None and shop.run(repaired).data["customer_id"].tolist() == [2]
    assert (
        repair_values_in_wrong_column("SELECT name FROM customers WHERE city IN ('Oslo', 'Ada')", shop.schema(), values)
        is None
    )
    assert (
        repair_values_in_wrong_column("SELECT name FROM customers WHERE city = 'Lima'", shop.schema(), values) is None
    )
    assert (
        repair_values_in_wrong_column("SELECT name FROM customers WHERE city = 'oslo'", shop.schema(), values) is None
    )


def test_a_value_spelled_with_other_spaces_or_punctuation_takes_the_stored_spelling(tmp_path: Path) -> None:
    contacts = sqlite_warehouse(
        tmp_path / "contacts.sqlite",
        """
            CREATE TABLE people (person_id INTEGER PRIMARY KEY, state TEXT, channel TEXT);
            INSERT INTO people VALUES (1, 'NorthCarolina', 'e-mail'), (2, 'Ohio', 'phone'), (3, 'NorthCarolina',
                                       'phone'), (4, 'North Dakota', 'e-mail');
            """,
    )
    values = contacts.text_values()
    sql = "SELECT COUNT(*) FROM people WHERE state = 'North Carolina' AND channel IN ('email', 'phone')"
    assert contacts.run(sql).data.iloc[0, 0] == 0
    repaired = repair_values_in_wrong_column(sql, contacts.schema(), values)
    assert repaired is not None and "'NorthCarolina'" in repaired and "'e-mail'" in repaired
    assert contacts.run(repaired).data.iloc[0, 0] == 2
    for left_alone in (
        "SELECT COUNT(*) FROM people WHERE state = 'ohio'",  # letter case is the model's and the question's
        "SELECT COUNT(*) FROM people WHERE state = 'North'",  # no stored value spelled so
        "SELECT COUNT(*) FROM people WHERE state IN ('North Dakota', 'Texas')",  # not every value has one
    ):
        assert repair_values_in_wrong_column(left_alone, contacts.schema(), values) is None


def test_a_date_is_shown_whole_unless_the_question_asks_for_its_year(shop: Warehouse) -> None:
    sql = "SELECT strftime('%Y', placed) AS placed FROM orders ORDER BY placed DESC LIMIT 1"
    repaired = repair_unasked_years(sql, shop.schema(), "When was the last order placed?")
    assert repaired is not None and shop.run(repaired).data.iloc[0, 0] == "2024-05-02"
    assert repair_unasked_years(sql, shop.schema(), "In which year was the last order placed?") is None
    grouped = "SELECT strftime('%Y', placed), COUNT(*) FROM orders GROUP BY strftime('%Y', placed)"
    assert repair_unasked_years(grouped, shop.schema(), "How many orders per period?") is None


def test_a_year_beside_its_whole_date_is_dropped_not_shown_twice(shop: Warehouse) -> None:
    sql = "SELECT strftime('%Y', placed) AS year, placed, order_id FROM orders ORDER BY placed LIMIT 1"
    repaired = repair_unasked_years(sql, shop.schema(), "When was the first order placed? List the date and id.")
    assert repaired is not None
    assert shop.run(repaired).data.values.tolist() == [["2023-12-30", 1]]


def test_an_average_of_a_grouped_column_shown_already_is_dropped(shop: Warehouse) -> None:
    sql = "SELECT year, COUNT(*), MAX(year) AS latest FROM orders GROUP BY year"
    assert shop.run(sql).data.shape[1] == 3
    repaired = drop_repeated_group_columns(sql, shop.schema())
    assert repaired is not None and shop.run(repaired).data.values.tolist() == [[2023, 1], [2024, 2]]
    assert drop_repeated_group_columns("SELECT AVG(year) FROM orders GROUP BY year", shop.schema()) is None
    assert (
        drop_repeated_group_columns("SELECT customer_id, AVG(year) FROM orders GROUP BY customer_id", shop.schema())
        is None
    )


def test_a_references_clause_copied_from_the_schema_into_a_join_is_taken_out(shop: Warehouse) -> None:
    sql = (
        "SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id "
        "REFERENCES customers(customer_id)"
    )
    with pytest.raises(QueryRefused):  # the guard refuses what it cannot parse
        shop.run(sql)
    repaired = repair_copied_references(sql, shop.schema())
    assert repaired is not None and sorted(shop.run(repaired).data["name"]) == ["Bo", "Cy"]
    assert repair_copied_references(sql.rsplit(" customers(", 1)[0], shop.schema()) is not None  # a bare REFERENCES
    assert repair_copied_references("SELECT name FROM customers", shop.schema()) is None


PAID_BY_CITY = {"Oslo": 35.0, "Rome": 7.0}


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT city, SUM(amount) FROM payments GROUP BY city",  # two keys away, through orders
        "SELECT customer_city, SUM(amount) FROM payments GROUP BY customer_city",  # a name no table has
        "SELECT p.customer_city, SUM(p.amount) FROM payments p GROUP BY p.customer_city",
    ],
)
def test_a_column_of_a_table_two_keys_away_is_joined_through_the_table_between(shop: Warehouse, sql: str) -> None:
    repaired = repair_misplaced_columns(sql, shop.schema())
    assert repaired is not None and "JOIN orders" in repaired and "JOIN customers" in repaired
    assert {city: total for city, total in shop.run(repaired).data.values.tolist()} == PAID_BY_CITY


def test_a_table_prefixed_name_is_read_as_that_tables_column_when_no_table_has_it(shop: Warehouse) -> None:
    sql = (
        "SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE customer_city = 'Rome'"
    )
    repaired = repair_misplaced_columns(sql, shop.schema())
    assert repaired is not None and "c.city = 'Rome'" in repaired
    assert shop.run(repaired).data["order_id"].tolist() == [3]
    assert repair_misplaced_columns(sql.replace("customer_city", "shop_city"), shop.schema()) is None


ORDERS_BY_CUSTOMER = {"Bo": 2, "Cy": 1}
PAYING_JOIN = (
    "SELECT c.name, COUNT({counted}) FROM customers c JOIN orders o ON o.customer_id = c.customer_id "
    "JOIN payments p ON p.order_id = o.order_id GROUP BY c.name"
)


@pytest.mark.parametrize("counted", ["p.order_id", "p.payment_id"])
def test_a_join_that_only_multiplies_what_is_counted_is_dropped(shop: Warehouse, counted: str) -> None:
    sql = PAYING_JOIN.format(counted=counted)
    assert _paid(shop, sql) != ORDERS_BY_CUSTOMER  # Bo's second order has two payments
    repaired = drop_multiplying_joins(sql, shop.schema(), "How many orders has each customer placed?")
    assert repaired is not None and "payments" not in repaired
    assert _paid(shop, repaired) == ORDERS_BY_CUSTOMER


@pytest.mark.parametrize(
    ("counted", "question"),
    [
        ("p.order_id", "How many orders has each customer paid, by any method?"),  # names a column of the table
        ("p.payment_id", "What is the number of payments of each customer?"),  # it counts the table itself
        ("*", "How many orders has each customer placed?"),  # COUNT(*) counts the joined rows on purpose
        ("DISTINCT p.order_id", "How many orders has each customer placed?"),
    ],
)
def test_joins_whose_rows_the_question_counts_stay(shop: Warehouse, counted: str, question: str) -> None:
    assert drop_multiplying_joins(PAYING_JOIN.format(counted=counted), shop.schema(), question) is None


@pytest.mark.parametrize(
    "sql",
    [
        # read outside a COUNT
        "SELECT c.name, SUM(p.amount) FROM customers c JOIN orders o ON o.customer_id = c.customer_id "
        "JOIN payments p ON p.order_id = o.order_id GROUP BY c.name",
        # the one side of its key: joining it repeats nothing
        "SELECT o.year, COUNT(c.customer_id) FROM orders o JOIN customers c ON c.customer_id = o.customer_id "
        "GROUP BY o.year",
        # counts a column the table lacks: left for the check to report
        "SELECT c.name, COUNT(p.method_id) FROM customers c JOIN orders o ON o.customer_id = c.customer_id "
        "JOIN payments p ON p.order_id = o.order_id GROUP BY c.name",
        # not grouped: the unasked-join step's case
        "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id",
    ],
)
def test_joins_that_do_more_than_multiply_a_count_stay(shop: Warehouse, sql: str) -> None:
    assert drop_multiplying_joins(sql, shop.schema(), "How many orders has each customer placed?") is None


def test_mending_repeats_until_a_join_it_added_is_seen_unread(shop: Warehouse) -> None:
    """The column repair joins orders for `c.order_id`; the payments join then only filters and goes, which
    leaves orders read only by its own join: the next round drops it too."""
    sql = "SELECT c.name FROM customers c JOIN payments p ON c.order_id = p.order_id WHERE c.city = 'Oslo'"
    mended = mend_model_sql(sql, shop.schema(), "Which customers live in Oslo?")
    assert "JOIN" not in mended
    assert shop.run(mended).data["name"].tolist() == ["Bo"]


PAID_ORDERS = "SELECT DISTINCT o.order_id FROM orders o JOIN payments p ON p.order_id = o.order_id WHERE {condition}"


@pytest.mark.parametrize(
    ("condition", "question"),
    [
        ("p.method = 'card' AND p.method = 'cash'", "Which orders were paid by card and cash?"),
        ("p.method IN ('card', 'cash')", "Which orders were paid both by card and in cash?"),
        ("p.method = 'card' OR p.method = 'cash'", "Which orders have payments by 'card' and by 'cash'?"),
        ("(p.amount < 8 OR p.amount > 15)", "Which orders got both a payment under 8 and one over 15?"),
        ("(p.amount < 8 OR p.amount > 15)", "Which orders got a payment under 8 and a payment over 15?"),
        ("p.method IN ('card', 'cash')", "Which orders are shared by payments in cash and by card?"),
    ],
)
def test_one_column_with_two_values_asked_together_is_intersected(
    shop: Warehouse, condition: str, question: str
) -> None:
    sql = PAID_ORDERS.format(condition=condition)
    assert shop.run(sql).data["order_id"].tolist() != [2]
    repaired = repair_both_as_intersect(sql, shop.schema(), question)
    assert repaired is not None and "INTERSECT" in repaired
    assert shop.run(repaired).data["order_id"].tolist() == [2]  # only order 2 was paid in cash and by card


@pytest.mark.parametrize(
    ("sql", "question"),
    [
        (PAID_ORDERS.format(condition="p.method IN ('card', 'cash')"), "Which orders were paid by card or cash?"),
        ("SELECT c.name FROM customers c WHERE c.city IN ('Paris', 'Oslo')", "Who lives in Paris and Oslo?"),
        ("SELECT COUNT(*) FROM payments p WHERE p.method IN ('card', 'cash')", "How many payments both ways?"),
        (PAID_ORDERS.format(condition="p.method = 'card' OR p.amount > 15"), "Orders paid both by card and big?"),
        (PAID_ORDERS.format(condition="p.amount < 8 OR p.amount > 15"), "Orders with a payment under 8 or over 15?"),
    ],
)
def test_either_value_stays_unless_both_are_asked(shop: Warehouse, sql: str, question: str) -> None:
    assert repair_both_as_intersect(sql, shop.schema(), question) is None


PAID_EITHER_WAY = (
    "SELECT DISTINCT o.order_id FROM orders o JOIN (SELECT order_id FROM payments WHERE amount < 8 "
    "UNION SELECT order_id FROM payments WHERE amount > 15) AS p ON p.order_id = o.order_id"
)


def test_a_union_where_the_question_says_both_is_intersected(shop: Warehouse) -> None:
    question = "Which orders got both a payment under 8 and a payment over 15?"
    assert sorted(shop.run(PAID_EITHER_WAY).data["order_id"].tolist()) == [2, 3]
    repaired = repair_both_as_union(PAID_EITHER_WAY, shop.schema(), question)
    assert repaired is not None and shop.run(repaired).data["order_id"].tolist() == [2]


@pytest.mark.parametrize(
    ("sql", "question"),
    [
        (PAID_EITHER_WAY, "Which orders got either a payment under 8 or one over 15?"),
        (PAID_EITHER_WAY, "Which orders got a payment under 8, and which a payment over 15?"),
        # the two SELECTs read different tables: a list of both kinds, not one kind filtered twice
        (
            "SELECT name FROM customers WHERE city = 'Oslo' UNION SELECT method FROM payments WHERE amount > 15",
            "Show both the customers in Oslo and the methods of big payments.",
        ),
    ],
)
def test_unions_the_question_does_not_ask_to_intersect_stay(shop: Warehouse, sql: str, question: str) -> None:
    assert repair_both_as_union(sql, shop.schema(), question) is None


CUSTOMER_ORDERS = "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id"
WITH_PAYMENTS = CUSTOMER_ORDERS + " JOIN payments p ON p.order_id = o.order_id"


@pytest.mark.parametrize(
    ("sql", "question", "names"),
    [
        (CUSTOMER_ORDERS + " WHERE o.year != 2024", "Which customers did not place an order in 2024?", ["Ada"]),
        (
            CUSTOMER_ORDERS + " WHERE strftime('%Y', o.placed) <> '2024'",
            "Which customers didn't order in 2024?",
            ["Ada"],
        ),
        (WITH_PAYMENTS + " WHERE p.method <> 'cash' AND c.city != 'Oslo'", "Who never paid in cash?", ["Ada", "Cy"]),
        (CUSTOMER_ORDERS + " WHERE o.year <= 2023", "Which customers did not order anything after 2023?", ["Ada"]),
    ],
)
def test_a_linked_row_the_question_denies_becomes_not_in(
    shop: Warehouse, sql: str, question: str, names: list[str]
) -> None:
    assert sorted(set(shop.run(sql).data["name"])) != names
    repaired = repair_negated_links(sql, shop.schema(), question)
    assert repaired is not None and "NOT" in repaired
    assert sorted(shop.run(repaired).data["name"]) == names


@pytest.mark.parametrize(
    ("sql", "question"),
    [
        (CUSTOMER_ORDERS + " WHERE o.year != 2024", "Which customers have orders that are not from 2024?"),
        (CUSTOMER_ORDERS + " WHERE o.year = 2024", "Which customers did not order in 2024?"),
        (CUSTOMER_ORDERS + " WHERE o.year < 2024", "Which customers did not order before 2024?"),  # as asked
        (
            CUSTOMER_ORDERS.replace("c.name", "c.name, o.year") + " WHERE o.year != 2024",
            "Which customers did not order in 2024, and when did they?",
        ),
        (CUSTOMER_ORDERS + " WHERE o.year != 2024 AND o.placed > '2023-06-01'", "Who did not order in 2024 lately?"),
    ],
)
def test_inequalities_the_question_does_not_deny_stay(shop: Warehouse, sql: str, question: str) -> None:
    assert repair_negated_links(sql, shop.schema(), question) is None


def test_a_table_joined_to_itself_on_its_key_with_a_condition_on_each_copy_is_intersected(shop: Warehouse) -> None:
    sql = (
        "SELECT DISTINCT a.year FROM orders a JOIN orders b ON a.order_id = b.order_id "
        "WHERE a.customer_id = 2 AND b.customer_id = 3"
    )
    assert shop.run(sql).data.empty  # the same row twice: never both customers
    question = "In which years did both customer 2 and customer 3 order?"
    repaired = repair_both_as_intersect(sql, shop.schema(), question)
    assert repaired is not None and shop.run(repaired).data["year"].tolist() == [2024]
    on_year = sql.replace("a.order_id = b.order_id", "a.year = b.year")
    assert repair_both_as_intersect(on_year, shop.schema(), question) is None


@pytest.mark.parametrize(
    ("condition", "repair"),
    [
        ("c.customer_id = c.customer_id", repair_self_joins),  # a column compared with itself
        ("c.customer_id = p.payment_id", repair_off_key_joins),  # two ids that only look alike
    ],
)
def test_a_join_whose_linking_table_is_joined_later_is_put_in_order(
    shop: Warehouse, condition: str, repair: Callable[[str, Schema], str | None]
) -> None:
    sql = (
        f"SELECT c.name, SUM(p.amount) FROM customers c JOIN payments p ON {condition} "
        "JOIN orders o ON o.order_id = p.order_id GROUP BY c.name"
    )
    assert _paid(shop, sql) != PAID_BY_CUSTOMER
    repaired = repair(sql, shop.schema())
    assert repaired is not None and repaired.index("JOIN orders") < repaired.index("JOIN payments")
    assert _paid(shop, repaired) == PAID_BY_CUSTOMER


def test_items_filtered_through_rows_that_point_at_them_are_shown_once(shop: Warehouse) -> None:
    sql = "SELECT c.customer_id, c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id"
    assert len(shop.run(sql).data) == 3  # Bo once per order
    repaired = distinct_filtered_items(sql, shop.schema())
    assert repaired is not None and shop.run(repaired).data.values.tolist() == [[2, "Bo"], [3, "Cy"]]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id",  # no key: may be two Bos
        "SELECT c.customer_id, o.year FROM customers c JOIN orders o ON o.customer_id = c.customer_id",
        "SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id",  # one customer each
        "SELECT c.customer_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id LIMIT 2",
    ],
)
def test_rows_that_may_differ_are_not_made_distinct(shop: Warehouse, sql: str) -> None:
    assert distinct_filtered_items(sql, shop.schema()) is None


def test_a_column_of_a_table_beside_another_of_the_query_is_joined_there(shop: Warehouse) -> None:
    sql = "SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.method = 'cash'"
    repaired = repair_misplaced_columns(sql, shop.schema())
    assert repaired is not None and "o.order_id = payments.order_id" in repaired
    assert shop.run(repaired).data["order_id"].tolist() == [2]


OLD_OR_CASH = PAID_ORDERS.format(condition="o.year = 2023 AND p.method = 'cash'")


def test_two_conditions_the_question_joins_with_or_are_joined_with_or(shop: Warehouse) -> None:
    assert shop.run(OLD_OR_CASH).data.empty
    repaired = repair_or_asked_as_and(OLD_OR_CASH, shop.schema(), "Which orders were placed in 2023 or paid in cash?")
    assert repaired is not None and sorted(shop.run(repaired).data["order_id"].tolist()) == [1, 2]


@pytest.mark.parametrize(
    "question",
    [
        "Which orders were placed in 2023 and paid in cash?",
        "Which orders were placed in 2023, and paid in cash or by card?",
        "Which orders of 2023 or 2024 were paid in cash?",
        "Which orders were paid in cash?",
    ],
)
def test_conditions_the_question_does_not_join_with_or_stay_joined_with_and(shop: Warehouse, question: str) -> None:
    assert repair_or_asked_as_and(OLD_OR_CASH, shop.schema(), question) is None


def test_a_join_on_a_column_its_table_lacks_is_put_on_the_foreign_key(shop: Warehouse) -> None:
    sql = "SELECT c.name, o.year FROM customers c JOIN orders o ON c.cust_key = o.customer_id WHERE o.year = 2023"
    with pytest.raises(QueryFailed):
        shop.run(sql)
    repaired = repair_invented_join_columns(sql, shop.schema())
    assert repaired is not None and shop.run(repaired).data.values.tolist() == [["Bo", 2023]]
    assert repair_invented_join_columns(sql.replace("c.cust_key", "c.customer_id"), shop.schema()) is None
    filtering = "SELECT c.name FROM customers c JOIN orders o ON o.year = 2023"  # a column against a literal
    assert repair_invented_join_columns(filtering, shop.schema()) is None


def test_an_unqualified_column_no_joined_table_has_is_joined_from_the_table_next_to_its_own(shop: Warehouse) -> None:
    sql = "SELECT AVG(amount) FROM customers c JOIN orders o ON o.customer_id = c.customer_id WHERE c.name = 'Bo'"
    with pytest.raises(QueryFailed):
        shop.run(sql)
    repaired = repair_misplaced_columns(sql, shop.schema())
    assert repaired is not None and "JOIN payments" in repaired
    assert shop.run(repaired).data.iloc[0, 0] == pytest.approx(35.0 / 3)


def test_the_one_column_a_question_asks_for_as_which_plural_is_shown_once_each(shop: Warehouse) -> None:
    sql = "SELECT year FROM orders WHERE customer_id = 2"
    assert shop.run(sql).data["year"].tolist() == [2023, 2024]
    repeated = "SELECT o.year FROM orders o JOIN payments p ON p.order_id = o.order_id WHERE p.method = 'card'"
    assert sorted(shop.run(repeated).data["year"].tolist()) == [2023, 2024, 2024]
    mended = distinct_asked_values(repeated, shop.schema(), "In which years were orders paid by card?")
    assert mended is not None and sorted(shop.run(mended).data["year"].tolist()) == [2023, 2024]
    for question, query in [
        ("Which customers live in Oslo?", "SELECT name FROM customers WHERE city = 'Oslo'"),
        (
            "In which years were orders paid by card?",
            "SELECT o.year, p.amount FROM orders o JOIN payments p ON p.order_id = o.order_id",
        ),
        ("What years had orders, and how many?", "SELECT year, COUNT(*) FROM orders GROUP BY year"),
    ]:
        assert distinct_asked_values(query, shop.schema(), question) is None
