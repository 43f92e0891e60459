"""SQL as people read it: one clause a line, in the warehouse's own dialect."""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from chains.destinations import warehouse_display_name
from connectors.engines import sqlglot_dialect


def readable_sql(sql: str, warehouse_url: str | None) -> str:
    """Laid out by sqlglot; as written when the layout would parse differently from the original, since
    what runs from the editor must be what the model wrote."""
    try:
        # The display name is the URL with secrets hidden, and names the demo warehouse when url is None.
        dialect = sqlglot_dialect(warehouse_display_name(warehouse_url))
        statements = sqlglot.parse(sql, read=dialect)
        if len(statements) != 1 or not isinstance(statements[0], exp.Query):
            return sql
        original = statements[0]
        pretty = original.sql(dialect=dialect, pretty=True)
        same = sqlglot.parse_one(pretty, read=dialect) == original
    except (SqlglotError, ValueError):
        return sql
    return pretty if same else sql
