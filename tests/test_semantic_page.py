"""The admin page "Business definitions" through AppTest on the demo warehouse: a validation error with its
line number, a refused save, and a valid model saved to the data directory and then in use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from semantic.catalog import DEMO_WAREHOUSE, saved_model_path
from ui.resources import DEMO_WAREHOUSE as SIDEBAR_DEMO_NAME

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"
PAGE = "app_pages/semantic.py"


@pytest.fixture(autouse=True)
def _single_admin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TABLETALK_SECRETS", str(tmp_path / "secrets.toml"))
    monkeypatch.setenv("TABLETALK_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    monkeypatch.setenv("TABLETALK_DATA_DIR", str(tmp_path / "var"))
    # No model is needed here: a model server on a closed loopback port keeps the embedded one from loading.
    monkeypatch.setenv("TABLETALK_MODEL_BACKEND", "ollama")
    monkeypatch.setenv("TABLETALK_MODEL_URL", "http://127.0.0.1:9")
    for variable in ("DB_URL", "USER"):
        monkeypatch.delenv(f"TABLETALK_{variable}", raising=False)
    yield


def _page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Business definitions"
    return at


def _editor(at: AppTest):  # type: ignore[no-untyped-def]
    return at.text_area(key=f"semantic-yaml::{DEMO_WAREHOUSE}")


def test_the_catalog_and_the_sidebar_name_the_demo_warehouse_alike() -> None:
    assert DEMO_WAREHOUSE == SIDEBAR_DEMO_NAME


def test_an_admin_sees_a_line_numbered_problem_and_saves_a_valid_model() -> None:
    at = _page()
    at.button(key="semantic-draft").click().run()
    draft = _editor(at).value
    assert "SUM(net_amount)" in draft and not at.exception
    metrics = at.dataframe[0].value
    assert "metric" in metrics.columns and len(metrics) > 0

    broken = draft.replace("expr: SUM(net_amount)", "expr: SUM(net_amnt)", 1)
    line = next(n for n, text in enumerate(broken.splitlines(), start=1) if "SUM(net_amnt)" in text)
    _editor(at).set_value(broken).run()
    at.button(key="semantic-validate").click().run()
    [error] = at.error
    assert f"line {line}: metric `total_net_amount` names column `net_amnt`" in error.value

    at.button(key="semantic-save").click().run()
    assert "Not saved" in at.error[0].value and f"line {line}:" in at.error[0].value
    target = saved_model_path(DEMO_WAREHOUSE)
    assert not target.exists()

    valid = draft.replace("name: order_count\n", "name: number_of_orders\n", 1)
    _editor(at).set_value(valid).run()
    at.button(key="semantic-validate").click().run()
    assert not at.error and at.success[0].value.startswith("Valid: 7 tables")
    at.button(key="semantic-save").click().run()
    assert not at.exception and not at.error
    assert target.read_text() == valid
    assert f"Saved to {target}" in at.success[0].value
    assert f"`{target}`" in "\n".join(c.value for c in at.caption)  # the saved file is now the one in use
    assert "number_of_orders" in set(at.dataframe[0].value["metric"])


def test_a_viewer_has_no_business_definitions_page(tmp_path: Path) -> None:
    (tmp_path / "secrets.toml").write_text('[app]\nrole = "viewer"\n')
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
