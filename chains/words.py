"""Words as schema linking compares them: lower-case, split at underscores and camelCase, and cut to their
first letters, so that "orders" ~ "order_id" and "customers" ~ "CustomerName"."""

from __future__ import annotations

import re

from chains.stopwords import QUESTION_STOPWORDS

PREFIX = 4
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def question_words(question: str) -> set[str]:
    """The words of a question that can name data (no stopwords, none shorter than 3 letters)."""
    words = _WORD.findall(question.lower())
    return {w[:PREFIX] for w in words if len(w) >= 3 and w not in QUESTION_STOPWORDS}


def name_words(name: str) -> set[str]:
    """The words of a table, column or comment text."""
    spaced = _CAMEL.sub(" ", name).replace("_", " ").lower()
    return {w[:PREFIX] for w in _WORD.findall(spaced) if len(w) >= 3}
