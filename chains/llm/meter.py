"""What each completion of the embedded model spent: prompt tokens served from the KV cache, prompt
tokens computed (the prefill) and their seconds, generated tokens and their seconds.

`Llama.generate` evaluates a completion's uncached prompt tokens in one `eval` call, then one `eval`
per generated token; the meter wraps `eval` on the one `Llama` object to see both. A long prefill is
handed to `eval` one batch (`n_batch` tokens) at a time, as `eval` itself would cut it, so the numbers
are the same and the progress can be reported between batches.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Progress = Callable[[float], None]  # the share of the prefill done, 0..1


@dataclass
class CompletionCounts:
    cached_tokens: int = 0
    computed_tokens: int = 0
    prefill_seconds: float = 0.0
    generated_tokens: int = 0

    def as_timings(self, seconds: float) -> dict[str, float]:
        """The counts in an Answer's timings, beside the stage seconds; `seconds`: the whole call."""
        return {
            "prompt_cached_tokens": self.cached_tokens,
            "prompt_computed_tokens": self.computed_tokens,
            "prefill": self.prefill_seconds,
            "generated_tokens": self.generated_tokens,
            "generation": max(0.0, seconds - self.prefill_seconds),
        }


class EvalMeter:
    """Counts one completion at a time: `begin()` before it, `counts` after it."""

    def __init__(self, llama: Any) -> None:
        self.counts = CompletionCounts()
        self._llama = llama
        self._eval = llama.eval
        self._prefilling = False
        self._on_progress: Progress | None = None
        # An instance attribute shadows the method: Llama.generate calls self.eval.
        llama.eval = self._metered_eval

    def begin(self, on_progress: Progress | None = None) -> None:
        self.counts = CompletionCounts()
        self._prefilling = True
        self._on_progress = on_progress

    def _metered_eval(self, tokens: Sequence[int]) -> None:
        if not self._prefilling:
            self.counts.generated_tokens += len(tokens)
            self._eval(tokens)
            return
        self._prefilling = False
        began = time.perf_counter()
        self.counts.cached_tokens = int(self._llama.n_tokens)
        self.counts.computed_tokens = len(tokens)
        batch = int(self._llama.n_batch)
        if self._on_progress is None or len(tokens) <= batch:
            self._eval(tokens)
        else:
            for start in range(0, len(tokens), batch):
                self._on_progress(start / len(tokens))
                self._eval(tokens[start : start + batch])
        self.counts.prefill_seconds = time.perf_counter() - began
