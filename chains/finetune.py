"""Verified question/SQL pairs as a chat-format JSONL fine-tuning set, in the very prompt the chain uses.

Each line is `{"messages": [system, user, assistant]}`: the system message holds the instructions and the
schema of the pair's warehouse, so a model tuned on it sees at training what it will see when answering.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from langchain_core.messages import BaseMessage

from chains.answer import Turn
from chains.prompt import PROMPT, prompt_inputs
from connectors.schema import Schema

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


def finetune_jsonl(pairs: Iterable[Turn], schema: Schema) -> str:
    lines = []
    for pair in pairs:
        messages = PROMPT.format_messages(**prompt_inputs(schema, pair.question, [], []))
        chat = [_as_dict(m) for m in messages] + [{"role": "assistant", "content": f"```sql\n{pair.sql}\n```"}]
        lines.append(json.dumps({"messages": chat}, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


def _as_dict(message: BaseMessage) -> dict[str, str]:
    return {"role": _ROLES[message.type], "content": message.text}
