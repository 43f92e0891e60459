"""The background model loader: reports progress, hands out the model once, reports failures in words."""

from __future__ import annotations

import threading

import pytest

from chains.loader import ModelLoader, ModelUnavailable


class _Model:
    def __init__(self) -> None:
        self.warmed = False

    def warm_up(self, on_progress) -> None:  # type: ignore[no-untyped-def]
        on_progress("Loading the model into memory…")
        self.warmed = True


def test_the_model_is_built_and_warmed_on_another_thread() -> None:
    release = threading.Event()
    seen: list[str] = []
    model = _Model()

    def build(progress):  # type: ignore[no-untyped-def]
        progress("Assembling the model: piece 1 of 22", 0.0)
        release.wait(5)
        return model

    loader = ModelLoader(build)
    assert not loader.ready and not loader.failed
    with pytest.raises(TimeoutError):
        loader.wait(timeout=0.3, on_progress=seen.append)
    assert seen == ["Assembling the model: piece 1 of 22"]
    release.set()
    assert loader.wait(timeout=5) is model
    assert loader.ready and model.warmed and loader.message == "Ready" and loader.seconds is not None


def test_a_failed_load_says_why_and_every_waiter_hears_it() -> None:
    def build(_progress):  # type: ignore[no-untyped-def]
        raise RuntimeError("The embedded model is incomplete: 3 of 22 pieces are not installed.")

    loader = ModelLoader(build)
    for _ in range(2):
        with pytest.raises(ModelUnavailable, match="3 of 22 pieces"):
            loader.wait(timeout=5)
    assert loader.failed and not loader.ready
