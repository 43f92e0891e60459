"""A sampling variant of a configured chat model: same server and weights, other temperature and seed."""

from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel

# Each backend names the cap on reply tokens its own way.
_MAX_TOKEN_FIELDS = ("max_tokens", "num_predict")


def sampling_variant(model: BaseChatModel, temperature: float, seed: int, max_tokens: int) -> BaseChatModel:
    """A shallow copy (it shares the loaded model or HTTP client) that samples instead of decoding greedily."""
    fields = type(model).model_fields
    wanted = {"temperature": temperature, "seed": seed} | dict.fromkeys(_MAX_TOKEN_FIELDS, max_tokens)
    update = {name: value for name, value in wanted.items() if name in fields}
    return model.model_copy(update=update)
