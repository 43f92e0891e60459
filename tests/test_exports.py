"""Exported files opened and checked: PNG, SVG, PDF through kaleido and Debian's Chromium; HTML, CSV, XLSX."""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image

from charts.choose import ChartSpec
from charts.render import figure
from charts.theme import primary_colour
from charts.units import Units
from exports.files import (
    IMAGE_SCALE,
    IMAGE_SIZE,
    KALEIDO_OPTIONS,
    PDF_PAGE,
    ExportUnavailable,
    chromium_path,
    data_csv,
    data_xlsx,
    figure_html,
    figure_image,
    file_name,
    for_file,
    pdf_page,
)

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "exports"
# Each export passes its options (KALEIDO_OPTIONS) again; the shared browser of `one_browser` was started with them.
pytestmark = pytest.mark.filterwarnings("ignore:The kopts argument is ignored")

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


@pytest.fixture(scope="module")
def one_browser() -> Iterator[None]:
    """One kaleido browser for the module's images: 0.3 s an image instead of 3.5 s (a browser start each)."""
    import kaleido

    if chromium_path() is None:
        yield
        return
    os.environ.setdefault("BROWSER_PATH", chromium_path() or "")
    kaleido.start_sync_server(silence_warnings=True, **KALEIDO_OPTIONS)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def test_png_svg_and_pdf_are_real_images(chromium: str, one_browser: None) -> None:
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


def test_file_names_are_safe_and_tell_answers_apart() -> None:
    assert file_name("What was revenue in 2024? (by channel)", "png") == "what-was-revenue-in-2024-by-channel.png"
    assert file_name("../../etc/passwd", "csv") == "etc-passwd.csv"
    assert file_name("???", "xlsx") == "tabletalk.xlsx"
    first, edited = file_name("Revenue?", "png", "answer 1"), file_name("Revenue?", "png", "answer 2 edited")
    assert first == "revenue-answer-1.png" and edited == "revenue-answer-2-edited.png"


# Exports looked at: the hard cases for fitting (long names, millions, a long question as the title).
LONG_TITLE = "What was the total revenue by product category in 2025, and which categories sold the most?"
LOOKS = {
    "bar": (
        pd.DataFrame(
            {
                "product_category": ["Office Supplies and Stationery for Large Enterprises", "Electronics",
                                     "Furniture", "Appliances (kitchen, laundry and cleaning)", "Accessories"],
                "total_revenue": [1_234_567.891, 4_213_000.5, 2_950_000.0, 880_123.45, 3_100_000.0],
            }
        ),
        ChartSpec("bar", x="product_category", y="total_revenue"),
    ),
    "line": (
        pd.DataFrame(
            {
                "month": pd.date_range("2024-01-01", periods=12, freq="MS"),
                "revenue": [98_000_000 + 1_500_000 * i for i in range(12)],
            }
        ),
        ChartSpec("line", x="month", y="revenue"),
    ),
    "pie": (
        pd.DataFrame(
            {
                "region": ["North America", "Europe", "Asia Pacific and Oceania", "Latin America"],
                "revenue_share": [0.41, 0.29, 0.2, 0.1],
            }
        ),
        ChartSpec("pie", x="region", y="revenue_share"),
    ),
}  # fmt: skip
MIN_COLOUR_SHARE = {"bar": 0.05, "line": 0.001, "pie": 0.05}  # a line is thin
UNITS = Units({"total_revenue": "USD", "revenue": "USD", "revenue_share": "fraction"})


@pytest.mark.parametrize("kind", list(LOOKS))
def test_exports_look_like_the_app_and_every_label_fits(chromium: str, one_browser: None, kind: str) -> None:
    """Looked at, not just opened: the app's colour is in the PNG's pixels, every text of the SVG lies inside
    the canvas and no two texts overlap. The files stay in test-artifacts/exports/ to look at."""
    data, spec = LOOKS[kind]
    chart = for_file(figure(data, spec, UNITS), LONG_TITLE)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    png = figure_image(chart, "png")
    (ARTIFACTS / f"{kind}.png").write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (IMAGE_SIZE[0] * IMAGE_SCALE, IMAGE_SIZE[1] * IMAGE_SCALE)
    primary = tuple(int(primary_colour()[i : i + 2], 16) for i in (1, 3, 5))
    share = sum(count for count, colour in image.getcolors(maxcolors=1 << 20) if colour == primary) / (
        image.size[0] * image.size[1]
    )
    assert share > MIN_COLOUR_SHARE[kind], f"the app's colour {primary_colour()} covers {share:.1%} of the {kind} chart"
    svg = figure_image(chart, "svg").decode()
    (ARTIFACTS / f"{kind}.svg").write_text(svg)
    # The PDF's page is laid out like this SVG of the same size: its texts are checked the same way.
    page_svg = pdf_page(chart).to_image(format="svg", width=PDF_PAGE[0], height=PDF_PAGE[1]).decode()
    for layout, markup in (("picture", svg), ("PDF page", page_svg)):
        width, height, boxes = _text_boxes(markup)
        texts = [text for text, _box in boxes]
        assert any("total revenue by product category" in t for t in texts), texts
        for text, (left, top, right, bottom) in boxes:
            inside = left >= 0 and top >= 0 and right <= width and bottom <= height
            assert inside, f"{text!r} is cut off the {kind} chart's {layout}"
        for i, (text, box) in enumerate(boxes):
            for other, other_box in boxes[i + 1 :]:
                assert not _overlap(box, other_box), f"{text!r} overlaps {other!r} on the {kind} chart's {layout}"
    if kind == "bar":
        assert {"$4M", "$1M", "$0"} <= set(texts), texts  # dollars, millions, from zero
    if kind == "line":
        assert "Jan2024" in texts and "Dec" in texts, texts  # month names, the year once (two lines, one text)
    pdf = figure_image(chart, "pdf")
    (ARTIFACTS / f"{kind}.pdf").write_bytes(pdf)
    page = re.search(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert page and abs(float(page[1]) - 842) < 2 and abs(float(page[2]) - 595) < 2, "not an A4 landscape page"
    (ARTIFACTS / f"{kind}.html").write_bytes(figure_html(chart, LONG_TITLE))


def _text_boxes(svg: str) -> tuple[float, float, list[tuple[str, tuple[float, float, float, float]]]]:
    """The SVG's size and each visible text with its box, as Chromium lays them out."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
            measured = page.evaluate(
                """() => {
                    const root = document.querySelector('svg').getBoundingClientRect();
                    const boxes = [...document.querySelectorAll('text')]
                        .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none'
                                && getComputedStyle(t).opacity !== '0')
                        .map(t => { const r = t.getBoundingClientRect();
                            return [t.textContent.trim(), [r.left - root.left, r.top - root.top,
                                                           r.right - root.left, r.bottom - root.top]]; });
                    return [root.width, root.height, boxes];
                }"""
            )
        finally:
            browser.close()
    return measured[0], measured[1], [(text, tuple(box)) for text, box in measured[2]]


def _overlap(a: tuple[float, ...], b: tuple[float, ...], slack: float = 1.0) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def test_only_loopback_serves_without_sign_in() -> None:
    from governance.exposure import exposure_problem, is_loopback

    assert all(is_loopback(a) for a in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_loopback(a) for a in ("0.0.0.0", "", None, "192.168.1.5", "::", "app.example.com"))
    assert exposure_problem("127.0.0.1", "single") is None
    assert "without a sign-in" in (exposure_problem("0.0.0.0", "single") or "")
    assert "every network interface" in (exposure_problem(None, "single") or "")
    assert exposure_problem("0.0.0.0", "local") is None and exposure_problem("0.0.0.0", "oidc") is None
