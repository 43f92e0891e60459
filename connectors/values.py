"""The distinct stored values of short text columns, so questions can be matched to exact spellings."""

from __future__ import annotations

from sqlalchemy import Engine, column, select, table
from sqlalchemy.exc import SQLAlchemyError

from connectors.schema import Schema

MAX_DISTINCT = 2000  # more distinct values than this is free text or identifiers, not categories
MAX_VALUE_CHARS = 60
_TEXT_TYPES = ("CHAR", "TEXT", "STRING", "CLOB", "NAME")

ValueIndex = dict[tuple[str, str], tuple[str, ...]]


def is_text_type(sql_type: str) -> bool:
    upper = (sql_type or "").upper()
    return any(marker in upper for marker in _TEXT_TYPES)


def distinct_text_values(engine: Engine, schema: Schema) -> ValueIndex:
    index: ValueIndex = {}
    with engine.connect() as connection:
        for source in schema.tables:
            for col in source.columns:
                if not is_text_type(col.type):
                    continue
                query = (
                    select(column(col.name))
                    .select_from(table(source.name))
                    .where(column(col.name).is_not(None))
                    .distinct()
                    .limit(MAX_DISTINCT + 1)
                )
                try:
                    rows = connection.execute(query).fetchall()
                except SQLAlchemyError:
                    connection.rollback()
                    continue
                if len(rows) <= MAX_DISTINCT:
                    index[(source.name, col.name)] = tuple(
                        str(r[0]) for r in rows if 0 < len(str(r[0]).strip()) <= MAX_VALUE_CHARS
                    )
    return index
