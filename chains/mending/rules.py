"""The mending rules, one list in the order they run, the way sqlglot's optimizer lists its RULES.

Each rule is one function `apply(sql, context) -> str | None`: the mended SQL, or None when it has nothing
to mend. A rule's kind says what it decides on:

- `sql`: SQL that errors or is degenerate (a column its table lacks, a join on itself, a NULL test that
  can never hold), decided by the SQL, the schema and the stored values alone;
- `wording`: SQL that runs but does not say what the question's words say ("under 30" written `> 30`).
  These read the question, so they can misread it: each firing is shown to the user.

Every rule's measured gain and its result on the safety corpus are in docs/mending.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from chains.mending.dates import repair_date_differences
from chains.mending.grouping import repair_filter_for_grouping, repair_ungrouped_ranking
from chains.mending.measures import (
    repair_compared_extremes,
    repair_counted_values,
    repair_turned_comparisons,
    repair_uncounted_tables,
    repair_unjoined_negations,
)
from chains.mending.naming import repair_echoed_filters, repair_unnamed_columns
from chains.mending.order import repair_turned_order
from chains.mending.repairs import (
    distinct_asked_values,
    distinct_filtered_items,
    drop_multiplying_joins,
    drop_repeated_group_columns,
    drop_unasked_joins,
    repair_ambiguous_columns,
    repair_anti_joins,
    repair_copied_references,
    repair_invented_join_columns,
    repair_misplaced_columns,
    repair_off_key_joins,
    repair_self_joins,
    repair_shared_aliases,
    repair_unasked_years,
    repair_values_in_wrong_column,
    repair_years_read_as_dates,
)
from chains.mending.sets import (
    repair_both_as_intersect,
    repair_both_as_union,
    repair_negated_links,
    repair_or_asked_as_and,
)
from connectors.schema import Schema
from connectors.values import ValueIndex


class Kind(StrEnum):
    SQL = "sql"
    WORDING = "wording"


@dataclass(frozen=True)
class MendContext:
    """What a rule may look at besides the SQL: the whole schema, the user's question, the stored text values."""

    schema: Schema
    question: str = ""
    values: ValueIndex | None = None

    @property
    def dialect(self) -> str:
        return self.schema.dialect


@dataclass(frozen=True)
class Rule:
    id: str
    kind: Kind
    description: str  # one line a business user can read: what was adjusted
    apply: Callable[[str, MendContext], str | None]


def _sql_rule(repair: Callable[[str, Schema], str | None]) -> Callable[[str, MendContext], str | None]:
    return lambda sql, context: repair(sql, context.schema)


def _wording_rule(repair: Callable[[str, Schema, str], str | None]) -> Callable[[str, MendContext], str | None]:
    return lambda sql, context: repair(sql, context.schema, context.question)


def _stored_values_rule(sql: str, context: MendContext) -> str | None:
    return repair_values_in_wrong_column(sql, context.schema, context.values) if context.values else None


SQL, WORDING = Kind.SQL, Kind.WORDING

RULES: tuple[Rule, ...] = (
    Rule(
        "copied-references",
        SQL,
        "removed a REFERENCES clause copied from the schema into the query",
        _sql_rule(repair_copied_references),
    ),
    Rule("shared-aliases", SQL, "gave each table its own alias", _sql_rule(repair_shared_aliases)),
    Rule(
        "value-in-wrong-column",
        SQL,
        "compared a text value with the column that holds it, spelled as stored",
        _stored_values_rule,
    ),
    Rule(
        "invented-join-columns",
        SQL,
        "joined two tables on their foreign key instead of a column they lack",
        _sql_rule(repair_invented_join_columns),
    ),
    Rule(
        "misplaced-columns",
        SQL,
        "read a column from the table that has it, joining it if needed",
        _sql_rule(repair_misplaced_columns),
    ),
    Rule(
        "ambiguous-columns",
        SQL,
        "named the table of a column two joined tables share",
        _sql_rule(repair_ambiguous_columns),
    ),
    Rule(
        "self-joins",
        SQL,
        "joined a table on its foreign key instead of a column compared with itself",
        _sql_rule(repair_self_joins),
    ),
    Rule(
        "off-key-joins",
        SQL,
        "joined two tables through the table that links them, not on look-alike ids",
        _sql_rule(repair_off_key_joins),
    ),
    Rule(
        "anti-joins",
        SQL,
        "tested 'no match' on the joined table's key, so that it can hold",
        _sql_rule(repair_anti_joins),
    ),
    Rule(
        "years-read-as-dates",
        SQL,
        "read a year column as the number it is, not as a date",
        _sql_rule(repair_years_read_as_dates),
    ),
    Rule(
        "date-differences",
        SQL,
        "counted the days between two dates, which this database cannot subtract as written",
        _sql_rule(repair_date_differences),
    ),
    Rule(
        "unasked-years",
        WORDING,
        "showed the whole date where only its year was shown and no year was asked for",
        _wording_rule(repair_unasked_years),
    ),
    Rule(
        "turned-comparisons",
        WORDING,
        "turned a comparison the way the question's word says ('under', 'after')",
        _wording_rule(repair_turned_comparisons),
    ),
    Rule(
        "compared-extremes",
        WORDING,
        "compared with the row that has the most, not with the largest value",
        _wording_rule(repair_compared_extremes),
    ),
    Rule(
        "counted-values",
        WORDING,
        "showed a stored number the question asks 'how many' of, instead of counting it",
        _wording_rule(repair_counted_values),
    ),
    Rule(
        "uncounted-tables",
        WORDING,
        "joined the table the question counts",
        _wording_rule(repair_uncounted_tables),
    ),
    Rule(
        "unjoined-negations",
        WORDING,
        "joined the table the question says 'not' of inside the NOT IN",
        _wording_rule(repair_unjoined_negations),
    ),
    Rule(
        "unnamed-columns",
        WORDING,
        "used the column the question names instead of one it does not",
        _wording_rule(repair_unnamed_columns),
    ),
    Rule(
        "echoed-filters",
        WORDING,
        "showed the column asked about instead of the value filtered by",
        _wording_rule(repair_echoed_filters),
    ),
    Rule(
        "turned-order",
        WORDING,
        "sorted in the order the question names",
        _wording_rule(repair_turned_order),
    ),
    Rule(
        "filter-for-grouping",
        WORDING,
        "grouped by the column the question asks 'for each' of",
        _wording_rule(repair_filter_for_grouping),
    ),
    Rule(
        "ungrouped-ranking",
        SQL,
        "grouped by the shown columns a query ranks by an aggregate",
        _sql_rule(repair_ungrouped_ranking),
    ),
    Rule(
        "repeated-group-columns",
        SQL,
        "dropped an average, minimum or maximum of a column the query groups by",
        _sql_rule(drop_repeated_group_columns),
    ),
    Rule(
        "multiplying-joins",
        WORDING,
        "dropped a join that repeated each counted row",
        _wording_rule(drop_multiplying_joins),
    ),
    Rule(
        "unasked-joins",
        WORDING,
        "dropped a join the question does not ask for",
        _wording_rule(drop_unasked_joins),
    ),
    Rule(
        "distinct-filtered-items",
        SQL,
        "showed each item once, not once per matching row",
        _sql_rule(distinct_filtered_items),
    ),
    Rule(
        "distinct-asked-values",
        WORDING,
        "showed each value the question asks 'which' of once",
        _wording_rule(distinct_asked_values),
    ),
    Rule(
        "both-as-intersect",
        WORDING,
        "found rows matching both values, one query per value, intersected",
        _wording_rule(repair_both_as_intersect),
    ),
    Rule(
        "both-as-union",
        WORDING,
        "intersected, not united, the two lists the question asks 'both' of",
        _wording_rule(repair_both_as_union),
    ),
    Rule(
        "or-asked-as-and",
        WORDING,
        "joined two conditions with OR as the question does",
        _wording_rule(repair_or_asked_as_and),
    ),
    Rule(
        "negated-links",
        WORDING,
        "kept the items with no matching row, as 'did not' asks",
        _wording_rule(repair_negated_links),
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def rules_without(ids: set[str] | frozenset[str]) -> tuple[Rule, ...]:
    """RULES less the ones named; ValueError for a name no rule has."""
    if unknown := set(ids) - RULES_BY_ID.keys():
        raise ValueError(f"no mending rule named {', '.join(sorted(unknown))}")
    return tuple(rule for rule in RULES if rule.id not in ids)
