"""Sign-in, roles, the audit log and usage pages through AppTest, on a real app database and the demo
warehouse (no model: saved queries and edited SQL run without one)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from connectors.policy import MASK
from governance.passwords import hash_password
from settings import app_settings
from store.audit import AuditEntry, AuditLog
from store.database import open_app_database
from store.saved import SavedQueries

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"
PASSWORD = "s3cret-enough"


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture(autouse=True)
def _local_users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, password_hash: str) -> Iterator[None]:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f"""
[access]
mode = "local"
[access.users.ana]
password_hash = "{password_hash}"
role = "admin"
[access.users.bo]
password_hash = "{password_hash}"
role = "analyst"

[roles.analyst]
tables = ["customers", "orders"]
hidden_columns = ["customers.city"]
masked_columns = ["customers.customer_name"]
"""
    )
    monkeypatch.setenv("TABLETALK_SECRETS", str(secrets))
    monkeypatch.setenv("TABLETALK_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    for variable in ("DB_URL", "MODEL_BACKEND", "MODEL_URL", "USER"):
        monkeypatch.delenv(f"TABLETALK_{variable}", raising=False)
    yield


def _signed_in(user: str, password: str = PASSWORD) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert at.title[0].value == "Sign in" and len(at.chat_input) == 0  # nothing else before signing in
    at.text_input[0].set_value(user)
    at.text_input[1].set_value(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def _store() -> SavedQueries:
    return SavedQueries(open_app_database(app_settings().database_url))


def test_a_wrong_password_keeps_the_app_closed() -> None:
    at = _signed_in("ana", "guess")
    assert "do not match" in at.error[0].value and len(at.chat_input) == 0


def test_an_admin_signs_in_and_sees_the_audit_log_and_usage() -> None:
    at = _signed_in("ana")
    assert at.title[0].value == "Ask your data"
    assert "Signed in as **ana** (admin)" in [c.value for c in at.sidebar.caption]
    at.switch_page("app_pages/audit.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Audit log" and not at.error
    at.switch_page("app_pages/usage.py").run()
    assert at.title[0].value == "Usage" and "No questions yet" in at.info[0].value


def test_a_role_sees_its_cut_of_the_data_and_every_run_is_audited() -> None:
    store = _store()
    query = store.save(
        title="Customers", question="List customers", sql="SELECT * FROM customers ORDER BY customer_id LIMIT 5",
        connection="Demo warehouse", author="ana",
    )  # fmt: skip
    at = _signed_in("bo")
    at.switch_page("app_pages/saved.py").run()
    at.button(key=f"run-{query.id}").click().run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert "city" not in table.columns and set(table["customer_name"]) == {MASK}
    assert "segment" in table.columns and MASK not in set(table["segment"])

    [entry] = AuditLog(store.engine).entries().to_dict("records")
    assert (entry["user_name"], entry["role"], entry["source"], entry["outcome"]) == (
        "bo",
        "analyst",
        "saved_query",
        "answered",
    )
    assert entry["rows"] == 5 and "city" not in entry["sql"]

    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/audit.py")  # not in an analyst's navigation at all


def test_usage_and_audit_read_in_words_and_percentages() -> None:
    """One day of questions: a calendar axis of whole days, the answered rate as a percentage (a query that
    found no rows did not answer), legends and headers in words."""
    log = AuditLog(_store().engine)
    for outcome, rows in (("answered", 3), ("answered", 0), ("failed", 0), ("answered", 12)):
        log.record(
            AuditEntry(user_name="ana", role="admin", connection="Demo warehouse", source="question",
                       question="q", sql="SELECT 1", outcome=outcome, message=None, rows=rows, seconds=2.5,
                       prompt_tokens=1000, completion_tokens=50)
        )  # fmt: skip
    at = _signed_in("ana")
    at.switch_page("app_pages/usage.py").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.main.get("metric")}
    assert metrics["Questions"] == "4" and metrics["Answered"] == "50%"
    questions, seconds = (json.loads(chart.proto.spec) for chart in at.main.get("plotly_chart"))
    day = pd.Timestamp(questions["data"][0]["x"][0])
    start, end = (pd.Timestamp(edge) for edge in questions["layout"]["xaxis"]["range"])
    assert (start, end) == (day - pd.Timedelta(days=1), day + pd.Timedelta(days=1))  # a day either side
    assert {trace["name"] for trace in seconds["data"]} == {"Median", "Slowest 5% (95th percentile)"}
    usage = json.loads(at.dataframe[0].proto.columns)
    assert usage["answered"]["label"] == "Answered" and usage["answered"]["type_config"]["format"] == "percent"

    at.switch_page("app_pages/audit.py").run()
    assert not at.exception, at.exception
    headers = {name: column.get("label") for name, column in json.loads(at.dataframe[0].proto.columns).items()}
    assert headers["at"] == "When (UTC)" and headers["user_name"] == "User" and headers["connection"] == "Warehouse"
    assert set(at.dataframe[0].value["outcome"]) == {"Answered", "Failed"}


def test_usage_compares_the_questions_cost_on_aws() -> None:
    from store.audit import AuditEntry

    AuditLog(_store().engine).record(
        AuditEntry(
            user_name="ana", role="admin", connection="Demo warehouse", source="question", question="How many?",
            sql="SELECT 1", outcome="answered", message=None, rows=1, seconds=2.0, prompt_tokens=3000,
            completion_tokens=40, model="qwen2.5-coder-1.5b-instruct-q4_k_m",
        )
    )  # fmt: skip
    at = _signed_in("ana")
    at.switch_page("app_pages/usage.py").run()
    assert not at.exception, at.exception
    assert "The same questions on AWS" in [header.value for header in at.subheader]
    costs = at.dataframe[-1].value.set_index("backend")
    assert costs.loc["Embedded (this machine)", "cost_usd"] == 0
    assert costs.loc["SageMaker endpoint", "cost_usd"] == 24 * 1.408
