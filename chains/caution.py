"""Doubt said out loud where it was measured: an analyst question (a percentage, an average, growth, a running
total, days between dates) that the model answered with its own SQL, not from business definitions.

On the business warehouses the project was not built on, the model's own SQL got such questions right in few
cases (the property fair run: 2 of 16; docs/benchmarks.md), while its answers look as finished as any other. The
answer says so above its numbers, and what would make it right by construction.
"""

from __future__ import annotations

import re

_ANALYST_SHAPE = re.compile(
    r"\b(?:percent\w*|share|proportion|ratio|rate|average|avg|mean|median|growth|grew|grow\w*|increas\w*|"
    r"decreas\w*|declin\w*|change[ds]?|compared?|versus|vs\.?|running total|cumulative|year[- ]to[- ]date|"
    r"churn\w*|retention|retain\w*|how long|days (?:from|between|to)|per (?!cent\b)\w+)\b|%",
    re.I,
)

CAUTION = (
    "Check this answer before you rely on it: it was not computed from business definitions. The model wrote its "
    "own SQL for an analyst question ({shape}), and such SQL is often wrong in ways that look right. Read the SQL "
    "below; an admin can define the measure on the Business definitions page so the next answer is computed by "
    "the app."
)


def caution_for(question: str) -> str:
    """The caution for an analyst question answered by the model's own SQL; "" for any other question."""
    found = _ANALYST_SHAPE.search(question)
    return CAUTION.format(shape=f"“{found.group(0).strip()}”") if found else ""
