"""The repairs behind most mending rules (the rules and their order: chains/mending/rules.py). They mend the
small model's most common mistakes without asking it again:

- a column taken from a table that does not have it, when a table one foreign key away does
  (`order_lines.order_date` where the date is on `orders`), or two keys away, or one key away from another
  table of the query: the missing join is added, or the column re-pointed at a table already joined;
- an unqualified column two joined tables share, made equal by their join: qualified (else "ambiguous");
- a join condition naming a column its table lacks: put on the one foreign key between the two tables;
- a join condition comparing a column with itself (`JOIN b ON b.x = b.x`): re-pointed along the one
  foreign key between the joined table and a table before it, or through the one table linking them
  (joined there, or moved there when the query joins it later);
- a join of two key columns that only look alike (`customers.id = payments.id`) of tables that share no
  foreign key: made through the one table that links them;
- a text value compared with a column that never holds it: written as the one stored value it matches but
  for spaces and punctuation ('North Carolina' for 'NorthCarolina'), else compared with the one other column
  of the table that holds it;
- a year number or a date read by strftime('%Y'): the number itself, and the whole date when the question
  asks for no year (or only the date, when it is shown beside its year);
- AVG, MIN or MAX of a column the query groups by and shows already: dropped, it is that column again;
- "rows without a match" written with the NULL test on the wrong column (`LEFT JOIN b ON b.k = a.k WHERE
  a.k IS NULL`, or an inner join with `b.k IS NULL`), which returns nothing: the test is put on the
  joined table's key of a LEFT JOIN;
- an inner join of a table that nothing reads and the question never names, nor any of its columns
  ("countries of singers over 20" joined to the concerts table): dropped, since it only filters out
  rows without a match.
- one table's rows, key included, filtered through a join to rows that point at them ("countries with
  at least one car maker"): shown once each (DISTINCT), not once per match; and the one column a question
  asks for as "which years": each value once;
- one column compared with two values the question asks for together (`= 'A' AND = 'B'`, or `IN ('A', 'B')`
  where the question says "both"): one query per value, intersected; and a joined row's inequality
  (`concert.year != 2014`) where the question says "did not have": the key NOT IN those that do
  (chains/mending/sets.py);
- in a count, a join to the many side of a foreign key that the count only reads through
  ("concerts per stadium" joined on to each concert's singers): dropped, since it repeats what is counted;
- two conditions the question joins with "or" (and no "and") that the model joined with AND: their OR
  (chains/mending/sets.py);
- two tables under one alias (`singer s JOIN song s`): each its own (chains/mending/aliases.py);
- a measure read the wrong way round (chains/mending/measures.py): a comparison against the question's "under"
  or "after", a range asked for outside of, one measure compared with another's extreme, a count of a stored
  number ("how many cylinders"), and a grouped count that never joins the table the question counts;
- a column shown or matched that the question does not name, where the query's tables have the one it names
  (chains/mending/naming.py).

Deterministic and schema-driven: it only ever joins along a declared foreign key. None of it is applied
to SQL a person writes. Each function returns the mended SQL, or None when it has nothing to mend.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from chains.mending.aliases import split_shared_aliases
from chains.words import counted_words, name_words, question_words
from connectors.joins import (
    compares_column_with_itself,
    conjuncts,
    formatted_value,
    join_equalities,
    ordered_sources,
    own_aggregates,
    same_column,
    source_of,
)
from connectors.schema import Column, Schema, Table
from connectors.values import ValueIndex

YEAR_WORDS = question_words("year years yearly annual annually")
_WHICH_PLURAL = re.compile(r"\b(?:which|what)\s+(?:different\s+|distinct\s+)?(\w+)", re.IGNORECASE)
# The question asks for rows that have a match somewhere: a join that only filters is what it asks.
_ASKS_FOR_A_MATCH = re.compile(r"\b(?:any|anything|anyone|at least one|ever)\b", re.IGNORECASE)
_COPIED_REFERENCE = re.compile(r"\s+REFERENCES\b(?:\s*[\w\"`.]+\s*\([^()]*\))?", re.IGNORECASE)


def repair_misplaced_columns(sql: str, schema: Schema) -> str | None:
    """The repaired SQL, or None when there is nothing this repair can fix."""
    return each_select_rewritten(sql, schema, _repair_select)


def repair_self_joins(sql: str, schema: Schema) -> str | None:
    """The SQL with each `JOIN b ON b.x = b.x` on the foreign key to an earlier table, or None when no
    condition of that kind has exactly one such key."""
    return each_select_rewritten(sql, schema, _repair_self_joins)


def repair_copied_references(sql: str, schema: Schema) -> str | None:
    """SQL that does not parse because the model copied `REFERENCES table(column)` from the schema's DDL
    into a join condition, without it; None for SQL that parses or still does not."""
    if _parses(sql, schema.dialect):
        return None
    cleaned = _COPIED_REFERENCE.sub("", sql)
    return cleaned if cleaned != sql and _parses(cleaned, schema.dialect) else None


def _parses(sql: str, dialect: str) -> bool:
    try:
        sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return False
    return True


def repair_ambiguous_columns(sql: str, schema: Schema) -> str | None:
    """The SQL with each unqualified column that two joined tables both have, and that the join makes equal
    (`SELECT museum_id ... JOIN museum ON visit.museum_id = museum.museum_id`), qualified with the one the
    query reads most (the first on a tie); None when there is none. The database would refuse it as ambiguous."""
    return each_select_rewritten(sql, schema, _repair_ambiguous_columns)


def repair_values_in_wrong_column(sql: str, schema: Schema, values: ValueIndex) -> str | None:
    """The SQL with `t.a = 'x'`, where column a never holds 'x' but exactly one other column of the same table
    does, compared on that column instead (a person's name looked up among the cities); a value the column holds
    but for spaces and punctuation, written as stored; None if nothing changed.
    `values` is keyed by the schema's own table and column names."""
    return each_select_rewritten(sql, schema, lambda select, tables: _repair_values(select, tables, values))


def repair_years_read_as_dates(sql: str, schema: Schema) -> str | None:
    """The SQL with `strftime('%Y', year)` on a column of plain numbers (a year) as the column itself, or None.

    SQLite reads a number given to strftime as a day count and answers nonsense without an error."""
    return each_select_rewritten(sql, schema, _repair_years_read_as_dates)


def repair_unasked_years(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL showing a date column itself where it shows only its year (`SELECT strftime('%Y', created)`)
    and the question asks for no year ("When was the last order placed?"); None if nothing changed.
    Years inside aggregates, filters and groupings are left to the model."""
    if YEAR_WORDS & question_words(question):
        return None
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select):
        return None
    grouped = {g.sql() for g in (tree.args["group"].expressions if tree.args.get("group") else [])}
    changed = False
    for selected in list(tree.expressions):
        shown = _unaliased(selected)
        if isinstance(shown, exp.TimeToStr) and shown.text("format") == "%Y" and shown.sql() not in grouped:
            column = formatted_value(shown)
            if isinstance(column, exp.Column):
                if _shown_elsewhere(tree, selected, column):
                    selected.pop()  # `SELECT strftime('%Y', d) AS year, d`: the date is shown already
                else:
                    shown.replace(column.copy())
                changed = True
    return tree.sql(dialect=schema.dialect) if changed else None


def drop_repeated_group_columns(sql: str, schema: Schema) -> str | None:
    """The SQL without `AVG(g)`, `MIN(g)` or `MAX(g)` of a column it groups by and shows already (`SELECT year,
    AVG(weight), AVG(year) ... GROUP BY year`): within a group that is the column again. None if none."""
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or not tree.args.get("group"):
        return None
    grouped = {g.sql().lower() for g in tree.args["group"].expressions}
    changed = False
    for selected in list(tree.expressions):
        shown = _unaliased(selected)
        if (
            isinstance(shown, (exp.Avg, exp.Min, exp.Max))
            and isinstance(shown.this, exp.Column)
            and shown.this.sql().lower() in grouped
            and _shown_elsewhere(tree, selected, shown.this)
        ):
            selected.pop()
            changed = True
    return tree.sql(dialect=schema.dialect) if changed else None


def _unaliased(selected: exp.Expression) -> exp.Expression:
    return selected.this if isinstance(selected, exp.Alias) else selected


def _shown_elsewhere(select: exp.Select, selected: exp.Expression, value: exp.Expression) -> bool:
    """Whether another output column of the SELECT shows exactly `value`."""
    return any(
        other is not selected and _unaliased(other).sql().lower() == value.sql().lower() for other in select.expressions
    )


def repair_off_key_joins(sql: str, schema: Schema) -> str | None:
    """The SQL with each join of two look-alike key columns of tables that share no foreign key (`customers.id =
    payments.id`) made through the one table that links them (orders; moved up if the query joins it later),
    or None. Only conditions between two
    key columns (primary or foreign) are touched: those are the look-alikes. Where the tables do share a key,
    the check doubts the join and the model is asked again: there the join itself is often not needed."""
    return each_select_rewritten(sql, schema, _repair_off_key_joins)


def repair_shared_aliases(sql: str, schema: Schema) -> str | None:
    """The SQL with each table alias used once (`singer s JOIN song s`), or None when no alias names two tables."""
    return each_select_rewritten(sql, schema, split_shared_aliases)


def repair_invented_join_columns(sql: str, schema: Schema) -> str | None:
    """The SQL with each `JOIN b ON a.x = b.y` that names a column its table lacks (`car_makers.MakerId`) put
    on the one foreign key between a and b, or None when there is none such."""
    return each_select_rewritten(sql, schema, _repair_invented_join_columns)


def repair_anti_joins(sql: str, schema: Schema) -> str | None:
    """The SQL with each "rows of a without a match in b" written as `a LEFT JOIN b ... WHERE b.key IS NULL`,
    or None when no such always-empty NULL test is found."""
    return each_select_rewritten(sql, schema, _repair_anti_joins)


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
    if not isinstance(tree, exp.Select) or tree.args.get("group") or own_aggregates(tree):
        return None
    if any(isinstance(selected, exp.Star) for selected in tree.expressions):
        return None  # `SELECT *` reads every joined table
    if _ASKS_FOR_A_MATCH.search(question):
        return None  # "customers who have purchased anything": the join is the question
    asked = question_words(question)
    asked |= {word[:-1] for word in asked if word.endswith("s")}  # "pets" names has_pet
    sources = ordered_sources(tree, schema)
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


def drop_multiplying_joins(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL of a grouped or aggregate query without the inner joins that only multiply its rows, or None.

    A join of a table on its foreign key to an earlier table (`stadium JOIN concert JOIN singer_in_concert`)
    repeats each earlier row once per match: counted, it answers "how many performances" where the question
    asked "how many concerts". Dropped when nothing but its ON condition and plain COUNTs read the table
    (those then count the earlier table's key), nothing is joined through it, the question uses no word of
    its name or columns that the query's other tables lack, and what the question counts ("number of
    templates") is not the table itself. Not with COUNT(*): that counts the joined table's rows on purpose
    ("countries with at least 3 makers")."""
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or not (tree.args.get("group") or own_aggregates(tree)):
        return None
    if any(isinstance(count.this, exp.Star) for count in tree.find_all(exp.Count)):
        return None
    asked, named_as_counted = question_words(question), counted_words(question)
    sources = ordered_sources(tree, schema)
    changed = False
    for join in list(tree.args.get("joins") or []):
        position = _position_of(join, sources)
        pair = _key_pair(join, sources)
        if position is None or pair is None or join.side or (join.kind or "INNER").upper() != "INNER":
            continue
        own, earlier = pair
        alias, table = sources[position]
        earlier_table = next((t for a, t in sources if a.lower() == earlier.table.lower()), None)
        if earlier_table is None or not _references(table, own.name, earlier_table, earlier.name):
            continue
        counted = _only_counted(tree, join, alias, table, sources)
        others = [t for i, (_a, t) in enumerate(sources) if i != position]
        if counted is None or (_words_of(table) - set().union(*(_words_of(t) for t in others))) & asked:
            continue
        if name_words(table.name) <= named_as_counted:
            continue
        for count in counted:
            count.set("this", earlier.copy())
        join.pop()
        changed = True
    return tree.sql(dialect=schema.dialect) if changed else None


def _references(table: Table, own: str, other: Table, theirs: str) -> bool:
    """Whether `table.own` is a foreign key to `other.theirs`."""
    return (own.lower(), theirs.lower()) in {(a.lower(), b.lower()) for a, b in table.references_to(other)}


def _only_counted(
    select: exp.Select, join: exp.Join, alias: str, table: Table, sources: list[tuple[str, Table]]
) -> list[exp.Count] | None:
    """The plain COUNTs of the SELECT that read the table at `alias`, when nothing else outside `join`'s
    ON condition reads it (subqueries included); None when something does."""
    others = [t for a, t in sources if a.lower() != alias.lower()]
    counted = []
    for column in select.find_all(exp.Column):
        if column.find_ancestor(exp.Join) is join or not _reads(column, alias, table, others):
            continue
        count = column.parent
        if not isinstance(count, exp.Count) or count.find_ancestor(exp.Select) is not select:
            return None
        if table.column(column.name) is None:
            return None  # a column the table lacks: the check reports it, counting something else would hide it
        counted.append(count)
    return counted


def _words_of(table: Table) -> set[str]:
    return name_words(table.name) | _column_words(table)


def distinct_asked_values(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL with DISTINCT where it shows one column that the question asks for as "which <plural>" ("In
    which years were cars produced ...": each year once, not once per car), or None.

    Only a plain SELECT (no grouping, aggregates or LIMIT) of that one column, when the plural names the column
    and not its table."""
    asked = set().union(*(question_words(noun) for noun in _WHICH_PLURAL.findall(question) if noun.endswith("s")))
    if not asked:
        return None
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or tree.args.get("distinct") or len(tree.expressions) != 1:
        return None
    if tree.args.get("group") or tree.args.get("limit") or own_aggregates(tree):
        return None
    shown = tree.expressions[0].this if isinstance(tree.expressions[0], exp.Alias) else tree.expressions[0]
    if not isinstance(shown, exp.Column) or not name_words(shown.name) & asked:
        return None
    source = source_of(shown, ordered_sources(tree, schema))
    if source is None or name_words(source[1].name) & asked:
        return None  # "which semesters": the rows are the items asked for, each one even if two share a name
    tree.set("distinct", exp.Distinct())
    return tree.sql(dialect=schema.dialect)


def distinct_filtered_items(sql: str, schema: Schema) -> str | None:
    """The SQL with DISTINCT where it shows one table's rows, key included, filtered through a join to rows
    that point at them (`SELECT c.id, c.name FROM countries c JOIN makers m ON m.country = c.id`): each
    country came once per maker. None when there is nothing to change.

    Only a plain SELECT (no grouping, aggregates or LIMIT) whose output reads only the FROM table and shows
    its one-column primary key: its repeated rows are copies of one item, never answers in their own right."""
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or tree.args.get("distinct") or not tree.args.get("joins"):
        return None
    if tree.args.get("group") or tree.args.get("limit") or own_aggregates(tree):
        return None
    sources = ordered_sources(tree, schema)
    if len(sources) != len(tree.args["joins"]) + 1:
        return None
    alias, table = sources[0]
    key = table.single_primary_key
    shown = [_unaliased(e) for e in tree.expressions]
    joined = [t for _a, t in sources[1:]]
    if key is None or not all(isinstance(e, exp.Column) and _reads(e, alias, table, joined) for e in shown):
        return None
    if key.lower() not in {e.name.lower() for e in shown}:
        return None
    repeats = any(later.references_to(earlier) for i, (_a, later) in enumerate(sources) for _b, earlier in sources[:i])
    if not repeats:
        return None
    tree.set("distinct", exp.Distinct())
    return tree.sql(dialect=schema.dialect)


def _reads(column: exp.Column, alias: str, table: Table, others: list[Table]) -> bool:
    """Whether a column reads the table at `alias`: qualified with it, or unqualified and a column of that
    table alone among the query's tables."""
    if column.table:
        return column.table.lower() == alias.lower()
    return table.column(column.name) is not None and not any(t.column(column.name) for t in others)


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
        if column.find_ancestor(exp.Join) is not join and _reads(column, alias, table, others):
            return False
    other_names = {word for t in others for word in name_words(t.name)}
    other_columns = other_names.union(*(_column_words(t) for t in others))
    named = (name_words(table.name) - other_names) | (_column_words(table) - other_columns)
    return not named & asked


def _column_words(table: Table) -> set[str]:
    """The words of a table's column names: "sold" names `sales` through `sold_on`."""
    return set().union(*(name_words(c.name) for c in table.columns))


def each_select_rewritten(sql: str, schema: Schema, repair_select: Callable[[exp.Select, Schema], bool]) -> str | None:
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
    moved: dict[str, tuple[str, str]] = {}  # unqualified column name -> (alias, column name) it was found as
    changed = False
    for column in _own_columns(select):
        unqualified = not column.table
        origin: str | None = None
        table: Table | None = None
        if unqualified and column.name.lower() in moved:
            alias, name = moved[column.name.lower()]
            column.set("table", exp.to_identifier(alias))
            column.set("this", exp.to_identifier(name))
            continue
        if not unqualified:
            table = sources.get(column.table.lower())
            if table is None or table.column(column.name) is not None:
                continue
            origin = column.table
        elif only_source is not None and only_source[1].column(column.name) is None:
            origin, table = only_source
        elif any(t.column(column.name) for t in sources.values()):
            continue  # the database resolves it, or says it is ambiguous
        elif unqualified and only_source is None:
            origin, table = _next_to_owner(column.name, sources, schema) or (None, None)
        found = _owner_of(column.name, select, origin, table, schema, sources)
        if found:
            alias, name = found
            column.set("table", exp.to_identifier(alias))
            column.set("this", exp.to_identifier(name))
            if unqualified:
                moved[column.name.lower()] = found
            changed = True
    return changed


def _next_to_owner(name: str, sources: dict[str, Table], schema: Schema) -> tuple[str, Table] | None:
    """The one source of the query one foreign key away from a table, not in the query, that has the column."""
    used = {t.name.lower() for t in sources.values()}
    owners = [t for t in schema.tables if t.column(name) is not None and t.name.lower() not in used]
    near = [(alias, table) for alias, table in sources.items() if any(table.single_keys_with(o) for o in owners)]
    return near[0] if len(near) == 1 else None


def _owner_of(
    name: str, select: exp.Select, origin: str | None, table: Table | None, schema: Schema, sources: dict[str, Table]
) -> tuple[str, str] | None:
    """(alias, column name) for a column the query's table lacks: a joined table that has it, a table joined
    for it, or, for a name no table has, the table its prefix names (`customer_segment` as customers.segment)."""
    alias = _alias_owning(name, sources)
    if alias is None and origin is not None and table is not None:
        alias = _join_owner(select, origin, table, name, schema, sources)
    if alias:
        return alias, name
    prefixed = _table_prefixed(name, schema)
    if prefixed is None:
        return None
    owner, real = prefixed
    alias = next((a for a, t in sources.items() if t.name.lower() == owner.name.lower()), None)
    if alias is None and origin is not None and table is not None:
        alias = _join_owner(select, origin, table, real, schema, sources, only=owner)
    return (alias, real) if alias else None


def _table_prefixed(name: str, schema: Schema) -> tuple[Table, str] | None:
    """(table, column) for a column name that no table has but that is a table's name, an underscore and one of
    its columns (`customer_segment` for customers.segment, `product_category`); None if not exactly one."""
    if any(t.column(name) for t in schema.tables):
        return None
    lowered = name.lower()
    matches = [
        (t, c.name)
        for t in schema.tables
        for c in t.columns
        if lowered.endswith("_" + c.name.lower())
        and (prefix := name_words(name[: -len(c.name) - 1]))
        and prefix <= name_words(t.name)
    ]
    return matches[0] if len(matches) == 1 else None


def _sources(select: exp.Select, schema: Schema) -> dict[str, Table]:
    """The schema tables this SELECT reads directly, by alias (lower-cased)."""
    return {alias.lower(): table for alias, table in ordered_sources(select, schema)}


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
    select: exp.Select,
    origin: str,
    table: Table,
    name: str,
    schema: Schema,
    sources: dict[str, Table],
    only: Table | None = None,
) -> str | None:
    """Join the one table, one foreign key away from `table`, that has the column; failing that, the one
    two keys away through a table between (a line's customer segment, through its order); its new alias."""
    used = {t.name.lower() for t in sources.values()} | {table.name.lower()}
    owners = [t for t in schema.tables if t.column(name) is not None and t.name.lower() not in used]
    if only is not None:
        owners = [t for t in owners if t.name.lower() == only.name.lower()]
    near = [(other, pair) for other in owners for pair in table.single_keys_with(other)]
    if near:
        if len(near) != 1:
            return None
        other, (local, remote) = near[0]
        return _join_new(select, other, exp.column(local, table=origin), remote, sources)
    far = [
        (middle, first, other, second)
        for middle in schema.tables
        if middle.name.lower() not in used
        for first in table.single_keys_with(middle)
        for other in owners
        if other.name.lower() != middle.name.lower()
        for second in middle.single_keys_with(other)
    ]
    if not far:
        return _join_beside(select, origin, name, owners, sources)
    if len(far) != 1:
        return None
    middle, (local, middle_key), other, (middle_local, remote) = far[0]
    between = _join_new(select, middle, exp.column(local, table=origin), middle_key, sources)
    return _join_new(select, other, exp.column(middle_local, table=between), remote, sources)


def _join_beside(
    select: exp.Select, origin: str, name: str, owners: list[Table], sources: dict[str, Table]
) -> str | None:
    """Join the one table that has the column and is one foreign key away from another table of the query
    (`courses JOIN enrolments ... COUNT(enrolments.section_id)`: sections, beside courses); its new alias."""
    beside = [
        (alias, other, pair)
        for alias, source in list(sources.items())
        if alias != origin.lower()
        for other in owners
        for pair in source.single_keys_with(other)
    ]
    if len(beside) != 1:
        return None
    alias, other, (local, remote) = beside[0]
    spelled = next(t.alias_or_name for t in select.find_all(exp.Table) if t.alias_or_name.lower() == alias)
    return _join_new(select, other, exp.column(local, table=spelled), remote, sources)


def _join_new(select: exp.Select, other: Table, local: exp.Column, remote: str, sources: dict[str, Table]) -> str:
    """Join `other` on `local = other.remote` under a free alias, recorded in `sources`; the alias."""
    alias = _free_alias(other.name, sources)
    condition = local.eq(exp.column(remote, table=alias))
    select.join(exp.alias_(exp.to_table(other.name), alias, table=True), on=condition, copy=False)
    sources[alias.lower()] = other
    return alias


def _free_alias(name: str, sources: dict[str, Table]) -> str:
    alias, n = name, 2
    while alias.lower() in sources:
        alias, n = f"{name}{n}", n + 1
    return alias


def _repair_self_joins(select: exp.Select, schema: Schema) -> bool:
    joined_so_far = ordered_sources(select, schema)
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
        elif not keys and join.args.get("on") is equal:
            links = [
                (other_alias, link)
                for other_alias, other in joined_so_far[:position]
                if (link := _one_link_between(other, table, schema, joined_so_far))
            ]
            if len(links) == 1:
                _bridge(select, join, links[0][0], alias, links[0][1], joined_so_far)
                joined_so_far = ordered_sources(select, schema)
                changed = True
            elif not links and _pull_link_forward(select, join, position, joined_so_far):
                joined_so_far = ordered_sources(select, schema)
                changed = True
    return changed


def _pull_link_forward(select: exp.Select, join: exp.Join, position: int, sources: list[tuple[str, Table]]) -> bool:
    """For `FROM c JOIN lines ON c.id = c.id JOIN orders ON orders.id = lines.order_id` (or `ON c.id =
    lines.id`, two ids that only look alike): the table that links the joined one to an earlier table is
    joined later in the query. Join it first, on its key to the earlier table, and the joined table on its
    key to it. False (nothing changed) unless exactly one table fits."""
    alias, table = sources[position]
    joins = select.args["joins"]
    found = []
    for later in joins[joins.index(join) + 1 :]:
        index = _position_of(later, sources)
        pair = _key_pair(later, sources) if index is not None else None
        if pair is None or pair[1].table.lower() != alias.lower():
            continue
        link = sources[index][1]
        if (pair[1].name.lower(), pair[0].name.lower()) not in {
            (own.lower(), theirs.lower()) for own, theirs in table.single_keys_with(link)
        }:
            continue
        earlier = [(a, key) for a, t in sources[:position] for key in link.single_keys_with(t)]
        if len(earlier) == 1:
            found.append((later, sources[index][0], pair, earlier[0]))
    if len(found) != 1:
        return False
    later, link_alias, (link_column, own_column), (earlier_alias, (link_key, earlier_key)) = found[0]
    later.set("on", exp.column(link_key, table=link_alias).eq(exp.column(earlier_key, table=earlier_alias)))
    join.set("on", own_column.copy().eq(link_column.copy()))
    joins.remove(later)
    joins.insert(joins.index(join), later)
    select.set("joins", joins)
    return True


def _position_of(join: exp.Join, sources: list[tuple[str, Table]]) -> int | None:
    if not isinstance(join.this, exp.Table):
        return None
    alias = join.this.alias_or_name.lower()
    return next((i for i, (name, _table) in enumerate(sources) if name.lower() == alias), None)


def _repair_anti_joins(select: exp.Select, schema: Schema) -> bool:
    where = select.args.get("where")
    if where is None:
        return False
    sources = ordered_sources(select, schema)
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


def _repair_years_read_as_dates(select: exp.Select, schema: Schema) -> bool:
    sources = _sources(select, schema)
    changed = False
    for formatted in list(select.find_all(exp.TimeToStr)):
        if formatted.find_ancestor(exp.Select) is not select or formatted.text("format") != "%Y":
            continue
        column = formatted_value(formatted)
        if not isinstance(column, exp.Column):
            continue
        found = _schema_column(column, sources)
        if found is not None and found[1].holds_plain_numbers:
            formatted.replace(column.copy())
            changed = True
        elif found is None and (year := _year_column_instead(column, sources)) is not None:
            formatted.replace(year)
            changed = True
    return changed


def _year_column_instead(column: exp.Column, sources: dict[str, Table]) -> exp.Column | None:
    """The year column of the table a missing date column is read from (`strftime('%Y', concert.date)` where
    `concert` has no date, only a `year`): the one column of plain numbers named a year."""
    source = source_of(column, list(sources.items()))
    if source is None and not column.table and len(sources) == 1:
        source = next(iter(sources.items()))
    if source is None or source[1].column(column.name) is not None:
        return None
    years = [c for c in source[1].columns if c.holds_plain_numbers and YEAR_WORDS & name_words(c.name)]
    return exp.column(years[0].name, table=column.table or None) if len(years) == 1 else None


def _schema_column(column: exp.Column, sources: dict[str, Table]) -> tuple[str, Column] | None:
    """(alias, schema column) a column of this SELECT reads: by its alias, or the one source that has it."""
    source = source_of(column, list(sources.items()))
    found = source[1].column(column.name) if source else None
    return (column.table or source[0], found) if source and found else None


def _repair_off_key_joins(select: exp.Select, schema: Schema) -> bool:
    changed = False
    for join in list(select.args.get("joins") or []):
        sources = ordered_sources(select, schema)
        position = _position_of(join, sources)
        condition = join.args.get("on")
        if position is None or not isinstance(condition, exp.EQ):
            continue
        sides = _key_sides(condition, position, sources)
        if sides is None:
            continue
        (earlier_alias, earlier), (joined_alias, joined) = sides
        if joined.keys_with(earlier):
            continue
        if link := _one_link_between(earlier, joined, schema, sources):
            _bridge(select, join, earlier_alias, joined_alias, link, sources)
            changed = True
        elif _pull_link_forward(select, join, position, sources):
            changed = True
    return changed


def _repair_invented_join_columns(select: exp.Select, schema: Schema) -> bool:
    changed = False
    tables = {alias.lower(): table for alias, table in ordered_sources(select, schema)}
    for join in select.args.get("joins") or []:
        condition = join.args.get("on")
        if not isinstance(condition, exp.EQ) or not all(isinstance(s, exp.Column) for s in condition.args.values()):
            continue  # a column against a literal (`ON t.kind = 'Depot'`) is a filter, not an invented key
        sides = [(side, tables.get(side.table.lower())) for side in (condition.left, condition.right)]
        if not all(isinstance(side, exp.Column) and table is not None for side, table in sides):
            continue
        (left, left_table), (right, right_table) = sides
        if (left_table.column(left.name) and right_table.column(right.name)) or left_table is right_table:
            continue
        keys = left_table.single_keys_with(right_table)
        if len(keys) == 1:
            own, theirs = keys[0]
            join.set("on", exp.column(own, table=left.table).eq(exp.column(theirs, table=right.table)))
            changed = True
    return changed


def _bridge(
    select: exp.Select,
    join: exp.Join,
    earlier_alias: str,
    joined_alias: str,
    link: tuple[Table, tuple[str, str], tuple[str, str]],
    sources: list[tuple[str, Table]],
) -> None:
    """Join the linking table just before `join`, and put `join` on its key to that table."""
    middle, (middle_own, earlier_key), (joined_own, middle_key) = link
    alias = _free_alias(middle.name, {a.lower(): t for a, t in sources})
    on_middle = exp.column(middle_own, table=alias).eq(exp.column(earlier_key, table=earlier_alias))
    joins = select.args["joins"]
    bridge = exp.Join(this=exp.alias_(exp.to_table(middle.name), alias, table=True), on=on_middle)
    joins.insert(joins.index(join), bridge)
    select.set("joins", joins)
    join.set("on", exp.column(joined_own, table=joined_alias).eq(exp.column(middle_key, table=alias)))


def _key_sides(
    equal: exp.EQ, position: int, sources: list[tuple[str, Table]]
) -> tuple[tuple[str, Table], tuple[str, Table]] | None:
    """((alias, table) of an earlier source, (alias, table) joined at `position`) when `equal` compares a key
    column of each: a primary key or a foreign-key column. None for any other condition."""
    joined_alias, joined = sources[position]
    found = []
    for side in (equal.left, equal.right):
        if not isinstance(side, exp.Column) or not side.table:
            return None
        index = next((i for i, (a, _t) in enumerate(sources[: position + 1]) if a.lower() == side.table.lower()), None)
        if index is None or not _is_key_column(sources[index][1], side.name):
            return None
        found.append(index)
    if sorted(found)[1] != position or found[0] == found[1]:
        return None
    earlier = sources[min(found)]
    if earlier[1].name.lower() == joined.name.lower():
        return None
    return earlier, (joined_alias, joined)


def _is_key_column(table: Table, name: str) -> bool:
    found = table.column(name)
    if found is None:
        return False
    return found.primary_key or any(name.lower() in {c.lower() for c in fk.columns} for fk in table.foreign_keys)


def _one_link_between(
    earlier: Table, joined: Table, schema: Schema, sources: list[tuple[str, Table]]
) -> tuple[Table, tuple[str, str], tuple[str, str]] | None:
    """The one table, not in the query yet, with exactly one key pair to each of two tables that share
    none: (table, (its column, earlier's column), (joined's column, its column)). None if there are 0 or several."""
    if earlier.name.lower() == joined.name.lower():
        return None  # a table with itself: no path between two copies is what the query meant
    used = {t.name.lower() for _a, t in sources}
    links = []
    for middle in schema.tables:
        if middle.name.lower() in used:
            continue
        to_earlier, to_joined = middle.keys_with(earlier), joined.keys_with(middle)
        if len(to_earlier) == 1 and len(to_joined) == 1:
            links.append((middle, to_earlier[0], to_joined[0]))
    return links[0] if len(links) == 1 else None


def _repair_ambiguous_columns(select: exp.Select, schema: Schema) -> bool:
    sources = ordered_sources(select, schema)
    changed = False
    for column in _own_columns(select):
        if column.table:
            continue
        owners = [alias for alias, table in sources if table.column(column.name) is not None]
        if len(owners) > 1 and _joined_on(select, column.name, owners):
            # Equal values either way: take the table the query reads anyway, so that a join kept only for
            # this column can still be dropped as unasked.
            column.set("table", exp.to_identifier(max(owners, key=lambda alias: _reads_of(select, alias))))
            changed = True
    return changed


def _reads_of(select: exp.Select, alias: str) -> int:
    """How many column references of this SELECT, outside its ON conditions, name `alias`."""
    return sum(
        1
        for column in _own_columns(select)
        if column.table.lower() == alias.lower() and not column.find_ancestor(exp.Join)
    )


def _joined_on(select: exp.Select, name: str, aliases: list[str]) -> bool:
    """Whether the ON conditions equate `name` across all the aliases (`a.x = b.x AND b.x = c.x`)."""
    linked = {aliases[0].lower()}
    pairs = [
        (equal.left.table.lower(), equal.right.table.lower())
        for join, equal in join_equalities(select)
        if join.find_ancestor(exp.Select) is select
        and isinstance(equal.left, exp.Column)
        and isinstance(equal.right, exp.Column)
        and equal.left.name.lower() == name.lower() == equal.right.name.lower()
    ]
    grew = True
    while grew:
        grew = False
        for first, second in pairs:
            if (first in linked) != (second in linked):
                linked |= {first, second}
                grew = True
    return {alias.lower() for alias in aliases} <= linked


def _repair_values(select: exp.Select, schema: Schema, values: ValueIndex) -> bool:
    sources = _sources(select, schema)
    changed = False
    for compared in [*select.find_all(exp.EQ), *select.find_all(exp.In)]:
        if compared.find_ancestor(exp.Select) is not select or not isinstance(compared.this, exp.Column):
            continue
        literals = [compared.expression] if isinstance(compared, exp.EQ) else compared.expressions
        if not literals or not all(isinstance(v, exp.Literal) and v.is_string for v in literals):
            continue
        column = compared.this
        found = _schema_column(column, sources)
        table = sources.get(found[0].lower()) if found else None
        if found is None or table is None or (table.name, found[1].name) not in values:
            continue
        wanted = {v.this for v in literals}
        stored = values[(table.name, found[1].name)]
        own = {v.lower() for v in stored}
        missing = [v for v in literals if v.this.lower() not in own]
        if missing and _respelled(missing, stored):
            changed = True
            continue
        if len(missing) < len(literals):
            continue
        holders = [c for c in table.columns if wanted <= set(values.get((table.name, c.name), ()))]
        if len(holders) == 1:
            column.set("this", exp.to_identifier(holders[0].name))
            changed = True
    return changed


def _respelled(literals: list[exp.Expression], stored: tuple[str, ...]) -> bool:
    """Each literal written as the one stored value it matches but for spaces and punctuation ('North Carolina'
    for 'NorthCarolina', 'e mail' for 'e-mail'); False, and nothing changed, unless every literal has one."""
    spellings: dict[str, set[str]] = {}
    for value in stored:
        spellings.setdefault(_letters_and_digits(value), set()).add(value)
    found = [spellings.get(_letters_and_digits(v.this), set()) for v in literals]
    if not all(len(matches) == 1 for matches in found):
        return False
    for literal, (value,) in zip(literals, found, strict=True):
        literal.set("this", value)
    return True


def _letters_and_digits(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
