"""A warehouse's business definitions, in the shape of Snowflake Cortex Analyst's semantic model YAML.

Logical tables (each over one physical table) hold dimensions, time dimensions, facts, metrics and named
filters; relationships join them; verified queries pair a question with SQL a person checked. Expressions
are SQL over the table's own columns (`net_amount`) or another logical table's (`orders.order_id`).

Two keys are ours, not Cortex's: `unit` on a fact or metric (shown beside its numbers) and
`kind: ratio|additive` on a metric, which the compiler would otherwise infer from its expression.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    """A dimension, time dimension or fact: a named SQL expression over one logical table."""

    name: str
    expr: str
    description: str = ""
    synonyms: tuple[str, ...] = ()
    data_type: str = ""
    sample_values: tuple[str, ...] = ()
    unit: str = ""


@dataclass(frozen=True)
class Metric:
    """An aggregate expression (`SUM(net_amount)`, `SUM(net_amount) / COUNT(DISTINCT orders.order_id)`)."""

    name: str
    expr: str
    description: str = ""
    synonyms: tuple[str, ...] = ()
    unit: str = ""


@dataclass(frozen=True)
class NamedFilter:
    """A condition with a business name ("returning customer", "active subscription")."""

    name: str
    expr: str
    description: str = ""
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class BaseTable:
    table: str
    schema: str = ""
    database: str = ""


@dataclass(frozen=True)
class LogicalTable:
    name: str
    base_table: BaseTable
    description: str = ""
    synonyms: tuple[str, ...] = ()
    primary_key: tuple[str, ...] = ()
    dimensions: tuple[Field, ...] = ()
    time_dimensions: tuple[Field, ...] = ()
    facts: tuple[Field, ...] = ()
    metrics: tuple[Metric, ...] = ()
    filters: tuple[NamedFilter, ...] = ()


@dataclass(frozen=True)
class Relationship:
    """`left_table` rows each match at most one `right_table` row (many_to_one) through the column pairs."""

    name: str
    left_table: str
    right_table: str
    columns: tuple[tuple[str, str], ...]
    join_type: str = "inner"
    relationship_type: str = "many_to_one"


@dataclass(frozen=True)
class VerifiedQuery:
    name: str
    question: str
    sql: str
    verified_by: str = ""
    verified_at: int = 0
    use_as_onboarding_question: bool = False


@dataclass(frozen=True)
class SemanticModel:
    name: str
    tables: tuple[LogicalTable, ...]
    description: str = ""
    relationships: tuple[Relationship, ...] = ()
    verified_queries: tuple[VerifiedQuery, ...] = ()
    custom_instructions: str = ""
    # Where each entry stands in the YAML it was read from ("tables[0].metrics[1]" -> line), for messages.
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def table(self, name: str) -> LogicalTable | None:
        lowered = name.lower()
        return next((t for t in self.tables if t.name.lower() == lowered), None)

    @property
    def metrics(self) -> list[tuple[LogicalTable, Metric]]:
        return [(t, m) for t in self.tables for m in t.metrics]

    @property
    def dimensions(self) -> list[tuple[LogicalTable, Field]]:
        return [(t, d) for t in self.tables for d in t.dimensions]

    @property
    def time_dimensions(self) -> list[tuple[LogicalTable, Field]]:
        return [(t, d) for t in self.tables for d in t.time_dimensions]

    @property
    def filters(self) -> list[tuple[LogicalTable, NamedFilter]]:
        return [(t, f) for t in self.tables for f in t.filters]

    def line_of(self, path: str) -> int | None:
        return self.lines.get(path)
