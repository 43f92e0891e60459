"""The embedded default: llama-cpp-python in this process, behind LangChain's chat-model interface.

The `llama_cpp.Llama` object is built here directly rather than through langchain-community's
ChatLlamaCpp, whose defaults (rope_freq_base=10000, n_batch=8) override the GGUF's own values and
measurably corrupt Qwen2.5's output.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from chains.llm.choice_decoding import CannotChoose, ChoiceDecoder, chat_prompt_tokens, fits
from chains.llm.meter import EvalMeter
from chains.llm.model_file import MODEL_FILENAME, Progress, ensure_model_file
from chains.llm.prefix_states import PrefixStates
from chains.stages import add_to_stage, report_progress

log = logging.getLogger(__name__)

THREADS_ENV = "TABLETALK_MODEL_THREADS"
_ROLES = {"system": "system", "human": "user", "ai": "assistant"}
_load_lock = threading.Lock()
_loaded: dict[Path, Any] = {}
_meters: dict[Path, EvalMeter] = {}
_prefix_states: dict[Path, PrefixStates] = {}
# llama.cpp contexts are not thread-safe: one generation at a time per loaded model, whichever chat-model
# object asks (the app's warm start and a question, or two tests, share one `Llama` per model file).
_generate_locks: dict[Path, threading.Lock] = {}


def model_threads() -> int:
    """All cores by default. Two model processes sharing a machine should each take a share instead:
    llama.cpp's threads spin while they wait, so oversubscribed cores slow everything down many times."""
    configured = os.environ.get(THREADS_ENV)
    return max(1, int(configured)) if configured else os.cpu_count() or 1


def load_llama(model_path: Path, n_ctx: int = 8192) -> Any:
    """One `llama_cpp.Llama` per model file per process; later calls return the same object."""
    with _load_lock:
        if model_path not in _loaded:
            from llama_cpp import Llama  # imported late: it loads a large native library

            _loaded[model_path] = Llama(
                model_path=str(model_path),
                n_ctx=n_ctx,
                n_threads=model_threads(),
                n_batch=512,
                use_mmap=False,
                seed=0,
                verbose=False,
            )
            _meters[model_path] = EvalMeter(_loaded[model_path])
            _prefix_states[model_path] = PrefixStates(_loaded[model_path])
            _generate_locks[model_path] = threading.Lock()
        return _loaded[model_path]


class EmbeddedChatModel(BaseChatModel):
    """Greedy (temperature 0 unless asked otherwise) chat completions from an in-process GGUF model."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: Path
    n_ctx: int = 8192
    temperature: float = 0.0
    seed: int = 0
    max_tokens: int = 512
    # `bind(keep_prefix=True)`: the prompt's computed state is kept (see chains.llm.prefix_states).
    keeps_prefixes: ClassVar[bool] = True
    _llama: Any = PrivateAttr(default=None)

    @classmethod
    def from_cache(
        cls, cache_dir: Path | None = None, progress: Progress | None = None, **kwargs: Any
    ) -> EmbeddedChatModel:
        return cls(model_path=ensure_model_file(cache_dir, progress), **kwargs)

    @property
    def _llm_type(self) -> str:
        return "embedded-llama-cpp"

    @property
    def model_id(self) -> str:
        return MODEL_FILENAME.removesuffix(".gguf")

    @property
    def llama(self) -> Any:
        if self._llama is None:
            self._llama = load_llama(self.model_path, self.n_ctx)
        return self._llama

    def _request(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {
            "messages": [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages],
            "temperature": kwargs.get("temperature", self.temperature),
            "max_tokens": kwargs.get("max_tokens", self.max_tokens),
            "seed": kwargs.get("seed", self.seed),
            "stop": stop or [],
            # A JSON schema the reply must follow (a llama.cpp grammar), for structured requests.
            **({"response_format": kwargs["response_format"]} if kwargs.get("response_format") else {}),
        }

    @property
    def generation_lock(self) -> threading.Lock:
        _ = self.llama
        return _generate_locks[self.model_path]

    @property
    def meter(self) -> EvalMeter:
        _ = self.llama
        return _meters[self.model_path]

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        request = self._request(messages, stop, kwargs)
        schema = (request.get("response_format") or {}).get("schema")
        with self.generation_lock:
            began = time.perf_counter()
            self.meter.begin(_prefill_progress)
            response = None
            if request["temperature"] == 0 and fits(schema):
                try:
                    response = self._filled(request["messages"], schema)
                except CannotChoose as error:
                    log.warning("the request is filled under a grammar instead: %s", error)
            if response is None:
                response = self.llama.create_chat_completion(**request)
            counts = self.meter.counts
            # Every prompt's state is kept (one per prompt family: a warehouse's SQL prompt, its definitions'
            # prompt), so that alternating between them does not prefill either again.
            if kwargs.get("keep_prefix", True):
                _prefix_states[self.model_path].keep()
            add_to_stage(counts.as_timings(time.perf_counter() - began))
        usage = response.get("usage") or {}
        message = AIMessage(
            content=response["choices"][0]["message"]["content"] or "",
            usage_metadata=_usage(
                usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0), counts.cached_tokens
            ),
            response_metadata={
                "model_name": self.model_id,
                "finish_reason": response["choices"][0].get("finish_reason"),
                "prefill_seconds": counts.prefill_seconds,
            },
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _filled(self, messages: list[dict[str, str]], schema: dict) -> dict[str, Any]:
        """A reply to a schema of names, chosen a name at a time (chains.llm.choice_decoding), in the shape of
        a chat completion."""
        prompt = chat_prompt_tokens(self.llama, messages)
        _prefix_states[self.model_path].start_from_best(prompt)
        filled = ChoiceDecoder(self.llama, prompt).fill(schema)
        return {
            "choices": [{"message": {"content": filled.text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": len(prompt), "completion_tokens": filled.tokens},
        }

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self.generation_lock:
            self.meter.begin(_prefill_progress)
            for part in self.llama.create_chat_completion(stream=True, **self._request(messages, stop, kwargs)):
                text = part["choices"][0]["delta"].get("content") or ""
                if text:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
                    if run_manager:
                        run_manager.on_llm_new_token(text, chunk=chunk)
                    yield chunk

    def forget_prompts(self) -> None:
        """Start cold: the context and every kept prompt state cleared (for measurements and tests)."""
        with self.generation_lock:
            self.llama.reset()
            _prefix_states[self.model_path].forget()

    def count_tokens(self, text: str) -> int:
        return len(self.llama.tokenize(text.encode(), add_bos=False))

    def warm_up(self, on_progress: Callable[[str], None] | None = None) -> None:
        """Load the weights now (for a background thread at app start) instead of on first question."""
        if on_progress:
            on_progress("Loading the model into memory…")
        _ = self.llama


def _prefill_progress(done: float) -> None:
    report_progress(f"read {done:.0%} of the schema and question")


def _usage(prompt_tokens: int, completion_tokens: int, cached_tokens: int = 0) -> UsageMetadata:
    return UsageMetadata(
        input_tokens=prompt_tokens,
        output_tokens=completion_tokens,
        total_tokens=prompt_tokens + completion_tokens,
        input_token_details={"cache_read": cached_tokens},
    )
