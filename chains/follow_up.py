"""Whether a question in a conversation builds on the one before ("and in 2025?", "now only Europe", "show
those by month") or stands on its own ("What was revenue by region in 2024?").

A question that stands alone gets the same answer as at the start of a conversation (the business
definitions first); one that builds on the last goes to SQL writing with the earlier turns in its prompt.
"""

from __future__ import annotations

import re

# Openings that continue the last answer, and words that point back at it. "By region" continues; "By what
# percentage did revenue grow?" is a whole question.
_CONTINUES = re.compile(
    r"^\s*(?:and|now|also|then|but|instead|only|just|what about|how about|same|ok|okay|what if|without|"
    r"excluding|exclude|include|remove|drop|add|sort|order it|order them|make it|split|break|as a|in a|"
    r"(?:per|by)(?!\s+(?:what|how|which|whom)\b))\b",
    re.I,
)
_POINTS_BACK = re.compile(
    r"\b(?:these|those|them|the same|above|instead|previous (?:answer|result|query|one|table|chart)|"
    r"that (?:list|table|result|query|chart|number|answer)|this (?:list|table|result|query|chart|number|answer)|"
    r"(?:split|break|show|sort|rank|group|plot|chart|filter) (?:it|that|this))\b",
    re.I,
)
_FEWEST_WORDS = 4  # "revenue in 2025?" stands alone; "and Europe?" does not


def builds_on_earlier(question: str) -> bool:
    """True when the question needs the conversation before it to be understood."""
    words = re.findall(r"[A-Za-z0-9]+", question)
    return len(words) < _FEWEST_WORDS or bool(_CONTINUES.search(question) or _POINTS_BACK.search(question))
