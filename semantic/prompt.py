"""The prompt that asks the model for a Request: the business definitions first (the same for every
question, so the model's prompt cache serves them), worked examples built from this model's own names,
the question last."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from semantic.compile import reachable_tables
from semantic.request import ANALYSES, entity_names
from semantic.spec import Field, Metric, NamedFilter, SemanticModel

# A catalog up to this many (estimated) tokens is shown whole, the same prompt for every question, prefilled once
# and served from the model's cache after that; the model's context is 8,192 tokens, and a 1,000-table
# warehouse's draft (about 90,000) overflowed it. At 4,000 the car rental draft (4,659 estimated, 4,075 real
# tokens in the whole prompt) was cut per question: each cut differed, and 2,000-3,400 tokens were computed
# again for 7 of its first 8 questions (33-61 s each), to save about 600.
CATALOG_BUDGET = 5_500
CHARS_PER_TOKEN = 3.0

INSTRUCTIONS = """You turn a business question into a JSON request over the business definitions below.
The app computes the answer from your request; you never write SQL. Dates, periods and time
grains ("in 2024", "Q3 vs Q4", "last year", "per month"), values such as a region's name, named filters and
the ranking ("top 5", "the most") are read from the question by the app: leave them out.

{catalog}

Analyses:
{analyses}

Fields:
- analysis: one of the analyses above.
- metric: the one metric the question measures.
- group_by: the dimensions the result is split by ("by region", "per category", "which product"); [] for one number.
- per: the entity of average_per ("per customer", "per order"), else none.

Examples:
{examples}

Reply with the JSON request only."""


def request_messages(model: SemanticModel, question: str) -> list[BaseMessage]:
    system = INSTRUCTIONS.format(
        catalog=render_catalog(model),
        analyses="\n".join(f"- {name}: {text}" for name, text in ANALYSES.items()),
        examples="\n".join(f"Q: {q}\nA: {json.dumps(r)}" for q, r in worked_examples(model)),
    )
    return [SystemMessage(system), HumanMessage(question)]


def catalog_fits(model: SemanticModel) -> bool:
    return len(render_catalog(model)) / CHARS_PER_TOKEN <= CATALOG_BUDGET


def focused_on(model: SemanticModel, metric_names: Iterable[str]) -> SemanticModel:
    """The model whole if its catalog fits; else only the tables a request for these metrics can read: each
    metric's table and those it reaches without multiplying its rows (its dimensions and dates), nearest first,
    the first metric's before the next one's, for as long as the catalog still fits (a word that names a metric
    on many tables of a 1,000-table warehouse reached so many that the prompt overflowed the context)."""
    if catalog_fits(model):
        return model
    tables_of = {metric.name: table.name for table, metric in model.metrics}
    kept: list[str] = []
    focused = _only(model, kept)
    for name in metric_names:
        if name not in tables_of:
            continue
        for table in reachable_tables(model, tables_of[name]):
            if table.lower() in kept:
                continue
            trial = _only(model, [*kept, table.lower()])
            if kept and not catalog_fits(trial):
                return focused
            kept.append(table.lower())
            focused = trial
    return focused


def _only(model: SemanticModel, kept: list[str]) -> SemanticModel:
    tables = tuple(t for t in model.tables if t.name.lower() in kept)
    relationships = tuple(
        r for r in model.relationships if r.left_table.lower() in kept and r.right_table.lower() in kept
    )
    return replace(model, tables=tables, relationships=relationships, verified_queries=())


def render_catalog(model: SemanticModel) -> str:
    lines = ["Metrics:"]
    lines += [_line(metric) for _t, metric in model.metrics]
    lines.append("Dimensions:")
    lines += [_line(dimension, values=True) for _t, dimension in model.dimensions]
    if model.filters:
        lines.append("Named filters:")
        lines += [_line(item) for _t, item in model.filters]
    entities = entity_names(model)
    if entities:
        lines.append("Entities (for average_per): " + ", ".join(entities))
    return "\n".join(lines)


def _line(item: Metric | Field | NamedFilter, values: bool = False) -> str:
    text = f"- {item.name}: {item.description or item.expr}".rstrip()
    if item.synonyms:
        text += f" Also called: {', '.join(item.synonyms[:6])}."
    samples = getattr(item, "sample_values", ())
    if values and samples:
        text += f" Values: {', '.join(samples[:6])}."
    return text


def _words(name: str) -> str:
    return name.replace("_", " ")


def _request(analysis: str, metric: str, **fields: object) -> dict:
    return {"analysis": analysis, "metric": metric, "group_by": [], "per": "none"} | fields


def worked_examples(model: SemanticModel) -> list[tuple[str, dict]]:
    """A few questions and their requests, phrased with this model's own metric and dimension names."""
    metrics = [m for _t, m in model.metrics]
    if not metrics:
        return []
    summed = next((m for m in metrics if m.expr.strip().upper().startswith("SUM(")), metrics[0])
    counted = next((m for m in metrics if m.expr.strip().upper().startswith("COUNT(") and m is not summed), summed)
    dimensions = sorted((d for _t, d in model.dimensions), key=lambda d: not d.sample_values)
    m, c = _words(summed.name), _words(counted.name)
    examples = [
        (f"What was the total {m} in 2024?", _request("total", summed.name)),
        (f"How many {c} were there last year?", _request("total", counted.name)),
        (f"Show the cumulative {m} by month in 2025", _request("running_total", summed.name)),
    ]
    if dimensions:
        first = dimensions[0].name
        d0 = _words(first)
        examples += [
            (
                f"{m.capitalize()} by {d0} per quarter",
                _request("total", summed.name, group_by=[first]),
            ),
            (
                f"Which {d0} grew the most from 2023 to 2024?",
                _request("growth", summed.name, group_by=[first]),
            ),
            (f"What share of {m} came from each {d0}?", _request("share", summed.name, group_by=[first])),
            (
                f"Which {d0} had the fewest {c}?",
                _request("total", counted.name, group_by=[first]),
            ),
        ]
    if len(dimensions) > 1:
        first, second = dimensions[0].name, dimensions[-1].name
        examples.append(
            (
                f"Top 3 {_words(second)} by {m} in each {_words(first)}",
                _request("top", summed.name, group_by=[first, second]),
            )
        )
    entities = [e for e in entity_names(model) if model.table(e) and not model.table(e).metrics] or entity_names(model)
    if entities:
        entity = entities[0]
        examples.append(
            (
                f"What is the average {m} per {_words(entity).rstrip('s')}?",
                _request("average_per", summed.name, per=entity),
            )
        )
        examples.append(
            (f"List every {_words(entity).rstrip('s')} with its details", _request("not_a_metric", summed.name))
        )
    return examples
