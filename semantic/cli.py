"""`python -m chains semantic draft|validate`: a warehouse's semantic model from the command line.

    python -m chains semantic draft [--db URL] > model.yaml
    python -m chains semantic validate [--db URL] FILE

`validate` exits 0 when the file is valid for the warehouse, 1 with one problem a line ("line 12: ...").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import make_url

from chains.warehouses import open_warehouse
from connectors.errors import WarehouseError
from semantic.catalog import DEMO_WAREHOUSE
from semantic.draft import draft_model
from semantic.validate import validate
from semantic.yaml_io import SemanticModelError, dump_model, parse_model
from settings import connection_urls

DB_HELP = "SQLAlchemy URL of the warehouse (default: the demo warehouse)"


def add_commands(commands: argparse._SubParsersAction) -> None:
    semantic = commands.add_parser("semantic", help="draft or validate a warehouse's semantic model (YAML)")
    actions = semantic.add_subparsers(dest="semantic_command", required=True)
    draft = actions.add_parser("draft", help="print a model drafted from the warehouse's schema alone")
    draft.add_argument("--db", help=DB_HELP)
    check = actions.add_parser("validate", help="check every reference of a model file against the warehouse")
    check.add_argument("file")
    check.add_argument("--db", help=DB_HELP)


def run(args: argparse.Namespace) -> int:
    try:
        warehouse = open_warehouse(args.db)
        schema = warehouse.schema()
        if args.semantic_command == "draft":
            print(dump_model(draft_model(schema, warehouse.text_values(), name=warehouse_name(args.db))), end="")
            return 0
    except WarehouseError as error:
        print(error, file=sys.stderr)
        return 1
    return _validate(Path(args.file), schema)


def _validate(path: Path, schema) -> int:  # type: ignore[no-untyped-def]
    try:
        model = parse_model(path.read_text(encoding="utf-8"))
    except OSError as error:
        print(f"{path}: {error.strerror or error}", file=sys.stderr)
        return 1
    except SemanticModelError as error:
        print(error)
        return 1
    problems = validate(model, schema)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {path}", file=sys.stderr)
        return 1
    print(f"{path} is valid: {len(model.tables)} tables, {len(model.metrics)} metrics.", file=sys.stderr)
    return 0


def warehouse_name(db: str | None) -> str:
    """The configured connection's name for the URL, else the database's own name."""
    if db is None:
        return DEMO_WAREHOUSE
    named = next((name for name, url in connection_urls().items() if url == db), None)
    if named:
        return named
    database = make_url(db).database or ""
    return Path(database).stem or database or "warehouse"
