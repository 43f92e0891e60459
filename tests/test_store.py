"""The app database through the real store: SQLite file by default, PostgreSQL when shared."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from store.audit import AuditEntry, AuditFilter, AuditLog
from store.database import AppDatabaseError, open_app_database
from store.saved import SavedQueries, SavedQueryNotFound
from tests.conftest import require_server_url

REVENUE_SQL = "SELECT SUM(net_amount) AS revenue FROM order_lines"
CHART = {"kind": "bar", "x": "channel", "y": "revenue", "color": None}


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'state' / 'app.sqlite'}"  # the folder does not exist yet


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A fresh database on the test server, dropped afterwards."""
    server = make_url(require_server_url("TABLETALK_TEST_POSTGRES_URL"))
    name = f"tabletalk_store_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def store(store_url: str) -> Iterator[SavedQueries]:
    saved = SavedQueries(open_app_database(store_url))
    with saved.engine.begin() as connection:  # the PostgreSQL database is shared by the module's tests
        connection.execute(text("DELETE FROM saved_queries"))
    yield saved
    saved.engine.dispose()


def _save(store: SavedQueries, title: str, question: str = "What was revenue?", sql: str = REVENUE_SQL) -> int:
    return store.save(
        title=title, question=question, sql=sql, connection="Demo warehouse", author="ana", chart=CHART
    ).id


def test_a_saved_query_comes_back_whole(store: SavedQueries) -> None:
    saved = store.save(
        title="  Revenue by channel ",
        question="What was revenue by channel?",
        sql=REVENUE_SQL,
        connection="Demo warehouse",
        author="ana",
        chart=CHART,
    )
    again = store.get(saved.id)
    assert again == saved
    assert (again.title, again.question, again.sql, again.chart) == (
        "Revenue by channel",
        "What was revenue by channel?",
        REVENUE_SQL,
        CHART,
    )
    assert (again.connection, again.author, again.verified, again.pinned) == ("Demo warehouse", "ana", False, False)
    assert again.created_at.tzinfo is not None and again.created_at == again.updated_at


def test_search_rename_edit_and_delete_with_undo(store: SavedQueries) -> None:
    revenue = _save(store, "Revenue 2024")
    customers = _save(
        store, "Customers", question="How many customers in Europe?", sql="SELECT COUNT(*) FROM customers"
    )
    assert [q.id for q in store.search("")] == [customers, revenue]  # newest first
    assert [q.id for q in store.search("EUROPE")] == [customers]  # question, any case
    assert [q.id for q in store.search("net_amount")] == [revenue]  # SQL
    assert store.search("100%_off") == []  # LIKE wildcards are matched literally

    assert store.rename(revenue, "Revenue, all years").title == "Revenue, all years"
    store.set_verified(revenue, True, by="bo")
    edited = store.update_sql(revenue, "SELECT SUM(net_amount) FROM order_lines WHERE 1 = 1")
    assert edited.sql.endswith("1 = 1") and not edited.verified and edited.verified_by is None

    store.delete(customers)
    assert [q.id for q in store.search("")] == [revenue]
    store.restore(customers)
    assert {q.id for q in store.search("")} == {revenue, customers}

    with pytest.raises(SavedQueryNotFound):
        store.rename(10_000_000, "nothing")
    with pytest.raises(ValueError, match="SQL"):
        store.update_sql(revenue, "   ")


def test_verified_pairs_and_the_dashboard_order(store: SavedQueries) -> None:
    first, second, third = (_save(store, name) for name in ("first", "second", "third"))
    store.set_verified(second, True, by="bo")
    assert [(q.id, q.verified_by) for q in store.verified("Demo warehouse")] == [(second, "bo")]
    assert store.verified("another warehouse") == []

    for query_id in (first, second, third):
        store.pin(query_id)
    store.pin(first)  # pinning twice keeps its place
    assert [q.id for q in store.pinned()] == [first, second, third]
    assert [q.id for q in store.move(third, -1)] == [first, third, second]
    assert [q.id for q in store.move(first, 5)] == [third, second, first]  # past the end: last
    store.unpin(second)
    store.delete(third)
    assert [q.id for q in store.pinned()] == [first]


def test_data_survives_a_restart_and_migrations_run_once(store_url: str) -> None:
    first = SavedQueries(open_app_database(store_url))
    kept = _save(first, "kept across restarts")
    first.engine.dispose()

    reopened = SavedQueries(open_app_database(store_url))  # runs the migrations again: nothing to do
    assert reopened.get(kept).title == "kept across restarts"
    with reopened.engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert versions == ["0003"]
        assert "saved_queries" in inspect(connection).get_table_names()
    reopened.engine.dispose()


def test_sessions_saving_at_once_lose_nothing(store: SavedQueries, store_url: str) -> None:
    """Eight sessions, each with its own engine (as separate app instances would be), save 15 queries each."""
    stores = [SavedQueries(open_app_database(store_url)) for _ in range(8)]

    def save_many(worker: int) -> list[int]:
        return [_save(stores[worker], f"worker {worker} query {n}") for n in range(15)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = [query_id for batch in pool.map(save_many, range(8)) for query_id in batch]
    assert len(set(ids)) == 120
    titles = {q.title for q in store.search("worker")}
    assert titles == {f"worker {w} query {n}" for w in range(8) for n in range(15)}
    for other in stores:
        other.engine.dispose()


def test_an_unusable_database_is_named_without_its_password() -> None:
    with pytest.raises(AppDatabaseError) as raised:
        open_app_database("postgresql://app:s3cret@127.0.0.1:1/state")
    assert "s3cret" not in str(raised.value) and "127.0.0.1:1" in str(raised.value)


def test_the_audit_log_records_filters_and_refuses_changes(store: SavedQueries) -> None:
    log = AuditLog(store.engine)
    if store.engine.dialect.name == "postgresql":  # the module's database is shared: start from a clean slate
        with store.engine.begin() as connection:
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
            connection.execute(text("DELETE FROM audit_log"))
            connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
    log.record(_entry("ana", "answered", "Revenue in 2024?", rows=1))
    log.record(_entry("bo", "refused", "Delete all orders", sql="DELETE FROM orders", message="Only SELECT runs"))
    every = log.entries()
    assert every["user_name"].tolist() == ["bo", "ana"]  # newest first
    assert every.iloc[0]["message"] == "Only SELECT runs" and every.iloc[1]["rows"] == 1
    assert log.entries(AuditFilter(outcome="refused"))["user_name"].tolist() == ["bo"]
    assert log.entries(AuditFilter(user_name="ana", text="REVENUE"))["question"].tolist() == ["Revenue in 2024?"]
    assert log.entries(AuditFilter(since=date.today() + timedelta(days=1))).empty
    assert len(log.entries(AuditFilter(until=date.today()))) == 2
    assert log.users() == ["ana", "bo"]
    for statement in ("UPDATE audit_log SET outcome = 'answered'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as connection:
            connection.execute(text(statement))
    assert len(log.entries()) == 2


def _entry(user: str, outcome: str, question: str, **fields: object) -> AuditEntry:
    values = {"sql": None, "message": None, "rows": 0, "seconds": 1.5, "prompt_tokens": 900, "completion_tokens": 40}
    values.update(fields)
    return AuditEntry(
        user_name=user, role="analyst", connection="Demo warehouse", source="question", question=question,
        outcome=outcome, **values,  # type: ignore[arg-type]
    )  # fmt: skip
