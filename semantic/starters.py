"""Questions an empty chat offers: the semantic model's verified onboarding questions first, then questions
built from its own metrics and dimensions that the compiler can answer (so none needs the model to guess)."""

from __future__ import annotations

from datetime import date

from semantic.compile import CannotCompile, compile_request
from semantic.periods import year
from semantic.request import Request
from semantic.spec import SemanticModel


def starter_questions(model: SemanticModel, dialect: str, limit: int = 4) -> list[str]:
    questions = [q.question for q in model.verified_queries if q.use_as_onboarding_question]
    for question, request, dated in _built(model):
        periods = [year(date.today().year - 1)] if dated else []
        try:
            compile_request(model, request, periods, dialect)
        except CannotCompile:
            continue
        questions.append(question)
    return list(dict.fromkeys(questions))[:limit]


def _built(model: SemanticModel) -> list[tuple[str, Request, bool]]:
    metrics = [m for _t, m in model.metrics]
    if not metrics:
        return []
    metric = metrics[0]
    words = metric.name.replace("_", " ")
    built = [(f"What was the total {words} last year?", Request("total", metric.name), True)]
    dimensions = sorted((d for _t, d in model.dimensions), key=lambda d: not d.sample_values)
    for dimension in dimensions[:2]:
        by = dimension.name.replace("_", " ")
        built += [
            (
                f"What share of {words} came from each {by} last year?",
                Request("share", metric.name, (dimension.name,)),
                True,
            ),
            (f"{words.capitalize()} by {by}", Request("total", metric.name, (dimension.name,)), False),
        ]
    built.append((f"Show the {words} per month last year", Request("total", metric.name, grain="month"), True))
    return built
