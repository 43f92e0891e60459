"""Per-role data policies, enforced on the parsed SQL: which tables a role may query, which columns are
hidden from it, and which (PII) columns it may use but never see.

- The schema the model is shown is cut to what the role may see, so it does not write SQL for the rest.
- Every query, the model's or a person's, is qualified against that cut schema with sqlglot: a hidden
  column or table is unresolvable wherever it hides (CTEs, subqueries, UNION branches, aliases, `*`),
  and the query is refused. `*` is expanded to the visible columns and the expanded SQL is what runs.
- Result columns whose lineage reaches a masked column are replaced by a mask after the query runs.
  Masked columns can still be filtered and joined on; hide a column when even that must not happen.

Anything that cannot be checked is refused: a policy fails closed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
from sqlglot import exp
from sqlglot.lineage import lineage
from sqlglot.optimizer.qualify import qualify

from connectors.errors import QueryRefused
from connectors.guard import check_read_only
from connectors.schema import ForeignKey, Schema, Table

MASK = "•••"
ColumnRef = tuple[str, str]  # (table, column), lowercased


@dataclass(frozen=True)
class Enforced:
    """The SQL to run for a role, and the result positions to mask."""

    sql: str
    masked_positions: tuple[int, ...] = ()


@dataclass(frozen=True)
class Policy:
    role: str = "everyone"
    tables: frozenset[str] | None = None  # lowercased; None: every table
    hidden: frozenset[ColumnRef] = field(default_factory=frozenset)
    masked: frozenset[ColumnRef] = field(default_factory=frozenset)

    @classmethod
    def from_config(cls, role: str, section: Mapping[str, Any]) -> Policy:
        """`[roles.NAME]`: tables = [...] (omit for all), hidden_columns / masked_columns = ["table.column"]."""
        tables = section.get("tables")
        return cls(
            role=role,
            tables=None if tables is None else frozenset(str(t).lower() for t in tables),
            hidden=_column_refs(section.get("hidden_columns", ()), role),
            masked=_column_refs(section.get("masked_columns", ()), role),
        )

    @property
    def unrestricted(self) -> bool:
        return self.tables is None and not self.hidden and not self.masked

    def visible(self, schema: Schema) -> Schema:
        """The schema as this role sees it: allowed tables, without hidden columns; masked columns flagged
        and without sample values."""
        if self.unrestricted:
            return schema
        tables = tuple(
            cut for table in schema.tables if self._table_allowed(table.name) and (cut := self._cut(table)).columns
        )
        names = {t.name.lower() for t in tables}
        return replace(schema, tables=tuple(_without_dangling_keys(t, names, tables) for t in tables))

    def enforce(self, sql: str, schema: Schema) -> Enforced:
        """QueryRefused when the query reaches outside the role's view; otherwise the SQL to run."""
        if self.unrestricted:
            return Enforced(sql)
        visible = self.visible(schema)
        statement = self._check_tables(sql, schema, visible)
        try:
            qualified = qualify(
                statement.copy(),
                schema=visible.column_types(),
                dialect=schema.dialect,
                validate_qualify_columns=True,
                expand_stars=True,
            )
        except Exception as error:  # noqa: BLE001 - unverifiable means refused
            raise QueryRefused(self._column_refusal(str(error), statement, schema)) from error
        self._check_every_column_resolved(qualified)
        return Enforced(qualified.sql(dialect=schema.dialect), self._masked_positions(qualified, visible))

    def mask(self, data: pd.DataFrame, enforced: Enforced) -> pd.DataFrame:
        if not enforced.masked_positions:
            return data
        masked = data.copy()
        for position in enforced.masked_positions:
            if position < masked.shape[1]:
                masked.iloc[:, position] = (
                    masked.iloc[:, position].astype(object).where(masked.iloc[:, position].isna(), MASK)
                )
        return masked

    def _table_allowed(self, name: str) -> bool:
        return self.tables is None or name.lower() in self.tables

    def _cut(self, table: Table) -> Table:
        name = table.name.lower()
        columns = []
        for column in table.columns:
            ref = (name, column.name.lower())
            if ref in self.hidden:
                continue
            if ref in self.masked:
                note = "personal data: shown masked"
                column = replace(column, samples=(), comment=f"{column.comment}; {note}" if column.comment else note)
            columns.append(column)
        return replace(table, columns=tuple(columns))

    def _check_tables(self, sql: str, schema: Schema, visible: Schema) -> exp.Expression:
        statement = check_read_only(sql, schema.dialect, schema.table_names)
        ctes = {cte.alias_or_name.lower() for cte in statement.find_all(exp.CTE)}
        for table in statement.find_all(exp.Table):
            name = table.name.lower()
            if name not in ctes and name not in visible.table_names:
                raise QueryRefused(f"The table {table.name} is not available to the {self.role} role.")
        return statement

    def _check_every_column_resolved(self, qualified: exp.Expression) -> None:
        """qualify leaves a name it cannot place unqualified where it might be an output alias (HAVING,
        ORDER BY); the database would then resolve it against the real table. Only true aliases may stay,
        and never under the name of a hidden column (a database may bind that name to the column first)."""
        hidden_names = {column for _table, column in self.hidden}
        for column in qualified.find_all(exp.Column):
            if column.table or isinstance(column.this, exp.Star):
                continue
            select = column.find_ancestor(exp.Select)
            aliases = {p.alias_or_name.lower() for p in select.selects} if select else set()
            name = column.name.lower()
            if name not in aliases or name in hidden_names:
                raise QueryRefused(
                    f"The column {column.name} is not available to the {self.role} role, or could not be "
                    "placed in a table it may read."
                )

    def _column_refusal(self, error: str, statement: exp.Expression, schema: Schema) -> str:
        for column in statement.find_all(exp.Column):
            name = column.name.lower()
            owners = [t.name for t in schema.tables if (t.name.lower(), name) in self.hidden]
            if owners and name in error.lower():
                return f"The column {owners[0]}.{column.name} is not available to the {self.role} role."
        return f"The query could not be checked against the {self.role} role's data policy, so it was not run."

    def _masked_positions(self, qualified: exp.Expression, visible: Schema) -> tuple[int, ...]:
        if not self.masked:
            return ()
        if not isinstance(qualified, exp.Query):
            raise QueryRefused("The query's result columns could not be traced for masking, so it was not run.")
        positions = []
        types = visible.column_types()
        for position, projection in enumerate(qualified.selects):
            try:
                node = lineage(projection.alias_or_name, qualified, schema=types, dialect=visible.dialect)
            except Exception as error:  # noqa: BLE001 - untraceable output is not shown
                raise QueryRefused(
                    "The query's result columns could not be traced for masking, so it was not run."
                ) from error
            if any(_leaf(n) in self.masked for n in node.walk() if not n.downstream):
                positions.append(position)
        return tuple(positions)


EVERYTHING = Policy()  # no restriction: single-user mode and roles without a policy


def _leaf(node: Any) -> ColumnRef | None:
    column = node.expression if isinstance(node.expression, exp.Column) else exp.to_column(node.name)
    source = node.source.name if isinstance(node.source, exp.Table) else column.table
    return (source.lower(), column.name.lower()) if source else None


def _column_refs(values: Iterable[str], role: str) -> frozenset[ColumnRef]:
    refs = set()
    for value in values:
        table, dot, column = str(value).rpartition(".")
        if not dot or not table or not column:
            raise ValueError(f"Role {role}: write columns as table.column, not {value!r}.")
        refs.add((table.lower(), column.lower()))
    return frozenset(refs)


def _without_dangling_keys(table: Table, names: set[str], tables: tuple[Table, ...]) -> Table:
    """Foreign keys only to tables and columns the role can see."""
    by_name = {t.name.lower(): t for t in tables}
    keys: list[ForeignKey] = []
    for key in table.foreign_keys:
        target = by_name.get(key.ref_table.lower())
        if target is None or key.ref_table.lower() not in names:
            continue
        if all(table.column(c) for c in key.columns) and all(target.column(c) for c in key.ref_columns):
            keys.append(key)
    return replace(table, foreign_keys=tuple(keys))
