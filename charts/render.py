"""Draw a ChartSpec as a Plotly Express figure."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from pandas.api import types

from charts.choose import ChartSpec
from charts.format import humanize
from charts.frame import classify, prepare

FIGURE_KINDS = ("line", "bar", "pie", "scatter")
MAX_MARKERS = 60
DRAWN_CAPACITY = 64  # figures kept, the results of a long conversation
_drawn: OrderedDict[tuple[int, ChartSpec], tuple[weakref.ref[pd.DataFrame], go.Figure]] = OrderedDict()
_drawn_lock = threading.Lock()


def figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """The Plotly figure for `spec`; ValueError when the kind has no figure or an axis is not in the result.

    Drawn once per result and spec: every rerun of the chat draws each earlier answer again (chart and
    export menu), and Plotly Express takes ~60 ms a figure, copying one ~25 ms. Each call gets its own copy,
    as callers may change it (the export adds a title)."""
    key = (id(df), spec)
    with _drawn_lock:
        kept = _drawn.get(key)
    if kept is not None and kept[0]() is df:
        return go.Figure(kept[1])
    drawn = _draw(df, spec)
    with _drawn_lock:
        _drawn[key] = (weakref.ref(df), drawn)
        while len(_drawn) > DRAWN_CAPACITY:
            _drawn.popitem(last=False)
    return go.Figure(drawn)


def _draw(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    if spec.kind not in FIGURE_KINDS:
        raise ValueError(f"A {spec.kind!r} chart is not drawn as a figure.")
    frame = prepare(df)
    for axis in (spec.x, spec.y, spec.color):
        if axis is not None and axis not in frame.columns:
            raise ValueError(f"The result has no column {axis!r}.")
    if spec.x is None or spec.y is None:
        raise ValueError("This chart needs both axes.")
    labels = {column: humanize(column) for column in frame.columns}
    if spec.kind == "line":
        data = frame.sort_values(spec.x, kind="stable") if _ordered(frame[spec.x]) else frame
        fig = px.line(data, x=spec.x, y=spec.y, color=spec.color, labels=labels, markers=len(data) <= MAX_MARKERS)
    elif spec.kind == "bar":
        data = _as_labels(frame, spec.x)
        fig = px.bar(data, x=spec.x, y=spec.y, color=spec.color, labels=labels, barmode="group")
    elif spec.kind == "pie":
        fig = px.pie(_as_labels(frame, spec.x), names=spec.x, values=spec.y, labels=labels, hole=0.35)
        fig.update_traces(sort=False, textinfo="percent+label")
    else:
        hover = next((c for c in classify(frame).categories if c not in (spec.x, spec.y, spec.color)), None)
        fig = px.scatter(frame, x=spec.x, y=spec.y, color=spec.color, hover_name=hover, labels=labels)
    fig.update_layout(margin={"l": 8, "r": 8, "t": 24, "b": 8}, legend_title_text=labels.get(spec.color or "", ""))
    return fig


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
