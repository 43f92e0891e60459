"""Summaries of a run and the side-by-side markdown table."""

from __future__ import annotations

import os
import platform
import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

HARDNESS = ("easy", "medium", "hard", "extra")


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
    }


def summarize(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """EX overall and per hardness, latency, tokens per question and counts for one system's records."""
    count = len(records)
    seconds = [r["seconds"] for r in records]
    labels = [*HARDNESS, *sorted({r["hardness"] for r in records} - set(HARDNESS))]
    by_hardness = {}
    for label in labels:
        subset = [r for r in records if r["hardness"] == label]
        correct = sum(r["correct"] for r in subset)
        by_hardness[label] = {"ex": correct / len(subset) if subset else None, "correct": correct, "count": len(subset)}
    return {
        "ex": sum(r["correct"] for r in records) / count if count else None,
        "correct": sum(r["correct"] for r in records),
        "count": count,
        # Right as a business user reads it: the gold's numbers among the answer's columns, rounded as the gold.
        "business_correct": sum(bool(r.get("business_correct", r["correct"])) for r in records),
        "ex_by_hardness": by_hardness,
        "median_seconds": statistics.median(seconds) if seconds else None,
        "p95_seconds": float(np.percentile(seconds, 95)) if seconds else None,
        "mean_prompt_tokens": _mean(r["prompt_tokens"] for r in records),
        "mean_completion_tokens": _mean(r["completion_tokens"] for r in records),
        "mean_attempts": _mean(r["attempts"] for r in records),
        "errors": sum(r["error"] is not None for r in records),
        "outcomes": dict(Counter(r["outcome"] for r in records)),
        "from_cache": sum(bool(r.get("cached")) for r in records),
        # Whether a re-try earns its time: answers that needed one, and how many of those are right.
        "retried": sum(r["attempts"] > 1 for r in records),
        "retried_right": sum(r["attempts"] > 1 and r["correct"] for r in records),
        "by_route": _by_route(records),
        # Doubt said out loud: wrong answers that told the user to check them, and right ones that did too.
        "wrong_with_caution": sum(not r["correct"] and bool(r.get("caution")) for r in records),
        "wrong_answered": sum(not r["correct"] and r["outcome"] == "answered" for r in records),
        "right_with_caution": sum(r["correct"] and bool(r.get("caution")) for r in records),
    }


def _by_route(records: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    routes: dict[str, dict[str, Any]] = {}
    for route in sorted({r.get("route") or "none" for r in records}):
        subset = [r for r in records if (r.get("route") or "none") == route]
        routes[route] = {
            "correct": sum(r["correct"] for r in subset),
            "business_correct": sum(bool(r.get("business_correct", r["correct"])) for r in subset),
            "count": len(subset),
            "median_seconds": statistics.median(r["seconds"] for r in subset),
        }
    return routes


def build_summary(
    app: Sequence[dict[str, Any]], baseline: Sequence[dict[str, Any]] | None, meta: dict[str, Any]
) -> dict[str, Any]:
    """The app's figures at the top level, the baseline's under "baseline", and app minus baseline."""
    summary: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **meta,
        **summarize(app),
    }
    if baseline is not None:
        summary["baseline"] = summarize(baseline)
        summary["difference"] = {
            "ex": _minus(summary["ex"], summary["baseline"]["ex"]),
            "median_seconds": _minus(summary["median_seconds"], summary["baseline"]["median_seconds"]),
        }
    return summary


def markdown_table(summary: dict[str, Any]) -> str:
    rows = [("app", summary)] + ([("baseline", summary["baseline"])] if "baseline" in summary else [])
    header = "| system | EX all | " + " | ".join(HARDNESS) + " | median s | p95 s | tokens/question (in + out) |"
    lines = [header, "|" + "---|" * (len(HARDNESS) + 5)]
    for name, figures in rows:
        cells = [
            name,
            _ex(figures["ex"], figures["correct"], figures["count"]),
            *(_ex(**figures["ex_by_hardness"][h]) for h in HARDNESS),
            _number(figures["median_seconds"], ".1f"),
            _number(figures["p95_seconds"], ".1f"),
            f"{_number(figures['mean_prompt_tokens'], '.0f')} + {_number(figures['mean_completion_tokens'], '.0f')}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        f"Right as a business user reads them (the gold's numbers among the answer's columns, rounded as the "
        f"gold's): app {summary['business_correct']}/{summary['count']}"
        + (f", baseline {summary['baseline']['business_correct']}" if "baseline" in summary else "")
        + "."
    )
    if summary.get("wrong_answered"):
        lines.append(
            f"Wrong answers that said to check them: {summary['wrong_with_caution']} of {summary['wrong_answered']} "
            f"answered wrong; right answers that said so too: {summary['right_with_caution']}."
        )
    if difference := summary.get("difference"):
        ex = difference["ex"]
        median = difference["median_seconds"]
        lines.append("")
        lines.append(
            "App minus baseline: EX "
            + ("n/a" if ex is None else f"{ex * 100:+.1f} points")
            + ", median "
            + ("n/a" if median is None else f"{median:+.1f} s")
            + " per question."
        )
    return "\n".join(lines)


def _ex(ex: float | None, correct: int, count: int) -> str:
    return "–" if ex is None else f"{ex * 100:.1f}% ({correct}/{count})"


def _number(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def _mean(values: Any) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b
