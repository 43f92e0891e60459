"""Schema linking for large warehouses: when the whole schema would not fit the prompt's budget, keep the
tables the question is about, the tables they join to, and the tables the conversation already used.

Schemas up to a few thousand tokens pass through untouched (the same prompt, so the model's prompt cache serves
them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from chains.prompt import render_schema
from chains.words import name_words, question_words
from connectors.schema import Schema, Table

# A schema up to WHOLE_BUDGET passes whole: the same prompt for every question, prefilled once (the warm start)
# and served from the model's cache after that. Cutting it per question cost more than it saved: each cut differs,
# so 1,000-2,000 of its tokens were computed again for every question (27-47 s at ~40 tokens/s on two cores).
# On the SaaS warehouse (3,373 estimated), passing it whole took the median answer from 26.1 to 12.6 s with every
# answer's correctness unchanged. The held-out warehouses estimate at 2,454-4,528; the demo at 2,091.
WHOLE_BUDGET = 5_000
# A larger schema is cut to this, per question: the tables the question is about and their joins.
TOKEN_BUDGET = 2_200
CHARS_PER_TOKEN = 3.0  # an estimate on the safe side for DDL with English comments
NAME_WEIGHT, COLUMN_WEIGHT, COMMENT_WEIGHT = 3.0, 1.0, 0.5
STRONG_SHARE = 0.25  # a table scoring under a quarter of the best match waits until the joins are in


def estimated_tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1


def focus_schema(
    schema: Schema,
    question: str,
    must_keep: Iterable[str] = (),
    history_sql: Iterable[str] = (),
    budget: int = TOKEN_BUDGET,
    whole_budget: int = WHOLE_BUDGET,
) -> Schema:
    """The schema whole if it fits `whole_budget`, else cut to what fits `budget`: mentioned tables first, then
    their join partners."""
    sizes = _table_sizes(schema)
    if sum(sizes.values()) <= max(budget, whole_budget):
        return schema
    by_name = {t.name.lower(): t for t in schema.tables}
    words = question_words(question)
    rarity = _rarity(schema)
    scores = {name: _score(vocabulary, words, rarity) for name, vocabulary in _vocabularies(schema).items()}
    used = " ".join(history_sql).lower()
    pinned = [t.name for t in schema.tables if t.name.lower() in {m.lower() for m in must_keep}]
    pinned += [t.name for t in schema.tables if used and re.search(rf"\b{re.escape(t.name.lower())}\b", used)]
    ranked = [name for name in sorted(scores, key=lambda n: -scores[n]) if scores[name] > 0]

    chosen: list[str] = []
    spent = 0

    def take(name: str) -> None:
        nonlocal spent
        if name not in chosen and spent + sizes[name] <= budget:
            chosen.append(name)
            spent += sizes[name]

    top = scores[ranked[0]] if ranked else 0.0
    strong = [name for name in ranked if scores[name] >= STRONG_SHARE * top]
    for name in dict.fromkeys(pinned + strong):
        take(name)
    for name in list(chosen):  # tables the chosen ones reference: the joins a question needs
        for key in by_name[name.lower()].foreign_keys:
            if (target := by_name.get(key.ref_table.lower())) is not None:
                take(target.name)
    chosen_lower = {name.lower() for name in chosen}
    referencing = [  # then tables that reference them (order lines of orders), the likelier first
        t.name for t in schema.tables if any(k.ref_table.lower() in chosen_lower for k in t.foreign_keys)
    ]
    for name in sorted(referencing, key=lambda n: -scores[n]):
        take(name)
    for name in ranked:  # what budget is left goes to the weaker matches
        take(name)
    if not chosen:  # nothing matched: the smallest tables, so the model can still say it cannot answer
        for name in sorted(sizes, key=sizes.get):  # type: ignore[arg-type]
            take(name)
    keep = set(chosen)
    return Schema(schema.dialect, tuple(t for t in schema.tables if t.name in keep))


@lru_cache(maxsize=8)
def _table_sizes(schema: Schema) -> dict[str, int]:
    """Each table's rendered size in tokens; cached, as a large schema takes ~0.5 s to render."""
    return {t.name: estimated_tokens(render_schema(Schema(schema.dialect, (t,)))) for t in schema.tables}


@lru_cache(maxsize=8)
def _vocabularies(schema: Schema) -> dict[str, dict[str, float]]:
    """Per table, each word of its name, columns and comments with the weight of where it appears."""
    return {t.name: _vocabulary(t) for t in schema.tables}


def _vocabulary(table: Table) -> dict[str, float]:
    weights: dict[str, float] = {}
    for text, weight in [(table.name, NAME_WEIGHT), (table.comment or "", COMMENT_WEIGHT)] + [
        (part, w) for c in table.columns for part, w in ((c.name, COLUMN_WEIGHT), (c.comment or "", COMMENT_WEIGHT))
    ]:
        for token in name_words(text):
            weights[token] = max(weights.get(token, 0.0), weight)
    return weights


@lru_cache(maxsize=8)
def _rarity(schema: Schema) -> dict[str, float]:
    """Inverse document frequency over tables: "region" in 900 tables says little, "revenue" in 2 says much."""
    counts: dict[str, int] = {}
    for vocabulary in _vocabularies(schema).values():
        for word in vocabulary:
            counts[word] = counts.get(word, 0) + 1
    tables = len(schema.tables)
    return {word: math.log(1 + tables / count) for word, count in counts.items()}


def _score(vocabulary: dict[str, float], words: set[str], rarity: dict[str, float]) -> float:
    return sum(vocabulary.get(word, 0.0) * rarity.get(word, 0.0) for word in words)
