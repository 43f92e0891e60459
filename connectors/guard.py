"""The guard in front of every execution: exactly one read-only query over known tables, or QueryRefused.

It only parses (sqlglot), it never touches a database. The read-only connection is the second layer;
this one exists to refuse early and to say why in words a business user can read.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import cast

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ParseError, SqlglotError
from sqlglot.tokens import Token, TokenType

from connectors.errors import QueryRefused

# Denied functions, by why. Names are lower case and matched case-insensitively, in every dialect:
# a name that is harmless in one engine and dangerous in another is denied everywhere.
_READS_FILES = frozenset(
    {
        # DuckDB
        "read_csv", "read_csv_auto", "read_parquet", "read_json", "read_json_auto", "read_json_objects",
        "read_ndjson", "read_ndjson_auto", "read_ndjson_objects", "read_text", "read_blob", "read_xlsx",
        "glob", "parquet_scan", "parquet_metadata", "parquet_schema", "parquet_file_metadata",
        "parquet_kv_metadata", "sniff_csv", "iceberg_scan", "iceberg_metadata", "iceberg_snapshots",
        "delta_scan", "sqlite_scan", "sqlite_attach", "st_read", "st_read_meta", "st_readosm", "st_readshp",
        # PostgreSQL
        "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_current_logfile", "lo_import",
        # MySQL, SQLite (CLI / fileio extension)
        "load_file", "readfile", "fsdir", "zipfile", "edit",
        # Databricks, Snowflake, ClickHouse, SQL Server
        "read_files", "infer_schema", "build_scoped_file_url", "build_stage_file_url", "get_presigned_url",
        "file", "openrowset", "opendatasource",
    }
)  # fmt: skip
_WRITES_FILES = frozenset({"writefile", "lo_export", "pg_file_write", "pg_file_rename", "pg_file_unlink"})
_NETWORK = frozenset(
    {
        "postgres_scan", "postgres_scan_pushdown", "postgres_query", "postgres_attach", "mysql_scan",
        "mysql_query", "http_get", "http_post", "http_head", "http_request", "url", "s3", "remote",
        "remotesecure", "dblink", "dblink_connect", "external_query", "openquery", "ai_query", "read_kafka",
        "pg_notify",
    }
)  # fmt: skip
_SLEEPS = frozenset({"pg_sleep", "pg_sleep_for", "pg_sleep_until", "sleep", "sleepeachrow", "benchmark", "system$wait"})
# Functions that run a SQL string of their own, which this guard never sees.
_RUNS_OTHER_SQL = frozenset(
    {
        "query", "query_table", "json_execute_serialized_sql", "postgres_execute", "mysql_execute",
        "dblink_exec", "query_to_xml", "query_to_xml_and_xmlschema", "query_to_xmlschema",
        "cursor_to_xml", "database_to_xml", "schema_to_xml", "table_to_xml",
    }
)  # fmt: skip
_ADMINISTRATION = frozenset(
    {
        # Sessions, settings, locks and sequences (set_config could lift the statement timeout)
        "pg_terminate_backend", "pg_cancel_backend", "set_config", "pg_reload_conf", "pg_rotate_logfile",
        "pg_promote", "pg_switch_wal", "pg_create_restore_point", "pg_backup_start", "pg_backup_stop",
        "pg_start_backup", "pg_stop_backup", "pg_advisory_lock", "pg_advisory_xact_lock",
        "pg_advisory_lock_shared", "pg_try_advisory_lock", "pg_logical_emit_message", "nextval", "setval",
        "get_lock", "release_lock", "release_all_locks",
        # Code execution and secrets
        "sys_exec", "sys_eval", "load_extension", "fts3_tokenizer", "executable", "reflect", "java_method",
        "try_reflect", "getenv", "secret", "list_secrets", "duckdb_secrets", "which_secret",
        "checkpoint", "force_checkpoint", "xp_cmdshell",
    }
)  # fmt: skip

_REASONS: tuple[tuple[frozenset[str], str], ...] = (
    (_READS_FILES, "it reads files"),
    (_WRITES_FILES, "it writes files"),
    (_NETWORK, "it opens network connections"),
    (_SLEEPS, "it makes the database wait"),
    (_RUNS_OTHER_SQL, "it runs SQL that cannot be checked"),
    (_ADMINISTRATION, "it is an administration function"),
)
DENIED_FUNCTIONS: frozenset[str] = frozenset().union(*(names for names, _ in _REASONS))

# Whole families: Postgres pg_ls_logdir/pg_ls_waldir/... and lo_*, DuckDB/Databricks read_*,
# Snowflake SYSTEM$..., SQL Server xp_*.
_DENIED_PREFIXES: tuple[tuple[str, str], ...] = (
    ("read_", "it reads files"),
    ("pg_ls_", "it reads files"),
    ("lo_", "it reads or writes files"),
    ("dblink", "it opens network connections"),
    ("system$", "it is an administration function"),
    ("xp_", "it is an administration function"),
)
# Oracle-style packages called as package.function(): UTL_HTTP.REQUEST, DBMS_LOCK.SLEEP, ...
_DENIED_PACKAGE_PREFIXES = ("dbms_", "utl_")

# Statements and clauses that write, change the session, or manage the database. Looked up by name
# because not every sqlglot version has every class; exp.DML/exp.DDL cover the write statements too.
_DENIED_NODE_NAMES = (
    "Insert", "Update", "Delete", "Merge", "Copy", "Create", "Drop", "Undrop", "Alter", "AlterSession",
    "TruncateTable", "Command", "Pragma", "Attach", "Detach", "Set", "Use", "Transaction", "Commit",
    "Rollback", "Describe", "Analyze", "Grant", "Revoke", "Install", "LoadData", "Export", "Kill", "Cache",
    "Uncache", "Refresh", "Show", "Summarize", "Comment", "Execute", "Declare", "Put", "Get",
    "LockingStatement", "MultitableInserts", "Returning",
)  # fmt: skip
_DENIED_NODES: tuple[type[exp.Expr], ...] = (exp.DML, exp.DDL) + tuple(
    getattr(exp, name) for name in _DENIED_NODE_NAMES if hasattr(exp, name)
)
_QUERY_ROOTS = (exp.Select, exp.Union, exp.Intersect, exp.Except)
_NODE_LABELS = {
    "truncatetable": "TRUNCATE",
    "loaddata": "LOAD DATA",
    "altersession": "ALTER SESSION",
    "transaction": "BEGIN",
}

# Characters that make a table name a file path, URL or glob (DuckDB reads FROM 'file.csv' as a file).
_PATH_CHARACTERS = re.compile(r"[/\\:*?~.]")
_CALLED_NAME = re.compile(r"\s*([\w$]+)\s*\(")
_TOKEN_REPR = re.compile(r"<Token token_type: [^,]+, text: (.*?), line: .*?>")


def check_read_only(sql: str, dialect: str, known_tables: Collection[str]) -> exp.Expression:
    """The parsed query when `sql` is exactly one read-only query over `known_tables`; QueryRefused otherwise.

    `dialect` is a sqlglot dialect name; an unknown one raises ValueError (a configuration error, not a refusal).
    """
    reader = Dialect.get_or_raise(dialect)
    if not sql or not sql.strip():
        raise QueryRefused("There is no SQL to run.")
    if "\x00" in sql:
        # Drivers and sqlglot disagree on where such a string ends.
        raise QueryRefused("The SQL contains a NUL character.")
    tokens = _tokenize(sql, reader)
    _check_comments(tokens)
    statement = _single_statement(_parse(sql, tokens, reader))
    _check_is_query(statement, tokens)
    _check_no_select_into(statement)
    _check_no_row_locks(statement)
    _check_no_writes(statement)
    _check_functions(statement, reader)
    _check_tables(statement, known_tables, reader)
    return statement


def _tokenize(sql: str, reader: Dialect) -> list[Token]:
    try:
        return reader.tokenize(sql)
    except SqlglotError as error:
        raise QueryRefused(f"Could not parse the SQL: {_first_line(str(error))}") from error


def _check_comments(tokens: list[Token]) -> None:
    # MySQL runs the body of /*! ... */ as SQL; nested comments are read differently by different engines.
    # Either way, text the guard treats as a comment could be code to the database.
    for token in tokens:
        for comment in token.comments:
            body = comment.lstrip()
            if body.startswith("!") or body[:2].upper() == "M!":
                raise QueryRefused("Executable comments (/*! ... */) are not allowed.")
            if "/*" in comment or "*/" in comment:
                raise QueryRefused("Nested comments are not allowed.")


def _parse(sql: str, tokens: list[Token], reader: Dialect) -> list[exp.Expr]:
    try:
        parsed = reader.parser().parse(tokens, sql)
    except ParseError as error:
        raise QueryRefused(f"Could not parse the SQL: {_parse_error_message(error)}") from error
    except SqlglotError as error:
        raise QueryRefused(f"Could not parse the SQL: {_first_line(str(error))}") from error
    except RecursionError as error:
        raise QueryRefused("Could not parse the SQL: it is nested too deeply.") from error
    # sqlglot yields None for an empty statement (";;") and a Semicolon node for a comment after the last ";".
    return [node for node in parsed if node is not None and not isinstance(node, exp.Semicolon)]


def _single_statement(statements: list[exp.Expr]) -> exp.Expression:
    if not statements:
        raise QueryRefused("There is no SQL to run.")
    if len(statements) > 1:
        raise QueryRefused("Only one statement can run at a time.")
    return cast(exp.Expression, statements[0])


def _check_is_query(statement: exp.Expression, tokens: list[Token]) -> None:
    root: exp.Expr = statement
    while isinstance(root, exp.Subquery | exp.Paren):
        root = root.this
    if isinstance(root, _QUERY_ROOTS):
        return
    # Statements sqlglot does not know come back as odd nodes (CHECKPOINT is a Column): name the keyword.
    found = _label(root) if isinstance(root, _DENIED_NODES) else _first_keyword(tokens)
    raise QueryRefused(f"Only read-only queries are allowed: found {found}.")


def _check_no_select_into(statement: exp.Expression) -> None:
    if statement.find(exp.Into):
        raise QueryRefused("SELECT ... INTO is not allowed: it creates a table or writes a variable or file.")


def _check_no_row_locks(statement: exp.Expression) -> None:
    if statement.find(exp.Lock):
        raise QueryRefused("Row locks (FOR UPDATE, FOR SHARE) are not allowed.")


def _check_no_writes(statement: exp.Expression) -> None:
    # Catches data-modifying CTEs: WITH x AS (DELETE ... RETURNING *) SELECT * FROM x.
    for node in statement.walk():
        if isinstance(node, _DENIED_NODES):
            raise QueryRefused(f"Only read-only queries are allowed: found {_label(node)}.")


def _check_functions(statement: exp.Expression, reader: Dialect) -> None:
    for function in statement.find_all(exp.Func):
        reason = _denial_reason(_function_name(function))
        if reason:
            raise QueryRefused(f"The function {_display_name(function, reader)} is not allowed: {reason}.")
        package = _package(function)
        if any(part.startswith(_DENIED_PACKAGE_PREFIXES) for part in package.split(".")):
            name = f"{package}.{_function_name(function)}"
            raise QueryRefused(f"The function {name} is not allowed: it calls a system package.")


def _check_tables(statement: exp.Expression, known_tables: Collection[str], reader: Dialect) -> None:
    known = {name.lower() for name in known_tables}
    cte_names = {cte.alias_or_name.lower() for cte in statement.find_all(exp.CTE)}
    if statement.find(exp.TableFromRows):  # Snowflake TABLE(fn(...))
        raise QueryRefused("Table functions are not allowed.")
    for table in statement.find_all(exp.Table):
        _check_table_is_named(table, reader)
        parts = [part.name for part in table.parts]
        written = ".".join(parts)
        if any(_PATH_CHARACTERS.search(part) for part in parts):
            raise QueryRefused(f"Only tables can be queried, not files or patterns: {written}.")
        if len(parts) == 1 and parts[0].lower() in cte_names:
            continue
        if not any(name in known for name in _qualified_names(parts)):
            raise QueryRefused(f"Unknown table: {written}.")


def _check_table_is_named(table: exp.Table, reader: Dialect) -> None:
    source = table.this
    if isinstance(source, exp.Func):
        raise QueryRefused(f"Table functions are not allowed: {_display_name(source, reader)}.")
    if not all(isinstance(part, exp.Identifier) for part in table.parts):
        # Snowflake stages (@stage/file.csv), placeholders, IDENTIFIER('...')
        raise QueryRefused(f"Only named tables can be queried: {table.sql(dialect=reader)}.")


def _qualified_names(parts: list[str]) -> Iterator[str]:
    """orders, sales.orders, db.sales.orders for db.sales.orders: a known name may be bare or qualified."""
    lowered = [part.lower() for part in parts]
    for start in range(len(lowered)):
        yield ".".join(lowered[start:])


def _function_name(function: exp.Func) -> str:
    if isinstance(function, exp.Anonymous | exp.AnonymousAggFunc):
        return function.name.lower()
    return function.sql_name().lower()


def _package(function: exp.Func) -> str:
    """'sys.dbms_lock' for sys.dbms_lock.sleep(5); '' for a plain call."""
    parent = function.parent
    if isinstance(parent, exp.Dot) and parent.expression is function:
        return parent.this.sql().lower()
    return ""


def _display_name(function: exp.Func, reader: Dialect) -> str:
    """The name as the user would write it: sqlglot's class names differ (generate_series is GenerateSeries)."""
    if isinstance(function, exp.Anonymous | exp.AnonymousAggFunc):
        return function.name.lower()
    match = _CALLED_NAME.match(function.sql(dialect=reader))
    return match.group(1).lower() if match else function.sql_name().lower()


def _denial_reason(name: str) -> str | None:
    for names, reason in _REASONS:
        if name in names:
            return reason
    return next((reason for prefix, reason in _DENIED_PREFIXES if name.startswith(prefix)), None)


def _label(node: exp.Expr) -> str:
    if isinstance(node, exp.Command):
        return node.name.upper()
    return _NODE_LABELS.get(node.key, node.key.upper())


def _first_keyword(tokens: list[Token]) -> str:
    words = (token.text.upper() for token in tokens if token.token_type != TokenType.L_PAREN)
    return next(words, "something else")


def _parse_error_message(error: ParseError) -> str:
    if error.errors:
        first = error.errors[0]
        description = str(first.get("description"))
        if description.startswith("Required keyword"):
            # "Required keyword: 'expression' missing for <class '...Mul'>" means nothing to a business user.
            description = "the statement is incomplete or malformed"
        description = _TOKEN_REPR.sub(_token_text, description)
        return f"{description} (line {first.get('line')}, column {first.get('col')})."
    return _first_line(str(error))


def _token_text(match: re.Match[str]) -> str:
    text = match.group(1)
    return "the end of the SQL" if text == "SENTINEL" else f"'{text}'"


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "unknown error"
