"""Which chart fits a result: decided by code from the columns' types and the question's words."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from charts.frame import Columns, classify, prepare
from charts.intent import mentioned_kind

KINDS = ("line", "bar", "pie", "scatter", "number", "table")
KIND_LABELS = {
    "line": "Line",
    "bar": "Bar",
    "pie": "Pie",
    "scatter": "Scatter",
    "number": "Big number",
    "table": "No chart",
}
MAX_PIE_PARTS = 6
MAX_COLOR_GROUPS = 12
# Past this many labelled rows with two measures, points say more than bars.
MAX_BARS_FOR_TWO_MEASURES = 25
_SHARE_WORDS = re.compile(
    r"\b(share|shares|proportion|proportions|percent|percentage|percentages|pct|breakdown|split|"
    r"distribution|mix|portion|fraction|contribution|of (the )?total)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: `x` is the label/time axis (pie: the slice names), `y` the measure (pie: the slice sizes)."""

    kind: str
    x: str | None = None
    y: str | None = None
    color: str | None = None


def choose_chart(df: pd.DataFrame, question: str = "") -> ChartSpec:
    frame = prepare(df)
    requested = mentioned_kind(question)
    if requested:
        spec = chart_as(frame, requested)
        if spec.kind == requested:
            return spec
    return _automatic(frame, question)


def chart_as(df: pd.DataFrame, kind: str, current: ChartSpec | None = None) -> ChartSpec:
    """The same result drawn as `kind`, keeping the current axes where they still fit.

    Falls back to "table" when the result has nothing to draw, and from "number" to the automatic
    choice when there is more than one row.
    """
    frame = prepare(df)
    cols = classify(frame)
    if kind not in KINDS:
        raise ValueError(f"Unknown chart kind {kind!r}: choose one of {', '.join(KINDS)}.")
    if kind == "table" or frame.empty or not cols.measures:
        return ChartSpec("table")
    keep_y = current.y if current and current.y in cols.measures else None
    y = keep_y or cols.measures[0]
    if kind == "number":
        return ChartSpec("number", y=y) if len(frame) == 1 else _automatic(frame, "")
    if kind == "scatter":
        others = [m for m in cols.measures if m != y]
        if current and current.x in others:
            x = current.x
        else:
            x = others[0] if others else _label_axis(cols, prefer_time=True) or y
        return ChartSpec("scatter", x=x, y=y, color=_groups(frame, cols.categories, exclude=x))
    prefer_time = kind == "line"
    keep_x = current.x if current and current.x in frame.columns and current.x not in cols.measures else None
    x = keep_x or _label_axis(cols, prefer_time) or (current.x if current else None)
    if kind == "pie":
        return ChartSpec("pie", x=x, y=y)
    return ChartSpec(kind, x=x, y=y, color=_groups(frame, cols.categories, exclude=x))


def saved_chart(df: pd.DataFrame, saved: dict[str, str | None], question: str = "") -> ChartSpec:
    """The chart a user saved, on today's result: as saved where its columns still exist, else the
    nearest fit of the same kind (the SQL may have been edited since)."""
    kind = saved.get("kind")
    if kind not in KINDS:
        return choose_chart(df, question)
    spec = ChartSpec(kind, x=saved.get("x"), y=saved.get("y"), color=saved.get("color"))
    columns = set(prepare(df).columns)
    if all(axis is None or axis in columns for axis in (spec.x, spec.y, spec.color)) and kind in available_kinds(df):
        return spec
    return chart_as(df, kind, spec)


def available_kinds(df: pd.DataFrame) -> list[str]:
    """The chart kinds that make sense for this result, "table" (no chart) always among them."""
    frame = prepare(df)
    cols = classify(frame)
    if frame.empty or not cols.measures:
        return ["table"]
    if len(frame) == 1:
        return ["number", "bar", "table"]
    return ["line", "bar", "pie", "scatter", "table"]


def wants_shares(question: str, columns: list[str]) -> bool:
    text = " ".join([question, *(c.replace("_", " ") for c in columns)])
    return bool(_SHARE_WORDS.search(text))


def _automatic(frame: pd.DataFrame, question: str) -> ChartSpec:
    cols = classify(frame)
    if frame.empty or not cols.measures:
        return ChartSpec("table")
    y = cols.measures[0]
    if len(frame) == 1:
        return ChartSpec("number", y=y)
    if cols.times:
        x = cols.times[0]
        return ChartSpec("line", x=x, y=y, color=_groups(frame, cols.categories, exclude=x))
    if cols.categories:
        x = cols.categories[0]
        if _fits_pie(frame, x, y) and wants_shares(question, list(frame.columns)):
            return ChartSpec("pie", x=x, y=y)
        if len(cols.measures) >= 2 and len(frame) > MAX_BARS_FOR_TWO_MEASURES:
            return ChartSpec("scatter", x=cols.measures[0], y=cols.measures[1], color=_groups(frame, cols.categories))
        return ChartSpec("bar", x=x, y=y, color=_groups(frame, cols.categories, exclude=x))
    if len(cols.measures) >= 2:
        return ChartSpec("scatter", x=cols.measures[0], y=cols.measures[1])
    return ChartSpec("table")


def _fits_pie(frame: pd.DataFrame, names: str, values: str) -> bool:
    sizes = frame[values].dropna()
    return (
        frame[names].nunique() <= MAX_PIE_PARTS
        and len(frame) <= MAX_PIE_PARTS
        and not sizes.empty
        and bool((sizes >= 0).all())
        and sizes.sum() > 0
    )


def _label_axis(cols: Columns, prefer_time: bool) -> str | None:
    order = [*cols.times, *cols.categories] if prefer_time else [*cols.categories, *cols.times]
    return order[0] if order else None


def _groups(frame: pd.DataFrame, categories: list[str], exclude: str | None = None) -> str | None:
    """A second label column to colour by, when it splits the rows into a few groups."""
    for column in categories:
        if column != exclude and 1 < frame[column].nunique() <= MAX_COLOR_GROUPS:
            return column
    return None
