"""Reading conditions: the equalities of JOIN ... ON clauses, the ones that link nothing, the parts of
an AND, and what a date format such as strftime('%Y', col) reads."""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp


def join_equalities(expression: exp.Expression) -> Iterator[tuple[exp.Join, exp.EQ]]:
    """Each `a = b` inside a JOIN's ON condition, with its join."""
    for join in expression.find_all(exp.Join):
        condition = join.args.get("on")
        for equal in condition.find_all(exp.EQ) if condition else ():
            yield join, equal


def compares_column_with_itself(equal: exp.EQ) -> bool:
    """`T2.x = t2.x`: the same column on both sides, so the condition links no table to another."""
    left, right = equal.left, equal.right
    return isinstance(left, exp.Column) and isinstance(right, exp.Column) and same_column(left, right)


def same_column(first: exp.Column, second: exp.Column) -> bool:
    """The same name under the same table alias, in any letter case."""
    return first.table.lower() == second.table.lower() and first.name.lower() == second.name.lower()


def conjuncts(condition: exp.Expression) -> list[exp.Expression]:
    """The conditions joined by AND, through parentheses: `(a AND b) AND c` -> [a, b, c]."""
    while isinstance(condition, exp.Paren):
        condition = condition.this
    if isinstance(condition, exp.And):
        return conjuncts(condition.left) + conjuncts(condition.right)
    return [condition]


def formatted_value(formatted: exp.TimeToStr) -> exp.Expression:
    """What `strftime('%Y', x)` formats: x itself, without the timestamp cast sqlglot wraps around it."""
    inner = formatted.this
    return inner.this if isinstance(inner, exp.TsOrDsToTimestamp) else inner
