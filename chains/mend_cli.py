"""`python -m chains mend`: what the mending rules do to SQL, one query or a JSONL file of them, without a model.

python -m chains mend --db URL [--question Q] [--json] [--without RULE] SQL
python -m chains mend --db URL --batch FILE.jsonl [--without RULE]   # lines {id, question, sql} in,
                                                                     # lines {id, sql, changes} out
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from chains.mending import RULES, MendContext, Rule, mend, rules_without
from chains.warehouses import open_warehouse


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("mend", help="show what the mending rules change in SQL (no model, nothing runs)")
    parser.add_argument("sql", nargs="?", help="the SQL to mend (or --batch)")
    parser.add_argument("--db", help="SQLAlchemy URL of the warehouse whose schema the rules read (default: demo)")
    parser.add_argument("--question", default="", help="the question the SQL answers (wording rules read it)")
    parser.add_argument("--batch", help="JSONL file of {id, question, sql}; '-' for standard input")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--without", action="append", default=[], metavar="RULE", help="leave a rule out (repeatable)")


def run(args: argparse.Namespace) -> int:
    if (args.sql is None) == (args.batch is None):
        print("Give either SQL or --batch FILE.jsonl.", file=sys.stderr)
        return 2
    try:
        rules = rules_without(set(args.without))
    except ValueError as error:
        print(f"{error}; the rules are: {', '.join(rule.id for rule in RULES)}", file=sys.stderr)
        return 2
    warehouse = open_warehouse(args.db)
    try:
        base = MendContext(warehouse.schema(), "", warehouse.text_values())
        if args.batch is not None:
            with _opened(args.batch) as lines:
                for record in mend_lines(lines, base, rules):
                    print(json.dumps(record))
            return 0
        mended = mend(args.sql, MendContext(base.schema, args.question, base.values), rules)
        if args.json:
            print(json.dumps({"sql": mended.sql, "model_sql": args.sql, "changes": _changes(mended.changes)}))
        else:
            for change in mended.changes:
                print(f"-- {change.rule}: {change.description}", file=sys.stderr)
            print(mended.sql)
        return 0
    finally:
        warehouse.close()


def mend_lines(lines: Iterable[str], base: MendContext, rules: tuple[Rule, ...] = RULES) -> Iterator[dict]:
    """One output record per non-blank input line: {id, sql, changes}, or {id, error} for a line that is not
    a JSON object with a "sql"."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            sql = record["sql"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            yield {"id": None, "line": number, "error": f"not a JSON object with a sql: {error}"}
            continue
        mended = mend(sql, MendContext(base.schema, record.get("question") or "", base.values), rules)
        yield {"id": record.get("id"), "sql": mended.sql, "changes": _changes(mended.changes)}


def _changes(changes: list) -> list[dict[str, str]]:
    return [change.as_dict() for change in changes]


class _opened:
    """The batch file, or standard input for '-'."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.file: TextIO | None = None

    def __enter__(self) -> TextIO:
        self.file = sys.stdin if self.name == "-" else open(self.name, encoding="utf-8")  # noqa: SIM115
        return self.file

    def __exit__(self, *_exc: object) -> None:
        if self.file is not None and self.file is not sys.stdin:
            self.file.close()
