"""Days between two dates, where the warehouse cannot subtract dates as written.

SQLite keeps dates as text: `check_out - check_in` reads each as the number it starts with (the year) and
answers 0 for most stays without an error, and `strftime('%j', a) - strftime('%j', b)` (day of the year) goes
wrong across New Year. MySQL turns `a - b` of two DATEs into a difference of YYYYMMDD numbers (March 1 minus
February 28 is 73). Both are rewritten as the difference in days each dialect computes
(`julianday(a) - julianday(b)`, `DATEDIFF(a, b)`). Other dialects subtract dates as dates.
"""

from __future__ import annotations

from sqlglot import exp

from chains.mending.repairs import each_select_rewritten
from connectors.joins import formatted_value, ordered_sources, source_of
from connectors.schema import Schema, Table

_DAY_OF_YEAR = "%j"


def repair_date_differences(sql: str, schema: Schema) -> str | None:
    """The SQL with each subtraction of two date columns as a difference in days, or None if it has none."""
    if schema.dialect not in ("sqlite", "mysql"):
        return None
    return each_select_rewritten(sql, schema, _repair_date_differences)


def _repair_date_differences(select: exp.Select, schema: Schema) -> bool:
    sources = ordered_sources(select, schema)
    changed = False
    for difference in list(select.find_all(exp.Sub)):
        if difference.find_ancestor(exp.Select) is not select:
            continue
        later = _date_column(difference.this, sources, schema.dialect)
        earlier = _date_column(difference.expression, sources, schema.dialect)
        if later is not None and earlier is not None:
            difference.replace(_days_between(later, earlier, schema.dialect))
            changed = True
    return changed


def _date_column(operand: exp.Expression, sources: list[tuple[str, Table]], dialect: str) -> exp.Column | None:
    """The date column an operand of a subtraction is: the column itself, or (SQLite) its day of the year."""
    if dialect == "sqlite" and isinstance(operand, exp.TimeToStr) and operand.text("format") == _DAY_OF_YEAR:
        operand = formatted_value(operand)
    if not isinstance(operand, exp.Column):
        return None
    source = source_of(operand, sources)
    column = source[1].column(operand.name) if source else None
    return operand if column is not None and column.holds_dates else None


def _days_between(later: exp.Column, earlier: exp.Column, dialect: str) -> exp.Expression:
    if dialect == "mysql":
        return exp.DateDiff(this=later.copy(), expression=earlier.copy(), unit=exp.var("DAY"))
    julianday = [exp.Anonymous(this="julianday", expressions=[c.copy()]) for c in (later, earlier)]
    # A subtraction replaced by a subtraction: the parentheses the query had around it are kept as they were.
    return exp.Sub(this=julianday[0], expression=julianday[1])
