"""Run the mending rules over the model's SQL and keep a record of every change they make."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import sqlglot
from sqlglot.errors import SqlglotError

from chains.mending.rules import RULES, RULES_BY_ID, MendContext, Rule
from connectors.schema import Schema
from connectors.values import ValueIndex

ROUNDS = 3  # one rule can make room for an earlier one (a join added for a column, then read nowhere else)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Firing:
    """One rule that changed the SQL: which, and the SQL before and after it."""

    rule: str
    before: str
    after: str

    @property
    def description(self) -> str:
        found = RULES_BY_ID.get(self.rule)
        return found.description if found else self.rule

    def as_dict(self) -> dict[str, str]:
        return {**asdict(self), "description": self.description}


@dataclass(frozen=True)
class Mended:
    sql: str
    changes: list[Firing] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def mend(sql: str, context: MendContext, rules: Sequence[Rule] = RULES) -> Mended:
    """The SQL after every rule, in order, for up to ROUNDS rounds until nothing changes.

    A rule that raises is logged and skipped: mending is optional, the model's SQL still runs."""
    changes: list[Firing] = []
    for _round in range(ROUNDS):
        start = sql
        for rule in rules:
            try:
                mended = rule.apply(sql, context)
            except Exception:  # noqa: BLE001 - a rule's failure must not stop the answer; it is logged
                log.warning("mending rule %s failed on %r; skipped", rule.id, sql, exc_info=True)
                continue
            if mended and not _same_query(mended, sql, context.dialect):
                changes.append(Firing(rule.id, sql, mended))
                sql = mended
        if sql == start:
            break
    return Mended(sql, changes)


def _same_query(first: str, second: str, dialect: str) -> bool:
    """Whether two texts are one query but for layout (`customers c` and `customers AS c`): a rule that only
    re-renders the SQL changed nothing, and its text is not taken."""
    if first == second:
        return True
    try:
        return sqlglot.parse_one(first, read=dialect).sql() == sqlglot.parse_one(second, read=dialect).sql()
    except SqlglotError:
        return False


def described(changes: Sequence[Firing]) -> str:
    """The distinct descriptions of the rules that fired, in order: "a; b"."""
    return "; ".join(dict.fromkeys(change.description for change in changes))


def mend_model_sql(sql: str, schema: Schema, question: str = "", values: ValueIndex | None = None) -> str:
    """Only the mended SQL, for callers that need no record of the changes."""
    return mend(sql, MendContext(schema, question, values)).sql
