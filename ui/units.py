"""The units of an answer's columns, for its chart, table and sentence (see charts.units)."""

from __future__ import annotations

import streamlit as st

from charts.units import NO_UNITS, Units, result_units
from connectors.errors import WarehouseError
from ui.resources import warehouse_for


@st.cache_data(max_entries=256, ttl=600, show_spinner=False)  # a re-read schema counts within minutes
def answer_units(sql: str | None, warehouse_url: str | None) -> Units:
    """From the column comments of the warehouse the SQL ran on; none when its schema cannot be read."""
    if not sql:
        return NO_UNITS
    try:
        schema = warehouse_for(warehouse_url).schema()
    except WarehouseError:
        return NO_UNITS
    return result_units(sql, schema)
