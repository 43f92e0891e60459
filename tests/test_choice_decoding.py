"""The embedded model fills a schema of names a choice at a time (chains/llm/choice_decoding.py): the same
request the grammar gives, in fewer model evaluations, leaving the model's context usable for what follows."""

from __future__ import annotations

import json

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from chains.llm.choice_decoding import ChoiceDecoder, chat_prompt_tokens, fits
from semantic.catalog import DEMO_WAREHOUSE
from semantic.prompt import request_messages
from semantic.request import json_schema


def _demo_model():  # type: ignore[no-untyped-def]
    from chains.factory import open_warehouse, semantic_model_for

    model, _drafted = semantic_model_for(open_warehouse(None), DEMO_WAREHOUSE, "file")
    assert model is not None
    return model


def test_the_definitions_request_schema_is_one_the_decoder_fills() -> None:
    model = _demo_model()
    assert fits(json_schema(model))
    assert fits(json_schema(model, ["revenue"]))  # one metric: the property is left out


@pytest.mark.parametrize(
    "schema",
    [
        None,
        {"type": "array", "items": {"type": "string", "enum": ["a"]}},
        {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
        {"type": "object", "properties": {"kind": {"type": "string", "enum": ["a", "b"]}}, "required": []},
        {
            "type": "object",
            "properties": {"tags": {"type": "array", "items": {"type": "string", "enum": ["a"]}}},
            "required": ["tags"],
        },  # no maxItems: an array without end is left to the grammar
        {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]},
    ],
)
def test_other_schemas_are_left_to_the_grammar(schema: dict | None) -> None:
    assert not fits(schema)


def _messages(model, question: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    roles = {"system": "system", "human": "user"}
    return [{"role": roles[m.type], "content": m.text} for m in request_messages(model, question)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("What were total sales by region in 2024?", ["revenue"]),
        ("Top 5 customers by revenue in 2024", ["revenue", "order_count"]),
        ("How many orders did each sales rep handle in 2025?", ["order_count"]),
    ],
)
def test_the_choices_give_the_grammars_request_in_fewer_evaluations(embedded_model, question, metrics) -> None:  # type: ignore[no-untyped-def]
    model = _demo_model()
    schema = json_schema(model, metrics)
    llama = embedded_model.llama
    messages = _messages(model, question)
    with embedded_model.generation_lock:
        grammar = llama.create_chat_completion(
            messages=messages, temperature=0, max_tokens=80, response_format={"type": "json_object", "schema": schema}
        )
        filled = ChoiceDecoder(llama, chat_prompt_tokens(llama, messages)).fill(schema)
    assert json.loads(filled.text) == json.loads(grammar["choices"][0]["message"]["content"])
    assert filled.text == json.dumps(json.loads(filled.text))  # keys in order, as json.dumps writes them
    assert filled.evaluations < filled.tokens / 2, filled


@pytest.mark.model
def test_two_dimensions_at_most_and_each_once(embedded_model) -> None:  # type: ignore[no-untyped-def]
    model = _demo_model()
    schema = json_schema(model, ["revenue"])
    llama = embedded_model.llama
    messages = _messages(model, "Revenue by region, by category and by segment, per customer and per rep")
    with embedded_model.generation_lock:
        request = json.loads(ChoiceDecoder(llama, chat_prompt_tokens(llama, messages)).fill(schema).text)
    dimensions = {d.name for _t, d in model.dimensions}
    assert 1 <= len(request["group_by"]) <= 2 and len(set(request["group_by"])) == len(request["group_by"])
    assert set(request["group_by"]) <= dimensions
    assert list(request) == ["analysis", "group_by", "per"]


@pytest.mark.model
def test_the_context_serves_the_next_completion_as_before(embedded_model) -> None:  # type: ignore[no-untyped-def]
    """The decoder moves the context's end by hand: a completion after it reads the same and reuses its cache."""
    model = _demo_model()
    system = SystemMessage("You write SQLite SQL. The table sales has the columns id, region, amount. " * 10)
    ask = embedded_model.bind(max_tokens=12)
    embedded_model.forget_prompts()
    before = ask.invoke([system, HumanMessage("Total amount by region?")])
    reply = embedded_model.bind(response_format={"type": "json_object", "schema": json_schema(model, ["revenue"])})
    request = reply.invoke(request_messages(model, "What were total sales by region in 2024?"))
    assert json.loads(request.text)["group_by"] == ["region"]
    assert request.usage_metadata["output_tokens"] > 10  # the whole reply is counted, fixed text and all
    after = ask.invoke([system, HumanMessage("Total amount by region?")])
    assert after.text == before.text
    again = embedded_model.bind(response_format={"type": "json_object", "schema": json_schema(model, ["revenue"])})
    repeated = again.invoke(request_messages(model, "What were total sales by region in 2024?"))
    assert repeated.text == request.text
    assert repeated.usage_metadata["input_token_details"]["cache_read"] > 0.9 * repeated.usage_metadata["input_tokens"]
