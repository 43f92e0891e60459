"""A count the query shows although the question asks only for what it ranks.

"Which year had the most concerts?" written `SELECT year, COUNT(*) AS n ... ORDER BY n DESC LIMIT 1`: the
question asks for the year; the count only decides which. Shown unasked, it is an extra column where the
answer is one value. The count stays in the ORDER BY; it leaves the SELECT unless the question asks for it
("how many", "the number of enrollments", "what is the maximum number of times").
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from chains.words import AMOUNT_SUPERLATIVES
from connectors.joins import sort_target
from connectors.schema import Schema

_SUPERLATIVE = rf"(?:{AMOUNT_SUPERLATIVES})"
# "offers the most number of degrees" ranks by a number; "what is the maximum number of times" asks for it.
_RANKING_NUMBER = re.compile(
    rf"\b(?!(?:is|was|are|were|the|show|give|find|list|return|report|tell)\b)\w+\s+(?:the\s+)?{_SUPERLATIVE}"
    rf"\s+number\s+of\b|\b{_SUPERLATIVE}\s+times\b",
    re.I,
)
_ASKS_FOR_COUNT = re.compile(r"\b(?:how many|number|count|counts|times|total|amount|frequency|tally)\b", re.I)


def drop_unasked_rank_counts(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL without a shown COUNT that only ranks a top-N the question asks for, or None."""
    if _ASKS_FOR_COUNT.search(_RANKING_NUMBER.sub(" ", question)):
        return None
    try:
        select = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(select, exp.Select) or not select.args.get("limit") or not select.args.get("order"):
        return None
    ranked = {sort_target(key.this, select).sql() for key in select.args["order"].expressions}
    shown = [s for s in select.expressions if isinstance(s.unalias(), exp.Count) and s.unalias().sql() in ranked]
    if not shown or len(shown) == len(select.expressions) or any(_named_elsewhere(select, s) for s in shown):
        return None
    for selected in shown:
        if isinstance(selected, exp.Alias):
            _inline_alias(select, selected)
        selected.pop()
    return select.sql(dialect=schema.dialect)


def _named_elsewhere(select: exp.Select, selected: exp.Expression) -> bool:
    """Whether a HAVING or GROUP BY reads the shown expression by its alias."""
    if not isinstance(selected, exp.Alias):
        return False
    parts = [select.args.get("having"), select.args.get("group")]
    return any(c.name.lower() == selected.alias.lower() for p in parts if p for c in p.find_all(exp.Column))


def _inline_alias(select: exp.Select, selected: exp.Alias) -> None:
    """Sorts by the alias of a shown expression about to be dropped: by the expression itself instead."""
    for key in select.args["order"].expressions:
        if isinstance(key.this, exp.Column) and not key.this.table and key.this.name.lower() == selected.alias.lower():
            key.set("this", selected.this.copy())
