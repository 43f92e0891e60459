"""Reading conditions: the equalities of JOIN ... ON clauses, the ones that link nothing, the parts of
an AND, one column equal to two values, whether a SELECT aggregates, and what a date format such as
strftime('%Y', col) reads."""

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from connectors.schema import Schema, Table


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


def unwrapped(condition: exp.Expression) -> exp.Expression:
    """The condition inside any parentheses around it."""
    while isinstance(condition, exp.Paren):
        condition = condition.this
    return condition


def conjuncts(condition: exp.Expression) -> list[exp.Expression]:
    """The conditions joined by AND, through parentheses: `(a AND b) AND c` -> [a, b, c]."""
    condition = unwrapped(condition)
    if isinstance(condition, exp.And):
        return conjuncts(condition.left) + conjuncts(condition.right)
    return [condition]


def one_column_two_values(conditions: list[exp.Expression]) -> tuple[exp.EQ, exp.EQ] | None:
    """`c = 'A'` and `c = 'B'` among conditions that must all hold: no row meets both."""
    seen: dict[str, exp.EQ] = {}
    for condition in conditions:
        if not (isinstance(condition, exp.EQ) and isinstance(condition.this, exp.Column)):
            continue
        if not isinstance(condition.expression, exp.Literal):
            continue
        key = condition.this.sql().lower()
        earlier = seen.get(key)
        if earlier is not None and earlier.expression != condition.expression:
            return earlier, condition
        seen[key] = condition
    return None


def own_aggregates(select: exp.Select) -> bool:
    """Whether the SELECT itself aggregates (not only a subquery inside it)."""
    return any(agg.find_ancestor(exp.Select) is select for agg in select.find_all(exp.AggFunc))


def formatted_value(formatted: exp.TimeToStr) -> exp.Expression:
    """What `strftime('%Y', x)` formats: x itself, without the timestamp cast sqlglot wraps around it."""
    inner = formatted.this
    return inner.this if isinstance(inner, exp.TsOrDsToTimestamp) else inner


def source_of(column: exp.Column, sources: list[tuple[str, Table]]) -> tuple[str, Table] | None:
    """(alias, table) a column of a SELECT reads: the source its qualifier names, or, unqualified, the one
    source that has it. Whether the table has the column is the caller's question."""
    if column.table:
        return next(((a, t) for a, t in sources if a.lower() == column.table.lower()), None)
    owners = [(a, t) for a, t in sources if t.column(column.name) is not None]
    return owners[0] if len(owners) == 1 else None


def in_subquery(condition: exp.Expression) -> exp.Select | None:
    """The SELECT of `x IN (SELECT ...)`, or None for any other condition."""
    query = condition.args.get("query") if isinstance(condition, exp.In) else None
    query = query.this if isinstance(query, exp.Subquery) else query
    return query if isinstance(query, exp.Select) else None


def sort_target(key: exp.Expression, select: exp.Select) -> exp.Expression:
    """What a sort key stands for: the shown expression an unqualified name is the alias of (`ORDER BY n` for
    `COUNT(*) AS n`), else the key itself."""
    if isinstance(key, exp.Column) and not key.table:
        for selected in select.expressions:
            if isinstance(selected, exp.Alias) and selected.alias.lower() == key.name.lower():
                return selected.this
    return key


def ordered_sources(select: exp.Select, schema: Schema) -> list[tuple[str, Table]]:
    """(alias, table) of the FROM and each JOIN in order, for sources that are schema tables."""
    found = []
    for node in [select.args.get("from_"), *(select.args.get("joins") or [])]:
        source = node.this if node is not None else None
        if isinstance(source, exp.Table) and (table := schema.table(source.name)) is not None:
            found.append((source.alias_or_name, table))
    return found
