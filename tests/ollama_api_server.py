"""An Ollama-compatible HTTP API in front of a `llama_cpp.Llama`, for tests and manual use.

Production talks to a real Ollama server, but no Ollama binary can be installed where the tests run.
This serves the part of Ollama's REST API that the `ollama` Python client (and so LangChain's
ChatOllama) uses, with Ollama's request and response shapes, backed by the real model:
`GET /`, `/api/version`, `/api/tags`, `/api/ps` and `POST /api/show`, `/api/chat`, `/api/generate`.

Run by hand with `python -m tests.ollama_api_server --port 11434`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import llama_cpp
from llama_cpp import Llama, LlamaGrammar
from llama_cpp.llama_chat_format import Jinja2ChatFormatter
from llama_cpp.llama_grammar import JSON_GBNF

DEFAULT_MODEL_NAME = "qwen2.5-coder:1.5b"
OLLAMA_VERSION = "0.12.0-test"

# Ollama's own sampling defaults (api/types.go DefaultOptions); llama-cpp-python's differ.
_OLLAMA_DEFAULTS: dict[str, Any] = {
    "temperature": 0.8,
    "top_k": 40,
    "top_p": 0.9,
    "min_p": 0.0,
    "typical_p": 1.0,
    "repeat_penalty": 1.1,
    "num_predict": -1,
    "seed": -1,
}
# Ollama option name -> llama-cpp-python keyword. Other options (num_ctx, num_thread, …) are fixed
# when the model is loaded and are ignored here, as Ollama ignores options it cannot apply.
_OPTION_KEYWORDS = {
    "temperature": "temperature",
    "top_k": "top_k",
    "top_p": "top_p",
    "min_p": "min_p",
    "typical_p": "typical_p",
    "repeat_penalty": "repeat_penalty",
    "presence_penalty": "presence_penalty",
    "frequency_penalty": "frequency_penalty",
    "tfs_z": "tfs_z",
    "mirostat": "mirostat_mode",
    "mirostat_tau": "mirostat_tau",
    "mirostat_eta": "mirostat_eta",
    "seed": "seed",
    "stop": "stop",
    "num_predict": "max_tokens",
}
# GGUF `general.file_type` values -> Ollama's quantization names, from llama.cpp's LLAMA_FTYPE_* constants.
_QUANTIZATIONS = {
    str(value): name.removeprefix("LLAMA_FTYPE_").removeprefix("MOSTLY_").removeprefix("ALL_")
    for name, value in vars(llama_cpp).items()
    if name.startswith("LLAMA_FTYPE_") and isinstance(value, int)
}


class APIError(Exception):
    """An error answered as Ollama does: the status code and `{"error": message}`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Generation:
    """One request for text: chat messages, or a raw prompt when `messages` is None."""

    messages: list[dict[str, str]] | None
    prompt: str
    sampling: dict[str, Any]


@dataclass
class Outcome:
    text: str = ""
    done_reason: str = "stop"
    prompt_eval_count: int = 0
    eval_count: int = 0
    prompt_eval_duration: int = 0
    eval_duration: int = 0


class Backend:
    """The model, what the API says about it, and one generation at a time."""

    def __init__(self, llama: Llama, model_name: str) -> None:
        self.llama = llama
        self.model_name = model_name
        # llama.cpp contexts are not thread-safe and the server is threaded.
        self._lock = threading.Lock()
        self._formatter = _chat_formatter(llama)
        stat = os.stat(llama.model_path)
        self.size = stat.st_size
        self.modified_at = _timestamp(stat.st_mtime)
        # Stands in for Ollama's manifest digest: stable for one file, cheap to compute.
        self.digest = hashlib.sha256(f"{llama.model_path}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()

    def matches(self, name: str) -> bool:
        return _with_tag(name) == _with_tag(self.model_name)

    def details(self) -> dict[str, Any]:
        meta = self.llama.metadata
        family = meta.get("general.architecture", "")
        return {
            "parent_model": "",
            "format": "gguf",
            "family": family,
            "families": [family] if family else None,
            "parameter_size": meta.get("general.size_label", ""),
            "quantization_level": _QUANTIZATIONS.get(meta.get("general.file_type", ""), "unknown"),
        }

    def listing(self) -> dict[str, Any]:
        return {
            "name": self.model_name,
            "model": self.model_name,
            "modified_at": self.modified_at,
            "size": self.size,
            "digest": self.digest,
            "details": self.details(),
        }

    def show(self) -> dict[str, Any]:
        meta = self.llama.metadata
        template = meta.get("tokenizer.chat_template", "")
        eos = _token_text(self.llama, self.llama.token_eos())
        parameters = f'stop "{eos}"' if eos else ""
        modelfile = f'FROM {self.llama.model_path}\nTEMPLATE """{template}"""\n'
        return {
            "modelfile": modelfile + (f"PARAMETER {parameters}\n" if parameters else ""),
            "parameters": parameters,
            "template": template,
            "details": self.details(),
            "model_info": {k: v for k, v in meta.items() if not k.startswith("tokenizer.chat_template")},
            "capabilities": ["completion"],
            "modified_at": self.modified_at,
        }

    def run(self, generation: Generation) -> Outcome:
        with self._lock:
            llama_cpp.llama_perf_context_reset(self.llama.ctx)
            if generation.messages is not None:
                response = self.llama.create_chat_completion(messages=generation.messages, **generation.sampling)
                text = response["choices"][0]["message"]["content"] or ""
            else:
                response = self.llama.create_completion(generation.prompt, **generation.sampling)
                text = response["choices"][0]["text"]
            prompt_ns, eval_ns = self._timings()
        usage = response["usage"]
        return Outcome(
            text=text,
            done_reason=_done_reason(response["choices"][0]["finish_reason"]),
            prompt_eval_count=usage["prompt_tokens"],
            eval_count=usage["completion_tokens"],
            prompt_eval_duration=prompt_ns,
            eval_duration=eval_ns,
        )

    def stream(self, generation: Generation, outcome: Outcome) -> Iterator[str]:
        """Yield the text piece by piece; `outcome` is filled in when the generator finishes.

        Closing the generator early (a client that hung up) stops the generation and frees the model.
        """
        chat = generation.messages is not None
        pieces: list[str] = []
        with self._lock:
            llama_cpp.llama_perf_context_reset(self.llama.ctx)
            sampling = {**generation.sampling, "stream": True}
            if chat:
                parts = self.llama.create_chat_completion(messages=generation.messages, **sampling)
            else:
                parts = self.llama.create_completion(generation.prompt, **sampling)
            try:
                for part in parts:
                    choice = part["choices"][0]
                    piece = (choice["delta"].get("content") if chat else choice["text"]) or ""
                    if choice.get("finish_reason"):
                        outcome.done_reason = _done_reason(choice["finish_reason"])
                    if piece:
                        pieces.append(piece)
                        yield piece
            finally:
                parts.close()
            outcome.prompt_eval_duration, outcome.eval_duration = self._timings()
        # llama-cpp-python reports no usage when streaming: count as its non-streaming path would.
        outcome.text = "".join(pieces)
        outcome.prompt_eval_count = self._prompt_tokens(generation)
        outcome.eval_count = len(self.llama.tokenize(outcome.text.encode(), add_bos=False, special=False))

    def _timings(self) -> tuple[int, int]:
        perf = llama_cpp.llama_perf_context(self.llama.ctx)
        return int(perf.t_p_eval_ms * 1e6), int(perf.t_eval_ms * 1e6)

    def _prompt_tokens(self, generation: Generation) -> int:
        if generation.messages is None:
            return len(self.llama.tokenize(generation.prompt.encode(), add_bos=True, special=True))
        if self._formatter is None:  # a built-in chat format: an estimate from the contents
            text = "\n".join(m["content"] for m in generation.messages)
            return len(self.llama.tokenize(text.encode(), add_bos=True, special=False))
        formatted = self._formatter(messages=generation.messages)
        return len(self.llama.tokenize(formatted.prompt.encode(), add_bos=not formatted.added_special, special=True))


class OllamaAPIServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], backend: Backend, verbose: bool = False) -> None:
        super().__init__(address, OllamaRequestHandler)
        self.backend = backend
        self.verbose = verbose

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class OllamaRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked streams, as Ollama's clients expect
    server: OllamaAPIServer

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/") or "/"
        backend = self.server.backend
        if path == "/":
            self._send(200, b"Ollama is running", "text/plain; charset=utf-8")
        elif path == "/api/version":
            self._send_json(200, {"version": OLLAMA_VERSION})
        elif path == "/api/tags":
            self._send_json(200, {"models": [backend.listing()]})
        elif path == "/api/ps":
            running = {**backend.listing(), "expires_at": _timestamp(time.time() + 300), "size_vram": 0}
            self._send_json(200, {"models": [{**running, "context_length": backend.llama.n_ctx()}]})
        else:
            self._send(404, b"404 page not found", "text/plain")

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""  # read always: keeps the connection usable
        routes = {"/api/show": self._show, "/api/chat": self._chat, "/api/generate": self._complete}
        if path not in routes:
            self._send(404, b"404 page not found", "text/plain")
            return
        try:
            routes[path](_parse_json(raw))
        except APIError as error:
            self._send_json(error.status, {"error": error.message})
        except Exception as error:  # noqa: BLE001 - Ollama answers 500 + JSON, e.g. prompt longer than the context
            self._send_json(500, {"error": str(error)})

    def _chat(self, body: dict[str, Any]) -> None:
        self._generate(body, chat=True)

    def _complete(self, body: dict[str, Any]) -> None:
        self._generate(body, chat=False)

    def _show(self, body: dict[str, Any]) -> None:
        name = body.get("model") or body.get("name")
        if not name:
            raise APIError(400, "model is required")
        if not self.server.backend.matches(name):
            raise APIError(404, f"model '{name}' not found")
        self._send_json(200, self.server.backend.show())

    def _generate(self, body: dict[str, Any], chat: bool) -> None:
        backend = self.server.backend
        started = time.perf_counter_ns()
        name = body.get("model")
        if not name:
            raise APIError(400, "model is required")
        if not backend.matches(name):
            raise APIError(404, f'model "{name}" not found, try pulling it first')
        if body.get("tools"):
            raise APIError(400, f"{name} does not support tools")
        if body.get("think"):
            raise APIError(400, f'"{name}" does not support thinking')

        def head(text: str) -> dict[str, Any]:
            content = {"message": {"role": "assistant", "content": text}} if chat else {"response": text}
            return {"model": name, "created_at": _timestamp(), **content}

        generation = _parse_generation(body, chat)
        if generation is None:  # Ollama's way to load or unload a model without generating
            reason = "unload" if body.get("keep_alive") in (0, "0", "0s") else "load"
            self._reply_once(body, {**head(""), "done": True, "done_reason": reason})
            return
        if body.get("stream") is False:
            outcome = backend.run(generation)
            self._send_json(200, {**head(outcome.text), **_final(outcome, started)})
            return

        def lines() -> Iterator[dict[str, Any]]:
            outcome = Outcome()
            for piece in backend.stream(generation, outcome):
                yield {**head(piece), "done": False}
            yield {**head(""), **_final(outcome, started)}

        self._send_stream(lines())

    def _reply_once(self, body: dict[str, Any], line: dict[str, Any]) -> None:
        if body.get("stream") is False:
            self._send_json(200, line)
        else:
            self._send_stream(iter([line]))

    def _send(self, status: int, payload: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _send_json(self, status: int, body: dict[str, Any]) -> None:
        self._send(status, json.dumps(body).encode(), "application/json; charset=utf-8")

    def _send_stream(self, lines: Iterator[dict[str, Any]]) -> None:
        """NDJSON in HTTP/1.1 chunks, one line per chunk, flushed as each piece is generated."""
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            try:
                for line in lines:
                    self._write_chunk(json.dumps(line).encode() + b"\n")
            except ConnectionError:
                raise
            except Exception as error:  # noqa: BLE001 - headers are sent: Ollama reports it as a line
                self._write_chunk(json.dumps({"error": str(error)}).encode() + b"\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except ConnectionError:  # the client hung up: closing `lines` stops the generation
            self.close_connection = True
        finally:
            close = getattr(lines, "close", None)
            if close:
                close()

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


@contextmanager
def serve_in_thread(
    llama: Llama, model_name: str = DEFAULT_MODEL_NAME, host: str = "127.0.0.1", port: int = 0
) -> Iterator[tuple[str, OllamaAPIServer]]:
    """Serve `llama` as `model_name` from a daemon thread; yields (base_url, server), stops on exit.

    Port 0 picks a free ephemeral port.
    """
    server = OllamaAPIServer((host, port), Backend(llama, model_name))
    thread = threading.Thread(target=server.serve_forever, name="ollama-api-server", daemon=True)
    thread.start()
    try:
        yield server.base_url, server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _parse_generation(body: dict[str, Any], chat: bool) -> Generation | None:
    sampling = _sampling(body.get("options"))
    raw = not chat and bool(body.get("raw"))
    fmt = body.get("format")
    if fmt:
        if fmt != "json" and not isinstance(fmt, dict):
            raise APIError(400, f'invalid format: {fmt!r}; expected "json" or a JSON schema')
        if raw:
            if isinstance(fmt, dict):
                sampling["grammar"] = LlamaGrammar.from_json_schema(json.dumps(fmt), verbose=False)
            else:
                sampling["grammar"] = LlamaGrammar.from_string(JSON_GBNF, verbose=False)
        else:
            sampling["response_format"] = {"type": "json_object", **({"schema": fmt} if isinstance(fmt, dict) else {})}
    if chat:
        messages = body.get("messages") or []
        if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
            raise APIError(400, "messages must be a list of objects")
        if not messages:
            return None
        converted = [{"role": str(m.get("role") or "user"), "content": str(m.get("content") or "")} for m in messages]
        return Generation(messages=converted, prompt="", sampling=sampling)
    prompt = body.get("prompt") or ""
    if not isinstance(prompt, str):
        raise APIError(400, "prompt must be a string")
    if not prompt:
        return None
    if raw:
        return Generation(messages=None, prompt=prompt, sampling=sampling)
    system = body.get("system")
    messages = ([{"role": "system", "content": str(system)}] if system else []) + [{"role": "user", "content": prompt}]
    return Generation(messages=messages, prompt="", sampling=sampling)


def _parse_json(raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        raise APIError(400, "missing request body")
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise APIError(400, f"invalid JSON in request body: {error}") from None
    if not isinstance(body, dict):
        raise APIError(400, "request body must be a JSON object")
    return body


def _sampling(options: Any) -> dict[str, Any]:
    """Ollama's options over Ollama's defaults, as llama-cpp-python keywords."""
    if options is not None and not isinstance(options, dict):
        raise APIError(400, "options must be an object")
    merged = {**_OLLAMA_DEFAULTS, **{k: v for k, v in (options or {}).items() if v is not None}}
    sampling = {_OPTION_KEYWORDS[k]: v for k, v in merged.items() if k in _OPTION_KEYWORDS}
    # Ollama: num_predict -1 is "until done", -2 "fill the context"; llama-cpp-python: None for both.
    # (create_completion's own default is 16, so max_tokens is always passed.)
    if not isinstance(sampling["max_tokens"], int) or sampling["max_tokens"] <= 0:
        sampling["max_tokens"] = None
    if not isinstance(sampling["seed"], int) or sampling["seed"] < 0:
        del sampling["seed"]
    if isinstance(sampling.get("stop"), str):
        sampling["stop"] = [sampling["stop"]]
    return sampling


def _final(outcome: Outcome, started_ns: int) -> dict[str, Any]:
    return {
        "done": True,
        "done_reason": outcome.done_reason,
        "total_duration": time.perf_counter_ns() - started_ns,
        "load_duration": 0,  # the model is loaded before the server starts
        "prompt_eval_count": outcome.prompt_eval_count,
        "prompt_eval_duration": outcome.prompt_eval_duration,
        "eval_count": outcome.eval_count,
        "eval_duration": outcome.eval_duration,
    }


def _chat_formatter(llama: Llama) -> Jinja2ChatFormatter | None:
    """The formatter llama-cpp-python uses for this model when it applies the GGUF's own template."""
    template = llama.metadata.get("tokenizer.chat_template")
    if not template or llama.chat_handler is not None or llama.chat_format != "chat_template.default":
        return None
    return Jinja2ChatFormatter(
        template=template,
        eos_token=_token_text(llama, llama.token_eos()),
        bos_token=_token_text(llama, llama.token_bos()),
    )


def _token_text(llama: Llama, token: int) -> str:
    return llama.detokenize([token], special=True).decode(errors="replace") if token >= 0 else ""


def _done_reason(finish_reason: str | None) -> str:
    return "length" if finish_reason == "length" else "stop"


def _with_tag(name: str) -> str:
    return name if ":" in name.rsplit("/", 1)[-1] else f"{name}:latest"


def _timestamp(epoch: float | None = None) -> str:
    moment = datetime.now(UTC) if epoch is None else datetime.fromtimestamp(epoch, UTC)
    return moment.isoformat().replace("+00:00", "Z")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the embedded model over Ollama's HTTP API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11434)
    parser.add_argument("--model-name", default=DEFAULT_MODEL_NAME, help="the name clients ask for")
    args = parser.parse_args(argv)

    from chains.llm.embedded import load_llama
    from chains.llm.model_file import ensure_model_file

    print("Loading the model…", flush=True)
    llama = load_llama(ensure_model_file(progress=lambda message, _fraction: print(message, flush=True)))
    server = OllamaAPIServer((args.host, args.port), Backend(llama, args.model_name), verbose=True)
    print(f"Serving {args.model_name} on {server.base_url} (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
