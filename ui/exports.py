"""The Export menu under a result: the chart as PNG/SVG/PDF/HTML, the data as CSV/XLSX.

Files are made when their button is clicked (Streamlit's deferred download data), not on every rerun:
an image takes kaleido a second or two.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.choose import ChartSpec
from charts.render import FIGURE_KINDS, figure
from charts.units import NO_UNITS, Units
from exports.files import (
    CSV,
    HTML,
    IMAGE_FORMATS,
    XLSX,
    FileFormat,
    chromium_path,
    data_csv,
    data_xlsx,
    figure_html,
    figure_image,
    file_name,
    for_file,
)


def render_exports(
    data: pd.DataFrame, spec: ChartSpec, title: str, key: str, units: Units = NO_UNITS, tag: str = ""
) -> None:
    """`tag` ("answer 3", "answer 4 edited") goes into the file names, so two answers never share one."""
    with st.popover("Export", icon=":material/download:"):
        chart = _figure(data, spec, title, units)
        if chart is None:
            st.caption("No chart is drawn for this result: pick a chart kind to export it as an image.")
        else:
            if chromium_path() is None:
                st.caption("Image export needs Chromium on this machine; HTML, CSV and XLSX work without it.")
            else:
                for fmt in IMAGE_FORMATS.values():
                    _download(fmt, title, tag, _image_maker(chart, fmt.extension), key)
            _download(HTML, title, tag, lambda: figure_html(chart, title), key)
        _download(CSV, title, tag, lambda: data_csv(data), key)
        _download(XLSX, title, tag, lambda: data_xlsx(data), key)


def _figure(data: pd.DataFrame, spec: ChartSpec, title: str, units: Units) -> go.Figure | None:
    """The chart as drawn on screen, titled for a file."""
    if spec.kind not in FIGURE_KINDS or data.empty:
        return None
    try:
        return for_file(figure(data, spec, units), title)
    except ValueError:
        return None


def _image_maker(chart: go.Figure, extension: str) -> Callable[[], bytes]:
    return lambda: figure_image(chart, extension)


def _download(fmt: FileFormat, title: str, tag: str, make: Callable[[], bytes], key: str) -> None:
    st.download_button(
        fmt.label,
        data=make,
        file_name=file_name(title, fmt.extension, tag),
        mime=fmt.mime,
        key=f"{key}-{fmt.extension}",
        on_click="ignore",
        width="stretch",
    )
