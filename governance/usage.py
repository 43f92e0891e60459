"""Usage from the audit log: questions per day, latency, tokens, and what the same tokens would have cost
on a hosted API (the case for running the model yourself)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Prices:
    """US dollars per 1,000 tokens on the hosted API to compare with."""

    prompt_per_1k: float = 0.0025
    completion_per_1k: float = 0.01


def daily_usage(entries: pd.DataFrame, prices: Prices) -> pd.DataFrame:
    """One row per day: questions, answered share (0 to 1), median and p95 seconds, tokens, hosted-API cost."""
    columns = ["day", "questions", "answered", "median_seconds", "p95_seconds", "prompt_tokens",
               "completion_tokens", "hosted_cost_usd"]  # fmt: skip
    asked = entries[entries["source"] == "question"] if not entries.empty else entries
    if asked.empty:
        return pd.DataFrame(columns=columns)
    # Answered: the query ran and returned rows. A query that ran and found nothing did not answer the question.
    with_rows = (asked["outcome"] == "answered") & (asked["rows"] > 0)
    days = asked.assign(day=asked["at"].dt.tz_convert("UTC").dt.date, with_rows=with_rows).groupby("day")
    table = pd.DataFrame(
        {
            "questions": days.size(),
            "answered": days["with_rows"].mean().astype(float),
            "median_seconds": days["seconds"].median(),
            "p95_seconds": days["seconds"].quantile(0.95),
            "prompt_tokens": days["prompt_tokens"].sum(),
            "completion_tokens": days["completion_tokens"].sum(),
        }
    ).reset_index()
    table["hosted_cost_usd"] = hosted_cost(table["prompt_tokens"], table["completion_tokens"], prices)
    return table[columns]


def hosted_cost(prompt_tokens: pd.Series | int, completion_tokens: pd.Series | int, prices: Prices):  # type: ignore[no-untyped-def]
    return prompt_tokens / 1000 * prices.prompt_per_1k + completion_tokens / 1000 * prices.completion_per_1k


def configured_prices() -> Prices:
    """`[usage] prompt_price_per_1k` and `completion_price_per_1k` in secrets.toml, else a GPT-4o-class price."""
    from settings import secrets

    section = secrets().get("usage", {})
    default = Prices()
    return Prices(
        prompt_per_1k=float(section.get("prompt_price_per_1k", default.prompt_per_1k)),
        completion_per_1k=float(section.get("completion_price_per_1k", default.completion_per_1k)),
    )
