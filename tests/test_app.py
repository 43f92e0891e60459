"""The Streamlit app through AppTest: renders, answers with the real chain and model, keeps the conversation."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from chains.answer import Answer, Outcome, Turn
from charts.choose import ChartSpec
from ui.history import MAX_FOLLOW_UP_TURNS, Exchange, follow_up_turns, last_result, redraw

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"
# A category and a measure, so a bar chart; one the 1.5B model answers right first time on the demo warehouse.
QUESTION = "What is the average order value by sales channel in 2025?"
# Generous: the question waits for the model to load, and the 1.5B model shares two cores with everything else.
MODEL_TIMEOUT = 600


@pytest.fixture(autouse=True)
def _no_local_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The defaults (embedded model, demo warehouse), whatever secrets.toml or TABLETALK_* this machine has."""
    monkeypatch.setenv("TABLETALK_SECRETS", str(tmp_path / "secrets.toml"))
    monkeypatch.setenv("TABLETALK_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    monkeypatch.setenv("TABLETALK_WARM_START", "off")  # no background prefill competing with the tests
    for variable in ("DB_URL", "MODEL_BACKEND", "MODEL_NAME", "MODEL_URL", "MODEL_API_KEY"):
        monkeypatch.delenv(f"TABLETALK_{variable}", raising=False)
    yield


def _app(timeout: float = 60) -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=timeout)


def _texts(block) -> list[str]:  # type: ignore[no-untyped-def]
    kinds = ("markdown", "caption", "info", "success", "warning", "error", "code", "text", "title")
    return [str(element.value) for kind in kinds for element in block.get(kind)]


def _all_text(at: AppTest) -> str:
    return "\n".join(_texts(at.main) + _texts(at.sidebar))


def test_the_app_renders_the_chat_page_and_the_sidebar() -> None:
    started = time.perf_counter()
    at = _app().run()
    seconds = time.perf_counter() - started
    assert not at.exception, at.exception
    assert at.title[0].value == "Ask your data"  # the chat page, through st.navigation
    assert len(at.chat_input) == 1
    warehouse = at.sidebar.selectbox(key="warehouse")
    assert warehouse.label == "Warehouse" and warehouse.value == "Demo warehouse"
    sidebar = "\n".join(_texts(at.sidebar))
    assert "demo.duckdb" in sidebar
    assert "qwen2.5-coder-1.5b-instruct-q4_k_m" in sidebar
    assert "Where your data goes" in sidebar and "Nothing else leaves this machine" in sidebar
    assert "embedded model, inside this app (no network)" in sidebar
    assert any(state in sidebar for state in ("Loading the model", "Preparing", "Ready"))
    assert seconds < 15, f"the first render took {seconds:.1f} s"


def test_the_sidebar_switches_warehouses_and_never_shows_a_password(tmp_path: Path) -> None:
    (tmp_path / "secrets.toml").write_text(
        '[connections.sales]\nurl = "postgresql://reader:s3cret@127.0.0.1:9/sales"\n'
    )
    at = _app().run()
    warehouse = at.sidebar.selectbox(key="warehouse")
    assert warehouse.options == ["Demo warehouse", "sales"]
    warehouse.set_value("sales").run()
    assert not at.exception, at.exception
    text = _all_text(at)
    assert "postgresql://reader:***@127.0.0.1:9/sales" in text
    assert "s3cret" not in text


def test_a_wordless_question_gets_a_friendly_message_and_the_history_is_kept() -> None:
    at = _app().run()
    at.chat_input[0].set_value("???").run()
    at.chat_input[0].set_value("   ").run()
    assert not at.exception, at.exception
    assert [m.name for m in at.chat_message] == ["user", "assistant", "user", "assistant"]
    assert len(at.warning) == 2
    for warning in at.warning:
        assert "Please ask a question in words" in warning.value and "Try a full question" in warning.value


def test_a_chart_request_before_any_result_says_what_to_do() -> None:
    at = _app().run()
    at.chat_input[0].set_value("as a pie chart").run()
    assert not at.exception, at.exception
    assert [m.name for m in at.chat_message] == ["user", "assistant"]
    assert "There is no result to draw yet" in at.warning[0].value


@pytest.fixture
def model_that_fails_slowly(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Swap in a loader that takes until released and then fails; the real one comes back afterwards."""
    from ui import resources

    release = threading.Event()

    def build(_progress):  # type: ignore[no-untyped-def]
        release.wait(30)
        raise RuntimeError("No model file in this test.")

    slow = classmethod(lambda cls, _settings, start=True: cls(build, start))
    monkeypatch.setattr(resources.ModelLoader, "for_settings", slow)
    resources.reset_model()
    yield release
    release.set()
    monkeypatch.undo()
    resources.reset_model()


def test_a_question_asked_while_the_model_loads_waits_and_says_so(model_that_fails_slowly: threading.Event) -> None:
    at = _app().run()
    assert "Loading the model" in "\n".join(_texts(at.sidebar))
    threading.Timer(1.5, model_that_fails_slowly.set).start()
    at.chat_input[0].set_value("How many customers are in Europe?").run()
    assert not at.exception, at.exception
    status = at.status[0]
    assert "The model is still loading" in "\n".join(_texts(status))
    assert status.label == "No answer this time"
    assert "The model could not be loaded: No model file in this test." in at.error[0].value
    assert "Check the model's status in the sidebar" in at.error[0].value
    at.run()  # the browser's sidebar polls while loading; here, one more run
    assert "The model could not be loaded: No model file in this test." in "\n".join(_texts(at.sidebar))
    assert len(at.chat_message) == 2  # the question and its answer are kept


def _plotly_types(at: AppTest) -> list[str]:
    return [json.loads(chart.proto.spec)["data"][0]["type"] for chart in at.get("plotly_chart")]


def test_the_chart_controls_switch_the_kind_and_the_axes() -> None:
    frame = pd.DataFrame(
        {"region": ["Europe", "Asia"], "revenue": [Decimal("3.50"), Decimal("1.25")], "orders": [30, 12]}
    )
    answer = Answer("revenue by region", Outcome.ANSWERED, sql="SELECT …", data=frame)
    at = _app()
    at.session_state["exchanges"] = [
        Exchange(1, answer.question, answer, "Demo warehouse", None, ChartSpec("bar", x="region", y="revenue"))
    ]
    at.run()
    assert not at.exception, at.exception
    assert _plotly_types(at) == ["bar"]
    assert "Europe leads in revenue with 3.50, 74% of the total; 2 regions in all." in _all_text(at)
    at.selectbox(key="chart-kind-1-0").set_value("pie").run()
    assert _plotly_types(at) == ["pie"]
    assert at.selectbox(key="chart-kind-1-1").value == "pie" and at.selectbox(key="chart-x-1-1").value == "region"
    at.selectbox(key="chart-y-1-1").set_value("orders").run()
    assert "Orders: %{value" in json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["hovertemplate"]
    at.selectbox(key="chart-kind-1-1").set_value("table").run()
    assert _plotly_types(at) == [] and len(at.dataframe) == 1
    assert not at.exception, at.exception


@pytest.mark.model
def test_an_analyst_question_the_model_wrote_sql_for_says_to_check_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the business definitions off, a share is the model's own SQL: the answer says so before its numbers."""
    monkeypatch.setenv("TABLETALK_DEFINITIONS", "off")
    at = _app(MODEL_TIMEOUT).run()
    at.chat_input[0].set_value("What share of the 2025 orders came from each sales channel?").run()
    assert not at.exception, at.exception
    reply = at.chat_message[1]
    assert len(reply.get("dataframe")) == 1, _all_text(at)
    cautions = [w.value for w in reply.get("warning")]
    assert len(cautions) == 1 and cautions[0].startswith("Check this answer before you rely on it"), cautions
    assert "“share”" in cautions[0]


@pytest.mark.model
def test_a_question_is_answered_with_a_table_a_chart_and_editable_sql(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(MODEL_TIMEOUT).run()
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception, at.exception
    problems = [e.value for e in (*at.error, *at.warning)]
    assert not problems, problems
    assert at.status[0].label.startswith("Answered in")
    assert len(at.dataframe) == 1 and set(at.dataframe[0].value.columns) >= {"channel"}
    assert len(at.get("plotly_chart")) == 1
    assert "channels in all" in _all_text(at)  # the summary sentence
    assert [e.label for e in at.expander] == ["SQL", "Where the time went"]
    assert at.text_area(key="sql-1").value.lower().lstrip().startswith(("select", "with"))

    # A chart follow-up redraws the last result without the model.
    started = time.perf_counter()
    at.chat_input[0].set_value("as a pie chart").run()
    assert time.perf_counter() - started < 30
    assert len(at.get("plotly_chart")) == 2
    assert "Same result, as a pie chart." in _all_text(at)
    assert at.selectbox(key="chart-kind-2-0").value == "pie"

    # Edited SQL that writes is refused by the same guard, with the reason, and nothing is lost.
    at.text_area(key="sql-1").set_value("DELETE FROM orders")
    at.button(key="run-sql-1").click().run()
    assert not at.exception, at.exception
    refusal = [w.value for w in at.warning]
    assert len(refusal) == 1 and "refused" in refusal[0] and "DELETE" in refusal[0], refusal
    assert len(at.chat_message) == 6 and len(at.dataframe) == 1

    # Edited SQL that reads runs and becomes a new answer.
    edited = "SELECT category, COUNT(*) AS products FROM products GROUP BY category"
    at.text_area(key="sql-3").set_value(edited)
    at.button(key="run-sql-3").click().run()
    assert not at.exception, at.exception
    assert len(at.dataframe) == 2 and len(at.chat_message) == 8

    # A follow-up carries the answered turns (not the redraw, not the refusal) to the chain.
    from chains.sql_chain import SqlChain

    seen: list[list[Turn]] = []

    def ask(_chain: SqlChain, question: str, history: list[Turn] | None = None, **_options) -> Answer:  # type: ignore[no-untyped-def]
        seen.append(list(history or []))
        return Answer(question, Outcome.CANNOT_ANSWER, message="Spy: not asked.")

    monkeypatch.setattr(SqlChain, "ask", ask)
    at.chat_input[0].set_value("now only for the Online channel").run()
    first_sql = at.text_area(key="sql-1").proto.default
    assert seen == [[Turn(QUESTION, first_sql), Turn(QUESTION, edited)]]


# --- the conversation's bookkeeping, without Streamlit running ------------------------------------------------


def _exchange(exchange_id: int, question: str, sql: str | None, warehouse: str = "Demo warehouse") -> Exchange:
    answer = Answer(question, Outcome.ANSWERED if sql else Outcome.FAILED, sql=sql)
    if sql:
        answer.data = pd.DataFrame({"region": ["Europe", "Asia"], "revenue": [Decimal("3"), Decimal("1")]})
    return Exchange(exchange_id, question, answer, warehouse, None, ChartSpec("bar", x="region", y="revenue"))


def test_follow_ups_get_the_latest_answered_turns_of_this_warehouse() -> None:
    history = [
        _exchange(1, "revenue by region", "SELECT 1"),
        _exchange(2, "nonsense", None),
        _exchange(3, "orders elsewhere", "SELECT 2", warehouse="sales"),
    ]
    assert follow_up_turns(history, "Demo warehouse") == [Turn("revenue by region", "SELECT 1")]
    history += [_exchange(n, f"q{n}", f"SELECT {n}") for n in range(4, 10)]
    turns = follow_up_turns(history, "Demo warehouse")
    assert MAX_FOLLOW_UP_TURNS <= len(turns) < 2 * MAX_FOLLOW_UP_TURNS and turns[-1] == Turn("q9", "SELECT 9")


def test_the_follow_up_window_grows_so_each_prompt_begins_with_the_last_one() -> None:
    """The model's cache serves the common beginning: the window restarts once every MAX_FOLLOW_UP_TURNS."""
    history: list[Exchange] = []
    windows = []
    for n in range(1, 4 * MAX_FOLLOW_UP_TURNS + 1):
        history.append(_exchange(n, f"q{n}", f"SELECT {n}"))
        windows.append(follow_up_turns(history, "Demo warehouse"))
    restarts = sum(later[: len(earlier)] != earlier for earlier, later in zip(windows, windows[1:], strict=False))
    assert restarts == 3
    assert all(min(n, MAX_FOLLOW_UP_TURNS) <= len(w) < 2 * MAX_FOLLOW_UP_TURNS for n, w in enumerate(windows, 1))
    assert all(w[-1] == Turn(f"q{n}", f"SELECT {n}") for n, w in enumerate(windows, 1))


def test_a_redraw_reuses_the_last_result_and_is_not_a_turn() -> None:
    first = _exchange(1, "revenue by region", "SELECT 1")
    history = [first, _exchange(2, "nonsense", None)]
    assert last_result(history) is first
    again = redraw(first, "pie", "as a pie chart", 3)
    assert again.answer is first.answer and again.chart == ChartSpec("pie", x="region", y="revenue")
    assert again.note == "Same result, as a pie chart."
    assert follow_up_turns([*history, again], "Demo warehouse") == [Turn("revenue by region", "SELECT 1")]
    assert redraw(first, "number", "as a number", 4).note.startswith("A big number does not fit this result")


AOV_SQL = (
    "SELECT o.channel, AVG(l.net_amount) AS average_order_value FROM orders o "
    "JOIN order_lines l ON o.order_id = l.order_id GROUP BY o.channel"
)


def test_an_answer_reads_in_dollars_rounded_with_its_sql_laid_out() -> None:
    """Money from a column whose comment says "in USD": dollars in the sentence, the table and the chart;
    the table rounds (269.5199 -> 269.52, where Streamlit's `step` would cut it to 269.51)."""
    frame = pd.DataFrame({"channel": ["Online", "Retail", "Partner"], "average_order_value": [257.4, 269.5199, 305.9]})
    answer = Answer("average order value by channel", Outcome.ANSWERED, sql=AOV_SQL, data=frame)
    at = _app()
    at.session_state["exchanges"] = [
        Exchange(
            1, answer.question, answer, "Demo warehouse", None, ChartSpec("bar", x="channel", y="average_order_value")
        )
    ]
    at.run()
    assert not at.exception, at.exception
    shown = _all_text(at).replace("\\$", "$")  # the markdown escapes "$" so it is not read as LaTeX
    assert "Partner has the highest average order value ($305.90); 3 channels in all." in shown
    table = at.dataframe[0]
    assert table.value["average_order_value"].tolist() == [257.4, 269.52, 305.9]
    config = json.loads(table.proto.columns)["average_order_value"]
    assert config["type_config"]["format"] == "dollar" and "step" not in config["type_config"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["yaxis"]["tickprefix"] == "$"
    assert spec["layout"]["xaxis"]["categoryarray"] == ["Partner", "Retail", "Online"]  # largest first
    assert spec["data"][0]["marker"]["color"] == "#2563eb"  # the app's colour, as in exported files
    sql = at.text_area(key="sql-1").value
    assert sql.splitlines()[:3] == ["SELECT", "  o.channel,", "  AVG(l.net_amount) AS average_order_value"]


def test_the_sidebar_names_the_warehouse_and_shows_its_path_once() -> None:
    at = _app().run()
    assert "\n".join(_texts(at.sidebar)).count("demo.duckdb") == 1
    assert "runs read-only on Demo warehouse" in "\n".join(_texts(at.sidebar))


@pytest.fixture
def listening_everywhere() -> Iterator[None]:
    from streamlit import config

    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", before)


def test_without_sign_in_the_app_refuses_to_serve_the_network(listening_everywhere: None) -> None:
    at = _app().run()
    assert not at.exception, at.exception
    assert "will not serve on address 0.0.0.0 without a sign-in" in at.error[0].value
    assert len(at.chat_input) == 0 and not at.sidebar.get("selectbox")


def test_with_sign_in_the_app_may_serve_the_network(listening_everywhere: None, tmp_path: Path) -> None:
    (tmp_path / "secrets.toml").write_text('[access]\nmode = "local"\n')
    at = _app().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Sign in" and not at.error
