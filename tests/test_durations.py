"""Durations between two dates of a row: the draft's metrics, computed on each dialect against Python's own
arithmetic, and which one a question names (no model)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import sqlalchemy

from chains.duration_asked import duration_asked, in_the_unit_asked, stem
from connectors.schema import Schema
from connectors.values import ValueIndex
from semantic.compile import compile_request
from semantic.draft import MAX_DURATION_DATES, draft_model
from semantic.durations import days_between_sql, read_duration_name
from semantic.request import Request
from semantic.spec import SemanticModel
from tests.conftest import require_server_url, sqlite_warehouse

# (ticket_id, team, opened_at, closed_at): closed_at NULL for a ticket still open.
TICKETS = [
    (1, "Billing", "2025-01-06 09:00", "2025-01-06 15:30"),
    (2, "Billing", "2025-01-07 22:00", "2025-01-09 10:00"),
    (3, "Network", "2025-02-01 08:15", "2025-02-01 08:45"),
    (4, "Network", "2025-02-03 12:00", None),
]
# (invoice_id, invoice_date, paid_date)
INVOICES = [(1, "2024-12-30", "2025-01-14"), (2, "2025-01-31", "2025-03-02"), (3, "2025-02-10", None)]


def _hours(opened: str, closed: str | None) -> float | None:
    if closed is None:
        return None
    return (datetime.fromisoformat(closed) - datetime.fromisoformat(opened)).total_seconds() / 3600


def _statements(stamp: str, day: str) -> list[str]:
    statements = [
        f"CREATE TABLE tickets (ticket_id INTEGER PRIMARY KEY, team VARCHAR(20), opened_at {stamp}, closed_at {stamp})",
        f"CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, invoice_date {day}, paid_date {day})",
    ]
    quoted = lambda value: "NULL" if value is None else f"'{value}'"  # noqa: E731
    statements += [f"INSERT INTO tickets VALUES ({i}, '{t}', '{o}', {quoted(c)})" for i, t, o, c in TICKETS]
    statements += [f"INSERT INTO invoices VALUES ({i}, '{d}', {quoted(p)})" for i, d, p in INVOICES]
    return statements


def _drafted(path: Path, script: str) -> SemanticModel:
    warehouse = sqlite_warehouse(path, script)
    return draft_model(warehouse.schema(), warehouse.text_values())


def _desk_schema(tmp_path: Path) -> tuple[Schema, ValueIndex]:
    """A service desk's schema and values, read from SQLite text dates as an app user's warehouse would give them."""
    warehouse = sqlite_warehouse(tmp_path / "desk-schema.sqlite", ";".join(_statements("TEXT", "TEXT")))
    return warehouse.schema(), warehouse.text_values()


@pytest.fixture
def desk(tmp_path: Path) -> SemanticModel:
    return draft_model(*_desk_schema(tmp_path), name="desk")


def test_the_draft_averages_the_time_between_each_two_dates_of_a_row(desk: SemanticModel) -> None:
    durations = {m.name: (t.name, m.unit) for t, m in desk.metrics if read_duration_name(m.name)}
    assert durations == {
        "average_hours_from_opened_at_to_closed_at": ("tickets", "hours"),  # the stored values hold times of day
        "average_days_from_invoice_date_to_paid_date": ("invoices", "days"),
    }


def test_from_a_date_to_a_time_of_day_counts_whole_days_between_the_dates(tmp_path: Path) -> None:
    """Booked on March 1 for a pickup on March 3 at 10:00 is 2 days ahead, not 2.42."""
    path = tmp_path / "rentals.sqlite"
    model = _drafted(
        path,
        "CREATE TABLE reservations (reservation_id INTEGER PRIMARY KEY, booked_date TEXT, scheduled_pickup TEXT);"
        "INSERT INTO reservations VALUES (1, '2025-03-01', '2025-03-03 10:00'), (2, '2025-03-02', '2025-03-02 18:30');",
    )
    (name,) = [m.name for _t, m in model.metrics if read_duration_name(m.name)]
    sql = compile_request(model, Request("total", name), [], "sqlite").sql
    assert sqlite3.connect(path).execute(sql).fetchall() == [(1.0,)]


def test_a_table_with_many_dates_gets_no_duration_metrics(tmp_path: Path) -> None:
    """Six dates would make 15 pairs, crowding the catalog the model reads for every question."""
    columns = ", ".join(f"d{i}_date DATE" for i in range(MAX_DURATION_DATES + 1))
    model = _drafted(tmp_path / "many.sqlite", f"CREATE TABLE events (event_id INTEGER PRIMARY KEY, {columns})")
    assert not [m for _t, m in model.metrics if read_duration_name(m.name)]


Runner = Callable[[str], list[tuple]]


def _sqlite(tmp_path: Path) -> Iterator[tuple[str, Runner]]:
    connection = sqlite3.connect(tmp_path / "desk.sqlite")
    for statement in _statements("TEXT", "TEXT"):
        connection.execute(statement)
    yield "sqlite", lambda sql: connection.execute(sql).fetchall()
    connection.close()


def _duckdb(tmp_path: Path) -> Iterator[tuple[str, Runner]]:
    connection = duckdb.connect(str(tmp_path / "desk.duckdb"))
    for statement in _statements("TIMESTAMP", "DATE"):
        connection.execute(statement)
    yield "duckdb", lambda sql: connection.execute(sql).fetchall()
    connection.close()


def _server(variable: str, dialect: str, stamp: str) -> Callable[[Path], Iterator[tuple[str, Runner]]]:
    def connect(_tmp_path: Path) -> Iterator[tuple[str, Runner]]:
        engine = sqlalchemy.create_engine(require_server_url(variable))
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text("DROP TABLE IF EXISTS tickets"))
            connection.execute(sqlalchemy.text("DROP TABLE IF EXISTS invoices"))
            for statement in _statements(stamp, "DATE"):
                connection.execute(sqlalchemy.text(statement))
            yield dialect, lambda sql: [tuple(row) for row in connection.execute(sqlalchemy.text(sql))]
            connection.rollback()
        engine.dispose()

    return connect


@pytest.fixture(
    params=[
        _sqlite,
        _duckdb,
        _server("TABLETALK_TEST_POSTGRES_URL", "postgres", "TIMESTAMP"),
        _server("TABLETALK_TEST_MYSQL_URL", "mysql", "DATETIME"),
    ],
    ids=["sqlite", "duckdb", "postgres", "mysql"],
)
def runner(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Runner]]:
    yield from request.param(tmp_path)


def test_days_between_counts_fractions_of_a_day_on_each_dialect(runner: tuple[str, Runner]) -> None:
    dialect, run = runner
    days = days_between_sql("opened_at", "closed_at", dialect)
    got = dict(run(f"SELECT ticket_id, {days} FROM tickets ORDER BY ticket_id"))
    for ticket_id, _team, opened, closed in TICKETS:
        hours = _hours(opened, closed)
        assert (got[ticket_id] is None) if hours is None else float(got[ticket_id]) == pytest.approx(hours / 24)


def test_a_drafted_duration_compiles_to_the_average_per_group(tmp_path: Path, runner: tuple[str, Runner]) -> None:
    """Averaged over the rows that have both dates: the open ticket counts in no team's average."""
    dialect, run = runner
    schema, values = _desk_schema(tmp_path)
    desk = draft_model(replace(schema, dialect=dialect), values)  # as drafted from a warehouse of that dialect
    request = Request("total", "average_hours_from_opened_at_to_closed_at", group_by=("team",))
    got = dict(run(compile_request(desk, request, [], dialect).sql))
    expected = {"Billing": (6.5 + 36.0) / 2, "Network": 0.5}
    assert {team: float(hours) for team, hours in got.items()} == pytest.approx(expected)


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("How many days on average from invoice date to payment?", "average_days_from_invoice_date_to_paid_date"),
        ("How long do customers take to pay an invoice?", "average_days_from_invoice_date_to_paid_date"),
        ("Average hours between opening and closing a ticket, by team", "average_hours_from_opened_at_to_closed_at"),
        ("How many hours did tickets stay open before they were closed?", "average_hours_from_opened_at_to_closed_at"),
    ],
)
def test_a_question_naming_both_dates_and_a_time_finds_its_duration(
    desk: SemanticModel, question: str, metric: str
) -> None:
    found = duration_asked(question, desk)
    assert found is not None and found.metric == metric


def test_a_duration_in_hours_asked_for_in_days_is_answered_in_days(tmp_path: Path) -> None:
    """ "How long were tickets open on average, in days, from opening to closing": the hours metric's average in days,
    computed the same way (fractions of a day); a question in hours keeps the hours."""
    schema, values = _desk_schema(tmp_path)
    desk = draft_model(schema, values)
    asked = "How long were tickets open on average, in days, from opening to closing, by team?"
    found = duration_asked(asked, desk)
    assert found is not None and found.metric == "average_hours_from_opened_at_to_closed_at"
    in_days, model = in_the_unit_asked(found, asked, desk)
    assert in_days.metric == "average_days_from_opened_at_to_closed_at"
    request = Request("total", in_days.metric, group_by=("team",))
    with sqlite3.connect(tmp_path / "desk-schema.sqlite") as connection:
        got = dict(connection.execute(compile_request(model, request, [], "sqlite").sql).fetchall())
    assert got == pytest.approx({"Billing": (6.5 + 36.0) / 2 / 24, "Network": 0.5 / 24})
    in_hours = "How many hours from opening to closing a ticket, by team?"
    assert in_the_unit_asked(duration_asked(in_hours, desk), in_hours, desk)[1] is desk  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "question",
    [
        "How many invoices were paid in 2025?",  # no unit of time
        "How many days did tickets stay open?",  # one date named, and tickets' duration is in hours
        "How many hours from invoice date to payment?",  # invoices' dates hold no times of day
    ],
)
def test_a_question_without_both_dates_and_a_time_finds_none(desk: SemanticModel, question: str) -> None:
    assert duration_asked(question, desk) is None


def test_of_several_pairs_the_one_in_from_and_to_order_is_asked(tmp_path: Path) -> None:
    """ "From reporting the claim to closing it, by cause of loss": loss_date is named too, but not in the span."""
    model = _drafted(
        tmp_path / "claims.sqlite",
        "CREATE TABLE claims (claim_id INTEGER PRIMARY KEY, cause TEXT, loss_date DATE, reported_date DATE,"
        " closed_date DATE)",
    )
    question = (
        "How many days did it take on average from the customer reporting a claim to our closing it, by cause of loss?"
    )
    found = duration_asked(question, model)
    assert found is not None and found.metric == "average_days_from_reported_date_to_closed_date"
    # The span's words are the dates' description: "customer" names no customers table the request leaves out.
    assert set(found.words) == {"the", "customer", "reporting", "a", "claim", "our", "closing"}


def test_words_of_one_date_share_a_stem_in_any_form() -> None:
    assert stem("reporting") == stem("reported") == "repo"
    assert stem("paid") == stem("payment") == stem("paying") == "pay"
    assert stem("ended") == stem("end") == "end"
    assert stem("booking") == stem("booked") == "book"


def test_a_clause_keeping_only_rows_with_the_later_date_limits_nothing_more(desk: SemanticModel) -> None:
    """ "Only count invoices that have been paid": an invoice without a paid date has no duration to average."""
    found = duration_asked("How many days from invoice date to payment, on average?", desk)
    assert found is not None
    assert found.only_rows_that_end("Only count invoices that have been paid")
    assert not found.only_rows_that_end("Only count invoices that were sent by post")


def test_how_long_a_table_named_by_its_description_lasts(tmp_path: Path) -> None:
    """ "How many hours did a power cut last": the one duration of the table whose description opens with it."""
    model = _drafted(
        tmp_path / "grid.sqlite",
        """
        CREATE TABLE outages (
          -- Power cuts on our network, one row per outage.
          -- Unique outage identifier.
          outage_id INTEGER PRIMARY KEY,
          region TEXT,
          start_time TEXT,
          end_time TEXT
        );
        INSERT INTO outages VALUES (1, 'North', '2025-01-01 10:00', '2025-01-01 13:00');
        """,
    )
    found = duration_asked("How many hours did a power cut last on average, by region?", model)
    assert found is not None and found.metric == "average_hours_from_start_time_to_end_time"
    assert duration_asked("How many hours did the last power cut affect?", model) is None
    assert duration_asked("How many hours did a storm last?", model) is None


def test_a_span_naming_each_date_by_a_verb_its_description_uses_finds_the_duration(tmp_path: Path) -> None:
    """ "From the day the work order was raised to the day the work was finished": the columns are named
    reported_date and completed_date, and only their descriptions say raised and finished."""
    model = _drafted(
        tmp_path / "repairs.sqlite",
        """
        CREATE TABLE work_orders (
          -- Unique work order identifier.
          work_order_id INTEGER PRIMARY KEY,
          priority TEXT,
          -- Date the work order was raised.
          reported_date TEXT,
          -- Date the work was finished; NULL while it is open.
          completed_date TEXT,
          -- Date the invoice for the work was sent.
          billed_date TEXT
        );
        INSERT INTO work_orders VALUES (1, 'High', '2025-01-02', '2025-01-05', '2025-01-09');
        """,
    )
    asked = "How many days on average from the day the work order was raised to the day the work was finished?"
    found = duration_asked(asked, model)
    assert found is not None and found.metric == "average_days_from_reported_date_to_completed_date"
    assert {"raised", "finished"} <= set(found.words)
    backwards = "How many days on average from the day the work was finished to the day the work order was raised?"
    assert duration_asked(backwards, model) is None  # no duration runs from the later date to the earlier
    assert duration_asked("How many days from the day the order was raised to the day it was painted?", model) is None


def test_a_value_naming_the_later_date_or_the_table_is_no_filter(desk: SemanticModel) -> None:
    """ "Invoices that have been paid, in full or in part": 'Paid' is the event of paid_date, and 'Part paid' rows
    have a paid date too; the average already reads only rows that have one."""
    found = duration_asked("How many days from invoice date to payment, for invoices paid in full or in part?", desk)
    assert found is not None
    values = {"invoice_status": ("Paid",), "region": ("North",)}
    assert found.without_values_it_names(values) == {"region": ("North",)}


def test_a_duration_places_its_rows_in_a_period_by_one_of_its_own_dates(tmp_path: Path) -> None:
    """Claims have no date of their own: "settled in 2025" dates them by closing, not by the loss date first in
    the table (which "by cause of loss" seemed to name); invoices keep their invoice date."""
    model = _drafted(
        tmp_path / "claims.sqlite",
        "CREATE TABLE claims (claim_id INTEGER PRIMARY KEY, loss_date DATE, reported_date DATE, closed_date DATE);"
        "CREATE TABLE invoices (invoice_id INTEGER PRIMARY KEY, invoice_date DATE, paid_date DATE)",
    )
    claims = duration_asked("How many days from reporting a claim to closing it, by cause of loss?", model)
    assert claims is not None
    assert claims.dated_by("loss_date", model) == claims.dated_by("", model) == "closed_date"
    assert claims.dated_by("reported_date", model) == "reported_date"
    invoices = duration_asked("How many days from invoice date to payment?", model)
    assert invoices is not None and invoices.dated_by("", model) == ""  # the compiler's default: invoice_date
