"""A measure the model reads the wrong way round: the question's comparison, extreme or count.

- "employees under age 30" written `age > 30`: the comparison turned to the question's word before the
  value ("under", "after", "more than"), when the question denies nothing ("not after 2010" may be `<=`);
  "born before 1945 or after 1955" written `BETWEEN 1945 AND 1955`: the two ranges outside it;
- "cars with a larger accelerate than the car with the largest horsepower" written
  `accelerate > (SELECT MAX(horsepower) ...)`, an accelerate against a horsepower: the accelerate of the
  car with the largest horsepower (`SELECT accelerate ... ORDER BY horsepower DESC LIMIT 1`);
- "how many cylinders does the car have" written `COUNT(cylinders)`, the number of rows with a cylinder
  count: the stored number itself;
- "the template type used by the most documents" written as a count of templates per type, the documents
  table never joined: joined along its foreign key, so the count counts documents; and "template types not
  used by any document" written as those no template has: the documents joined inside the NOT IN.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from chains.words import AMOUNT_SUPERLATIVES, counted_heads, direction_before, name_words, question_words
from connectors.joins import in_subquery, ordered_sources, source_of
from connectors.schema import Schema, Table

# What a ranking or a threshold counts: "the most documents", "number of documents", "at least 3 shops".
_RANKED = re.compile(
    r"\b(?:most|least|fewest|number of|how many|count of|(?:at least|more than|fewer than|less than) \d+)"
    r"\s+((?:\w+\s+){0,3}\w+)",
    re.IGNORECASE,
)
# What a question denies: "not used by any document", "with no documents", "without documents".
_DENIED = re.compile(r"\b(?:not|no|never|without)\s+((?:\w+\s+){0,3}\w+)", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|never|without|no|none)\b|n't\b", re.IGNORECASE)
_TURNED = {
    ("below", exp.GT): exp.LT,
    ("below", exp.GTE): exp.LT,
    ("above", exp.LT): exp.GT,
    ("above", exp.LTE): exp.GT,
}
_INEQUALITIES = (exp.GT, exp.GTE, exp.LT, exp.LTE)
_MIRRORED = {exp.GT: exp.LT, exp.GTE: exp.LTE, exp.LT: exp.GT, exp.LTE: exp.GTE}
# "the one with the most horsepower": the row a superlative picks, not the superlative's value.
_ROW_WITH_EXTREME = re.compile(rf"\b(?:with|has|had|having)\s+the\s+(?:{AMOUNT_SUPERLATIVES})\b", re.IGNORECASE)


def repair_turned_comparisons(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL with each comparison of a column with a value put the way the question's word before that value
    says ("under age 30": `<`), or None when none is turned or the question denies anything."""
    if _NEGATED.search(question):
        return None
    tree = _parsed(sql, schema)
    if tree is None:
        return None
    changed = False
    for comparison in list(tree.find_all(*_INEQUALITIES)):
        column_side, value, kind = _column_against_value(comparison)
        if value is None or comparison.find_ancestor(exp.Not) is not None:
            continue
        if not _said_once(value, question):
            continue
        turned = _TURNED.get((direction_before(question, value.name), kind))
        if turned is not None:
            comparison.replace(turned(this=column_side.copy(), expression=value.copy()))
            changed = True
    for between in list(tree.find_all(exp.Between)):
        low, high = between.args.get("low"), between.args.get("high")
        if _outside_asked(between, low, high, question):
            below = exp.LT(this=between.this.copy(), expression=low.copy())
            above = exp.GT(this=between.this.copy(), expression=high.copy())
            between.replace(exp.paren(exp.or_(below, above)))
            changed = True
    return tree.sql(dialect=schema.dialect) if changed else None


def _outside_asked(between: exp.Between, low: exp.Expression, high: exp.Expression, question: str) -> bool:
    """Whether the question puts "before"/"under" at the low value and "after"/"over" at the high one."""
    if not (isinstance(low, exp.Literal) and isinstance(high, exp.Literal)) or between.find_ancestor(exp.Not):
        return False
    if not (_said_once(low, question) and _said_once(high, question)):
        return False
    return (direction_before(question, low.name), direction_before(question, high.name)) == ("below", "above")


def _said_once(value: exp.Literal, question: str) -> bool:
    return len(re.findall(rf"(?<!\w)(?<!\d\.){re.escape(value.name)}(?!\w|\.\d)", question)) == 1


def repair_compared_extremes(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL with `a > (SELECT MAX(b) FROM t)` (a, b two measures of t) as a against the a of t's row with the
    largest b, when the question compares with the row that has the most of b; None otherwise."""
    if not _ROW_WITH_EXTREME.search(question):
        return None
    tree = _parsed(sql, schema)
    if tree is None:
        return None
    changed = False
    for comparison in list(tree.find_all(*_INEQUALITIES)):
        compared, subquery = comparison.this, comparison.expression
        if not (isinstance(compared, exp.Column) and isinstance(subquery, exp.Subquery)):
            continue
        inner = subquery.this
        extreme = _lone_extreme(inner, schema)
        outer = comparison.find_ancestor(exp.Select)
        if extreme is None or outer is None:
            continue
        table, measure, function = extreme
        reads_table = _table_of(compared, outer, schema) is table and table.column(compared.name) is not None
        if not reads_table or compared.name.lower() == measure.name.lower():
            continue
        if table.is_key(compared.name) or table.is_key(measure.name):
            continue
        row = inner.copy()
        row.set("expressions", [exp.column(compared.name, table=measure.table or None)])
        row = row.order_by(exp.Ordered(this=measure.copy(), desc=function is exp.Max)).limit(1)
        subquery.set("this", row)
        changed = True
    return tree.sql(dialect=schema.dialect) if changed else None


def repair_counted_values(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL with `COUNT(n)` as n, where n is a stored number the question asks "how many" of ("how many
    cylinders does it have", the first word after "how many"), in a query without GROUP BY; None otherwise."""
    counted = counted_heads(question)
    if not counted:
        return None
    tree = _parsed(sql, schema)
    if not isinstance(tree, exp.Select) or tree.args.get("group"):
        return None
    changed = False
    for selected in tree.expressions:
        count = selected.this if isinstance(selected, exp.Alias) else selected
        if not isinstance(count, exp.Count) or not isinstance(count.this, exp.Column):
            continue
        column = count.this
        table = _table_of(column, tree, schema)
        stored = table.column(column.name) if table else None
        if stored is None or table.is_key(column.name) or not stored.is_numeric:
            continue
        if name_words(column.name) & counted:
            count.replace(column.copy())
            changed = True
    return tree.sql(dialect=schema.dialect) if changed else None


def repair_uncounted_tables(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL with the table a grouped COUNT(*) should count joined, or None.

    That table: the only one the query lacks with a word of its own (one no table of the query has) that the
    question puts after "most", "number of", "at least 3" and the like, and with the only foreign key from it
    to the query's tables. The count is COUNT(*) or of a column, so it counts the joined rows."""
    tree = _parsed(sql, schema)
    if not isinstance(tree, exp.Select) or not tree.args.get("group"):
        return None
    # "how many employees have each job title": the query's own table is what is counted; its later words
    # ("job") name no table to join.
    query_words = _query_table_words(tree, schema)
    phrases = [p for p in _RANKED.findall(question) if not question_words(p.split()[0]) & query_words]
    ranked = set().union(*(question_words(phrase) for phrase in phrases))
    if not ranked:
        return None
    if not any(_counts_rows(count) and count.find_ancestor(exp.Select) is tree for count in tree.find_all(exp.Count)):
        return None
    sources = ordered_sources(tree, schema)
    found = _named_table_to_join(sources, query_words, ranked, schema)
    if found is None:
        return None
    table, alias, (own_column, their_column) = found
    for column in tree.find_all(exp.Column):
        if not column.table and table.column(column.name) is not None:
            owners = [a for a, t in sources if t.column(column.name) is not None]
            if len(owners) == 1:
                column.set("table", exp.to_identifier(owners[0]))  # the new table has one of that name too
    condition = exp.EQ(this=exp.column(own_column, table=table.name), expression=exp.column(their_column, table=alias))
    return tree.join(exp.to_table(table.name), on=condition).sql(dialect=schema.dialect)


def repair_unjoined_negations(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL with `x NOT IN (SELECT x FROM t)` as `x NOT IN (SELECT t.x FROM t JOIN u ...)`, where u is the
    table the question denies ("template types not used by any document": documents), or None.

    u: the only table the query lacks with a word of its own after "not", "no", "never" or "without", and
    the only foreign key from it to t; the subquery reads t alone."""
    denied = set().union(*(question_words(phrase) for phrase in _DENIED.findall(question)))
    tree = _parsed(sql, schema)
    if not denied or tree is None:
        return None
    query_words = _query_table_words(tree, schema)
    changed = False
    for negation in list(tree.find_all(exp.Not)):
        inner = in_subquery(negation.this)
        if inner is None or inner.args.get("joins") or len(inner.expressions) != 1:
            continue
        sources = ordered_sources(inner, schema)
        found = _named_table_to_join(sources, query_words, denied, schema)
        if len(sources) != 1 or found is None:
            continue
        table, alias, (own_column, their_column) = found
        for column in inner.find_all(exp.Column):
            if not column.table:
                column.set("table", exp.to_identifier(alias))
        on = exp.EQ(this=exp.column(own_column, table=table.name), expression=exp.column(their_column, table=alias))
        subquery_select = inner.join(exp.to_table(table.name), on=on)
        inner.replace(subquery_select)
        changed = True
    return tree.sql(dialect=schema.dialect) if changed else None


def _query_table_words(tree: exp.Expression, schema: Schema) -> set[str]:
    """The words of the names of every table the query reads, subqueries included."""
    tables = [schema.table(node.name) for node in tree.find_all(exp.Table)]
    return set().union(*(name_words(table.name) for table in tables if table is not None))


def _named_table_to_join(
    sources: list[tuple[str, Table]], query_words: set[str], said: set[str], schema: Schema
) -> tuple[Table, str, tuple[str, str]] | None:
    """(table, alias of a source, (its column, the source's column)): the only table not in the query with a
    word of its own in `said` and the only foreign key from it to the sources; None otherwise."""
    present = {table.name.lower() for _alias, table in sources}
    joins = []
    for table in schema.tables:
        own = name_words(table.name) - query_words
        if table.name.lower() in present or not own & said:
            continue
        links = [(alias, pair) for alias, other in sources for pair in table.single_references_to(other)]
        if len(links) == 1:
            joins.append((table, *links[0]))
    return joins[0] if len(joins) == 1 else None


def _counts_rows(count: exp.Count) -> bool:
    """COUNT(*) or COUNT(column): a count of the joined rows (not COUNT(DISTINCT ...))."""
    return isinstance(count.this, (exp.Star, exp.Column))


def _parsed(sql: str, schema: Schema) -> exp.Expression | None:
    try:
        return sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None


def _column_against_value(
    comparison: exp.Expression,
) -> tuple[exp.Expression, exp.Literal, type] | tuple[None, None, None]:
    """(the side reading a column, the value, the comparison as if the column were on the left)."""
    left, right = comparison.this, comparison.expression
    if isinstance(right, exp.Literal) and left.find(exp.Column) is not None:
        return left, right, type(comparison)
    if isinstance(left, exp.Literal) and right.find(exp.Column) is not None:
        return right, left, _MIRRORED[type(comparison)]
    return None, None, None


def _lone_extreme(select: exp.Expression, schema: Schema) -> tuple[Table, exp.Column, type] | None:
    """(table, column, MAX or MIN) for `SELECT MAX(column) FROM table [WHERE ...]`, one table, no grouping."""
    if not isinstance(select, exp.Select) or select.args.get("joins") or select.args.get("group"):
        return None
    if len(select.expressions) != 1 or not isinstance(select.expressions[0], (exp.Max, exp.Min)):
        return None
    measure = select.expressions[0].this
    sources = ordered_sources(select, schema)
    if not isinstance(measure, exp.Column) or len(sources) != 1 or sources[0][1].column(measure.name) is None:
        return None
    return sources[0][1], measure, type(select.expressions[0])


def _table_of(column: exp.Column, select: exp.Select, schema: Schema) -> Table | None:
    source = source_of(column, ordered_sources(select, schema))
    return source[1] if source else None
