"""How the definitions path reads a question against the model's request, without the model: which metric the
question names, what it groups by, which values and filters apply, and when it must go to SQL writing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from chains.by_definitions import (
    _AS_OF_NOW,
    _EXCLUDING,
    _LISTING,
    _LOWEST,
    _asks_which_one,
    _averaged_per,
    _dimension_named,
    _each_entity,
    _each_unsplit,
    _grain_named,
    _grouped_by,
    _leaving_out,
    _modifiers_of_split,
    _on_the_table_named,
    _other_group_unknown,
    _per_covered,
    _per_noun,
    _periods_as_grain,
    _periods_in_doubt,
    _retained_entity,
    _rows_counted_unasked,
    _share_of_rows_summed,
    _side_by_side,
    _splits_by,
    _taken_before_apart,
    _top_per_group,
    _uncovered_words,
    _unplaced_numbers,
    _verbs_of_measured,
    _which_words,
    _widest_named,
    _without_the_other_value,
    checked_against_question,
    counted_table_named,
    filter_named,
    filter_rate_named,
    mentioned_metrics,
    mentions,
    rate_named,
)
from chains.value_hints import find_value_hints
from chains.warehouses import open_warehouse
from semantic.compile import compile_request
from semantic.draft import draft_model
from semantic.periods import periods_in
from semantic.request import Request
from semantic.spec import Metric, SemanticModel
from semantic.yaml_io import parse_model
from tests.conftest import sqlite_warehouse

DEMO_MODEL = Path(__file__).resolve().parents[1] / "semantic" / "models" / "demo.yaml"


@pytest.fixture(scope="module")
def demo() -> SemanticModel:
    return parse_model(DEMO_MODEL.read_text())


@pytest.fixture(scope="module")
def values():  # type: ignore[no-untyped-def]
    return open_warehouse(None).text_values()


def _checked(question: str, request: Request, demo: SemanticModel, values) -> Request:  # type: ignore[no-untyped-def]
    return checked_against_question(request, question, demo, find_value_hints(question, values))


def test_a_phrase_is_named_in_order_with_little_between() -> None:
    assert mentions("the number of active customers", ["number of customers"])
    assert mentions("Average order value per month", ["average_order_value"])
    assert not mentions("average discount per order line for each customer", ["average orders per customer"])


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("What was our total revenue in 2024?", ["revenue"]),
        ("How much did the average customer spend with us in 2025, by region?", ["revenue_per_customer"]),
        ("Average number of units per order by channel in 2025", ["units_per_order"]),
        ("How many returning customers did we have in 2025?", ["customer_count"]),  # not the returns metric
        ("List the names of the reps who cover Europe", []),
    ],
)
def test_the_most_specific_metric_named_wins(demo: SemanticModel, question: str, named: list[str]) -> None:
    assert mentioned_metrics(question, demo) == named


def test_a_dimension_is_grouped_only_after_a_grouping_word(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    asked = Request("total", "order_count", group_by=("customer_name",))
    assert _checked("How many orders did a customer place in 2025?", asked, demo, values).group_by == ()
    by_region = Request("total", "revenue", group_by=("region",))
    assert _checked("Revenue by region in 2025", by_region, demo, values).group_by == ("region",)


def test_two_named_values_are_compared_and_each_value_has_one_dimension(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    question = "Compare the average order value of Europe and North America in 2025"
    checked = _checked(question, Request("total", "average_order_value"), demo, values)
    assert set(checked.values) == {"region"} and set(checked.values["region"]) == {"Europe", "North America"}
    assert checked.group_by == ("region",)


def test_top_n_per_group_is_read_from_its_phrasing(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    question = "Top 3 products by revenue in each category for 2025"
    checked = _checked(question, Request("total", "revenue", group_by=("category",)), demo, values)
    assert (checked.analysis, checked.group_by, checked.limit) == ("top", ("category", "product_name"), 3)


def test_analyst_words_decide_the_analysis_and_named_filters_apply(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    ytd = _checked(
        "Year-to-date number of orders at the end of each month of 2024", Request("total", "order_count"), demo, values
    )
    assert ytd.analysis == "running_total"
    share = _checked(
        "What share of revenue came from returning customers in 2025?", Request("total", "revenue"), demo, values
    )
    assert (share.analysis, share.filters) == ("share", ("returning_customers",))
    unranked = _checked("Revenue per month in 2025", Request("top", "revenue", grain="month"), demo, values)
    assert (unranked.analysis, unranked.limit) == ("total", 0)


@pytest.fixture(scope="module")
def drafted() -> SemanticModel:
    """The auto-draft of the demo warehouse: the definitions a warehouse without a written model gets."""
    from semantic.draft import draft_model

    warehouse = open_warehouse(None)
    return draft_model(warehouse.schema(), warehouse.text_values())


def test_a_drafted_row_count_is_named_by_the_number_of_its_rows(drafted: SemanticModel) -> None:
    assert mentioned_metrics("Which channel grew its number of orders the most from 2023 to 2024?", drafted) == [
        "order_count"
    ]


def test_an_analyst_question_naming_no_metric_counts_the_table_it_names(drafted: SemanticModel) -> None:
    """Not the model's first metric (customer_count, alphabetically first): the rows the question speaks of."""
    assert counted_table_named("What share of 2024 orders came through each channel?", drafted) == "order_count"
    assert counted_table_named("Show the running total of order lines by month", drafted) == "order_line_count"
    assert counted_table_named("Which category grew the most?", drafted) is None


def test_each_entity_splits_the_result_when_the_model_left_it_out(drafted: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    question = "How much did revenue change for each customer between 2023 and 2024?"
    checked = _checked(question, Request("growth", "total_net_amount"), drafted, values)
    assert checked.group_by == ("customer_name",)
    monthly = _checked(
        "Revenue at the end of each month of 2024", Request("total", "total_net_amount"), drafted, values
    )
    assert monthly.group_by == (), "a calendar word is a grain, not a dimension"
    averaged = Request("average_per", "total_net_amount", per="orders")
    assert _checked("Average revenue per order for every order in 2024", averaged, drafted, values).group_by == ()


def test_the_things_a_top_n_ranks_split_the_result_when_the_model_left_them_out(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    question = "What were the top 5 products by revenue in 2025?"
    checked = _checked(question, Request("top", "revenue"), demo, values)
    assert (checked.group_by, checked.order, checked.limit) == (("product_name",), "desc", 5)
    sql = compile_request(demo, checked, periods_in(question), "duckdb").sql
    rows = open_warehouse(None).run(sql).data
    assert len(rows) == 5 and rows["revenue"].is_monotonic_decreasing
    assert _checked("Top 3 months by revenue in 2025", Request("top", "revenue"), demo, values).group_by == ()
    # The model put the ranked entity in `per`, which only an average reads: the products still split.
    per_product = Request("top", "revenue", per="products")
    assert _checked(question, per_product, demo, values).group_by == ("product_name",)


def test_which_n_things_is_a_top_n_ranked_by_the_words_elsewhere(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    most = _checked("Which 5 products brought the most revenue in 2025?", Request("top", "revenue"), demo, values)
    assert (most.group_by, most.order, most.limit) == (("product_name",), "desc", 5)
    least = _checked("Which three products brought the least revenue in 2025?", Request("top", "revenue"), demo, values)
    assert (least.order, least.limit) == ("asc", 3)
    assert _unplaced_numbers("Which 5 products brought the most revenue in 2025?", most) == []


def test_which_one_asks_for_one_of_a_dimension_and_a_single_number_does_not_answer_it(
    demo: SemanticModel, values
) -> None:  # type: ignore[no-untyped-def]
    question = "Which region's revenue grew the most from 2024 to 2025?"
    assert _checked(question, Request("growth", "revenue"), demo, values).group_by == ("region",)
    # The widest dimension the words name, as for one the model picked: the category, not the product.
    for question in ("Which product category grew the most?", "Revenue change for each product category"):
        assert _checked(question, Request("growth", "revenue"), demo, values).group_by == ("category",), question
    assert _asks_which_one("Which store's average rating dropped furthest in 2025?") == "store"
    assert _asks_which_one("Which month of 2025 had the most orders?") is None  # a period, not a thing
    assert _asks_which_one("Which two months of 2025 had the most orders?") is None
    assert _asks_which_one("Which three warehouse zones shipped the most?") == "warehouse"
    assert _asks_which_one("What was revenue in 2025?") is None


def test_an_average_per_entity_is_read_from_its_words(drafted: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    """The model read "average revenue per order for each channel" as a total by nothing: the words decide."""
    question = "What was the average revenue per order for each channel in 2024?"
    checked = _checked(question, Request("total", "total_net_amount", per="order_lines"), drafted, values)
    assert (checked.analysis, checked.per, checked.group_by) == ("average_per", "orders", ("channel",))


def test_retention_is_read_from_its_words_on_the_entity_with_activity(drafted: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    """Customers have orders (dated, pointing at them): their churn is read on those, whatever the model picked."""
    for question in (
        "What was the churn rate of our customers in 2024?",
        "How many of the customers who ordered in 2023 ordered again in 2024?",
    ):
        checked = _checked(question, Request("growth", "order_count", ("customer_name",)), drafted, values)
        assert (checked.analysis, checked.per, checked.group_by) == ("retention", "customers", ()), question


def test_retention_needs_its_words_and_yields_to_a_metric_that_defines_churn(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    unasked = _checked("How many customers ordered in 2025?", Request("retention", "customer_count"), demo, values)
    assert unasked.analysis == "total", "the model's pick alone does not make a retention"
    orders = demo.table("orders")
    assert orders is not None
    churn = Metric("churn_rate", "COUNT(*)", synonyms=("customer churn",))
    tables = tuple(replace(t, metrics=(*t.metrics, churn)) if t is orders else t for t in demo.tables)
    defined = replace(demo, tables=tables)
    checked = _checked("What was the customer churn in 2025?", Request("total", "churn_rate"), defined, values)
    assert checked.analysis == "total"


def test_numbers_no_request_can_hold_are_found() -> None:
    """A threshold or a count of days would be dropped silently by the compiled query: such questions go to SQL."""
    assert _unplaced_numbers("What % of 2025 orders shipped within 3 days?", Request("total", "x")) == ["3"]
    assert _unplaced_numbers("Customers with more than 10 orders in Q4 2024", Request("total", "x")) == ["10"]
    assert _unplaced_numbers("Top 5 products by revenue in H2 2024", Request("total", "x")) == []
    named = Request("total", "x", values={"product_name": ("Orbit 6 Pro Smartphone",)})
    assert _unplaced_numbers("Units of the Orbit 6 Pro Smartphone in each quarter of 2025", named) == []


@pytest.mark.parametrize(
    ("question", "leaves_out"),
    [
        ("Revenue in 2024 excluding cancelled orders", "excluding"),
        ("Total sales except for returns, by region", "except for"),
        ("How many staff work at each site, leaving out anyone who has left?", "leaving out"),
        ("Only include stores that sold in both years", "Only include stores that"),
        ("Revenue of non-EU customers", "non-EU"),
        ("Customers who have not ordered this year", "who have not"),
        ("No-shows as a share of the appointments that were not cancelled", "that were not"),
        ("Orders without a discount per month", "without"),
        ("Gross profit (revenue minus product cost) by category", None),  # a definition, not an exclusion
        ("Exceptional items sold in 2024", None),
        ("Which customers never ordered again after 2023?", None),  # churn: the retention analysis reads it
        ("Only count completed orders, by month", None),  # a stored value to keep
        ("All invoices of 2024, paid or not", None),
        ("New-business policies we sold (not renewals) by region", "(not renewals"),
        ("Revenue by region, not counting returns", ", not counting"),
        ("Do not round the revenue by region", None),
        ("Premium received by payment method, after taking off the refunds we paid", "after taking off"),
        ("Sales by store net of returns", "net of"),
    ],
)
def test_what_a_question_leaves_out_is_found(question: str, leaves_out: str | None) -> None:
    """A request holds only values to keep: a question leaving something out goes to SQL writing."""
    found = _EXCLUDING.search(question)
    assert (found.group(0) if found else None) == leaves_out


@pytest.mark.parametrize(
    ("question", "rate"),
    [
        ("What was the cancellation rate by region in 2024?", ("order_status", "Cancelled")),
        ("The rate of cancellations per month in 2025", ("order_status", "Cancelled")),
        ("Returned orders as a share of all orders by channel", ("order_status", "Returned")),
        ("What percentage of orders got cancelled, for each region?", ("order_status", "Cancelled")),
        ("What share of our orders were returned in 2025?", ("order_status", "Returned")),
        ("What percentage of revenue came from Europe?", None),  # no verb says what the rows were
        ("What is the growth rate of revenue in 2025?", None),  # no stored value is a growth
        ("Revenue by region in 2024", None),
    ],
)
def test_the_stored_value_a_rate_is_of_is_read_by_its_stem(demo: SemanticModel, question: str, rate) -> None:  # type: ignore[no-untyped-def]
    assert rate_named(question, demo, open_warehouse(None)) == rate


def test_how_a_period_label_is_written_is_no_threshold() -> None:
    """ "the month as a number from 1 to 12" says how to label the rows; "1 to 4 orders" is a threshold."""
    total = Request("total", "x")
    assert _unplaced_numbers("Tickets per month of 2024? Show the month as a number from 1 to 12.", total) == []
    assert _unplaced_numbers("Sales in each half of 2025, the half given as 1 or 2", total) == []
    assert _unplaced_numbers("Quarterly sales in 2024 (quarter 1-4)", total) == []
    assert _unplaced_numbers("Customers with 1 to 4 orders in 2025", total) == ["1", "4"]
    assert _unplaced_numbers("Orders per month with 1 to 4 items", total) == ["1", "4"]


def test_the_models_analysis_needs_words_that_back_it(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    """The model read a plain total by category as a growth; nothing in the question compares."""
    unbacked = _checked("Gross margin % by category in 2025", Request("growth", "gross_margin_pct"), demo, values)
    assert unbacked.analysis == "total"
    compared = _checked("Units by channel, 2024 against 2025", Request("growth", "units_sold"), demo, values)
    assert compared.analysis == "growth"
    share = _checked("What percent of 2025 units went to Europe?", Request("share", "units_sold"), demo, values)
    assert share.analysis == "share"
    made_up = _checked("What % of units did each category make up?", Request("growth", "units_sold"), demo, values)
    assert made_up.analysis == "share", "the one analysis the words back"


def test_a_percent_sign_names_a_percentage_metric(demo: SemanticModel) -> None:
    assert mentioned_metrics("Gross margin % by category in 2025", demo) == ["gross_margin_pct"]


@pytest.mark.parametrize(
    ("question", "grain"),
    [
        ("Year-to-date number of orders at the end of each month of 2024", "month"),
        ("Quarterly revenue by region in 2025", "quarter"),
        ("Revenue by category this year vs last year", "none"),
        ("How many customers signed up in each year from 2023 to 2025?", "year"),
        ("Orders in Q3 vs Q4 2024 for each channel", "none"),
    ],
)
def test_the_time_grain_is_read_from_the_words(question: str, grain: str) -> None:
    assert _grain_named(question) == grain


def test_the_dimension_named_by_the_longer_phrase_wins(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    """ "by product category" names the category (its synonym), not the product, which "product" alone names."""
    question = "Units sold by product category in 2024"
    checked = _checked(question, Request("total", "units_sold", ("product_name",)), demo, values)
    assert checked.group_by == ("category",)


def test_a_metric_named_word_for_word_outranks_one_read_across_other_words(demo: SemanticModel) -> None:
    question = "How did the number of active customers change from 2024 to 2025?"
    assert mentioned_metrics(question, demo) == ["ordering_customers"]


def test_a_date_named_by_its_own_words_is_the_period_and_drops_filters_read_on_other_dates(  # type: ignore[no-untyped-def]
    demo: SemanticModel, values
) -> None:
    question = "How many new customers signed up in each year from 2023 to 2025?"
    signups = _checked(question, Request("total", "customer_count"), demo, values)
    # "new customers" is a filter read on the orders' dates (no order before the period): not these signups.
    assert (signups.time_dimension, signups.filters) == ("signup_date", ())
    warehouse = open_warehouse(None)
    compiled = compile_request(demo, signups, periods_in("from 2023 to 2025"), warehouse.dialect)
    counted = dict(warehouse.run(compiled.sql).data.itertuples(index=False, name=None))
    expected = warehouse.run(
        "SELECT EXTRACT(YEAR FROM signup_date), COUNT(*) FROM customers "
        "WHERE signup_date >= DATE '2023-01-01' AND signup_date < DATE '2026-01-01' GROUP BY 1"
    ).data
    assert counted == dict(expected.itertuples(index=False, name=None))
    shipped = _checked("How many orders shipped in 2025?", Request("total", "order_count"), demo, values)
    assert shipped.time_dimension == "ship_date"
    # Words of the metric ("days to ship") and of a named filter ("returning customers") name no date.
    for question, metric in [
        ("What was the average days to ship in 2025?", "average_days_to_ship"),
        ("What share of revenue came from returning customers in 2025?", "revenue"),
        ("Revenue by region in 2024", "revenue"),
    ]:
        assert _checked(question, Request("total", metric), demo, values).time_dimension == ""
    # Nor does a date the metric's rows cannot reach without multiplying (a customer has many shipped orders).
    shipped_customers = _checked(
        "Customers with orders shipped in 2025", Request("total", "customer_count"), demo, values
    )
    assert shipped_customers.time_dimension == ""


def test_the_entity_an_average_is_taken_over_is_the_one_a_or_each_picks_out(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    question = "How many orders did a customer place on average in 2025?"
    checked = _checked(question, Request("average_per", "order_count", per="orders"), demo, values)
    assert (checked.analysis, checked.per) == ("average_per", "customers")
    # An average metric of "a customer" is that metric, not an average of each customer's average.
    question = "What is the average order value of a customer in 2025?"
    assert _checked(question, Request("total", "average_order_value"), demo, values).per == "none"


def test_a_word_sharing_only_its_first_letters_with_a_column_is_not_that_column(demo: SemanticModel) -> None:
    warehouse = open_warehouse(None)
    growth = Request("growth", "revenue")
    assert not _uncovered_words("How did sales change from Q3 2025 to Q4 2025?", growth, demo, warehouse, "")
    assert _uncovered_words("Revenue change by channel", growth, demo, warehouse, "") == {"chan"}
    # A plural whose singular is shorter than the stem still names its table: "reps" is sales_reps.
    total = Request("total", "revenue")
    assert _uncovered_words("How many sales reps are there?", total, demo, warehouse, "") == {"rep"}


def test_a_word_qualifying_what_is_counted_that_nothing_explains_is_uncovered(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    """ "How many expedited orders" counted every order: the word before the counted noun must be explained."""
    warehouse = open_warehouse(None)
    counted = Request("total", "order_count")
    assert _uncovered_words("How many expedited orders were placed in 2025?", counted, demo, warehouse, "") == {
        "expedited"
    }
    assert not _uncovered_words("How many orders were placed in 2025?", counted, demo, warehouse, "")
    assert not _uncovered_words("Which 3 months had the most orders in 2025?", counted, demo, warehouse, "")
    question = "How many cancelled orders were there in 2025?"
    cancelled = _checked(question, counted, demo, values)
    assert cancelled.values == {"order_status": ("Cancelled",)}
    assert not _uncovered_words(question, cancelled, demo, warehouse, "")


def test_which_n_things_in_each_group_is_a_top_n_per_group(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    question = "In each customer segment, which 3 products brought the most revenue in 2025?"
    checked = _checked(question, Request("top", "revenue", ("segment",)), demo, values)
    assert (checked.analysis, checked.group_by, checked.limit) == ("top", ("segment", "product_name"), 3)


ORDERS_AND_CUSTOMERS = """
name: orders
tables:
  - name: sales_orders
    base_table: {table: sales_orders}
    primary_key: {columns: [order_id]}
    dimensions:
      - {name: order_number, expr: order_number}
    metrics:
      - {name: order_value, expr: SUM(quantity * unit_price)}
  - name: customers
    base_table: {table: customers}
    primary_key: {columns: [customer_id]}
    dimensions:
      - {name: customer_name, expr: customer_name}
      - {name: segment, expr: segment}
relationships:
  - name: o_c
    left_table: sales_orders
    right_table: customers
    relationship_columns: [{left_column: customer_id, right_column: customer_id}]
"""


def test_each_row_of_the_measured_table_is_no_group_to_rank_within() -> None:
    """ "Which 5 customers ordered the most? Value each order at its quantity times its price": the top 5
    customers, not the top 5 within each order."""
    model = parse_model(ORDERS_AND_CUSTOMERS)
    question = "Which 5 customers ordered the most in 2025? Value each order at its quantity times its unit price."
    assert _top_per_group(question, ("order_number", "customer_name"), model, "sales_orders") == ("customer_name",)
    grouped = "In each segment, which 3 customers ordered the most in 2025?"
    assert _top_per_group(grouped, ("customer_name",), model, "sales_orders") == ("segment", "customer_name")
    # "each customer segment" is no customer, though the customers are measured
    by_segment = "In each customer segment, which 3 customers have the most orders?"
    assert _top_per_group(by_segment, (), model, "customers") == ("segment", "customer_name")


def test_a_percentage_of_rows_is_not_answered_by_a_sum() -> None:
    """ "What percentage of the rent invoices were charged a late fee" is a share of invoices, not of late fees
    (the property fair run: summed late fees, compared between two years, looked like an answer)."""
    model = parse_model(
        ORDERS_AND_CUSTOMERS.replace("      - {name: order_value", ORDER_COUNT + "      - {name: order_value")
    )
    summed = Request("share", "order_value", ("segment",))
    asked = "For each segment, what percentage of the sales orders in 2025 were charged a discount?"
    assert _share_of_rows_summed(asked, summed, model) == "sales orders"
    assert _share_of_rows_summed("What share of order value came from each segment?", summed, model) == ""
    counted = Request("share", "sales_order_count", ("segment",))
    assert _share_of_rows_summed(asked, counted, model) == ""


ORDER_COUNT = "      - {name: sales_order_count, expr: COUNT(*)}\n"


def test_a_value_naming_another_dimension_is_no_filter(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    """ "each sales region" is the region, not the acquisition channel 'Sales'; "Enterprise accounts" is a value."""
    total = Request("total", "revenue")
    assert _checked("Revenue by Consumer region in 2025", total, demo, values).values == {}
    assert _checked("Revenue from Consumer customers in 2025", total, demo, values).values == {"segment": ("Consumer",)}
    assert _checked("Revenue in the Europe region in 2025", total, demo, values).values == {"region": ("Europe",)}


def test_an_average_of_a_thing_for_each_group_is_per_that_thing(drafted: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    question = "What was the average net amount of an order for each customer segment in 2025?"
    assert _checked(question, Request("total", "total_net_amount"), drafted, values).per == "orders"


def test_rows_are_counted_only_where_the_question_counts_them(drafted: SemanticModel) -> None:
    """ "Sales of completed orders" measures sales: counting the orders would answer another question."""
    assert counted_table_named("What share of cancelled orders came from each channel?", drafted) == "order_count"
    sales = "What share of our 2025 sales came from each channel, completed orders only?"
    assert counted_table_named(sales, drafted) is None


def test_a_list_of_rows_with_their_columns_is_no_metric_question() -> None:
    assert _LISTING.search("List our stores in Ohio with their city and number of seats, largest first.")
    assert _LISTING.search("Show me the products with their price")
    assert not _LISTING.search("List the top 5 products by revenue in 2025")
    assert not _LISTING.search("How many customers signed up with their first order in 2025?")


def test_periods_side_by_side_are_not_added_into_one(demo: SemanticModel) -> None:
    total = Request("total", "revenue", ("region",))
    assert _periods_in_doubt("Revenue by region in H1 2025 and in H2 2025", total, demo, None)
    assert _periods_in_doubt("Revenue by region, 2024 vs 2025", total, demo, None)
    assert not _periods_in_doubt("Revenue by region from 2023 to 2025", total, demo, None)
    assert not _periods_in_doubt("Revenue by region over 2024 and 2025", total, demo, None)
    assert not _periods_in_doubt("Revenue by region in 2025, counting orders placed in 2025", total, demo, None)
    growth = Request("growth", "revenue", ("region",))
    assert not _periods_in_doubt("How did revenue change by region from 2024 to 2025?", growth, demo, None)


def test_a_split_over_time_on_another_tables_date_is_in_doubt(demo: SemanticModel) -> None:
    """ "Revenue each month since the customer signed up": the months are the orders', not the signup's."""
    monthly = Request("total", "revenue", grain="month", time_dimension="signup_date")
    assert _periods_in_doubt("Revenue each month of 2025 of customers who signed up in 2025", monthly, demo, None)
    cohort = Request("total", "revenue", time_dimension="signup_date")
    assert not _periods_in_doubt("Revenue from customers who signed up in 2025", cohort, demo, None)


def test_per_what_must_be_a_grain_the_averaged_entity_or_a_split(demo: SemanticModel) -> None:
    averaged = Request("average_per", "discount_given", ("segment",), per="order_lines")
    assert _per_covered("order line", averaged, demo)
    assert _per_covered("quarter", Request("total", "revenue"), demo)
    assert _per_covered("customer segment", Request("total", "revenue", ("segment",)), demo)
    assert not _per_covered("person", Request("total", "revenue", ("region",)), demo)
    assert not _per_covered("order", averaged, demo)


def test_an_average_per_two_word_entity_is_that_entity(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    question = "What is the average discount per order line for each customer segment?"
    assert _checked(question, Request("total", "discount_given"), demo, values).per == "order_lines"
    question = "What was the average revenue per order in 2025?"
    assert _checked(question, Request("total", "revenue"), demo, values).per == "orders"


def test_each_asked_period_against_the_one_before_is_period_over_period(demo: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    question = "For 2024 and 2025, by what percent did the number of active customers grow versus the year before?"
    checked = _checked(question, Request("growth", "ordering_customers"), demo, values)
    assert (checked.analysis, checked.grain, checked.over_previous) == ("growth", "year", True)
    warehouse = open_warehouse(None)
    compiled = compile_request(demo, checked, periods_in(question), warehouse.dialect)
    grown = warehouse.run(compiled.sql).data
    active = dict(
        warehouse.run(
            "SELECT EXTRACT(YEAR FROM order_date), COUNT(DISTINCT customer_id) FROM orders GROUP BY 1"
        ).data.itertuples(index=False, name=None)
    )
    expected = [round((active[y] - active[y - 1]) * 100.0 / active[y - 1], 6) for y in (2024, 2025)]
    assert [round(v, 6) for v in grown["growth_pct"]] == expected
    # Two periods compared with each other stay a pair.
    pair = _checked("How did revenue change from 2024 to 2025?", Request("growth", "revenue"), demo, values)
    assert (pair.grain, pair.over_previous) == ("none", False)


def test_what_how_many_counts_breaks_a_tie_between_metrics(demo: SemanticModel) -> None:
    question = "How many new customers placed their first ever order in each quarter of 2025?"
    assert mentioned_metrics(question, demo) == ["customer_count"]
    # Without "how many" the model breaks the tie.
    assert set(mentioned_metrics("Which customers placed the most orders in 2025?", demo)) == {
        "order_count",
        "customer_count",
    }


def test_the_most_things_names_their_number_only_when_nothing_else_is_named(tmp_path: Path) -> None:
    """ "Which instructors taught the most class sessions" ranks by the number of sessions; "the most expensive"
    names nothing; and ranked by nothing, "the most" would be the number of all sessions."""
    warehouse = sqlite_warehouse(
        tmp_path / "club.sqlite",
        "CREATE TABLE instructors (instructor_id INTEGER PRIMARY KEY, full_name TEXT NOT NULL);"
        "CREATE TABLE class_sessions (session_id INTEGER PRIMARY KEY, instructor_id INTEGER NOT NULL REFERENCES"
        " instructors, start_time TIMESTAMP NOT NULL, fee REAL NOT NULL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "Which five instructors taught the most class sessions in 2025?"
    assert mentioned_metrics(asked, model) == ["class_session_count"]
    assert mentioned_metrics("Which instructors had the most fees in 2025?", model) == ["total_fee"]
    assert mentioned_metrics("Which instructor had the most expensive hour?", model) == []
    reply = '{"analysis": "total", "metric": "class_session_count"}'
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None and planned.request.group_by == ("full_name",), planned.reason
    unsplit = "What is the name of the instructor who taught the most class sessions?"
    planned = _planned_with(reply, unsplit, model, warehouse, [])
    assert planned.compiled is None and "splits by nothing" in planned.reason, planned.reason


AGENTS_AND_CUSTOMERS = """
name: sales
tables:
  - name: agents
    base_table: {table: agents}
    primary_key: {columns: [agent_id]}
    dimensions:
      - {name: agent_name, expr: agent_name}
      - {name: region, expr: region}
  - name: customers
    base_table: {table: customers}
    primary_key: {columns: [customer_id]}
    dimensions:
      - {name: customer_region, expr: region}
  - name: policies
    base_table: {table: policies}
    primary_key: {columns: [policy_id]}
    dimensions:
      - {name: business_type, expr: business_type}
    metrics:
      - {name: policy_count, expr: COUNT(*)}
relationships:
  - name: p_a
    left_table: policies
    right_table: agents
    relationship_columns: [{left_column: agent_id, right_column: agent_id}]
  - name: p_c
    left_table: policies
    right_table: customers
    relationship_columns: [{left_column: customer_id, right_column: customer_id}]
"""


def test_a_column_two_tables_hold_is_read_on_the_table_the_question_names() -> None:
    model = parse_model(AGENTS_AND_CUSTOMERS)

    def read(question: str) -> str:
        return _on_the_table_named("region", question, model, "policies")

    assert read("Policies by the region where the customer lives") == "customer_region"
    assert read("Policies sold by agents in each region") == "region"
    assert read("Policies in each region") == "region"  # nothing says whose
    # both named: the model's pick stands
    assert read("Policies of customers by agent region") == "region"


def test_a_column_the_measured_table_holds_too_is_read_there_unless_the_question_names_another() -> None:
    model = parse_model(
        AGENTS_AND_CUSTOMERS.replace(
            "      - {name: business_type, expr: business_type}",
            "      - {name: business_type, expr: business_type}\n      - {name: policy_region, expr: region}",
        )
    )

    def read(question: str) -> str:
        return _on_the_table_named("region", question, model, "policies")

    assert read("Policies in each region") == "policy_region"  # the policies' own region, not their agents'
    assert read("Policies sold by agents in each region") == "region"
    assert read("Policies by the region where the customer lives") == "customer_region"
    assert _on_the_table_named("region", "Customers in each region", model, "customers") == "customer_region"


def test_the_value_a_question_leaves_out_beside_the_one_it_keeps_is_dropped() -> None:
    both = Request("total", "policy_count", ("region", "business_type"), values={"business_type": ("New", "Renewal")})
    kept = _without_the_other_value("(not renewals", both)
    assert kept is not None
    assert (kept.values, kept.group_by) == ({"business_type": ("New",)}, ("region",))
    alone = Request("total", "policy_count", values={"business_type": ("Renewal",)})
    assert _without_the_other_value("(not renewals", alone) is None  # nothing kept: a request cannot say NOT


@pytest.mark.parametrize(
    ("question", "named", "kept", "left_out", "unsaid"),
    [
        ("Policies sold in 2025 except cancelled ones, by region", ("Cancelled",), {}, ("Cancelled",), ""),
        (
            "Policies excluding lapsed and cancelled, by region",
            ("Cancelled", "Lapsed"),
            {},
            ("Cancelled", "Lapsed"),
            "",
        ),
        ("Policies by region, not cancelled ones", ("Cancelled",), {}, ("Cancelled",), ""),
        # a value beside the one left out stays kept, and keeping it says the rest
        ("Active and lapsed policies, not counting lapsed ones", ("Active", "Lapsed"), {"status": ("Active",)}, (), ""),
        # a condition on rows is no stored value: SQL writing must say it
        ("Policies except those whose agent has left", ("Cancelled",), {}, (), "except"),
        ("Policies of customers who have not claimed", ("Cancelled",), {}, (), "who have not"),
        # every phrase that leaves something out must be said, not only the first
        ("Policies except cancelled ones, without renewals", ("Cancelled",), {}, ("Cancelled",), "without"),
    ],
)
def test_stored_values_a_question_leaves_out_are_excluded_and_conditions_go_to_sql(
    question: str, named: tuple, kept: dict, left_out: tuple, unsaid: str
) -> None:
    model = parse_model(AGENTS_AND_CUSTOMERS)
    request = Request("total", "policy_count", ("region",), values={"status": named})
    read, said = _leaving_out(question, request, model, None)
    assert said == unsaid
    if not unsaid:
        assert (read.values, read.excluded) == (kept, {"status": left_out} if left_out else {})


def test_two_periods_named_apart_for_a_total_are_set_side_by_side() -> None:
    total = Request("total", "policy_count", ("region",))
    assert _side_by_side("Claims by region in 2024 and how many in 2025, side by side", total, None)
    assert not _side_by_side("Claims by region from 2024 to 2025", total, None)
    assert not _side_by_side("Claims by region in 2025", total, None)
    assert not _side_by_side("Claims by region in 2024 and 2025", Request("share", "policy_count"), None)


def test_which_things_must_be_among_the_groups() -> None:
    model = parse_model(AGENTS_AND_CUSTOMERS)
    by_region = Request("top", "policy_count", ("region",))
    assert not _splits_by(_which_words("In each region, which 3 agents sold most?"), by_region, model)
    by_agent = Request("top", "policy_count", ("region", "agent_name"))
    assert _splits_by(_which_words("In each region, which 3 agents sold most?"), by_agent, model)
    assert _splits_by(_which_words("Which policies were cancelled?"), by_region, model)  # names no dimension
    assert not _splits_by(_which_words("Which policies were cancelled?"), Request("top", "policy_count"), model)
    # "which agent region": one of its words names a group
    assert _splits_by(_which_words("Which agent region sold the most?"), by_region, model)


def test_a_table_named_by_the_question_is_split_by_its_name_column() -> None:
    """ "Which 5 practitioners": their full_name, though no dimension is called "practitioner"."""
    yaml = AGENTS_AND_CUSTOMERS.replace(
        "  - name: customers\n",
        "  - name: practitioners\n    base_table: {table: practitioners}\n"
        "    primary_key: {columns: [practitioner_id]}\n"
        "    dimensions:\n      - {name: full_name, expr: full_name}\n  - name: customers\n",
    )
    model = parse_model(yaml)
    assert _dimension_named("practitioners", model) == "full_name"
    assert _dimension_named("agents", model) == "agent_name"
    assert _dimension_named("policies", model) is None


def test_a_question_about_things_as_they_are_now_is_found() -> None:
    """Without a value or filter saying which rows are current, a count of all rows would look right and be wrong."""
    assert _AS_OF_NOW.search("How many customers do we supply today?")
    assert _AS_OF_NOW.search("How many practitioners currently work at each clinic?")
    assert _AS_OF_NOW.search("Which claims are still open?")
    assert not _AS_OF_NOW.search("Revenue in the current year by region")
    assert not _AS_OF_NOW.search("How many customers signed up in 2025?")


def test_two_groups_of_which_only_one_is_a_stored_value_are_found() -> None:
    business = Request("total", "bill_total", values={"customer_type": ("Business",)})
    assert _other_group_unknown("Average bill for households and for business customers", business) == (
        "households",
        "Business",
    )
    assert _other_group_unknown("Average bill for business customers and for households", business) == (
        "households",
        "Business",
    )
    assert _other_group_unknown("Average bill for Business customers in 2025", business) is None
    both = Request("total", "bill_total", values={"customer_type": ("Business",), "region": ("Europe",)})
    assert _other_group_unknown("Revenue for Europe and Business customers", both) is None


def test_at_least_ranks_nothing() -> None:
    assert _LOWEST.search("Which region had the least revenue?")
    assert not _LOWEST.search("Count every customer who got at least one bill")


def test_a_kept_values_gloss_in_its_column_comment_covers_its_words(tmp_path: Path) -> None:
    """ "Claims we settled with a payment": the status comment says 'Settled' is "closed with a payment", so the
    word names no payments table the request leaves out."""
    warehouse = sqlite_warehouse(
        tmp_path / "claims.sqlite",
        "CREATE TABLE claims (\n"
        "  -- Claims made on our policies.\n"
        "  -- Unique claim identifier.\n"
        "  claim_id INTEGER PRIMARY KEY,\n"
        "  -- 'Open' (still being handled) or 'Settled' (closed with a payment).\n"
        "  status TEXT,\n"
        "  reported_date TEXT\n"
        ");\n"
        "CREATE TABLE payments (payment_id INTEGER PRIMARY KEY, claim_id INTEGER REFERENCES claims, amount REAL);\n"
        "INSERT INTO claims VALUES (1, 'Open', '2025-01-02'), (2, 'Settled', '2025-02-03');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    question = "How many claims did we settle with a payment in 2025?"
    settled = Request("total", "claim_count", values={"status": ("Settled",)})
    assert not _uncovered_words(question, settled, model, warehouse, "")
    assert _uncovered_words(question, Request("total", "claim_count"), model, warehouse, "") == {"paym"}


def test_a_unit_in_mixed_case_is_one_word() -> None:
    """ "in kWh" names the metric a draft calls by its unit ("kwh"), not the camelCase words "k" and "wh"."""
    assert mentions("How much gas did our customers use in each month, in kWh?", ["kwh"])
    assert not mentions("How much gas did our customers use in each month?", ["kwh"])


def test_a_table_named_as_the_bare_subject_of_the_verb_qualifies_nothing(demo: SemanticModel) -> None:
    """ "How much revenue did our customers bring": every order has a customer. A qualified subject ("new
    customers", "customers who signed up in 2024") still speaks of something the request must cover."""
    warehouse = open_warehouse(None)
    revenue = Request("total", "revenue")
    assert not _uncovered_words("How much revenue did our customers bring in 2025?", revenue, demo, warehouse, "")
    qualified = "How much revenue did customers who signed up in 2024 bring in 2025?"
    assert _uncovered_words(qualified, revenue, demo, warehouse, "") == {"cust"}
    assert _uncovered_words("How much revenue did new customers bring in 2025?", revenue, demo, warehouse, "") == {
        "cust"
    }


@pytest.mark.parametrize(
    ("question", "request_", "unsplit"),
    [
        ("How many days did customers take to pay, for each way of paying?", Request("total", "days"), "way"),
        ("Revenue for each region in 2025", Request("total", "revenue", ("region",)), ""),
        ("Orders placed each month of 2025", Request("total", "order_count", grain="month"), ""),
        ("Average revenue per order for every order in 2024", Request("average_per", "revenue", per="orders"), ""),
        ("Revenue in each of the last 3 months", Request("total", "revenue"), ""),
    ],
)
def test_each_thing_the_request_does_not_split_by_is_found(question: str, request_: Request, unsplit: str) -> None:
    """One number for "each way of paying" would look like an answer: it goes to SQL writing instead."""
    assert _each_unsplit(question, request_) == unsplit


def test_the_subject_of_a_counts_verb_stays_a_condition(demo: SemanticModel) -> None:
    """ "How many orders did customers cancel": the verb says which orders; the count must not pass for them all."""
    warehouse = open_warehouse(None)
    counted = Request("total", "order_count")
    assert _uncovered_words("How many orders did customers cancel in 2025?", counted, demo, warehouse, "") == {"cust"}


def test_a_grouped_dimensions_label_covers_its_words(tmp_path: Path) -> None:
    """ "For each cause of loss": the cause column's comment calls it that, so "loss" names no loss_date left out."""
    warehouse = sqlite_warehouse(
        tmp_path / "losses.sqlite",
        "CREATE TABLE claims (\n"
        "  -- Claims made on our policies.\n"
        "  -- Unique claim identifier.\n"
        "  claim_id INTEGER PRIMARY KEY,\n"
        "  -- Cause of loss: 'Fire' or 'Storm'.\n"
        "  cause TEXT,\n"
        "  loss_date TEXT\n"
        ");\n"
        "INSERT INTO claims VALUES (1, 'Fire', '2025-01-02'), (2, 'Storm', '2025-02-03');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    question = "How many claims did we get for each cause of loss?"
    assert not _uncovered_words(question, Request("total", "claim_count", ("cause",)), model, warehouse, "")
    assert _uncovered_words(question, Request("total", "claim_count"), model, warehouse, "") == {"caus", "loss"}


def test_a_gloss_never_covers_what_the_question_counts(demo: SemanticModel) -> None:
    """'Returned' is glossed "one or more of its lines were returned": counting returned orders does not answer
    "how many order lines were returned"."""
    warehouse = open_warehouse(None)
    returned = Request("total", "order_count", values={"order_status": ("Returned",)})
    assert _uncovered_words("How many order lines were returned in 2024?", returned, demo, warehouse, "") == {"line"}
    assert not _uncovered_words("How many orders were returned in 2024?", returned, demo, warehouse, "")


# Invoices (a late fee on some, a paid date on the paid ones) and reservations (a cancelled date, and a status
# that says nothing of cancelling), in SQLite as a user's warehouse gives them.
BILLING = """
CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, region TEXT NOT NULL, invoice_date TEXT NOT NULL,
  late_fee REAL NOT NULL, paid_date TEXT);
CREATE TABLE reservations (reservation_id INTEGER PRIMARY KEY, branch TEXT NOT NULL, booked_date TEXT NOT NULL,
  status TEXT NOT NULL, cancelled_date TEXT);
CREATE TABLE shipments (shipment_id INTEGER PRIMARY KEY, ship_date TEXT NOT NULL, status TEXT NOT NULL,
  cancelled_date TEXT);
INSERT INTO invoices VALUES (1, 'North', '2025-01-05', 0, '2025-01-20'), (2, 'North', '2025-02-05', 12.5, NULL),
  (3, 'South', '2025-03-05', 0, '2025-03-09'), (4, 'South', '2025-04-05', 8, '2025-05-30'),
  (5, 'South', '2025-05-05', 0, NULL);
INSERT INTO reservations VALUES (1, 'Airport', '2025-01-02', 'Confirmed', NULL),
  (2, 'Airport', '2025-01-03', 'Confirmed', '2025-01-04'), (3, 'Downtown', '2025-02-01', 'No-show', NULL);
INSERT INTO shipments VALUES (1, '2025-01-02', 'Delivered', NULL), (2, '2025-01-03', 'Cancelled', '2025-01-03');
"""


@pytest.fixture
def billing(tmp_path: Path) -> tuple[SemanticModel, object]:
    warehouse = sqlite_warehouse(tmp_path / "billing.sqlite", BILLING)
    return draft_model(warehouse.schema(), warehouse.text_values()), warehouse


def test_the_draft_names_rows_with_an_event_date_or_a_charge(billing) -> None:  # type: ignore[no-untyped-def]
    """A date of an event a row may lack (paid_date, cancelled_date) and a charge a row may carry (late_fee) are
    conditions a question names ("paid invoices", "charged a late fee"); a stored value already naming the event
    (shipments' status 'Cancelled') is what such a question is read by, so no filter doubles it."""
    model, _warehouse = billing
    filters = {item.name: item.expr for _t, item in model.filters}
    assert filters == {
        "with_late_fee": "late_fee > 0",
        "paid_invoice": "paid_date IS NOT NULL",
        "cancelled_reservation": "cancelled_date IS NOT NULL",
    }


@pytest.mark.parametrize(
    ("question", "rate"),
    [
        ("What percentage of the invoices were charged a late fee in 2025?", ("invoice_count", "with_late_fee")),
        ("What share of invoices had a late fee, by region?", ("invoice_count", "with_late_fee")),
        ("What proportion of our reservations were cancelled?", ("reservation_count", "cancelled_reservation")),
        ("What was the cancellation rate for each branch in 2025?", ("reservation_count", "cancelled_reservation")),
        ("What share of late fees came from each region?", None),  # a share of the fees, not of the invoices
        ("What percentage of the invoices came from the North region?", None),  # no filter named
    ],
)
def test_a_rate_of_the_rows_a_filter_picks_counts_the_rows(billing, question: str, rate) -> None:  # type: ignore[no-untyped-def]
    model, _warehouse = billing
    assert filter_rate_named(question, model) == rate


def test_a_filter_rate_compiles_to_each_groups_part_of_its_rows(billing) -> None:  # type: ignore[no-untyped-def]
    """Against a hand count: North has 1 of 2 invoices with a late fee (50%), South 1 of 3; overall 2 of 5 (40%).
    Each region's share of the late-fee invoices would be 50% each: the rate is of each group's own rows."""
    model, warehouse = billing
    request = Request("share", "invoice_count", ("region",), filters=("with_late_fee",), rate=True)
    compiled = compile_request(model, request, [], "sqlite")
    data = warehouse.run(compiled.sql).data
    rates = dict(zip(data["region"], data["share_pct"].round(2), strict=True))
    assert rates == {"North": 50.0, "South": 33.33}
    whole = compile_request(model, replace(request, group_by=()), [], "sqlite")
    assert warehouse.run(whole.sql).data["share_pct"].tolist() == [40.0]
    assert "the part: with late fee" in compiled.explanation and "only with late fee" not in compiled.explanation


def test_a_filters_qualifier_names_no_metric_but_a_metrics_own_words_still_do(billing) -> None:  # type: ignore[no-untyped-def]
    """ "Paid" of "invoices paid" qualifies the invoices counted; "late fee" of "charged a late fee" is also the
    late fees' total, which a question adding them up names."""
    model, _warehouse = billing
    assert mentioned_metrics("How many invoices were paid in 2025?", model) == ["invoice_count"]
    assert mentioned_metrics("What was the total late fee charged in 2025?", model) == ["total_late_fee"]


@pytest.mark.parametrize(
    "question",
    ["What share of invoices had a late fee in 2025, by region?", "Late fees in 2025 broken down by region"],
)
def test_a_split_said_after_the_rest_of_the_question_is_kept(billing, question: str) -> None:  # type: ignore[no-untyped-def]
    model, warehouse = billing
    hints = find_value_hints(question, warehouse.text_values())
    checked = checked_against_question(Request("share", "invoice_count"), question, model, hints)
    assert checked.group_by == ("region",)
    ranked = "Which 2 regions had the highest late fees by amount in 2025?"
    assert checked_against_question(Request("total", "total_late_fee"), ranked, model, hints).group_by == ("region",)
    unsplit = "How many invoices were paid by check in 2025?"
    assert checked_against_question(Request("total", "invoice_count"), unsplit, model, hints).group_by == ()


def test_a_three_letter_words_plural_names_it(billing) -> None:  # type: ignore[no-untyped-def]
    """ "Late fees" names late_fee: a 4-letter stem kept "fees" apart from "fee"."""
    model, _warehouse = billing
    assert mentioned_metrics("How much did we charge in late fees in 2025?", model) == ["total_late_fee"]
    assert mentions("the days between", ["day"]) and not mentions("this class", ["thi", "cla"])


@pytest.mark.parametrize(
    ("question", "grain"),
    [
        ("For each region, what percentage of the invoices in 2024, and of those in 2025, had a late fee?", "year"),
        ("What share of invoices had a late fee in Q1 2025 and in Q2 2025?", "quarter"),
        ("What share of invoices had a late fee in 2023 and in 2025?", "none"),  # not one after the other
        ("What share of invoices had a late fee from 2024 to 2025?", "none"),  # one range
    ],
)
def test_a_rate_in_whole_periods_side_by_side_is_one_row_per_period(question: str, grain: str) -> None:
    """A rate of 2024's invoices and of 2025's: added into one it is neither's; each year is one row."""
    assert _periods_as_grain(question, Request("share", "invoice_count", rate=True), None).grain == grain
    assert _periods_as_grain(question, Request("total", "invoice_count"), None).grain == "none"


def test_an_average_per_hyphenated_kind_of_an_entity_is_per_that_entity(billing) -> None:  # type: ignore[no-untyped-def]
    """ "Per move-out inspection" is per inspection (of the move-out kind): the hyphen cut the noun at "move"."""
    model, _warehouse = billing
    question = "What was the average late fee per past-due invoice in 2025?"
    assert _averaged_per(question, model, "total_late_fee") == "invoices"
    assert _per_covered(_per_noun(question), Request("average_per", "total_late_fee", per="invoices"), model)


def test_counting_the_entities_with_nothing_as_zero_is_what_an_average_per_entity_does() -> None:
    asked = "What was the average late fee per invoice in 2025? Count the invoices without one as 0."
    assert _unplaced_numbers(asked, Request("average_per", "total_late_fee", per="invoices")) == []
    assert _unplaced_numbers(asked, Request("total", "total_late_fee")) == ["0"]


def test_an_average_per_entity_of_a_sum_counts_an_entity_with_no_value_as_zero(tmp_path: Path) -> None:
    """Two inspections in one city, one charged 100 and one with no charge recorded: 50 per inspection, not 100."""
    warehouse = sqlite_warehouse(
        tmp_path / "inspections.sqlite",
        "CREATE TABLE inspections (inspection_id INTEGER PRIMARY KEY, city TEXT NOT NULL, damage_charge REAL);"
        "INSERT INTO inspections VALUES (1, 'Riverton', 100), (2, 'Riverton', NULL), (3, 'Mesa', 30);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    request = Request("average_per", "total_damage_charge", ("city",), per="inspections")
    compiled = compile_request(model, request, [], "sqlite")
    data = warehouse.run(compiled.sql).data
    assert dict(zip(data["city"], data.iloc[:, -1], strict=True)) == {"Riverton": 50.0, "Mesa": 30.0}
    assert "total_damage_charge per inspection (0 for an inspection with none), then averaged" in compiled.explanation


def test_what_a_tables_description_says_all_its_rows_are_is_no_condition(tmp_path: Path) -> None:
    """ "Rental units" are all the units ("Rental units, one row per unit"), and the city of "the buildings we
    manage" is every building's; "vacant units" still asks for something no part of the request holds."""
    warehouse = sqlite_warehouse(
        tmp_path / "estate.sqlite",
        """
        CREATE TABLE buildings ( -- Buildings we manage, one row per building.
          building_id INTEGER PRIMARY KEY,
          -- City the building is in.
          city TEXT NOT NULL,
          -- Date we began managing the building.
          managed_since TEXT NOT NULL
        );
        CREATE TABLE units ( -- Rental units, one row per unit: an apartment, an office or a shop.
          unit_id INTEGER PRIMARY KEY,
          building_id INTEGER NOT NULL REFERENCES buildings (building_id),
          -- Whether the unit is let for living or for business.
          rental_kind TEXT NOT NULL,
          -- 1 when nobody rents the unit now.
          is_vacant INTEGER NOT NULL
        );
        INSERT INTO buildings VALUES (1, 'Riverton', '2020-01-01');
        INSERT INTO units VALUES (1, 1, 'Residential', 0);
        """,
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    request = Request("total", "unit_count", ("city",))
    asked = "How many rental units do we manage in each city?"
    assert _uncovered_words(asked, request, model, warehouse, "") == set()
    assert _uncovered_words("How many vacant units are there in each city?", request, model, warehouse, "")


def test_two_words_naming_a_table_split_by_its_name_before_either_word_names_a_dimension(drafted, values) -> None:  # type: ignore[no-untyped-def]
    """ "Which sales rep": the reps by name; "sales" alone begins sales_rep_region, the draft's name for the reps'
    region (the 1,000-table run answered with the best region)."""
    for question in ("Which sales rep brought in the most revenue in 2024?", "Revenue for each sales rep in 2024"):
        for grouped in (("sales_rep_region",), ()):
            checked = checked_against_question(
                Request("top", "total_net_amount", grouped), question, drafted, find_value_hints(question, values)
            )
            assert checked.group_by == ("rep_name",), (question, grouped)


RENTALS = """
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, customer_type TEXT NOT NULL, signup_date TEXT NOT NULL);
CREATE TABLE rentals (rental_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
  city TEXT NOT NULL, pickup_time TEXT NOT NULL);
CREATE TABLE damage_reports (damage_id INTEGER PRIMARY KEY, rental_id INTEGER NOT NULL REFERENCES rentals (rental_id),
  report_date TEXT NOT NULL, repair_cost REAL NOT NULL);
INSERT INTO customers VALUES (1, 'Individual', '2023-05-01'), (2, 'Corporate', '2024-02-01');
INSERT INTO rentals VALUES (1, 1, 'Sunmesa', '2024-03-01 10:00'), (2, 1, 'Sunmesa', '2025-03-01 10:00'),
  (3, 2, 'Crestmoor', '2024-06-01 09:00');
INSERT INTO damage_reports VALUES (1, 2, '2025-03-04', 250);
"""


def test_the_retained_entity_is_the_one_whose_activity_the_question_names(tmp_path: Path) -> None:
    """ "Our 2024 renters" begin like the rentals, whose only dated rows are damage reports; the customers, whose
    rentals the question names, are who came back (the car rental fair run read it as rentals with damage)."""
    warehouse = sqlite_warehouse(tmp_path / "rentals.sqlite", RENTALS)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = (
        "How many of our 2024 renters came back in 2025? Of the customers who picked up at least one rental in "
        "2024, what percentage also picked up one in 2025?"
    )
    assert _retained_entity(asked, model, "rental_count") == "customers"
    damaged = "What percentage of our rentals came back damaged in 2025, in each city?"
    hints = find_value_hints(damaged, warehouse.text_values())
    checked = checked_against_question(Request("retention", "rental_count", per="rentals"), damaged, model, hints)
    assert checked.analysis != "retention"  # a rental that "came back damaged" was returned, not retained


def test_values_a_clause_leaves_out_are_left_out_in_any_form(tmp_path: Path) -> None:
    """ "Leave out cancellations and no-shows": 'No-show' was found and kept, and 'Cancelled', which no value hint
    found in "cancellations", was counted (the car rental fair run's third wrong answer from the definitions)."""
    warehouse = sqlite_warehouse(
        tmp_path / "bookings.sqlite",
        "CREATE TABLE reservations (reservation_id INTEGER PRIMARY KEY, channel TEXT NOT NULL, status TEXT NOT NULL,"
        " booked_date TEXT NOT NULL, scheduled_pickup TEXT NOT NULL, cancelled_date TEXT);"
        "INSERT INTO reservations VALUES (1, 'Web', 'Fulfilled', '2025-01-02', '2025-01-09', NULL),"
        " (2, 'Phone', 'Cancelled', '2025-01-03', '2025-01-20', '2025-01-05'),"
        " (3, 'Web', 'No-show', '2025-02-01', '2025-02-03', NULL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    question = (
        "For the reservations with a scheduled pickup in 2025 that were picked up (leave out cancellations and "
        "no-shows), how many days ahead were they booked on average, by channel?"
    )
    kept = Request("total", "reservation_count", ("channel",), values={"status": ("No-show",)})
    left, unsaid = _leaving_out(question, kept, model, None)
    assert unsaid == "" and left.values == {}
    assert left.excluded == {"status": ("No-show", "Cancelled")}
    hints = find_value_hints(question, warehouse.text_values())
    checked = checked_against_question(Request("total", "reservation_count", ("channel",)), question, model, hints)
    assert checked.time_dimension == "scheduled_pickup"  # not cancelled_date, which "cancellations" only leaves out


def test_a_word_whose_first_four_letters_end_in_s_still_names_its_dimension(tmp_path: Path) -> None:
    """ "For each class of car": "clas", cut to four letters, read as the plural of "cla" once a 3-letter word's
    plural named the word ("late fees" names late_fee); the whole word is compared, and "by fees" still groups."""
    warehouse = sqlite_warehouse(
        tmp_path / "fleet.sqlite",
        "CREATE TABLE vehicles (vehicle_id INTEGER PRIMARY KEY, class_name TEXT NOT NULL, fees REAL NOT NULL);"
        "INSERT INTO vehicles VALUES (1, 'Compact', 10), (2, 'SUV', 20);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    assert _each_entity("How many vehicles are there for each class of car?", model, "none") == ("class_name",)
    assert _grouped_by("Vehicles by fees", ["fee"]) and _grouped_by("Vehicles by fee", ["fees"])


INVOICING = (
    "CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, invoice_date DATE NOT NULL, subtotal REAL NOT NULL,"
    " tax_amount REAL NOT NULL, total_amount REAL NOT NULL);"
    "CREATE TABLE invoice_lines (line_id INTEGER PRIMARY KEY, invoice_id INTEGER NOT NULL REFERENCES invoices"
    " (invoice_id), amount REAL NOT NULL);"
    "INSERT INTO invoices VALUES (1, '2025-02-01', 100, 8, 108);"
    "INSERT INTO invoice_lines VALUES (1, 1, 60), (2, 1, 40);"
)


def test_two_amounts_named_by_the_same_words_are_told_apart_by_the_table_named(tmp_path: Path) -> None:
    """ "The total amount we invoiced": the invoices' total_amount, not the invoice lines' amount (whose drafted
    name is total_amount too); "sales tax included" is what that amount holds ("subtotal + tax_amount")."""
    warehouse = sqlite_warehouse(tmp_path / "invoicing.sqlite", INVOICING)
    comments = {("invoices", "total_amount"): "Amount due in USD: subtotal + tax_amount."}
    model = draft_model(_with_comments(warehouse.schema(), comments), warehouse.text_values())
    asked = "What was the total amount we invoiced in 2025, sales tax included?"
    (named,) = mentioned_metrics(asked, model)
    assert next(m.expr for _t, m in model.metrics if m.name == named) == "SUM(total_amount)"
    assert not _uncovered_words(asked, Request("total", named), model, warehouse, "invoice_date")
    # an amount that says nothing of tax does not cover it
    lines = next(m.name for t, m in model.metrics if t.name == "invoice_lines" and m.expr == "SUM(amount)")
    assert _uncovered_words("Total of invoice lines, sales tax included", Request("total", lines), model, warehouse, "")


def test_what_a_measure_is_taken_before_names_no_measure(tmp_path: Path) -> None:
    """ "Revenue before sales tax": the subtotal, not the tax; "net of discounts" names no discount metric."""
    warehouse = sqlite_warehouse(tmp_path / "invoicing.sqlite", INVOICING)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    named = mentioned_metrics("What were the invoice subtotals before sales tax in 2025?", model)
    assert [m.expr for _t, m in model.metrics if m.name in named] == ["SUM(subtotal)"]
    assert "total_tax_amount" in mentioned_metrics("How much sales tax did we invoice in 2025?", model)
    # what an amount includes is no measure of its own: "the 2025 total, tax included" is no tax total
    (whole,) = mentioned_metrics("How much did we invoice in 2025, tax included?", model)
    assert next(m.expr for _t, m in model.metrics if m.name == whole) == "SUM(total_amount)"


def test_a_dimension_named_the_other_way_round_with_of_is_grouped_by() -> None:
    """ "For each type of service" splits by service_type, as "by service type" does; "type" alone does not."""
    assert _grouped_by("Maintenance cost for each type of service in 2025", ["service_type"])
    assert _grouped_by("Maintenance cost by service type in 2025", ["service_type"])
    assert not _grouped_by("Maintenance cost for each type of vehicle in 2025", ["service_type"])
    assert _grouped_by("Show the line code and the percentage of work orders on schedule", ["line_code"])


MAINTENANCE = (
    "CREATE TABLE vehicles (vehicle_id INTEGER PRIMARY KEY, in_service_date DATE NOT NULL);"
    "CREATE TABLE jobs (job_id INTEGER PRIMARY KEY, vehicle_id INTEGER NOT NULL REFERENCES vehicles (vehicle_id),"
    " service_type TEXT NOT NULL, start_date DATE NOT NULL, end_date DATE, cost REAL NOT NULL);"
    "INSERT INTO vehicles VALUES (1, '2023-05-01');"
    "INSERT INTO jobs VALUES (1, 1, 'Tires', '2025-01-03', '2025-01-05', 300),"
    " (2, 1, 'Brakes', '2025-12-30', NULL, 80);"
)


def test_a_date_the_question_goes_by_that_no_date_is_said_of_is_refused(tmp_path: Path) -> None:
    """ "Go by the date each job was finished": no date's name or description says "finished", so the answer would be
    dated by a guess (start_date, or the vehicles' in_service_date named by "type of service"); it goes to SQL
    writing. "By the date each job was started" is start_date."""
    warehouse = sqlite_warehouse(tmp_path / "jobs.sqlite", MAINTENANCE)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    cost = next(m.name for t, m in model.metrics if m.expr == "SUM(cost)")
    reply = f'{{"analysis": "total", "metric": "{cost}", "group_by": ["service_type"]}}'
    asked = "What did our jobs cost in 2025 for each type of service? Go by the date each job was {}."
    finished = _planned_with(reply, asked.format("finished"), model, warehouse, [])
    assert finished.compiled is None and "which date to go by" in finished.reason
    started = _planned_with(reply, asked.format("started"), model, warehouse, [])
    assert started.compiled is not None and started.compiled.time_dimension == "start_date"
    assert "in_service_date" not in started.compiled.sql


def _orders_with_comments(tmp_path: Path):  # type: ignore[no-untyped-def]
    warehouse = sqlite_warehouse(
        tmp_path / "orders.sqlite",
        "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, segment TEXT NOT NULL);"
        "CREATE TABLE sales_orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers,"
        " promised_date DATE NOT NULL, shipped_date DATE, pickup_time TEXT);"
        "CREATE TABLE purchase_orders (po_id INTEGER PRIMARY KEY, promised_date DATE NOT NULL, received_date DATE);"
        "INSERT INTO customers VALUES (1, 'OEM'), (2, 'Distributor');"
        "INSERT INTO sales_orders VALUES (1, 1, '2025-03-01', '2025-02-27', NULL), (2, 1, '2025-03-01', '2025-03-04',"
        " NULL), (3, 2, '2025-04-01', '2025-04-01', NULL), (4, 2, '2025-05-01', NULL, NULL);"
        "INSERT INTO purchase_orders VALUES (1, '2025-01-10', '2025-01-12');",
    )
    schema = warehouse.schema()
    comments = {
        (
            "sales_orders",
            "promised_date",
        ): "Ship date we promised the customer; an order shipped on or before it is on time.",
        (
            "purchase_orders",
            "promised_date",
        ): "Delivery date the supplier promised; received on or before it is on time.",
    }
    return warehouse, draft_model(_with_comments(schema, comments), warehouse.text_values())


def test_the_draft_reads_being_on_time_from_a_dates_comment(tmp_path: Path) -> None:
    """ "An order shipped on or before it is on time": a filter shipped_date <= promised_date, named "on time" and
    named only so ("the pickup time" is no "on time")."""
    _warehouse, model = _orders_with_comments(tmp_path)
    filters = {f.name: f for _t, f in model.filters}
    on_time = next(f for f in filters.values() if f.expr == "shipped_date <= promised_date")
    assert "on time" in on_time.synonyms
    assert any(f.expr == "received_date <= promised_date" for f in filters.values())
    assert filter_named("How many orders shipped on time?", on_time)
    assert not filter_named("Orders by pickup time", on_time)


def test_the_on_time_rate_of_the_rows_the_question_counts(tmp_path: Path) -> None:
    """ "What percentage of the orders we shipped went out on time, for each customer segment": the sales orders'
    filter (the question speaks of shipping and the promised date), not the purchase orders' one, as a rate."""
    warehouse, model = _orders_with_comments(tmp_path)
    asked = (
        "What percentage of the orders we shipped in 2025 went out on time, for each customer segment? An order is "
        "on time when it shipped on or before the date we promised the customer."
    )
    counted, on_time = filter_rate_named(asked, model)  # type: ignore[misc]
    assert next(f.expr for _t, f in model.filters if f.name == on_time) == "shipped_date <= promised_date"
    reply = f'{{"analysis": "share", "metric": "{counted}", "group_by": ["segment"]}}'
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    rows = {row[0]: row[-1] for row in warehouse.run(planned.compiled.sql).data.values.tolist()}
    assert rows == pytest.approx({"OEM": 50.0, "Distributor": 100.0})


def test_a_dimension_named_by_no_words_of_its_own_is_not_widened(demo: SemanticModel) -> None:
    """ "Each production line's work orders ... count one as on schedule": line_name, named by no words of its own,
    is held by no other dimension's name ("count" is no "country")."""
    assert _widest_named("Revenue of each sales rep; count one as late", "customer_name", demo) == "customer_name"


def test_the_average_is_over_the_one_a_picks_out_compared_by_whole_words(tmp_path: Path) -> None:
    """ "On each production line, how many good units did a work order turn out on average": per work order ("a"),
    grouped by line ("each"); "production" is no product."""
    warehouse = sqlite_warehouse(
        tmp_path / "plant.sqlite",
        "CREATE TABLE production_lines (line_id INTEGER PRIMARY KEY, line_code TEXT NOT NULL);"
        "CREATE TABLE products (product_id INTEGER PRIMARY KEY, product_name TEXT NOT NULL);"
        "CREATE TABLE work_orders (work_order_id INTEGER PRIMARY KEY, line_id INTEGER NOT NULL REFERENCES"
        " production_lines, product_id INTEGER NOT NULL REFERENCES products, quantity_good INTEGER NOT NULL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    good = next(m.name for _t, m in model.metrics if m.expr == "SUM(quantity_good)")
    asked = "On each production line, how many good units did a work order completed in 2025 turn out on average?"
    assert _averaged_per(asked, model, good) == "work_orders"
    assert _averaged_per("Average good units per production line in 2025", model, good) == "production_lines"


def test_a_percentage_of_rows_the_request_computes_no_share_of_is_refused(demo: SemanticModel) -> None:
    """ "What percentage of its deliveries arrived on time, in 2024 and in 2025" answered as the growth of a sum
    looked finished and was wrong: a percentage *of* something needs a share."""
    reply = '{"analysis": "growth", "metric": "revenue", "group_by": ["region"]}'
    asked = "For each region, what percentage of its revenue came from online orders in 2024, and in 2025?"
    planned = _planned_with(reply, asked, demo, open_warehouse(None), [])
    assert planned.compiled is None and "percentage" in planned.reason, planned.reason
    # a retention is a percentage of the entity: "what percentage of customers who bought in 2023 came back"
    reply = '{"analysis": "retention", "metric": "customer_count", "per": "customers"}'
    asked = "What percentage of customers who bought in 2023 came back and bought again in 2024?"
    planned = _planned_with(reply, asked, demo, open_warehouse(None), [])
    assert planned.compiled is not None, planned.reason


def test_counting_only_the_rows_that_do_something_is_a_condition_the_request_must_hold(
    demo: SemanticModel, values
) -> None:  # type: ignore[no-untyped-def]
    """ "Count only the classes that actually took place" answered over every class looked right and was not: the
    request must keep a stored value the clause names, else SQL writing answers."""
    asked = "How many orders did we get in 2025? Count only the orders that were {}."
    reply = '{"analysis": "total", "metric": "order_count"}'
    planned = _planned_with(reply, asked.format("paid for in full"), demo, open_warehouse(None), [])
    assert planned.compiled is None and "Count only the orders that" in planned.reason, planned.reason
    kept = '{"analysis": "total", "metric": "order_count", "values": {"order_status": ["Delivered"]}}'
    delivered = asked.format("delivered")
    planned = _planned_with(kept, delivered, demo, open_warehouse(None), find_value_hints(delivered, values))
    assert planned.compiled is not None and "'Delivered'" in planned.compiled.sql, planned.reason


def test_a_split_by_the_tables_row_noun_through_the_key_that_names_it(tmp_path: Path) -> None:
    """ "By their home club": the club's name (clubs.club_name is named "club"), reached through members.home_club_id,
    whose words cover "home"."""
    warehouse = sqlite_warehouse(
        tmp_path / "club.sqlite",
        "CREATE TABLE clubs (club_id INTEGER PRIMARY KEY, club_name TEXT NOT NULL);"
        "CREATE TABLE members (member_id INTEGER PRIMARY KEY, home_club_id INTEGER NOT NULL REFERENCES clubs,"
        " join_date DATE NOT NULL);"
        "INSERT INTO clubs VALUES (1, 'Downtown'), (2, 'Harbor');"
        "INSERT INTO members VALUES (1, 1, '2025-02-01'), (2, 1, '2025-03-01'), (3, 2, '2024-05-01');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "How many members signed up in 2025, by their home club?"
    checked = checked_against_question(Request("total", "member_count", group_by=("club_name",)), asked, model, [])
    assert checked.group_by == ("club_name",)
    assert not _uncovered_words(asked, checked, model, warehouse, "join_date")


def test_the_kinds_a_table_is_described_as_named_together_pick_none_out(tmp_path: Path) -> None:
    """ "Café and shop sales" of a table "Sales at the clubs' cafés and shops": every sale, not the 'Café' ones, and
    its total_amount, named again by "sales", over the invoices' amount; "café sales" alone are the 'Café' ones."""
    warehouse = sqlite_warehouse(
        tmp_path / "club.sqlite",
        "CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, amount REAL NOT NULL);"
        "CREATE TABLE retail_sales (sale_id INTEGER PRIMARY KEY, category TEXT NOT NULL, total_amount REAL NOT NULL);"
        "INSERT INTO retail_sales VALUES (1, 'Café', 4.5), (2, 'Apparel', 30);",
    )
    schema = warehouse.schema()
    described = replace(schema.table("retail_sales"), comment="Sales at the clubs' cafés and shops, one row per item.")
    tables = tuple(described if t.name == "retail_sales" else t for t in schema.tables)
    model = draft_model(replace(schema, tables=tables), warehouse.text_values())
    asked = "What did we take in café and shop sales in 2025? Give the total amount customers paid."
    (named,) = mentioned_metrics(asked, model)
    assert next(t.name for t, m in model.metrics if m.name == named) == "retail_sales"
    hints = find_value_hints(asked, warehouse.text_values())
    assert checked_against_question(Request("total", named), asked, model, hints).values == {}
    cafe = "What did we take in café sales in 2025?"
    assert checked_against_question(
        Request("total", named), cafe, model, find_value_hints(cafe, warehouse.text_values())
    ).values


def test_a_rate_of_a_value_two_tables_store_is_of_the_rows_the_question_names(tmp_path: Path) -> None:
    """ "The no-show rate ... out of all bookings": 'No-show' of the class bookings, not of the training sessions."""
    warehouse = sqlite_warehouse(
        tmp_path / "club.sqlite",
        "CREATE TABLE class_bookings (booking_id INTEGER PRIMARY KEY, status TEXT NOT NULL);"
        "CREATE TABLE pt_sessions (pt_session_id INTEGER PRIMARY KEY, status TEXT NOT NULL);"
        "INSERT INTO class_bookings VALUES (1, 'Attended'), (2, 'No-show');"
        "INSERT INTO pt_sessions VALUES (1, 'Completed'), (2, 'No-show');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    (dimension, value) = rate_named("What was the no-show rate of all bookings in 2025?", model, warehouse)  # type: ignore[misc]
    assert value == "No-show" and next(t.name for t, d in model.dimensions if d.name == dimension) == "class_bookings"
    assert rate_named("What was the no-show rate in 2025?", model, warehouse) is None  # nothing says whose


def test_a_period_of_rows_with_their_own_year_and_quarter_is_not_read_on_another_tables_date(tmp_path: Path) -> None:
    """ "How many targets did reps beat in Q4 2024": targets are placed by their own year and quarter columns; read
    on the reps' hire date, the count looked finished and answered something else."""
    warehouse = sqlite_warehouse(
        tmp_path / "targets.sqlite",
        "CREATE TABLE sales_reps (rep_id INTEGER PRIMARY KEY, hire_date DATE NOT NULL);"
        "CREATE TABLE sales_targets (target_id INTEGER PRIMARY KEY, rep_id INTEGER NOT NULL REFERENCES sales_reps,"
        " year INTEGER NOT NULL, quarter INTEGER NOT NULL, target_amount REAL NOT NULL);"
        "INSERT INTO sales_reps VALUES (1, '2024-11-02');"
        "INSERT INTO sales_targets VALUES (1, 1, 2024, 4, 1000), (2, 1, 2025, 1, 1200);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    counted = next(m.name for t, m in model.metrics if t.name == "sales_targets" and m.expr == "COUNT(*)")
    reply = f'{{"analysis": "total", "metric": "{counted}"}}'
    planned = _planned_with(reply, "How many sales targets were there in Q4 2024?", model, warehouse, [])
    assert planned.compiled is None and "year and quarter" in planned.reason, planned.reason


def _with_comments(schema, comments: dict[tuple[str, str], str]):  # type: ignore[no-untyped-def]
    """The schema with these (table, column) comments, as a warehouse that documents its columns gives them."""
    tables = tuple(
        replace(t, columns=tuple(replace(c, comment=comments.get((t.name, c.name), c.comment)) for c in t.columns))
        for t in schema.tables
    )
    return replace(schema, tables=tables)


def _planned_with(reply: str, question: str, model: SemanticModel, warehouse, hints: list):  # type: ignore[no-untyped-def]
    """`plan` with the model's reply fixed: what the rules make of it, without the model."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from chains.by_definitions import plan

    return plan(question, model, FakeListChatModel(responses=[reply]), warehouse, hints)


def test_an_amount_taken_before_other_columns_of_its_rows_covers_their_words(tmp_path: Path) -> None:
    """ "The rent we invoiced, before any rent credits and late fees": credit_amount and late_fee are columns of the
    invoices that the rent's sum does not read."""
    warehouse = sqlite_warehouse(
        tmp_path / "rent.sqlite",
        "CREATE TABLE rent_invoices (invoice_id INTEGER PRIMARY KEY, period_start DATE NOT NULL,"
        " rent_amount REAL NOT NULL, credit_amount REAL NOT NULL, late_fee REAL NOT NULL);"
        "INSERT INTO rent_invoices VALUES (1, '2025-01-01', 1000, 0, 50), (2, '2025-02-01', 1000, 100, 0);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    rent = next(m.name for _t, m in model.metrics if m.expr == "SUM(rent_amount)")
    fees = next(m.name for _t, m in model.metrics if m.expr == "SUM(late_fee)")
    asked = "What was the total rent we invoiced for 2025, before any rent credits and late fees?"
    planned = _planned_with(f'{{"analysis": "total", "metric": "{rent}"}}', asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert warehouse.run(planned.compiled.sql).data.iloc[0, 0] == 2000
    # the late fees' own sum is no amount taken before late fees
    asked = "What did we charge in late fees for 2025, before any late fees?"
    assert not _taken_before_apart(asked, Request("total", fees), model)


def test_broken_down_by_speaks_of_no_downtime(tmp_path: Path) -> None:
    warehouse = sqlite_warehouse(
        tmp_path / "plant.sqlite",
        "CREATE TABLE machine_stops (stop_id INTEGER PRIMARY KEY, downtime_minutes INTEGER NOT NULL);"
        "CREATE TABLE sales_orders (order_id INTEGER PRIMARY KEY, plant TEXT NOT NULL, order_date DATE NOT NULL,"
        " shipped_date DATE);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    days = next(m.name for _t, m in model.metrics if m.name.startswith("average_days"))
    plant = next(d.name for _t, d in model.dimensions if d.expr.strip('"') == "plant")
    request = Request("total", days, group_by=(plant,))
    asked = "How many days passed on average between the order date and the ship date, broken down by {}?"
    assert "down" not in _uncovered_words(asked.format("plant"), request, model, warehouse, "shipped_date")
    assert "down" in _uncovered_words(asked.format("plant and downtime"), request, model, warehouse, "shipped_date")


def test_with_our_suppliers_picks_none_of_them_out(tmp_path: Path) -> None:
    """ "The purchase orders we placed with our suppliers": every supplier's; "with our Ohio suppliers" is not read."""
    warehouse = sqlite_warehouse(
        tmp_path / "buying.sqlite",
        "CREATE TABLE suppliers (supplier_id INTEGER PRIMARY KEY, supplier_name TEXT NOT NULL);"
        "CREATE TABLE purchase_orders (po_id INTEGER PRIMARY KEY, supplier_id INTEGER NOT NULL REFERENCES suppliers,"
        " order_date DATE NOT NULL, total_amount REAL NOT NULL);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    request = Request("total", next(m.name for _t, m in model.metrics if m.expr == "SUM(total_amount)"))
    asked = "What was the total value of the purchase orders we placed with our {} in 2025?"
    assert "supp" not in _uncovered_words(asked.format("suppliers"), request, model, warehouse, "order_date")
    assert "supp" in _uncovered_words(asked.format("largest suppliers"), request, model, warehouse, "order_date")


def test_the_head_of_a_compound_names_the_split(tmp_path: Path) -> None:
    """ "Each product category" splits by the category, which "product" only qualifies; "each product" by it."""
    warehouse = sqlite_warehouse(
        tmp_path / "shop.sqlite",
        "CREATE TABLE retail_sales (sale_id INTEGER PRIMARY KEY, product_name TEXT NOT NULL, category TEXT NOT NULL,"
        " total_amount REAL NOT NULL);"
        "INSERT INTO retail_sales VALUES (1, 'Protein Shake', 'Café', 5), (2, 'Water Bottle', 'Accessories', 12);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    product = next(d.name for _t, d in model.dimensions if d.expr.strip('"') == "product_name")
    category = next(d.name for _t, d in model.dimensions if d.expr.strip('"') == "category")
    asked = "What share of our 2025 sales came from each product category?"
    assert _widest_named(asked, product, model) == category
    assert _widest_named("What share of our 2025 sales came from each product?", product, model) == product


def test_a_time_asked_for_is_answered_only_by_a_duration(tmp_path: Path) -> None:
    """ "How far in advance do people buy ... count the calendar days": answered as the average number of orders per
    event it looked finished. A span of time comes only from a duration."""
    warehouse = sqlite_warehouse(
        tmp_path / "tickets.sqlite",
        "CREATE TABLE events (event_id INTEGER PRIMARY KEY, category TEXT NOT NULL, event_start TIMESTAMP NOT NULL);"
        "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events,"
        " placed_at DATE NOT NULL, paid_at DATE);"
        "INSERT INTO events VALUES (1, 'Concert', '2025-06-01 20:00');"
        "INSERT INTO orders VALUES (1, 1, '2025-05-01', '2025-05-03'), (2, 1, '2025-05-20', '2025-05-21');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "How far in advance do people buy, on average, in each event category? Count the days from order to event."
    reply = '{"analysis": "average_per", "metric": "order_count", "per": "events", "group_by": ["category"]}'
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is None and "asks for a time" in planned.reason, planned.reason
    asked = "How many days passed on average from placed at to paid at in 2025?"
    duration = next(m.name for _t, m in model.metrics if m.name.startswith("average_days"))
    planned = _planned_with(f'{{"analysis": "total", "metric": "{duration}"}}', asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason


def test_how_many_of_the_measured_rows_beside_a_sum_of_them_is_their_count_too(tmp_path: Path) -> None:
    """ "How many maintenance jobs did we finish ... and what did they cost": the cost alone looked finished (it had
    been refused); it is the count of the jobs beside their cost."""
    warehouse = sqlite_warehouse(
        tmp_path / "fleet.sqlite",
        "CREATE TABLE maintenance_events (maintenance_id INTEGER PRIMARY KEY, service_type TEXT NOT NULL,"
        " end_date DATE, cost REAL);"
        "INSERT INTO maintenance_events VALUES (1, 'Brakes', '2025-03-01', 200), (2, 'Tires', '2025-04-01', 80);",
    )
    schema = warehouse.schema()
    described = replace(schema.tables[0], comment="Maintenance and repairs of our cars, one row per job.")
    model = draft_model(replace(schema, tables=(described,)), warehouse.text_values())
    cost = next(m.name for _t, m in model.metrics if m.expr == "SUM(cost)")
    reply = f'{{"analysis": "total", "metric": "{cost}", "group_by": ["service_type"]}}'
    asked = "How many maintenance jobs did we finish in 2025 for each type of service, and what did they cost us?"
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    data = warehouse.run(planned.compiled.sql).data
    assert sorted(data.itertuples(index=False, name=None)) == [("Brakes", 200.0, 1), ("Tires", 80.0, 1)]
    asked = "What did maintenance cost us in 2025 for each type of service?"
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason


def _box_office(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Invented: seats sold for shows, their orders, the refunds of seats and the resale of seats."""
    return sqlite_warehouse(
        tmp_path / "box_office.sqlite",
        "CREATE TABLE shows (show_id INTEGER PRIMARY KEY, title TEXT NOT NULL, on_sale_date DATE NOT NULL,"
        " state TEXT NOT NULL);"
        "CREATE TABLE purchases (purchase_id INTEGER PRIMARY KEY, show_id INTEGER NOT NULL REFERENCES shows,"
        " channel TEXT NOT NULL, bought_at DATE NOT NULL, charged_amount REAL NOT NULL,"
        " commission_percent REAL NOT NULL);"
        "CREATE TABLE seats (seat_id INTEGER PRIMARY KEY, purchase_id INTEGER NOT NULL REFERENCES purchases,"
        " seat_state TEXT NOT NULL, price REAL NOT NULL);"
        "CREATE TABLE seat_refunds (refund_id INTEGER PRIMARY KEY, seat_id INTEGER NOT NULL REFERENCES seats,"
        " refund_amount REAL NOT NULL);"
        "CREATE TABLE resales (resale_id INTEGER PRIMARY KEY, seat_id INTEGER NOT NULL REFERENCES seats,"
        " seller_id INTEGER NOT NULL, sold_at DATE);"
        "CREATE TABLE door_scans (scan_id INTEGER PRIMARY KEY, seat_id INTEGER NOT NULL REFERENCES seats);"
        "INSERT INTO shows VALUES (1, 'Hamlet', '2025-01-02', 'Cancelled'), (2, 'Cats', '2025-01-05', 'Held');"
        "INSERT INTO purchases VALUES (1, 1, 'Web', '2025-02-01', 90, 10), (2, 2, 'Phone', '2025-03-01', 40, 10);"
        "INSERT INTO seats VALUES (1, 1, 'Valid', 45), (2, 1, 'Returned', 45), (3, 2, 'Valid', 40);"
        "INSERT INTO seat_refunds VALUES (1, 2, 45);"
        "INSERT INTO resales VALUES (1, 1, 7, '2025-02-10');"
        "INSERT INTO door_scans VALUES (1, 1);",
    )


def test_the_verb_that_made_the_measured_rows_is_no_condition(tmp_path: Path) -> None:
    """ "How many seats did we sell": selling made the seats; "sold" and "seller" are only columns of the resales,
    which the seats do not reach. A stored status ("seats returned") or a table ("seats scanned") stays a condition."""
    warehouse = _box_office(tmp_path)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    seats = next(m.name for t, m in model.metrics if t.name == "seats" and m.expr == "COUNT(*)")
    request = Request("total", seats)
    for asked in ("How many seats did we sell in 2025?", "How many seats sold in 2025?", "The seats we sold in 2025"):
        assert not _uncovered_words(asked, request, model, warehouse, "bought_at") & {"sell", "sold"}, asked
    assert not _verbs_of_measured("How many seats returned in 2025?", request, model)  # 'Returned', a value
    assert "scan" in _uncovered_words("How many seats scanned in 2025?", request, model, warehouse, "bought_at")


def test_an_amount_taken_before_a_table_it_does_not_read_covers_its_words(tmp_path: Path) -> None:
    """ "The total charged, before any refunds": the refunds are rows of their own, which the sum does not read."""
    warehouse = _box_office(tmp_path)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    charged = next(m.name for _t, m in model.metrics if m.expr == "SUM(charged_amount)")
    asked = "What was the total charged on purchases in 2025, before any refunds?"
    assert "refu" in _taken_before_apart(asked, Request("total", charged), model)
    assert not _uncovered_words(asked, Request("total", charged), model, warehouse, "bought_at") & {"refu"}
    assert not _taken_before_apart(
        "The total charged, before any vouchers and refunds", Request("total", charged), model
    )


def test_the_word_that_qualifies_a_splits_noun_is_covered(tmp_path: Path) -> None:
    """ "Each sales channel" splits by the channel ("sales" is no value and no table, though on_sale_date holds
    it); "each cancelled show" keeps the cancelled ones, a stored state, and is not covered by the split."""
    warehouse = _box_office(tmp_path)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    purchases = next(m.name for t, m in model.metrics if t.name == "purchases" and m.expr == "COUNT(*)")
    channel = next(d.name for _t, d in model.dimensions if d.expr.strip('"') == "channel")
    title = next(d.name for _t, d in model.dimensions if d.expr.strip('"') == "title")
    asked = "How many purchases came in through each sales channel in 2025?"
    assert "sale" not in _uncovered_words(asked, Request("total", purchases, (channel,)), model, warehouse, "bought_at")
    asked = "How many purchases were there for each cancelled show in 2025?"
    assert not _modifiers_of_split(asked, Request("total", purchases, (title,)), model)


def test_a_share_covers_the_word_percentage(tmp_path: Path) -> None:
    """A share's answer is a percentage, though commission_percent also holds the word."""
    warehouse = _box_office(tmp_path)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    purchases = next(m.name for t, m in model.metrics if t.name == "purchases" and m.expr == "COUNT(*)")
    channel = next(d.name for _t, d in model.dimensions if d.expr.strip('"') == "channel")
    asked = "What percentage of the purchases came through each channel?"
    share, total = Request("share", purchases, (channel,)), Request("total", purchases, (channel,))
    assert "perc" not in _uncovered_words(asked, share, model, warehouse, "bought_at")
    assert "perc" in _uncovered_words(asked, total, model, warehouse, "bought_at")


def test_a_top_n_that_splits_by_nothing_is_refused(tmp_path: Path) -> None:
    """ "Who were our five biggest-spending customers": one total of all purchases had looked finished."""
    warehouse = _box_office(tmp_path)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    charged = next(m.name for _t, m in model.metrics if m.expr == "SUM(charged_amount)")
    asked = "Who were our five biggest-spending customers in 2025, by the total charged amount?"
    planned = _planned_with(f'{{"analysis": "top", "metric": "{charged}"}}', asked, model, warehouse, [])
    assert planned.compiled is None and "five biggest" in planned.reason, planned.reason


def test_rows_said_to_take_place_in_a_period_are_read_on_their_date_or_refused(tmp_path: Path) -> None:
    """ "Seats for shows that took place in 2025" are read on the shows' date, not the purchases'; "seats for
    concerts dated in 2025" names rows no table is called, and read on the purchases' date it had looked right."""
    warehouse = _box_office(tmp_path)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    seats = next(m.name for t, m in model.metrics if t.name == "seats" and m.expr == "COUNT(*)")
    reply = f'{{"analysis": "total", "metric": "{seats}"}}'
    planned = _planned_with(reply, "How many seats were sold for shows that took place in 2025?", model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert planned.compiled.time_dimension == "on_sale_date", planned.compiled.sql
    planned = _planned_with(reply, "How many seats were sold for concerts dated in 2025?", model, warehouse, [])
    assert planned.compiled is None and "took place" in planned.reason, planned.reason


def test_a_value_named_by_the_words_its_comment_explains_it_with_is_kept(tmp_path: Path) -> None:
    """ "Shows that took place in 2025" keep the 'Held' ones, which the state's comment explains as "took place";
    a question that does not say it keeps every state."""
    warehouse = sqlite_warehouse(
        tmp_path / "stage.sqlite",
        "CREATE TABLE shows (show_id INTEGER PRIMARY KEY, show_start DATE NOT NULL,\n"
        " state TEXT NOT NULL -- 'Held' (took place), 'Cancelled' or 'Moved' (to a later date)\n);"
        "CREATE TABLE seats (seat_id INTEGER PRIMARY KEY, show_id INTEGER NOT NULL REFERENCES shows,\n"
        " channel TEXT NOT NULL -- 'Web' or 'Box office' (at the venue)\n);"
        "INSERT INTO shows VALUES (1, '2025-03-01', 'Held'), (2, '2025-04-01', 'Cancelled');"
        "INSERT INTO seats VALUES (1, 1, 'Web'), (2, 1, 'Box office'), (3, 2, 'Web');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    seats = next(m.name for t, m in model.metrics if t.name == "seats" and m.expr == "COUNT(*)")
    reply = f'{{"analysis": "total", "metric": "{seats}"}}'
    planned = _planned_with(reply, "How many seats for shows that took place in 2025?", model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert warehouse.run(planned.compiled.sql).data.iloc[0, 0] == 2
    planned = _planned_with(reply, "How many seats for shows dated in 2025?", model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert warehouse.run(planned.compiled.sql).data.iloc[0, 0] == 3
    # a gloss of one word ("at the venue") is too little to say a value: the seats went to the venue's shows
    planned = _planned_with(reply, "How many seats went to the venue's shows dated in 2025?", model, warehouse, [])
    assert planned.compiled is not None and "Box office" not in planned.compiled.sql, planned.reason


def test_a_gloss_that_negates_keeps_no_value(tmp_path: Path) -> None:
    """ "Orders shipped in 2025" are no 'Open' orders, though the comment explains them as "not shipped by
    2025-12-31": read as a gloss, the answer had kept only the open ones (manufacturing, 4 answers empty)."""
    warehouse = sqlite_warehouse(
        tmp_path / "plant.sqlite",
        "CREATE TABLE sales_orders (order_id INTEGER PRIMARY KEY, shipped_date DATE,\n"
        " status TEXT NOT NULL -- 'Shipped', 'Open' (not shipped by 2025-12-31) or 'Cancelled'\n);"
        "INSERT INTO sales_orders VALUES (1, '2025-03-01', 'Shipped'), (2, NULL, 'Open'), (3, NULL, 'Cancelled');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    orders = next(m.name for _t, m in model.metrics if m.expr == "COUNT(*)")
    reply = f'{{"analysis": "total", "metric": "{orders}"}}'
    planned = _planned_with(reply, "How many sales orders did we ship in 2025?", model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert "Open" not in planned.compiled.sql and warehouse.run(planned.compiled.sql).data.iloc[0, 0] == 1


def test_how_much_money_did_we_refund_is_the_refunds_one_sum(tmp_path: Path) -> None:
    """ "How much money did we refund to customers": the one sum of the table the verb names; "to customers"
    picks none of them out. A verb no table is called by names nothing."""
    warehouse = _box_office(tmp_path)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    refunded = next(m.name for t, m in model.metrics if t.name == "seat_refunds" and m.expr == "SUM(refund_amount)")
    asked = "How much money did we refund to customers in 2025?"
    assert mentioned_metrics(asked, model) == [refunded]
    assert mentioned_metrics("How much money did we make in 2025?", model) == []


def test_a_retention_is_read_on_the_activity_whatever_calendar_columns_the_entity_has(tmp_path: Path) -> None:
    """The customers' birth_year is no period of theirs that a retention from 2024 to 2025 leaves unread."""
    warehouse = sqlite_warehouse(
        tmp_path / "buyers.sqlite",
        "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, birth_year INTEGER);"
        "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers,"
        " placed_at DATE NOT NULL, status TEXT NOT NULL);"
        "INSERT INTO customers VALUES (1, 1980), (2, 1990);"
        "INSERT INTO orders VALUES (1, 1, '2024-03-01', 'Completed'), (2, 1, '2025-03-01', 'Completed'),"
        " (3, 2, '2024-04-01', 'Completed'), (4, 2, '2025-04-01', 'Payment failed');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    customers = next(m.name for t, m in model.metrics if t.name == "customers" and m.expr == "COUNT(*)")
    asked = "How many of the customers who Completed an order in 2024 came back and Completed another order in 2025?"
    reply = f'{{"analysis": "retention", "metric": "{customers}", "per": "customers"}}'
    planned = _planned_with(reply, asked, model, warehouse, find_value_hints(asked, warehouse.text_values()))
    assert planned.compiled is not None, planned.reason
    assert warehouse.run(planned.compiled.sql).data.iloc[0, :3].tolist() == [2, 1, 1]


@pytest.mark.parametrize(
    ("asked", "shares"),
    [
        # the value after the rows: the returned part of each show's seats
        ("What share of the seat count for each show title was Returned?", [0, 50]),
        ("What percentage of the number of seats in each show title ended up Returned?", [0, 50]),
        # the value before them: which seats count, and each show's part of them
        ("What share of the Returned seat count came from each show title?", [100]),
        # after them as a participle, it says which seats count too ("work orders completed in 2025")
        ("What share of the seats Returned in 2025 came from each show title?", [100]),
    ],
)
def test_a_value_said_of_the_counted_rows_in_each_group_is_their_rate(tmp_path: Path, asked: str, shares: list) -> None:
    """Compiled as each show's share of all returned seats, the first two had answered 100% for Hamlet."""
    warehouse = _box_office(tmp_path)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    seats = next(m.name for t, m in model.metrics if t.name == "seats" and m.expr == "COUNT(*)")
    reply = f'{{"analysis": "share", "metric": "{seats}"}}'
    planned = _planned_with(reply, asked, model, warehouse, find_value_hints(asked, warehouse.text_values()))
    assert planned.compiled is not None, planned.reason
    assert sorted(warehouse.run(planned.compiled.sql).data["share_pct"]) == pytest.approx(shares)


def test_how_many_rows_of_a_kept_value_is_not_answered_by_their_average_price(tmp_path: Path) -> None:
    """ "How many phone orders were there, and what did they charge in total": the purchases' 'Phone' rows; the
    amount alone had looked finished (airline fair run: "how many checked bags did we sell ... and the average
    price paid for them", bags being the ancillaries' 'Checked bag')."""
    warehouse = _box_office(tmp_path)
    model = draft_model(warehouse.schema(), warehouse.text_values())
    charged = next(m.name for t, m in model.metrics if t.name == "purchases" and m.expr == "SUM(charged_amount)")
    channel = next(d.name for t, d in model.dimensions if t.name == "purchases" and d.expr.strip('"') == "channel")
    asked = "How many Phone orders were there in 2025, and what was their total charged amount?"
    request = Request("total", charged, values={channel: ("Phone",)})
    assert _rows_counted_unasked(asked, request, model) == "Phone orders"
    assert not _rows_counted_unasked("What was the total charged amount of the Phone orders?", request, model)


def _two_depot_roles(path: Path):  # type: ignore[no-untyped-def]
    return sqlite_warehouse(
        path,
        "CREATE TABLE depots (depot_code TEXT PRIMARY KEY, city TEXT NOT NULL);"
        "CREATE TABLE shipments (shipment_id INTEGER PRIMARY KEY, shipped_on DATE NOT NULL,"
        " origin_code TEXT NOT NULL REFERENCES depots, destination_code TEXT NOT NULL REFERENCES depots);"
        "INSERT INTO depots VALUES ('AVN', 'Avon'), ('BRE', 'Bree');"
        "INSERT INTO shipments VALUES (1, '2025-01-02', 'AVN', 'BRE'), (2, '2025-01-03', 'AVN', 'BRE'),"
        " (3, '2025-01-04', 'BRE', 'AVN');",
    )


def test_a_split_by_one_role_and_another_named_with_and_reads_both(tmp_path: Path) -> None:
    """ "By origin and destination codes": the model picks the first role's code; the rule adds the other's."""
    warehouse = _two_depot_roles(tmp_path / "roles.sqlite")
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "How many shipments did we send in 2025, by origin and destination depot codes?"
    reply = '{"analysis": "total", "metric": "shipment_count", "group_by": ["origin_depot_code"]}'
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert planned.request.group_by == ("origin_depot_code", "destination_depot_code")
    rows = sorted(warehouse.run(planned.compiled.sql).data.itertuples(index=False, name=None))
    assert rows == [("AVN", "BRE", 2), ("BRE", "AVN", 1)]
    # one role named alone splits by that role only
    asked = "How many shipments did we send in 2025, by origin depot code?"
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.request.group_by == ("origin_depot_code",)


def test_a_split_by_a_column_read_in_roles_goes_to_the_role_the_question_names(tmp_path: Path) -> None:
    """ "By the city where they were headed, their destination": the model picked the depots' plain city, which the
    shipments reach in no role; the question's role word picks the destination's. With no role word: no answer."""
    warehouse = _two_depot_roles(tmp_path / "roles.sqlite")
    model = draft_model(warehouse.schema(), warehouse.text_values())
    reply = '{"analysis": "total", "metric": "shipment_count", "group_by": ["city"]}'
    asked = "How many shipments did we send in 2025 to each city, counting the city of their destination?"
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert planned.request.group_by == ("destination_city",)
    assert sorted(warehouse.run(planned.compiled.sql).data.itertuples(index=False, name=None)) == [
        ("Avon", 1),
        ("Bree", 2),
    ]
    planned = _planned_with(reply, "How many shipments did we have in 2025 in each city?", model, warehouse, [])
    assert planned.compiled is None and "join path" in planned.reason


def test_a_stored_value_of_a_column_read_in_two_roles_goes_to_the_role_named(tmp_path: Path) -> None:
    """ "Shipments with destination city Avon": 'Avon' is a depot's city, read as the destination's."""
    warehouse = _two_depot_roles(tmp_path / "roles.sqlite")
    model = draft_model(warehouse.schema(), warehouse.text_values())
    hints = find_value_hints("How many shipments had the destination city Avon in 2025?", warehouse.text_values())
    asked = "How many shipments had the destination city Avon in 2025?"
    planned = _planned_with('{"analysis": "total", "metric": "shipment_count"}', asked, model, warehouse, hints)
    assert planned.compiled is not None, planned.reason
    assert planned.request.values == {"destination_city": ("Avon",)}
    assert warehouse.run(planned.compiled.sql).data.iloc[0, 0] == 1


def _repair_jobs(path: Path):  # type: ignore[no-untyped-def]
    return sqlite_warehouse(
        path,
        "CREATE TABLE repair_jobs (job_id INTEGER PRIMARY KEY, finished_on DATE NOT NULL, service_type TEXT NOT NULL,"
        " cost REAL NOT NULL);"
        "INSERT INTO repair_jobs VALUES (1, '2025-01-02', 'Brakes', 100), (2, '2025-02-03', 'Brakes', 50),"
        " (3, '2025-03-04', 'Tyres', 80), (4, '2024-12-30', 'Tyres', 999);",
    )


def test_a_second_measure_asked_in_a_clause_of_its_own_is_a_second_column(tmp_path: Path) -> None:
    """ "How many jobs ... and what did they cost us in total": the count and the cost side by side, whichever of
    the two the model picked; the cost alone had looked finished."""
    warehouse = _repair_jobs(tmp_path / "jobs.sqlite")
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "How many repair jobs did we finish in 2025 for each service type, and what did they cost us in total?"
    for metric in ("total_cost", "repair_job_count"):
        reply = f'{{"analysis": "total", "metric": "{metric}", "group_by": ["service_type"]}}'
        planned = _planned_with(reply, asked, model, warehouse, [])
        assert planned.compiled is not None, planned.reason
        assert {planned.request.metric, *planned.request.also} == {"total_cost", "repair_job_count"}
        data = warehouse.run(planned.compiled.sql).data
        assert sorted(zip(data["service_type"], data["repair_job_count"], data["total_cost"], strict=True)) == [
            ("Brakes", 2, 150.0),
            ("Tyres", 1, 80.0),
        ]
    # "with the number of ... and the total ...": the count asked first, the model's metric second
    asked = "For jobs finished in 2025, show each service type with the number of jobs and the total cost."
    reply = '{"analysis": "total", "metric": "total_cost", "group_by": ["service_type"]}'
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert {planned.request.metric, *planned.request.also} == {"total_cost", "repair_job_count"}
    # one measure asked: one column
    asked = "What did our repair jobs cost us in total in 2025, for each service type?"
    planned = _planned_with(
        '{"analysis": "total", "metric": "total_cost", "group_by": ["service_type"]}', asked, model, warehouse, []
    )
    assert planned.compiled is not None and planned.request.also == ()


def test_a_second_measure_no_metric_holds_is_refused(tmp_path: Path) -> None:
    """ "..., and how much revenue did they bring in": no metric of the jobs is revenue; the count alone is none."""
    warehouse = _repair_jobs(tmp_path / "jobs.sqlite")
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "How many repair jobs did we finish in 2025, and how much revenue did they bring in?"
    planned = _planned_with('{"analysis": "total", "metric": "repair_job_count"}', asked, model, warehouse, [])
    assert planned.compiled is None
    assert "how much revenue did they bring in" in planned.reason


def test_the_table_a_split_is_reached_through_covers_its_words(tmp_path: Path) -> None:
    """ "Tickets issued on bookings that used each promotion code": the bookings are the tickets' way to their code."""
    warehouse = sqlite_warehouse(
        tmp_path / "promos.sqlite",
        "CREATE TABLE promotions (promo_code TEXT PRIMARY KEY, percent_off REAL);"
        "CREATE TABLE bookings (booking_id INTEGER PRIMARY KEY, promo_code TEXT REFERENCES promotions);"
        "CREATE TABLE tickets (ticket_id INTEGER PRIMARY KEY, booking_id INTEGER NOT NULL REFERENCES bookings,"
        " discount_amount REAL NOT NULL);"
        "INSERT INTO promotions VALUES ('SPRING', 10), ('FALL', 20);"
        "INSERT INTO bookings VALUES (1, 'SPRING'), (2, 'FALL'), (3, NULL);"
        "INSERT INTO tickets VALUES (1, 1, 5), (2, 1, 5), (3, 2, 8), (4, 3, 0);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "For each promotion code, how many tickets were issued on bookings that used it?"
    reply = '{"analysis": "total", "metric": "ticket_count", "group_by": ["promo_code"]}'
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    rows = sorted(warehouse.run(planned.compiled.sql).data.itertuples(index=False, name=None))
    assert rows == [("FALL", 1), ("SPRING", 2)]


def test_a_split_the_measured_rows_cannot_reach_goes_to_the_reached_one_of_the_same_head(tmp_path: Path) -> None:
    """ "Bookings made through each sales channel": the bookings' channel, not the sales_channel of the extras bought
    for their tickets later (no path from a booking to one extra)."""
    warehouse = sqlite_warehouse(
        tmp_path / "channels.sqlite",
        "CREATE TABLE bookings (booking_id INTEGER PRIMARY KEY, booked_on DATE NOT NULL, channel TEXT NOT NULL);"
        "CREATE TABLE extras (extra_id INTEGER PRIMARY KEY, booking_id INTEGER NOT NULL REFERENCES bookings,"
        " sales_channel TEXT NOT NULL);"
        "INSERT INTO bookings VALUES (1, '2025-01-02', 'Web'), (2, '2025-01-03', 'Web'), (3, '2025-01-04', 'App');"
        "INSERT INTO extras VALUES (1, 1, 'Airport'), (2, 3, 'Online');",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "How many bookings were made through each sales channel in 2025?"
    reply = '{"analysis": "total", "metric": "booking_count", "group_by": ["sales_channel"]}'
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert sorted(warehouse.run(planned.compiled.sql).data.itertuples(index=False, name=None)) == [
        ("App", 1),
        ("Web", 2),
    ]


def _reviews(path: Path):  # type: ignore[no-untyped-def]
    return sqlite_warehouse(
        path,
        "CREATE TABLE employees (employee_id INTEGER PRIMARY KEY, department TEXT NOT NULL, leaving_reason TEXT);"
        "CREATE TABLE reviews (review_id INTEGER PRIMARY KEY, employee_id INTEGER NOT NULL REFERENCES employees,"
        " review_date DATE NOT NULL, review_cycle TEXT NOT NULL, rating REAL NOT NULL);"
        "INSERT INTO employees VALUES (1, 'Sales', NULL), (2, 'Sales', 'Performance'), (3, 'Support', NULL);"
        "INSERT INTO reviews VALUES (1, 1, '2025-01-10', '2024 Year-End', 3), (2, 2, '2025-01-11', '2024 Year-End', 2),"
        " (3, 1, '2026-01-10', '2025 Year-End', 4), (4, 3, '2026-01-12', '2025 Year-End', 5);",
    )


def test_a_value_right_before_a_measured_column_of_another_table_is_no_condition(tmp_path: Path) -> None:
    """ "The average performance rating by department": 'Performance' is a reason for leaving, and "performance"
    here says which rating."""
    warehouse = _reviews(tmp_path / "reviews.sqlite")
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "What was the average performance rating by department?"
    hints = find_value_hints(asked, warehouse.text_values())
    assert hints  # 'Performance' is found, and left out as a condition
    reply = '{"analysis": "total", "metric": "average_rating", "group_by": ["department"]}'
    planned = _planned_with(reply, asked, model, warehouse, hints)
    assert planned.compiled is not None, planned.reason
    assert planned.request.values == {}


def test_growth_between_values_that_name_the_years_is_refused(tmp_path: Path) -> None:
    """ "The 2024 year-end cycle against the 2025 one", read as 2024 against 2025 by review date, split by the cycle:
    each row held one of the two averages (the 2024 cycle's reviews are dated in 2025)."""
    warehouse = _reviews(tmp_path / "reviews.sqlite")
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "Compare each department's average rating in the 2024 Year-End review cycle with the 2025 Year-End cycle."
    hints = find_value_hints(asked, warehouse.text_values())
    reply = '{"analysis": "growth", "metric": "average_rating", "group_by": ["department"]}'
    planned = _planned_with(reply, asked, model, warehouse, hints)
    assert planned.compiled is None and "name the years" in planned.reason, planned.reason


def test_a_value_that_begins_the_name_of_the_date_asked_by_is_no_condition(tmp_path: Path) -> None:
    """ "Delay minutes on flights scheduled to depart in 2025": the scheduled departure date, not the flights whose
    status is still 'Scheduled'; and the minutes of delay add up."""
    warehouse = sqlite_warehouse(
        tmp_path / "delays.sqlite",
        "CREATE TABLE flights (flight_id INTEGER PRIMARY KEY, scheduled_departure DATE NOT NULL, status TEXT NOT NULL);"
        "CREATE TABLE flight_delays (delay_id INTEGER PRIMARY KEY, flight_id INTEGER NOT NULL REFERENCES flights,"
        " cause TEXT NOT NULL, delay_minutes INTEGER NOT NULL);"
        "INSERT INTO flights VALUES (1, '2025-03-01', 'Delayed'), (2, '2025-04-01', 'Delayed'),"
        " (3, '2026-01-05', 'Scheduled'), (4, '2024-12-30', 'Delayed');"
        "INSERT INTO flight_delays VALUES (1, 1, 'Weather', 20), (2, 1, 'Crew', 15), (3, 2, 'Weather', 40),"
        " (4, 4, 'Weather', 99);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    assert any(m.expr == "SUM(delay_minutes)" for _t, m in model.metrics)
    asked = "What was the total number of delay minutes for each cause on flights scheduled to depart in 2025?"
    hints = find_value_hints(asked, warehouse.text_values())
    reply = '{"analysis": "total", "metric": "total_delay_minutes", "group_by": ["cause"]}'
    planned = _planned_with(reply, asked, model, warehouse, hints)
    assert planned.compiled is not None, planned.reason
    assert planned.request.values == {}
    rows = sorted(warehouse.run(planned.compiled.sql).data.itertuples(index=False, name=None))
    assert rows == [("Crew", 15), ("Weather", 60)]


def test_how_many_rows_were_acted_on_counts_the_table_of_the_act(tmp_path: Path) -> None:
    """ "How many tickets were refunded for each refund reason, and the total amount refunded": the tickets the refunds
    key, counted once each, by the refunds' reason, with their amount; the tickets reach neither."""
    warehouse = sqlite_warehouse(
        tmp_path / "refunds.sqlite",
        "CREATE TABLE tickets (ticket_id INTEGER PRIMARY KEY, issued_on DATE NOT NULL, status TEXT NOT NULL);"
        "CREATE TABLE refunds (refund_id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets,"
        " refunded_on DATE NOT NULL, reason TEXT NOT NULL, refund_amount REAL NOT NULL);"
        "INSERT INTO tickets VALUES (1, '2025-01-01', 'Refunded'), (2, '2025-01-01', 'Refunded'),"
        " (3, '2025-01-02', 'Flown'), (4, '2024-12-01', 'Refunded');"
        "INSERT INTO refunds VALUES (1, 1, '2025-02-01', 'Sick', 50), (2, 2, '2025-03-01', 'Sick', 30),"
        " (3, 4, '2024-12-05', 'Moved', 99), (4, 1, '2025-04-01', 'Sick', 10);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = (
        "How many tickets were refunded for each refund reason in 2025, and what was the total amount refunded for "
        "each reason?"
    )
    hints = find_value_hints(asked, warehouse.text_values())
    reply = '{"analysis": "total", "metric": "ticket_count", "group_by": ["reason"]}'
    planned = _planned_with(reply, asked, model, warehouse, hints)
    assert planned.compiled is not None, planned.reason
    assert (planned.request.metric, planned.request.also) == ("tickets_refunded", ("total_refund_amount",))
    rows = warehouse.run(planned.compiled.sql).data.itertuples(index=False, name=None)
    assert list(rows) == [("Sick", 2, 90.0)]  # ticket 1, refunded in two parts, is one ticket


def test_a_split_by_a_name_keeps_two_people_of_one_name_apart(tmp_path: Path) -> None:
    """ "Our top customers by what they booked", split by first name: two customers called Ann are two rows, not
    one sum of both."""
    warehouse = sqlite_warehouse(
        tmp_path / "names.sqlite",
        "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, first_name TEXT NOT NULL);"
        "CREATE TABLE bookings (booking_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers,"
        " booked_on DATE NOT NULL, total_amount REAL NOT NULL);"
        "INSERT INTO customers VALUES (1, 'Ann'), (2, 'Ann'), (3, 'Bob');"
        "INSERT INTO bookings VALUES (1, 1, '2025-01-01', 100), (2, 2, '2025-01-02', 70), (3, 3, '2025-01-03', 120);",
    )
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "Who were our top 2 customers by the total amount of their bookings in 2025? Show their first name."
    reply = '{"analysis": "top", "metric": "total_total_amount", "group_by": ["first_name"]}'
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    rows = list(warehouse.run(planned.compiled.sql).data.itertuples(index=False, name=None))
    assert rows == [("Bob", 120.0), ("Ann", 100.0)]  # not Ann with 170


def test_the_average_of_a_second_measure_is_that_measure_averaged_over_the_rows(tmp_path: Path) -> None:
    """ "How many repair jobs ... and what was their average cost": the jobs' count beside the average cost of a job
    (the draft only sums the cost), not the count of jobs averaged per service type as the model read it."""
    warehouse = _repair_jobs(tmp_path / "jobs.sqlite")
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "For each service type, how many repair jobs did we finish in 2025 and what was their average cost?"
    reply = (
        '{"analysis": "average_per", "metric": "repair_job_count", "group_by": ["service_type"], "per": "repair_jobs"}'
    )
    planned = _planned_with(reply, asked, model, warehouse, [])
    assert planned.compiled is not None, planned.reason
    assert (planned.request.analysis, planned.request.also) == ("total", ("average_cost",))
    rows = sorted(warehouse.run(planned.compiled.sql).data.itertuples(index=False, name=None))
    assert rows == [("Brakes", 2, 75.0), ("Tyres", 1, 80.0)]


def test_the_top_few_in_each_group_needs_two_splits(tmp_path: Path) -> None:
    """ "Which three shows in each category took the most money": split by the category alone it answered the three
    top categories."""
    warehouse = _repair_jobs(tmp_path / "jobs.sqlite")
    model = draft_model(warehouse.schema(), warehouse.text_values())
    asked = "Which two repair jobs in each service type cost us the most in 2025?"
    planned = _planned_with(
        '{"analysis": "top", "metric": "total_cost", "group_by": ["service_type"]}', asked, model, warehouse, []
    )
    assert planned.compiled is None and "in each" in planned.reason, planned.reason
