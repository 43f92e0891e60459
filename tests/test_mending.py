"""Mending as a registry of named rules: each rule's fixture, the record of every change, the safety corpus,
the `python -m chains mend` command, and the change shown on the Answer, in the audit log and in the chat."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from chains.__main__ import answer_json
from chains.__main__ import main as chains_main
from chains.answer import Answer, Attempt
from chains.mending import RULES, RULES_BY_ID, Kind, MendContext, Rule, described, mend, rules_without
from chains.query_runner import QueryRunner
from chains.warehouses import open_warehouse
from charts.choose import ChartSpec
from connectors.warehouse import Warehouse
from store.audit import AuditEntry, AuditLog
from store.database import open_app_database
from tests.mending_corpus.check import Outcome, cases, run_corpus
from tests.mending_corpus.fixtures import RULE_FIXTURES
from tests.mending_corpus.queries import CORPUS
from tests.mending_corpus.warehouses import SHAPES, build
from ui.adjustments import ADJUSTED
from ui.history import HISTORY_KEY, Exchange

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mending-corpus")


@pytest.fixture(scope="module")
def shapes(corpus_dir: Path) -> Iterator[dict[str, Warehouse]]:
    found = {shape: Warehouse(f"sqlite:///{build(shape, corpus_dir)}") for shape in SHAPES}
    yield found
    for warehouse in found.values():
        warehouse.close()


def _context(warehouse: Warehouse, question: str) -> MendContext:
    return MendContext(warehouse.schema(), question, warehouse.text_values())


def test_every_rule_has_an_id_a_kind_a_one_line_description_and_a_fixture() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z]+(-[a-z]+)*", i) for i in ids)
    assert all(rule.kind in (Kind.SQL, Kind.WORDING) for rule in RULES)
    assert all(rule.description and "\n" not in rule.description and len(rule.description) < 90 for rule in RULES)
    assert sorted(fixture[0] for fixture in RULE_FIXTURES) == sorted(ids)


@pytest.mark.parametrize(
    ("rule", "shape", "question", "sql", "expected"), RULE_FIXTURES, ids=[f[0] for f in RULE_FIXTURES]
)
def test_each_rule_mends_its_fixture_into_sql_that_runs(
    shapes: dict[str, Warehouse], rule: str, shape: str, question: str, sql: str, expected: str
) -> None:
    warehouse = shapes[shape]
    assert RULES_BY_ID[rule].apply(sql, _context(warehouse, question)) == expected
    warehouse.run(expected)  # raises if the mended SQL does not run
    assert RULES_BY_ID[rule].apply(expected, _context(warehouse, question)) in (None, expected)


def test_mend_records_each_firing_with_the_sql_before_and_after(shapes: dict[str, Warehouse]) -> None:
    sql = "SELECT o.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = c.customer_id"
    mended = mend(sql, _context(shapes["retail"], "Orders with customer names"))
    assert [change.rule for change in mended.changes] == ["self-joins"]
    assert mended.changes[0].before == sql and mended.changes[-1].after == mended.sql
    assert mended.changes[0].as_dict()["description"] == RULES_BY_ID["self-joins"].description
    untouched = "SELECT COUNT(*) FROM customers"
    assert mend(untouched, _context(shapes["retail"], "How many customers?")).changes == []


def test_a_rule_left_out_does_not_fire(shapes: dict[str, Warehouse]) -> None:
    sql = "SELECT name FROM customers WHERE state = 'Fresno'"
    context = _context(shapes["retail"], "Which customers live in Fresno?")
    assert mend(sql, context).sql == "SELECT name FROM customers WHERE city = 'Fresno'"
    assert mend(sql, context, rules_without({"value-in-wrong-column"})).sql == sql
    with pytest.raises(ValueError, match="no-such-rule"):
        rules_without({"no-such-rule"})


def test_a_failing_rule_is_logged_and_skipped_not_swallowed(
    shapes: dict[str, Warehouse], caplog: pytest.LogCaptureFixture
) -> None:
    def broken(sql: str, context: MendContext) -> str | None:
        raise RuntimeError("rule bug")

    rules = (Rule("broken", Kind.SQL, "breaks", broken), RULES_BY_ID["self-joins"])
    sql = "SELECT o.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = c.customer_id"
    with caplog.at_level(logging.WARNING, logger="chains.mending.mend"):
        mended = mend(sql, _context(shapes["retail"], ""), rules)
    assert [change.rule for change in mended.changes] == ["self-joins"]
    assert "broken" in caplog.text and "rule bug" in caplog.text


def test_a_rule_that_only_rewrites_the_layout_changes_nothing(shapes: dict[str, Warehouse]) -> None:
    relaid = Rule("relay", Kind.SQL, "relays", lambda sql, _context: sql.replace(" c ", " AS c "))
    sql = "SELECT c.name FROM customers c WHERE c.state = 'Texas'"
    assert mend(sql, _context(shapes["retail"], ""), (relaid,)).changes == []


def test_the_corpus_is_large_and_holds_the_issue_examples() -> None:
    all_cases = list(cases())
    assert len(all_cases) >= 150 and {case.shape for case in all_cases} == {"demo", *CORPUS}
    questions = {case.question for case in all_cases}
    for example in (
        "How many papers were published in the journal nature in 2020?",
        "Which course has the highest number of enrolled students, and what is the enrollment number?",
        "Which papers cite paper 5?",
        "Find the first name of the students who do have pets",
        "For each employee with a job history, show their first name and when their first job started",
        "What are the top 2 airlines with the most flights?",
        "Which customers have purchased anything?",
        "How many items did each customer buy?",
        "Show the orders from customers in California and Texas",
        "Which customers signed up over the last 12 months?",
    ):
        assert example in questions


def test_mending_leaves_every_correct_query_of_the_corpus_answering_the_same(corpus_dir: Path) -> None:
    outcomes: list[Outcome] = list(run_corpus(corpus_dir))
    changed = [
        f"{o.case.shape}: {o.case.question}\n  {o.case.sql}\n  -> {o.mended.sql} ({[c.rule for c in o.mended.changes]})"
        for o in outcomes
        if not o.same_answer
    ]
    assert not changed, "\n".join(changed)


def test_the_mend_command_prints_the_sql_and_its_changes_as_json(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _cli_db(corpus_dir)
    sql = "SELECT name FROM customers WHERE state = 'Fresno'"
    assert chains_main(["mend", "--db", url, "--question", "Who lives in Fresno?", "--json", sql]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["sql"] == "SELECT name FROM customers WHERE city = 'Fresno'" and printed["model_sql"] == sql
    assert [c["rule"] for c in printed["changes"]] == ["value-in-wrong-column"]
    assert printed["changes"][0]["before"] == sql


def test_the_mend_command_reads_a_batch_of_jsonl_in_one_process(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "question": "How many customers?", "sql": "SELECT COUNT(*) FROM customers"})
        + "\n\n"
        + json.dumps({"id": 7, "question": "Who?", "sql": "SELECT name FROM customers WHERE state = 'Fresno'"})
        + "\nnot json\n"
    )
    assert chains_main(["mend", "--db", _cli_db(corpus_dir), "--batch", str(batch)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["a", 7, None]
    assert lines[0] == {"id": "a", "sql": "SELECT COUNT(*) FROM customers", "changes": []}
    assert lines[1]["sql"] == "SELECT name FROM customers WHERE city = 'Fresno'"
    assert [c["rule"] for c in lines[1]["changes"]] == ["value-in-wrong-column"]
    assert "error" in lines[2] and lines[2]["line"] == 4


def test_the_mend_command_names_the_rules_when_one_is_unknown(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert chains_main(["mend", "--db", _cli_db(corpus_dir), "--without", "nope", "SELECT 1"]) == 2
    assert "self-joins" in capsys.readouterr().err


def _cli_db(corpus_dir: Path) -> str:
    directory = corpus_dir / "cli"
    directory.mkdir(exist_ok=True)
    path = directory / "retail.sqlite"
    return f"sqlite:///{path if path.exists() else build('retail', directory)}"


def _adjusted_answer() -> Answer:
    """A demo-warehouse answer whose model SQL one rule changed, as the chain records it."""
    model_sql = (
        "SELECT customer_id, COUNT(*) AS orders FROM orders JOIN customers ON orders.customer_id = "
        "customers.customer_id GROUP BY customer_id ORDER BY orders DESC LIMIT 3"
    )
    warehouse = open_warehouse()
    mended = mend(model_sql, MendContext(warehouse.schema(), "Who ordered most?"))
    assert mended.changed
    answer = QueryRunner(warehouse).run_sql(mended.sql, question="Who ordered most?")
    assert answer.ok
    answer.attempts.append(Attempt("```sql\n" + model_sql + "\n```", mended.sql, None, 1.0, model_sql=model_sql,
                                   changes=mended.changes))  # fmt: skip
    return answer


def test_the_answer_keeps_the_model_sql_and_the_changes_of_the_sql_that_ran() -> None:
    answer = _adjusted_answer()
    assert answer.model_sql != answer.sql and answer.changes and answer.changes[-1].after == answer.sql
    person = QueryRunner(open_warehouse()).run_sql("SELECT COUNT(*) FROM orders", question="Orders?")
    assert person.ok and person.changes == [] and person.model_sql == person.sql


def test_the_ask_commands_json_carries_the_model_sql_and_the_changes() -> None:
    answer = _adjusted_answer()
    printed = json.loads(json.dumps(answer_json(answer), default=str))
    assert printed["model_sql"] == answer.model_sql and printed["sql"] == answer.sql
    assert [c["rule"] for c in printed["changes"]] == [c.rule for c in answer.changes]
    assert printed["changes"][0]["description"] == answer.changes[0].description


def test_a_repair_by_the_check_is_recorded_too() -> None:
    written = "SELECT ol.order_date FROM order_lines ol LIMIT 1"  # the date is on orders
    answer = QueryRunner(open_warehouse()).run_sql(written, question="When?")
    assert answer.ok and "JOIN orders" in answer.sql
    assert [(c.rule, c.before) for c in answer.changes] == [("misplaced-columns", written)]
    assert answer.model_sql == written


def test_the_audit_log_carries_the_model_sql_and_the_changes(tmp_path: Path) -> None:
    log = AuditLog(open_app_database(f"sqlite:///{tmp_path / 'app.sqlite'}").engine)
    changes = json.dumps([{"rule": "self-joins", "before": "a", "after": "b"}])
    log.record(
        AuditEntry(
            "ana",
            "analyst",
            "Demo warehouse",
            "question",
            "Q?",
            "b",
            "answered",
            None,
            1,
            0.5,
            model_sql="a",
            changes=changes,
        )  # fmt: skip
    )
    [entry] = log.entries().to_dict("records")
    assert entry["model_sql"] == "a" and json.loads(entry["changes"])[0]["rule"] == "self-joins"


def test_the_chat_says_what_was_adjusted_with_the_model_sql_one_click_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TABLETALK_SECRETS", str(tmp_path / "secrets.toml"))
    monkeypatch.setenv("TABLETALK_APP_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")
    for variable in ("DB_URL", "MODEL_BACKEND", "MODEL_URL"):
        monkeypatch.delenv(f"TABLETALK_{variable}", raising=False)
    answer = _adjusted_answer()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[HISTORY_KEY] = [Exchange(1, answer.question, answer, "Demo warehouse", None, ChartSpec("table"))]
    at.run()
    assert not at.exception, at.exception
    captions = [str(c.value) for c in at.main.get("caption")]
    adjusted = [c for c in captions if c.startswith(ADJUSTED)]
    assert adjusted == [ADJUSTED + described(answer.changes)]
    assert RULES_BY_ID["ambiguous-columns"].description in adjusted[0]
    assert "The model's own SQL" in [e.label for e in at.main.get("expander")]
    assert answer.model_sql in [str(c.value) for c in at.main.get("code")]
