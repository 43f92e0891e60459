"""Verified pairs as few-shot examples, and as a fine-tuning set in the chain's own prompt."""

from __future__ import annotations

import json
from pathlib import Path

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from pydantic import Field

from chains.answer import Turn
from chains.examples import similar_examples
from chains.finetune import finetune_jsonl
from chains.prompt import PROMPT, prompt_inputs
from chains.sql_chain import SqlChain
from connectors.warehouse import Warehouse

EUROPE = Turn(
    "How many sales were made in Europe?",
    "SELECT COUNT(*) FROM sales s JOIN regions r ON r.region_id = s.region_id WHERE r.name = 'Europe'",
)
MONTHLY = Turn(
    "Total sales amount per month", "SELECT strftime('%m', sold_on) AS month, SUM(amount) FROM sales GROUP BY 1"
)
REGIONS = Turn("List the names of all regions", "SELECT name FROM regions")


class RecordingModel(GenericFakeChatModel):
    """Scripted replies, and a record of every prompt it was sent."""

    prompts: list[list[BaseMessage]] = Field(default_factory=list)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
        self.prompts.append(messages)
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def test_the_closest_verified_questions_are_chosen_closest_last() -> None:
    verified = [REGIONS, EUROPE, MONTHLY]
    assert similar_examples("How many sales in Asia?", verified) == [EUROPE]
    assert similar_examples("Monthly total of the sales amount", verified)[-1] == MONTHLY
    assert similar_examples("Who is our best supplier?", verified) == []
    assert similar_examples("anything", []) == []
    assert len(similar_examples("sales", [EUROPE, MONTHLY, REGIONS, EUROPE], limit=2)) <= 2


def test_examples_follow_the_schema_and_leave_the_prompt_unchanged_without_them(sqlite_file: Path) -> None:
    schema = Warehouse(f"sqlite:///{sqlite_file}").schema()
    plain = PROMPT.format_messages(**prompt_inputs(schema, "How many sales in Asia?", [], []))
    with_examples = PROMPT.format_messages(
        **prompt_inputs(schema, "How many sales in Asia?", [], [], examples=[EUROPE])
    )
    assert "Verified examples" not in plain[0].text
    assert with_examples[0].text.startswith(plain[0].text)  # the cached schema prefix is kept
    assert EUROPE.sql in with_examples[0].text and EUROPE.question in with_examples[0].text
    assert [m.text for m in with_examples[1:]] == [m.text for m in plain[1:]]


def test_the_chain_shows_the_model_similar_verified_pairs(sqlite_file: Path) -> None:
    model = RecordingModel(messages=iter([AIMessage("SELECT COUNT(*) FROM sales")]))
    chain = SqlChain(model=model, warehouse=Warehouse(f"sqlite:///{sqlite_file}"))
    answer = chain.ask("How many sales were made in Asia?", verified=[EUROPE, REGIONS])
    assert answer.ok
    system = model.prompts[0][0].text
    assert EUROPE.sql in system and REGIONS.sql not in system


def test_verified_pairs_export_as_chat_jsonl_in_the_apps_prompt(sqlite_file: Path) -> None:
    schema = Warehouse(f"sqlite:///{sqlite_file}").schema()
    lines = finetune_jsonl([EUROPE, MONTHLY], schema).splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])["messages"]
    assert [m["role"] for m in first] == ["system", "user", "assistant"]
    assert "CREATE TABLE sales" in first[0]["content"] and "sqlite" in first[0]["content"]
    assert first[1]["content"] == EUROPE.question
    assert first[2]["content"] == f"```sql\n{EUROPE.sql}\n```"
    assert finetune_jsonl([], schema) == ""
