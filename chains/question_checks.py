"""Checks of the model's SQL against the question's own words: SQL that runs, but cannot be the answer.

"Which country has the most car makers?" answered by a query that ranks nothing (no ORDER BY, MAX or MIN)
lists every country: the model is asked again, told what the question asks for.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from chains.words import SUPERLATIVES

# A superlative; "at most" and "at least" are bounds, not rankings.
_SUPERLATIVE = re.compile(rf"\b(?<!at )({SUPERLATIVES})\b", re.IGNORECASE)


def unranked_superlative(question: str, sql: str, dialect: str) -> str | None:
    """Why the SQL cannot answer a question asking for the most or least of something, or None."""
    found = _SUPERLATIVE.search(question)
    if found is None:
        return None
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return None
    if tree.find(exp.Order, exp.Max, exp.Min, exp.Window) is not None:
        return None
    return (
        f'The question asks for the "{found.group(1).lower()}", but the query ranks nothing: sort with ORDER BY '
        "and keep the first rows with LIMIT, or compare with MAX()/MIN()."
    )
