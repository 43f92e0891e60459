"""Latency and correctness on the demo warehouse, as a business user meets them:

    python -m bench.demo [--db URL] [--out FILE.json]

`--db` runs the same questions on another warehouse holding the demo's tables, such as the 1,000-table
one of `python -m bench.large_warehouse`.

Runs the business questions of the end-to-end tests through the chain in a fresh process and reports
the first answer's time after process start (model load included), p50/p95 seconds per question,
peak memory, and how many answers match the hand-written SQL.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import time
from decimal import Decimal
from pathlib import Path

import pandas as pd

from bench.execute import frame_rows
from bench.scoring import results_match

PROCESS_START = time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.demo")
    parser.add_argument("--db", help="a warehouse holding the demo tables (default: the demo warehouse)")
    parser.add_argument("--out", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args()

    from bench.scoring import order_matters
    from chains.factory import build_chain
    from chains.llm.backends import model_id
    from tests.business_questions import BUSINESS_QUESTIONS

    imported = time.perf_counter() - PROCESS_START
    chain = build_chain(args.db)
    rows = []
    first_answer = None
    for question, gold_sql in BUSINESS_QUESTIONS:
        started = time.perf_counter()
        answer = chain.ask(question)
        seconds = time.perf_counter() - started
        first_answer = first_answer or time.perf_counter() - PROCESS_START
        gold = chain.warehouse.run(gold_sql).data
        ordered = order_matters(gold_sql) and "limit" in gold_sql.lower()
        right = answer.ok and business_answer_matches(gold, answer.data, ordered)
        rows.append(
            {
                "question": question,
                "seconds": round(seconds, 2),
                "right": right,
                "sql": answer.sql,
                "prompt_tokens": answer.attempts[0].prompt_tokens if answer.attempts else 0,
                "attempts": len(answer.attempts),
                "timings": {name: round(value, 3) for name, value in answer.timings.items()},
            }
        )
        print(f"{'right' if right else 'WRONG'} {seconds:6.1f} s  {question}", flush=True)
    seconds = sorted(r["seconds"] for r in rows)
    summary = {
        "imports_s": round(imported, 1),
        "first_answer_after_start_s": round(first_answer or 0, 1),
        "p50_s": round(statistics.median(seconds), 2),
        "p95_s": round(seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))], 2),
        "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2),
        "right": sum(r["right"] for r in rows),
        "questions": len(rows),
        "model": model_id(chain.model),
        "warehouse": chain.warehouse.display_name,
        "tables": len(chain.warehouse.schema().tables),
        "prompt_tokens_median": statistics.median(r["prompt_tokens"] for r in rows),
        "retried": sum(r["attempts"] > 1 for r in rows),
        "retried_right": sum(r["attempts"] > 1 and r["right"] for r in rows),
        "stage_medians": stage_medians([r["timings"] for r in rows]),
    }
    print(json.dumps(summary, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"summary": summary, "results": rows}, indent=2))


def stage_medians(timings: list[dict[str, float]]) -> dict[str, float]:
    """Each stage's median over the answers (0 for an answer that skipped it): seconds, and token counts."""
    names = sorted({name for one in timings for name in one})
    return {name: round(statistics.median(one.get(name, 0.0) for one in timings), 3) for name in names}


def business_answer_matches(gold: pd.DataFrame, predicted: pd.DataFrame, ordered: bool) -> bool:
    """Right if the results are equal, or if the gold's measures (its numeric columns) come back row for row.

    A business question leaves the labels' format open: a month may come back as 3, '2024-03' or a date,
    and all are right answers; the numbers the question asks for are not open.
    """
    gold_rows, predicted_rows = comparable_rows(gold), comparable_rows(predicted)
    if results_match(gold_rows, predicted_rows, ordered):
        return True
    measures = [i for i in range(gold.shape[1]) if gold_rows and all(_is_number(r[i]) for r in gold_rows)]
    if not measures or len(gold_rows) != len(predicted_rows):
        return False
    gold_measures = [tuple(r[i] for i in measures) for r in gold_rows]
    return any(
        results_match(gold_measures, [tuple(r[i] for i in chosen) for r in predicted_rows], ordered)
        for chosen in itertools.permutations(range(predicted.shape[1]), len(measures))
    )


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def comparable_rows(frame: pd.DataFrame) -> list[tuple]:
    """Plain Python rows; DuckDB's DECIMALs as floats, so SUM(decimal) and AVG(...) compare by value."""
    return [tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in frame_rows(frame)]


if __name__ == "__main__":
    main()
