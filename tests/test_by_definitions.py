"""How the definitions path reads a question against the model's request, without the model: which metric the
question names, what it groups by, which values and filters apply, and when it must go to SQL writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from chains.by_definitions import checked_against_question, counted_table_named, mentioned_metrics, mentions
from chains.value_hints import find_value_hints
from chains.warehouses import open_warehouse
from semantic.request import Request
from semantic.spec import SemanticModel
from semantic.yaml_io import parse_model

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


def test_an_average_per_entity_is_read_from_its_words(drafted: SemanticModel, values) -> None:  # type: ignore[no-untyped-def]
    """The model read "average revenue per order for each channel" as a total by nothing: the words decide."""
    question = "What was the average revenue per order for each channel in 2024?"
    checked = _checked(question, Request("total", "total_net_amount", per="order_lines"), drafted, values)
    assert (checked.analysis, checked.per, checked.group_by) == ("average_per", "orders", ("channel",))
