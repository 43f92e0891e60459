"""A sort the model put the wrong way round: the question says in which order ("from old to young", "in
descending order", "reverse alphabetical") and the query's one sort key runs the other way.

The words mean a direction only together with what is sorted: "from old to young" is `age DESC` but
`birth_date ASC`; "from newest to oldest" is `DESC` for a date and says nothing about a price. A sort key
whose kind the words do not fit is left alone, as is a question naming more than one order.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from chains.words import words_in_order
from connectors.joins import ordered_sources, sort_target, source_of
from connectors.schema import Column, Schema

# Each kind of sort key, and the words that put its larger values first or last.
_ANY, _AGE, _TIME = "any", "age", "time"
_LARGE_FIRST = {
    _ANY: r"(?:high|highest|large|largest|big|biggest|great|greatest|most|many|more|max|maximum)",
    _AGE: r"(?:old|oldest|older|elder|eldest)",
    _TIME: r"(?:new|newest|newer|recent|latest|late|later|last|young|youngest|younger)",
}
_SMALL_FIRST = {
    _ANY: r"(?:low|lowest|small|smallest|little|least|few|fewest|fewer|less|min|minimum)",
    _AGE: r"(?:young|youngest|younger)",
    _TIME: r"(?:old|oldest|older|early|earliest|earlier|first)",
}
_DESCENDING = re.compile(r"\b(?:descending|decreasing|reversed? (?:alphabetic|lexicographic)(?:al)?)\b", re.I)
_ASCENDING = re.compile(
    r"\b(?:ascending|increasing|(?<!reverse )(?<!reversed )(?:alphabetic|lexicographic)(?:al)?)\b", re.I
)
_THE = r"(?:the )?(?:most )?"  # "from the most recent to the oldest"
_TIME_WORDS = {"date", "time", "year", "day", "born", "birth", "birthday", "dob", "timestamp", "created", "opened"}


def repair_turned_order(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL with its one sort key turned to the order the question names, or None if nothing changed."""
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    order = tree.args.get("order") if isinstance(tree, exp.Select) else None
    if order is None or len(order.expressions) != 1:
        return None
    key: exp.Ordered = order.expressions[0]
    descending = _asked_direction(question, _kind_of(key.this, tree, schema))
    if descending is None or bool(key.args.get("desc")) == descending:
        return None
    key.set("desc", descending)
    key.set("nulls_first", _nulls_first_by_default(descending, schema.dialect))
    return tree.sql(dialect=schema.dialect)


def _nulls_first_by_default(descending: bool, dialect: str) -> bool:
    """Where the dialect puts NULLs in a sort this way, so the turned key is written without NULLS FIRST/LAST."""
    sort = sqlglot.parse_one(f"SELECT 1 ORDER BY 1 {'DESC' if descending else 'ASC'}", read=dialect)
    return bool(sort.args["order"].expressions[0].args.get("nulls_first"))


def _asked_direction(question: str, kind: str | None) -> bool | None:
    """True for descending, False for ascending, None when the question names no order, or more than one,
    or only words that do not fit what is sorted."""
    asked: set[bool] = set()
    if _DESCENDING.search(question):
        asked.add(True)
    if _ASCENDING.search(question):
        asked.add(False)
    for key_kind in (_ANY, kind) if kind and kind != _ANY else (_ANY,):
        large, small = _LARGE_FIRST[key_kind], _SMALL_FIRST[key_kind]
        if re.search(rf"\bfrom {_THE}{large} to {_THE}{small}\b", question, re.I):
            asked.add(True)
        if re.search(rf"\bfrom {_THE}{small} to {_THE}{large}\b", question, re.I):
            asked.add(False)
    return asked.pop() if len(asked) == 1 else None


def _kind_of(key: exp.Expression, select: exp.Select, schema: Schema) -> str | None:
    """What a sort key holds: an age, a point in time, anything else; None when it cannot be told."""
    while isinstance(key, exp.Alias):
        key = key.this
    key = sort_target(key, select)
    if isinstance(key, exp.AggFunc):
        key = key.this
    if not isinstance(key, exp.Column):
        return _ANY if key is not None and key.find(exp.Column) is None else None
    source = source_of(key, ordered_sources(select, schema))
    column = source[1].column(key.name) if source else None
    return _column_kind(column) if column is not None else None


def _column_kind(column: Column) -> str:
    words = set(words_in_order(column.name))
    if "age" in words and column.is_numeric:
        return _AGE
    if words & _TIME_WORDS or re.search(r"date|time", column.type, re.I):
        return _TIME
    return _ANY
