"""The app's look for every chart, on screen and in exported files alike.

The first colour is the app's primary colour (`[theme] primaryColor` in .streamlit/config.toml), so a
one-series chart is drawn in it everywhere. Margins grow to fit the labels (automargin) rather than cut them.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"
DEFAULT_PRIMARY = "#2563eb"
# After the primary: distinct hues that stay apart for the colour-blind as far as ten can.
SECONDARY_COLOURS = ("#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#06b6d4", "#ec4899", "#84cc16", "#64748b", "#f97316")
FONT = '"Source Sans 3", "Source Sans Pro", "Liberation Sans", "DejaVu Sans", Arial, sans-serif'
TEXT = "#31333f"
GRID = "#e6e8ee"


@lru_cache(maxsize=1)
def primary_colour() -> str:
    try:
        theme = tomllib.loads(CONFIG.read_text()).get("theme", {})
    except (OSError, tomllib.TOMLDecodeError):
        return DEFAULT_PRIMARY
    return str(theme.get("primaryColor", DEFAULT_PRIMARY))


@lru_cache(maxsize=1)
def app_template() -> go.layout.Template:
    axis = {
        "automargin": True,
        "gridcolor": GRID,
        "linecolor": "#c4c8d4",
        "zerolinecolor": "#c4c8d4",
        "title": {"standoff": 12},
        "ticks": "",
        "separatethousands": True,
        "exponentformat": "B",  # 1.2B rather than 1.2G
    }
    layout = go.Layout(
        colorway=[primary_colour(), *SECONDARY_COLOURS],
        font={"family": FONT, "size": 14, "color": TEXT},
        paper_bgcolor="white",
        plot_bgcolor="white",
        separators=".,",
        xaxis={**axis, "showgrid": False, "showline": True},
        yaxis=axis,
        legend={"title": {"font": {"size": 13}}, "font": {"size": 13}},
        hoverlabel={"font": {"family": FONT}},
        margin={"l": 16, "r": 16, "t": 24, "b": 16},
        title={"font": {"size": 20}, "x": 0, "xanchor": "left", "xref": "paper"},
    )
    return go.layout.Template(layout=layout)
