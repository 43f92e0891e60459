"""A warehouse from any SQLAlchemy URL: cached schema, guarded read-only execution with cap and timeout."""

from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from rapidfuzz import fuzz
from sqlalchemy import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlglot import exp
from sqlglot.errors import OptimizeError
from sqlglot.optimizer.qualify import qualify

from connectors.engines import create_read_only_engine, sqlglot_dialect
from connectors.errors import QueryDoubtful, QueryFailed, QueryRefused, QueryTimeout, WarehouseUnavailable
from connectors.guard import check_read_only
from connectors.introspect import introspect
from connectors.joins import (
    compares_column_with_itself,
    conjuncts,
    formatted_value,
    join_equalities,
    one_column_two_values,
)
from connectors.policy import Policy
from connectors.schema import Column, Schema, Table
from connectors.values import ValueIndex, distinct_text_values


@dataclass
class QueryResult:
    sql: str
    data: pd.DataFrame
    truncated: bool
    seconds: float
    row_cap: int


@dataclass
class Warehouse:
    url: str
    row_cap: int = 10_000
    timeout_seconds: float = 30.0
    _engine: Engine | None = field(default=None, init=False, repr=False)
    _schema: Schema | None = field(default=None, init=False, repr=False)
    _values: ValueIndex | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def dialect(self) -> str:
        """The sqlglot dialect name, used in prompts and for parsing."""
        return sqlglot_dialect(self.url)

    @property
    def display_name(self) -> str:
        """The URL without its password, safe to show and log."""
        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                try:
                    self._engine = create_read_only_engine(self.url, self.timeout_seconds)
                except (ValueError, FileNotFoundError, SQLAlchemyError, ImportError) as error:
                    raise WarehouseUnavailable(f"Cannot open the warehouse {self.display_name}: {error}") from error
            return self._engine

    def schema(self, refresh: bool = False) -> Schema:
        if self._schema is None or refresh:
            try:
                self._schema = introspect(self.engine, self.dialect)
            except SQLAlchemyError as error:
                raise WarehouseUnavailable(
                    f"Cannot read the schema of {self.display_name}: {_db_message(error)}"
                ) from error
        return self._schema

    def text_values(self, refresh: bool = False) -> ValueIndex:
        """Distinct values of the short text columns, by (table, column); cached like the schema."""
        if self._values is None or refresh:
            try:
                self._values = distinct_text_values(self.engine, self.schema(refresh))
            except SQLAlchemyError as error:
                raise WarehouseUnavailable(
                    f"Cannot read values from {self.display_name}: {_db_message(error)}"
                ) from error
        return self._values

    def seen_by(self, policy: Policy) -> Warehouse:
        """The same connection seen through a role's policy: its schema and values cut to what the role may
        see, so prompts, value hints and error messages never mention the rest."""
        if policy.unrestricted:
            return self
        schema = policy.visible(self.schema())
        view = copy.copy(self)
        view._engine = self.engine  # shared, not reopened
        view._schema = schema
        try:
            values = self.text_values()
        except WarehouseUnavailable:
            values = None  # the view reads them itself when asked, through the cut schema
        if values is not None:
            visible = {(t.name.lower(), c.name.lower()) for t in schema.tables for c in t.columns}
            view._values = {
                key: stored
                for key, stored in values.items()
                if (key[0].lower(), key[1].lower()) in visible and (key[0].lower(), key[1].lower()) not in policy.masked
            }
        return view

    def check(self, sql: str) -> exp.Expression:
        """The guard alone: one read-only query over known tables, or QueryRefused."""
        return check_read_only(sql, self.dialect, self.schema().table_names)

    def validate(self, sql: str, doubts: bool = False) -> exp.Expression:
        """The guard, then every column must exist: catches invented columns before the database does.

        `doubts`: also raise QueryDoubtful for SQL that runs but likely misreads the schema, the model's
        typical slips. A person's SQL is not second-guessed this way."""
        expression = self.check(sql)
        if misplaced := self._misplaced_column(expression):
            raise QueryFailed(f"{misplaced} {self._columns_of_tables_in(expression)}")
        if doubts:
            self._raise_doubts(expression)
        try:
            qualify(
                self._with_sqlite_strings(expression),
                schema=self.schema().column_types(),
                dialect=self.dialect,
                validate_qualify_columns=True,
            )
        except OptimizeError as error:
            message = str(error).split(". Line:")[0].rstrip(".")
            if "could not be resolved" in message.lower() or "unknown" in message.lower():
                missing = next(
                    (c.name for c in expression.find_all(exp.Column) if c.name.lower() in message.lower()), ""
                )
                hint = self._where_column_is(missing) if missing else ""
                raise QueryFailed(f"{message}.{hint} {self._columns_of_tables_in(expression)}") from error
        except Exception:  # noqa: BLE001 - qualify's gaps on valid SQL are not the user's problem; the database decides
            pass
        return expression

    def _raise_doubts(self, expression: exp.Expression) -> None:
        if misread := self._number_read_as_date(expression):
            raise QueryDoubtful(misread)
        if pointless := _join_on_itself(expression):
            raise QueryDoubtful(f"{pointless} {self._keys_between_tables_in(expression)}")
        if off_key := self._join_off_the_keys(expression):
            raise QueryDoubtful(off_key)
        if impossible := _one_column_two_values(expression):
            raise QueryDoubtful(impossible)

    def _with_sqlite_strings(self, expression: exp.Expression) -> exp.Expression:
        """A copy in which, on SQLite, a double-quoted name that is no column is the string SQLite reads it as
        (`WHERE country = "France"`), so the check does not refuse what the database runs correctly."""
        copied = expression.copy()
        if self.dialect != "sqlite":
            return copied
        columns = {c.name.lower() for t in self.schema().tables for c in t.columns}
        for column in list(copied.find_all(exp.Column)):
            identifier = column.this
            if (
                not column.table
                and isinstance(identifier, exp.Identifier)
                and identifier.quoted
                and identifier.name.lower() not in columns
            ):
                column.replace(exp.Literal.string(identifier.name))
        return copied

    def _tables_by_alias(self, expression: exp.Expression) -> dict[str, Table]:
        """Alias (or name) -> table, for the aliases that mean one table throughout the query."""
        aliases: dict[str, set[str]] = {}
        for node in expression.find_all(exp.Table):
            aliases.setdefault(node.alias_or_name.lower(), set()).add(node.name.lower())
        # An alias reused for different tables in different scopes is left to the database to judge.
        found = {alias: self.schema().table(next(iter(names))) for alias, names in aliases.items() if len(names) == 1}
        return {alias: table for alias, table in found.items() if table is not None}

    def _misplaced_column(self, expression: exp.Expression) -> str | None:
        """`T2.name` where the table behind alias T2 has no column `name`, said plainly."""
        tables = self._tables_by_alias(expression)
        for column in expression.find_all(exp.Column):
            if isinstance(column.this, exp.Star):
                continue  # t.* names no column
            table = tables.get(column.table.lower()) if column.table else None
            if table is not None and table.column(column.name) is None:
                alias = f" (alias {column.table})" if column.table.lower() != table.name.lower() else ""
                return f"Table {table.name}{alias} has no column {column.name}.{self._where_column_is(column.name)}"
        return None

    def _join_off_the_keys(self, expression: exp.Expression) -> str | None:
        """`JOIN b ON a.x = b.y` where a foreign key links a and b through other columns: the small model's
        usual wrong join (two id columns that merely look alike). Joins between tables with no declared key
        between them are left alone."""
        tables = self._tables_by_alias(expression)
        for _join, equal in join_equalities(expression):
            left, right = equal.left, equal.right
            if not (isinstance(left, exp.Column) and isinstance(right, exp.Column)):
                continue
            first, second = tables.get(left.table.lower()), tables.get(right.table.lower())
            if first is None or second is None or first.name == second.name:
                continue
            keys = {
                frozenset({(first.name.lower(), own.lower()), (second.name.lower(), theirs.lower())})
                for own, theirs in first.keys_with(second)
            }
            used = frozenset({(first.name.lower(), left.name.lower()), (second.name.lower(), right.name.lower())})
            if keys and used not in keys:
                links = "; ".join(" = ".join(f"{t}.{c}" for t, c in sorted(pair)) for pair in keys)
                return (
                    f"The join condition {equal.sql(self.dialect)} does not follow the foreign key between "
                    f"{first.name} and {second.name}: join them on {links}."
                )
        return None

    def _number_read_as_date(self, expression: exp.Expression) -> str | None:
        """`strftime('%Y', year)` on an INTEGER column: SQLite reads the number as a day count and answers
        nonsense without an error. A number column (a year, a count) is compared as a number."""
        tables = self._tables_by_alias(expression)
        only_table = next(iter(tables.values())) if len(tables) == 1 else None
        for formatted in expression.find_all(exp.TimeToStr):
            column = formatted_value(formatted)
            if not isinstance(column, exp.Column):
                continue
            table = tables.get(column.table.lower()) if column.table else only_table
            found = table.column(column.name) if table is not None else None
            if found is not None and found.holds_plain_numbers:
                return (
                    f"{formatted.sql(self.dialect)} treats {table.name}.{found.name} as a date, but it holds "
                    f"plain numbers ({found.type}{_examples(found)}): compare the number itself, no date function."
                )
        return None

    def _where_column_is(self, name: str) -> str:
        """Which tables do have the column: usually the table the query forgot to join."""
        tables = self.schema().tables
        owners = [t.name for t in tables if t.column(name) is not None]
        if owners:
            return f" {name} is a column of {', '.join(owners)}: join that table through its keys."
        lowered = name.lower()
        scored = sorted(
            (
                (fuzz.ratio(lowered, c.name.lower()), f"{t.name}.{c.name}")
                for t in tables
                for c in t.columns
                if len(c.name) >= 4
            ),
            key=lambda pair: -pair[0],
        )
        similar = [qualified for score, qualified in scored if score >= SIMILAR_NAME_SCORE]
        return f" Did you mean {' or '.join(similar[:3])}?" if similar else ""

    def _keys_between_tables_in(self, expression: exp.Expression) -> str:
        """The foreign keys linking the tables a query names: what its join conditions should use."""
        names = {t.name.lower() for t in expression.find_all(exp.Table)}
        tables = [t for t in self.schema().tables if t.name.lower() in names]
        links = [
            f"{table.name}.{own} = {other.name}.{theirs}"
            for table in tables
            for other in tables
            for own, theirs in table.references_to(other)
        ]
        if links:
            return f"The keys between these tables: {'; '.join(links)}."
        return self._columns_of_tables_in(expression)

    def _columns_of_tables_in(self, expression: exp.Expression) -> str:
        """The real columns of the tables a query names: the fact a model needs to repair an invented column."""
        schema = self.schema()
        names = dict.fromkeys(t.name for t in expression.find_all(exp.Table))
        tables = [table for name in names if (table := schema.table(name)) is not None]
        listing = "; ".join(f"{t.name}({', '.join(c.name for c in t.columns)})" for t in tables)
        return f"The tables used have these columns: {listing}." if listing else ""

    def run(self, sql: str, row_cap: int | None = None, timeout_seconds: float | None = None) -> QueryResult:
        """Run one guarded read-only query; at most `row_cap` rows come back, `truncated` says if more existed."""
        self.check(sql)
        cap = row_cap or self.row_cap
        limit = timeout_seconds or self.timeout_seconds
        started = time.perf_counter()
        try:
            with self.engine.connect() as connection:
                driver = connection.connection.driver_connection
                watchdog = _Watchdog(driver, limit)
                try:
                    result = connection.exec_driver_sql(driver_sql(sql, connection.dialect.paramstyle))
                    columns = list(result.keys())
                    rows = result.fetchmany(cap + 1)
                except DBAPIError as error:
                    if watchdog.fired:
                        raise QueryTimeout(f"The query ran longer than {limit:g} s and was cancelled.") from error
                    raise
                finally:
                    watchdog.stop()
                    connection.rollback()
        except (QueryTimeout, QueryRefused):
            raise
        except OperationalError as error:
            if _looks_like_timeout(error):
                raise QueryTimeout(f"The query ran longer than {limit:g} s and was cancelled.") from error
            raise QueryFailed(_db_message(error)) from error
        except SQLAlchemyError as error:
            raise QueryFailed(_db_message(error)) from error
        frame = pd.DataFrame.from_records([tuple(r) for r in rows[:cap]], columns=_unique(columns))
        return QueryResult(
            sql=sql, data=frame, truncated=len(rows) > cap, seconds=time.perf_counter() - started, row_cap=cap
        )

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


class _Watchdog:
    """Cancels the running statement in the database when the time limit passes."""

    def __init__(self, driver_connection: Any, seconds: float) -> None:
        self.fired = False
        self._driver = driver_connection
        self._timer = threading.Timer(seconds, self._cancel)
        self._timer.daemon = True
        self._timer.start()

    def _cancel(self) -> None:
        self.fired = True
        for method in ("interrupt", "cancel"):  # sqlite3 and duckdb interrupt; psycopg2 cancels
            if callable(getattr(self._driver, method, None)):
                getattr(self._driver, method)()
                return

    def stop(self) -> None:
        self._timer.cancel()


# How alike (rapidfuzz ratio, 0-100) an invented column name and a real one must be to suggest the real one.
SIMILAR_NAME_SCORE = 80


def _examples(column: Column) -> str:
    return f", e.g. {', '.join(column.samples[:3])}" if column.samples else ""


def _join_on_itself(expression: exp.Expression) -> str | None:
    """`JOIN t2 ON T2.x = t2.x`: a condition that compares a column with itself joins every row to every row."""
    for _join, equal in join_equalities(expression):
        if compares_column_with_itself(equal):
            return (
                f"The join condition {equal.sql()} compares a column with itself, so it does not link the "
                "tables: compare a column of one table with the matching key of the other."
            )
    return None


def _one_column_two_values(expression: exp.Expression) -> str | None:
    """`WHERE name = 'A' AND name = 'B'`: no row holds two values in one column, so the query returns nothing.
    What the question wants is usually the items linked to both (two queries and INTERSECT) or to either."""
    for where in expression.find_all(exp.Where):
        pair = one_column_two_values(conjuncts(where.this))
        if pair is not None:
            first, second = pair
            return (
                f"{first.this.sql()} cannot equal both {first.expression.sql()} and {second.expression.sql()} "
                "in one row, so the query returns nothing. For the items linked to both, write one query "
                "per value and combine them with INTERSECT; for either value, use IN."
            )
    return None


def driver_sql(sql: str, paramstyle: str) -> str:
    """SQL as the driver must receive it: drivers with %-style parameters read a bare % as a placeholder."""
    return sql.replace("%", "%%") if paramstyle in ("format", "pyformat") else sql


def _looks_like_timeout(error: SQLAlchemyError) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    markers = ("statement timeout", "max_statement_time", "max_execution_time", "execution time exceeded", "interrupt")
    return any(marker in text for marker in markers)


def _db_message(error: SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    return str(original if original is not None else error).strip().splitlines()[0]


def _unique(columns: list[str]) -> list[str]:
    """Duplicate output names (SELECT a.id, b.id) get suffixes so the DataFrame keeps every column."""
    seen: dict[str, int] = {}
    unique = []
    for name in columns:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return unique
