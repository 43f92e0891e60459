"""Question -> SQL -> checked -> run -> Answer, with the database's errors fed back to the model."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.runnables import Runnable, RunnableLambda

from chains.answer import Answer, Attempt, Outcome, Turn
from chains.extract import CannotAnswer, extract_sql
from chains.llm.backends import model_id
from chains.prompt import PROMPT, prompt_inputs, repair_messages
from chains.relevance import RELEVANCE_QUESTION, said_no, shares_no_word_with
from chains.repair import repair_misplaced_columns
from chains.value_hints import find_value_hints, render_hints
from connectors.errors import QueryFailed, QueryRefused, QueryTimeout, WarehouseError, WarehouseUnavailable
from connectors.schema import Schema
from connectors.warehouse import Warehouse

StageCallback = Callable[[str], None]
EMPTY_RESULT_FEEDBACK = (
    "The query ran but returned no rows. If the question expects rows, check the filter values (exact "
    "spelling, case, date format) and the joins, and write a corrected query. If no rows is the right answer, "
    "repeat the same query."
)

STAGES = {
    "schema": "Reading the schema",
    "generate": "Writing SQL",
    "validate": "Checking the SQL",
    "execute": "Running the query",
}
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
    max_attempts: int = 3
    value_hints: bool = True
    _writer: Runnable = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._writer = PROMPT | self.model

    def as_runnable(self) -> Runnable[dict, Answer]:
        """`{"question": str, "history": [Turn]}` -> Answer, for LangChain composition."""
        return RunnableLambda(lambda inputs: self.ask(inputs["question"], inputs.get("history") or []))

    def ask(self, question: str, history: list[Turn] | None = None, on_stage: StageCallback | None = None) -> Answer:
        started = time.perf_counter()
        stage = _StageClock(on_stage)
        answer = Answer(question=question.strip(), outcome=Outcome.FAILED, model=model_id(self.model))
        try:
            self._answer(answer, history or [], stage)
        finally:
            answer.timings = {**stage.totals, "total": time.perf_counter() - started}
        return answer

    def run_sql(self, sql: str, question: str = "", on_stage: StageCallback | None = None) -> Answer:
        """Run SQL a person wrote or edited through the same guard as the model's SQL; no model call."""
        started = time.perf_counter()
        stage = _StageClock(on_stage)
        answer = Answer(question=question.strip(), outcome=Outcome.FAILED, sql=sql.strip(), model=model_id(self.model))
        try:
            if not answer.sql:
                answer.message = "There is no SQL to run: write a SELECT query."
                return answer
            error = self._run(answer, answer.sql, stage)
            if error is None:
                answer.outcome = Outcome.ANSWERED
            elif answer.message is None:
                answer.message = f"The query did not run: {error} Check the SQL and try again."
        finally:
            answer.timings = {**stage.totals, "total": time.perf_counter() - started}
        return answer

    def _answer(self, answer: Answer, history: list[Turn], stage: _StageClock) -> None:
        if (unusable := unusable_question(answer.question)) is not None:
            answer.outcome, answer.message = unusable.outcome, unusable.message
            return
        try:
            with stage("schema"):
                schema = self.warehouse.schema()
        except WarehouseUnavailable as error:
            answer.outcome, answer.message = Outcome.WAREHOUSE_UNAVAILABLE, str(error)
            return

        if not history and shares_no_word_with(answer.question, schema) and self._off_topic(answer, schema, stage):
            return
        with stage("schema"):
            hints = self._hints(answer.question)
        repairs: list[BaseMessage] = []
        empty_result: tuple[str, pd.DataFrame] | None = None  # kept in case a re-check finds nothing better
        for attempt_number in range(1, self.max_attempts + 1):
            attempt = self._write_sql(answer, prompt_inputs(schema, answer.question, history, repairs, hints), stage)
            if attempt is None:
                return
            answer.sql = attempt.sql
            if attempt.sql is None:
                attempt.error = "The reply contained no SQL query."
            elif empty_result and _same_sql(attempt.sql, empty_result[0]):
                break  # the model stands by its query: no rows is its answer
            else:
                attempt.error = self._run(answer, attempt.sql, stage)
            if attempt.error is None:
                if empty_result is None and _is_empty(answer.data) and attempt_number < self.max_attempts:
                    empty_result = (answer.sql or attempt.sql, answer.data)
                    repairs = repairs + repair_messages(attempt.raw_output, EMPTY_RESULT_FEEDBACK, failed=False)
                    continue
                if not _is_empty(answer.data) or empty_result is None:
                    answer.outcome, answer.message = Outcome.ANSWERED, None
                    return
                break
            if answer.outcome is Outcome.WAREHOUSE_UNAVAILABLE:
                return
            repairs = repairs + repair_messages(attempt.raw_output, attempt.error)
        if empty_result is not None:
            answer.sql, answer.data, answer.truncated = empty_result[0], empty_result[1], False
            answer.outcome, answer.message = Outcome.ANSWERED, None
            return
        answer.message = answer.message or (
            f"I could not write a query that runs after {self.max_attempts} tries. "
            f"The last problem was: {answer.attempts[-1].error} Try rephrasing the question or naming the table."
        )

    def _off_topic(self, answer: Answer, schema: Schema, stage: _StageClock) -> bool:
        """Ask the model, yes or no, whether the tables can answer; True (and the answer set) if not."""
        inputs = prompt_inputs(schema, RELEVANCE_QUESTION.format(question=answer.question), [], [])
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

    def _validated(self, sql: str) -> str:
        """The SQL if it validates, else its deterministic repair if that validates; QueryFailed otherwise."""
        try:
            self.warehouse.validate(sql)
            return sql
        except QueryFailed:
            repaired = repair_misplaced_columns(sql, self.warehouse.schema())
            if repaired is None:
                raise
            self.warehouse.validate(repaired)
            return repaired

    def _hints(self, question: str) -> str:
        if not self.value_hints:
            return ""
        try:
            return render_hints(find_value_hints(question, self.warehouse.text_values()))
        except WarehouseError:
            return ""  # hints only help; a warehouse that cannot list values still gets asked

    def _write_sql(self, answer: Answer, inputs: dict, stage: _StageClock) -> Attempt | None:
        """One model call. None when the model cannot be used or says the schema cannot answer."""
        began = time.perf_counter()
        try:
            with stage("generate"):
                reply = self._writer.invoke(inputs)
        except Exception as error:  # noqa: BLE001 - any backend failure becomes one sentence for the user
            answer.outcome = Outcome.MODEL_UNAVAILABLE
            answer.message = f"The model did not answer ({_first_line(error)}): check that the model server is running."
            return None
        usage = getattr(reply, "usage_metadata", None) or {}
        attempt = Attempt(
            raw_output=reply.text,
            sql=None,
            error=None,
            seconds=time.perf_counter() - began,
            prompt_tokens=usage.get("input_tokens", 0),
            completion_tokens=usage.get("output_tokens", 0),
        )
        answer.attempts.append(attempt)
        try:
            attempt.sql = extract_sql(reply.text)
        except CannotAnswer as reason:
            attempt.error = str(reason)
            answer.outcome = Outcome.CANNOT_ANSWER
            answer.message = f"This warehouse does not seem to hold what the question needs: {reason}"
            return None
        return attempt

    def _run(self, answer: Answer, sql: str, stage: _StageClock) -> str | None:
        """Validate and execute; the error text to feed back to the model, or None on success."""
        try:
            with stage("validate"):
                sql = self._validated(sql)
                answer.sql = sql
            with stage("execute"):
                result = self.warehouse.run(sql)
        except QueryRefused as error:
            answer.outcome, answer.message = Outcome.REFUSED, f"The query was refused: {error.reason}"
            return error.reason
        except WarehouseUnavailable as error:
            answer.outcome, answer.message = Outcome.WAREHOUSE_UNAVAILABLE, str(error)
            return str(error)
        except (QueryFailed, QueryTimeout, WarehouseError) as error:
            answer.outcome, answer.message = Outcome.FAILED, None
            return str(error)
        answer.data, answer.truncated = result.data, result.truncated
        return None


class _StageClock:
    """Announces each stage once and adds up the seconds spent in it."""

    def __init__(self, on_stage: StageCallback | None) -> None:
        self.totals: dict[str, float] = {}
        self._on_stage = on_stage
        self._current: str | None = None

    def __call__(self, name: str) -> _StageClock:
        self._current = name
        return self

    def __enter__(self) -> None:
        if self._on_stage:
            self._on_stage(STAGES[self._current or ""])
        self._began = time.perf_counter()

    def __exit__(self, *_exc: object) -> None:
        name = self._current or ""
        self.totals[name] = self.totals.get(name, 0.0) + time.perf_counter() - self._began


def _is_empty(data: pd.DataFrame | None) -> bool:
    """No rows, or only NULLs (an aggregate over no rows): a sign that a filter value may be misspelled."""
    return data is None or data.empty or bool(data.isna().all().all())


def _same_sql(first: str, second: str) -> bool:
    return " ".join(first.split()) == " ".join(second.split())


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0].rstrip(".")
