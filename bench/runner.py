"""The benchmark loop: each system answers each question, the result is scored against gold and cached."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, Protocol

from tqdm import tqdm

from bench.cache import ResultCache, fingerprint, package_versions, source_digest
from bench.dataset import Question
from bench.prediction import Prediction
from bench.scoring import GoldResult, business_score, run_gold, score
from settings import query_settings

# Code every system's score depends on; a change here invalidates every cached result.
SCORING_SOURCES = ("bench/dataset.py", "bench/execute.py", "bench/scoring.py", "bench/runner.py")


class System(Protocol):
    @property
    def prompt_text(self) -> str: ...

    def predict(self, question: Question) -> Prediction: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Contender:
    name: str
    system: System
    fingerprint: str


def contender(name: str, system: System, sources: Sequence[str], model: str, backend: str) -> Contender:
    """A system with the fingerprint its cached results are keyed by."""
    digest = fingerprint(
        name,
        system.prompt_text,
        model,
        backend,
        source_digest(*sources, *SCORING_SOURCES),
        package_versions(),
        repr(query_settings()),
    )
    return Contender(name, system, digest)


@dataclass
class _Gold:
    """Each gold query's result, run once per question however many systems are scored against it."""

    results: dict[str, list[GoldResult]] = field(default_factory=dict)

    def of(self, question: Question) -> list[GoldResult]:
        if question.id not in self.results:
            timeout = query_settings().timeout_seconds
            self.results[question.id] = [run_gold(question.db_path, sql, timeout) for sql in question.gold_sql]
        return self.results[question.id]


def run_benchmark(
    questions: Sequence[Question], contenders: Sequence[Contender], cache: ResultCache, progress: bool = True
) -> dict[str, list[dict[str, Any]]]:
    """Per system, one record per question in the order given.

    Work is grouped by database, and within a database by system, so the model's prompt cache (whose prefix
    is the schema) stays warm.
    """
    results: dict[str, list[dict[str, Any]]] = {c.name: [{} for _ in questions] for c in contenders}
    gold = _Gold()
    by_database = sorted(range(len(questions)), key=lambda i: questions[i].db_id)
    with tqdm(total=len(questions) * len(contenders), unit="question", disable=not progress) as bar:
        for db_id, group in groupby(by_database, key=lambda i: questions[i].db_id):
            indices = list(group)
            for entrant in contenders:
                bar.set_postfix_str(f"{entrant.name} on {db_id}")
                for i in indices:
                    results[entrant.name][i] = _result(questions[i], entrant, cache, gold)
                    bar.update()
    return results


def _result(question: Question, entrant: Contender, cache: ResultCache, gold: _Gold) -> dict[str, Any]:
    key = f"{entrant.name}:{entrant.fingerprint}:{question.id}:{question.content_key}"
    if (cached := cache.get(key)) is not None:
        return {**cached, "cached": True}
    prediction = entrant.system.predict(question)
    golds = gold.of(question)
    record = _record(question, prediction, *score(golds, prediction.rows, prediction.error))
    record["business_correct"] = business_score(golds, question.gold_sql, prediction.rows)
    if prediction.cacheable:
        cache.put(key, record)
    return {**record, "cached": False}


def _record(question: Question, prediction: Prediction, correct: bool, error: str | None) -> dict[str, Any]:
    return {
        "id": question.id,
        "db_id": question.db_id,
        "hardness": question.hardness,
        "question": question.question,
        "instructions": question.instructions,
        "sql": prediction.sql,
        "correct": correct,
        "seconds": round(prediction.seconds, 3),
        "attempts": prediction.attempts,
        "prompt_tokens": prediction.prompt_tokens,
        "completion_tokens": prediction.completion_tokens,
        "error": error,
        "outcome": prediction.outcome,
        "rows": None if prediction.rows is None else len(prediction.rows),
        "first_reply": prediction.first_reply,
        "route": prediction.route,
        "explanation": prediction.explanation,
        "caution": bool(prediction.caution),
        "timings": prediction.timings,
        "request": prediction.request,
    }
