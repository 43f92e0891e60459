"""Reading join conditions: the equalities of JOIN ... ON clauses, and the ones that link nothing."""

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
    return (
        isinstance(left, exp.Column)
        and isinstance(right, exp.Column)
        and left.name.lower() == right.name.lower()
        and left.table.lower() == right.table.lower()
    )
