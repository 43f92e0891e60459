"""The stages a question goes through, announced to the user as they start and timed.

Parts below the chain (the model's prefill and generation) add their own counts to the stage running
now through `add_to_stage`, and report progress through `report_progress`, without the chain passing a
clock down to them."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar, Token

StageCallback = Callable[[str], None]

# Stages the user sees announced; others ("prompt", "mend", ...) are timed silently.
STAGES = {
    "schema": "Reading the schema",
    "generate": "Writing SQL",
    "crosscheck": "Cross-checking with more drafts",
    "validate": "Checking the SQL",
    "execute": "Running the query",
    "warm": "Reading the schema into the model",
}

_running: ContextVar[StageClock | None] = ContextVar("tabletalk_stage_clock", default=None)


class StageClock:
    """Announces each stage once and adds up the seconds spent in it."""

    def __init__(self, on_stage: StageCallback | None) -> None:
        self.totals: dict[str, float] = {}
        self._on_stage = on_stage
        self._current: str | None = None
        self._token: Token[StageClock | None] | None = None

    def __call__(self, name: str) -> StageClock:
        self._current = name
        return self

    def __enter__(self) -> None:
        if self._on_stage and self._current in STAGES:
            self._on_stage(STAGES[self._current])
        self._token = _running.set(self)
        self._began = time.perf_counter()

    def __exit__(self, *_exc: object) -> None:
        name = self._current or ""
        self.totals[name] = self.totals.get(name, 0.0) + time.perf_counter() - self._began
        if self._token is not None:
            _running.reset(self._token)
            self._token = None

    def timed(self, name: str, work: Callable[[str], str]) -> Callable[[str], str]:
        """`work` (a step inside another stage, such as mending the model's SQL) with its seconds kept as `name`."""

        def run(text: str) -> str:
            began = time.perf_counter()
            try:
                return work(text)
            finally:
                self.add({name: time.perf_counter() - began})

        return run

    def add(self, counts: Mapping[str, float]) -> None:
        for name, amount in counts.items():
            self.totals[name] = self.totals.get(name, 0.0) + amount

    def progress(self, detail: str) -> None:
        if self._on_stage and self._current in STAGES:
            self._on_stage(f"{STAGES[self._current]} ({detail})")


def add_to_stage(counts: Mapping[str, float]) -> None:
    """Add counts (tokens, seconds) to the clock whose stage is running in this context, if any."""
    if (clock := _running.get()) is not None:
        clock.add(counts)


def report_progress(detail: str) -> None:
    """Tell the user how the running stage is going ("read 40% of the prompt"), if a stage is running."""
    if (clock := _running.get()) is not None:
        clock.progress(detail)
