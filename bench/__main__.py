"""Command line: python -m bench --dataset DIR --out FILE.json [--ids FILE] [--limit N] [--backend B] [--baseline]
[--without PART] [--schema-style S]

Runs the app's chain (and with --baseline the stock LangChain SQL chain, on the same model object) over the
questions, scores execution accuracy, writes `{"summary", "results", "baseline_results"}` to FILE.json and
prints a markdown table. Results are also appended to FILE.json.cache.jsonl as they are made: a rerun
skips every question whose result is there for an unchanged system.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bench.app import AppSystem
from bench.cache import ResultCache
from bench.dataset import DatasetError, load_questions
from bench.report import build_summary, markdown_table
from bench.runner import contender, run_benchmark
from chains.llm.backends import build_chat_model, model_id
from chains.llm.model_file import ModelFileError
from chains.mending import RULES_BY_ID
from chains.prompt import SCHEMA_STYLES
from settings import BACKENDS, DEFINITIONS, model_settings

APP_SOURCES = ("chains", "connectors", "semantic", "settings.py", "bench/app.py")
BASELINE_SOURCES = ("bench/baseline.py",)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        questions = load_questions(args.dataset, args.ids, args.limit)
    except (DatasetError, OSError, ValueError) as error:
        print(f"Cannot load the dataset: {error}", file=sys.stderr)
        return 2
    if not questions:
        print("No questions selected.", file=sys.stderr)
        return 2

    try:
        settings = model_settings(backend=args.backend)
        model = build_chat_model(settings, progress=lambda message, _fraction: print(message, file=sys.stderr))
    except (ModelFileError, ValueError) as error:
        print(f"Cannot set up the model: {error}", file=sys.stderr)
        return 2
    if hasattr(model, "warm_up"):
        model.warm_up()  # load the weights now, not inside the first question's timing
    model_name = model_id(model)

    without_rules = tuple(part for part in args.without if part in RULES_BY_ID)
    app = AppSystem(
        model,
        value_hints="value-hints" not in args.without,
        schema_style=args.schema_style,
        definitions=args.definitions,
        without_rules=without_rules,
        sql_writing="sql-writing" not in args.without,
    )
    contenders = [contender("app", app, APP_SOURCES, model_name, settings.backend)]
    if args.baseline:
        from bench.baseline import BaselineSystem  # imports langchain-community: only when asked for

        contenders.append(contender("baseline", BaselineSystem(model), BASELINE_SOURCES, model_name, settings.backend))

    cache = ResultCache(None if args.no_cache else args.out.with_name(args.out.name + ".cache.jsonl"))
    try:
        results = run_benchmark(questions, contenders, cache)
    finally:
        for entrant in contenders:
            entrant.system.close()

    meta = {
        "dataset": str(args.dataset.resolve()),
        "questions": len(questions),
        "model": model_name,
        "backend": settings.backend,
        "fingerprints": {c.name: c.fingerprint for c in contenders},
        "without": sorted(args.without),
        "schema_style": args.schema_style,
        "definitions": args.definitions,
    }
    summary = build_summary(results["app"], results.get("baseline"), meta)
    output = {"summary": summary, "results": results["app"], "baseline_results": results.get("baseline", [])}
    _write_json(args.out, output)
    print(markdown_table(summary))
    print(f"\nWrote {args.out}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, required=True, help="directory with questions.json and database/")
    parser.add_argument("--ids", type=Path, help="file with one question id a line: only these questions")
    parser.add_argument("--limit", type=int, help="only N (selected) questions, evenly spaced over the file")
    parser.add_argument("--backend", choices=BACKENDS, help="model backend (default: the configured one)")
    parser.add_argument("--baseline", action="store_true", help="also run the stock LangChain SQL chain")
    parser.add_argument("--out", type=Path, required=True, help="where to write the results JSON")
    parser.add_argument(
        "--without",
        action="append",
        default=[],
        choices=["value-hints", "sql-writing", *RULES_BY_ID],
        metavar="PART",
        help="switch a part of the app's chain off, to measure what it adds (repeatable): value-hints, "
        "sql-writing (only the business definitions answer) or a mending rule's id (see docs/mending.md)",
    )
    parser.add_argument("--schema-style", choices=SCHEMA_STYLES, default="ddl", help="how the prompt shows the schema")
    parser.add_argument(
        "--definitions",
        choices=DEFINITIONS,
        default="auto",
        help="business definitions: the database's semantic model file, else an auto-draft (auto); only a file; off",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write FILE.json.cache.jsonl")
    return parser


def _write_json(path: Path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    os.replace(partial, path)


if __name__ == "__main__":
    sys.exit(main())
