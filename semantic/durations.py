"""Durations between two dates of one row: "days from reporting a claim to closing it", "hours a power cut lasted".

A draft names each such metric `average_days_from_<earlier>_to_<later>` (or `average_hours_...` where the columns
hold times of day), and this module both writes that name and reads it back, so that a question naming the two
dates and a unit of time finds its metric without the model improvising a date difference.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp

_NAME = re.compile(r"(?P<unit>days|hours)_from_(?P<earlier>\w+?)_to_(?P<later>\w+)$")
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d\d")
# Words in a date column's name that say it is a date, not which one ("paid_date" is the date paid).
DATE_WORDS = frozenset({"date", "time", "timestamp", "datetime", "dt", "at", "on", "day", "ts"})


def holds_times_of_day(sql_type: str, samples: tuple[str, ...]) -> bool:
    kind = (sql_type or "").upper()
    return "TIME" in kind or any(_TIME_OF_DAY.search(sample) for sample in samples)


def duration_name(unit: str, earlier: str, later: str) -> str:
    return f"average_{unit}_from_{earlier}_to_{later}"


def read_duration_name(metric_name: str) -> tuple[str, str, str] | None:
    """(unit, earlier column, later column) of a duration metric's name, or None for any other metric."""
    found = _NAME.search(metric_name)
    return (found["unit"], found["earlier"], found["later"]) if found else None


def distinctive_words(column: str) -> list[str]:
    """What tells a date column from the others: "booked" of booked_date, "period start" of period_start."""
    return [word for word in column.lower().split("_") if word and word not in DATE_WORDS]


def calendar_date_sql(column: str, dialect: str) -> str:
    """The date part of a column that holds times of day (SQLite's CAST to DATE would keep only the year)."""
    if dialect == "sqlite":
        return f"DATE({column})"
    return exp.cast(sqlglot.parse_one(column, dialect=dialect), "DATE").sql(dialect=dialect)


def days_between_sql(earlier: str, later: str, dialect: str) -> str:
    """Days from `earlier` to `later` (column SQL) as a fraction where the values hold times of day."""
    if dialect == "sqlite":
        return f"(JULIANDAY({later}) - JULIANDAY({earlier}))"
    if dialect == "mysql":
        return f"(TIMESTAMPDIFF(SECOND, {earlier}, {later}) / 86400E0)"
    if dialect in ("postgres", "duckdb"):
        return f"(EXTRACT(EPOCH FROM (CAST({later} AS TIMESTAMP) - CAST({earlier} AS TIMESTAMP))) / 86400.0)"
    difference = exp.DateDiff(
        this=exp.cast(sqlglot.parse_one(later, dialect=dialect), "TIMESTAMP"),
        expression=exp.cast(sqlglot.parse_one(earlier, dialect=dialect), "TIMESTAMP"),
        unit=exp.var("SECOND"),
    )
    return f"({difference.sql(dialect=dialect)} / 86400.0)"
