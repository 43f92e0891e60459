"""Build (and warm up) the chat model on a background thread, so a page can render while it loads.

The first start of the embedded model assembles and verifies a 1.1 GB file and reads it into memory;
that must not hold up the first page. Questions asked meanwhile wait on `wait()`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from settings import ModelSettings

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from chains.llm.model_file import Progress

Builder = Callable[["Progress"], "BaseChatModel"]


class ModelUnavailable(RuntimeError):
    """The model could not be built or loaded; the message says what went wrong."""


class ModelLoader:
    """Loads once `start()` is called (or the first `wait()`); `ready`, `failed`, `message` and `fraction`
    report how it goes."""

    def __init__(self, build: Builder, start: bool = True) -> None:
        self.message = "Starting…"
        self.fraction: float | None = None
        self.seconds: float | None = None
        self._build = build
        self._model: BaseChatModel | None = None
        self._error: str | None = None
        self._done = threading.Event()
        self._start_lock = threading.Lock()
        self._started: float | None = None
        if start:
            self.start()

    @classmethod
    def for_settings(cls, settings: ModelSettings, start: bool = True) -> ModelLoader:
        def build(progress: Progress) -> BaseChatModel:
            from chains.llm.backends import build_chat_model  # late: LangChain takes seconds to import

            return build_chat_model(settings, progress)

        return cls(build, start)

    def start(self) -> None:
        """Start loading on a background thread; later calls do nothing."""
        with self._start_lock:
            if self._started is None:
                self._started = time.perf_counter()
                threading.Thread(target=self._load, name="tabletalk-model-loader", daemon=True).start()

    @property
    def ready(self) -> bool:
        return self._done.is_set() and self._model is not None

    @property
    def failed(self) -> bool:
        return self._done.is_set() and self._model is None

    @property
    def error(self) -> str | None:
        return self._error

    def wait(self, timeout: float | None = None, on_progress: Callable[[str], None] | None = None) -> BaseChatModel:
        """The loaded model, once it is; ModelUnavailable if loading failed, TimeoutError after `timeout` s."""
        self.start()
        deadline = None if timeout is None else time.monotonic() + timeout
        said = None
        while not self._done.wait(0.25):
            if on_progress and self.message != said:
                said = self.message
                on_progress(said)
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"The model is still loading after {timeout:g} s.")
        if self._model is None:
            raise ModelUnavailable(self._error or "The model could not be loaded.")
        return self._model

    def _progress(self, message: str, fraction: float | None = None) -> None:
        self.message, self.fraction = message, fraction

    def _load(self) -> None:
        try:
            self._progress("Preparing the model…")
            model = self._build(self._progress)
            warm_up = getattr(model, "warm_up", None)
            if callable(warm_up):
                warm_up(lambda message: self._progress(message))
            self._model = model
            self._progress("Ready", 1.0)
        except Exception as error:  # noqa: BLE001 - any failure is shown to the user as one sentence
            self._error = str(error) or type(error).__name__
            self._progress("Failed")
        finally:
            self.seconds = time.perf_counter() - (self._started or 0.0)
            self._done.set()
