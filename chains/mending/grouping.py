"""A grouping the model wrote as a filter that keeps every row, or left out of a ranking.

"The maximum accelerate for all the different cylinders" written
`SELECT MAX(accelerate) FROM cars WHERE cylinders IN (SELECT DISTINCT cylinders FROM cars)`: the filter
holds for every row with a value, so the query returns one maximum where the question asks for one per
value. Read as what it asks: `SELECT cylinders, MAX(accelerate) FROM cars GROUP BY cylinders`.

"The country with the most car makers" written `SELECT country_name FROM countries JOIN car_makers ...
ORDER BY COUNT(*) DESC LIMIT 1`: a sort by a count of nothing grouped, which SQLite refuses ("misuse of
aggregate") and other databases answer with one arbitrary row: grouped by the columns it shows.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from connectors.joins import conjuncts, in_subquery, ordered_sources, source_of
from connectors.schema import Schema

_PER_VALUE = re.compile(r"\b(?:each|every|per|different|distinct|all|by)\b", re.IGNORECASE)


def repair_filter_for_grouping(sql: str, schema: Schema, question: str) -> str | None:
    """The aggregate grouped by the column a self-filling IN compares, or None when there is none."""
    if not _PER_VALUE.search(question):
        return None
    try:
        select = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(select, exp.Select) or select.args.get("group") or not _only_aggregates(select):
        return None
    where = select.args.get("where")
    conditions = conjuncts(where.this) if where else []
    found = next((c for c in conditions if _fills_itself(c, select, schema)), None)
    if found is None:
        return None
    column: exp.Column = found.this.copy()
    kept = [c for c in conditions if c is not found]
    select.set("where", exp.Where(this=exp.and_(*kept)) if kept else None)
    select.set("expressions", [column.copy(), *select.expressions])
    select.set("group", exp.Group(expressions=[column]))
    return select.sql(dialect=schema.dialect)


def repair_ungrouped_ranking(sql: str, schema: Schema) -> str | None:
    """The SQL grouped by its shown columns where it sorts by an aggregate and groups nothing, or None."""
    try:
        select = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(select, exp.Select) or select.args.get("group") or not select.args.get("order"):
        return None
    if not any(key.find(exp.AggFunc) for key in select.args["order"].expressions):
        return None
    shown = [s.unalias() for s in select.expressions]
    if any(s.find(exp.AggFunc) or not isinstance(s, exp.Column) for s in shown):
        return None
    select.set("group", exp.Group(expressions=[s.copy() for s in shown]))
    return select.sql(dialect=schema.dialect)


def _only_aggregates(select: exp.Select) -> bool:
    shown = [s.unalias() for s in select.expressions]
    return bool(shown) and all(isinstance(s, exp.AggFunc) for s in shown)


def _fills_itself(condition: exp.Expression, select: exp.Select, schema: Schema) -> bool:
    """`t.c IN (SELECT [DISTINCT] c FROM t)` with nothing else in the subquery: true of every row."""
    inner = in_subquery(condition)
    if inner is None or not isinstance(condition.this, exp.Column) or len(inner.expressions) != 1:
        return False
    if any(inner.args.get(part) for part in ("where", "joins", "group", "having", "limit")):
        return False
    shown = inner.expressions[0]
    outer_source = source_of(condition.this, ordered_sources(select, schema))
    inner_sources = ordered_sources(inner, schema)
    return (
        isinstance(shown, exp.Column)
        and shown.name.lower() == condition.this.name.lower()
        and outer_source is not None
        and len(inner_sources) == 1
        and inner_sources[0][1] is outer_source[1]
    )
