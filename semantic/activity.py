"""What an entity does over time: the dated rows that point at it (a customer's orders, a carrier's shipments).

Retention and churn, and the "returning customer" choices of a clarifying question, are read on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from semantic.spec import Field, LogicalTable, SemanticModel


@dataclass(frozen=True)
class Activity:
    table: LogicalTable  # the dated rows: orders
    key: str  # their column pointing at the entity: orders.customer_id
    date: Field  # when each happened: order_date


def activity_of(entity: LogicalTable, model: SemanticModel, prefer: str = "") -> Activity | None:
    """The entity's activity: a table with a date that points at it through a one-column relationship;
    `prefer` (the asked metric's table) first when it is one."""
    found: list[Activity] = []
    for relationship in model.relationships:
        if relationship.right_table.lower() != entity.name.lower() or len(relationship.columns) != 1:
            continue
        table = model.table(relationship.left_table)
        if table is not None and table.time_dimensions:
            found.append(Activity(table, relationship.columns[0][0], table.time_dimensions[0]))
    found.sort(key=lambda activity: activity.table.name.lower() != prefer.lower())
    return found[0] if found else None


# What a date of the entity's own says when it is the day the entity began: "Date the member signed up".
_BEGAN = re.compile(r"\b(?:join|sign|regist|creat|open|enrol|onboard|start|since|acquir|first|became)\w*", re.I)


def began_on(entity: LogicalTable) -> Field | None:
    """The date the entity began (signed up, was created, opened), by its name or description; else its first date
    unless that is a birth date: "new members in 2025" are those whose join_date, not date_of_birth, is in 2025."""
    dates = [d for d in entity.time_dimensions if not re.search(r"birth", f"{d.name} {d.description}", re.I)]
    named = [d for d in dates if _BEGAN.search(d.name.replace("_", " ")) or _BEGAN.search(d.description or "")]
    return (named or dates or [None])[0]
