"""Make a query result chart-ready and sort its columns into times, measures and categories.

Databases hand back Decimals, `date` objects, month strings like '2024-01' and separate year and
month integer columns; charts and sentences need floats and one real date column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from numbers import Number

import pandas as pd
from pandas.api import types

_MONTH_TEXT = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")
_QUARTER_TEXT = re.compile(r"^\d{4}[- ]?Q[1-4]$", re.IGNORECASE)
_YEAR_NAME = re.compile(r"(^|_)(year|yr)$", re.IGNORECASE)
_MONTH_NAME = re.compile(r"(^|_)(month|mon)$", re.IGNORECASE)
_QUARTER_NAME = re.compile(r"(^|_)(quarter|qtr)$", re.IGNORECASE)
_ID_NAME = re.compile(r"(^id$|_id$|Id$)")
# Parts of a date without a year (month 1-12, ...): an ordered axis, drawn and described like time.
_PERIOD_PARTS: dict[str, tuple[re.Pattern[str], int, int]] = {
    "month": (_MONTH_NAME, 1, 12),
    "quarter": (_QUARTER_NAME, 1, 4),
    "week": (re.compile(r"(^|_)(week|wk|isoweek|iso_week)$", re.IGNORECASE), 1, 53),
    "weekday": (re.compile(r"(^|_)(weekday|dow|isodow|day_of_week|dayofweek)$", re.IGNORECASE), 0, 7),
    "day": (re.compile(r"(^|_)(day|day_of_month|dayofmonth)$", re.IGNORECASE), 1, 31),
    "hour": (re.compile(r"(^|_)(hour|hr)$", re.IGNORECASE), 0, 23),
}


@dataclass(frozen=True)
class Columns:
    times: list[str]
    measures: list[str]
    categories: list[str]


def prepare(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with numbers as floats, dates as datetimes, and year + month (or quarter) joined into one date.

    Idempotent: preparing a prepared frame changes nothing.
    """
    frame = df.copy()
    frame.columns = [str(c) for c in frame.columns]
    for column in frame.columns:
        frame[column] = _convert(frame[column])
    return _join_year_parts(frame)


def classify(frame: pd.DataFrame) -> Columns:
    """Sort the columns of a prepared frame. Identifier columns (`*_id`) are labels, not measures."""
    times, measures, categories = [], [], []
    for column in frame.columns:
        series = frame[column]
        if types.is_datetime64_any_dtype(series) or period_part(frame, column):
            times.append(column)
        elif types.is_numeric_dtype(series) and not types.is_bool_dtype(series) and not _ID_NAME.search(column):
            measures.append(column)
        else:
            categories.append(column)
    return Columns(times, measures, categories)


def period_part(frame: pd.DataFrame, column: str) -> str | None:
    """ "month", "quarter", "week", "weekday", "day" or "hour" for a whole-number column of that name and range."""
    for part, (name, lowest, highest) in _PERIOD_PARTS.items():
        if _whole_numbers(frame[[column]], name, lowest, highest) == column:
            return part
    return None


def _convert(series: pd.Series) -> pd.Series:
    if series.dtype != object:
        return series
    values = series.dropna()
    if values.empty:
        # All NULL: almost always an aggregate over no rows (SUM of nothing), so a number that is missing.
        return pd.to_numeric(series, errors="coerce").astype(float)
    if all(isinstance(v, (Number, Decimal)) and not isinstance(v, bool) for v in values):
        return pd.to_numeric(series, errors="coerce").astype(float)
    if all(isinstance(v, (dt.date, pd.Timestamp)) for v in values):
        return pd.to_datetime(series, errors="coerce")
    if all(isinstance(v, str) for v in values):
        text = values.str.strip()
        if text.str.match(_MONTH_TEXT).all():
            return pd.to_datetime(series, format="%Y-%m", errors="coerce")
        if text.str.match(_DATE_TEXT).all():
            return pd.to_datetime(series, errors="coerce")
        if text.str.match(_QUARTER_TEXT).all():
            periods = pd.PeriodIndex(series.str.replace(" ", "").str.replace("-", "").str.upper(), freq="Q")
            return pd.Series(periods.to_timestamp(), index=series.index)
    return series


def _join_year_parts(frame: pd.DataFrame) -> pd.DataFrame:
    year = _whole_numbers(frame, _YEAR_NAME, 1900, 2100)
    if year is None:
        return frame
    for pattern, highest, name, months_per_step in ((_MONTH_NAME, 12, "month", 1), (_QUARTER_NAME, 4, "quarter", 3)):
        part = _whole_numbers(frame, pattern, 1, highest)
        if part is not None:
            month = (frame[part] - 1) * months_per_step + 1
            stamps = pd.to_datetime({"year": frame[year], "month": month, "day": 1}, errors="coerce")
            position = list(frame.columns).index(year)
            joined = frame.drop(columns=[year, part])
            joined.insert(min(position, len(joined.columns)), _free_name(joined, name), stamps)
            return joined
    joined = frame.copy()
    joined[year] = pd.to_datetime({"year": frame[year], "month": 1, "day": 1}, errors="coerce")
    return joined


def _whole_numbers(frame: pd.DataFrame, name: re.Pattern[str], lowest: int, highest: int) -> str | None:
    """The first column whose name matches and whose values are all whole numbers in [lowest, highest]."""
    for column in frame.columns:
        series = frame[column]
        if not name.search(column) or not types.is_numeric_dtype(series) or types.is_bool_dtype(series):
            continue
        values = series.dropna()
        if not values.empty and bool((values == values.round()).all()) and values.between(lowest, highest).all():
            return column
    return None


def _free_name(frame: pd.DataFrame, name: str) -> str:
    return name if name not in frame.columns else f"{name}_start"
