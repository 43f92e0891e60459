"""Load the demo dataset into a server warehouse (PostgreSQL, MySQL/MariaDB, SQLite, DuckDB) for a trial
or for tests: `python -m connectors.demo_load postgresql://user@host/db`.

This is the one place that writes to a warehouse, with the caller's own credentials; the app never does.
"""

from __future__ import annotations

import sys

import sqlglot
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlglot import exp

from connectors.demo import _TABLES, Progress, _ddl, _quote, _Table, demo_frames
from connectors.engines import sqlglot_dialect
from connectors.warehouse import driver_sql


def load_demo(url: str, progress: Progress | None = None, force: bool = False) -> bool:
    """(Re)create the demo tables at `url` and fill them, unless they already hold the demo's row counts.

    Returns whether anything was loaded. Existing demo tables are dropped first.
    """
    say = progress or (lambda _message: None)
    dialect = sqlglot_dialect(url)
    frames = demo_frames(say)
    engine = create_engine(url)
    try:
        if not force and _row_counts(engine) == {name: len(frame) for name, frame in frames.items()}:
            say("The demo tables are already loaded.")
            return False
        with engine.begin() as connection:
            for table in reversed(_TABLES):
                connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table.name}")
            for table in _TABLES:
                say(f"Loading {table.name}…")
                for statement in ddl_for(table, dialect):
                    connection.exec_driver_sql(driver_sql(statement, connection.dialect.paramstyle))
                frames[table.name][[c.name for c in table.columns]].to_sql(
                    table.name, connection, if_exists="append", index=False, method="multi", chunksize=2000
                )
    finally:
        engine.dispose()
    return True


def _row_counts(engine: Engine) -> dict[str, int] | None:
    try:
        with engine.connect() as connection:
            return {t.name: connection.exec_driver_sql(f"SELECT COUNT(*) FROM {t.name}").scalar_one() for t in _TABLES}
    except SQLAlchemyError:
        return None


def ddl_for(table: _Table, dialect: str) -> list[str]:
    """The demo DDL (written for DuckDB) in `dialect`, comments included."""
    create, *comments = _ddl(table)
    if dialect != "mysql":
        return [sqlglot.transpile(create, read="duckdb", write=dialect)[0], *comments]
    # MySQL has no COMMENT ON: comments go inside CREATE TABLE, and text keys need a length.
    tree = sqlglot.parse_one(create, read="duckdb")
    for column in tree.find_all(exp.ColumnDef):
        meaning = next(c.comment for c in table.columns if c.name == column.name)
        column.append(
            "constraints", exp.ColumnConstraint(kind=exp.CommentColumnConstraint(this=exp.Literal.string(meaning)))
        )
        if column.args["kind"].this == exp.DataType.Type.VARCHAR:
            column.set("kind", exp.DataType.build("VARCHAR(200)"))
    return [tree.sql(dialect="mysql") + f" COMMENT={_quote(table.comment)}"]


if __name__ == "__main__":
    load_demo(sys.argv[1], progress=print)
