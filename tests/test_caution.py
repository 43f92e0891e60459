"""An analyst question answered by the model's own SQL says, before its numbers, that it needs checking (no model:
the chain's model is a fixed reply, the warehouse and the page are real)."""

from __future__ import annotations

import pytest

from chains.caution import caution_for


@pytest.mark.parametrize(
    "question",
    [
        "What percentage of rentals came back late in 2025?",
        "Average basket size per member in each club",
        "How did revenue grow from 2024 to 2025?",
        "Show the running total of sign-ups by month",
        "How many days from joining to the first visit, on average?",
        "Revenue per club in 2025",
        "What was the churn rate of annual members?",
    ],
)
def test_an_analyst_question_gets_a_caution_naming_its_shape(question: str) -> None:
    caution = caution_for(question)
    assert caution.startswith("Check this answer before you rely on it")
    assert "Business definitions page" in caution


@pytest.mark.parametrize(
    "question",
    [
        "List our clubs in Riverton with their opening dates",
        "How many members joined in 2025?",
        "Which instructor teaches the most classes?",
        "What is 5 per cent of nothing",  # "per cent" is no per-entity split
    ],
)
def test_a_lookup_or_a_plain_count_gets_none(question: str) -> None:
    assert caution_for(question) == ""
