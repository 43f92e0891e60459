"""Few-shot examples: the verified question/SQL pairs of this warehouse that read most like the question.

Pairs come from the app's own saved queries that a person marked verified; never from an eval set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from chains.answer import Turn

MAX_EXAMPLES = 3
# token_sort_ratio on the whole question, small words included ("how many", "per"): they carry the
# question's shape, which is what an example teaches. Below ~60 the questions share little more than a
# word, and the example would mislead more than help.
MIN_SIMILARITY = 60
_WORDS = re.compile(r"\w+")


def similar_examples(question: str, verified: Sequence[Turn], limit: int = MAX_EXAMPLES) -> list[Turn]:
    """Up to `limit` pairs, the most similar last (nearest the question in the prompt)."""
    if not verified:
        return []
    candidates = [_words(pair.question) for pair in verified]
    matches = process.extract(
        _words(question), candidates, scorer=fuzz.token_sort_ratio, limit=limit, score_cutoff=MIN_SIMILARITY
    )
    return [verified[index] for _text, _score, index in reversed(matches)]


def render_examples(examples: Sequence[Turn]) -> str:
    if not examples:
        return ""
    blocks = [f"Question: {pair.question}\n```sql\n{pair.sql}\n```" for pair in examples]
    return "\n\nVerified examples of questions about this database and their SQL:\n\n" + "\n\n".join(blocks)


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))
