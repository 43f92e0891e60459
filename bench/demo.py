"""Latency and correctness on the demo warehouse, as a business user meets them:

    python -m bench.demo [--db URL] [--out FILE.json] [--only business|analyst] [--limit N]

`--db` runs the same questions on another warehouse holding the demo's tables, such as the 1,000-table
one of `python -m bench.large_warehouse`.

Runs the business questions of the end-to-end tests and the analyst questions (growth, shares, per-order
averages, period comparisons, running totals, top-N per group, retention, durations; both lists in
tests/business_questions.py) through the chain in a fresh process and reports the first answer's time after
process start (model load included), and for each list p50/p95 seconds per question and how many answers
match the hand-written SQL; plus peak memory. `--only` runs one list, `--limit N` the first N of each.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import time
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from bench.execute import frame_rows
from bench.scoring import results_match
from settings import DEFINITIONS

if TYPE_CHECKING:
    from chains.sql_chain import SqlChain

PROCESS_START = time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.demo")
    parser.add_argument("--db", help="a warehouse holding the demo tables (default: the demo warehouse)")
    parser.add_argument("--out", type=Path, help="also write the numbers as JSON")
    parser.add_argument("--only", choices=sorted(QUESTION_LISTS), help="run only this list of questions")
    parser.add_argument("--limit", type=int, help="only the first N questions of each list")
    parser.add_argument(
        "--definitions",
        choices=DEFINITIONS,
        default="auto",
        help="business definitions: the written model, else the draft (auto); only a file; always the draft; off",
    )
    args = parser.parse_args()

    from chains.factory import build_chain
    from chains.llm.backends import model_id

    imported = time.perf_counter() - PROCESS_START
    chain = build_chain(args.db, definitions=args.definitions)
    lists = {name: load()[: args.limit] for name, load in QUESTION_LISTS.items() if args.only in (None, name)}
    results: dict[str, list[dict]] = {}
    first_answer = None
    for name, questions in lists.items():
        results[name] = []
        for question, gold_sql in questions:
            row = _ask(chain, question, gold_sql)
            first_answer = first_answer or time.perf_counter() - PROCESS_START
            results[name].append(row)
            print(f"{'right' if row['right'] else 'WRONG'} {row['seconds']:6.1f} s  [{name}] {question}", flush=True)
    every = [r for rows in results.values() for r in rows]
    summary = {
        "imports_s": round(imported, 1),
        "first_answer_after_start_s": round(first_answer or 0, 1),
        **{name: _list_summary(rows) for name, rows in results.items()},
        "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2),
        "model": model_id(chain.model),
        "warehouse": chain.warehouse.display_name,
        "definitions": args.definitions,
        "tables": len(chain.warehouse.schema().tables),
        "prompt_tokens_median": statistics.median(r["prompt_tokens"] for r in every),
        "retried": sum(r["attempts"] > 1 for r in every),
        "retried_right": sum(r["attempts"] > 1 and r["right"] for r in every),
        "stage_medians": stage_medians([r["timings"] for r in every]),
    }
    print(json.dumps(summary, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"summary": summary, "results": results}, indent=2))


def _business() -> list[tuple[str, str]]:
    from tests.business_questions import BUSINESS_QUESTIONS

    return BUSINESS_QUESTIONS


def _analyst() -> list[tuple[str, str]]:
    from tests.business_questions import ANALYST_QUESTIONS

    return ANALYST_QUESTIONS


QUESTION_LISTS = {"business": _business, "analyst": _analyst}


def _ask(chain: SqlChain, question: str, gold_sql: str) -> dict:
    from bench.scoring import order_matters

    started = time.perf_counter()
    answer = chain.ask(question)
    seconds = time.perf_counter() - started
    gold = chain.warehouse.run(gold_sql).data
    ordered = order_matters(gold_sql) and "limit" in gold_sql.lower()
    right = answer.ok and business_answer_matches(gold, answer.data, ordered)
    return {
        "question": question,
        "seconds": round(seconds, 2),
        "right": right,
        "sql": answer.sql,
        "outcome": str(answer.outcome),
        "route": answer.route,
        "prompt_tokens": answer.attempts[0].prompt_tokens if answer.attempts else 0,
        # the model's first reply before mending, for python -m bench.mending_replay --demo
        "first_reply": answer.attempts[0].raw_output if answer.attempts else None,
        "attempts": len(answer.attempts),
        "timings": {name: round(value, 3) for name, value in answer.timings.items()},
    }


def _list_summary(rows: list[dict]) -> dict:
    seconds = sorted(r["seconds"] for r in rows)
    return {
        "right": sum(r["right"] for r in rows),
        "questions": len(rows),
        "from_definitions": sum(r["route"] == "definitions" for r in rows),
        "asked_back": sum(r["outcome"] == "needs_clarification" for r in rows),
        "p50_s": round(statistics.median(seconds), 2),
        "p95_s": round(seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))], 2),
    }


def stage_medians(timings: list[dict[str, float]]) -> dict[str, float]:
    """Each stage's median over the answers (0 for an answer that skipped it): seconds, and token counts."""
    names = sorted({name for one in timings for name in one})
    return {name: round(statistics.median(one.get(name, 0.0) for one in timings), 3) for name in names}


def business_answer_matches(gold: pd.DataFrame, predicted: pd.DataFrame, ordered: bool) -> bool:
    """Right if the results are equal, or if the gold's columns come back row for row among the answer's.

    A business question leaves the labels' format open (a month may come back as 3, '2024-03' or a date) and
    so the gold's measures (its numeric columns) are what must come back; a gold of labels only ("which
    category grew the most") must come back as those labels, with any numbers shown beside them. A number
    rounded in the gold (to 1 or 2 decimals) is matched by the answer's number rounded the same way.
    """
    gold_rows, predicted_rows = comparable_rows(gold), comparable_rows(predicted)
    if results_match(gold_rows, predicted_rows, ordered):
        return True
    if not gold_rows or len(gold_rows) != len(predicted_rows):
        return False
    measures = [i for i in range(gold.shape[1]) if all(_is_number(r[i]) for r in gold_rows)]
    wanted = measures or list(range(gold.shape[1]))
    gold_part = [tuple(r[i] for i in wanted) for r in gold_rows]
    decimals = [_decimals(r[i] for r in gold_rows) for i in wanted]
    for chosen in itertools.permutations(range(predicted.shape[1]), len(wanted)):
        part = [tuple(r[i] for i in chosen) for r in predicted_rows]
        if results_match(gold_part, part, ordered) or results_match(gold_part, _rounded(part, decimals), ordered):
            return True
    return False


def _decimals(values: Iterable[object]) -> int | None:
    """The decimals a gold column was rounded to (1 or 2), or None when it is not a rounded number column."""
    places = set()
    for value in values:
        if not isinstance(value, float):
            return None
        text = repr(value)
        places.add(len(text.split(".")[1]) if "." in text and "e" not in text else 99)
    return max(places) if places and max(places) <= 2 else None


def _rounded(rows: list[tuple], decimals: list[int | None]) -> list[tuple]:
    return [
        tuple(round(v, d) if d is not None and _is_number(v) else v for v, d in zip(row, decimals, strict=True))
        for row in rows
    ]


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def comparable_rows(frame: pd.DataFrame) -> list[tuple]:
    """Plain Python rows; DuckDB's DECIMALs as floats, so SUM(decimal) and AVG(...) compare by value."""
    return [tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in frame_rows(frame)]


if __name__ == "__main__":
    main()
