"""The Usage page's charts and table: days on a calendar axis that reads right for one day or a hundred."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from charts.theme import app_template

DAY_MS = 86_400_000
SERIES = {"median_seconds": "Median", "p95_seconds": "Slowest 5% (95th percentile)"}
USAGE_COLUMNS = {
    "day": st.column_config.DateColumn("Day", format="YYYY-MM-DD"),
    "questions": st.column_config.NumberColumn("Questions", format="localized"),
    "answered": st.column_config.NumberColumn("Answered", format="percent", help="The query ran and returned rows."),
    "median_seconds": st.column_config.NumberColumn("Median seconds", format="%.1f"),
    "p95_seconds": st.column_config.NumberColumn("95th percentile seconds", format="%.1f"),
    "prompt_tokens": st.column_config.NumberColumn("Prompt tokens", format="localized"),
    "completion_tokens": st.column_config.NumberColumn("Completion tokens", format="localized"),
    "hosted_cost_usd": st.column_config.NumberColumn("Hosted API cost", format="dollar"),
}


def usage_chart(daily: pd.DataFrame, what: str) -> go.Figure:
    """ "questions": a bar a day; "seconds": median and 95th percentile lines."""
    data = daily.assign(day=pd.to_datetime(daily["day"]))
    if what == "questions":
        fig = px.bar(data, x="day", y="questions", template=app_template(), labels={"questions": "Questions"})
        fig.update_traces(width=DAY_MS * 0.8)  # a day wide, also when there is only one day to measure by
        fig.update_yaxes(tickformat=",d", dtick=1 if data["questions"].max() <= 10 else None)  # whole questions
    else:
        long = data.melt(id_vars="day", value_vars=list(SERIES), var_name="series", value_name="seconds")
        long["series"] = long["series"].map(SERIES)
        fig = px.line(
            long, x="day", y="seconds", color="series", markers=True, template=app_template(),
            labels={"seconds": "Seconds", "series": ""},
        )  # fmt: skip
        fig.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"})
    _day_axis(fig, data["day"])
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(legend_title_text="")
    return fig


def _day_axis(fig: go.Figure, days: pd.Series) -> None:
    """Whole days only: one label a day while they fit, a day's width either side of a single day."""
    first, last = days.min(), days.max()
    span = (last - first).days
    fig.update_xaxes(
        title_text="",
        tickformat="%b %d, %Y" if span < 1 else "%b %d",
        dtick=DAY_MS if span <= 14 else None,
        range=[first - pd.Timedelta(days=1), last + pd.Timedelta(days=1)],
    )
