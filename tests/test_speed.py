"""Where an answer's time goes, and the warm start that takes the schema's prefill off the first question."""

from __future__ import annotations

import re

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from chains.stages import StageClock, add_to_stage, report_progress
from ui.timings import timing_line


def test_counts_from_below_the_chain_go_to_the_stage_running_now_and_nowhere_else() -> None:
    said: list[str] = []
    clock = StageClock(said.append)
    add_to_stage({"prefill": 9.0})  # no stage running: dropped
    with clock("generate"):
        add_to_stage({"prefill": 1.5, "generated_tokens": 30})
        report_progress("read 50% of the schema and question")
    with clock("mend"):  # a silent stage: timed, not announced
        pass
    assert clock.timed("mend", str.strip)(" SELECT 1 ") == "SELECT 1"
    assert clock.totals["prefill"] == 1.5 and clock.totals["generated_tokens"] == 30
    assert {"generate", "mend"} <= set(clock.totals)
    assert said == ["Writing SQL", "Writing SQL (read 50% of the schema and question)"]


def test_the_answer_details_name_each_stage_and_the_cached_share_of_the_prompt() -> None:
    line = timing_line(
        {
            "schema": 0.012,
            "generate": 1.6,
            "prefill": 0.3,
            "generation": 1.3,
            "prompt_cached_tokens": 2103,
            "prompt_computed_tokens": 45,
            "generated_tokens": 38,
            "total": 2.0,
        }  # fmt: skip
    )
    assert line == (
        "schema 0.01 s · model 1.60 s · prefill 0.30 s · generation 1.30 s; "
        "prompt tokens 2,103 from cache, 45 computed; 38 generated"
    )


@pytest.mark.model
def test_a_completion_that_begins_like_the_last_one_is_served_from_the_cache(embedded_model) -> None:  # type: ignore[no-untyped-def]
    system = SystemMessage("You write SQLite SQL. " + "The table sales has the columns id, region, amount. " * 20)
    embedded_model.forget_prompts()
    first = embedded_model.bind(max_tokens=8).invoke([system, HumanMessage("Total amount?")])
    second = embedded_model.bind(max_tokens=8).invoke([system, HumanMessage("Amount by region?")])
    assert first.usage_metadata["input_token_details"]["cache_read"] == 0
    cached = second.usage_metadata["input_token_details"]["cache_read"]
    assert cached > 0.8 * second.usage_metadata["input_tokens"], second.usage_metadata


@pytest.mark.model
def test_a_prepared_warehouse_answers_its_first_question_with_the_schema_from_the_cache(embedded_model) -> None:  # type: ignore[no-untyped-def]
    from chains.factory import chain_over
    from chains.warm_start import prepare

    chain = chain_over(embedded_model)  # the demo warehouse
    said: list[str] = []
    embedded_model.forget_prompts()  # nothing cached: the whole schema is read, with progress
    timings = prepare(chain, said.append)
    # The SQL prompt, then the business definitions' prompt: they share only the chat template's first tokens.
    assert timings["prompt_computed_tokens"] > 1500 and timings["prompt_cached_tokens"] < 50
    assert "Reading the schema into the model (read 0% of the schema and question)" in said
    assert any(re.fullmatch(r"Reading the schema into the model \(read [1-9]\d*% .*\)", s) for s in said), said

    answer = chain.ask("How many customers are in Europe?")
    assert answer.ok, answer.message
    assert answer.timings["prompt_cached_tokens"] > 1500
    assert answer.timings["prompt_computed_tokens"] < 100
    assert answer.timings["prefill"] < timings["warm"] / 4


@pytest.mark.model
def test_a_kept_beginning_survives_another_prompt_and_serves_the_next_question(embedded_model) -> None:  # type: ignore[no-untyped-def]
    """Two warehouses warmed in turn: the first one's schema is still served from the cache afterwards."""
    sales = SystemMessage("You write SQLite SQL. " + "The table sales has the columns id, region, amount. " * 20)
    staff = SystemMessage("You write SQLite SQL. " + "The table staff has the columns id, name, salary. " * 20)
    embedded_model.forget_prompts()
    for system in (sales, staff):
        embedded_model.bind(max_tokens=1, keep_prefix=True).invoke([system, HumanMessage("")])
    reply = embedded_model.bind(max_tokens=8).invoke([sales, HumanMessage("Total amount?")])
    details = reply.usage_metadata
    assert details["input_token_details"]["cache_read"] > 0.8 * details["input_tokens"], details
