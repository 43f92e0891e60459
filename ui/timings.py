"""Where an answer's time went, for the answer's details: seconds by stage and the model's prompt tokens."""

from __future__ import annotations

import streamlit as st

from chains.answer import Answer

# The order a question goes through; the model's call ("generate") splits into prefill and generation.
STAGE_LABELS = {
    "schema": "schema",
    "values": "stored values",
    "prompt": "prompt",
    "generate": "model",
    "prefill": "prefill",
    "generation": "generation",
    "mend": "mending",
    "validate": "checks",
    "execute": "query",
    "crosscheck": "cross-check",
    "chart": "chart",
}
TOKEN_KEYS = ("prompt_cached_tokens", "prompt_computed_tokens", "generated_tokens")


def timing_line(timings: dict[str, float]) -> str:
    """`model 1.52 s · prefill 0.21 s · ...; prompt tokens 2,103 from cache, 45 computed; 38 generated`."""
    stages = [f"{label} {timings[name]:.2f} s" for name, label in STAGE_LABELS.items() if name in timings]
    line = " · ".join(stages)
    if any(key in timings for key in TOKEN_KEYS):
        cached, computed, generated = (int(timings.get(key, 0)) for key in TOKEN_KEYS)
        line += f"; prompt tokens {cached:,} from cache, {computed:,} computed; {generated:,} generated"
    return line


def render_timings(answer: Answer) -> None:
    if any(name in answer.timings for name in STAGE_LABELS):
        with st.expander("Where the time went"):
            st.caption(timing_line(answer.timings))
