"""The business definitions as the SQL-writing prompt shows them, after the schema (a fixed, cached prefix)."""

from __future__ import annotations

import sqlglot

from semantic.expressions import qualify
from semantic.spec import SemanticModel

HEADER = "Business definitions (when the question uses one of these terms, use exactly this SQL):"


def render_definitions(model: SemanticModel, dialect: str) -> str:
    lines = [HEADER]
    for table, metric in model.metrics:
        lines.append(f"- {_named(metric.name, metric.synonyms)} = {_qualified(metric.expr, table.name, dialect)}")
    for table, item in model.filters:
        condition = item.expr.replace("{period_start}", "<start of the period asked about>")
        condition = condition.replace("{period_end}", "<end of the period asked about>")
        lines.append(f"- {_named(item.name, item.synonyms)}: WHERE {_qualified(condition, table.name, dialect)}")
    if model.custom_instructions:
        lines.append(model.custom_instructions)
    return "\n".join(lines) if len(lines) > 1 else ""


def _named(name: str, synonyms: tuple[str, ...]) -> str:
    words = name.replace("_", " ")
    return f"{words} ({', '.join(synonyms[:3])})" if synonyms else words


def _qualified(expr: str, table: str, dialect: str) -> str:
    try:
        return qualify(expr, table, dialect)
    except sqlglot.errors.ParseError:
        return expr
