"""A JSON object whose every value is one of a few names, filled by the embedded model one choice at a time.

A llama.cpp grammar generates every token of such a reply one model evaluation at a time, the braces, keys and
quotes the schema fixes as well as the names the model picks, and checks the whole vocabulary against the
grammar at each step. Here the text the schema fixes is evaluated in one batch together with the step that needs
the model's logits, and a name is decoded only until no other name starts the same way. Measured on two cores
with the demo's definitions: ~19 reply tokens took 1.8-2.7 s with the grammar; 5-6 evaluations take 1.0-1.7 s,
of which ~0.5 s is reading the question. Greedy, as the grammar is at temperature 0: each step takes the most
likely token whose text begins an allowed name (a near tie may fall the other way: the two differ in how many
tokens they evaluate at once, so in the last digits of their logits).

Schemas this fills (`fits`): an object whose properties are all required and are each a string with an `enum`,
or an array of such strings with `maxItems`; keys come in the schema's order, as json.dumps writes them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from chains.llm.prefix_states import shared_length


def fits(schema: dict | None) -> bool:
    """True if `schema` is an object of enum strings and bounded arrays of enum strings, all required."""
    if not schema or schema.get("type") != "object":
        return False
    properties = schema.get("properties") or {}
    if not properties or set(schema.get("required") or ()) != set(properties):
        return False
    return all(_enum_of(spec) is not None for spec in properties.values())


def _enum_of(spec: dict) -> list[str] | None:
    """The names a property may take: its own enum, or its items' enum for a bounded array."""
    if spec.get("type") == "string" and spec.get("enum"):
        return [str(name) for name in spec["enum"]]
    if spec.get("type") == "array" and isinstance(spec.get("maxItems"), int):
        items = spec.get("items") or {}
        if items.get("type") == "string" and items.get("enum"):
            return [str(name) for name in items["enum"]]
    return None


class CannotChoose(ValueError):
    """The options cannot be told apart token by token; the grammar fills the schema instead."""


@dataclass
class Filled:
    text: str  # the JSON object, as json.dumps writes it
    tokens: int  # the reply's tokens, as a generation would have counted them
    evaluations: int  # model evaluations after the prompt's own


class ChoiceDecoder:
    """Fills one schema after one prompt on a `llama_cpp.Llama` whose context may already hold a prefix of it.

    `llama.eval` is called with each batch (the prompt's uncached part first), so a meter wrapping it sees a
    prefill followed by generation, as for a completion."""

    def __init__(self, llama: Any, prompt_tokens: Sequence[int]) -> None:
        self._llama = llama
        self._path = list(prompt_tokens)  # the prompt and the reply's tokens so far
        self._prompt_length = len(self._path)
        self._n_vocab = int(llama.n_vocab())
        self._single: dict[str, int | None] = {}
        self._held = ""  # chosen text not on the path yet: its tokens may merge with the next choice's
        self.evaluations = -1  # the first evaluation is the prompt's

    def fill(self, schema: dict) -> Filled:
        properties = list(schema["properties"].items())
        # The fixed text before each property's value, and the closing brace. An option is tokenized with the
        # fixed text that follows it, as the model would write it: '",' '"],' and ' [],' are tokens of their own.
        leads = [
            ("{" if index == 0 else ", ") + json.dumps(key) + ": " + ("[" if spec.get("type") == "array" else "")
            for index, (key, spec) in enumerate(properties)
        ] + ["}"]
        reply, pending = "", leads[0]
        for index, (_key, spec) in enumerate(properties):
            then, names = leads[index + 1], _enum_of(spec) or []
            if spec.get("type") == "string":
                reply += self._pick([pending + json.dumps(name) + then for name in names])
                pending = ""
                continue
            chosen: list[str] = []
            while True:
                left = [name for name in names if name not in chosen] if len(chosen) < spec["maxItems"] else []
                closing = pending + "]" + then
                items = {pending + (", " if chosen else "") + json.dumps(name): name for name in left}
                picked = self._pick([closing, *items])
                reply, pending = reply + picked, ""
                if picked == closing:
                    break
                chosen.append(items[picked])
        self._path += self._tokenize(self._held)
        return Filled(reply, len(self._path) - self._prompt_length, max(0, self.evaluations))

    def _pick(self, options: list[str]) -> str:
        """The option the model continues with, greedy token by token as a grammar would let it write: at each
        step the likeliest token whose text begins some option's rest. Text that all options share is taken
        without asking the model, except its last token, which may merge with what follows ('"],' or ' [],')."""
        texts = [self._held + option for option in options]
        shared = texts[0]
        for text in texts[1:]:
            shared = shared[: shared_length(shared, text)]
        # One option: its end may merge with the next choice's beginning ('", "per": ' and ' "none').
        merging = len(texts) == 1 or any(self._breaks_inside(shared, text) for text in texts)
        taken = self._take(shared, merging)
        rests = [(option, text[len(taken) :]) for option, text in zip(options, texts, strict=True)]
        while len(rests) > 1 and all(rest for _o, rest in rests):
            allowed = {token: None for _o, rest in rests for token in self._tokens_starting(rest)}
            if not allowed:  # no single token begins any option (a character split into bytes)
                raise CannotChoose(f"no token begins any of {[option for option, _r in rests]}")
            logits = self._logits()
            best = max(allowed, key=lambda token: logits[token])
            text = self._text([best])
            self._path.append(best)
            rests = [(option, rest[len(text) :]) for option, rest in rests if rest.startswith(text)]
        option, rest = min(rests, key=lambda item: len(item[1]))
        self._held = rest[len(self._take(rest)) :]
        return option

    def _take(self, text: str, merging: bool = True) -> str:
        """Put `text`'s tokens on the path, but the last if it may merge with what follows; the part of `text`
        they cover."""
        tokens = self._tokenize(text)
        tokens = tokens[:-1] if merging else tokens
        taken = self._text(tokens)
        if not text.startswith(taken):  # a token across a character boundary: take nothing yet
            return ""
        self._path += tokens
        return taken

    def _breaks_inside(self, shared: str, text: str) -> bool:
        """True if `text` is not tokenized as `shared`'s tokens and then the rest's: a token spans the end."""
        tokens = self._tokenize(shared)
        return self._tokenize(text)[: len(tokens)] != tokens

    def _tokens_starting(self, text: str) -> list[int]:
        """The tokens whose whole text begins `text`."""
        found = []
        for length in range(1, len(text) + 1):
            piece = text[:length]
            if piece not in self._single:
                tokens = self._tokenize(piece)
                self._single[piece] = tokens[0] if len(tokens) == 1 else None
            if (token := self._single[piece]) is not None:
                found.append(token)
        return found

    def _logits(self) -> np.ndarray:
        """The next-token logits after the path, evaluating only what the context does not already hold."""
        llama, tokens = self._llama, self._path
        held = shared_length(llama.input_ids[: llama.n_tokens].tolist(), tokens)
        # At least the last token is evaluated: only a fresh evaluation leaves its logits to read.
        llama.n_tokens = min(held, len(tokens) - 1)
        llama.eval(tokens[llama.n_tokens :])
        self.evaluations += 1
        return np.array(np.ctypeslib.as_array(llama._ctx.get_logits(), shape=(self._n_vocab,)))

    def _tokenize(self, text: str) -> list[int]:
        return list(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=False)) if text else []

    def _text(self, tokens: list[int]) -> str:
        return self._llama.detokenize(tokens).decode("utf-8", errors="replace") if tokens else ""


def chat_prompt_tokens(llama: Any, messages: list[dict[str, str]]) -> list[int]:
    """The prompt's tokens exactly as `Llama.create_chat_completion` makes them from the model's own chat template,
    so that both share the context's cached prefix."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    def text_of(token: int) -> str:
        return llama._model.token_get_text(token) if token != -1 else ""

    formatter = Jinja2ChatFormatter(
        template=llama.metadata["tokenizer.chat_template"],
        eos_token=text_of(llama.token_eos()),
        bos_token=text_of(llama.token_bos()),
    )
    result = formatter(messages=messages)
    return list(llama.tokenize(result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True))
