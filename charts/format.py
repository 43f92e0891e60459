"""Words and numbers for people: column names as labels, values with separators, periods as dates."""

from __future__ import annotations

import calendar
import math
import re
from numbers import Number
from typing import Any

import pandas as pd

from charts.units import CURRENCY_SYMBOLS, FRACTION, PERCENT

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_PERCENT_NAME = re.compile(r"(^|_)(pct|percent|percentage)(_|$)", re.IGNORECASE)
_COMPACT = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def humanize(column: str) -> str:
    """`total_revenue` -> "Total revenue", `avgOrderValue` -> "Avg order value"."""
    words = _CAMEL.sub(" ", str(column)).replace("_", " ").split()
    text = " ".join(words).lower()
    return text[:1].upper() + text[1:] if text else str(column)


def noun(column: str) -> str:
    """The thing a label column names, singular: `product_name` -> "product", `category` -> "category"."""
    text = humanize(column).lower()
    return text.removesuffix(" name").removesuffix(" id") or text


def plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def is_percent_column(column: str) -> bool:
    return bool(_PERCENT_NAME.search(_CAMEL.sub("_", str(column))))


def is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value: Any, compact: bool = False) -> str:
    """1234.5 -> "1,234.50", 1234 -> "1,234"; with `compact`, 4_213_000 -> "4.2M" (from 10,000 up)."""
    if is_missing(value):
        return "no value"
    if isinstance(value, bool) or not isinstance(value, Number):
        return str(value)
    number = float(value)  # type: ignore[arg-type]
    if compact and abs(number) >= 10_000:
        for size, suffix in _COMPACT:
            if abs(number) >= size:
                return f"{number / size:,.1f}".removesuffix(".0") + suffix
    if math.isfinite(number) and number == round(number) and abs(number) < 1e15:
        return f"{int(round(number)):,}"
    if 0 < abs(number) < 1:
        return f"{number:.3g}"
    return f"{number:,.2f}"


def format_value(value: Any, column: str = "", compact: bool = False, unit: str | None = None) -> str:
    """A cell as text, in its unit: "$1,234.50", "12.5%" (a percentage column, or a fraction 0.125), "3.2 kg"."""
    if is_missing(value) or isinstance(value, bool) or not isinstance(value, Number):
        return format_number(value, compact)
    if unit is None and is_percent_column(column):
        unit = PERCENT
    if unit == FRACTION:
        return f"{float(value) * 100:,.1f}".removesuffix(".0") + "%"  # type: ignore[arg-type]
    if unit == PERCENT:
        return format_number(value, compact) + "%"
    if unit in CURRENCY_SYMBOLS:
        number = float(value)  # type: ignore[arg-type]
        # Money shows its cents ($1,234.00, $0.40), except yen and compact figures ($4.2M).
        text = format_number(abs(number), compact) if compact and abs(number) >= 10_000 else f"{abs(number):,.2f}"
        if unit == "JPY" and not compact:
            text = f"{abs(number):,.0f}"
        return ("-" if number < 0 else "") + CURRENCY_SYMBOLS[unit] + text
    text = format_number(value, compact)
    return f"{text} {unit}" if unit else text


def format_percent(fraction: float) -> str:
    percent = fraction * 100
    return f"{percent:.0f}%" if abs(percent) >= 10 else f"{percent:.1f}%"


def period_granularity(times: pd.Series, column: str = "") -> str:
    """ "year", "quarter", "month" or "day", from the values (and "quarter" only when the column says so)."""
    values = pd.to_datetime(times.dropna())
    if values.empty:
        return "day"
    on_midnight = bool((values == values.dt.normalize()).all())
    first_of_month = on_midnight and bool((values.dt.day == 1).all())
    if first_of_month and "quarter" in str(column).lower() and bool(values.dt.month.isin([1, 4, 7, 10]).all()):
        return "quarter"
    if first_of_month and values.nunique() > 1 and bool((values.dt.month == 1).all()):
        return "year"
    if first_of_month:
        return "month"
    return "day"


def format_period(value: Any, granularity: str) -> str:
    stamp = pd.Timestamp(value)
    if granularity == "year":
        return f"{stamp.year}"
    if granularity == "quarter":
        return f"Q{stamp.quarter} {stamp.year}"
    if granularity == "month":
        return stamp.strftime("%b %Y")
    return stamp.strftime("%Y-%m-%d")


def format_part(value: Any, part: str) -> str:
    """A date part without its year: month 3 -> "Mar", quarter 2 -> "Q2", week 7 -> "week 7"."""
    number = int(value)
    if part == "month":
        return calendar.month_abbr[number]
    if part == "quarter":
        return f"Q{number}"
    return f"{part} {number}"
