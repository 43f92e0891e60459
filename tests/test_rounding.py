"""The rounding a question asks for: read from its words, applied as SQL's ROUND does, and no number the
definitions path has to decline for."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from chains.by_definitions import _unplaced_numbers
from chains.rounding import asked_decimals, rounded
from semantic.request import Request


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("Share of revenue by channel in 2025? Round to 1 decimal place.", 1),
        ("Average basket size per store, rounded to 2 decimal places", 2),
        ("Growth in %, to two decimals", 2),
        ("Average order value, to the nearest whole number", 0),
        ("Revenue by region in 2024", None),
        ("Top 5 products in 2025", None),
    ],
)
def test_the_asked_decimals_are_read_from_the_question(question: str, places: int | None) -> None:
    assert asked_decimals(question) == places


def test_decimal_columns_are_rounded_half_away_from_zero_and_the_rest_kept() -> None:
    frame = pd.DataFrame({"region": ["A", "B", "C"], "orders": [3, 4, 5], "share": [30.25, 12.344, None]})
    out = rounded(frame, 1)
    assert out["share"].tolist()[:2] == [30.3, 12.3] and pd.isna(out["share"].iloc[2])
    assert out["orders"].tolist() == [3, 4, 5] and out["region"].tolist() == ["A", "B", "C"]
    assert frame["share"].iloc[0] == 30.25  # the input is left as it was
    numeric = pd.DataFrame({"share": [Decimal("12.345"), None]})  # PostgreSQL's NUMERIC
    assert rounded(numeric, 2)["share"].iloc[0] == 12.35


def test_an_asked_rounding_is_no_unplaced_number() -> None:
    request = Request("share", "revenue")
    assert (
        _unplaced_numbers("What share of 2025 revenue did each channel bring? Round to 1 decimal place.", request) == []
    )
    assert _unplaced_numbers("What share of orders shipped within 2 days? Round to 1 decimal place.", request) == ["2"]
