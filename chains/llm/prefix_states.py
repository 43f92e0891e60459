"""Computed prompt beginnings kept beside the model's one context, so that switching between warehouses
(each with its own schema in the prompt) does not prefill the schema again.

llama.cpp holds one context: a prompt reuses whatever beginning it shares with the last one. A kept
state (the KV cache of a prefilled beginning, through llama.cpp's state API) is put back before a
completion whose prompt shares more with it than with the current context. A state holds only the used
cells: ~30 KB a token for the 1.5B model, ~60 MB for the demo warehouse's prompt.
"""

from __future__ import annotations

import ctypes
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

CAPACITY = 8  # prompt families kept prefilled: a warehouse's SQL prompt and its definitions' prompt
MIN_GAIN_TOKENS = 64  # restoring costs ~0.1 s: not worth it for a few tokens


def shared_length(first: Sequence[int], second: Sequence[int]) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


class PrefixStates:
    """`keep()` right after a prefill; `Llama.generate` (wrapped) then starts from the best beginning."""

    def __init__(self, llama: Any, capacity: int = CAPACITY) -> None:
        self.restored = 0  # how many completions started from a kept state, for the benchmark
        self._llama = llama
        self._capacity = capacity
        self._kept: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        self._generate = llama.generate
        # An instance attribute shadows the method: Llama's completion calls self.generate.
        llama.generate = self._generate_from_best_beginning

    def forget(self) -> None:
        self._kept.clear()

    def keep(self) -> None:
        """Keep the current context (a prompt just prefilled); the oldest kept one goes beyond capacity."""
        import llama_cpp

        tokens = tuple(int(t) for t in self._llama.input_ids[: self._llama.n_tokens])
        if not tokens:
            return
        context = self._llama._ctx.ctx
        size = llama_cpp.llama_state_get_size(context)
        buffer = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_get_data(context, buffer, size)
        # One state per prompt family: a newer state of the same beginning (the same warehouse's SQL prompt,
        # or its business definitions' prompt) replaces the older, so families do not evict each other.
        for older in [kept for kept in self._kept if shared_length(kept, tokens) * 2 >= min(len(kept), len(tokens))]:
            del self._kept[older]
        self._kept[tokens] = bytes(buffer)[:written]
        self._kept.move_to_end(tokens)
        while len(self._kept) > self._capacity:
            self._kept.popitem(last=False)

    def start_from_best(self, tokens: Sequence[int]) -> None:
        """Put back the kept state that shares most with `tokens`, if it shares much more than the context."""
        tokens = list(tokens)
        current = shared_length(self._llama.input_ids[: self._llama.n_tokens].tolist(), tokens)
        best = max(self._kept, key=lambda kept: shared_length(kept, tokens), default=None)
        if best is not None and shared_length(best, tokens) >= current + MIN_GAIN_TOKENS:
            self._restore(best)

    def _generate_from_best_beginning(self, tokens: Sequence[int], *args: Any, **kwargs: Any) -> Any:
        self.start_from_best(tokens)
        return self._generate(tokens, *args, **kwargs)

    def _restore(self, tokens: tuple[int, ...]) -> None:
        import llama_cpp

        state = self._kept[tokens]
        buffer = (ctypes.c_uint8 * len(state)).from_buffer_copy(state)
        if llama_cpp.llama_state_set_data(self._llama._ctx.ctx, buffer, len(state)) != len(state):
            return  # the context is unchanged: the prompt is prefilled as usual
        self._llama.input_ids[: len(tokens)] = tokens
        self._llama.n_tokens = len(tokens)
        self._llama._requires_eval = True  # the logits are the kept prompt's: decode at least one token
        self._kept.move_to_end(tokens)
        self.restored += 1
