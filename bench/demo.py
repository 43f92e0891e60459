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
import json
import resource
import statistics
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from bench.execute import frame_rows
from bench.scoring import business_rows_match
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
    from bench.scoring import business_order_matters

    started = time.perf_counter()
    answer = chain.ask(question)
    seconds = time.perf_counter() - started
    gold = chain.warehouse.run(gold_sql).data
    ordered = business_order_matters(gold_sql)
    right = answer.ok and business_answer_matches(gold, answer.data, ordered)
    return {
        "question": question,
        "seconds": round(seconds, 2),
        "right": right,
        "sql": answer.sql,
        "outcome": str(answer.outcome),
        "route": answer.route,
        "explanation": answer.explanation or "",
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
        # The worst case for a business user: an answer given, and wrong.
        "answered_wrong": sum(r["outcome"] == "answered" and not r["right"] for r in rows),
        "p50_s": round(statistics.median(seconds), 2),
        "p95_s": round(seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))], 2),
    }


def stage_medians(timings: list[dict[str, float]]) -> dict[str, float]:
    """Each stage's median over the answers (0 for an answer that skipped it): seconds, and token counts."""
    names = sorted({name for one in timings for name in one})
    return {name: round(statistics.median(one.get(name, 0.0) for one in timings), 3) for name in names}


def business_answer_matches(gold: pd.DataFrame, predicted: pd.DataFrame, ordered: bool) -> bool:
    """See `bench.scoring.business_rows_match`."""
    return business_rows_match(comparable_rows(gold), comparable_rows(predicted), ordered)


def comparable_rows(frame: pd.DataFrame) -> list[tuple]:
    """Plain Python rows; DuckDB's DECIMALs as floats, so SUM(decimal) and AVG(...) compare by value."""
    return [tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in frame_rows(frame)]


if __name__ == "__main__":
    main()
