"""Command line for scripts and benchmarks.

    python -m chains ask "QUESTION" [--db URL] [--json]
    python -m chains sql --db URL [--json] "SQL"
    python -m chains semantic draft|validate ...   (see semantic/cli.py)
    python -m chains mend --db URL [--question Q] [--json] "SQL"     (or --batch FILE.jsonl: see chains/mend_cli.py)

`sql` exits 0 when the query ran, 3 when the guard refused it, 1 on any other error.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pandas as pd

from chains import mend_cli
from chains.answer import Answer
from chains.factory import build_chain, open_warehouse
from connectors.errors import QueryRefused, WarehouseError
from semantic import cli as semantic_cli

EXIT_REFUSED = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chains", description="Ask a warehouse questions in plain English.")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer a question with the configured model")
    ask.add_argument("question")
    ask.add_argument("--db", help="SQLAlchemy URL of the warehouse (default: the demo warehouse)")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    sql = commands.add_parser("sql", help="run SQL through the read-only guard")
    sql.add_argument("sql")
    sql.add_argument("--db", help="SQLAlchemy URL of the warehouse (default: the demo warehouse)")
    sql.add_argument("--json", action="store_true", help="print one JSON object")
    semantic_cli.add_commands(commands)
    mend_cli.add_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "semantic":
        return semantic_cli.run(args)
    if args.command == "mend":
        return mend_cli.run(args)
    return _ask(args.question, args.db, args.json) if args.command == "ask" else _sql(args.sql, args.db, args.json)


def _ask(question: str, db: str | None, as_json: bool) -> int:
    progress = None if as_json else (lambda message, _fraction: print(message, file=sys.stderr))
    answer = build_chain(db, progress=progress).ask(question)
    if as_json:
        print(json.dumps(answer_json(answer), default=_json_value))
    else:
        _print_answer(answer)
    return 0 if answer.ok else 1


def _sql(statement: str, db: str | None, as_json: bool) -> int:
    warehouse = open_warehouse(db)
    try:
        result = warehouse.run(statement)
    except QueryRefused as error:
        _fail(as_json, statement, f"Refused: {error.reason}")
        return EXIT_REFUSED
    except WarehouseError as error:
        _fail(as_json, statement, str(error))
        return 1
    if as_json:
        payload = {
            "sql": statement,
            **_table_json(result.data),
            "truncated": result.truncated,
            "seconds": result.seconds,
            "error": None,
        }
        print(json.dumps(payload, default=_json_value))
    else:
        print(result.data.to_string(index=False))
        if result.truncated:
            print(f"(only the first {result.row_cap} rows are shown)")
    return 0


def answer_json(answer: Answer) -> dict[str, Any]:
    table = _table_json(answer.data) if answer.data is not None else {"columns": [], "rows": [], "row_count": 0}
    return {
        "question": answer.question,
        "sql": answer.sql,
        **table,
        "truncated": answer.truncated,
        "seconds": round(answer.seconds, 3),
        "attempts": len(answer.attempts),
        "error": None if answer.ok else answer.message,
        "route": answer.route,
        "explanation": answer.explanation,
        "caution": answer.caution,
        "notes": answer.notes,
        "request": answer.request,
        "clarification": asdict(answer.clarification) if answer.clarification else None,
        "model_sql": answer.model_sql,
        "changes": [change.as_dict() for change in answer.changes],
    }


def _table_json(frame: pd.DataFrame) -> dict[str, Any]:
    cells = frame.astype(object).where(frame.notna(), None)
    rows = [list(row) for row in cells.itertuples(index=False, name=None)]
    return {"columns": [str(c) for c in frame.columns], "rows": rows, "row_count": len(rows)}


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (date, datetime, time, pd.Timestamp)):
        return value.isoformat()
    if pd.isna(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def _fail(as_json: bool, statement: str, message: str) -> None:
    if as_json:
        print(
            json.dumps(
                {"sql": statement, "columns": [], "rows": [], "row_count": 0, "truncated": False, "error": message}
            )
        )
    print(message, file=sys.stderr)


def _print_answer(answer: Answer) -> None:
    if answer.caution:
        print(f"{answer.caution}\n", file=sys.stderr)
    if answer.sql:
        print(f"SQL: {answer.sql}\n")
    if answer.ok and answer.data is not None:
        print(answer.data.to_string(index=False))
        if answer.truncated:
            print("(rows were cut at the row cap)")
    else:
        print(answer.message, file=sys.stderr)
    print(f"\n{answer.seconds:.1f} s, {len(answer.attempts)} attempt(s), model {answer.model}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
