"""Mending: deterministic rules that fix the small model's known slips in its SQL, each change recorded.

`mend(sql, MendContext(schema, question, values))` -> `Mended(sql, changes)`; the rules are listed in order in
chains/mending/rules.py (RULES), and documented with their measured gain in docs/mending.md."""

from chains.mending.mend import Firing, Mended, described, mend, mend_model_sql
from chains.mending.rules import RULES, RULES_BY_ID, Kind, MendContext, Rule, rules_without

__all__ = [
    "RULES",
    "RULES_BY_ID",
    "Firing",
    "Kind",
    "MendContext",
    "Mended",
    "Rule",
    "described",
    "mend",
    "mend_model_sql",
    "rules_without",
]
