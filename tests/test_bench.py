"""The benchmark: execution-accuracy scoring, the run loop and its cache, and the CLI end to end."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bench.app import AppSystem
from bench.baseline import BaselineSystem, clean_sql
from bench.cache import ResultCache
from bench.dataset import load_questions
from bench.execute import ExecutionError, frame_rows, run_readonly
from bench.runner import contender, run_benchmark
from bench.scoring import business_rows_match, business_score, order_matters, results_match, run_gold, score
from settings import PROJECT_ROOT

SPIDER = PROJECT_ROOT.parent / "shared" / "eval" / "spider_public"

SINGERS = [(1, "Ana", "France", 30), (2, "Ben", "Spain", 25), (3, "Chloé", "France", 41), (4, "Dev", "India", 25)]
QUESTIONS = [
    {
        "id": "t-1",
        "db_id": "music",
        "question": "How many singers are there?",
        "gold_sql": "SELECT count(*) FROM singer",
    },
    {
        "id": "t-2",
        "db_id": "music",
        "question": "List the names of all singers from the oldest to the youngest.",
        "gold_sql": "SELECT name FROM singer ORDER BY age DESC",
        "hardness": "medium",
    },
    {
        "id": "t-3",
        "db_id": "music",
        "question": "What is the average age of singers from France?",
        "gold_sql": ["SELECT avg(age) FROM singer WHERE country = 'France'", "SELECT 35.5"],
        "instructions": "Answer with one number.",
        "hardness": "easy",
    },
]


@pytest.fixture
def tiny_dataset(tmp_path: Path) -> Path:
    root = tmp_path / "tiny"
    (root / "database" / "music").mkdir(parents=True)
    with sqlite3.connect(root / "database" / "music" / "music.sqlite") as connection:
        connection.execute("CREATE TABLE singer (singer_id INTEGER PRIMARY KEY, name TEXT, country TEXT, age INTEGER)")
        connection.executemany("INSERT INTO singer VALUES (?, ?, ?, ?)", SINGERS)
    connection.close()
    (root / "questions.json").write_text(json.dumps(QUESTIONS))
    return root


# --- scoring ---------------------------------------------------------------------------------------------------


def test_the_same_result_is_right_and_a_different_one_wrong() -> None:
    gold = [(1, "a"), (2, "b")]
    assert results_match(gold, [(1, "a"), (2, "b")], ordered=False)
    assert not results_match(gold, [(1, "a"), (2, "c")], ordered=False)
    assert not results_match(gold, [(1, "a")], ordered=False)
    assert not results_match(gold, [(1, "a", 0), (2, "b", 0)], ordered=False), "an extra column is wrong"


def test_columns_may_come_in_any_order_but_rows_stay_aligned() -> None:
    gold = [(1, "a", 10.0), (2, "b", 20.0)]
    assert results_match(gold, [("a", 10.0, 1), ("b", 20.0, 2)], ordered=False)
    assert results_match(gold, [(20.0, 2, "b"), (10.0, 1, "a")], ordered=False)
    # Each column holds the right values, but paired with the wrong rows.
    assert not results_match(gold, [("a", 20.0, 1), ("b", 10.0, 2)], ordered=False)


def test_identical_columns_are_interchangeable() -> None:
    gold = [(1, 1, "x"), (2, 2, "y")]
    assert results_match(gold, [("x", 1, 1), ("y", 2, 2)], ordered=True)


def test_row_order_counts_only_when_gold_has_a_top_level_order_by() -> None:
    gold = [("Chloé",), ("Ana",), ("Ben",)]
    shuffled = [("Ana",), ("Ben",), ("Chloé",)]
    assert results_match(gold, shuffled, ordered=False)
    assert not results_match(gold, shuffled, ordered=True)
    assert order_matters("SELECT name FROM singer ORDER BY age DESC")
    assert order_matters("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1")
    assert not order_matters("SELECT name FROM singer WHERE age = (SELECT age FROM singer ORDER BY age LIMIT 1)")
    assert not order_matters("SELECT name FROM singer")


def test_numbers_compare_with_a_tolerance_and_across_int_and_float() -> None:
    assert results_match([(3,)], [(3.0,)], ordered=False)
    assert results_match([(0.1 + 0.2,)], [(0.3,)], ordered=False)
    assert results_match([(35.5, "France")], [("France", 35.50000001)], ordered=False)
    assert not results_match([(35.5,)], [(35.6,)], ordered=False)
    assert not results_match([(3,)], [("3",)], ordered=False), "a number is not its text"
    assert not results_match([(None,)], [(0,)], ordered=False)


def test_duplicates_count() -> None:
    assert not results_match([(1,), (1,), (2,)], [(1,), (2,), (2,)], ordered=False)
    assert not results_match([(1,), (2,)], [(1,), (1,), (2,)], ordered=False)
    assert results_match([(1,), (2,), (1,)], [(2,), (1,), (1,)], ordered=False)


def test_two_empty_results_match_as_in_spider() -> None:
    assert results_match([], [], ordered=True)
    assert not results_match([(1,)], [], ordered=False)


def test_an_error_is_wrong_and_any_acceptable_gold_query_counts(tiny_dataset: Path) -> None:
    db = tiny_dataset / "database" / "music" / "music.sqlite"
    golds = [run_gold(db, "SELECT count(*) FROM singer", 5), run_gold(db, "SELECT 4.0", 5)]
    assert score(golds, [(4,)], None) == (True, None)
    assert score(golds[1:], [(4,)], None) == (True, None)
    assert score(golds, [(3,)], None) == (False, None)
    assert score(golds, None, "no such column: nam") == (False, "no such column: nam")
    with pytest.raises(ExecutionError, match="no such column"):
        run_readonly(db, "SELECT nam FROM singer", 5)
    with pytest.raises(ExecutionError, match="longer than"):
        run_readonly(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n", 0.2)
    failed_gold = [run_gold(db, "SELECT nope FROM singer", 5)]
    assert score(failed_gold, [(4,)], None)[0] is False


def test_dataframes_come_back_as_plain_python_rows() -> None:
    frame = pd.DataFrame({"n": [1, 2], "x": [1.5, float("nan")], "s": ["a", None]})
    rows = frame_rows(frame)
    assert rows == [(1, 1.5, "a"), (2, None, None)]
    assert all(type(v) in (int, float, str, type(None)) for row in rows for v in row)


def test_baseline_clean_up_is_the_tutorial_minimum() -> None:
    assert clean_sql(" SELECT 1 ") == "SELECT 1"
    assert clean_sql("SQLQuery: SELECT 1\nSQLResult: [(1,)]\nAnswer: 1") == "SELECT 1"
    assert clean_sql('Question: x\nSQLQuery: ```sql\nSELECT "a" FROM t\n```') == 'SELECT "a" FROM t'


# --- the run loop, with a scripted model -------------------------------------------------------------------------


def test_run_scores_both_systems_in_question_order_and_resumes_from_the_cache(tiny_dataset: Path) -> None:
    questions = load_questions(tiny_dataset)
    assert questions[2].prompt_text == "What is the average age of singers from France?\n(Answer with one number.)"
    model = FakeListChatModel(responses=["```sql\nSELECT count(*) FROM singer\n```"])
    contenders = [
        contender("app", AppSystem(model), ["bench/app.py"], "fake", "test"),
        contender("baseline", BaselineSystem(model), ["bench/baseline.py"], "fake", "test"),
    ]
    cache_file = tiny_dataset.parent / "run.cache.jsonl"
    results = run_benchmark(questions, contenders, ResultCache(cache_file), progress=False)
    for name in ("app", "baseline"):
        assert [r["id"] for r in results[name]] == ["t-1", "t-2", "t-3"]
        assert [r["correct"] for r in results[name]] == [True, False, False]
        assert not any(r["cached"] for r in results[name])
    assert results["app"][0]["sql"] == "SELECT count(*) FROM singer"

    again = run_benchmark(questions, contenders, ResultCache(cache_file), progress=False)
    assert all(r["cached"] for name in again for r in again[name])
    assert [r["correct"] for r in again["app"]] == [True, False, False]


# --- the command line with the real model ------------------------------------------------------------------------


def _bench(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench", *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.mark.model
def test_cli_on_a_tiny_dataset_writes_results_and_prints_the_table(tiny_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "results" / "tiny.json"
    run = _bench(["--dataset", str(tiny_dataset), "--baseline", "--out", str(out)], PROJECT_ROOT)
    assert run.returncode == 0, run.stderr
    report = json.loads(out.read_text())
    summary = report["summary"]
    for key in ("ex", "ex_by_hardness", "median_seconds", "p95_seconds", "mean_prompt_tokens", "model", "backend"):
        assert key in summary
    assert summary["machine"]["cores"] >= 1
    assert summary["baseline"]["count"] == 3
    assert [r["id"] for r in report["results"]] == ["t-1", "t-2", "t-3"]
    for record in report["results"] + report["baseline_results"]:
        for key in ("id", "db_id", "hardness", "question", "sql", "correct", "seconds", "attempts", "error"):
            assert key in record
        assert record["prompt_tokens"] > 0
    assert "| app |" in run.stdout and "| baseline |" in run.stdout
    assert (tmp_path / "results" / "tiny.json.cache.jsonl").is_file()


@pytest.mark.model
@pytest.mark.skipif(not SPIDER.is_dir(), reason="the shared Spider eval set is not on this machine")
def test_cli_reads_the_shared_spider_set_by_a_relative_path(tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("spider-dev-0\n# a comment\nspider-dev-1\n")
    out = tmp_path / "spider.json"
    dataset = Path("..") / "shared" / "eval" / "spider_public"
    arguments = ["--dataset", str(dataset), "--ids", str(ids), "--without", "value-hints", "--out", str(out)]
    run = _bench(arguments, PROJECT_ROOT)
    assert run.returncode == 0, run.stderr
    report = json.loads(out.read_text())
    assert [r["id"] for r in report["results"]] == ["spider-dev-0", "spider-dev-1"]
    assert report["summary"]["count"] == 2
    assert report["summary"]["without"] == ["value-hints"]
    assert report["baseline_results"] == []


def test_business_answers_may_format_labels_but_not_measures() -> None:
    import pandas as pd

    from bench.demo import business_answer_matches

    gold = pd.DataFrame({"month": ["2024-01", "2024-02"], "orders": [10, 12]})
    assert business_answer_matches(gold, pd.DataFrame({"m": [1, 2], "n": [10, 12]}), ordered=False)
    assert business_answer_matches(gold, pd.DataFrame({"n": [12, 10], "m": [2, 1]}), ordered=False)
    assert not business_answer_matches(gold, pd.DataFrame({"m": [1, 2], "n": [10, 13]}), ordered=False)
    assert not business_answer_matches(gold, pd.DataFrame({"m": [1], "n": [10]}), ordered=False)


def test_the_business_score_reads_the_gold_as_a_business_user_does(tiny_dataset: Path) -> None:
    """Beside Spider's strict score: the gold's rounded number found among the answer's columns is right."""
    db = tiny_dataset / "database" / "music" / "music.sqlite"
    gold_sql = ["SELECT ROUND(AVG(age), 1) FROM singer"]
    golds = [run_gold(db, sql, 5) for sql in gold_sql]
    (exact,) = run_readonly(db, "SELECT AVG(age) FROM singer", 5)[0]
    assert round(exact, 1) != exact, "the fixture's average must need rounding for this test to mean anything"
    assert not score(golds, [(exact,)], None)[0]
    assert business_score(golds, gold_sql, [(exact,)])
    assert business_score(golds, gold_sql, [("all singers", exact)])
    assert not business_score(golds, gold_sql, [(exact + 1,)])
    assert not business_score(golds, gold_sql, None)
    rate = [(0.0934,)]  # ROUND(AVG(discount), 4)
    assert business_rows_match(rate, [(0.093363,)], ordered=False)
    assert not business_rows_match(rate, [(0.09351,)], ordered=False)


def test_the_browser_bench_counts_the_cpu_seconds_a_process_spends() -> None:
    """bench.browser splits the cores between the app and Chromium from /proc: a busy process must show up."""
    from bench.browser import CpuMeter, cpu_seconds

    spin = "import time\nend = time.time() + 1.5\nwhile time.time() < end: pass"
    busy = subprocess.Popen([sys.executable, "-c", spin])
    meter = CpuMeter(busy.pid)
    meter.start()
    time.sleep(1.0)
    assert meter.since_start()["app_cpu_s"] >= 0.5
    busy.wait()
    assert cpu_seconds(busy.pid) == 0.0  # gone from /proc
