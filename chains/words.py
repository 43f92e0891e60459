"""Words as schema linking compares them: lower-case, split at underscores and camelCase, and cut to their
first letters, so that "orders" ~ "order_id" and "customers" ~ "CustomerName"."""

from __future__ import annotations

import re

from chains.stopwords import QUESTION_STOPWORDS

PREFIX = 4
_COUNTED = re.compile(r"\b(?:how many|number of|count of)\s+((?:\w+\s+){0,2}\w+)", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def question_words(question: str) -> set[str]:
    """The words of a question that can name data (no stopwords, none shorter than 3 letters)."""
    words = _WORD.findall(question.lower())
    return {w[:PREFIX] for w in words if len(w) >= 3 and w not in QUESTION_STOPWORDS}


def counted_words(question: str) -> set[str]:
    """The words of what a question counts: "templates" in "the number of templates for each type"."""
    return set().union(*(question_words(phrase) for phrase in _COUNTED.findall(question)))


def counted_heads(question: str) -> set[str]:
    """The first word of what a question counts: "employees" in "how many employees have children"."""
    return {phrase.split()[0].lower()[:PREFIX] for phrase in _COUNTED.findall(question)}


def name_words(name: str) -> set[str]:
    """The words of a table, column or comment text."""
    return {w[:PREFIX] for w in words_in_order(name) if len(w) >= 3}


def words_in_order(text: str) -> list[str]:
    """Every word of a name or text, lower-case, split at underscores and camelCase, in order."""
    return _WORD.findall(_CAMEL.sub(" ", text).replace("_", " ").lower())


# Superlatives of amount or size ("the most documents", "the largest horsepower"), and all the superlatives a
# question may rank by; regex alternations, to be wrapped in a group.
AMOUNT_SUPERLATIVES = "most|least|largest|smallest|greatest|highest|lowest|fewest|maximum|minimum|biggest"
SUPERLATIVES = AMOUNT_SUPERLATIVES + "|oldest|youngest|earliest|latest|longest|shortest|best|worst|top"

_DIRECTIONS = {
    "above": (
        "after",
        "since",
        "over",
        "above",
        "more than",
        "greater than",
        "later than",
        "higher than",
        "older than",
    ),
    "below": ("before", "under", "below", "less than", "fewer than", "earlier than", "lower than", "younger than"),
}
# Up to three words between the direction and the value ("under age 30", "above the age of 40"), none of
# them a word that starts another phrase ("over all orders in 2024" says nothing about 2024) or a period
# ("over the last 12 months" is a span of time, not a threshold).
_GAP = r"(?:\s+(?!(?:in|on|at|by|for|from|during|all|each|per|and|or|last|past|next|previous)\b)[a-z]+){0,3}"


def direction_before(question: str, value: str) -> str | None:
    """ "above" or "below" for the word the question puts before `value` ("after 2010", "less than 5", "under
    age 30"); None when there is none, or it is negated ("no more than 5")."""
    lowered = re.sub(r"\s+", " ", question.lower())
    at = lowered.find(value.lower()) if value else -1
    if at < 0:
        return None
    before = lowered[:at].rstrip(" '\"")
    for direction, words in _DIRECTIONS.items():
        for word in words:
            found = re.search(rf"(\w+\s+)?\b{word}{_GAP}$", before)
            if found and not re.search(r"\b(?:no|not)\s+$", found.group(1) or ""):
                return direction
    return None
