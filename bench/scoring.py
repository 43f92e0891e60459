"""Execution accuracy as Spider's test-suite evaluator scores it (taoyds/test-suite-sql-eval, `result_eq`).

A prediction is correct when its result equals the gold query's result on the same database:
- Rows are compared as multisets (duplicates count), or as sequences when the gold query has a top-level
  ORDER BY (detected by parsing the gold SQL with sqlglot, not by substring as the original does).
- Columns may come in any order: some one-to-one mapping of gold columns onto predicted columns must make
  the tables equal, row alignment included. Same number of columns required, as in Spider.
- Two empty results are equal whatever their columns, as in Spider.
- Numbers compare with a tolerance (3 == 3.0; floats within rel/abs 1e-6); text and bytes exactly; NULL only NULL.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from bench.execute import ExecutionError, Row, run_readonly
from chains.rounding import round_half_up

REL_TOL = 1e-6
ABS_TOL = 1e-6

# A gold query's result and whether its order counts, or why it could not be run.
GoldResult = tuple[bool, list[Row]] | ExecutionError


def run_gold(db_path: Path, sql: str, timeout_seconds: float) -> GoldResult:
    try:
        return order_matters(sql), run_readonly(db_path, sql, timeout_seconds)
    except ExecutionError as error:
        return error


def score(golds: Sequence[GoldResult], predicted: Sequence[Row] | None, error: str | None) -> tuple[bool, str | None]:
    """(correct, error): no result (an error or timeout) is wrong; a match with any runnable gold query is right."""
    if predicted is None:
        return False, error or "No result."
    runnable = [g for g in golds if not isinstance(g, ExecutionError)]
    if not runnable:
        return False, f"Gold SQL failed: {golds[0]}"
    return any(results_match(rows, predicted, ordered) for ordered, rows in runnable), error


def business_rows_match(gold_rows: Sequence[Row], predicted_rows: Sequence[Row], ordered: bool) -> bool:
    """Right if the results are equal, or if the gold's columns come back row for row among the answer's.

    A business question leaves the labels' format open (a month may come back as 3, '2024-03' or a date) and
    so the gold's measures (its numeric columns) are what must come back; a gold of labels only ("which
    category grew the most") must come back as those labels, with any numbers shown beside them. A number
    rounded in the gold (to 1 or 2 decimals) is matched by the answer's number rounded the same way.
    """
    if results_match(gold_rows, predicted_rows, ordered):
        return True
    if not gold_rows or len(gold_rows) != len(predicted_rows):
        return False
    measures = [i for i in range(len(gold_rows[0])) if all(_is_number(r[i]) for r in gold_rows)]
    wanted = measures or list(range(len(gold_rows[0])))
    gold_part = [tuple(r[i] for i in wanted) for r in gold_rows]
    decimals = [_decimals(r[i] for r in gold_rows) for i in wanted]
    for chosen in itertools.permutations(range(len(predicted_rows[0])), len(wanted)):
        part = [tuple(r[i] for i in chosen) for r in predicted_rows]
        if results_match(gold_part, part, ordered) or results_match(gold_part, _rounded(part, decimals), ordered):
            return True
    return False


_MOST_DECIMALS_ROUNDED = 4


def _decimals(values: Iterable[object]) -> int | None:
    """The decimals a gold column was rounded to (1 to 4: a rate is rounded to 4, "0.0934"), or None when it is
    not a rounded number column (an unrounded average has 15 or more)."""
    places = set()
    for value in values:
        if not isinstance(value, float):
            return None
        text = repr(value)
        places.add(len(text.split(".")[1]) if "." in text and "e" not in text else 99)
    return max(places) if places and max(places) <= _MOST_DECIMALS_ROUNDED else None


def _rounded(rows: list[tuple], decimals: list[int | None]) -> list[tuple]:
    def one(value: object, places: int | None) -> object:
        return round_half_up(value, places) if places is not None and _is_number(value) else value

    return [tuple(one(v, d) for v, d in zip(row, decimals, strict=True)) for row in rows]


def business_score(golds: Sequence[GoldResult], gold_sql: Sequence[str], predicted: Sequence[Row] | None) -> bool:
    """Whether an answer is right as a business user reads it (`business_rows_match`), for eval sets of
    business questions whose gold rounds its numbers; row order counts only for a gold that sorts and limits."""
    if predicted is None:
        return False
    return any(
        business_rows_match(gold[1], predicted, gold[0] and _limits(sql))
        for gold, sql in zip(golds, gold_sql, strict=True)
        if not isinstance(gold, ExecutionError)
    )


def business_order_matters(gold_sql: str) -> bool:
    """Row order counts for a business answer only when the gold ranks: sorts and keeps the top N."""
    return order_matters(gold_sql) and _limits(gold_sql)


def _limits(gold_sql: str) -> bool:
    return "limit" in gold_sql.lower()


def order_matters(gold_sql: str) -> bool:
    """Whether the gold query sorts its final result (an ORDER BY inside a subquery does not count)."""
    try:
        tree = sqlglot.parse_one(gold_sql, read="sqlite")
    except SqlglotError:
        return "order by" in gold_sql.lower()  # Spider's own rule, for SQL sqlglot cannot parse
    while isinstance(tree, (exp.Subquery, exp.Paren)):
        tree = tree.this
    return tree.args.get("order") is not None


def results_match(gold: Sequence[Row], predicted: Sequence[Row], ordered: bool) -> bool:
    if not gold and not predicted:
        return True
    if len(gold) != len(predicted):
        return False
    width = len(gold[0])
    if len(predicted[0]) != width:
        return False
    if not _same_rows([_sorted_row(r) for r in gold], [_sorted_row(r) for r in predicted], ordered):
        return False  # cheap rejection: not even the rows' values agree, in any column order
    return _find_mapping(gold, predicted, ordered, [])


def _find_mapping(gold: Sequence[Row], predicted: Sequence[Row], ordered: bool, mapping: list[int]) -> bool:
    """Extend `mapping` (gold column i -> predicted column mapping[i]) until the whole tables agree.

    Each partial mapping must already make the projected tables agree, which prunes almost everything. Of
    predicted columns holding identical values, only the first unused one is tried: swapping them changes nothing.
    """
    level = len(mapping)
    if level == len(gold[0]):
        return True
    gold_part = [row[: level + 1] for row in gold]
    tried: list[list[Any]] = []
    for column in range(len(predicted[0])):
        if column in mapping:
            continue
        values = [row[column] for row in predicted]
        if values in tried:
            continue
        tried.append(values)
        candidate = [*mapping, column]
        predicted_part = [tuple(row[c] for c in candidate) for row in predicted]
        if _same_rows(gold_part, predicted_part, ordered) and _find_mapping(gold, predicted, ordered, candidate):
            return True
    return False


def _same_rows(gold: Sequence[Row], predicted: Sequence[Row], ordered: bool) -> bool:
    if not ordered:
        gold, predicted = sorted(gold, key=_row_key), sorted(predicted, key=_row_key)
    return all(_rows_equal(g, p) for g, p in zip(gold, predicted, strict=True))


def _rows_equal(gold: Row, predicted: Row) -> bool:
    return all(_values_equal(g, p) for g, p in zip(gold, predicted, strict=True))


def _values_equal(gold: Any, predicted: Any) -> bool:
    if _is_number(gold) and _is_number(predicted):
        return gold == predicted or math.isclose(gold, predicted, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if _is_number(gold) or _is_number(predicted):
        return False  # 3 and '3' differ: SQLite keeps them apart too
    return gold == predicted


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float))


def _sorted_row(row: Row) -> Row:
    return tuple(sorted(row, key=lambda v: (_coarse_key(v), _exact_key(v))))


def _row_key(row: Row) -> tuple:
    """Sort rows by rounded values first, so rows equal within tolerance line up; exact values break ties."""
    return tuple(_coarse_key(v) for v in row), tuple(_exact_key(v) for v in row)


def _coarse_key(value: Any) -> tuple:
    """A total order over mixed values in which numbers are rounded to 6 significant digits.

    Only the sort order depends on the keys; equality is always decided by `_values_equal`.
    """
    if _is_number(value) and math.isfinite(value):
        return (1, float(f"{value:.6g}"))
    return _exact_key(value)


def _exact_key(value: Any) -> tuple:
    if value is None:
        return (0, 0)
    if _is_number(value):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    if isinstance(value, bytes):
        return (3, value)
    return (4, repr(value))
