"""Question -> SQL -> checked -> run -> Answer, with the database's errors fed back to the model."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import partial

import pandas as pd
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.runnables import Runnable, RunnableLambda

from chains.answer import Answer, Attempt, Outcome, Turn
from chains.by_definitions import plan
from chains.caution import caution_for
from chains.consistency import SAMPLE_TEMPERATURE, result_key, settled, winner
from chains.examples import similar_examples
from chains.extract import CannotAnswer, extract_sql
from chains.follow_up import builds_on_earlier
from chains.llm.backends import MAX_TOKENS, model_id
from chains.llm.sampling import sampling_variant
from chains.mending import RULES, MendContext, Mended, Rule, mend
from chains.prompt import PROMPT, prompt_inputs, repair_messages
from chains.query_runner import QueryRunner
from chains.question_checks import unranked_superlative
from chains.relevance import RELEVANCE_QUESTION, said_no, shares_no_word_with
from chains.rounding import asked_decimals, rounded
from chains.schema_focus import focus_schema
from chains.stages import StageCallback, StageClock
from chains.value_hints import find_value_hints, render_hints
from connectors.errors import WarehouseError, WarehouseUnavailable
from connectors.policy import EVERYTHING, Policy
from connectors.schema import Schema
from connectors.values import ValueIndex
from connectors.warehouse import Warehouse
from semantic.clarify import Choice, needs_clarifying, with_definition
from semantic.render import render_definitions
from semantic.spec import SemanticModel

log = logging.getLogger(__name__)

Mender = Callable[[str], Mended]  # the model's SQL -> the same SQL with its known slips mended, each change listed

EMPTY_RESULT_FEEDBACK = (
    "The query ran but returned no rows. If the question expects rows, check the filter values (exact "
    "spelling, case, date format) and the joins, and write a corrected query. If no rows is the right answer, "
    "repeat the same query."
)

_WORD = re.compile(r"[^\W\d_]{2,}")
EMPTY_QUESTION_MESSAGE = "Please ask a question in words, for example: “What were total sales last year?”"


def unusable_question(question: str) -> Answer | None:
    """The answer to input with no words in it ("", "???"), decided without a model; None for a real question."""
    if _WORD.search(question.strip()):
        return None
    return Answer(question=question.strip(), outcome=Outcome.EMPTY_QUESTION, message=EMPTY_QUESTION_MESSAGE)


@dataclass
class SqlChain:
    model: BaseChatModel
    warehouse: Warehouse
    max_attempts: int = 2
    drafts: int = 1
    drafts_when: str = "always"  # "unsure": only for an answer whose first greedy query needed a re-try
    value_hints: bool = True
    schema_style: str = "ddl"
    # The warehouse's business definitions: analyst questions are compiled from them, and SQL writing sees them.
    semantic: SemanticModel | None = None
    definitions_path: bool = True
    # False answers only from the definitions (what `bench --without sql-writing` measures: which questions the
    # definitions take, right or wrong, in seconds rather than the minutes SQL writing needs).
    sql_writing: bool = True
    definitions_in_prompt: bool = True
    mending_rules: Sequence[Rule] = RULES  # bench `--without RULE` measures a rule by leaving it out
    _writer: Runnable = field(init=False, repr=False)
    _runner: QueryRunner = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._writer = PROMPT | self.model
        self._runner = QueryRunner(self.warehouse)

    def as_runnable(self) -> Runnable[dict, Answer]:
        """`{"question": str, "history": [Turn]}` -> Answer, for LangChain composition."""
        return RunnableLambda(lambda inputs: self.ask(inputs["question"], inputs.get("history") or []))

    def ask(
        self,
        question: str,
        history: list[Turn] | None = None,
        on_stage: StageCallback | None = None,
        verified: Sequence[Turn] = (),
        policy: Policy = EVERYTHING,
        chosen: Choice | None = None,
    ) -> Answer:
        """`verified`: question/SQL pairs a person checked on this warehouse; the closest become examples.
        `policy`: the asking user's role; the model sees only what it allows, and so does the answer.
        `chosen`: the user's answer to a clarifying question asked about this question."""
        started = time.perf_counter()
        stage = StageClock(on_stage)
        answer = Answer(question=question.strip(), outcome=Outcome.FAILED, model=model_id(self.model), chosen=chosen)
        try:
            examples = similar_examples(answer.question, [*verified, *self._verified_in_definitions()])
            self._answer(answer, history or [], stage, examples, policy)
        finally:
            answer.timings = {**stage.totals, "total": time.perf_counter() - started}
        return answer

    def _verified_in_definitions(self) -> list[Turn]:
        """The semantic model's verified queries (Cortex's `verified_queries`), as examples for SQL writing."""
        return [Turn(q.question, q.sql) for q in self.semantic.verified_queries] if self.semantic else []

    def sql_prompt_inputs(
        self,
        schema: Schema,
        question: str,
        history: list[Turn],
        hints: str = "",
        examples: list[Turn] | None = None,
        semantic: SemanticModel | None = None,
    ) -> dict[str, object]:
        """The SQL-writing prompt's inputs: the schema, then the business definitions where the prompt shows
        them, then the question's examples, hints and the question (the warm start prefills its beginning)."""
        inputs = prompt_inputs(schema, question, history, [], hints, examples or [], self.schema_style)
        if semantic is not None and self.definitions_in_prompt:
            inputs["schema"] = f"{inputs['schema']}\n\n{render_definitions(semantic, schema.dialect)}".rstrip()
        return inputs

    def run_sql(
        self, sql: str, question: str = "", on_stage: StageCallback | None = None, policy: Policy = EVERYTHING
    ) -> Answer:
        """Run SQL a person wrote or edited through the same guard as the model's SQL; no model call."""
        return self._runner.run_sql(sql, question, on_stage, model=model_id(self.model), policy=policy)

    def _answer(
        self, answer: Answer, history: list[Turn], stage: StageClock, examples: list[Turn], policy: Policy
    ) -> None:
        if (unusable := unusable_question(answer.question)) is not None:
            answer.outcome, answer.message = unusable.outcome, unusable.message
            return
        try:
            with stage("schema"):
                warehouse = self.warehouse.seen_by(policy)
                whole = warehouse.schema()
        except WarehouseUnavailable as error:
            answer.outcome, answer.message = Outcome.WAREHOUSE_UNAVAILABLE, str(error)
            return
        with stage("values"):
            values = _stored_values(warehouse)
            tables = [table.name for table in whole.tables]
            columns = [(table.name, column.name) for table in whole.tables for column in table.columns]
            found = (
                find_value_hints(answer.question, values, tables=tables, columns=columns) if self.value_hints else []
            )
            hints = render_hints(found)
            # A large schema is cut to the tables the question is about; a small one passes unchanged.
            schema = focus_schema(whole, answer.question, {h.table for h in found}, [t.sql for t in history])

        semantic = with_definition(self.semantic, answer.chosen) if self.semantic and answer.chosen else self.semantic
        # A question that stands on its own mid-conversation is answered as if it came first.
        fresh = not history or not builds_on_earlier(answer.question)
        if fresh and self._by_definitions(answer, semantic, found, stage, policy):
            return
        if not self.sql_writing:
            answer.outcome, answer.message = (
                Outcome.CANNOT_ANSWER,
                "SQL writing is switched off. " + (answer.explanation or "The business definitions did not fit."),
            )
            return
        if fresh and shares_no_word_with(answer.question, whole) and self._off_topic(answer, schema, stage):
            return
        with stage("prompt"):
            inputs = self.sql_prompt_inputs(schema, answer.question, history, hints, examples, semantic)
        mender = stage.timed(
            "mend", partial(mend, context=MendContext(whole, answer.question, values), rules=self.mending_rules)
        )
        self._write_and_run(answer, inputs, stage, policy, mender)
        if answer.ok and self.drafts > 1 and (self.drafts_when == "always" or len(answer.attempts) > 1):
            self._cross_check(answer, inputs, stage, policy, mender)
        if answer.ok:
            answer.caution = caution_for(answer.question)

    def _by_definitions(
        self, answer: Answer, semantic: SemanticModel | None, hints: list, stage: StageClock, policy: Policy
    ) -> bool:
        """Answer from the semantic model's definitions if the question fits them, or ask what a term means;
        False to write SQL instead."""
        if semantic is None or not self.definitions_path:
            return False
        question, required = answer.question, ()
        if answer.chosen is not None:
            if answer.chosen.metric:
                question = f"{answer.chosen.metric.replace('_', ' ')}: {question}"
            if answer.chosen.definition is not None:
                required = (answer.chosen.definition.name,)
        elif (clarification := needs_clarifying(question, semantic)) is not None:
            answer.outcome, answer.message, answer.clarification = (
                Outcome.NEEDS_CLARIFICATION,
                clarification.prompt,
                clarification,
            )
            return True
        with stage("definitions"):
            planned = plan(question, semantic, self.model, self.warehouse, hints, required_filters=required)
        answer.request_attempt = planned.attempt
        answer.request = asdict(planned.request) if planned.request else None
        if planned.compiled is None:
            answer.explanation = (
                f"The model wrote this SQL itself: the business definitions did not fit ({planned.reason})."
            )
            return False
        error = self._runner.run_into(answer, planned.compiled.sql, stage, policy)
        if error is not None:
            log.warning("the compiled query failed, SQL writing takes over: %s", error)
            answer.sql, answer.data, answer.outcome, answer.message = None, None, Outcome.FAILED, None
            answer.explanation = f"The model wrote this SQL itself: the query from the definitions failed ({error})."
            return False
        answer.outcome, answer.message, answer.route = Outcome.ANSWERED, None, "definitions"
        answer.explanation = planned.compiled.explanation
        answer.notes = list(planned.compiled.notes)
        if (places := asked_decimals(question)) is not None and answer.data is not None:
            answer.data = rounded(answer.data, places)
            answer.notes.append(f"Numbers rounded to {places} decimal place{'s' if places != 1 else ''}, as asked.")
        answer.units = {column: unit for column, unit in planned.compiled.units.items() if unit}
        return True

    def _write_and_run(self, answer: Answer, inputs: dict, stage: StageClock, policy: Policy, mend: Mender) -> None:
        """Greedy drafts until one runs, each re-try told what went wrong with the last."""
        repairs: list[BaseMessage] = []
        empty_result: Answer | None = None  # kept in case a re-check finds nothing better
        doubted: str | None = None  # would run, but a check doubts it: the answer if nothing better comes
        for attempt_number in range(1, self.max_attempts + 1):
            attempt = self._write_sql(answer, {**inputs, "repairs": repairs}, stage, mend)
            if attempt is None:
                return
            answer.sql = attempt.sql
            if attempt.sql is None:
                attempt.error = "The reply contained no SQL query."
            elif empty_result and _same_sql(attempt.sql, empty_result.sql or ""):
                break  # the model stands by its query: no rows is its answer
            elif (unranked := unranked_superlative(answer.question, attempt.sql, self.warehouse.dialect)) and (
                attempt_number < self.max_attempts
            ):
                attempt.error = unranked
                doubted = doubted or attempt.sql
            else:
                attempt.error = self._runner.run_into(answer, attempt.sql, stage, policy, doubts=True)
                if attempt.error and doubted is None and self._runner.only_doubted(attempt.sql, policy):
                    doubted = attempt.sql
            if attempt.error is None:
                if empty_result is None and _is_empty(answer.data) and attempt_number < self.max_attempts:
                    empty_result = replace(answer, sql=answer.sql or attempt.sql)
                    repairs = repairs + repair_messages(_as_run(attempt), EMPTY_RESULT_FEEDBACK, failed=False)
                    continue
                if not _is_empty(answer.data) or empty_result is None:
                    answer.outcome, answer.message = Outcome.ANSWERED, None
                    return
                break
            if answer.outcome is Outcome.WAREHOUSE_UNAVAILABLE:
                return
            repairs = repairs + repair_messages(_as_run(attempt), attempt.error)
        if empty_result is not None:
            answer.sql, answer.data, answer.truncated = empty_result.sql, empty_result.data, False
            answer.ran_from, answer.check_changes = empty_result.ran_from, empty_result.check_changes
            answer.outcome, answer.message = Outcome.ANSWERED, None
            return
        if doubted is not None and self._runner.run_into(answer, doubted, stage, policy) is None:
            answer.outcome, answer.message = Outcome.ANSWERED, None
            return
        answer.message = answer.message or (
            f"I could not write a query that runs after {self.max_attempts} tries. "
            f"The last problem was: {answer.attempts[-1].error} Try rephrasing the question or naming the table."
        )

    def _cross_check(self, answer: Answer, inputs: dict, stage: StageClock, policy: Policy, mend: Mender) -> None:
        """Sample more drafts of the first prompt and keep the result most drafts return (self-consistency).

        Drafts stop as soon as the rest could not change the winner; a draft that fails is not a vote."""
        reply_budget = max(64, 2 * answer.attempts[-1].completion_tokens + 32)
        keys = [result_key(answer.data)]
        results: list[Answer] = [replace(answer)]  # each result with the SQL it ran from (Answer.changes)
        for seed in range(1, self.drafts):
            if settled(keys, self.drafts - seed):
                break
            model = sampling_variant(self.model, SAMPLE_TEMPERATURE, seed, min(reply_budget, MAX_TOKENS))
            draft = Answer(question=answer.question, outcome=Outcome.FAILED)
            written = self._write_sql(draft, inputs, stage, mend, PROMPT | model, stage_name="crosscheck")
            answer.drafts += draft.attempts
            if draft.outcome is Outcome.MODEL_UNAVAILABLE:
                break
            if written is None or written.sql is None:
                continue
            if self._runner.run_into(draft, written.sql, stage, policy, doubts=True) is None:
                keys.append(result_key(draft.data))
                results.append(draft)
        best = winner(keys, [_is_empty(result.data) for result in results])
        chosen = results[best]
        answer.sql, answer.data, answer.truncated = chosen.sql, chosen.data, chosen.truncated
        answer.ran_from, answer.check_changes = chosen.ran_from, chosen.check_changes
        answer.agreeing = keys.count(keys[best])

    def _off_topic(self, answer: Answer, schema: Schema, stage: StageClock) -> bool:
        """Ask the model, yes or no, whether the tables can answer; True (and the answer set) if not."""
        inputs = prompt_inputs(
            schema, RELEVANCE_QUESTION.format(question=answer.question), [], [], schema_style=self.schema_style
        )
        try:
            with stage("generate"):
                reply = (PROMPT | self.model.bind(max_tokens=3)).invoke(inputs)
        except Exception:  # noqa: BLE001 - the SQL step reports a model failure in its own words
            return False
        if not said_no(reply.text):
            return False
        answer.outcome = Outcome.CANNOT_ANSWER
        answer.message = (
            "This warehouse does not seem to hold what the question needs: none of its tables is about "
            f"“{answer.question}”. Ask about the data it holds (see the tables in the sidebar)."
        )
        return True

    def _write_sql(
        self,
        answer: Answer,
        inputs: dict,
        stage: StageClock,
        mend: Mender,
        writer: Runnable | None = None,
        stage_name: str = "generate",
    ) -> Attempt | None:
        """One model call. None when the model cannot be used or says the schema cannot answer."""
        began = time.perf_counter()
        try:
            with stage(stage_name):
                reply = (writer or self._writer).invoke(inputs)
        except Exception as error:  # noqa: BLE001 - any backend failure becomes one sentence for the user
            answer.outcome = Outcome.MODEL_UNAVAILABLE
            answer.message = f"The model did not answer ({_first_line(error)}): check that the model server is running."
            return None
        attempt = Attempt.of_reply(reply, time.perf_counter() - began)
        answer.attempts.append(attempt)
        try:
            attempt.sql = extract_sql(reply.text)
        except CannotAnswer as reason:
            attempt.error = str(reason)
            answer.outcome = Outcome.CANNOT_ANSWER
            answer.message = f"This warehouse does not seem to hold what the question needs: {reason}"
            return None
        if attempt.sql is not None:
            mended = mend(attempt.sql)
            attempt.model_sql, attempt.sql, attempt.changes = attempt.sql, mended.sql, mended.changes
        return attempt


def _stored_values(warehouse: Warehouse) -> ValueIndex:
    """The warehouse's short text values, for hints and the value repair; none if it cannot list them."""
    try:
        return warehouse.text_values()
    except WarehouseError:
        return {}  # they only help: a warehouse that cannot list values still gets asked


def _is_empty(data: pd.DataFrame | None) -> bool:
    """No rows, or only NULLs (an aggregate over no rows): a sign that a filter value may be misspelled."""
    return data is None or data.empty or bool(data.isna().all().all())


def _as_run(attempt: Attempt) -> str:
    """The model's reply as the chain ran it: its SQL after mending, so that the feedback speaks of that
    query, and the model is not shown again a slip it would copy (a stray `REFERENCES`)."""
    return f"```sql\n{attempt.sql}\n```" if attempt.sql else attempt.raw_output


def _same_sql(first: str, second: str) -> bool:
    return " ".join(first.split()) == " ".join(second.split())


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0].rstrip(".")
