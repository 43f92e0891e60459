"""What the held-out warehouses share: tables described with their comments, written as one SQLite file in the
eval-set layout (`OUT_DIR/database/DB_ID/DB_ID.sqlite`), and the command line that builds one.

SQLite has no COMMENT ON: each table's and column's comment goes inside its CREATE TABLE as a `--` line, which
SQLite keeps in sqlite_master.sql, where the app's schema reader finds it.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Col:
    name: str
    ddl: str
    comment: str


@dataclass(frozen=True)
class Table:
    name: str
    comment: str
    columns: tuple[Col, ...]
    constraints: tuple[str, ...] = ()


def comments(tables: tuple[Table, ...]) -> dict[str, tuple[str, dict[str, str]]]:
    return {t.name: (t.comment, {c.name: c.comment for c in t.columns}) for t in tables}


def ddl(table: Table) -> str:
    """CREATE TABLE with the table's comment first and each column's comment on its own line above it."""
    lines = [f"CREATE TABLE {table.name} (", f"  -- {table.comment}"]
    items = [(f"{c.name} {c.ddl}", c.comment) for c in table.columns] + [(k, None) for k in table.constraints]
    for i, (item, comment) in enumerate(items):
        if comment:
            lines.append(f"  -- {comment}")
        lines.append(f"  {item}{',' if i < len(items) - 1 else ''}")
    return "\n".join(lines) + "\n)"


def database_path(out_dir: Path, db_id: str) -> Path:
    return Path(out_dir) / "database" / db_id / f"{db_id}.sqlite"


def with_minute_times(rows: dict[str, list[dict]], table: str) -> dict[str, list[dict]]:
    """The rows with `table`'s start and end times as the database holds them, 'YYYY-MM-DD HH:MM'."""
    written = [
        row | {key: row[key].strftime("%Y-%m-%d %H:%M") for key in ("start_time", "end_time")} for row in rows[table]
    ]
    return {**rows, table: written}


def write(target: Path, tables: tuple[Table, ...], rows: dict[str, list[dict]]) -> Path:
    """Write the tables and their rows to `target`, replacing an older file only once the new one is whole.
    Foreign keys are checked at commit, so a row may refer to one inserted later (a manager after a report)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    partial.unlink(missing_ok=True)
    con = sqlite3.connect(partial)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        for table in tables:
            con.execute(ddl(table))
        con.execute("BEGIN")
        con.execute("PRAGMA defer_foreign_keys = ON")
        for table in tables:
            names = [c.name for c in table.columns]
            values = [
                tuple(v.isoformat() if isinstance(v, date) else v for v in (row[n] for n in names))
                for row in rows[table.name]
            ]
            placeholders = ", ".join("?" * len(names))
            con.executemany(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({placeholders})", values)
        con.commit()
    finally:
        con.close()
    partial.replace(target)
    return target


def main(argv: list[str] | None, module: str, build: Callable[[Path], Path], questions: Path) -> int:
    """`python -m MODULE OUT_DIR [--with-questions]`: build, and with the flag copy the held-out questions."""
    args = sys.argv[1:] if argv is None else argv
    with_questions = "--with-questions" in args
    rest = [a for a in args if a != "--with-questions"]
    if len(rest) != 1 or rest[0].startswith("-"):
        print(f"usage: python -m {module} OUT_DIR [--with-questions]", file=sys.stderr)
        return 2
    out_dir = Path(rest[0])
    print(build(out_dir))
    if with_questions:
        print(shutil.copyfile(questions, out_dir / "questions.json"))
    return 0
