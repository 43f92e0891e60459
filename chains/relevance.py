"""Is the question about this warehouse at all? A cheap word check first; only a question that shares no
word with the schema's names and descriptions is put to the model as a yes/no question."""

from __future__ import annotations

import re
from functools import lru_cache

from chains.stopwords import QUESTION_STOPWORDS
from connectors.schema import Schema

PREFIX = 4  # words compare by their first letters: "singers" ~ "singer", "sales" ~ "sale_id"
_WORD = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
RELEVANCE_QUESTION = 'Can the tables above answer this question: "{question}"? Reply with YES or NO only.'


def shares_no_word_with(question: str, schema: Schema) -> bool:
    """True when the question has content words and none of them appears in the schema's vocabulary."""
    words = {w[:PREFIX] for w in _WORD.findall(question.lower()) if len(w) >= 3 and w not in QUESTION_STOPWORDS}
    return bool(words) and not words & _vocabulary(schema)


@lru_cache(maxsize=32)
def _vocabulary(schema: Schema) -> frozenset[str]:
    texts = [t.name for t in schema.tables] + [t.comment or "" for t in schema.tables]
    texts += [part for t in schema.tables for c in t.columns for part in (c.name, c.comment or "")]
    words = {w for text in texts for w in _WORD.findall(_CAMEL.sub(" ", text).replace("_", " ").lower())}
    return frozenset(w[:PREFIX] for w in words if len(w) >= 3)


def said_no(reply: str) -> bool:
    return reply.strip().upper().startswith("NO")
