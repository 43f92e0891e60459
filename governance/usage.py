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


@dataclass(frozen=True)
class AwsPrices:
    """US dollars on the AWS backends. The defaults are examples (Llama 3.1 8B Instruct on Bedrock, one
    ml.g5.xlarge real-time endpoint, us-east-1 list prices): set your region's and model's in [usage]."""

    bedrock: Prices = Prices(prompt_per_1k=0.00022, completion_per_1k=0.00022)
    sagemaker_per_instance_hour: float = 1.408
    sagemaker_instances: int = 1
    sagemaker_hours_per_day: float = 24.0  # less when the endpoint is scheduled down at night


def backend_costs(daily: pd.DataFrame, prices: AwsPrices) -> pd.DataFrame:
    """What the period's questions cost on each backend, in total and per question.

    The embedded model has no per-token or per-hour charge. Bedrock charges the tokens. A SageMaker endpoint
    charges its instance-hours for every day of the period, whether or not anyone asks: its cost per question
    falls as more questions share those hours."""
    columns = ["backend", "basis", "cost_usd", "cost_per_question_usd"]
    if daily.empty:
        return pd.DataFrame(columns=columns)
    questions = int(daily["questions"].sum())
    prompt, completion = int(daily["prompt_tokens"].sum()), int(daily["completion_tokens"].sum())
    days = (max(daily["day"]) - min(daily["day"])).days + 1
    hours = days * prices.sagemaker_hours_per_day * prices.sagemaker_instances
    rows = [
        ("Embedded (this machine)", "no charge per token or per hour", 0.0),
        (
            "Bedrock",
            f"{prompt:,} prompt and {completion:,} completion tokens",
            float(hosted_cost(prompt, completion, prices.bedrock)),
        ),
        (
            "SageMaker endpoint",
            f"{hours:,.0f} instance-hours over {days} days at ${prices.sagemaker_per_instance_hour:,.3f}",
            hours * prices.sagemaker_per_instance_hour,
        ),
    ]
    table = pd.DataFrame(rows, columns=columns[:3])
    table["cost_per_question_usd"] = table["cost_usd"] / questions
    return table


def configured_aws_prices() -> AwsPrices:
    """`[usage] bedrock_prompt_price_per_1k`, `bedrock_completion_price_per_1k`, `sagemaker_price_per_hour`,
    `sagemaker_instances` and `sagemaker_hours_per_day` in secrets.toml, else the examples."""
    from settings import secrets

    section = secrets().get("usage", {})
    default = AwsPrices()
    return AwsPrices(
        bedrock=Prices(
            prompt_per_1k=float(section.get("bedrock_prompt_price_per_1k", default.bedrock.prompt_per_1k)),
            completion_per_1k=float(section.get("bedrock_completion_price_per_1k", default.bedrock.completion_per_1k)),
        ),
        sagemaker_per_instance_hour=float(section.get("sagemaker_price_per_hour", default.sagemaker_per_instance_hour)),
        sagemaker_instances=int(section.get("sagemaker_instances", default.sagemaker_instances)),
        sagemaker_hours_per_day=float(section.get("sagemaker_hours_per_day", default.sagemaker_hours_per_day)),
    )
