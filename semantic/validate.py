"""Every reference of a semantic model checked against the warehouse's schema, as problems with line numbers.

A model that validates cleanly names only tables and columns the warehouse has, its expressions parse in
the warehouse's dialect, its metrics aggregate, its filters are conditions, and its names are unambiguous.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import OptimizeError, SqlglotError
from sqlglot.optimizer.qualify import qualify

from connectors.errors import QueryRefused
from connectors.guard import check_read_only
from connectors.schema import Schema, Table
from semantic.spec import Field, LogicalTable, Metric, NamedFilter, SemanticModel

ENTRY_KINDS = (
    ("dimensions", "dimension"),
    ("time_dimensions", "time dimension"),
    ("facts", "fact"),
    ("metrics", "metric"),
    ("filters", "filter"),
)
# Names a question or a structured request refers to: these must be unique across the whole model.
MODEL_WIDE_KINDS = ("dimensions", "time_dimensions", "metrics", "filters")
JOIN_TYPES = ("inner", "left_outer")
RELATIONSHIP_TYPES = ("many_to_one", "one_to_one")
# Placeholders a filter may hold, which the compiler replaces with the asked period's bounds (dates).
PLACEHOLDERS = ("period_start", "period_end")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_CONDITIONS = (exp.Predicate, exp.Connector, exp.Not, exp.Boolean)
_LISTED_COLUMNS = 20


@dataclass(frozen=True)
class Problem:
    message: str
    path: str = ""
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def validate(model: SemanticModel, schema: Schema) -> list[Problem]:
    """Every problem found, in file order; an empty list when the model is valid for this schema."""
    checker = _Checker(model, schema)
    checker.check_tables()
    checker.check_names()
    checker.check_relationships()
    checker.check_verified_queries()
    return sorted(checker.problems, key=lambda p: (p.line or 0, p.path))


@dataclass
class _Entry:
    kind: str  # "metric", "dimension", ...
    table: LogicalTable
    item: Field | Metric | NamedFilter
    path: str

    @property
    def label(self) -> str:
        return f"{self.kind} `{self.item.name}`"


class _Checker:
    def __init__(self, model: SemanticModel, schema: Schema) -> None:
        self.model = model
        self.schema = schema
        self.problems: list[Problem] = []
        self.base: dict[str, Table] = {}  # logical table name (lower) -> its physical table

    def add(self, message: str, path: str, *line_paths: str) -> None:
        line = next((self.model.line_of(p) for p in (*line_paths, path) if self.model.line_of(p)), None)
        self.problems.append(Problem(message, path, line))

    # ---- tables and their entries

    def check_tables(self) -> None:
        seen: set[str] = set()
        for position, table in enumerate(self.model.tables):
            path = f"tables[{position}]"
            if table.name.lower() in seen:
                self.add(f"table `{table.name}` is defined twice", path, f"{path}.name")
            seen.add(table.name.lower())
            physical = self.schema.table(table.base_table.table)
            if physical is None:
                self.add(
                    f"table `{table.name}` has base table `{table.base_table.table}`, which the warehouse does not "
                    f"have{_suggestion(table.base_table.table, [t.name for t in self.schema.tables])} "
                    f"(tables: {_listed([t.name for t in self.schema.tables])})",
                    path,
                    f"{path}.base_table.table",
                    f"{path}.base_table",
                )
                continue
            self.base.setdefault(table.name.lower(), physical)
            for key in table.primary_key:
                if physical.column(key) is None:
                    self.add(
                        f"table `{table.name}` has primary key column `{key}`, which `{physical.name}` does not have"
                        f"{_suggestion(key, _column_names(physical))} (columns: {_listed(_column_names(physical))})",
                        path,
                        f"{path}.primary_key",
                    )
        for entry in self.entries():
            self.check_entry(entry)

    def entries(self) -> Iterator[_Entry]:
        for position, table in enumerate(self.model.tables):
            for key, kind in ENTRY_KINDS:
                for index, item in enumerate(getattr(table, key)):
                    yield _Entry(kind, table, item, f"tables[{position}].{key}[{index}]")

    def check_entry(self, entry: _Entry) -> None:
        expr_path = f"{entry.path}.expr"
        unknown = [name for name in _PLACEHOLDER.findall(entry.item.expr) if name not in PLACEHOLDERS]
        if unknown:
            self.add(
                f"{entry.label} holds the placeholder `{{{unknown[0]}}}`, which nothing fills in: use "
                + " or ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                entry.path,
                expr_path,
            )
            return
        filled = _PLACEHOLDER.sub("'2000-01-01'", entry.item.expr)
        try:
            expression = sqlglot.parse_one(filled, read=self.schema.dialect)
        except SqlglotError as error:
            self.add(
                f"{entry.label} has expr `{entry.item.expr}`, which is not SQL the {self.schema.dialect} dialect "
                f"reads: {_first_line(error)}",
                entry.path,
                expr_path,
            )
            return
        if isinstance(expression, exp.Query):
            self.add(f"{entry.label} has a whole query as its expr; write an expression over columns", entry.path)
            return
        if entry.table.name.lower() in self.base:
            self.check_columns(entry, expression)
        aggregates = [node for node in expression.find_all(exp.AggFunc) if not node.find_ancestor(exp.Query)]
        if entry.kind == "metric" and not aggregates:
            self.add(
                f"{entry.label} has expr `{entry.item.expr}`, which aggregates nothing: a metric needs SUM, COUNT, "
                "AVG, MIN or MAX (put a per-row expression under facts)",
                entry.path,
                expr_path,
            )
        if entry.kind != "metric" and aggregates:
            self.add(
                f"{entry.label} aggregates (`{aggregates[0].sql(self.schema.dialect)}`): only metrics may; a "
                f"{entry.kind} is worked out per row",
                entry.path,
                expr_path,
            )
        if entry.kind == "filter" and not self.is_condition(entry, expression):
            self.add(
                f"{entry.label} has expr `{entry.item.expr}`, which is not a condition (a comparison, IN, BETWEEN, "
                "LIKE, IS NULL, EXISTS, or several joined with AND / OR)",
                entry.path,
                expr_path,
            )

    def is_condition(self, entry: _Entry, expression: exp.Expression) -> bool:
        inner = expression.unnest() if isinstance(expression, exp.Paren) else expression
        if isinstance(inner, _CONDITIONS):
            return True
        if isinstance(inner, exp.Column):  # a boolean column on its own
            physical = self.physical_for(inner.table or entry.table.name)
            column = physical.column(inner.name) if physical else None
            return bool(column and "BOOL" in (column.type or "").upper())
        return False

    def physical_for(self, logical_name: str) -> Table | None:
        return self.base.get(logical_name.lower())

    def check_columns(self, entry: _Entry, expression: exp.Expression) -> None:
        expr_path = f"{entry.path}.expr"
        others: set[str] = set()
        for column in expression.find_all(exp.Column):
            if isinstance(column.this, exp.Star):
                continue
            if (subquery := column.find_ancestor(exp.Select)) is not None and self.inside_subquery(column, subquery):
                continue
            qualifier = column.table
            if not qualifier:
                owner = entry.table.name
            elif self.model.table(qualifier) is None:
                names = [t.name for t in self.model.tables]
                self.add(
                    f"{entry.label} names `{qualifier}.{column.name}`, but `{qualifier}` is no table of the model"
                    f"{_suggestion(qualifier, names)} (tables: {_listed(names)})",
                    entry.path,
                    expr_path,
                )
                continue
            else:
                owner = self.model.table(qualifier).name  # type: ignore[union-attr]
            physical = self.physical_for(owner)
            if physical is None:
                continue  # its missing base table is already reported
            if physical.column(column.name) is None:
                shown = f"{qualifier}.{column.name}" if qualifier else column.name
                self.add(
                    f"{entry.label} names column `{shown}`, which table `{owner}` does not have"
                    f"{_suggestion(column.name, _column_names(physical))} "
                    f"(columns: {_listed(_column_names(physical))})",
                    entry.path,
                    expr_path,
                )
            if owner.lower() != entry.table.name.lower():
                others.add(owner)
        for other in sorted(others):
            if not self.joined(entry.table.name, other):
                self.add(
                    f"{entry.label} in table `{entry.table.name}` uses table `{other}`, which no relationship joins "
                    f"to `{entry.table.name}`: add one under relationships",
                    entry.path,
                    expr_path,
                )

    def inside_subquery(self, column: exp.Column, subquery: exp.Select) -> bool:
        """Whether the column belongs to a subquery's own tables (checked as SQL), not to the outer entry."""
        sources: dict[str, Table | None] = {}
        for table in subquery.find_all(exp.Table):
            if table.find_ancestor(exp.Select) is subquery:
                logical = self.model.table(table.name)
                physical = self.physical_for(logical.name) if logical else self.schema.table(table.name)
                sources[(table.alias_or_name or table.name).lower()] = physical
                sources[table.name.lower()] = physical
        if column.table:
            return column.table.lower() in sources
        return any(t is not None and t.column(column.name) is not None for t in sources.values())

    def joined(self, start: str, goal: str) -> bool:
        neighbours: dict[str, set[str]] = {}
        for relationship in self.model.relationships:
            left, right = relationship.left_table.lower(), relationship.right_table.lower()
            neighbours.setdefault(left, set()).add(right)
            neighbours.setdefault(right, set()).add(left)
        reached, frontier = {start.lower()}, [start.lower()]
        while frontier:
            for nxt in neighbours.get(frontier.pop(), ()):
                if nxt not in reached:
                    reached.add(nxt)
                    frontier.append(nxt)
        return goal.lower() in reached

    # ---- names

    def check_names(self) -> None:
        model_wide: dict[str, _Entry] = {}
        per_table: dict[tuple[str, str], _Entry] = {}
        for entry in self.entries():
            name = entry.item.name.lower()
            key_of_kind = next(key for key, kind in ENTRY_KINDS if kind == entry.kind)
            first = per_table.get((entry.table.name.lower(), name))
            if first is None and key_of_kind in MODEL_WIDE_KINDS:
                first = model_wide.get(name)
            if first is not None:
                where = f"line {self.model.line_of(first.path)}" if self.model.line_of(first.path) else "before"
                self.add(
                    f"{entry.label} in table `{entry.table.name}` has the name of {first.label} in table "
                    f"`{first.table.name}` ({where}): names must be unique so that a question means one thing",
                    entry.path,
                    f"{entry.path}.name",
                )
                continue
            per_table[(entry.table.name.lower(), name)] = entry
            if key_of_kind in MODEL_WIDE_KINDS:
                model_wide[name] = entry

    # ---- relationships

    def check_relationships(self) -> None:
        names: set[str] = set()
        for position, relationship in enumerate(self.model.relationships):
            path = f"relationships[{position}]"
            label = f"relationship `{relationship.name}`"
            if relationship.name.lower() in names:
                self.add(f"{label} is defined twice", path, f"{path}.name")
            names.add(relationship.name.lower())
            if relationship.join_type not in JOIN_TYPES:
                self.add(
                    f"{label} has join_type `{relationship.join_type}`: use one of {', '.join(JOIN_TYPES)}",
                    path,
                    f"{path}.join_type",
                )
            if relationship.relationship_type not in RELATIONSHIP_TYPES:
                self.add(
                    f"{label} has relationship_type `{relationship.relationship_type}`: use one of "
                    f"{', '.join(RELATIONSHIP_TYPES)}",
                    path,
                    f"{path}.relationship_type",
                )
            sides = (("left", relationship.left_table), ("right", relationship.right_table))
            physical: dict[str, Table | None] = {}
            for side, table_name in sides:
                logical = self.model.table(table_name)
                if logical is None:
                    names_ = [t.name for t in self.model.tables]
                    self.add(
                        f"{label} has {side}_table `{table_name}`, which is no table of the model"
                        f"{_suggestion(table_name, names_)} (tables: {_listed(names_)})",
                        path,
                        f"{path}.{side}_table",
                    )
                physical[side] = self.physical_for(logical.name) if logical else None
            for index, pair in enumerate(relationship.columns):
                for side, column_name in zip(("left", "right"), pair, strict=True):
                    table = physical[side]
                    if table is not None and table.column(column_name) is None:
                        owner = relationship.left_table if side == "left" else relationship.right_table
                        self.add(
                            f"{label} joins on `{owner}.{column_name}`, which table `{owner}` does not have"
                            f"{_suggestion(column_name, _column_names(table))} "
                            f"(columns: {_listed(_column_names(table))})",
                            path,
                            f"{path}.relationship_columns[{index}].{side}_column",
                        )

    # ---- verified queries

    def check_verified_queries(self) -> None:
        for position, query in enumerate(self.model.verified_queries):
            path = f"verified_queries[{position}]"
            label = f"verified query `{query.name}`"
            try:
                statement = check_read_only(query.sql, self.schema.dialect, self.schema.table_names)
            except QueryRefused as refused:
                self.add(f"{label}: {refused.reason}", path, f"{path}.sql")
                continue
            try:
                qualify(
                    statement.copy(),
                    schema=self.schema.column_types(),
                    dialect=self.schema.dialect,
                    validate_qualify_columns=True,
                )
            except OptimizeError as error:
                message = str(error).split(". Line:")[0].rstrip(".")
                if "could not be resolved" in message.lower() or "unknown" in message.lower():
                    self.add(f"{label} names a column its tables do not have: {message}", path, f"{path}.sql")
            except Exception:  # noqa: BLE001 - qualify's gaps on valid SQL are not the model's problem
                pass


def _column_names(table: Table) -> list[str]:
    return [c.name for c in table.columns]


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:_LISTED_COLUMNS])
    return shown + (f", … {len(names) - _LISTED_COLUMNS} more" if len(names) > _LISTED_COLUMNS else "")


def _suggestion(name: str, candidates: list[str]) -> str:
    lowered = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.75)
    return f"; did you mean `{lowered[close[0]]}`?" if close else ""


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
