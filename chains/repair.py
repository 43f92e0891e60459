"""Mend the small model's most common mistakes without asking it again:

- a column taken from a table that does not have it, when a table one foreign key away does
  (`order_lines.order_date` where the date is on `orders`): the missing join is added, or the column
  re-pointed at a table already joined;
- a join condition comparing a column with itself (`JOIN b ON b.x = b.x`): re-pointed along the one
  foreign key between the joined table and a table before it;
- "rows without a match" written with the NULL test on the wrong column (`LEFT JOIN b ON b.k = a.k WHERE
  a.k IS NULL`, or an inner join with `b.k IS NULL`), which returns nothing: the test is put on the
  joined table's key of a LEFT JOIN;
- an inner join of a table that nothing reads and the question never names, nor any of its columns
  ("countries of singers over 20" joined to the concerts table): dropped, since it only filters out
  rows without a match.

Deterministic and schema-driven: it only ever joins along a declared foreign key.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from chains.words import name_words, question_words
from connectors.joins import compares_column_with_itself, conjuncts, join_equalities, same_column
from connectors.schema import Schema, Table


def repair_misplaced_columns(sql: str, schema: Schema) -> str | None:
    """The repaired SQL, or None when there is nothing this repair can fix."""
    return _rewritten(sql, schema, _repair_select)


def repair_self_joins(sql: str, schema: Schema) -> str | None:
    """The SQL with each `JOIN b ON b.x = b.x` on the foreign key to an earlier table, or None when no
    condition of that kind has exactly one such key."""
    return _rewritten(sql, schema, _repair_self_joins)


def mend_model_sql(sql: str, schema: Schema, question: str) -> str:
    """The model's SQL with every repair here applied, before it is first checked: a join becomes
    droppable only once a column taken from the wrong table is re-pointed (`T2.name` for `T1.name`)."""
    for repair in (repair_misplaced_columns, repair_self_joins, repair_anti_joins):
        sql = repair(sql, schema) or sql
    return drop_unasked_joins(sql, schema, question) or sql


def repair_anti_joins(sql: str, schema: Schema) -> str | None:
    """The SQL with each "rows of a without a match in b" written as `a LEFT JOIN b ... WHERE b.key IS NULL`,
    or None when no such always-empty NULL test is found."""
    return _rewritten(sql, schema, _repair_anti_joins)


def drop_unasked_joins(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL without the inner joins that only filter and that the question does not ask for, or None.

    Only in a plain top-level SELECT without grouping or aggregates: there a join's row count matters
    ("visitors with more than one visit"), and in subqueries and set operations joins are how the
    question's "any" and "no" are written. The FROM table counts too: `FROM a JOIN b` that reads only b
    becomes `FROM b`."""
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or tree.args.get("group") or _own_aggregates(tree):
        return None
    if any(isinstance(selected, exp.Star) for selected in tree.expressions):
        return None  # `SELECT *` reads every joined table
    asked = question_words(question)
    sources = _ordered_sources(tree, schema)
    changed = False
    for join in list(tree.args.get("joins") or []):
        position = _position_of(join, sources)
        if position is not None and _only_filters(position, join, tree, sources, asked):
            join.pop()
            changed = True
    joins = tree.args.get("joins") or []
    if joins and _position_of(joins[0], sources) == 1 and _only_filters(0, joins[0], tree, sources, asked):
        tree.set("from_", exp.From(this=joins[0].this.copy()))
        joins[0].pop()
        changed = True
    return tree.sql(dialect=schema.dialect) if changed else None


def _own_aggregates(select: exp.Select) -> bool:
    return any(agg.find_ancestor(exp.Select) is select for agg in select.find_all(exp.AggFunc))


def _only_filters(
    position: int, join: exp.Join, select: exp.Select, sources: list[tuple[str, Table]], asked: set[str]
) -> bool:
    """Whether the table at `position` is read nowhere but in the ON condition of `join`, an inner join,
    and the question uses no word of its name or columns that the query's other tables lack."""
    if join.side or (join.kind or "INNER").upper() != "INNER" or join.args.get("on") is None:
        return False
    alias, table = sources[position]
    others = [t for i, (_a, t) in enumerate(sources) if i != position]
    for column in select.find_all(exp.Column):
        if column.find_ancestor(exp.Join) is join:
            continue
        if column.table.lower() == alias.lower():
            return False
        if not column.table and table.column(column.name) and not any(t.column(column.name) for t in others):
            return False
    other_names = {word for t in others for word in name_words(t.name)}
    other_columns = other_names.union(*(_column_words(t) for t in others))
    named = (name_words(table.name) - other_names) | (_column_words(table) - other_columns)
    return not named & asked


def _column_words(table: Table) -> set[str]:
    """The words of a table's column names: "sold" names `sales` through `sold_on`."""
    return set().union(*(name_words(c.name) for c in table.columns))


def _rewritten(sql: str, schema: Schema, repair_select: Callable[[exp.Select, Schema], bool]) -> str | None:
    """Apply a repair to every SELECT of the query; the new SQL if it changed anything, else None."""
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    changed = False
    for select in list(tree.find_all(exp.Select)):
        changed |= repair_select(select, schema)
    return tree.sql(dialect=schema.dialect) if changed else None


def _repair_select(select: exp.Select, schema: Schema) -> bool:
    sources = _sources(select, schema)
    if not sources:
        return False
    only_source = next(iter(sources.items())) if len(sources) == 1 else None
    moved: dict[str, str] = {}  # unqualified column name -> the alias it was found under
    changed = False
    for column in _own_columns(select):
        unqualified = not column.table
        if not unqualified:
            table = sources.get(column.table.lower())
            if table is None or table.column(column.name) is not None:
                continue
            origin = column.table
        elif column.name.lower() in moved:
            column.set("table", exp.to_identifier(moved[column.name.lower()]))
            continue
        elif only_source is not None and only_source[1].column(column.name) is None:
            origin, table = only_source
        else:
            continue
        alias = _alias_owning(column.name, sources) or _join_owner(select, origin, table, column.name, schema, sources)
        if alias:
            column.set("table", exp.to_identifier(alias))
            if unqualified:
                moved[column.name.lower()] = alias
            changed = True
    return changed


def _sources(select: exp.Select, schema: Schema) -> dict[str, Table]:
    """The schema tables this SELECT reads directly, by alias (lower-cased)."""
    return {alias.lower(): table for alias, table in _ordered_sources(select, schema)}


def _own_columns(select: exp.Select) -> list[exp.Column]:
    """Columns of this SELECT, not of the subqueries nested in it, nor references to its own output
    aliases (`ORDER BY total` for `COUNT(*) AS total`)."""
    aliases = {e.alias.lower() for e in select.expressions if isinstance(e, exp.Alias)}
    return [
        c
        for c in select.find_all(exp.Column)
        if c.find_ancestor(exp.Select) is select and not (not c.table and c.name.lower() in aliases)
    ]


def _alias_owning(name: str, sources: dict[str, Table]) -> str | None:
    owners = [alias for alias, table in sources.items() if table.column(name) is not None]
    return owners[0] if len(owners) == 1 else None


def _join_owner(
    select: exp.Select, origin: str, table: Table, name: str, schema: Schema, sources: dict[str, Table]
) -> str | None:
    """Join the one table, one foreign key away from `table`, that has the column; its new alias."""
    candidates = []
    for other in schema.tables:
        if other.column(name) is None or other.name.lower() in {t.name.lower() for t in sources.values()}:
            continue
        for fk in table.foreign_keys:
            if fk.ref_table.lower() == other.name.lower() and len(fk.columns) == 1:
                candidates.append((other, fk.columns[0], fk.ref_columns[0]))
        for fk in other.foreign_keys:
            if fk.ref_table.lower() == table.name.lower() and len(fk.columns) == 1:
                candidates.append((other, fk.ref_columns[0], fk.columns[0]))
    if len(candidates) != 1:
        return None
    other, local, remote = candidates[0]
    alias = _free_alias(other.name, sources)
    condition = exp.column(local, table=origin).eq(exp.column(remote, table=alias))
    select.join(exp.alias_(exp.to_table(other.name), alias, table=True), on=condition, copy=False)
    sources[alias.lower()] = other
    return alias


def _free_alias(name: str, sources: dict[str, Table]) -> str:
    alias, n = name, 2
    while alias.lower() in sources:
        alias, n = f"{name}{n}", n + 1
    return alias


def _repair_self_joins(select: exp.Select, schema: Schema) -> bool:
    joined_so_far = _ordered_sources(select, schema)
    changed = False
    for join, equal in list(join_equalities(select)):
        position = _position_of(join, joined_so_far)
        if position is None or join.find_ancestor(exp.Select) is not select or not compares_column_with_itself(equal):
            continue
        alias, table = joined_so_far[position]
        keys = [
            exp.column(own, table=alias).eq(exp.column(theirs, table=other_alias))
            for other_alias, other in joined_so_far[:position]
            for own, theirs in table.keys_with(other)
        ]
        if len(keys) == 1:
            equal.replace(keys[0])
            changed = True
    return changed


def _ordered_sources(select: exp.Select, schema: Schema) -> list[tuple[str, Table]]:
    """(alias, table) of the FROM and each JOIN in order, for sources that are schema tables."""
    found = []
    for node in [select.args.get("from_"), *(select.args.get("joins") or [])]:
        source = node.this if node is not None else None
        if isinstance(source, exp.Table) and (table := schema.table(source.name)) is not None:
            found.append((source.alias_or_name, table))
    return found


def _position_of(join: exp.Join, sources: list[tuple[str, Table]]) -> int | None:
    if not isinstance(join.this, exp.Table):
        return None
    alias = join.this.alias_or_name.lower()
    return next((i for i, (name, _table) in enumerate(sources) if name.lower() == alias), None)


def _repair_anti_joins(select: exp.Select, schema: Schema) -> bool:
    where = select.args.get("where")
    if where is None:
        return False
    sources = _ordered_sources(select, schema)
    changed = False
    for test in conjuncts(where.this):
        if not (isinstance(test, exp.Is) and isinstance(test.expression, exp.Null)):
            continue
        tested = test.this
        if not isinstance(tested, exp.Column) or not tested.table:
            continue
        for join in select.args.get("joins") or []:
            keys = _key_pair(join, sources)
            if keys is None:
                continue
            own, other = keys  # the joined table's key column, and the column of an earlier table it equals
            inner = not join.side and (join.kind or "INNER").upper() == "INNER"
            tests_other = same_column(tested, other)
            tests_own = same_column(tested, own) or (
                tested.table.lower() == own.table.lower() and _is_primary_key(tested, sources)
            )
            left_join_tests_key = (join.side or "").upper() == "LEFT" and _is_primary_key(other, sources)
            if (tests_other and left_join_tests_key) or (inner and (tests_other or tests_own)):
                join.set("side", "LEFT")
                join.set("kind", None)
                tested.replace(own.copy())
                changed = True
                break
    return changed


def _key_pair(join: exp.Join, sources: list[tuple[str, Table]]) -> tuple[exp.Column, exp.Column] | None:
    """(joined table's column, earlier table's column) of a join whose ON is a single column equality."""
    condition = join.args.get("on")
    position = _position_of(join, sources)
    if not isinstance(condition, exp.EQ) or position is None:
        return None
    alias = sources[position][0].lower()
    left, right = condition.left, condition.right
    if not (isinstance(left, exp.Column) and isinstance(right, exp.Column)):
        return None
    if left.table.lower() == alias and right.table.lower() != alias:
        return left, right
    if right.table.lower() == alias and left.table.lower() != alias:
        return right, left
    return None


def _is_primary_key(column: exp.Column, sources: list[tuple[str, Table]]) -> bool:
    """Whether the column is a primary-key column of its table, so never NULL in a row of that table."""
    table = next((t for alias, t in sources if alias.lower() == column.table.lower()), None)
    found = table.column(column.name) if table else None
    return bool(found and found.primary_key)
