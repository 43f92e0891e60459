"""Comments of SQLite tables and columns, which SQLite has no COMMENT ON for: teams write them as `--`
comments in the CREATE TABLE, and SQLite keeps that text in sqlite_master.sql.

A column's comment is the `--` comment ending its line, else the comment line just above it; the table's is a
comment on the CREATE TABLE line, else the comment lines opening its body that no column takes.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

_COMMENT = re.compile(r"--\s?(.*)$")
_COLUMN = re.compile(r"""^\s*(?:"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][\w$]*))""")
_NOT_COLUMNS = {"constraint", "primary", "foreign", "unique", "check"}


def read_ddl_comments(connection: Connection) -> dict[str, tuple[str | None, dict[str, str]]]:
    """table -> (table comment, {column: comment}) for every table whose DDL holds comments."""
    rows = connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%--%'"))
    return {name: comments_of(sql) for name, sql in rows}


def comments_of(ddl: str) -> tuple[str | None, dict[str, str]]:
    lines = ddl.splitlines()
    table_comment: list[str] = []
    columns: dict[str, str] = {}
    pending: list[str] = []
    body_started = False
    for number, line in enumerate(lines):
        comment = _COMMENT.search(line)
        code = line[: comment.start()] if comment else line
        if number == 0:
            if comment:
                table_comment.append(comment.group(1).strip())
            body_started = "(" in code
            continue
        if not code.strip():
            if comment:
                pending.append(comment.group(1).strip())
            continue
        name = _column_name(code)
        if name is not None:
            said = comment.group(1).strip() if comment else (pending[-1] if pending else "")
            if not columns and not table_comment and body_started:
                table_comment += pending[:-1] if not comment else pending
            if said:
                columns[name] = said
        pending = []
    return (" ".join(table_comment) or None), columns


def _column_name(code: str) -> str | None:
    match = _COLUMN.match(code.lstrip("(, \t"))
    if not match:
        return None
    name = next(group for group in match.groups() if group)
    return None if name.lower() in _NOT_COLUMNS else name
