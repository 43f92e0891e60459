"""The demo business questions through the embedded model and through each AWS backend over the test server.

The same weights serve every path, so the SQL should match; what differs is the cost of a request in time
(serialisation, SigV4 signing, HTTP on loopback). Run under the model lock:

    flock /tmp/tabletalk-model.lock python -m tests.aws_compare [--questions N] [--out results.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

import pytest

from chains.factory import chain_over, open_warehouse
from chains.llm.backends import build_chat_model
from chains.llm.embedded import load_llama
from chains.llm.model_file import ensure_model_file
from settings import ModelSettings
from tests.aws_api_server import BEDROCK_MODEL, SAGEMAKER_ENDPOINT, TEST_REGION, serve_in_thread, use_test_credentials
from tests.business_questions import BUSINESS_QUESTIONS
from tests.ollama_api_server import Backend

PING = "Write a SQL query that counts the rows of table t. Reply with SQL only."


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=len(BUSINESS_QUESTIONS))
    parser.add_argument("--pings", type=int, default=5, help="short identical requests per backend, for latency")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)

    environment = pytest.MonkeyPatch()
    use_test_credentials(environment)
    questions = [question for question, _sql in BUSINESS_QUESTIONS[: args.questions]]
    warehouse = open_warehouse()
    llama = load_llama(ensure_model_file())
    with serve_in_thread(Backend(llama, BEDROCK_MODEL)) as server:
        aws = {"region": TEST_REGION, "endpoint_url": server.base_url, "control_endpoint_url": server.base_url}
        configurations = {
            "embedded": ModelSettings(backend="embedded"),
            "bedrock": ModelSettings(backend="bedrock", name=BEDROCK_MODEL, **aws),
            "sagemaker-messages": ModelSettings(backend="sagemaker", name=SAGEMAKER_ENDPOINT, **aws),
            "sagemaker-tgi": ModelSettings(backend="sagemaker", name=SAGEMAKER_ENDPOINT, request_format="tgi", **aws),
        }
        models = {name: build_chat_model(settings) for name, settings in configurations.items()}
        results: dict[str, Any] = {"questions": len(questions), "backends": {}}
        reference: dict[str, Any] = {}
        for name, model in models.items():
            chain = chain_over(model, warehouse)
            answers = []
            for question in questions:
                began = time.perf_counter()
                answer = chain.ask(question)
                answers.append((question, answer, time.perf_counter() - began))
            if name == "embedded":
                reference = {question: answer for question, answer, _ in answers}
            calls = [attempt.seconds for _q, answer, _s in answers for attempt in answer.attempts]
            results["backends"][name] = (
                {
                    "answered": sum(answer.ok for _q, answer, _s in answers),
                    "same_sql_as_embedded": sum(answer.sql == reference[q].sql for q, answer, _s in answers),
                    "same_rows_as_embedded": sum(_same_rows(answer, reference[q]) for q, answer, _s in answers),
                    "different_sql": [q for q, answer, _s in answers if answer.sql != reference[q].sql],
                    "different_rows": [q for q, answer, _s in answers if not _same_rows(answer, reference[q])],
                    "median_seconds_per_question": round(statistics.median(s for _q, _a, s in answers), 3),
                    "median_seconds_per_model_call": round(statistics.median(calls), 3),
                    "model_calls": len(calls),
                }
                if answers
                else {}
            )
            print(name, json.dumps(results["backends"][name]), flush=True)
        # The same short request through each path in turn, so that a busy machine slows them alike.
        pings: dict[str, list[float]] = {name: [] for name in models}
        for _ in range(args.pings):
            for name, model in models.items():
                began = time.perf_counter()
                model.invoke(PING)
                pings[name].append(time.perf_counter() - began)
        results["median_seconds_per_request"] = {name: round(statistics.median(p), 4) for name, p in pings.items()}
        print("median seconds per request", json.dumps(results["median_seconds_per_request"]), flush=True)
    environment.undo()
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))


def _same_rows(answer: Any, expected: Any) -> bool:
    if answer.data is None or expected.data is None:
        return answer.data is expected.data
    # one order: DuckDB returns a GROUP BY without ORDER BY in any order
    ordered = [frame.sort_values(list(frame.columns)).reset_index(drop=True) for frame in (answer.data, expected.data)]
    return bool(ordered[0].equals(ordered[1]))


if __name__ == "__main__":
    main()
