"""Two tables under one alias: `FROM singer s JOIN song s ON s.singer_id = s.singer_id`.

The model abbreviates each table by its first letter and gives two tables the same one; the database refuses
the query, or reads every `s.` column from one of them. The second table gets its own name as alias, and each
column under the shared alias goes to the table that has it; a column both have, compared with itself in the
second table's join condition, stands for one on each side.
"""

from __future__ import annotations

from sqlglot import exp

from connectors.schema import Schema, Table


def split_shared_aliases(select: exp.Select, schema: Schema) -> bool:
    """Give each table of this SELECT an alias of its own; whether anything changed."""
    nodes = [select.args.get("from_"), *(select.args.get("joins") or [])]
    first_by_alias: dict[str, Table] = {}
    taken = {n.this.alias_or_name.lower() for n in nodes if n is not None and isinstance(n.this, exp.Table)}
    changed = False
    for node in nodes:
        source = node.this if node is not None else None
        table = schema.table(source.name) if isinstance(source, exp.Table) else None
        if table is None:
            continue
        alias = source.alias_or_name.lower()
        first = first_by_alias.get(alias)
        if first is None or first is table or not isinstance(node, exp.Join):
            first_by_alias.setdefault(alias, table)
            continue
        own = table.name if table.name.lower() not in taken else f"{table.name}_2"
        taken.add(own.lower())
        source.set("alias", exp.TableAlias(this=exp.to_identifier(own)))
        _share_out(select, node, alias, first, table, own)
        changed = True
    return changed


def _share_out(select: exp.Select, join: exp.Join, alias: str, first: Table, second: Table, own: str) -> None:
    """Point each column under the shared alias at the table that has it."""
    condition = join.args.get("on")
    for equal in condition.find_all(exp.EQ) if condition else ():
        left, right = equal.left, equal.right
        both_shared = all(isinstance(side, exp.Column) and side.table.lower() == alias for side in (left, right))
        if both_shared and second.column(right.name) is not None and first.column(left.name) is not None:
            right.set("table", exp.to_identifier(own))
    for column in select.find_all(exp.Column):
        if column.table.lower() != alias or column.find_ancestor(exp.Select) is not select:
            continue
        if first.column(column.name) is None and second.column(column.name) is not None:
            column.set("table", exp.to_identifier(own))
