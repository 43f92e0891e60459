"""The app's own chain, called exactly as the UI calls it: `SqlChain.ask(question)` on a read-only Warehouse."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from langchain_core.language_models.chat_models import BaseChatModel

from bench.dataset import Question
from bench.execute import ExecutionError, frame_rows, run_readonly
from bench.prediction import Prediction
from chains.answer import Outcome
from chains.factory import chain_over
from chains.mending import rules_without
from chains.prompt import PROMPT
from chains.sql_chain import SqlChain
from settings import query_settings

NAME = "app"
# The environment failed, not the chain: such results are not cached.
_ENVIRONMENT_FAILURES = {Outcome.MODEL_UNAVAILABLE, Outcome.WAREHOUSE_UNAVAILABLE}


@dataclass
class AppSystem:
    model: BaseChatModel
    value_hints: bool = True  # False measures the chain without them (`--without value-hints`)
    schema_style: str = "ddl"  # how the prompt renders the schema (`--schema-style`)
    definitions: str = "auto"  # business definitions: "auto" (file, else auto-draft), "file", "off"
    without_rules: tuple[str, ...] = ()  # mending rules left out (`--without RULE`)
    sql_writing: bool = True  # False: only the definitions answer (`--without sql-writing`)
    _chains: dict[str, SqlChain] = field(default_factory=dict, init=False)

    @property
    def prompt_text(self) -> str:
        """What the cache fingerprint keys on: the prompt, and any part of the chain switched off."""
        switches = (
            ("" if self.value_hints else "\n[without value hints]")
            + ("" if self.schema_style == "ddl" else f"\n[schema style {self.schema_style}]")
            + "".join(f"\n[without mending rule {rule}]" for rule in sorted(self.without_rules))
            + ("" if self.sql_writing else "\n[without sql writing]")
        )
        switches += f"\n[definitions {self.definitions}]"
        return PROMPT.pretty_repr() + switches

    def predict(self, question: Question) -> Prediction:
        chain = self._chain(question)
        started = time.perf_counter()
        answer = chain.ask(question.prompt_text)
        seconds = time.perf_counter() - started
        rows = None
        error = None if answer.ok else answer.message
        if answer.ok and answer.data is not None:
            if answer.truncated:
                # The UI stops at the row cap; scoring needs every row, so run the same SQL again uncapped.
                try:
                    rows = run_readonly(question.db_path, answer.sql or "", query_settings().timeout_seconds)
                except ExecutionError as failure:
                    error = f"Uncapped re-run for scoring failed: {failure}"
            else:
                rows = frame_rows(answer.data)
        return Prediction(
            sql=answer.sql,
            rows=rows,
            error=error,
            seconds=seconds,
            outcome=str(answer.outcome),
            attempts=len(answer.attempts),
            prompt_tokens=answer.prompt_tokens,
            completion_tokens=answer.completion_tokens,
            cacheable=answer.outcome not in _ENVIRONMENT_FAILURES,
            first_reply=answer.attempts[0].raw_output if answer.attempts else None,
            route=answer.route,
            explanation=answer.explanation or "",
            caution=answer.caution,
            timings=dict(answer.timings),
            request=answer.request,
        )

    def _chain(self, question: Question) -> SqlChain:
        if question.db_id not in self._chains:
            # As the app builds it: the configured row cap, time limit, re-tries and drafts.
            self._chains[question.db_id] = chain_over(
                self.model,
                question.db_url,
                name=question.db_id,
                definitions=self.definitions,
                value_hints=self.value_hints,
                schema_style=self.schema_style,
                mending_rules=rules_without(set(self.without_rules)),
                sql_writing=self.sql_writing,
            )
        return self._chains[question.db_id]

    def close(self) -> None:
        for chain in self._chains.values():
            chain.warehouse.close()
        self._chains.clear()
