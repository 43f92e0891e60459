"""The Save button, the Saved queries page and the dashboard through AppTest, on a real app database and the
demo warehouse. Re-running saved SQL needs no model, so these tests never load one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from chains.query_runner import QueryRunner
from chains.warehouses import open_warehouse
from charts.choose import ChartSpec
from settings import _read_toml, app_settings
from store.database import open_app_database
from store.saved import SavedQueries
from ui.history import HISTORY_KEY, Exchange

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"
BY_CHANNEL = "SELECT channel, COUNT(*) AS orders FROM orders GROUP BY channel ORDER BY channel"
CUSTOMERS = "SELECT COUNT(*) AS customers FROM customers"
DEMO = "Demo warehouse"


@pytest.fixture(autouse=True)
def _own_app_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TABLETALK_SECRETS", str(tmp_path / "secrets.toml"))
    monkeypatch.setenv("TABLETALK_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    for variable in ("DB_URL", "MODEL_BACKEND", "MODEL_URL"):
        monkeypatch.delenv(f"TABLETALK_{variable}", raising=False)
    yield


@pytest.fixture
def store() -> SavedQueries:
    return SavedQueries(open_app_database(app_settings().database_url))


def _save(store: SavedQueries, title: str, sql: str, chart: dict | None = None) -> int:
    return store.save(title=title, question=title, sql=sql, connection=DEMO, author="ana", chart=chart).id


def _page(name: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page(f"app_pages/{name}.py")
    return at.run()


def _texts(at: AppTest) -> str:
    kinds = ("markdown", "caption", "info", "warning", "error", "title")
    return "\n".join(str(e.value) for kind in kinds for e in at.main.get(kind))


def _expander_labels(at: AppTest) -> list[str]:
    return [e.label for e in at.main.get("expander")]


def test_the_chat_saves_an_answer_with_its_chart(store: SavedQueries) -> None:
    answer = QueryRunner(open_warehouse()).run_sql(BY_CHANNEL, question="Orders by channel")
    assert answer.ok
    exchange = Exchange(1, "Orders by channel", answer, DEMO, None, ChartSpec("bar", x="channel", y="orders"))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[HISTORY_KEY] = [exchange]
    at.run()
    assert not at.exception, at.exception
    at.text_input(key="save-title-1").set_value("Orders per channel")
    at.button(key="save-1").click().run()
    assert not at.exception, at.exception
    [saved] = store.search("")
    assert (saved.title, saved.question, saved.sql, saved.connection) == (
        "Orders per channel",
        "Orders by channel",
        BY_CHANNEL,
        DEMO,
    )
    assert saved.chart == {"kind": "bar", "x": "channel", "y": "orders", "color": None}
    assert "Saved" in [p.proto.popover.label for p in at.main.get("popover")]


def test_the_saved_page_lists_searches_and_reruns_on_current_data(store: SavedQueries) -> None:
    by_channel = _save(store, "Orders by channel", BY_CHANNEL, {"kind": "bar", "x": "channel", "y": "orders"})
    _save(store, "Customer count", CUSTOMERS)
    at = _page("saved")
    assert not at.exception, at.exception
    assert _expander_labels(at) == ["Customer count", "Orders by channel"]

    search = next(t for t in at.main.get("text_input") if t.label == "Search")
    search.set_value("CHANNEL").run()
    assert _expander_labels(at) == ["Orders by channel"]

    at.button(key=f"run-{by_channel}").click().run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    expected = open_warehouse().run(BY_CHANNEL).data
    assert table["channel"].tolist() == expected["channel"].tolist()
    assert table["orders"].tolist() == expected["orders"].tolist()
    assert len(at.main.get("plotly_chart")) == 1  # drawn as saved: a bar chart
    assert "Data as of" in _texts(at)


def test_rename_edit_verify_delete_and_undo(store: SavedQueries) -> None:
    query_id = _save(store, "Customer count", CUSTOMERS)
    at = _page("saved")
    at.text_input(key=f"title-{query_id}").set_value("Customers, all regions")
    at.button(key=f"rename-{query_id}").click().run()
    assert _expander_labels(at) == ["Customers, all regions"]

    at.toggle(key=f"verified-{query_id}").set_value(True).run()
    assert store.get(query_id).verified and store.get(query_id).verified_by
    assert "1 verified query" in _texts(at)

    at.text_area(key=f"sql-{query_id}").set_value("SELECT COUNT(*) AS customers FROM customers WHERE 1 = 1")
    at.button(key=f"save-sql-{query_id}").click().run()
    assert store.get(query_id).sql.endswith("1 = 1") and not store.get(query_id).verified

    at.button(key=f"delete-{query_id}").click().run()
    assert _expander_labels(at) == [] and "Deleted “Customers, all regions”" in _texts(at)
    next(b for b in at.main.get("button") if b.label == "Undo").click().run()
    assert _expander_labels(at) == ["Customers, all regions"]


def test_a_bad_saved_query_says_why_and_the_page_keeps_working(store: SavedQueries) -> None:
    broken = _save(store, "Broken", "SELECT no_such_column FROM customers")
    gone = store.save(title="Elsewhere", question="q", sql=CUSTOMERS, connection="retired", author="ana").id
    at = _page("saved")
    at.button(key=f"run-{broken}").click().run()
    at.button(key=f"run-{gone}").click().run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.main.get("error")).replace("\\", "")
    assert "no_such_column" in errors and "“retired”" in errors


def test_the_dashboard_shows_pinned_queries_in_the_users_order(store: SavedQueries) -> None:
    first = _save(store, "Orders by channel", BY_CHANNEL, {"kind": "bar", "x": "channel", "y": "orders"})
    second = _save(store, "Customer count", CUSTOMERS, {"kind": "number", "y": "customers"})
    _save(store, "Not pinned", CUSTOMERS)
    store.pin(first)
    store.pin(second)
    at = _page("dashboard")
    assert not at.exception, at.exception
    titles = [m.value for m in at.main.get("markdown") if m.value.startswith("**")]
    assert titles == ["**Orders by channel**", "**Customer count**"]
    assert len(at.main.get("plotly_chart")) == 1 and len(at.main.get("metric")) == 1
    assert "Table (3 rows)" in _expander_labels(at)  # folded away under the chart
    customers = open_warehouse().run(CUSTOMERS).data.iloc[0, 0]
    assert at.main.get("metric")[0].value.replace(",", "") == str(customers)

    at.button(key=f"earlier-{second}").click().run()
    assert [q.id for q in store.pinned()] == [second, first]
    titles = [m.value for m in at.main.get("markdown") if m.value.startswith("**")]
    assert titles == ["**Customer count**", "**Orders by channel**"]
    at.button(key=f"unpin-{second}").click().run()
    assert [q.id for q in store.pinned()] == [first]


def test_an_empty_dashboard_says_how_to_fill_it() -> None:
    at = _page("dashboard")
    assert not at.exception, at.exception
    assert "Nothing pinned yet" in _texts(at)


def test_the_schema_can_be_re_read_from_the_sidebar() -> None:
    at = _page("saved")
    next(b for b in at.sidebar.button if b.label == "Re-read the schema").click().run()
    assert not at.exception, at.exception
    assert any("Schema re-read: 7 tables" in t.value for t in at.toast)


def test_the_saved_page_names_people_and_says_what_the_training_file_is_for(
    store: SavedQueries, tmp_path: Path
) -> None:
    (tmp_path / "secrets.toml").write_text('[access.users.ana]\ndisplay_name = "Ana Lima"\n')
    _read_toml.cache_clear()  # the store fixture read the secrets before they were written
    theirs = _save(store, "Orders by channel", BY_CHANNEL)
    mine = store.save(
        title="Customer count",
        question="How many customers?",
        sql=CUSTOMERS,
        connection=DEMO,
        author=app_settings().user,
    ).id
    store.set_verified(theirs, True, "ana")
    at = _page("saved")
    assert not at.exception, at.exception
    captions = [c.value for c in at.main.get("caption")]
    assert any("saved by Ana Lima" in c and "verified by Ana Lima" in c for c in captions), captions
    assert any("saved by you" in c for c in captions), captions
    assert mine != theirs
    text = _texts(at)
    assert "fine-tuning" in text and "training file" in text and "JSONL" not in text.split("training file")[0]
    buttons = [b.label for b in at.main.get("download_button")]
    assert buttons == ["Training file for Demo warehouse (1 question, JSONL)"]
