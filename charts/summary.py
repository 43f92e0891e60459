"""One plain sentence about a result, computed from its rows: every number in it is in the data."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from charts.choose import MAX_BARS_FOR_TWO_MEASURES
from charts.format import (
    format_part,
    format_percent,
    format_period,
    format_value,
    humanize,
    is_percent_column,
    noun,
    period_granularity,
    plural,
)
from charts.frame import Columns, classify, period_part, prepare
from charts.units import NO_UNITS, Units

# Measures that do not add up across rows, so "x% of the total" would be meaningless.
_NOT_ADDITIVE = re.compile(
    r"(^|_)(avg|average|mean|median|min|max|minimum|maximum|rate|ratio|pct|percent|percentage|share|price|"
    r"margin|growth|per|rank|score)(_|$)",
    re.IGNORECASE,
)
_COUNT_NAME = re.compile(r"^(count|num|number|n)(_|$)|_count$", re.IGNORECASE)
_PERIOD_IN_QUESTION = re.compile(r"\b(?:in|during|for|of)\s+((?:q[1-4]\s+)?(?:19|20)\d{2})\b", re.IGNORECASE)
_PAST = re.compile(r"\b(was|were|did|had|last|ago|previous|(?:19|20)\d{2})\b", re.IGNORECASE)
_HOW_MANY = re.compile(r"\bhow many\b", re.IGNORECASE)
_WORDY = re.compile(r"^[A-Za-z][A-Za-z0-9 ]*$")
MIN_POINTS_FOR_CORRELATION = 3


def summarize(df: pd.DataFrame, question: str = "", truncated: bool = False, units: Units = NO_UNITS) -> str:
    frame = prepare(df)
    sentence = _sentence(frame, classify(frame), question, units)
    if truncated:
        sentence += f" Only the first {len(frame):,} rows came back, so this covers those rows."
    return sentence


def _sentence(frame: pd.DataFrame, cols: Columns, question: str, units: Units) -> str:
    if frame.empty:
        return "No rows matched."
    if len(frame) == 1:
        return _one_row(frame, cols, question, units)
    if cols.times and cols.measures:
        return _time_series(frame, cols, units)
    many_points = len(cols.measures) >= 2 and len(frame) > MAX_BARS_FOR_TWO_MEASURES
    if cols.categories and cols.measures and not many_points:
        return _by_category(frame, cols.categories[0], cols.measures[0], units, named=len(cols.measures) > 1)
    if len(cols.measures) >= 2:
        return _two_measures(frame, cols)
    return f"{len(frame):,} rows."


def _one_row(frame: pd.DataFrame, cols: Columns, question: str, units: Units) -> str:
    row = frame.iloc[0]
    if len(frame.columns) == 1:
        column = frame.columns[0]
        return _single_value(column, row[column], column in cols.measures, question, units.unit_of(column))
    labels = [str(row[c]) for c in cols.categories if pd.notna(row[c])]
    labels += [_period_text(frame, c)(row[c]) for c in cols.times if pd.notna(row[c])]
    parts = [f"{humanize(c).lower()}: {format_value(row[c], c, unit=units.unit_of(c))}" for c in cols.measures]
    if not parts:
        return _capital("; ".join(f"{humanize(c).lower()}: {row[c]}" for c in frame.columns)) + "."
    body = "; ".join(parts)
    return f"{', '.join(labels)}: {body}." if labels else _capital(body) + "."


def _single_value(column: str, value: object, numeric: bool, question: str, unit: str | None) -> str:
    label = humanize(column)
    shown = format_value(value, column, unit=unit)
    if not _WORDY.match(label):
        return f"The answer is {shown}."
    if not numeric:
        return f"{label}: {shown}."
    period = _period(question, label)
    if pd.isna(value):
        return f"{label}{period} has no value: no rows matched."
    whole = float(value) == round(float(value))
    if whole and (_COUNT_NAME.search(column) or _HOW_MANY.search(question)):
        what = _COUNT_NAME.sub("", column).strip("_")
        return f"{shown} {humanize(what).lower()}{period}." if what else f"The count{period} is {shown}."
    verb = "was" if _PAST.search(question) else "is"
    return f"{label}{period} {verb} {shown}."


def _time_series(frame: pd.DataFrame, cols: Columns, units: Units) -> str:
    time, measure = cols.times[0], cols.measures[0]
    period = _period_text(frame, time)
    data = frame.dropna(subset=[time, measure])
    if data.empty:
        return f"{len(frame):,} rows, none with a value for {humanize(measure).lower()}."
    start, end = (period(v) for v in (data[time].min(), data[time].max()))
    groups = [c for c in cols.categories if data[c].nunique() > 1]
    if groups:
        return f"From {start} to {end}, {_by_category(data, groups[0], measure, units)}"
    series = data.groupby(time, sort=True)[measure]
    points = series.sum() if _additive(measure) else series.mean()
    first, last = points.iloc[0], points.iloc[-1]
    what = humanize(measure).lower()
    unit = units.unit_of(measure)
    sentence = (
        f"From {start} to {end}, {what} went from {format_value(first, measure, unit=unit)} "
        f"to {format_value(last, measure, unit=unit)}"
    )
    peak_at = points.idxmax()
    if len(points) > 2 and peak_at not in (points.index[0], points.index[-1]):
        sentence += f" (peak in {period(peak_at)})"
    return sentence + "."


def _by_category(frame: pd.DataFrame, label: str, measure: str, units: Units, named: bool = False) -> str:
    """`named` adds which measure when the result holds several."""
    values = frame.dropna(subset=[measure])
    if values.empty:
        return f"{len(frame):,} rows, none with a value for {humanize(measure).lower()}."
    additive = _additive(measure)
    totals = values.groupby(label, sort=False)[measure].sum() if additive else values.set_index(label)[measure]
    top, top_value = totals.idxmax(), totals.max()
    count = frame[label].nunique()
    things = plural(noun(label)) if count != 1 else noun(label)
    shown = format_value(top_value, measure, compact=True, unit=units.unit_of(measure))
    tail = f"; {count:,} {things} in all."
    if additive and bool((totals >= 0).all()) and totals.sum() > 0:
        on = f" in {humanize(measure).lower()}" if named else ""
        return f"{top} leads{on} with {shown}, {format_percent(top_value / totals.sum())} of the total{tail}"
    return f"{top} has the highest {humanize(measure).lower()} ({shown}){tail}"


def _two_measures(frame: pd.DataFrame, cols: Columns) -> str:
    x, y = cols.measures[0], cols.measures[1]
    data = frame[[x, y]].dropna()
    rows = plural(noun(cols.categories[0])) if cols.categories else "rows"
    x_label, y_label = humanize(x).lower(), humanize(y).lower()
    if len(data) < MIN_POINTS_FOR_CORRELATION or data[x].nunique() < 2 or data[y].nunique() < 2:
        return f"{len(frame):,} {rows} with {x_label} and {y_label}."
    r = float(data[x].corr(data[y]))
    if r >= 0.5:
        relation = f"higher {x_label} goes with higher {y_label}"
    elif r <= -0.5:
        relation = f"higher {x_label} goes with lower {y_label}"
    else:
        relation = f"{x_label} and {y_label} show no strong relationship"
    return f"Across {len(data):,} {rows}, {relation} (correlation {r:.2f})."


def _period_text(frame: pd.DataFrame, column: str) -> Callable[[object], str]:
    part = period_part(frame, column)
    if part:
        return lambda value: format_part(value, part)
    grain = period_granularity(frame[column], column)
    return lambda value: format_period(value, grain)


def _additive(measure: str) -> bool:
    return not _NOT_ADDITIVE.search(measure) and not is_percent_column(measure)


def _period(question: str, label: str) -> str:
    match = _PERIOD_IN_QUESTION.search(question)
    if not match or match.group(1).lower() in label.lower():
        return ""
    return f" in {match.group(1).upper()}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
