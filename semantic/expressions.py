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


def true_division(expr: str, dialect: str) -> str:
    """Every `a / b` as a division of decimals: SQLite and PostgreSQL divide two integers to an integer
    (an average order value of 26 instead of 26.67; SQLite even stores 25.00 as the integer 25)."""
    tree = sqlglot.parse_one(expr, read=dialect)
    for division in list(tree.find_all(exp.Div)):
        numerator = division.this
        if not _is_decimal(numerator):
            division.set("this", exp.Mul(this=exp.Literal.number("1.0"), expression=exp.paren(numerator.copy())))
    return tree.sql(dialect=dialect)


def _is_decimal(node: exp.Expression) -> bool:
    """A product with a decimal literal (`x * 100.0`) already divides as decimals."""
    literals = [n for n in node.find_all(exp.Literal) if not n.is_string]
    return isinstance(node, exp.Mul) and any("." in n.this for n in literals)
