"""The Usage page's cost comparison: the embedded model's zero, Bedrock's tokens, a SageMaker endpoint's hours."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from governance.usage import AwsPrices, Prices, backend_costs, configured_aws_prices
from settings import _read_toml


def daily(days: list[date], questions: list[int], prompt: list[int], completion: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"day": days, "questions": questions, "prompt_tokens": prompt, "completion_tokens": completion})


def test_bedrock_charges_tokens_and_sagemaker_every_hour_of_the_period() -> None:
    # Questions on the 1st and the 10th: the endpoint ran all ten days in between.
    usage = daily([date(2026, 3, 1), date(2026, 3, 10)], [30, 10], [120_000, 40_000], [6_000, 2_000])
    prices = AwsPrices(
        bedrock=Prices(prompt_per_1k=0.001, completion_per_1k=0.004),
        sagemaker_per_instance_hour=1.5,
        sagemaker_instances=2,
        sagemaker_hours_per_day=12,
    )
    costs = backend_costs(usage, prices).set_index("backend")
    assert costs.loc["Embedded (this machine)", "cost_usd"] == 0.0
    assert costs.loc["Bedrock", "cost_usd"] == pytest.approx(160 * 0.001 + 8 * 0.004)
    assert costs.loc["Bedrock", "cost_per_question_usd"] == pytest.approx((0.16 + 0.032) / 40)
    assert costs.loc["SageMaker endpoint", "cost_usd"] == pytest.approx(10 * 12 * 2 * 1.5)
    assert costs.loc["SageMaker endpoint", "cost_per_question_usd"] == pytest.approx(360 / 40)
    assert costs.loc["SageMaker endpoint", "basis"] == "240 instance-hours over 10 days at $1.500"
    assert costs.loc["Bedrock", "basis"] == "160,000 prompt and 8,000 completion tokens"


def test_one_day_and_no_questions() -> None:
    costs = backend_costs(daily([date(2026, 3, 1)], [4], [1000], [100]), AwsPrices()).set_index("backend")
    assert costs.loc["SageMaker endpoint", "cost_usd"] == pytest.approx(24 * 1.408)
    assert backend_costs(daily([], [], [], []), AwsPrices()).empty


def test_prices_come_from_the_usage_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[usage]\nbedrock_prompt_price_per_1k = 0.003\nbedrock_completion_price_per_1k = 0.015\n"
        "sagemaker_price_per_hour = 7.09\nsagemaker_instances = 2\nsagemaker_hours_per_day = 10\n"
    )
    monkeypatch.setenv("TABLETALK_SECRETS", str(secrets))
    _read_toml.cache_clear()
    assert configured_aws_prices() == AwsPrices(
        bedrock=Prices(prompt_per_1k=0.003, completion_per_1k=0.015),
        sagemaker_per_instance_hour=7.09,
        sagemaker_instances=2,
        sagemaker_hours_per_day=10,
    )
    secrets.write_text("")
    _read_toml.cache_clear()
    assert configured_aws_prices() == AwsPrices()
