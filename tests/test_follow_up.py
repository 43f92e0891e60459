"""Which questions of a conversation build on the one before (SQL writing with the earlier turns) and which
stand alone (answered as at the start, the business definitions first)."""

from __future__ import annotations

import pytest

from chains.follow_up import builds_on_earlier


@pytest.mark.parametrize(
    "question",
    [
        "and in 2025?",
        "now only Europe",
        "What about last year?",
        "show those by month",
        "Split it by channel",
        "Sort them by revenue",
        "the same for the Corporate segment",
        "by region",
        "Only cancelled orders",
    ],
)
def test_a_question_that_continues_the_last_builds_on_it(question: str) -> None:
    assert builds_on_earlier(question)


@pytest.mark.parametrize(
    "question",
    [
        "What was revenue by region in 2024?",
        "Which product category grew the most from 2023 to 2024?",
        "How many sales reps beat their revenue target in Q4 2024?",
        "Average order value per month in 2025",
        "Show the running total of revenue through 2025, month by month",
        "By what percentage did revenue grow in 2025 compared with 2024?",
        "By how much did returns fall in 2025?",
    ],
)
def test_a_whole_question_stands_alone(question: str) -> None:
    assert not builds_on_earlier(question)
