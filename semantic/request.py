"""The small structured request the model fills instead of writing SQL, and its JSON schema.

The schema's enums are the semantic model's own names, so a backend that constrains its output to a JSON
schema (llama.cpp grammars, Ollama `format`, OpenAI `response_format`) can only name what exists.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from semantic.spec import SemanticModel

ANALYSES = {
    "total": "the metric, optionally by dimensions and/or a time grain",
    "top": "the metric ranked: the top or bottom N (with two dimensions: the top N of the second within each first)",
    "growth": "change between two periods (absolute and %), or period over period along a time grain",
    "share": "each group's (or a named filter's) share of the total, in %",
    "running_total": "cumulative total along a time grain",
    "average_per": "the metric computed per entity (per customer, per order...), then averaged",
    "retention": "of the entities (per: customers) active in a period, how many were active again in the next: "
    "retained, churned, retention and churn %",
    "not_a_metric": "the question lists rows or asks something the metrics cannot compute",
}
GRAINS = ("none", "day", "week", "month", "quarter", "year")
ORDERS = ("desc", "asc", "none")


@dataclass(frozen=True)
class Request:
    analysis: str
    metric: str
    group_by: tuple[str, ...] = ()
    grain: str = "none"
    per: str = "none"
    filters: tuple[str, ...] = ()
    order: str = "desc"
    limit: int = 0
    time_dimension: str = ""
    # Filled by rules from the question's words: rank a growth by % rather than by amount.
    by_percent: bool = False
    # Filled by rules: each asked period against the one before it ("for 2024 and 2025, versus the year before"),
    # along `grain`, rather than the last asked period against the first.
    over_previous: bool = False
    # Filled by rules from the question, not by the model: dimension -> stored values it names.
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Filled by rules: dimension -> stored values the question leaves out ("except cancelled ones").
    excluded: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Filled by rules: a share whose part is the named value within each group ("the no-show rate by clinic"),
    # rather than each group's share of the total.
    rate: bool = False
    # Filled by rules: more metrics of the metric's table the question asks for beside it ("how many maintenance
    # jobs ... and what did they cost"), each one more column of a total.
    also: tuple[str, ...] = ()


class RequestError(ValueError):
    """A reply that is not a usable request; the chain falls back to writing SQL."""


def entity_names(model: SemanticModel) -> list[str]:
    """Tables a metric can be averaged per: those with a one-column primary key."""
    return [t.name for t in model.tables if len(t.primary_key) == 1]


def json_schema(model: SemanticModel, metrics: list[str] | None = None) -> dict:
    """What the model fills: the analysis, the metric (one of `metrics`, the ones the question names, when
    given; left out when that is one), the dimensions and the entity of an average. Filters, the time grain,
    the ranking and how many rows are read from the question's words by rules, so the model is not asked for
    them: every token it writes costs ~0.1 s on two cores."""
    metric_names = metrics or [m.name for _t, m in model.metrics]
    dimension_names = [d.name for _t, d in model.dimensions]
    properties: dict[str, dict] = {
        "analysis": {"type": "string", "enum": list(ANALYSES)},
        "metric": {"type": "string", "enum": metric_names or ["none"]},
        "group_by": {"type": "array", "items": {"type": "string", "enum": dimension_names or ["none"]}, "maxItems": 2},
        "per": {"type": "string", "enum": ["none", *entity_names(model)]},
    }
    if len(metric_names) == 1:
        del properties["metric"]
    # No other keys: OpenAI's strict mode and Bedrock's structured outputs require saying so.
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


_JSON_OBJECT = re.compile(r"\{.*\}", re.S)


def parse_request(reply: str, model: SemanticModel, default_metric: str = "") -> Request:
    """The model's reply as a Request whose names all exist in `model` (`default_metric` where the reply names
    none: the schema left it out); RequestError otherwise."""
    match = _JSON_OBJECT.search(reply or "")
    if not match:
        raise RequestError("the reply holds no JSON object")
    try:
        data = json.loads(match.group(0))
    except json.JSONDecodeError as error:
        raise RequestError(f"the reply is not JSON: {error}") from error
    if not isinstance(data, dict):
        raise RequestError("the reply is not a JSON object")
    analysis = str(data.get("analysis") or "total")
    if analysis not in ANALYSES:
        raise RequestError(f"unknown analysis {analysis!r}")
    metrics = {m.name for _t, m in model.metrics}
    metric = str(data.get("metric") or default_metric)
    if analysis != "not_a_metric" and metric not in metrics:
        raise RequestError(f"unknown metric {metric!r}")
    dimensions = {d.name for _t, d in model.dimensions}
    group_by = tuple(dict.fromkeys(str(g) for g in data.get("group_by") or () if str(g) in dimensions))
    filters = {f.name for _t, f in model.filters}
    named = tuple(dict.fromkeys(str(f) for f in data.get("filters") or () if str(f) in filters))
    grain = str(data.get("grain") or "none")
    per = str(data.get("per") or "none")
    order = str(data.get("order") or "desc")
    try:
        limit = max(0, int(data.get("limit") or 0))
    except (TypeError, ValueError):
        limit = 0
    return Request(
        analysis=analysis,
        metric=metric,
        group_by=group_by,
        grain=grain if grain in GRAINS else "none",
        per=per if per in entity_names(model) else "none",
        filters=named,
        order=order if order in ORDERS else "desc",
        limit=limit,
    )
