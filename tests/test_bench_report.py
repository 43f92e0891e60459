"""The benchmark's summary counts the wrong answers that told the user to check them (no model)."""

from __future__ import annotations

from bench.report import markdown_table, summarize


def _record(correct: bool, outcome: str, caution: bool) -> dict:
    return {
        "correct": correct,
        "outcome": outcome,
        "caution": caution,
        "hardness": "hard",
        "seconds": 1.0,
        "prompt_tokens": 10,
        "completion_tokens": 5,
        "attempts": 1,
        "error": None if outcome == "answered" else "failed",
        "route": "sql",
    }


def test_wrong_answers_with_and_without_a_caution_are_counted() -> None:
    records = [
        _record(False, "answered", True),
        _record(False, "answered", False),
        _record(False, "failed", False),  # no answer shown: nothing to caution about
        _record(True, "answered", True),
    ]
    summary = summarize(records)
    assert (summary["wrong_with_caution"], summary["wrong_answered"], summary["right_with_caution"]) == (1, 2, 1)
    summary["baseline"] = summarize(records)
    assert "Wrong answers that said to check them: 1 of 2 answered wrong" in markdown_table(summary)
