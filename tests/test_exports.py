"""Exported files opened and checked: PNG, SVG, PDF through kaleido and Debian's Chromium; HTML, CSV, XLSX."""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pandas as pd
import pytest
from openpyxl import load_workbook

from charts.choose import ChartSpec
from charts.render import figure
from exports.files import ExportUnavailable, chromium_path, data_csv, data_xlsx, figure_html, figure_image, file_name

DATA = pd.DataFrame(
    {
        "channel": ["Online", "Retail", "Partner"],
        "revenue": [1250.5, 980.25, 310.0],
        "month": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]).tz_localize("UTC"),
    }
)
SPEC = ChartSpec("bar", x="channel", y="revenue")


@pytest.fixture
def chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: CI installs Debian's chromium for image export.")
        pytest.skip("Chromium is not installed here: image export cannot be tested.")
    return path


def test_png_svg_and_pdf_are_real_images(chromium: str) -> None:
    chart = figure(DATA, SPEC).update_layout(title="Revenue by channel")
    png = figure_image(chart, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
    svg = figure_image(chart, "svg")
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert b"Revenue by channel" in svg and b"Online" in svg
    pdf = figure_image(chart, "pdf")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def test_without_chromium_image_export_says_so_and_html_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    chart = figure(DATA, SPEC)
    with pytest.raises(ExportUnavailable, match="Chromium"):
        figure_image(chart, "png")
    assert b"<html" in figure_html(chart)


def test_html_is_self_contained(monkeypatch: pytest.MonkeyPatch) -> None:
    page = figure_html(figure(DATA, SPEC), title="Revenue <by> channel").decode()
    assert "<title>Revenue &lt;by&gt; channel</title>" in page
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js itself is inside
    # No tag loads anything (plotly.js's own code names CDNs for map tiles these charts never draw).
    assert _loaded_resources(page) == []


def _loaded_resources(page: str) -> list[str]:
    class Resources(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found += [value or "" for name, value in attrs if name in ("src", "href")]

    parser = Resources()
    parser.feed(page)
    return parser.found


def test_csv_and_xlsx_round_trip() -> None:
    csv = data_csv(DATA)
    assert csv.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert back["channel"].tolist() == ["Online", "Retail", "Partner"]
    assert back["revenue"].tolist() == [1250.5, 980.25, 310.0]

    sheet = load_workbook(io.BytesIO(data_xlsx(DATA))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("channel", "revenue", "month")
    assert rows[1][:2] == ("Online", 1250.5) and rows[1][2].year == 2024  # time zone dropped, date kept
    assert len(rows) == 4


def test_file_names_are_safe() -> None:
    assert file_name("What was revenue in 2024? (by channel)", "png") == "what-was-revenue-in-2024-by-channel.png"
    assert file_name("../../etc/passwd", "csv") == "etc-passwd.csv"
    assert file_name("???", "xlsx") == "tabletalk.xlsx"
