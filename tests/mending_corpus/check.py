"""Run the corpus: each correct query and its mended form on the real warehouse, and compare the answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.execute import frame_rows
from bench.scoring import order_matters, results_match
from chains.mending import MendContext, Mended, mend
from connectors.demo import demo_url, ensure_demo_warehouse
from connectors.warehouse import Warehouse
from tests.business_questions import BUSINESS_QUESTIONS
from tests.mending_corpus.queries import CORPUS
from tests.mending_corpus.warehouses import build


@dataclass(frozen=True)
class Case:
    shape: str
    question: str
    sql: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    mended: Mended
    same_answer: bool


def cases() -> Iterator[Case]:
    for question, sql in BUSINESS_QUESTIONS:
        yield Case("demo", question, " ".join(sql.split()))
    for shape, queries in CORPUS.items():
        for question, sql in queries:
            yield Case(shape, question, sql)


def warehouses(directory: Path) -> dict[str, Warehouse]:
    built = {shape: Warehouse(f"sqlite:///{build(shape, directory)}") for shape in CORPUS}
    return {"demo": Warehouse(demo_url(ensure_demo_warehouse())), **built}


def same_answer(warehouse: Warehouse, gold_sql: str, other_sql: str) -> bool:
    """Whether the two queries return the same table: same columns count, same rows (in order if sorted)."""
    gold = warehouse.run(gold_sql).data
    other = warehouse.run(other_sql).data
    if len(gold.columns) != len(other.columns):
        return False
    return results_match(frame_rows(gold), frame_rows(other), order_matters(gold_sql))


def run_corpus(directory: Path, mender: Callable[[str, MendContext], Mended] = mend) -> Iterator[Outcome]:
    found = warehouses(directory)
    try:
        contexts = {shape: MendContext(w.schema(), "", w.text_values()) for shape, w in found.items()}
        for case in cases():
            base = contexts[case.shape]
            mended = mender(case.sql, MendContext(base.schema, case.question, base.values))
            same = not mended.changed or same_answer(found[case.shape], case.sql, mended.sql)
            yield Outcome(case, mended, same)
    finally:
        for warehouse in found.values():
            warehouse.close()
