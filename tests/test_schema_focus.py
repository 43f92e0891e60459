"""Large schemas: 1,000 tables and ~20,000 columns, the demo's business tables among them. The prompt keeps
the tables each business question needs, within the budget; small schemas pass through untouched."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from bench.large_warehouse import build_large_warehouse
from chains.prompt import render_schema
from chains.schema_focus import TOKEN_BUDGET, WHOLE_BUDGET, estimated_tokens, focus_schema
from chains.value_hints import find_value_hints
from chains.warehouses import open_warehouse
from connectors.warehouse import Warehouse
from tests.business_questions import BUSINESS_QUESTIONS


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    path = build_large_warehouse(tmp_path_factory.mktemp("large") / "large.duckdb", tables=1_000)
    warehouse = Warehouse(f"duckdb:///{path}")
    started = time.perf_counter()
    schema = warehouse.schema()
    print(f"\nintrospected {len(schema.tables)} tables in {time.perf_counter() - started:.1f} s")
    return warehouse


def test_the_large_warehouse_is_large(large: Warehouse) -> None:
    schema = large.schema()
    assert len(schema.tables) == 1_000
    assert sum(len(t.columns) for t in schema.tables) > 19_500
    assert estimated_tokens(render_schema(schema)) > 100 * TOKEN_BUDGET


@pytest.mark.parametrize(("question", "gold_sql"), BUSINESS_QUESTIONS, ids=[q for q, _ in BUSINESS_QUESTIONS])
def test_each_question_keeps_the_tables_it_needs_within_budget(large: Warehouse, question: str, gold_sql: str) -> None:
    tree = sqlglot.parse_one(gold_sql, read="duckdb")
    needed = {t.name for t in tree.find_all(exp.Table)} - {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    hints = find_value_hints(question, large.text_values())
    focused = focus_schema(large.schema(), question, {h.table for h in hints})
    assert needed <= {t.name for t in focused.tables}
    assert estimated_tokens(render_schema(focused)) <= TOKEN_BUDGET


def test_a_follow_up_keeps_the_tables_of_the_conversation(large: Warehouse) -> None:
    focused = focus_schema(large.schema(), "and only the cancelled ones?", history_sql=["SELECT * FROM returns"])
    assert "returns" in {t.name for t in focused.tables}


def test_a_small_schema_passes_unchanged() -> None:
    schema = open_warehouse().schema()
    assert focus_schema(schema, "What was our total revenue in 2024?") is schema


def test_a_question_matching_nothing_still_gets_a_schema_within_budget(large: Warehouse) -> None:
    focused = focus_schema(large.schema(), "zzz qqq")
    assert focused.tables and estimated_tokens(render_schema(focused)) <= TOKEN_BUDGET


def test_a_business_warehouse_of_a_few_thousand_tokens_passes_whole(tmp_path: Path) -> None:
    """Every question then shares the whole prompt's beginning, which the model's cache serves."""
    from bench.warehouses import saas

    assert saas.main([str(tmp_path)]) == 0
    schema = Warehouse(f"sqlite:///{saas.database_path(tmp_path)}").schema()
    assert TOKEN_BUDGET < estimated_tokens(render_schema(schema)) <= WHOLE_BUDGET
    for question in ("How many accounts signed up in 2024?", "Revenue by plan", "and only the cancelled ones?"):
        assert focus_schema(schema, question) is schema
