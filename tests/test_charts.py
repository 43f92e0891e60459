"""Chart choice, drawing, chart follow-ups and summary sentences: pure functions over DataFrames."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from charts.choose import MAX_PIE_PARTS, ChartSpec, available_kinds, chart_as, choose_chart
from charts.format import format_number, format_value, humanize, plural
from charts.frame import classify, prepare
from charts.intent import chart_request, mentioned_kind
from charts.render import figure
from charts.summary import summarize
from charts.units import Units, result_units, unit_in_comment
from connectors.schema import Column, Schema, Table

CATEGORIES = ["Electronics", "Furniture", "Office Supplies", "Appliances", "Accessories"]


def _by_category() -> pd.DataFrame:
    # What DuckDB hands back for SUM(DECIMAL): Decimal objects in an object column.
    revenue = ["4200000.00", "3000000.00", "2000000.00", "1000000.00", "851234.56"]
    return pd.DataFrame({"category": CATEGORIES, "revenue": [Decimal(v) for v in revenue]})


def _monthly(months: list[object]) -> pd.DataFrame:
    orders = [1234, 1100, 1200, 1300, 1250, 1280, 1290, 1300, 1350, 1400, 1500, 1456]
    return pd.DataFrame({"month": months, "orders": orders})


# --- time series ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "months",
    [
        [dt.date(2024, m, 1) for m in range(1, 13)],
        [f"2024-{m:02d}" for m in range(1, 13)],
        [pd.Timestamp(2024, m, 1) for m in range(1, 13)],
        [f"2024-{m:02d}-01" for m in range(1, 13)],
    ],
    ids=["date objects", "month strings", "timestamps", "date strings"],
)
def test_a_time_series_is_a_line_over_time(months: list[object]) -> None:
    assert choose_chart(_monthly(months)) == ChartSpec("line", x="month", y="orders")


def test_year_and_month_integer_columns_become_one_date_axis() -> None:
    frame = pd.DataFrame({"year": [2024] * 12, "month": list(range(1, 13)), "revenue": [float(m) for m in range(12)]})
    prepared = prepare(frame)
    assert list(prepared.columns) == ["month", "revenue"]
    assert prepared["month"].iloc[0] == pd.Timestamp(2024, 1, 1) and prepared["month"].iloc[-1] == pd.Timestamp(
        2024, 12, 1
    )
    assert choose_chart(frame) == ChartSpec("line", x="month", y="revenue")
    assert summarize(frame).startswith("From Jan 2024 to Dec 2024, revenue went from 0 to 11")


def test_year_and_quarter_columns_become_quarters() -> None:
    frame = pd.DataFrame({"order_year": [2024, 2024, 2025], "quarter": [3, 4, 1], "revenue": [1.0, 2.0, 3.0]})
    assert choose_chart(frame).kind == "line"
    assert summarize(frame) == "From Q3 2024 to Q1 2025, revenue went from 1 to 3."


def test_a_month_number_without_a_year_is_an_ordered_time_axis() -> None:
    # What the model wrote for "How many orders were placed each month in 2024?"
    frame = pd.DataFrame({"month": list(range(1, 13)), "order_count": _monthly(list(range(12)))["orders"]})
    assert choose_chart(frame) == ChartSpec("line", x="month", y="order_count")
    assert summarize(frame) == "From Jan to Dec, order count went from 1,234 to 1,456 (peak in Nov)."
    quarters = pd.DataFrame({"quarter": [1, 2, 3, 4], "revenue": [4.0, 3.0, 5.0, 4.5]})
    assert summarize(quarters) == "From Q1 to Q4, revenue went from 4 to 4.50 (peak in Q3)."


def test_a_year_column_alone_is_a_time_axis() -> None:
    frame = pd.DataFrame({"year": [2023, 2024, 2025], "revenue": [10.0, 12.0, 15.0]})
    assert choose_chart(frame) == ChartSpec("line", x="year", y="revenue")
    assert summarize(frame) == "From 2023 to 2025, revenue went from 10 to 15."


def test_a_time_series_split_by_a_category_is_coloured_by_it() -> None:
    months = [dt.date(2024, m, 1) for m in (1, 2, 3)] * 2
    frame = pd.DataFrame({"month": months, "region": ["Europe"] * 3 + ["Asia"] * 3, "revenue": [1, 2, 3, 4, 5, 6]})
    assert choose_chart(frame) == ChartSpec("line", x="month", y="revenue", color="region")
    assert summarize(frame) == "From Jan 2024 to Mar 2024, Asia leads with 15, 71% of the total; 2 regions in all."


def test_time_series_summary_names_start_end_and_peak() -> None:
    frame = _monthly([dt.date(2024, m, 1) for m in range(1, 13)])
    assert summarize(frame) == "From Jan 2024 to Dec 2024, orders went from 1,234 to 1,456 (peak in Nov 2024)."


def test_time_series_summary_sorts_by_time_first() -> None:
    frame = _monthly([dt.date(2024, m, 1) for m in range(12, 0, -1)])
    assert summarize(frame).startswith("From Jan 2024 to Dec 2024, orders went from 1,456 to 1,234")


# --- categories, shares, two measures, single values -------------------------------------------------------


def test_a_category_with_a_measure_is_a_bar() -> None:
    assert choose_chart(_by_category(), "What was the revenue by product category in 2025?") == ChartSpec(
        "bar", x="category", y="revenue"
    )


def test_category_summary_has_the_leader_its_share_and_the_count() -> None:
    total = 4_200_000 + 3_000_000 + 2_000_000 + 1_000_000 + 851_234.56
    assert round(4_200_000 / total * 100) == 38
    assert summarize(_by_category()) == "Electronics leads with 4.2M, 38% of the total; 5 categories in all."


def test_an_average_is_not_given_a_share_of_the_total() -> None:
    frame = pd.DataFrame({"channel": ["Online", "Retail", "Partner"], "average_order_value": [312.4, 280.1, 500.25]})
    assert summarize(frame) == "Partner has the highest average order value (500.25); 3 channels in all."


def test_shares_of_a_whole_are_a_pie_when_there_are_few_parts() -> None:
    regions = ["Europe", "North America", "Asia Pacific", "Latin America"]
    frame = pd.DataFrame({"region": regions, "revenue": [4, 3, 2, 1]})
    assert choose_chart(frame, "What share of 2025 revenue came from each region?") == ChartSpec(
        "pie", x="region", y="revenue"
    )
    # The same result without share words is a bar.
    assert choose_chart(frame, "What was revenue by region?").kind == "bar"


def test_a_share_column_suggests_a_pie_too() -> None:
    frame = pd.DataFrame({"segment": ["Consumer", "Corporate", "Small Business"], "share_pct": [50.0, 30.0, 20.0]})
    assert choose_chart(frame, "Revenue by segment").kind == "pie"


def test_no_pie_with_many_parts_or_negative_values() -> None:
    parts = MAX_PIE_PARTS + 1
    many = pd.DataFrame({"product": [f"P{i}" for i in range(parts)], "revenue": range(1, parts + 1)})
    assert choose_chart(many, "What share of revenue came from each product?").kind == "bar"
    negative = pd.DataFrame({"region": ["A", "B", "C"], "profit": [5.0, -2.0, 3.0]})
    assert choose_chart(negative, "What share of profit came from each region?").kind == "bar"


def test_two_measures_are_a_scatter() -> None:
    frame = pd.DataFrame({"unit_price": [10.0, 20.0, 30.0, 40.0], "unit_cost": [6.0, 11.0, 17.0, 24.0]})
    assert choose_chart(frame) == ChartSpec("scatter", x="unit_price", y="unit_cost")
    assert summarize(frame) == "Across 4 rows, higher unit price goes with higher unit cost (correlation 1.00)."


def test_many_labelled_rows_with_two_measures_are_a_scatter() -> None:
    frame = pd.DataFrame(
        {"product_name": [f"P{i}" for i in range(40)], "unit_price": range(40), "unit_cost": range(0, 80, 2)}
    )
    assert choose_chart(frame) == ChartSpec("scatter", x="unit_price", y="unit_cost")
    assert summarize(frame).startswith("Across 40 products, higher unit price goes with higher unit cost")


def test_a_single_value_is_a_big_number_with_a_sentence() -> None:
    frame = pd.DataFrame({"total_revenue": [Decimal("11523456.12")]})
    assert choose_chart(frame, "What was our total revenue in 2024?") == ChartSpec("number", y="total_revenue")
    assert summarize(frame, "What was our total revenue in 2024?") == "Total revenue in 2024 was 11,523,456.12."


def test_a_single_count_reads_as_a_count() -> None:
    frame = pd.DataFrame({"customers": [812]})
    assert summarize(frame, "How many customers are in Europe?") == "812 customers."
    assert summarize(pd.DataFrame({"order_count": [1234]}), "Orders in Q4 2024?") == "1,234 order in Q4 2024."


def test_a_single_null_says_there_was_nothing() -> None:
    frame = pd.DataFrame({"total_revenue": [None]}, dtype=object)
    assert summarize(frame, "What was revenue in 2031?") == "Total revenue in 2031 has no value: no rows matched."


def test_one_row_with_several_values_lists_them() -> None:
    frame = pd.DataFrame({"rep_name": ["Ann Lee"], "target_amount": [1000.0], "actual_revenue": [950.5]})
    assert choose_chart(frame).kind == "number"
    assert summarize(frame) == "Ann Lee: target amount: 1,000; actual revenue: 950.50."


def test_an_empty_result_has_no_chart_and_says_so() -> None:
    frame = pd.DataFrame({"category": [], "revenue": []})
    assert choose_chart(frame) == ChartSpec("table")
    assert summarize(frame) == "No rows matched."
    assert available_kinds(frame) == ["table"]


def test_text_only_results_get_no_chart() -> None:
    frame = pd.DataFrame({"customer_name": ["A", "B"], "city": ["Paris", "Rome"]})
    assert choose_chart(frame) == ChartSpec("table")
    assert summarize(frame) == "2 rows."


def test_identifier_columns_are_labels_not_measures() -> None:
    frame = pd.DataFrame({"customer_id": [7, 9, 12], "revenue": [3.0, 2.0, 1.0]})
    assert classify(prepare(frame)).measures == ["revenue"]
    assert choose_chart(frame) == ChartSpec("bar", x="customer_id", y="revenue")


def test_a_truncated_result_says_the_summary_covers_the_rows_shown() -> None:
    sentence = summarize(_by_category(), truncated=True)
    assert sentence.endswith("Only the first 5 rows came back, so this covers those rows.")


# --- switching charts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("as a line chart", "line"),
        ("As a pie chart", "pie"),
        ("as a bar chart", "bar"),
        ("show it as bars", "bar"),
        ("Pie chart please", "pie"),
        ("make that a scatter plot", "scatter"),
        ("can you show this as a line graph instead?", "line"),
        ("just the table", "table"),
        ("now only Europe", None),
        ("What was revenue by region as a pie chart?", None),
        ("line or bar?", None),
        ("", None),
    ],
)
def test_chart_requests_are_recognised_only_when_they_only_ask_to_redraw(text: str, kind: str | None) -> None:
    assert chart_request(text) == kind


def test_a_chart_named_in_a_question_is_honoured() -> None:
    question = "What was revenue by category as a line chart?"
    assert mentioned_kind(question) == "line"
    assert choose_chart(_by_category(), question) == ChartSpec("line", x="category", y="revenue")
    assert mentioned_kind("Which product line sold best?") is None


def test_switching_keeps_the_axes_that_still_fit() -> None:
    frame = _by_category()
    bar = choose_chart(frame)
    assert chart_as(frame, "pie", bar) == ChartSpec("pie", x="category", y="revenue")
    assert chart_as(frame, "line", bar) == ChartSpec("line", x="category", y="revenue")
    assert chart_as(frame, "table", bar) == ChartSpec("table")
    # A big number needs a single row; with several it falls back to the automatic choice.
    assert chart_as(frame, "number", bar) == bar


def test_switching_to_scatter_pairs_two_measures() -> None:
    frame = pd.DataFrame({"rep": ["A", "B", "C"], "target": [1.0, 2.0, 3.0], "actual": [1.5, 1.0, 3.5]})
    assert chart_as(frame, "scatter") == ChartSpec("scatter", x="actual", y="target", color="rep")


# --- drawing ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["line", "bar", "pie", "scatter"])
def test_every_figure_kind_draws_with_readable_labels(kind: str) -> None:
    frame = _by_category()
    fig = figure(frame, chart_as(frame, kind))
    assert fig.data, kind
    if kind in ("line", "bar"):
        assert fig.layout.xaxis.title.text == "Category"
        assert fig.layout.yaxis.title.text == "Revenue"
        assert list(fig.data[0].y) == [4_200_000.0, 3_000_000.0, 2_000_000.0, 1_000_000.0, 851_234.56]


def test_a_line_over_time_is_drawn_in_time_order() -> None:
    frame = _monthly([f"2024-{m:02d}" for m in range(12, 0, -1)])
    fig = figure(frame, choose_chart(frame))
    assert list(pd.to_datetime(fig.data[0].x)) == sorted(pd.to_datetime(fig.data[0].x))


def test_bar_labels_that_are_numbers_stay_one_bar_each() -> None:
    frame = pd.DataFrame({"customer_id": [7, 9, 12], "revenue": [3.0, 2.0, 1.0]})
    fig = figure(frame, choose_chart(frame))
    assert list(fig.data[0].x) == ["7", "9", "12"]


def test_drawing_refuses_kinds_and_axes_it_cannot_draw() -> None:
    frame = _by_category()
    with pytest.raises(ValueError, match="not drawn"):
        figure(frame, ChartSpec("number", y="revenue"))
    with pytest.raises(ValueError, match="no column"):
        figure(frame, ChartSpec("bar", x="region", y="revenue"))


# --- words and numbers -----------------------------------------------------------------------------------------


def test_numbers_and_labels_for_people() -> None:
    assert format_number(11523456.12) == "11,523,456.12"
    assert format_number(1234) == "1,234"
    assert format_number(4_213_000, compact=True) == "4.2M"
    assert format_number(4_000_000, compact=True) == "4M"
    assert format_number(9_999, compact=True) == "9,999"
    assert format_number(None) == "no value"
    assert humanize("total_revenue") == "Total revenue"
    assert humanize("avgOrderValue") == "Avg order value"
    assert [plural(w) for w in ("category", "region", "status", "day")] == ["categories", "regions", "statuses", "days"]


def test_numbers_round_and_never_truncate() -> None:
    assert format_number(269.5199) == "269.52"
    assert format_number(1_234_567.891) == "1,234,567.89"
    assert format_number(1_234_567) == "1,234,567"
    assert format_number(4_213_000, compact=True) == "4.2M"


def test_values_carry_their_unit() -> None:
    assert format_value(269.5199, "aov", unit="USD") == "$269.52"
    assert format_value(1200, "revenue", unit="USD") == "$1,200.00"
    assert format_value(-5, "refund", unit="USD") == "-$5.00"
    assert format_value(4_213_000.5, "revenue", compact=True, unit="USD") == "$4.2M"
    assert format_value(1500, "revenue", unit="EUR") == "€1,500.00"
    assert format_value(0.153, "discount", unit="fraction") == "15.3%"
    assert format_value(45.25, "growth_pct") == "45.25%"
    assert format_value(12.5, "weight", unit="kg") == "12.50 kg"
    assert format_value(None, "revenue", unit="USD") == "no value"


def test_units_are_read_from_column_comments() -> None:
    assert unit_in_comment("Revenue of the line after discount, in USD: quantity * unit_price.") == "USD"
    assert unit_in_comment("Price in euros") == "EUR"
    assert unit_in_comment("Discount as a fraction of the list price, from 0 (none) to 0.30") == "fraction"
    assert unit_in_comment("Weight of the parcel in kg") == "kg"
    assert unit_in_comment("Date the order was placed, in useful detail.") is None
    assert unit_in_comment(None) is None


SHOP = Schema(
    "duckdb",
    (
        Table("orders", (Column("order_id", "INTEGER"), Column("channel", "VARCHAR"))),
        Table(
            "order_lines",
            (
                Column("order_id", "INTEGER"),
                Column("quantity", "INTEGER"),
                Column("unit_price", "DECIMAL(12,2)", comment="List price of one unit, in USD."),
                Column("discount", "DECIMAL(4,2)", comment="Discount as a fraction of the list price."),
                Column("net_amount", "DECIMAL(12,2)", comment="Revenue of the line after discount, in USD."),
            ),
        ),
    ),
)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            "SELECT channel, AVG(order_lines.net_amount) AS aov FROM orders "
            "JOIN order_lines ON orders.order_id = order_lines.order_id GROUP BY channel",
            {"aov": "USD"},
        ),
        (
            "SELECT channel, SUM(net_amount) / COUNT(DISTINCT o.order_id) AS per_order, COUNT(*) AS lines, "
            "AVG(discount) AS avg_discount FROM orders o JOIN order_lines l USING (order_id) GROUP BY 1",
            {"per_order": "USD", "avg_discount": "fraction"},
        ),
        ("SELECT SUM(quantity * unit_price * (1 - discount)) AS gross FROM order_lines", {"gross": "USD"}),
        (
            "WITH t AS (SELECT order_id, SUM(net_amount) AS spent FROM order_lines GROUP BY 1) "
            "SELECT o.channel, MAX(t.spent) AS top FROM t JOIN orders o ON o.order_id = t.order_id GROUP BY 1",
            {"top": "USD"},
        ),
        ("SELECT SUM(net_amount) / SUM(unit_price) AS ratio FROM order_lines", {}),
        ("SELECT COUNT(net_amount) AS n FROM order_lines", {}),
        ("SELECT nonsense FROM", {}),
    ],
)
def test_a_result_column_gets_the_unit_of_what_it_was_made_from(sql: str, expected: dict[str, str]) -> None:
    assert dict(result_units(sql, SHOP).by_column) == expected


def test_the_sentence_shows_the_unit() -> None:
    frame = pd.DataFrame({"channel": ["Online", "Retail", "Partner"], "avg_order_value": [257.4, 264.5899, 305.9351]})
    units = Units({"avg_order_value": "USD"})
    assert summarize(frame, units=units) == "Partner has the highest avg order value ($305.94); 3 channels in all."


def test_bars_of_categories_are_sorted_by_value_and_start_at_zero() -> None:
    frame = pd.DataFrame({"channel": ["Online", "Retail", "Partner"], "revenue": [257.4, 264.59, 305.94]})
    fig = figure(frame, ChartSpec("bar", x="channel", y="revenue"), Units({"revenue": "USD"}))
    assert list(fig.layout.xaxis.categoryarray) == ["Partner", "Retail", "Online"]
    assert fig.layout.yaxis.rangemode == "tozero" and fig.layout.yaxis.tickprefix == "$"


def test_months_and_quarters_read_as_names() -> None:
    months = pd.DataFrame({"month": [3, 1, 2], "orders": [5, 7, 6]})
    bar = figure(months, ChartSpec("bar", x="month", y="orders"))
    assert list(bar.layout.xaxis.categoryarray) == ["Jan", "Feb", "Mar"]  # time order, not by value
    line = figure(months, ChartSpec("line", x="month", y="orders"))
    assert list(line.layout.xaxis.ticktext) == ["Jan", "Feb", "Mar"]
    quarters = pd.DataFrame({"quarter": pd.to_datetime(["2024-10-01", "2025-01-01"]), "revenue": [1.0, 2.0]})
    ticks = figure(quarters, ChartSpec("line", x="quarter", y="revenue")).layout.xaxis.ticktext
    assert list(ticks) == ["Q4<br>2024", "Q1<br>2025"]


def test_a_line_of_amounts_starts_at_zero_but_a_score_need_not() -> None:
    frame = pd.DataFrame({"month": pd.date_range("2024-01-01", periods=3, freq="MS"), "revenue": [100.0, 101, 99]})
    assert figure(frame, ChartSpec("line", x="month", y="revenue")).layout.yaxis.rangemode == "tozero"
    scores = frame.rename(columns={"revenue": "satisfaction_score"})
    assert figure(scores, ChartSpec("line", x="month", y="satisfaction_score")).layout.yaxis.rangemode is None


def test_shares_are_drawn_as_percentages() -> None:
    frame = pd.DataFrame({"region": ["A", "B"], "share": [0.6, 0.4]})
    fig = figure(frame, ChartSpec("bar", x="region", y="share"), Units({"share": "fraction"}))
    assert fig.layout.yaxis.tickformat == ".0%"


def test_a_result_is_drawn_once_and_each_caller_gets_its_own_copy() -> None:
    """A chat rerun draws every earlier answer again, from a kept figure; a title one caller adds (the
    export) does not show up in the chart another caller draws."""
    data = pd.DataFrame({"region": ["Europe", "Asia", "Americas"], "revenue": [3.0, 2.0, 1.0]})
    spec = ChartSpec("bar", x="region", y="revenue")
    exported = figure(data, spec).update_layout(title="Revenue by region")
    shown = figure(data, spec)
    assert exported is not shown and not shown.layout.title.text
    assert list(shown.data[0].x) == ["Europe", "Asia", "Americas"] and list(shown.data[0].y) == [3.0, 2.0, 1.0]
    other = data.assign(revenue=[1.0, 1.0, 1.0])  # another answer's result is its own figure
    assert list(figure(other, spec).data[0].y) == [1.0, 1.0, 1.0]
