"""The unit of each result column (USD, %, kg ...), so amounts read as "$1,234.50" rather than "1,234.5".

`Units.unit_of(column)` is the one question charts, tables and sentences ask. Today its answers come from
the warehouse's column comments ("Revenue of the line after discount, in USD") followed through the SQL
that made the column; a semantic model can fill the same object later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import Scope, build_scope

from connectors.schema import Schema

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
PERCENT = "%"  # values already in percent: 12.5 means 12.5%
FRACTION = "fraction"  # values as a share of one: 0.125 means 12.5%
_DIMENSIONLESS = (PERCENT, FRACTION)
_WORDS = {
    "usd": "USD", "us dollars": "USD", "dollars": "USD", "eur": "EUR", "euros": "EUR", "euro": "EUR",
    "gbp": "GBP", "pounds sterling": "GBP", "jpy": "JPY", "yen": "JPY", "chf": "CHF", "cad": "CAD", "aud": "AUD",
    "percent": PERCENT, "percentage points": PERCENT, "%": PERCENT, "kg": "kg", "kilograms": "kg", "km": "km",
    "kilometres": "km", "kilometers": "km", "hours": "hours", "minutes": "minutes", "seconds": "seconds",
    "days": "days",
}  # fmt: skip
_IN_UNIT = re.compile(r"\bin\s+(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")(?![\w])")
_AS_FRACTION = re.compile(r"\b(as a|a) (fraction|share|proportion)\b|\bfrom 0 (\(\w+\) )?to 1\b", re.IGNORECASE)


@dataclass(frozen=True)
class Units:
    by_column: Mapping[str, str] = field(default_factory=dict)

    def unit_of(self, column: str) -> str | None:
        return self.by_column.get(str(column))


NO_UNITS = Units()


def unit_in_comment(comment: str | None) -> str | None:
    """ "Revenue of the line, in USD" -> "USD"; "Discount as a fraction of the list price" -> "fraction"."""
    if not comment:
        return None
    if match := _IN_UNIT.search(comment.lower()):
        return _WORDS[match.group(1)]
    return FRACTION if _AS_FRACTION.search(comment) else None


def result_units(sql: str | None, schema: Schema) -> Units:
    """Units of the columns a SELECT returns, followed from the columns it reads; none where unsure."""
    if not sql:
        return NO_UNITS
    comments = {
        (table.name.lower(), column.name.lower()): unit
        for table in schema.tables
        for column in table.columns
        if (unit := unit_in_comment(column.comment))
    }
    if not comments:
        return NO_UNITS
    try:
        tree = qualify(
            sqlglot.parse_one(sql, read=schema.dialect or None),
            schema=schema.column_types(),
            dialect=schema.dialect or None,
            validate_qualify_columns=False,
            quote_identifiers=False,
        )
        scope = build_scope(tree)
    except (SqlglotError, ValueError, KeyError):
        return NO_UNITS
    if scope is None or not isinstance(scope.expression, exp.Select):
        return NO_UNITS
    found = {select.alias_or_name: _unit(select, scope, comments) for select in scope.expression.selects}
    return Units({column: unit for column, unit in found.items() if unit})


def _unit(node: exp.Expression, scope: Scope, comments: Mapping[tuple[str, str], str]) -> str | None:
    if isinstance(node, exp.Column):
        return _column_unit(node, scope, comments)
    if isinstance(node, exp.Count | exp.Literal):
        return None
    if isinstance(node, exp.Div):
        numerator, denominator = (_unit(side, scope, comments) for side in (node.this, node.expression))
        return numerator if denominator is None or denominator in _DIMENSIONLESS else None
    if isinstance(node, exp.Mul):
        # price * quantity is a price; price * (1 - discount fraction) is still a price.
        units = [u for side in (node.this, node.expression) if (u := _unit(side, scope, comments))]
        real = [u for u in units if u not in _DIMENSIONLESS]
        return real[0] if len(real) == 1 else (units[0] if len(units) == 1 else None)
    if isinstance(node, exp.Add | exp.Sub):
        return _same(_unit(side, scope, comments) for side in (node.this, node.expression))
    if isinstance(node, exp.Case):
        branches = [branch.args.get("true") for branch in node.args.get("ifs", [])] + [node.args.get("default")]
        return _same(_unit(b, scope, comments) for b in branches if isinstance(b, exp.Expression))
    if isinstance(node, exp.Coalesce):
        return _same(_unit(a, scope, comments) for a in [node.this, *node.expressions])
    if isinstance(node, exp.Alias | exp.Paren | exp.Cast | exp.Neg | exp.Abs | exp.Round | exp.Window | exp.AggFunc):
        inner = node.this
        return _unit(inner, scope, comments) if isinstance(inner, exp.Expression) else None
    return None


def _column_unit(column: exp.Column, scope: Scope, comments: Mapping[tuple[str, str], str]) -> str | None:
    source = scope.sources.get(column.table)
    if isinstance(source, exp.Table):
        return comments.get((source.name.lower(), column.name.lower()))
    if isinstance(source, Scope) and isinstance(source.expression, exp.Select):
        inner = next((s for s in source.expression.selects if s.alias_or_name == column.name), None)
        return _unit(inner, source, comments) if inner is not None else None
    return None


def _same(units: Iterable[str | None]) -> str | None:
    """The one unit among the parts that have one (a literal added to dollars is dollars)."""
    distinct = {u for u in units if u}
    return distinct.pop() if len(distinct) == 1 else None
