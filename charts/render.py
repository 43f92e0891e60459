"""Draw a ChartSpec as a Plotly Express figure, in the app's look, with numbers as people read them."""

from __future__ import annotations

import re
import textwrap
import threading
import weakref
from collections import OrderedDict

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from pandas.api import types

from charts.choose import ChartSpec
from charts.format import format_part, format_period, humanize, is_percent_column, period_granularity
from charts.frame import classify, period_part, prepare
from charts.theme import app_template
from charts.units import CURRENCY_SYMBOLS, FRACTION, NO_UNITS, PERCENT, Units

FIGURE_KINDS = ("line", "bar", "pie", "scatter")
MAX_MARKERS = 60
LABEL_WIDTH = 16  # characters a category label gets per line under a bar
LABEL_LINES = 3
# Measures whose zero means nothing (a rank, a score, a year): their axis may start near the data.
_NO_NATURAL_ZERO = re.compile(r"(^|_)(rank|ranking|score|rating|index|temperature|temp|year|age|position)(_|$)", re.I)
_NAMED_PARTS = ("month", "quarter", "weekday")


DRAWN_CAPACITY = 64  # figures kept, the results of a long conversation
_drawn: OrderedDict[tuple[int, ChartSpec, tuple], tuple[weakref.ref[pd.DataFrame], go.Figure]] = OrderedDict()
_drawn_lock = threading.Lock()


def figure(df: pd.DataFrame, spec: ChartSpec, units: Units = NO_UNITS) -> go.Figure:
    """The Plotly figure for `spec`; ValueError when the kind has no figure or an axis is not in the result.

    Drawn once per result and spec: every rerun of the chat draws each earlier answer again (chart and
    export menu), and Plotly Express takes ~60 ms a figure, copying one ~25 ms. Each call gets its own copy,
    as callers may change it (the export adds a title)."""
    key = (id(df), spec, tuple(sorted(units.by_column.items())))
    with _drawn_lock:
        kept = _drawn.get(key)
    if kept is not None and kept[0]() is df:
        return go.Figure(kept[1])
    drawn = _draw(df, spec, units)
    with _drawn_lock:
        _drawn[key] = (weakref.ref(df), drawn)
        while len(_drawn) > DRAWN_CAPACITY:
            _drawn.popitem(last=False)
    return go.Figure(drawn)


def _draw(df: pd.DataFrame, spec: ChartSpec, units: Units = NO_UNITS) -> go.Figure:
    if spec.kind not in FIGURE_KINDS:
        raise ValueError(f"A {spec.kind!r} chart is not drawn as a figure.")
    frame = prepare(df)
    for axis in (spec.x, spec.y, spec.color):
        if axis is not None and axis not in frame.columns:
            raise ValueError(f"The result has no column {axis!r}.")
    if spec.x is None or spec.y is None:
        raise ValueError("This chart needs both axes.")
    labels = {column: _label(column, units) for column in frame.columns}
    look = app_template()  # given to Plotly Express, which picks the trace colours from it
    if spec.kind == "line":
        data = frame.sort_values(spec.x, kind="stable") if _ordered(frame[spec.x]) else frame
        fig = px.line(
            data, x=spec.x, y=spec.y, color=spec.color, labels=labels, markers=len(data) <= MAX_MARKERS, template=look
        )
        _label_axis(fig, data, spec.x)
        _measure_axis(fig, "y", spec.y, units, from_zero=_has_natural_zero(data, spec.y))
    elif spec.kind == "bar":
        data, order = _bars(frame, spec)
        fig = px.bar(data, x=spec.x, y=spec.y, color=spec.color, labels=labels, barmode="group", template=look)
        if order is not None:
            fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)
            _wrap_labels(fig, order)
        else:
            _label_axis(fig, data, spec.x)
        _measure_axis(fig, "y", spec.y, units, from_zero=True)
    elif spec.kind == "pie":
        fig = _pie(frame, spec, labels, units, look)
    else:
        hover = next((c for c in classify(frame).categories if c not in (spec.x, spec.y, spec.color)), None)
        fig = px.scatter(frame, x=spec.x, y=spec.y, color=spec.color, hover_name=hover, labels=labels, template=look)
        _measure_axis(fig, "x", spec.x, units, from_zero=False)
        _measure_axis(fig, "y", spec.y, units, from_zero=False)
    fig.update_layout(legend_title_text=labels.get(spec.color or "", ""))
    return fig


def _label(column: str, units: Units) -> str:
    """The axis title: "Weight (kg)"; money and percentages show their unit on the ticks instead."""
    unit = units.unit_of(column)
    if unit and unit not in CURRENCY_SYMBOLS and unit not in (PERCENT, FRACTION):
        return f"{humanize(column)} ({unit})"
    return humanize(column)


def _bars(frame: pd.DataFrame, spec: ChartSpec) -> tuple[pd.DataFrame, list[str] | None]:
    """Bars of categories, largest first; bars over time (or months, quarters) in time order (order None)."""
    assert spec.x is not None and spec.y is not None
    x = frame[spec.x]
    if types.is_datetime64_any_dtype(x):
        return frame, None
    part = period_part(frame, spec.x)
    if part in _NAMED_PARTS:
        ordered = frame.sort_values(spec.x, kind="stable")
        names = ordered[spec.x].map(lambda value: format_part(value, part))
        return ordered.assign(**{spec.x: names}), list(dict.fromkeys(names))
    data = _as_labels(frame, spec.x)
    if part is not None:
        return data, list(dict.fromkeys(data.sort_values(spec.x, key=lambda s: s.astype(float))[spec.x]))
    totals = data.groupby(spec.x, sort=False, dropna=False)[spec.y].sum()
    return data, [str(label) for label in totals.sort_values(ascending=False, kind="stable").index]


def _pie(
    frame: pd.DataFrame, spec: ChartSpec, labels: dict[str, str], units: Units, look: go.layout.Template
) -> go.Figure:
    data = _as_labels(frame, spec.x or "")
    fig = px.pie(data, names=spec.x, values=spec.y, labels=labels, hole=0.35, template=look)
    value = _hover_number(units.unit_of(spec.y or ""), spec.y or "", "value")
    fig.update_traces(
        sort=True,
        direction="clockwise",
        textinfo="percent",
        textposition="inside",
        insidetextorientation="horizontal",
        hovertemplate=f"%{{label}}<br>{labels.get(spec.y or '', '')}: {value} (%{{percent}})<extra></extra>",
        automargin=True,
    )
    return fig


def _label_axis(fig: go.Figure, data: pd.DataFrame, column: str) -> None:
    """Time ticks by the data's grain ("Mar 2024", "Q1 2024", "2024"); month and quarter numbers as names."""
    values = data[column].dropna()
    if values.empty:
        return
    part = period_part(data, column)
    if part in _NAMED_PARTS:
        ticks = sorted(values.unique())
        fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=[format_part(t, part) for t in ticks])
        return
    if not types.is_datetime64_any_dtype(values):
        return
    grain = period_granularity(values, column)
    points = values.nunique()
    if grain == "quarter" or (grain in ("month", "year") and points <= 12):
        ticks = [pd.Timestamp(t) for t in sorted(values.unique())]
        fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=_period_ticks(ticks, grain))
    elif grain == "month":
        fig.update_xaxes(tickformat="%b %Y")
    elif grain == "year":
        fig.update_xaxes(tickformat="%Y")
    else:
        fig.update_xaxes(tickformat="%b %d, %Y" if points > 1 else "%Y-%m-%d")


def _period_ticks(ticks: list[pd.Timestamp], grain: str) -> list[str]:
    """ "Jan<br>2024", "Feb", ... "Jan<br>2025": the year once, under the first tick and each new year's."""
    if grain == "year":
        return [str(t.year) for t in ticks]
    texts = []
    for position, stamp in enumerate(ticks):
        name = format_period(stamp, grain).removesuffix(f" {stamp.year}")
        new_year = position == 0 or stamp.year != ticks[position - 1].year
        texts.append(f"{name}<br>{stamp.year}" if new_year else name)
    return texts


def _measure_axis(fig: go.Figure, axis: str, column: str, units: Units, from_zero: bool) -> None:
    unit = units.unit_of(column) or (PERCENT if is_percent_column(column) else None)
    settings: dict[str, object] = {"hoverformat": ",.2~f"}
    if unit in CURRENCY_SYMBOLS:
        settings.update(tickprefix=CURRENCY_SYMBOLS[unit], hoverformat=",.2f")
    elif unit == FRACTION:
        settings.update(tickformat=".0%", hoverformat=".1%")
    elif unit == PERCENT:
        settings.update(ticksuffix="%", hoverformat=",.1f")
    if from_zero:
        settings["rangemode"] = "tozero"
    (fig.update_yaxes if axis == "y" else fig.update_xaxes)(**settings)
    prefix = CURRENCY_SYMBOLS.get(unit or "", "")
    suffix = "%" if unit == PERCENT else ""
    if prefix or suffix:  # the hover shows the unit too
        fig.for_each_trace(lambda trace: _unit_in_hover(trace, axis, prefix, suffix))


def _unit_in_hover(trace: go.BaseTraceType, axis: str, prefix: str, suffix: str) -> None:
    template = getattr(trace, "hovertemplate", None)
    if template:
        trace.hovertemplate = template.replace(f"%{{{axis}}}", f"{prefix}%{{{axis}}}{suffix}")


def _hover_number(unit: str | None, column: str, field: str) -> str:
    if unit in CURRENCY_SYMBOLS:
        return f"{CURRENCY_SYMBOLS[unit]}%{{{field}:,.2f}}"
    if unit == FRACTION:
        return f"%{{{field}:.1%}}"
    if unit == PERCENT or is_percent_column(column):
        return f"%{{{field}:,.1f}}%"
    return f"%{{{field}:,.2~f}}"


def _has_natural_zero(data: pd.DataFrame, column: str) -> bool:
    """Amounts and counts start their axis at zero, so a small swing does not look huge."""
    values = data[column].dropna()
    return not values.empty and bool((values >= 0).all()) and not _NO_NATURAL_ZERO.search(column)


def _wrap_labels(fig: go.Figure, order: list[str]) -> None:
    """Long category names on a few short lines (cut with "…" past that), so they fit under their bar."""
    if all(len(label) <= LABEL_WIDTH for label in order):
        return
    wrapped = [
        "<br>".join(textwrap.wrap(label, LABEL_WIDTH, max_lines=LABEL_LINES, placeholder="…") or [label])
        for label in order
    ]
    fig.update_xaxes(tickmode="array", tickvals=order, ticktext=wrapped)


def _ordered(series: pd.Series) -> bool:
    return types.is_datetime64_any_dtype(series) or types.is_numeric_dtype(series)


def _as_labels(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Numeric labels (ids, codes) as text, so the axis shows one bar per value rather than a number line."""
    if types.is_numeric_dtype(frame[column]) and not types.is_bool_dtype(frame[column]):
        frame = frame.assign(**{column: frame[column].map(_label_text)})
    return frame


def _label_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
