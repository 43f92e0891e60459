"""The stages a question goes through, announced to the user as they start and timed."""

from __future__ import annotations

import time
from collections.abc import Callable

StageCallback = Callable[[str], None]

STAGES = {
    "schema": "Reading the schema",
    "generate": "Writing SQL",
    "crosscheck": "Cross-checking with more drafts",
    "validate": "Checking the SQL",
    "execute": "Running the query",
}


class StageClock:
    """Announces each stage once and adds up the seconds spent in it."""

    def __init__(self, on_stage: StageCallback | None) -> None:
        self.totals: dict[str, float] = {}
        self._on_stage = on_stage
        self._current: str | None = None

    def __call__(self, name: str) -> StageClock:
        self._current = name
        return self

    def __enter__(self) -> None:
        if self._on_stage:
            self._on_stage(STAGES[self._current or ""])
        self._began = time.perf_counter()

    def __exit__(self, *_exc: object) -> None:
        name = self._current or ""
        self.totals[name] = self.totals.get(name, 0.0) + time.perf_counter() - self._began
