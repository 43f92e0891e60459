"""A result as a table people read: headers in words, amounts rounded (never cut) in their unit, months by name.

Streamlit's NumberColumn cuts decimals off when given a `step` (269.5199 shows 269.51), so no step is given:
amounts are rounded here and shown with a rounding format.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.api import types

from charts.format import format_part, humanize, is_percent_column, period_granularity
from charts.frame import classify, period_part, prepare
from charts.units import FRACTION, NO_UNITS, PERCENT, Units

DECIMALS = 2
_CURRENCY_FORMATS = {"USD": "dollar", "EUR": "euro", "JPY": "yen"}
_DATE_FORMATS = {"year": "YYYY", "quarter": "[Q]Q YYYY", "month": "MMM YYYY", "day": "YYYY-MM-DD"}


def readable_table(data: pd.DataFrame, units: Units = NO_UNITS) -> tuple[pd.DataFrame, dict[str, object]]:
    """The rows to show and how to show each column."""
    prepared = prepare(data)
    measures = set(classify(prepared).measures)
    shown = data.copy()
    config: dict[str, object] = {}
    for column in data.columns:
        label, series = humanize(str(column)), data[column]
        part = period_part(prepared, column) if column in prepared.columns else None
        if part in ("month", "quarter", "weekday"):
            shown[column] = prepared[column].map(lambda v, p=part: format_part(v, p) if pd.notna(v) else None)
            config[column] = st.column_config.TextColumn(label)
        elif types.is_datetime64_any_dtype(series) and _all_midnight(series):
            grain = period_granularity(series, str(column))
            config[column] = st.column_config.DatetimeColumn(label, format=_DATE_FORMATS[grain])
        elif column in measures:
            shown[column], config[column] = _measure(prepared[column], str(column), label, units.unit_of(column))
        else:
            config[column] = st.column_config.Column(label)
    return shown, config


def _measure(values: pd.Series, column: str, label: str, unit: str | None) -> tuple[pd.Series, object]:
    rounded = values.round(DECIMALS)
    if unit in _CURRENCY_FORMATS:
        return rounded, st.column_config.NumberColumn(label, format=_CURRENCY_FORMATS[unit])
    if unit == FRACTION:
        return values.round(DECIMALS + 2), st.column_config.NumberColumn(label, format="percent")
    if unit == PERCENT or (unit is None and is_percent_column(column)):
        return rounded, st.column_config.NumberColumn(label, format="%.2f%%")
    if unit:
        label = f"{label} ({unit})"
    # Rounded here, "localized" adds thousands separators and shows at most the decimals left.
    return rounded, st.column_config.NumberColumn(label, format="localized")


def _all_midnight(series: pd.Series) -> bool:
    values = series.dropna()
    return bool((values == values.dt.normalize()).all())
