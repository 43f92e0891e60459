"""Self-consistency: more SQL drafts for one question, and the result most of them agree on.

Drafts are compared by what they return, not by their text: two queries written differently that give
the same rows are one vote.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from numbers import Number

import pandas as pd

# Sampled drafts differ enough to disagree where the model is unsure, without turning into noise.
SAMPLE_TEMPERATURE = 0.7


def result_key(data: pd.DataFrame | None) -> Hashable:
    """The rows as a multiset, each row's values as a multiset, numbers rounded: equal answers, equal keys."""
    if data is None:
        return ()
    rows = (tuple(sorted((_normal(v) for v in row), key=repr)) for row in data.itertuples(index=False, name=None))
    return len(data.columns), tuple(sorted(rows, key=repr))


def _normal(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, Number) and not isinstance(value, bool):
        return round(float(value), 6)  # type: ignore[arg-type]
    return str(value)


def winner(keys: Sequence[Hashable], empty: Sequence[bool]) -> int:
    """Index of the first draft of the largest group of equal results; a result with rows beats an empty
    one, and among groups of the same size the earliest (the greedy draft's) wins."""
    counts: dict[Hashable, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    ranked = sorted(range(len(keys)), key=lambda i: (empty[i], -counts[keys[i]], i))
    return ranked[0]


def settled(keys: Sequence[Hashable], drafts_left: int) -> bool:
    """True when the drafts still to come could not change the winner."""
    counts = sorted((keys.count(k) for k in set(keys)), reverse=True)
    runner_up = counts[1] if len(counts) > 1 else 0
    return counts[0] > runner_up + drafts_left
