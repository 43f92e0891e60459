"""The baseline: what a LangChain user writes today from the official SQL tutorial.

`SQLDatabase.from_uri` + `create_sql_query_chain(llm, db)` with its default prompt, then only the minimal
clean-up of the reply, then the SQL is executed. This is the only module of the project that imports
langchain_community or langchain_classic (langchain-community is being sunset; the app does not use it).
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass, field
from typing import Any

from langchain_core.callbacks import UsageMetadataCallbackHandler
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.runnables import Runnable

from bench.dataset import Question
from bench.execute import ExecutionError, run_readonly
from bench.prediction import Prediction
from settings import query_settings

with warnings.catch_warnings():
    # The import itself warns that langchain-community is being sunset; known, and the reason it stays here.
    warnings.simplefilter("ignore", DeprecationWarning)
    from langchain_classic.chains import create_sql_query_chain
    from langchain_classic.chains.sql_database.prompt import SQL_PROMPTS
    from langchain_community.utilities import SQLDatabase

NAME = "baseline"
_FENCED = re.compile(r"```[A-Za-z]*[ \t]*\n?(.*?)(?:```|$)", re.DOTALL)


def clean_sql(reply: str) -> str:
    """The tutorial's minimal clean-up: strip, cut at "SQLResult:", keep what follows "SQLQuery:", unfence."""
    text = reply.strip().split("SQLResult:", 1)[0]
    if "SQLQuery:" in text:
        text = text.split("SQLQuery:", 1)[1]
    if fenced := _FENCED.search(text):
        text = fenced.group(1)
    return text.strip()


@dataclass
class BaselineSystem:
    model: BaseChatModel
    _chains: dict[str, Runnable] = field(default_factory=dict, init=False)

    @property
    def prompt_text(self) -> str:
        return SQL_PROMPTS["sqlite"].template

    def predict(self, question: Question) -> Prediction:
        chain = self._chain(question)
        usage = UsageMetadataCallbackHandler()
        started = time.perf_counter()
        try:
            reply = chain.invoke({"question": question.prompt_text}, config={"callbacks": [usage]})
        except Exception as error:  # noqa: BLE001 - a backend failure is the environment's, recorded and not cached
            return Prediction(
                sql=None,
                rows=None,
                error=f"The model did not answer: {error}",
                seconds=time.perf_counter() - started,
                outcome="model_unavailable",
                cacheable=False,
            )
        sql = clean_sql(reply)
        rows, error = None, None
        try:
            rows = run_readonly(question.db_path, sql, query_settings().timeout_seconds)
        except ExecutionError as failure:
            error = str(failure)
        seconds = time.perf_counter() - started
        tokens = _total_usage(usage.usage_metadata)
        return Prediction(
            sql=sql or None,
            rows=rows,
            error=error,
            seconds=seconds,
            outcome="answered" if error is None else "failed",
            prompt_tokens=tokens["input_tokens"],
            completion_tokens=tokens["output_tokens"],
        )

    def _chain(self, question: Question) -> Runnable:
        if question.db_id not in self._chains:
            # Read-only like the app's connection; otherwise exactly the tutorial's `from_uri`.
            db = SQLDatabase.from_uri(f"sqlite:///file:{question.db_path}?mode=ro&uri=true")
            self._chains[question.db_id] = create_sql_query_chain(self.model, db)
        return self._chains[question.db_id]

    def close(self) -> None:
        self._chains.clear()


def _total_usage(by_model: dict[str, Any]) -> dict[str, int]:
    return {
        key: sum(int(usage.get(key, 0)) for usage in by_model.values()) for key in ("input_tokens", "output_tokens")
    }
