"""Take the SQL out of whatever the model wrote: fenced blocks, `SQLQuery:` prefixes, trailing prose."""

from __future__ import annotations

import re

from sqlglot import TokenType, tokenize
from sqlglot.errors import TokenError

CANNOT_ANSWER = "CANNOT ANSWER"

_FENCE = re.compile(r"```[ \t]*([A-Za-z]*)[ \t]*\n?(.*?)(?:```|$)", re.DOTALL)
_PREFIX = re.compile(r"^\s*(?:SQLQuery|SQL Query|SQL|Query)\s*:\s*", re.IGNORECASE)
_QUERY_START = re.compile(r"\b(WITH|SELECT)\b", re.IGNORECASE)
# A blank line, a sentence opener, or a `Label:` line such as the tutorial format's "SQLResult:".
# Statements that are not queries are still taken (at a line start only, not from prose) so that the
# guard refuses them with its reason instead of the user hearing that no SQL was written.
_OTHER_STATEMENT = re.compile(
    r"^\s*(INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|TRUNCATE|MERGE|REPLACE|GRANT|ATTACH|PRAGMA|COPY)\b",
    re.IGNORECASE | re.MULTILINE,
)
_PROSE_BREAK = re.compile(r"\n\s*\n|\n(?=(?:This|The|Note|Explanation|Here|It|In this)\b|[A-Z][A-Za-z ]{0,20}:)")


class CannotAnswer(Exception):
    """The model said the schema cannot answer the question; str() is its reason."""


def extract_sql(text: str) -> str | None:
    """The first SQL query in `text`, without fences, prefixes, trailing prose or semicolon; None if none."""
    body = text.strip()
    refusal = re.match(rf"^\W*{CANNOT_ANSWER}\W*(.*)", body, re.IGNORECASE | re.DOTALL)
    if refusal:
        raise CannotAnswer(refusal.group(1).strip() or "The question cannot be answered from these tables.")
    fenced = [
        block
        for lang, block in _FENCE.findall(body)
        if lang.lower() in ("", "sql", "sqlite", "postgresql") and block.strip()
    ]
    candidate = fenced[0] if fenced else body
    candidate = _PREFIX.sub("", candidate.strip())
    starts = [m.start() for m in (_QUERY_START.search(candidate), _OTHER_STATEMENT.search(candidate)) if m]
    if not starts:
        return None
    candidate = candidate[min(starts) :]
    if not fenced:
        candidate = _PROSE_BREAK.split(candidate, maxsplit=1)[0]
    return _cut_at_first_semicolon(candidate).strip() or None


def _cut_at_first_semicolon(sql: str) -> str:
    """Everything before the first statement-ending semicolon (not one inside a string or comment)."""
    try:
        tokens = tokenize(sql)
    except TokenError:
        return sql.split(";", 1)[0]
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            return sql[: token.start]
    return sql
