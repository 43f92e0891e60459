"""The date a question's verb places the measured rows by, read from the dates' names and descriptions."""

from __future__ import annotations

import pytest

from chains.dated_by_verb import (
    date_gone_by,
    date_named_before_period,
    date_of_event_gone_by,
    date_of_rows_held,
    date_the_verb_names,
)
from semantic.spec import SemanticModel
from semantic.yaml_io import parse_model

WORK_ORDERS = """
name: plant
tables:
  - name: work_orders
    base_table: {table: work_orders}
    primary_key: {columns: [work_order_id]}
    time_dimensions:
      - {name: planned_start_date, expr: planned_start_date, description: Date production was scheduled to start.}
      - {name: actual_end_date, expr: actual_end_date, description: "Date production actually finished; NULL unless
          the work order is completed."}
    metrics:
      - {name: work_order_count, expr: COUNT(*)}
  - name: sales_orders
    base_table: {table: sales_orders}
    primary_key: {columns: [order_id]}
    time_dimensions:
      - {name: order_date, expr: order_date, description: Date the customer placed the order.}
      - {name: shipped_date, expr: shipped_date}
      - {name: invoice_date, expr: invoice_date, description: Date we billed the order once it shipped.}
      - {name: delivered_date, expr: delivered_date, description: "Date the order arrived; NULL when it was
          cancelled or is still on its way."}
    metrics:
      - {name: sales_order_count, expr: COUNT(*)}
  - name: payments
    base_table: {table: payments}
    primary_key: {columns: [payment_id]}
    time_dimensions:
      - {name: due_date, expr: due_date}
      - {name: paid_on, expr: paid_on}
    metrics:
      - {name: payment_count, expr: COUNT(*)}
"""


@pytest.fixture(scope="module")
def model() -> SemanticModel:
    return parse_model(WORK_ORDERS)


@pytest.mark.parametrize(
    ("question", "table", "date"),
    [
        # the description says which date the verb is
        ("How many work orders did we complete in 2025?", "work_orders", "actual_end_date"),
        ("Work orders completed during Q3 2024 by line", "work_orders", "actual_end_date"),
        ("How many orders did customers place in March?", "sales_orders", "order_date"),
        ("Orders placed last year", "sales_orders", "order_date"),
        # an irregular form is its verb: paid ~ paid_on
        ("How many invoices were paid in 2024?", "payments", "paid_on"),
        # "shipped" is in invoice_date's description ("once it shipped") too: the date named by the verb wins
        ("Orders shipped in 2025", "sales_orders", "shipped_date"),
        # no verb before the period: a noun says no event
        ("How many work orders in 2025?", "work_orders", ""),
        ("What was the number of orders in 2024?", "sales_orders", ""),
        # a verb no date speaks of
        ("Work orders we scheduled in 2025", "payments", ""),
        # a verb after the period places nothing
        ("In 2025, how many work orders were completed?", "work_orders", ""),
        # a date empty for the verb's rows is not their date ("NULL when it was cancelled")
        ("How many orders were cancelled in 2024?", "sales_orders", ""),
        ("How many orders arrived in 2024?", "sales_orders", "delivered_date"),
    ],
)
def test_the_verb_before_a_period_names_the_date_that_speaks_of_it(
    model: SemanticModel, question: str, table: str, date: str
) -> None:
    assert date_the_verb_names(question, model, table) == date


def test_a_dates_own_words_after_with_place_the_rows(model: SemanticModel) -> None:
    """ "Orders with a shipped date in 2025" are placed by that date; the metric's own words before a period
    ("the average days to ship in 2025") are no such naming."""
    assert date_named_before_period("How many orders with a shipped date in 2025?", model, "sales_orders") == (
        "shipped_date"
    )
    assert date_named_before_period("What was the average days to ship in 2025?", model, "sales_orders") == ""


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("Orders shipped in 2025, counted by invoice date", "invoice_date"),  # said in so many words: it wins
        ("How many orders by the order date in each quarter of 2025?", "order_date"),
        ("How many orders by quarter?", ""),  # no date named
        ("Orders by due date", ""),  # a date of a table the orders do not reach
    ],
)
def test_the_date_a_question_says_to_go_by_is_the_one_named(model: SemanticModel, question: str, date: str) -> None:
    assert date_gone_by(question, model, ["sales_orders"]) == date


def test_a_phrasal_verb_before_each_period_of_a_grain_names_its_date() -> None:
    """ "Members who signed up in each month of 2025": the date described as the day the member signed up."""
    model = parse_model(
        "name: club\ntables:\n  - name: members\n    base_table: {table: members}\n"
        "    primary_key: {columns: [member_id]}\n"
        "    time_dimensions:\n      - {name: date_of_birth, expr: date_of_birth}\n"
        "      - {name: join_date, expr: join_date, description: Date the member signed up.}\n"
        "    metrics:\n      - {name: member_count, expr: COUNT(*)}\n"
    )
    assert date_the_verb_names("How many members signed up in each month of 2025?", model, "members") == "join_date"


def test_the_date_of_an_event_gone_by_is_the_one_named_by_its_verb_before_those_described_by_it() -> None:
    """ "Go by the date the reservation was booked": booked_date, though the pickup's date is "booked for the
    pickup"; with no date named by the verb, one whose description speaks of it, and "" for several."""
    model = parse_model(
        "name: rentals\ntables:\n  - name: reservations\n    base_table: {table: reservations}\n"
        "    primary_key: {columns: [reservation_id]}\n"
        "    time_dimensions:\n"
        "      - {name: booked_date, expr: booked_date, description: Date the reservation was made.}\n"
        "      - {name: scheduled_pickup, expr: scheduled_pickup, description: Date and time booked for the pickup.}\n"
        "      - {name: scheduled_return, expr: scheduled_return, description: Date and time booked for the return.}\n"
        "    metrics:\n      - {name: reservation_count, expr: COUNT(*)}\n"
    )
    asked = "How many reservations in each month of 2025? Go by the date the reservation was {}."
    assert date_of_event_gone_by(asked.format("booked"), model, "reservations") == "booked_date"
    assert date_of_event_gone_by(asked.format("made"), model, "reservations") == "booked_date"
    assert date_of_event_gone_by(asked.format("scheduled"), model, "reservations") == ""
    assert date_of_event_gone_by("How many reservations in 2025?", model, "reservations") is None


def test_a_date_empty_until_an_event_is_the_date_of_that_event() -> None:
    """ "Date the car was back in service; NULL while the job is unfinished": the date each job was finished."""
    model = parse_model(
        "name: fleet\ntables:\n  - name: maintenance_jobs\n    base_table: {table: maintenance_jobs}\n"
        "    primary_key: {columns: [job_id]}\n"
        "    time_dimensions:\n"
        "      - {name: start_date, expr: start_date, description: Date the car went out of service for the job.}\n"
        "      - {name: end_date, expr: end_date, description: Date the car was back in service; NULL while the job\n"
        "          is unfinished.}\n"
        "    metrics:\n      - {name: job_count, expr: COUNT(*)}\n"
    )
    asked = "How many jobs did we finish in 2025? Go by the date each job was finished."
    assert date_of_event_gone_by(asked, model, "maintenance_jobs") == "end_date"


SHOWS = """
name: box_office
tables:
  - name: shows
    base_table: {table: shows}
    synonyms: [performances]
    primary_key: {columns: [show_id]}
    time_dimensions:
      - {name: show_start, expr: show_start}
      - {name: on_sale_date, expr: on_sale_date}
  - name: seats
    base_table: {table: seats}
    primary_key: {columns: [seat_id]}
    time_dimensions:
      - {name: sold_at, expr: sold_at}
    metrics:
      - {name: seat_count, expr: COUNT(*)}
relationships:
  - {name: seats_to_shows, left_table: seats, right_table: shows, relationship_columns: [{left_column: show_id,
      right_column: show_id}]}
"""


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("How many seats were sold for shows that took place in 2025?", "show_start"),
        ("Seats of performances dated in March 2025", "show_start"),
        ("How many seats for shows held during the first half of 2025?", "show_start"),
        # the seats' own date when they are what took place; a place, not a period, places nothing
        ("How many seats dated in 2025?", "sold_at"),
        ("How many seats for shows held in Portside?", ""),
        ("How many seats were sold in 2025?", ""),
    ],
)
def test_rows_said_to_take_place_in_a_period_are_placed_by_their_own_first_date(question: str, date: str) -> None:
    assert date_of_rows_held(question, parse_model(SHOWS), ["seats", "shows"]) == date
