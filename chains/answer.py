"""The one result object that flows back from the chain to the pages, the CLI and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd

from chains.mending import Firing
from semantic.clarify import Choice, Clarification


class Outcome(StrEnum):
    ANSWERED = "answered"
    EMPTY_QUESTION = "empty_question"
    CANNOT_ANSWER = "cannot_answer"
    MODEL_UNAVAILABLE = "model_unavailable"
    WAREHOUSE_UNAVAILABLE = "warehouse_unavailable"
    REFUSED = "refused"
    NEEDS_CLARIFICATION = "needs_clarification"
    FAILED = "failed"


@dataclass
class Attempt:
    """One round trip to the model: what it wrote, the SQL taken from it, and what went wrong."""

    raw_output: str
    sql: str | None
    error: str | None
    seconds: float
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_sql: str | None = None  # the SQL as the model wrote it, before mending changed it into `sql`
    changes: list[Firing] = field(default_factory=list)  # each mending rule that changed it, in order

    @classmethod
    def of_reply(cls, reply: Any, seconds: float) -> Attempt:
        """A model reply (a LangChain message) with its token counts; its SQL is read afterwards."""
        usage = getattr(reply, "usage_metadata", None) or {}
        return cls(
            raw_output=reply.text,
            sql=None,
            error=None,
            seconds=seconds,
            prompt_tokens=usage.get("input_tokens", 0),
            completion_tokens=usage.get("output_tokens", 0),
        )


@dataclass
class Turn:
    """A previous question and the SQL that answered it, for follow-ups."""

    question: str
    sql: str


@dataclass
class Answer:
    question: str
    outcome: Outcome
    message: str | None = None
    sql: str | None = None
    data: pd.DataFrame | None = None
    truncated: bool = False
    attempts: list[Attempt] = field(default_factory=list)
    # Self-consistency: the sampled drafts, and how many drafts (the greedy one included) returned this result.
    drafts: list[Attempt] = field(default_factory=list)
    agreeing: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    model: str = ""
    # "definitions" when the SQL was compiled from the semantic model's definitions, "sql" when the model wrote it.
    route: str = "sql"
    # What was computed, in plain words; remarks the user should read (a ranking that could go the other way).
    explanation: str = ""
    notes: list[str] = field(default_factory=list)
    # Doubt the user should see before the numbers: an analyst question answered by the model's own SQL.
    caution: str = ""
    # Result column -> unit ("USD", "%", "days"), from the definitions the answer was computed with.
    units: dict[str, str] = field(default_factory=dict)
    # The structured request the model filled on the definitions path, and that model call.
    request: dict | None = None
    request_attempt: Attempt | None = None
    # A term the definitions lack: the question back to the user, with choices (semantic.clarify.Clarification);
    # and the choice this answer was computed with, which an admin may save as a definition.
    clarification: Clarification | None = None
    chosen: Choice | None = None
    # The SQL as handed to the check, before the check's own repair and the access policy's rewrite, and
    # what that repair changed (chains/query_runner.py): how `sql` is traced back to the model's reply.
    ran_from: str | None = None
    check_changes: list[Firing] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.ANSWERED

    @property
    def model_calls(self) -> list[Attempt]:
        return ([self.request_attempt] if self.request_attempt else []) + self.attempts + self.drafts

    @property
    def prompt_tokens(self) -> int:
        return sum(a.prompt_tokens for a in self.model_calls)

    @property
    def completion_tokens(self) -> int:
        return sum(a.completion_tokens for a in self.model_calls)

    @property
    def changes(self) -> list[Firing]:
        """Every automatic change to the SQL that answered, in order: empty when it ran as written."""
        source = self._source_attempt()
        return (source.changes if source else []) + self.check_changes

    @property
    def model_sql(self) -> str | None:
        """The model's own SQL behind the answer's SQL (or the SQL a person wrote, before any change)."""
        source = self._source_attempt()
        if source and source.model_sql:
            return source.model_sql
        return self.ran_from or self.sql

    def _source_attempt(self) -> Attempt | None:
        """The latest model reply whose (mended) SQL is the one the answer ran from."""
        ran_from = self.ran_from or self.sql
        return next((a for a in reversed(self.attempts + self.drafts) if ran_from and a.sql == ran_from), None)

    @property
    def seconds(self) -> float:
        return self.timings.get("total", 0.0)

    @property
    def row_count(self) -> int:
        return 0 if self.data is None else len(self.data)

    def as_turn(self) -> Turn | None:
        return Turn(self.question, self.sql) if self.ok and self.sql else None
