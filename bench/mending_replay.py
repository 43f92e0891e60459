"""What each mending rule gains, measured offline on recorded model replies:

    python -m bench.mending_replay --dataset DIR --results FILE.json [--out FILE.json]
    python -m bench.mending_replay --demo FILE.json [--out FILE.json]

FILE.json is a `python -m bench` result (or, with --demo, a `python -m bench.demo` result) whose records keep
the model's first reply (`first_reply`). Each reply's SQL is mended with every rule, and with every rule
but one, run on the question's database and scored against gold. A rule's gain is how many more first
replies are right with it than without it; it leaves out the re-tries a real run makes after an error, so
it measures the rule, not the chain.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.dataset import load_questions
from bench.execute import ExecutionError, run_readonly
from bench.scoring import business_order_matters, run_gold, score
from chains.extract import CannotAnswer, extract_sql
from chains.mending import RULES, MendContext, Rule, mend
from connectors.errors import WarehouseError
from connectors.warehouse import Warehouse
from settings import query_settings


@dataclass(frozen=True)
class Replay:
    key: str  # the question's id
    question: str  # as the model saw it
    sql: str  # the model's first SQL, as it wrote it
    context: MendContext
    right: Callable[[str], bool]  # whether an SQL answers this question right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mending_replay", description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, help="the dataset the --results were made on")
    parser.add_argument("--results", type=Path, help="a python -m bench result with first replies")
    parser.add_argument("--demo", type=Path, help="a python -m bench.demo result with first replies")
    parser.add_argument("--out", type=Path, help="also write the table as JSON")
    args = parser.parse_args(argv)
    if args.demo:
        replays = demo_replays(json.loads(args.demo.read_text())["results"])
    elif args.dataset and args.results:
        replays = dataset_replays(args.dataset, json.loads(args.results.read_text())["results"])
    else:
        parser.error("give --dataset and --results, or --demo")
    if not replays:
        print("No record has a first reply: rerun the benchmark with this version.", file=sys.stderr)
        return 2
    table = rule_gains(replays)
    print(f"{table['replies']} first replies; right with every rule: {table['all']}, with none: {table['none']}")
    print("| rule | kind | fires | right without it | gain |\n|---|---|---|---|---|")
    for row in table["rules"]:
        print(f"| {row['rule']} | {row['kind']} | {row['fires']} | {row['right_without']} | {row['gain']:+d} |")
    if args.out:
        args.out.write_text(json.dumps(table, indent=2) + "\n")
    return 0


def dataset_replays(dataset: Path, records: Sequence[dict]) -> list[Replay]:
    timeout = query_settings().timeout_seconds
    by_id = {q.id: q for q in load_questions(dataset)}
    contexts: dict[str, tuple] = {}
    replays = []
    for record in records:
        question = by_id.get(record.get("id"))
        sql = _first_sql(record)
        if question is None or sql is None:
            continue
        if question.db_id not in contexts:
            warehouse = Warehouse(question.db_url)
            contexts[question.db_id] = (warehouse.schema(), warehouse.text_values())
            warehouse.close()
        schema, values = contexts[question.db_id]
        gold = [run_gold(question.db_path, g, timeout) for g in question.gold_sql]

        def right(candidate: str, db_path: Path = question.db_path, gold: list = gold) -> bool:
            try:
                rows, error = run_readonly(db_path, candidate, timeout), None
            except ExecutionError as failure:
                rows, error = None, str(failure)
            return score(gold, rows, error)[0]

        text = question.prompt_text
        replays.append(Replay(question.id, text, sql, MendContext(schema, text, values), right))
    return replays


def demo_replays(rows: Sequence[dict]) -> list[Replay]:
    from bench.demo import business_answer_matches
    from connectors.demo import demo_url, ensure_demo_warehouse
    from tests.business_questions import BUSINESS_QUESTIONS

    warehouse = Warehouse(demo_url(ensure_demo_warehouse()))
    schema, values = warehouse.schema(), warehouse.text_values()
    golds = dict(BUSINESS_QUESTIONS)
    replays = []
    for row in rows:
        sql = _first_sql(row)
        gold_sql = golds.get(row.get("question"))
        if sql is None or gold_sql is None:
            continue
        gold = warehouse.run(gold_sql).data
        ordered = business_order_matters(gold_sql)

        def right(candidate: str, gold=gold, ordered: bool = ordered) -> bool:  # type: ignore[no-untyped-def]
            try:
                return business_answer_matches(gold, warehouse.run(candidate).data, ordered)
            except WarehouseError:
                return False

        replays.append(
            Replay(row["question"], row["question"], sql, MendContext(schema, row["question"], values), right)
        )
    return replays


def _first_sql(record: dict) -> str | None:
    if not record.get("first_reply"):
        return None
    try:
        return extract_sql(record["first_reply"])
    except CannotAnswer:
        return None


def rule_gains(replays: Sequence[Replay], rules: Sequence[Rule] = RULES) -> dict:
    """{"replies", "all", "none", "rules": [{rule, kind, fires, right_without, gain}]}: first replies scored right
    with every rule, with none, and with all but each one."""
    verdicts: dict[tuple[str, str], bool] = {}

    def right(replay: Replay, sql: str) -> bool:
        if (replay.key, sql) not in verdicts:
            verdicts[(replay.key, sql)] = replay.right(sql)
        return verdicts[(replay.key, sql)]

    full = [mend(r.sql, r.context, rules) for r in replays]
    all_right = sum(right(r, m.sql) for r, m in zip(replays, full, strict=True))
    rows = []
    for rule in rules:
        others = [other for other in rules if other is not rule]
        fired = [rule.id in {c.rule for c in m.changes} for m in full]
        # a rule that did not fire leaves every other rule's input as it was: the result without it is the same
        without = sum(
            right(r, mend(r.sql, r.context, others).sql if did else m.sql)
            for r, m, did in zip(replays, full, fired, strict=True)
        )
        rows.append(
            {"rule": rule.id, "kind": str(rule.kind), "fires": sum(fired), "right_without": without,
             "gain": all_right - without}
        )  # fmt: skip
    return {
        "replies": len(replays),
        "all": all_right,
        "none": sum(right(r, r.sql) for r in replays),
        "rules": rows,
    }


if __name__ == "__main__":
    sys.exit(main())
