"""Read a warehouse's schema through SQLAlchemy's inspector, plus a few representative values per column."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Inspector, column, inspect, select, table, text
from sqlalchemy.exc import SQLAlchemyError

from connectors.schema import Column, ForeignKey, Schema, Table

SAMPLE_ROWS = 500
SAMPLES_PER_COLUMN = 3
MAX_SAMPLE_CHARS = 40


def introspect(engine: Engine, dialect: str, schema_name: str | None = None) -> Schema:
    inspector = inspect(engine)
    names = sorted(inspector.get_table_names(schema=schema_name)) + sorted(inspector.get_view_names(schema=schema_name))
    with engine.connect() as connection:
        tables = tuple(_read_table(inspector, connection, name, schema_name) for name in names)
    return Schema(dialect=dialect, tables=tables)


def _read_table(inspector: Inspector, connection: Connection, name: str, schema_name: str | None) -> Table:
    columns = inspector.get_columns(name, schema=schema_name)
    primary = set(_optional(inspector.get_pk_constraint, name, schema_name, {}).get("constrained_columns") or [])
    if not primary and connection.dialect.name == "duckdb":
        primary = _duckdb_primary_key(connection, name)
    foreign = [
        ForeignKey(tuple(fk["constrained_columns"]), fk["referred_table"], tuple(fk["referred_columns"]))
        for fk in _optional(inspector.get_foreign_keys, name, schema_name, [])
        if fk.get("referred_table")
    ]
    comment = _optional(inspector.get_table_comment, name, schema_name, {}).get("text")
    samples = _sample_values(connection, name, [c["name"] for c in columns], schema_name)
    return Table(
        name=name,
        columns=tuple(
            Column(
                name=c["name"],
                type=_type_name(c["type"]),
                nullable=bool(c.get("nullable", True)),
                primary_key=c["name"] in primary,
                comment=c.get("comment") or None,
                samples=samples.get(c["name"], ()),
            )
            for c in columns
        ),
        foreign_keys=tuple(foreign),
        comment=comment or None,
    )


def _duckdb_primary_key(connection: Connection, table_name: str) -> set[str]:
    """duckdb-engine 0.17 reflects no primary keys; DuckDB's own catalog has them."""
    rows = connection.execute(
        text(
            "SELECT constraint_column_names FROM duckdb_constraints() "
            "WHERE table_name = :name AND constraint_type = 'PRIMARY KEY'"
        ),
        {"name": table_name},
    ).fetchall()
    return {column for row in rows for column in row[0]}


def _sample_values(
    connection: Connection, table_name: str, column_names: Sequence[str], schema_name: str | None
) -> dict[str, tuple[str, ...]]:
    """The most frequent values in the first rows of the table: one scan per table, not per column."""
    query = (
        select(*[column(n) for n in column_names]).select_from(table(table_name, schema=schema_name)).limit(SAMPLE_ROWS)
    )
    try:
        rows = connection.execute(query).fetchall()
    except SQLAlchemyError:
        connection.rollback()
        return {}
    samples: dict[str, tuple[str, ...]] = {}
    for index, name in enumerate(column_names):
        counts = Counter(_as_text(row[index]) for row in rows if row[index] is not None)
        samples[name] = tuple(value for value, _ in counts.most_common(SAMPLES_PER_COLUMN) if value)
    return samples


def _as_text(value: Any) -> str:
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text if len(text) <= MAX_SAMPLE_CHARS else text[: MAX_SAMPLE_CHARS - 1] + "…"


def _type_name(sql_type: Any) -> str:
    try:
        return str(sql_type).upper()
    except Exception:  # noqa: BLE001 - some dialect types cannot render without a compiler
        return type(sql_type).__name__.upper()


def _optional(read: Callable[..., Any], name: str, schema_name: str | None, default: Any) -> Any:
    """Optional metadata (keys, comments) that some dialects do not implement must not stop introspection."""
    try:
        return read(name, schema=schema_name) or default
    except (NotImplementedError, SQLAlchemyError):
        return default
