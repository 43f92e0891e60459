"""What one system produced for one question, before scoring."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.execute import Row


@dataclass
class Prediction:
    sql: str | None
    rows: list[Row] | None  # the full result, or None when there is none to score
    error: str | None
    seconds: float  # wall time from question to result rows
    outcome: str
    attempts: int = 1
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # False when the failure is the environment's (model server down), not the system's: never cache it.
    cacheable: bool = True
    # The model's first reply, before any mending or re-try: lets mending be replayed offline (bench.mending).
    first_reply: str | None = None
    # Which path answered ("definitions" or "sql"), and the answer's stage timings (seconds and token counts).
    route: str | None = None
    # What was computed, or why the business definitions did not fit and the model wrote the SQL itself.
    explanation: str = ""
    caution: str = ""  # the answer told the user to check it (chains/caution.py)
    timings: dict[str, float] = field(default_factory=dict)
    # The structured request the model filled over the business definitions, answered or not.
    request: dict | None = None
