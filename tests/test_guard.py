"""The read-only guard: hostile SQL is refused with a readable reason, everyday analytics SQL passes."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import duckdb
import pytest
from sqlglot import exp

from connectors.errors import QueryRefused
from connectors.guard import DENIED_FUNCTIONS, check_read_only

KNOWN = {"customers", "orders"}

HOSTILE = [
    # Writes and schema changes
    "DELETE FROM orders",
    "UPDATE orders SET amount = 0",
    "INSERT INTO orders VALUES (99, 1, 1.0, '2024-01-01')",
    "DROP TABLE orders",
    "CREATE TABLE stolen AS SELECT * FROM customers",
    "ALTER TABLE orders ADD COLUMN x INT",
    "TRUNCATE orders",
    "CREATE INDEX i ON orders (amount)",
    "REPLACE INTO orders VALUES (1, 1, 1.0, '2024-01-01')",
    # Several statements, some hidden by comments
    "SELECT 1; DROP TABLE orders",
    "SELECT * FROM orders; DELETE FROM orders",
    "SELECT 1; -- harmless?\n DROP TABLE orders",
    "SELECT 1 /* */; DELETE FROM orders",
    "SELECT 1 /* first */; /* second */ UPDATE orders SET amount = 0",
    "SELECT ';'; DROP TABLE orders",
    # Data-modifying CTEs
    "WITH gone AS (DELETE FROM orders RETURNING *) SELECT * FROM gone",
    "WITH changed AS (UPDATE orders SET amount = 0 RETURNING *) SELECT count(*) FROM changed",
    "WITH added AS (INSERT INTO orders VALUES (9, 1, 1.0, '2024-01-01') RETURNING *) SELECT * FROM added",
    # Session, file and extension statements
    "PRAGMA writable_schema = ON",
    "PRAGMA table_info('orders')",
    "ATTACH 'other.db' AS other",
    "ATTACH DATABASE '/tmp/evil.db' AS evil",
    "DETACH other",
    "VACUUM",
    "VACUUM INTO '/tmp/copy.db'",
    "CHECKPOINT",
    "COPY orders TO '/tmp/orders.csv'",
    "COPY (SELECT * FROM customers) TO '/tmp/customers.parquet' (FORMAT parquet)",
    "EXPORT DATABASE '/tmp/dump'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "CALL pragma_version()",
    "BEGIN",
    "EXPLAIN ANALYZE DELETE FROM orders",
    # File readers
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "FROM '/etc/passwd'",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM 'secrets.parquet'",
    'SELECT * FROM "data.csv"',
    "SELECT * FROM read_parquet('s3://bucket/key.parquet')",
    "SELECT * FROM read_json_auto('https://example.com/x.json')",
    "SELECT * FROM glob('/home/*')",
    "SELECT content FROM read_text('/etc/hosts')",
    "SELECT * FROM sqlite_scan('/tmp/other.db', 'users')",
    "SELECT * FROM query('DELETE FROM orders')",
    "SELECT readfile('/etc/passwd')",
    "SELECT writefile('/tmp/x', 'y')",
    "SELECT load_extension('/tmp/evil.so')",
    # Dangerous functions, also nested deep in the query
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT pg_catalog.pg_read_file('/etc/passwd')",
    "SELECT pg_sleep(10)",
    "SELECT load_file('/etc/passwd')",
    "SELECT sleep(10)",
    "SELECT benchmark(100000000, md5('x'))",
    "SELECT getenv('HOME')",
    "SELECT * FROM orders WHERE amount > (SELECT max(length(pg_read_file('/etc/passwd'))))",
    "WITH c AS (SELECT pg_sleep(5) AS s) SELECT * FROM c",
    "SELECT * FROM (SELECT * FROM (SELECT * FROM read_parquet('x.parquet')) a) b",
    "SELECT * FROM orders WHERE id IN (SELECT id FROM read_csv('/etc/passwd'))",
    "SELECT CASE WHEN amount > 0 THEN SLEEP(1) END FROM orders",
    # Other clauses that write or lock
    "SELECT * INTO stolen FROM customers",
    "SELECT * FROM orders FOR UPDATE",
    # Unknown tables and table functions
    "SELECT * FROM users",
    "SELECT * FROM sqlite_master",
    "SELECT * FROM information_schema.tables",
    "SELECT * FROM orders JOIN secrets ON orders.id = secrets.id",
    "SELECT * FROM generate_series(1, 10)",
    "SELECT * FROM range(10)",
    "SELECT * FROM duckdb_settings()",
    # Nothing or nonsense
    "",
    "   \n ",
    ";",
    "-- just a comment",
    "SELEC * FROM orders",
    "SELECT 'unterminated",
]

DIALECT_HOSTILE = [
    ("mysql", "SELECT 1 /*! ; DROP TABLE orders */"),
    ("mysql", "SELECT 1 /*!50000 , sleep(5) */"),
    ("mysql", "SELECT 1 # comment\n; DROP TABLE orders"),
    ("mysql", "SELECT * FROM orders LOCK IN SHARE MODE"),
    ("mysql", "SELECT 1 INTO @v"),
    ("mysql", "SELECT * FROM orders INTO OUTFILE '/tmp/o.txt'"),
    ("mysql", "SHOW TABLES"),
    ("postgres", "SELECT 1 /* /* nested */ ; DROP TABLE orders; -- */"),
    ("postgres", "SELECT * FROM orders FOR SHARE"),
    ("postgres", "SELECT set_config('statement_timeout', '0', false)"),
    ("postgres", "SELECT pg_terminate_backend(1)"),
    ("postgres", "SELECT * FROM dblink('host=evil', 'SELECT 1') AS t(x int)"),
    ("postgres", "SELECT lo_import('/etc/passwd')"),
    ("postgres", "SELECT query_to_xml('SELECT pg_sleep(10)', true, true, '')"),
    ("postgres", "SELECT * FROM pg_ls_dir('.')"),
    ("postgres", "GRANT ALL ON orders TO PUBLIC"),
    ("postgres", "SELECT 'a\\'; DROP TABLE orders; --'"),
    ("snowflake", "SELECT * FROM @stage/file.csv"),
    ("snowflake", "SELECT system$wait(10)"),
    ("snowflake", "SELECT * FROM TABLE(generator(rowcount => 10))"),
    ("mysql", "/*! DROP TABLE orders */ SELECT 1"),
    ("bigquery", "SELECT * FROM EXTERNAL_QUERY('conn', 'SELECT 1')"),
    ("databricks", "SELECT * FROM csv.`/etc/passwd`"),
    ("databricks", "SELECT reflect('java.lang.Runtime', 'getRuntime')"),
    ("databricks", "SELECT * FROM read_files('/Volumes/x')"),
    ("trino", "SELECT * FROM orders; DELETE FROM orders"),
    ("oracle", "SELECT UTL_HTTP.REQUEST('http://evil') FROM dual"),
    ("oracle", "SELECT DBMS_PIPE.RECEIVE_MESSAGE('a', 10) FROM dual"),
    ("sqlite", "SELECT 1\x00; DROP TABLE orders"),
]

LEGITIMATE = [
    "SELECT * FROM orders",
    "SELECT * FROM orders;",
    "SELECT id, amount FROM orders LIMIT 5",
    "SELECT ';' AS x",
    "SELECT ';' AS sep, name FROM customers;",
    "SELECT c.name, SUM(o.amount) AS total FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.name",
    "SELECT c.name FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.id IS NULL",
    "WITH big AS (SELECT * FROM orders WHERE amount > 10) SELECT COUNT(*) FROM big",
    "WITH a AS (SELECT customer_id FROM orders), b AS (SELECT * FROM a) "
    "SELECT * FROM b JOIN customers ON id = customer_id",
    "SELECT id, amount, RANK() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS r FROM orders",
    "SELECT id FROM orders UNION SELECT id FROM customers",
    "SELECT id FROM orders UNION ALL SELECT id FROM customers ORDER BY 1",
    "SELECT id FROM orders INTERSECT SELECT customer_id FROM orders",
    "SELECT id FROM customers EXCEPT SELECT customer_id FROM orders",
    "SELECT * FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE name LIKE 'A%')",
    "SELECT CASE WHEN amount > 10 THEN 'big' ELSE 'small' END AS size, COUNT(*) FROM orders GROUP BY 1",
    'SELECT "name" AS "Customer Name" FROM "customers"',
    "SELECT * FROM main.orders",
    "SELECT COUNT(*) FROM orders -- how many?\n",
    "/* total per customer */ SELECT customer_id, SUM(amount) FROM orders GROUP BY customer_id",
    "SELECT * FROM (SELECT customer_id, AVG(amount) AS avg_amount FROM orders GROUP BY customer_id) t "
    "WHERE avg_amount > 5",
    "SELECT COALESCE(NULL, amount), ROUND(amount, 1), UPPER('x'), CAST(amount AS INTEGER) FROM orders",
    "(SELECT 1) UNION (SELECT 2)",
]

LEGITIMATE_BY_DIALECT = [
    ("sqlite", "SELECT strftime('%Y-%m', ordered_at) AS month, SUM(amount) FROM orders GROUP BY month"),
    ("sqlite", "SELECT * FROM customers WHERE name GLOB 'A*'"),
    ("duckdb", "SELECT date_trunc('month', ordered_at) AS m, SUM(amount) FROM orders GROUP BY m"),
    ("duckdb", "SELECT EXTRACT(year FROM ordered_at) AS y, COUNT(*) FROM orders GROUP BY y"),
    ("duckdb", "SELECT strftime(ordered_at, '%Y') FROM orders"),
    ("duckdb", "FROM orders SELECT id"),
    ("duckdb", "SELECT * FROM unnest([1, 2, 3])"),
    ("postgres", "SELECT date_trunc('month', ordered_at) AS m, SUM(amount) FROM orders GROUP BY 1"),
    ("postgres", "SELECT EXTRACT(YEAR FROM ordered_at), current_setting('TimeZone') FROM orders"),
    ("postgres", "SELECT $$a; DROP TABLE orders$$ AS harmless_text"),
    ("postgres", "SELECT * FROM public.orders"),
    ("mysql", "SELECT DATE_FORMAT(ordered_at, '%Y-%m'), SUM(amount) FROM `orders` GROUP BY 1"),
    ("mysql", "SELECT 'a\\'; DROP TABLE orders; --'"),
    ("bigquery", "SELECT * FROM `proj.shop.orders`"),
    ("snowflake", "SELECT * FROM ORDERS QUALIFY ROW_NUMBER() OVER (ORDER BY amount) = 1"),
]


def _refusal(sql: str, dialect: str, known: set[str] = KNOWN) -> str:
    with pytest.raises(QueryRefused) as caught:
        check_read_only(sql, dialect, known)
    return caught.value.reason


@pytest.mark.parametrize("dialect", ["sqlite", "duckdb"])
@pytest.mark.parametrize("sql", HOSTILE)
def test_hostile_sql_is_refused(sql: str, dialect: str) -> None:
    assert _refusal(sql, dialect)


@pytest.mark.parametrize(("dialect", "sql"), DIALECT_HOSTILE)
def test_dialect_specific_hostile_sql_is_refused(dialect: str, sql: str) -> None:
    assert _refusal(sql, dialect)


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite", "postgres", "mysql", "snowflake", "bigquery", "databricks"])
def test_every_denied_function_is_refused(dialect: str) -> None:
    allowed = []
    for name in sorted(DENIED_FUNCTIONS):
        for sql in (f"SELECT {name}('x')", f"SELECT * FROM {name}('x')", f"SELECT id FROM orders WHERE {name}(1) > 0"):
            try:
                check_read_only(sql, dialect, KNOWN)
            except QueryRefused:
                continue
            allowed.append(sql)
    assert allowed == []


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def database_files(tmp_path: Path) -> list[Path]:
    ddl = [
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount DOUBLE, ordered_at DATE)",
        "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')",
        "INSERT INTO orders VALUES (1, 1, 12.5, '2024-01-03'), (2, 2, 7.0, '2024-02-11'), (3, 1, 30.0, '2024-02-20')",
    ]
    sqlite_path = tmp_path / "shop.sqlite"
    with sqlite3.connect(sqlite_path) as connection:
        for statement in ddl:
            connection.execute(statement)
    connection.close()
    duckdb_path = tmp_path / "shop.duckdb"
    with duckdb.connect(str(duckdb_path)) as connection:
        for statement in ddl:
            connection.execute(statement)
    return [sqlite_path, duckdb_path]


def test_guard_never_touches_the_databases(database_files: list[Path]) -> None:
    before = [_sha256(path) for path in database_files]
    refused = 0
    for dialect in ("sqlite", "duckdb"):
        for sql in HOSTILE:
            with pytest.raises(QueryRefused):
                check_read_only(sql, dialect, KNOWN)
            refused += 1
    assert refused == 2 * len(HOSTILE)
    assert [_sha256(path) for path in database_files] == before


@pytest.mark.parametrize("dialect", ["sqlite", "duckdb", "postgres"])
@pytest.mark.parametrize("sql", LEGITIMATE)
def test_legitimate_sql_passes(sql: str, dialect: str) -> None:
    expression = check_read_only(sql, dialect, KNOWN)
    assert isinstance(expression, exp.Select | exp.Union | exp.Intersect | exp.Except | exp.Subquery)


@pytest.mark.parametrize(("dialect", "sql"), LEGITIMATE_BY_DIALECT)
def test_dialect_specific_legitimate_sql_passes(dialect: str, sql: str) -> None:
    check_read_only(sql, dialect, KNOWN | {"shop.orders"})


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("DELETE FROM orders", "found DELETE"),
        ("WITH x AS (DELETE FROM orders RETURNING *) SELECT * FROM x", "found DELETE"),
        ("DROP TABLE orders", "found DROP"),
        ("VACUUM", "found VACUUM"),
        ("LOAD httpfs", "found LOAD"),
        ("SELECT * FROM read_csv('/etc/passwd')", "The function read_csv is not allowed: it reads files."),
        ("SELECT pg_sleep(10)", "The function pg_sleep is not allowed"),
        ("SELECT * FROM users", "Unknown table: users."),
        ("SELECT * FROM generate_series(1, 3)", "Table functions are not allowed: generate_series."),
        ("FROM '/etc/passwd'", "/etc/passwd"),
        ("SELECT 1; SELECT 2", "Only one statement can run at a time."),
        ("SELECT 1 FROM", "Could not parse the SQL:"),
        ("", "There is no SQL to run."),
        ("SELECT * INTO stolen FROM customers", "INTO"),
        ("SELECT * FROM orders FOR UPDATE", "FOR UPDATE"),
        ("BEGIN", "found BEGIN"),
    ],
)
def test_refusal_names_the_offending_thing(sql: str, expected: str) -> None:
    assert expected in _refusal(sql, "duckdb")


def test_mysql_executable_comment_is_named() -> None:
    assert "Executable comments" in _refusal("SELECT 1 /*! ; DROP TABLE orders */", "mysql")


def test_table_names_compare_case_insensitively() -> None:
    check_read_only('SELECT * FROM "ORDERS" JOIN Customers ON TRUE', "duckdb", {"Orders", "CUSTOMERS"})


def test_qualified_known_names_match_qualified_references() -> None:
    known = {"sales.orders"}
    check_read_only("SELECT * FROM sales.orders", "postgres", known)
    check_read_only("SELECT * FROM warehouse.sales.orders", "postgres", known)
    assert "Unknown table: hr.orders." in _refusal("SELECT * FROM hr.orders", "postgres", known)


def test_cte_names_are_allowed_but_only_unqualified() -> None:
    check_read_only("WITH recent AS (SELECT * FROM orders) SELECT * FROM recent", "duckdb", KNOWN)
    assert "Unknown table" in _refusal("WITH recent AS (SELECT 1) SELECT * FROM other.recent", "duckdb")


def test_recursive_cte_passes() -> None:
    sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT * FROM n"
    check_read_only(sql, "postgres", KNOWN)


def test_deeply_nested_sql_is_refused_not_crashing() -> None:
    assert _refusal("SELECT " + "(" * 5000 + "1" + ")" * 5000, "duckdb")


def test_the_parsed_query_is_returned() -> None:
    expression = check_read_only("SELECT id FROM orders WHERE amount > 10;", "sqlite", KNOWN)
    assert expression.sql(dialect="sqlite") == "SELECT id FROM orders WHERE amount > 10"


def test_unknown_dialect_is_a_configuration_error() -> None:
    with pytest.raises(ValueError):
        check_read_only("SELECT 1", "no-such-dialect", KNOWN)
