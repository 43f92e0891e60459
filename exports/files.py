"""Turn a chart or a result into the bytes of a file, made on this machine only.

Images go through kaleido, which drives a local Chromium (Debian's package). Nothing here downloads a
browser or loads plotly.js or MathJax from a CDN: the HTML file embeds plotly.js so it opens offline.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import textwrap
from dataclasses import dataclass

import kaleido
import pandas as pd
import plotly.graph_objects as go

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# A 16:9 picture laid out at 800 x 450 and drawn at twice the pixels: 1600 x 900, text legible on a slide.
IMAGE_SIZE = (800, 450)
IMAGE_SCALE = 2
# PDF: one A4 landscape page (297 x 210 mm at 96 px per inch). Plotly draws axis labels inside the margins,
# so the left and bottom ones hold the labels and still leave a printer's white border (about 1 cm).
PDF_PAGE = (1123, 794)
PDF_MARGINS = {"l": 120, "r": 48, "b": 120}  # the top grows to fit the title (automargin)
TITLE_WIDTH = 70  # characters a title line gets before it wraps
XLSX_SHEET = "Result"
# The export's Chromium must call nothing outside this machine; the browser test's socket watch saw it ask the
# DNS server. Two reasons, both closed: kaleido's page loads MathJax from a CDN unless told not to (charts here
# never typeset LaTeX), and Chromium's own background networking resolves hosts. A proxy at a closed loopback
# port (9, discard) leaves Chromium nothing to resolve and nowhere to go; the figure comes from local files.
KALEIDO_OPTIONS = {"mathjax": False, "proxy_server": "127.0.0.1:9"}


@dataclass(frozen=True)
class FileFormat:
    extension: str
    mime: str
    label: str


IMAGE_FORMATS = {
    "png": FileFormat("png", "image/png", "PNG image"),
    "svg": FileFormat("svg", "image/svg+xml", "SVG image"),
    "pdf": FileFormat("pdf", "application/pdf", "PDF"),
}
HTML = FileFormat("html", "text/html", "Interactive HTML")
CSV = FileFormat("csv", "text/csv", "CSV")
XLSX = FileFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)")


class ExportUnavailable(RuntimeError):
    """This export cannot be made on this machine; the message says why and what still works."""


def chromium_path() -> str | None:
    """The browser kaleido will use: BROWSER_PATH if set, else the first Chromium on PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if os.path.exists(configured) else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def for_file(figure: go.Figure, title: str = "") -> go.Figure:
    """A copy of the chart as a file shows it: titled (a file has no chat around it to say what it shows), on
    white, every margin free to grow to fit its labels and the title."""
    chart = go.Figure(figure)
    if title:
        text = "<br>".join(textwrap.wrap(title, TITLE_WIDTH, max_lines=2, placeholder="…"))
        title_box = {"text": text, "automargin": True, "yref": "paper", "y": 1, "yanchor": "bottom", "pad": {"b": 16}}
        chart.update_layout(title=title_box)
    return chart


def figure_image(figure: go.Figure, extension: str) -> bytes:
    if extension not in IMAGE_FORMATS:
        raise ValueError(f"Unknown image format {extension!r}: choose one of {', '.join(IMAGE_FORMATS)}.")
    browser = chromium_path()
    if browser is None:
        raise ExportUnavailable(
            "Image export needs Chromium on this machine (Debian: apt install chromium), and it was not found. "
            "HTML, CSV and XLSX exports still work."
        )
    os.environ.setdefault("BROWSER_PATH", browser)
    try:
        return _image(figure, extension)
    except Exception as error:  # noqa: BLE001 - kaleido's failures are many and all mean "no image"
        raise ExportUnavailable(
            f"The {extension.upper()} image could not be made ({error}). HTML, CSV and XLSX exports still work."
        ) from error


def pdf_page(figure: go.Figure) -> go.Figure:
    """The chart laid out on the PDF's page (its size is `PDF_PAGE`)."""
    return go.Figure(figure).update_layout(margin=PDF_MARGINS)


def _image(figure: go.Figure, extension: str) -> bytes:
    if extension == "pdf":
        return _kaleido(pdf_page(figure), {"format": "pdf", "width": PDF_PAGE[0], "height": PDF_PAGE[1], "scale": 1})
    width, height = IMAGE_SIZE
    scale = IMAGE_SCALE if extension == "png" else 1
    return _kaleido(figure, {"format": extension, "width": width, "height": height, "scale": scale})


def _kaleido(figure: go.Figure, options: dict[str, object]) -> bytes:
    """Kaleido called directly: `Figure.to_image` cannot turn MathJax off (see KALEIDO_OPTIONS)."""
    return kaleido.calc_fig_sync(figure.to_dict(), opts=options, kopts=dict(KALEIDO_OPTIONS))


def figure_html(figure: go.Figure, title: str = "") -> bytes:
    """One self-contained page: plotly.js inside, no network needed to open it."""
    page = figure.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})
    if title:
        page = page.replace("<head>", f"<head><title>{_escape(title)}</title>", 1)
    return page.encode()


def data_csv(data: pd.DataFrame) -> bytes:
    # utf-8-sig: Excel opens it with the right accents when double-clicked.
    return data.to_csv(index=False).encode("utf-8-sig")


def data_xlsx(data: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame = data.copy()
    for column in frame.columns:  # Excel has no time zones
        if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            frame[column] = frame[column].dt.tz_localize(None)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=XLSX_SHEET)
    return buffer.getvalue()


def file_name(title: str, extension: str, tag: str = "") -> str:
    """A safe, readable file name from a question or title; `tag` ("answer-3") tells apart the files of two
    answers to the same question."""
    stem = _slug(title)[:60].rstrip("-") or "tabletalk"
    return f"{stem}-{_slug(tag)}.{extension}" if _slug(tag) else f"{stem}.{extension}"


def _slug(text: str) -> str:
    return re.sub(r"[^\w\-]+", "-", text.strip().lower()).strip("-")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
