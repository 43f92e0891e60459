"""Rounding a question asks for ("rounded to 1 decimal place"), applied to an answer compiled from the business
definitions: the compiled SQL computes exact numbers, and the asked rounding is no threshold or count the
request would have to hold."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd

ASKED_DECIMALS = re.compile(
    r"\b(\d|one|two|three|four)\s+(?:decimal(?:\s+place)?s?|dp)\b|\bnearest\s+(?:whole\s+)?(?:number|integer)\b",
    re.I,
)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}


def asked_decimals(question: str) -> int | None:
    """The decimals the question asks its numbers rounded to, or None when it asks for none."""
    match = ASKED_DECIMALS.search(question)
    if match is None:
        return None
    if match.group(1) is None:
        return 0
    word = match.group(1).lower()
    return _WORDS.get(word) or int(word)


def rounded(frame: pd.DataFrame, places: int) -> pd.DataFrame:
    """The frame with its decimal columns (floats, or the Decimals PostgreSQL's NUMERIC arrives as) rounded half
    away from zero, as SQL's ROUND does (Python's and pandas' round take 30.25 to 30.2)."""
    out = frame.copy()
    for column in out.columns:
        if _holds_decimals(out[column]):
            out[column] = out[column].map(lambda value: round_half_up(value, places))
    return out


def _holds_decimals(values: pd.Series) -> bool:
    if pd.api.types.is_float_dtype(values):
        return True
    present = values.dropna()
    return values.dtype == object and len(present) > 0 and all(isinstance(v, Decimal) for v in present)


def round_half_up(value: float, places: int) -> float:
    """`value` rounded as SQL's ROUND does: half away from zero (30.25 -> 30.3); NULL stays NULL."""
    if pd.isna(value):
        return value
    try:
        exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
        return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    except InvalidOperation:  # inf
        return value
