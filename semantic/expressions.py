"""The semantic model's SQL expressions with their bare columns qualified by the logical table they belong to."""

from __future__ import annotations

import sqlglot
from sqlglot import exp


def qualify(expr: str, table: str, dialect: str) -> str:
    """`SUM(net_amount)` of order_lines -> `SUM(order_lines.net_amount)`; raises sqlglot's ParseError."""
    tree = sqlglot.parse_one(expr, read=dialect)
    for column in tree.find_all(exp.Column):
        if not column.table and not isinstance(column.this, exp.Star) and column.find_ancestor(exp.Subquery) is None:
            column.set("table", exp.to_identifier(table))
    return tree.sql(dialect=dialect)
