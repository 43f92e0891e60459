"""Warehouses through real SQLite and DuckDB files: introspection, read-only connections, caps, timeouts."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from connectors.engines import create_read_only_engine
from connectors.errors import QueryDoubtful, QueryFailed, QueryRefused, QueryTimeout, WarehouseUnavailable
from connectors.warehouse import Warehouse
from tests.conftest import ROWS

FOREVER = "SELECT count(*) FROM sales a, sales b, sales c, sales d, sales e"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(params=["sqlite", "duckdb"])
def db(request: pytest.FixtureRequest, sqlite_file: Path, duckdb_file: Path) -> tuple[str, Path]:
    path = sqlite_file if request.param == "sqlite" else duckdb_file
    return f"{request.param}:///{path}", path


def test_introspection_reads_tables_columns_keys_and_samples(db: tuple[str, Path]) -> None:
    url, _ = db
    schema = Warehouse(url).schema()
    assert schema.table_names == {"regions", "sales"}
    sales = schema.table("sales")
    assert sales is not None
    assert [c.name for c in sales.columns] == ["sale_id", "region_id", "sold_on", "amount"]
    assert sales.column("sale_id").primary_key
    assert [(fk.columns, fk.ref_table, fk.ref_columns) for fk in sales.foreign_keys] == [
        (("region_id",), "regions", ("region_id",))
    ]
    assert set(schema.table("regions").column("name").samples) <= {"Europe", "Asia", "Americas"}
    assert len(schema.table("regions").column("name").samples) == 3


def test_duckdb_comments_are_read(duckdb_file: Path) -> None:
    sales = Warehouse(f"duckdb:///{duckdb_file}").schema().table("sales")
    assert sales.comment == "One row per sale"
    assert sales.column("amount").comment == "Sale amount in USD"


def test_schema_is_cached_until_refreshed(db: tuple[str, Path]) -> None:
    warehouse = Warehouse(db[0])
    assert warehouse.schema() is warehouse.schema()
    assert warehouse.schema(refresh=True) is not None


def test_run_returns_a_frame(db: tuple[str, Path]) -> None:
    result = Warehouse(db[0]).run(
        "SELECT r.name, COUNT(*) AS n FROM sales s JOIN regions r ON r.region_id = s.region_id "
        "GROUP BY r.name ORDER BY r.name"
    )
    assert list(result.data.columns) == ["name", "n"]
    assert result.data.values.tolist() == [["Americas", 333], ["Asia", 333], ["Europe", 334]]
    assert not result.truncated


def test_row_cap_truncates_and_says_so(db: tuple[str, Path]) -> None:
    result = Warehouse(db[0], row_cap=100).run("SELECT * FROM sales")
    assert len(result.data) == 100
    assert result.truncated
    assert not Warehouse(db[0], row_cap=ROWS).run("SELECT * FROM sales").truncated


def test_a_query_that_runs_forever_is_cancelled(db: tuple[str, Path]) -> None:
    warehouse = Warehouse(db[0], timeout_seconds=1.0)
    started = time.perf_counter()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        warehouse.run(FOREVER)
    assert time.perf_counter() - started < 10
    # The connection is usable afterwards.
    assert warehouse.run("SELECT COUNT(*) AS n FROM regions").data["n"].tolist() == [3]


@pytest.mark.parametrize("statement", ["DELETE FROM sales", "DROP TABLE sales", "SELECT 1; DELETE FROM sales"])
def test_writes_are_refused_and_the_file_is_unchanged(db: tuple[str, Path], statement: str) -> None:
    url, path = db
    before = _digest(path)
    with pytest.raises(QueryRefused):
        Warehouse(url).run(statement)
    assert _digest(path) == before


@pytest.mark.parametrize(
    "statement",
    ["DELETE FROM sales", "UPDATE sales SET amount = 0", "CREATE TABLE x (a INT)", "DROP TABLE sales"],
)
def test_the_connection_itself_is_read_only(db: tuple[str, Path], statement: str) -> None:
    """Even with the guard bypassed, the connection refuses to write."""
    url, path = db
    before = _digest(path)
    engine = create_read_only_engine(url)
    with engine.connect() as connection, pytest.raises(DBAPIError):
        connection.exec_driver_sql(statement)
        connection.commit()
    engine.dispose()
    assert _digest(path) == before


def test_duckdb_connection_cannot_read_files_or_unlock_itself(duckdb_file: Path) -> None:
    engine = create_read_only_engine(f"duckdb:///{duckdb_file}")
    with engine.connect() as connection:
        for statement in (
            "SELECT * FROM read_csv('/etc/passwd')",
            "SET enable_external_access = true",
            "COPY sales TO '/tmp/stolen.csv'",
        ):
            with pytest.raises(DBAPIError):
                connection.exec_driver_sql(statement)
            connection.rollback()
    engine.dispose()


def test_unknown_columns_are_caught_before_the_database(db: tuple[str, Path]) -> None:
    with pytest.raises(QueryFailed, match="revenue"):
        Warehouse(db[0]).validate("SELECT revenue FROM sales")


def test_database_errors_become_query_failed(db: tuple[str, Path]) -> None:
    with pytest.raises(QueryFailed):
        Warehouse(db[0]).run("SELECT no_such_function(amount) FROM sales")


def test_a_missing_file_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(WarehouseUnavailable):
        Warehouse(f"sqlite:///{tmp_path / 'absent.sqlite'}").schema()


def test_a_column_on_the_wrong_table_is_named_with_the_real_columns(db: tuple[str, Path]) -> None:
    with pytest.raises(QueryFailed, match=r"regions \(alias r\) has no column amount.*sales\(sale_id, region_id"):
        Warehouse(db[0]).validate("SELECT r.amount FROM sales s JOIN regions r ON r.region_id = s.region_id")


def test_an_alias_reused_in_another_scope_is_not_a_false_alarm(db: tuple[str, Path]) -> None:
    sql = "SELECT t.amount FROM sales t WHERE t.region_id IN (SELECT t.region_id FROM regions t WHERE t.name = 'Asia')"
    Warehouse(db[0]).validate(sql)


def test_a_join_on_a_column_compared_with_itself_is_caught_with_the_keys(db: tuple[str, Path]) -> None:
    pointless = "SELECT r.name, COUNT(*) FROM sales s JOIN regions r ON R.region_id = r.region_id GROUP BY r.name"
    with pytest.raises(QueryDoubtful, match=r"compares a column with itself.*sales\.region_id = regions\.region_id"):
        Warehouse(db[0]).validate(pointless, doubts=True)
    Warehouse(db[0]).validate(pointless.replace("R.region_id", "s.region_id"), doubts=True)
    Warehouse(db[0]).validate(pointless)  # a person's SQL is not second-guessed


def test_a_number_read_as_a_date_is_caught(sqlite_file: Path) -> None:
    """SQLite's strftime reads an integer as a day count and returns nonsense, not an error."""
    warehouse = Warehouse(f"sqlite:///{sqlite_file}")
    with pytest.raises(QueryDoubtful, match=r"sales\.region_id as a date, but it holds plain numbers \(INTEGER"):
        warehouse.validate("SELECT COUNT(*) FROM sales s WHERE strftime('%Y', s.region_id) = '2024'", doubts=True)
    warehouse.validate("SELECT COUNT(*) FROM sales WHERE strftime('%Y', sold_on) = '2024'", doubts=True)


def test_an_invented_column_gets_the_closest_real_names(db: tuple[str, Path]) -> None:
    with pytest.raises(
        QueryFailed,
        match=r"has no column regionid\. Did you mean (regions|sales)\.region_id or (regions|sales)\.region_id\?",
    ):
        Warehouse(db[0]).validate("SELECT s.regionid FROM sales s")


def test_a_join_beside_the_foreign_key_is_sent_back_with_the_key(db: tuple[str, Path]) -> None:
    off_key = "SELECT r.name, COUNT(*) FROM sales s JOIN regions r ON r.region_id = s.sale_id GROUP BY r.name"
    with pytest.raises(QueryDoubtful, match=r"does not follow the foreign key.*regions\.region_id = sales\.region_id"):
        Warehouse(db[0]).validate(off_key, doubts=True)
    Warehouse(db[0]).validate(off_key.replace("s.sale_id", "s.region_id"), doubts=True)
    Warehouse(db[0]).validate(off_key)  # people join on other columns on purpose


def test_one_column_equal_to_two_values_is_sent_back_with_intersect(db: tuple[str, Path]) -> None:
    both = "SELECT COUNT(*) FROM sales s JOIN regions r ON r.region_id = s.region_id WHERE r.name = 'Asia' AND "
    with pytest.raises(QueryDoubtful, match=r"r\.name cannot equal both 'Asia' and 'Europe'.*INTERSECT"):
        Warehouse(db[0]).validate(both + "(s.amount > 1 AND r.name = 'Europe')", doubts=True)
    Warehouse(db[0]).validate(both + "r.name = 'Asia'", doubts=True)
    Warehouse(db[0]).validate(both + "s.amount = 10.5", doubts=True)
    Warehouse(db[0]).validate(both.replace(" AND ", " OR ") + "r.name = 'Europe'", doubts=True)


def test_sqlite_double_quoted_strings_pass_as_sqlite_reads_them(sqlite_file: Path) -> None:
    warehouse = Warehouse(f"sqlite:///{sqlite_file}")
    sql = 'SELECT COUNT(*) FROM sales s JOIN regions r ON r.region_id = s.region_id WHERE r.name = "Asia"'
    warehouse.validate(sql)
    assert warehouse.run(sql).data.iloc[0, 0] > 0
    with pytest.raises(QueryFailed, match="could not be resolved"):
        warehouse.validate("SELECT COUNT(*) FROM sales WHERE region = 'Asia'")
