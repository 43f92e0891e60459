"""A large warehouse for schema-scale tests: the demo's 7 business tables among generated ones, 1,000 tables
and 20,000 columns in all, each table and column commented like a real catalogue.

    python -m bench.large_warehouse PATH [--tables 1000]
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import time
from pathlib import Path

import duckdb

from connectors.demo import ensure_demo_warehouse

DOMAINS = (
    "hr", "payroll", "iot", "marketing", "web", "logistics", "finance", "support", "inventory", "crm",
    "billing", "audit", "security", "facilities", "fleet", "legal", "research", "quality", "procurement", "travel",
)  # fmt: skip
ENTITIES = (
    "events", "records", "snapshots", "metrics", "logs", "assignments", "requests", "items", "accounts",
    "schedules", "tickets", "budgets", "contracts", "devices", "sessions", "campaigns", "shipments",
    "invoices", "assets", "surveys",
)  # fmt: skip
# (name, type, comment, SQL producing a value from the row number i): generic columns real catalogues share.
COLUMN_KINDS = (
    ("status", "VARCHAR", "Lifecycle status", "['open', 'closed', 'pending'][1 + i % 3]"),
    ("region", "VARCHAR", "Region the record belongs to", "['North', 'South', 'East', 'West'][1 + i % 4]"),
    ("amount", "DECIMAL(12,2)", "Amount in the currency of the record", "round(i * 13.7 % 1000, 2)"),
    ("quantity", "INTEGER", "Number of units", "i % 17"),
    ("created_on", "DATE", "Day the record was created", "DATE '2024-01-01' + CAST(i AS INTEGER)"),
    ("owner_name", "VARCHAR", "Person responsible", "'owner ' || (i % 9)"),
    ("category", "VARCHAR", "Grouping used in reports", "'cat ' || (i % 5)"),
    ("code", "VARCHAR", "External reference code", "'C' || lpad(CAST(i AS VARCHAR), 5, '0')"),
    ("score", "DOUBLE", "Quality score from 0 to 1", "(i % 10) / 10.0"),
    ("note", "VARCHAR", "Free-text remark", "'note ' || i"),
    ("priority", "INTEGER", "Priority, 1 highest", "1 + i % 4"),
    ("updated_on", "DATE", "Day the record last changed", "DATE '2024-06-01' + CAST(i AS INTEGER)"),
    ("source_system", "VARCHAR", "System that produced the record", "'sys' || (i % 3)"),
    ("cost", "DECIMAL(12,2)", "Internal cost", "round(i * 3.1 % 500, 2)"),
    ("is_active", "BOOLEAN", "Whether the record is current", "i % 2 = 0"),
    ("country", "VARCHAR", "Country code", "['DE', 'US', 'FR', 'JP'][1 + i % 4]"),
    ("duration_minutes", "INTEGER", "Duration in minutes", "i * 7 % 240"),
    ("rating", "INTEGER", "Rating from 1 to 5", "1 + i % 5"),
)
ROWS_PER_TABLE = 20


def build_large_warehouse(path: Path, tables: int = 1_000) -> Path:
    """Copy the demo warehouse to `path` and add generated tables until there are `tables` in all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    shutil.copyfile(ensure_demo_warehouse(), path)
    connection = duckdb.connect(str(path))
    existing = connection.execute("SELECT COUNT(*) FROM duckdb_tables()").fetchone()[0]  # type: ignore[index]
    rng = random.Random(20261128)
    names = [f"{d}_{e}" for d, e in itertools.product(DOMAINS, ENTITIES)]
    generated: list[str] = []
    connection.execute("BEGIN")  # one commit, not one fsync per statement
    for number in itertools.count(1):
        for base in names:
            if existing + len(generated) >= tables:
                break
            name = base if number == 1 else f"{base}_{number}"
            _create(connection, name, rng, generated)
            generated.append(name)
        else:
            continue
        break
    connection.execute("COMMIT")
    connection.execute("CHECKPOINT")
    connection.close()
    return path


def _create(connection: duckdb.DuckDBPyConnection, name: str, rng: random.Random, earlier: list[str]) -> None:
    domain, entity = name.split("_")[0], name.split("_")[1]
    kinds = rng.sample(COLUMN_KINDS, k=17)
    parent = rng.choice(earlier) if earlier and rng.random() < 0.5 else None
    columns = [f"{entity[:-1]}_id INTEGER PRIMARY KEY"]
    values = ["i"]
    if parent:
        columns.append(f"{parent}_id INTEGER REFERENCES {parent} ({parent.split('_')[1][:-1]}_id)")
        values.append(f"i % {ROWS_PER_TABLE}")
    else:
        columns.append(f"{domain}_batch INTEGER")
        values.append("i % 3")
    columns += [f"{kind} {sql_type}" for kind, sql_type, _comment, _value in kinds]
    values += [value for _kind, _type, _comment, value in kinds]
    columns.append(f"{domain}_{entity}_label VARCHAR")
    values.append(f"'{entity} ' || i")
    connection.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
    connection.execute(f"INSERT INTO {name} SELECT {', '.join(values)} FROM range({ROWS_PER_TABLE}) AS r(i)")
    connection.execute(f"COMMENT ON TABLE {name} IS '{entity.capitalize()} kept by the {domain} system'")
    for kind, _type, comment, _value in kinds:
        connection.execute(f"COMMENT ON COLUMN {name}.{kind} IS '{comment}'")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.large_warehouse")
    parser.add_argument("path", type=Path)
    parser.add_argument("--tables", type=int, default=1_000)
    args = parser.parse_args()
    started = time.perf_counter()
    build_large_warehouse(args.path, args.tables)
    print(f"Built {args.path} with {args.tables} tables in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
