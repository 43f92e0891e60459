"""What each mending rule gains, measured offline on recorded model replies:

    python -m bench.mending_replay --dataset DIR --results FILE.json [--out FILE.json]

FILE.json is a `python -m bench` result whose records keep the model's first reply (`first_reply`). Each
reply's SQL is mended with every rule, and with every rule but one, run on the question's database and
scored against gold. A rule's gain is how many more first replies are right with it than without it; it
leaves out the re-tries a real run would make after an error, so it measures the rule, not the chain.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.dataset import Question, load_questions
from bench.execute import ExecutionError, run_readonly
from bench.scoring import run_gold, score
from chains.extract import CannotAnswer, extract_sql
from chains.mending import RULES, MendContext, Rule, mend
from connectors.warehouse import Warehouse
from settings import query_settings


@dataclass(frozen=True)
class Replay:
    question: Question
    sql: str  # the model's first SQL, as it wrote it


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mending_replay", description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--results", type=Path, required=True, help="a python -m bench result with first replies")
    parser.add_argument("--out", type=Path, help="also write the table as JSON")
    args = parser.parse_args(argv)
    replays = recorded_replays(load_questions(args.dataset), json.loads(args.results.read_text())["results"])
    if not replays:
        print("No record has a first reply: rerun python -m bench with this version.", file=sys.stderr)
        return 2
    table = rule_gains(replays)
    print(f"{len(replays)} first replies; right with every rule: {table['all']}, with none: {table['none']}")
    print("| rule | fires | right without it | gain |\n|---|---|---|---|")
    for row in table["rules"]:
        print(f"| {row['rule']} | {row['fires']} | {row['right_without']} | {row['gain']:+d} |")
    if args.out:
        args.out.write_text(json.dumps(table, indent=2) + "\n")
    return 0


def recorded_replays(questions: Sequence[Question], records: Sequence[dict]) -> list[Replay]:
    by_id = {q.id: q for q in questions}
    replays = []
    for record in records:
        question = by_id.get(record.get("id"))
        if question is None or not record.get("first_reply"):
            continue
        try:
            sql = extract_sql(record["first_reply"])
        except CannotAnswer:
            continue
        if sql:
            replays.append(Replay(question, sql))
    return replays


def rule_gains(replays: Sequence[Replay], rules: Sequence[Rule] = RULES) -> dict:
    """{"all", "none", "rules": [{rule, fires, right_without, gain}]}: counts of first replies scored right."""
    timeout = query_settings().timeout_seconds
    contexts: dict[str, tuple] = {}
    gold: dict[str, list] = {}
    verdicts: dict[tuple[str, str], bool] = {}  # (question id, SQL) -> right

    def right(replay: Replay, sql: str) -> bool:
        key = (replay.question.id, sql)
        if key not in verdicts:
            q = replay.question
            if q.id not in gold:
                gold[q.id] = [run_gold(q.db_path, g, timeout) for g in q.gold_sql]
            try:
                rows, error = run_readonly(q.db_path, sql, timeout), None
            except ExecutionError as failure:
                rows, error = None, str(failure)
            verdicts[key] = score(gold[q.id], rows, error)[0]
        return verdicts[key]

    def mended(replay: Replay, chosen: Sequence[Rule]) -> tuple[str, list[str]]:
        q = replay.question
        if q.db_id not in contexts:
            warehouse = Warehouse(q.db_url)
            contexts[q.db_id] = (warehouse.schema(), warehouse.text_values())
            warehouse.close()
        schema, values = contexts[q.db_id]
        result = mend(replay.sql, MendContext(schema, q.prompt_text, values), chosen)
        return result.sql, [change.rule for change in result.changes]

    full = [mended(r, rules) for r in replays]
    all_right = sum(right(r, sql) for r, (sql, _fired) in zip(replays, full, strict=True))
    none_right = sum(right(r, r.sql) for r in replays)
    rows = []
    for rule in rules:
        others = [other for other in rules if other is not rule]
        fires = sum(rule.id in fired for _sql, fired in full)
        without = sum(
            right(r, mended(r, others)[0] if rule.id in fired else sql)
            for r, (sql, fired) in zip(replays, full, strict=True)
        )
        rows.append(
            {
                "rule": rule.id,
                "kind": str(rule.kind),
                "fires": fires,
                "right_without": without,
                "gain": all_right - without,
            }
        )
    return {"replies": len(replays), "all": all_right, "none": none_right, "rules": rows}


if __name__ == "__main__":
    sys.exit(main())
