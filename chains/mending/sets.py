"""Set logic the model writes as a row filter: "both" and "did not".

"Items linked to both": `WHERE t.name = 'A' AND t.name = 'B'` returns nothing (no row holds two values);
`t.name IN ('A', 'B')` or `t.name = 'A' OR t.name = 'B'` returns the items linked to either. When the
question asks for both ("documents with paragraphs 'Brazil' and 'Ireland'", "areas that voted both for A
and for B"), the query it means keeps the items each value finds: the same SELECT once per value, intersected.
A table joined to itself on its own key, with a condition on each copy, is the same mistake in another form,
and so is a UNION of the two SELECTs (the items of either) where the question says "both".

"Items that did not": `stadium JOIN concert ... WHERE concert.year != 2014` returns the stadiums that had
a concert in another year, where "stadiums that did not have a concert in 2014" means those with none in
2014: the item's key NOT IN the keys the opposite condition finds. The same for a comparison the model
turned around ("did not visit a museum opened after 2010" written as `open_year <= 2010`).
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from chains.words import direction_before
from connectors.joins import (
    conjuncts,
    one_column_two_values,
    ordered_sources,
    own_aggregates,
    same_column,
    source_of,
    unwrapped,
)
from connectors.schema import Schema, Table

_BOTH = re.compile(r"\b(?:both|shared by|in common)\b", re.IGNORECASE)
# "a singer above 40 and a singer below 30": two rows of one kind, each meeting its own condition.
_TWO_OF_A_KIND = re.compile(r"\b(?:a|an|one)\s+(\w+)\b[^.?;]*?\band\s+(?:a|an|one|another)\s+\1\b", re.IGNORECASE)
# "did not have", "never", "without": the question denies that a linked row exists ("are not" denies a property).
_DID_NOT = re.compile(
    r"\b(?:(?:do|does|did|has|have|had)\s+not|(?:do|does|did|has|have|had)n'?t|never|without)\b", re.IGNORECASE
)
_COMPARISONS = (exp.EQ, exp.GT, exp.GTE, exp.LT, exp.LTE)


def repair_both_as_intersect(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL as `SELECT ... WHERE <one value> INTERSECT SELECT ... WHERE <the other>`, or None.

    Rewritten: two conditions on one column that no row can meet together (`= 'A' AND = 'B'`), always;
    one column compared either way (`IN ('A', 'B')`, `= 'A' OR = 'B'`, `> 40 OR < 30`) when the question
    says "both" ("shared by", "in common"), or asks for two of a kind ("a singer above 40 and a singer below
    30"), or names the two values joined by "and" while the query shows no column of the compared
    column's table (a document is found by its paragraphs: it can have one of each).
    Also a table joined to itself on its primary key (the same row twice) with conditions on each copy
    ("citizenships of singers born before 1945 and of singers born after 1955").
    Only a plain SELECT without grouping, aggregates, ORDER BY or LIMIT: INTERSECT would change those."""
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not _plain_select(tree):
        return None
    conditions = conjuncts(tree.args["where"].this)
    found = _two_values_together(conditions) or _either_value(conditions, tree, question, schema)
    if found is None:
        return _self_join_on_key(tree, conditions, schema)
    rest = [c for c in conditions if all(c is not used for used in found[2])]
    first, second = (_with_where(tree, rest, condition) for condition in found[:2])
    return exp.intersect(first, second, distinct=True).sql(dialect=schema.dialect)


def repair_both_as_union(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL with each UNION of two filtered SELECTs of the same columns from the same table intersected
    instead, where the question says "both" and never "or"/"either"; None when there is none."""
    if not _asks_both(question) or re.search(r"\b(?:or|either)\b", question, re.I):
        return None
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    unions = [u for u in tree.find_all(exp.Union) if _same_rows_filtered_two_ways(u.left, u.right)]
    for union in unions:
        union.replace(exp.intersect(union.left.copy(), union.right.copy(), distinct=True))
    return tree.sql(dialect=schema.dialect) if unions else None


def _same_rows_filtered_two_ways(first: exp.Expression, second: exp.Expression) -> bool:
    if not (isinstance(first, exp.Select) and isinstance(second, exp.Select)):
        return False
    if (
        not (first.args.get("where") and second.args.get("where"))
        or first.args.get("joins")
        or second.args.get("joins")
    ):
        return False
    shown = [[e.sql().lower() for e in select.expressions] for select in (first, second)]
    sources = [select.args.get("from_").this for select in (first, second) if select.args.get("from_")]
    return (
        shown[0] == shown[1]
        and len(sources) == 2
        and all(isinstance(t, exp.Table) for t in sources)
        and sources[0].name.lower() == sources[1].name.lower()
    )


def _self_join_on_key(select: exp.Select, conditions: list[exp.Expression], schema: Schema) -> str | None:
    """`FROM t a JOIN t b ON a.key = b.key WHERE <on a> AND <on b>` as the rows of a INTERSECT the rows of b."""
    joins = select.args.get("joins") or []
    source = select.args["from_"].this if select.args.get("from_") else None
    if len(joins) != 1 or not isinstance(source, exp.Table) or not isinstance(joins[0].this, exp.Table):
        return None
    table = schema.table(source.name)
    if table is None or joins[0].this.name.lower() != table.name.lower() or joins[0].side:
        return None
    key = table.single_primary_key
    first, second = source.alias_or_name, joins[0].this.alias_or_name
    on = joins[0].args.get("on")
    if key is None or first.lower() == second.lower() or not isinstance(on, exp.EQ):
        return None
    keys = {(c.table.lower(), c.name.lower()) for c in (on.this, on.expression) if isinstance(c, exp.Column)}
    if keys != {(first.lower(), key.lower()), (second.lower(), key.lower())}:
        return None
    if not _reads_only(select.expressions, first, table, qualified=True):
        return None
    own = [c for c in conditions if _reads_only([c], first, table, qualified=True)]
    other = [c for c in conditions if _reads_only([c], second, table, qualified=True)]
    if not own or not other or len(own) + len(other) != len(conditions):
        return None
    alone = select.copy()
    alone.set("joins", None)
    renamed = [c.copy() for c in other]
    for condition in renamed:
        for column in condition.find_all(exp.Column):
            column.set("table", exp.to_identifier(first))
    parts = (_with_where(alone, own[:-1], own[-1]), _with_where(alone, renamed[:-1], renamed[-1]))
    return exp.intersect(*parts, distinct=True).sql(dialect=schema.dialect)


def _plain_select(tree: exp.Expression) -> bool:
    if not isinstance(tree, exp.Select) or tree.args.get("where") is None:
        return False
    if any(tree.args.get(part) for part in ("group", "order", "limit", "having")):
        return False
    return not own_aggregates(tree)


Found = tuple[exp.Expression, exp.Expression, list[exp.Expression]]  # one value, the other, what they replace


def _two_values_together(conditions: list[exp.Expression]) -> Found | None:
    """`c = 'A' AND c = 'B'` among the conjuncts."""
    pair = one_column_two_values(conditions)
    return (pair[0], pair[1], list(pair)) if pair else None


def _either_value(conditions: list[exp.Expression], select: exp.Select, question: str, schema: Schema) -> Found | None:
    """`c IN ('A', 'B')` or `c = 'A' OR c = 'B'` (any comparisons of one column) that the question reads as both."""
    for condition in conditions:
        pair = _two_ways(condition)
        if pair is None:
            continue
        column = pair[0].this
        if _asks_both(question):
            return pair[0], pair[1], [condition]
        if (
            _named_with_and(question, pair)
            and not _shows_table_of(select, column)
            and not _one_per_shown_row(select, column, schema)
        ):
            return pair[0], pair[1], [condition]
    return None


def _one_per_shown_row(select: exp.Select, column: exp.Column, schema: Schema) -> bool:
    """Whether a shown table has a foreign key to the compared column's table: each shown row then has one
    such row, which cannot hold both values ("orders from customers in California and Texas": either)."""
    sources = ordered_sources(select, schema)
    compared = source_of(column, sources)
    if compared is None:
        return False
    shown = [source_of(c, sources) for selected in select.expressions for c in selected.find_all(exp.Column)]
    return any(found and found[1].references_to(compared[1]) for found in shown)


def _asks_both(question: str) -> bool:
    return bool(_BOTH.search(question) or _TWO_OF_A_KIND.search(question))


def _two_ways(condition: exp.Expression) -> tuple[exp.Expression, exp.Expression] | None:
    """The two comparisons of one column with a literal that `condition` offers as alternatives."""
    condition = unwrapped(condition)
    if isinstance(condition, exp.In) and isinstance(condition.this, exp.Column):
        values = condition.expressions
        if len(values) == 2 and all(isinstance(v, exp.Literal) for v in values) and not condition.args.get("query"):
            return (
                exp.EQ(this=condition.this.copy(), expression=values[0].copy()),
                exp.EQ(this=condition.this.copy(), expression=values[1].copy()),
            )
        return None
    if not isinstance(condition, exp.Or):
        return None
    sides = [unwrapped(condition.left), unwrapped(condition.right)]
    if not all(
        isinstance(side, _COMPARISONS)
        and isinstance(side.this, exp.Column)
        and isinstance(side.expression, exp.Literal)
        for side in sides
    ):
        return None
    if not same_column(sides[0].this, sides[1].this) or sides[0] == sides[1]:
        return None
    return sides[0].copy(), sides[1].copy()


def _named_with_and(question: str, pair: tuple[exp.Expression, exp.Expression]) -> bool:
    """Whether the question names both values, "and" between them and no "or"."""
    return _between_values(question, pair[0], pair[1], "and", "or")


def _between_values(question: str, first: exp.Expression, second: exp.Expression, word: str, not_word: str) -> bool:
    """Whether the question names both compared values, with `word` between them and no `not_word`."""
    lowered = question.lower()
    start, end = sorted(lowered.find(side.expression.name.lower()) for side in (first, second))
    if start < 0 or start == end:
        return False
    between = lowered[start:end]
    return bool(re.search(rf"\b{word}\b", between)) and not re.search(rf"\b{not_word}\b", between)


def _shows_table_of(select: exp.Select, column: exp.Column) -> bool:
    """Whether an output column of the SELECT comes from the compared column's table (or may: unqualified)."""
    for selected in select.expressions:
        for shown in selected.find_all(exp.Column):
            if not shown.table or not column.table or shown.table.lower() == column.table.lower():
                return True
    return False


def _with_where(select: exp.Select, rest: list[exp.Expression], condition: exp.Expression) -> exp.Select:
    copy = select.copy()
    copy.set("where", exp.Where(this=exp.and_(*(c.copy() for c in rest), condition.copy())))
    return copy


def repair_or_asked_as_and(sql: str, schema: Schema, question: str) -> str | None:
    """`WHERE a = v AND b > w` as `WHERE a = v OR b > w` when the question puts "or" and no "and" between the two
    values ("models made by General Motors or weighing more than 3500"); None otherwise.

    Only a WHERE of exactly two such comparisons, of two different columns, each value said once."""
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or tree.args.get("where") is None:
        return None
    conditions = conjuncts(tree.args["where"].this)
    if len(conditions) != 2 or not all(_compares_with_value(c) for c in conditions):
        return None
    first, second = conditions
    if same_column(first.this, second.this) or not _between_values(question, first, second, "or", "and"):
        return None
    lowered = question.lower()
    if any(lowered.count(c.expression.name.lower()) != 1 for c in conditions):
        return None
    (at, value), (later, _) = sorted((lowered.find(c.expression.name.lower()), c.expression.name) for c in conditions)
    if re.search(r"\d", lowered[at + len(value) : later]):
        return None  # another number between the two: "2023 or 2024" is the "or" of a third value
    tree.set("where", exp.Where(this=exp.or_(first.copy(), second.copy())))
    return tree.sql(dialect=schema.dialect)


def _compares_with_value(condition: exp.Expression) -> bool:
    return (
        isinstance(condition, (*_COMPARISONS, exp.Like))
        and isinstance(condition.this, exp.Column)
        and isinstance(condition.expression, exp.Literal)
    )


def repair_negated_links(sql: str, schema: Schema, question: str) -> str | None:
    """`SELECT a.x FROM a JOIN b ... WHERE b.y != v` as `SELECT a.x FROM a WHERE a.key NOT IN (SELECT a.key FROM a
    JOIN b ... WHERE b.y = v)` when the question says "did not"/"never"/"without"; None otherwise.

    Only when the FROM table has a one-column primary key, everything shown and every other condition reads
    that table alone, and the one condition on a joined table is the opposite of what the question denies
    (an inequality with a value, or a comparison against the question's "after"/"before")."""
    if not _DID_NOT.search(question):
        return None
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or tree.args.get("where") is None or tree.args.get("group"):
        return None
    joins = tree.args.get("joins") or []
    source = tree.args.get("from_")
    if not joins or source is None or not isinstance(source.this, exp.Table):
        return None
    table = schema.table(source.this.name)
    key = table.single_primary_key if table is not None else None
    if key is None or not all(isinstance(j.this, exp.Table) and (j.side or "LEFT").upper() == "LEFT" for j in joins):
        return None
    alias = source.this.alias_or_name
    if not _reads_only(tree.expressions, alias, table):
        return None
    conditions = conjuncts(tree.args["where"].this)
    linked = [c for c in conditions if not _reads_only([c], alias, table)]
    opposite = _opposite_of_denied(linked[0], question) if len(linked) == 1 else None
    if opposite is None:
        return None
    inequality = linked[0]
    inner = tree.copy()
    inner.set("expressions", [exp.column(key, table=alias)])
    inner.set("where", exp.Where(this=opposite))
    for part in ("distinct", "order", "limit"):
        inner.set(part, None)
    outer = tree.copy()
    outer.set("joins", None)
    rest = [c.copy() for c in conditions if c is not inequality]
    excluded = exp.Not(this=exp.column(key, table=alias).isin(query=inner))
    outer.set("where", exp.Where(this=exp.and_(*rest, excluded)))
    return outer.sql(dialect=schema.dialect)


def _reads_only(expressions: list[exp.Expression], alias: str, table: Table, qualified: bool = False) -> bool:
    """Whether every column the expressions read is of `alias` (or unqualified and a column of its table,
    unless `qualified`: with two copies of one table an unqualified column could be either)."""
    for expression in expressions:
        for column in expression.find_all(exp.Column):
            if column.table and column.table.lower() != alias.lower():
                return False
            if not column.table and (qualified or table.column(column.name) is None):
                return False
    return True


def _opposite_of_denied(condition: exp.Expression, question: str) -> exp.Expression | None:
    """The condition the question denies, where the model wrote its opposite: `b.y = v` for `b.y != v` (also of a
    value computed from columns, `year(b.day) <> 2024`), and `b.year > 2010` for `b.year <= 2010` when the
    question says "after 2010" (the model moved the "not" into the comparison). None for anything else."""
    if not isinstance(condition.expression, exp.Literal) or condition.this.find(exp.Column) is None:
        return None
    if isinstance(condition, exp.NEQ):
        return exp.EQ(this=condition.this.copy(), expression=condition.expression.copy())
    direction = direction_before(question, condition.expression.name)
    flipped = {
        ("above", exp.LTE): exp.GT,
        ("above", exp.LT): exp.GTE,
        ("below", exp.GTE): exp.LT,
        ("below", exp.GT): exp.LTE,
    }.get((direction, type(condition)))
    return flipped(this=condition.this.copy(), expression=condition.expression.copy()) if flipped else None
