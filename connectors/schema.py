"""What a warehouse holds, as plain immutable data: tables, columns, keys, comments, sample values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([+-]\d{2}:?\d{2}|Z)?$")


def looks_like_dates(sql_type: str, samples: tuple[str, ...]) -> bool:
    """A DATE, DATETIME or TIMESTAMP type, or stored examples that are all ISO dates ('2025-03-01')."""
    kind = (sql_type or "").upper()
    if "DATE" in kind or "TIMESTAMP" in kind:
        return True
    return bool(samples) and all(_ISO_DATE.match(s.strip()) for s in samples)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = True
    primary_key: bool = False
    comment: str | None = None
    # A few distinct stored values, as text, so the model sees real spellings and formats.
    samples: tuple[str, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return any(kind in (self.type or "").upper() for kind in ("INT", "DEC", "NUM", "REAL", "DOUBLE", "FLOAT"))

    @property
    def holds_dates(self) -> bool:
        """A DATE, DATETIME or TIMESTAMP column, or one whose stored examples are all ISO dates (SQLite's text)."""
        return looks_like_dates(self.type, self.samples)

    @property
    def holds_plain_numbers(self) -> bool:
        """An INTEGER column, or a text column whose stored examples are all bare numbers such as '2008'."""
        if "INT" in (self.type or "").upper():
            return True
        return bool(self.samples) and all(sample.strip().isdigit() for sample in self.samples)


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    comment: str | None = None
    row_count: int | None = None

    def column(self, name: str) -> Column | None:
        lowered = name.lower()
        return next((c for c in self.columns if c.name.lower() == lowered), None)

    @property
    def single_primary_key(self) -> str | None:
        """The primary key's column when the key is one column; None for none or a composite key."""
        keys = [c.name for c in self.columns if c.primary_key]
        return keys[0] if len(keys) == 1 else None

    def is_key(self, name: str) -> bool:
        """Whether the column is (part of) the primary key or of a foreign key: an id, not a measure."""
        lowered = name.lower()
        column = self.column(name)
        return bool(column and column.primary_key) or any(
            lowered in (c.lower() for c in fk.columns) for fk in self.foreign_keys
        )

    def references_to(self, other: Table) -> list[tuple[str, str]]:
        """(own column, other's column) for each column pair of this table's foreign keys to `other`."""
        return [
            pair
            for fk in self.foreign_keys
            if fk.ref_table.lower() == other.name.lower()
            for pair in zip(fk.columns, fk.ref_columns, strict=False)
        ]

    def keys_with(self, other: Table) -> list[tuple[str, str]]:
        """(own column, other's column) for each foreign-key column pair between the two tables, either way."""
        return self.references_to(other) + [(own, theirs) for theirs, own in other.references_to(self)]

    def single_references_to(self, other: Table) -> list[tuple[str, str]]:
        """(own column, other's column) of each one-column foreign key from this table to `other`."""
        return [
            (fk.columns[0], fk.ref_columns[0])
            for fk in self.foreign_keys
            if fk.ref_table.lower() == other.name.lower() and len(fk.columns) == 1
        ]

    def single_keys_with(self, other: Table) -> list[tuple[str, str]]:
        """Like keys_with, but only one-column foreign keys: the pairs that alone join the two tables."""
        return self.single_references_to(other) + [(own, theirs) for theirs, own in other.single_references_to(self)]


@dataclass(frozen=True)
class Schema:
    dialect: str
    tables: tuple[Table, ...] = field(default_factory=tuple)

    def table(self, name: str) -> Table | None:
        lowered = name.lower()
        return next((t for t in self.tables if t.name.lower() == lowered), None)

    @property
    def table_names(self) -> frozenset[str]:
        return frozenset(t.name.lower() for t in self.tables)

    def column_types(self) -> dict[str, dict[str, str]]:
        """The mapping sqlglot's optimizer takes as a schema: {table: {column: type}}."""
        return {t.name: {c.name: c.type or "TEXT" for c in t.columns} for t in self.tables}
