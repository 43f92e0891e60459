"""A semantic model drafted from the schema alone, so a warehouse without a written one still gets one.

General rules only, read from what any warehouse declares: a logical table per table, its keys, one
relationship per foreign key, date columns as time dimensions, text and calendar-number columns as
dimensions, other numeric columns as facts, and metrics a person would expect: a row count per table, sums
of amounts and quantities, averages of rates, ages, scores and durations, and the average time between
two dates of a row.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sqlglot import exp

from connectors.schema import Column, Schema, Table, looks_like_dates
from connectors.values import ValueIndex, is_text_type
from semantic.durations import (
    calendar_date_sql,
    days_between_sql,
    distinctive_words,
    duration_name,
    holds_times_of_day,
)
from semantic.spec import BaseTable, Field, LogicalTable, Metric, NamedFilter, Relationship, SemanticModel

SAMPLE_VALUES = 5
# A table with more dates than this gets no duration metrics: 5 dates already make 10 pairs.
MAX_DURATION_DATES = 5
DESCRIPTION = (
    "Drafted automatically from the warehouse's schema (keys, foreign keys, column types, comments and stored "
    "values). Review the metrics before relying on them."
)
# Integer columns that group rows rather than measure them.
_CALENDAR_WORDS = frozenset(
    {"year", "quarter", "month", "week", "weekday", "day", "hour", "semester", "season", "fy", "period"}
)
# A column whose name ends with one of these identifies something; adding it up means nothing.
_IDENTIFIER_WORDS = frozenset({"id", "code", "key", "no", "num", "number", "zip", "postcode", "phone", "fax"})
_SUMMED_WORDS = frozenset(
    {
        "amount", "revenue", "sales", "sale", "cost", "costs", "total", "quantity", "qty", "value", "fee", "fees",
        "charge", "charges", "spend", "spent", "budget", "salary", "salaries", "wage", "wages", "income", "profit",
        "margin", "tax", "payment", "paid", "balance", "units", "volume", "refund", "expense", "expenses",
        "earnings", "bonus", "commission", "gross", "net", "turnover", "price", "capacity", "attendance",
        "population", "seats", "stock", "inventory", "consumption", "usage", "energy", "subtotal", "premium",
        "premiums", "rent", "deposit", "payout",
    }
)  # fmt: skip
_AVERAGED_WORDS = frozenset(
    {
        "rate", "ratio", "pct", "percent", "percentage", "share", "age", "score", "rating", "stars", "duration",
        "days", "hours", "minutes", "seconds", "discount", "weight", "height", "length", "width", "temperature",
        "speed", "grade", "gpa", "points", "level", "rank", "ranking", "probability", "average", "avg", "mean",
    }
)  # fmt: skip
# The words that name a measure in a question ("how much revenue", "their average score").
MEASURE_WORDS = _SUMMED_WORDS | _AVERAGED_WORDS | {"money"}
# A price per unit is averaged, not summed; it is summed only multiplied by a quantity.
_PER_UNIT = re.compile(r"\b(unit|per unit|of one unit|each)\b")
_TOTAL_WORDS = frozenset({"total", "amount", "sum", "gross", "net"})
_GENERIC_MEASURE_WORDS = frozenset({"amount", "value", "total", "sum"})
_QUANTITY_WORDS = frozenset({"quantity", "qty", "units", "count"})
_PRICE_WORDS = frozenset({"price", "cost"})
_SPAN_UNITS = frozenset({"minutes", "hours", "days", "seconds"})
_QUANTITY_NAMES = frozenset({"quantity", "qty"})
# Words that qualify an amount without naming a thing one pays: "paid amount" is no "paid", "net amount" no "net".
_NOT_A_THING = frozenset({"paid", "net", "gross", "due", "base", "total", "final", "actual", "planned", "unit"})
_UNITS = (
    (re.compile(r"\bin ([A-Z]{3})\b"), None),  # a currency code: "in USD", "in EUR"
    (re.compile(r"\bin (dollars|euros|pounds|yen)\b", re.I), None),
    (re.compile(r"\bin (days|hours|minutes|seconds|weeks|months|years)\b", re.I), None),
    (re.compile(r"\bin (percent|%)", re.I), "%"),
    (re.compile(r"\bin (kg|kilograms|g|grams|lb|pounds|km|kilometers|kilometres|miles|m|meters|metres|cm)\b"), None),
)
# A column named for its unit (consumption_kwh, weight_kg) is what a question "in kWh" or "in kg" adds up.
_PHYSICAL_UNITS = frozenset(
    {
        "kwh", "mwh", "gwh", "wh", "kw", "mw", "kg", "kilograms", "tonnes", "tons", "lb", "lbs", "km", "kilometers",
        "kilometres", "miles", "litres", "liters", "gallons", "m3", "cbm", "sqm", "sqft", "barrels", "therms",
    }
)  # fmt: skip
# A charge a row may or may not carry: "rent invoices charged a late fee" are those whose late_fee is above zero.
_CHARGE_WORDS = frozenset(
    {"fee", "fees", "charge", "surcharge", "penalty", "fine", "discount", "refund", "tip", "bonus", "commission"}
)
_CHARGED_WORDS = frozenset({"fee", "fees", "charge", "surcharge", "penalty", "fine"})  # a row is "charged a" these
# Past forms of events no "-ed" ending shows: a date column named for one says when it happened.
_PAST_FORMS = frozenset({"paid", "sent", "sold", "held", "won", "lost", "made", "done", "given", "taken", "begun"})
# Business words a column's comment may tie to its sum ("Sum this for sales / revenue"): synonyms of its total.
_BUSINESS_WORDS = ("revenue", "sales", "turnover", "income", "profit", "spend", "spending", "bookings")


def draft_model(schema: Schema, values: ValueIndex | None = None, name: str = "") -> SemanticModel:
    namer = _Namer()
    tables = _units_named(tuple(_logical_table(table, schema, values or {}, namer) for table in schema.tables))
    tables, relationships = _roles_played(schema, tables, _relationships(schema), namer)
    return SemanticModel(
        name=name or "auto-draft",
        description=DESCRIPTION,
        tables=tables,
        relationships=relationships,
    )


def _units_named(tables: tuple[LogicalTable, ...]) -> tuple[LogicalTable, ...]:
    """ "How many units did we sell" names the warehouse's one summed quantity (order_lines.quantity); with two
    (sold and received, say) the word names neither."""
    quantities = [
        (table, metric)
        for table in tables
        for metric in table.metrics
        if re.fullmatch(r"SUM\([^()*]+\)", metric.expr) and set(re.findall(r"[a-z]+", metric.name)) & _QUANTITY_NAMES
    ]
    if len(quantities) != 1:
        return tables
    owner, metric = quantities[0]
    named = replace(metric, synonyms=(*metric.synonyms, "units", "how many units", "number of units"))
    metrics = tuple(named if m is metric else m for m in owner.metrics)
    return tuple(replace(t, metrics=metrics) if t is owner else t for t in tables)


def is_draft(model: SemanticModel) -> bool:
    """Whether the model is a draft as `draft_model` wrote it (its description says so), not one a person wrote."""
    return model.description == DESCRIPTION


class _Namer:
    """Names unique across the model: a clash gets the table's singular name in front."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, base: str, table: str) -> str:
        candidates = [base, f"{singular(table)}_{base}", f"{_snake(table)}_{base}"]
        candidates += [f"{_snake(table)}_{base}_{n}" for n in range(2, 100)]
        chosen = next(c for c in (_snake(c) for c in candidates) if c not in self.taken)
        self.taken.add(chosen)
        return chosen


def _logical_table(table: Table, schema: Schema, values: ValueIndex, name: _Namer) -> LogicalTable:
    dialect = schema.dialect
    time_dimensions: list[Field] = []
    time_columns: list[Column] = []
    dimensions: list[Field] = []
    facts: list[tuple[Column, Field]] = []
    single_key = table.single_primary_key
    for column in table.columns:
        stored = values.get((table.name, column.name), ())
        samples = stored or column.samples
        if _is_time(column, samples):
            time_dimensions.append(_field(name(_snake(column.name), table.name), column, dialect))
            time_columns.append(column)
        elif column.name == single_key and _is_label_key(column):
            dimensions.append(_field(name(_snake(column.name), table.name), column, dialect, samples))
        elif column.name == single_key or _identifies(column, table):
            continue
        elif is_text_type(column.type) or "BOOL" in (column.type or "").upper():
            field = _field(name(_snake(column.name), table.name), column, dialect, samples)
            dimensions.append(replace(field, synonyms=_names_its_rows(column, table)))
        elif not column.is_numeric:
            continue
        elif _is_grouping_number(column):
            dimensions.append(_field(name(_snake(column.name), table.name), column, dialect, column.samples))
        else:
            facts.append(
                (column, _field(name(_snake(column.name), table.name), column, dialect, unit=_unit(column.comment)))
            )
    # The table's own event date first: the compiler dates a metric by its table's first time dimension.
    time_dimensions.sort(key=lambda field: not _names_its_table(field.expr, table.name))
    return LogicalTable(
        name=table.name,
        base_table=BaseTable(table.name),
        description=(table.comment or "").strip(),
        primary_key=tuple(c.name for c in table.columns if c.primary_key),
        dimensions=tuple(dimensions),
        time_dimensions=tuple(time_dimensions),
        facts=tuple(field for _, field in facts),
        metrics=tuple(_metrics(table, facts, name, dialect) + _durations(table, time_columns, name, dialect)),
        filters=tuple(
            _event_filters(table, time_columns, values, name, dialect)
            + _on_time_filters(table, time_columns, name, dialect)
            + _charge_filters(table, facts, name)
        ),
    )


def _names_its_rows(column: Column, table: Table) -> tuple[str, ...]:
    """clubs.club_name, clubs.name: "by their home club" splits by the club's name."""
    row = _words(singular(table.name)).split()[-1]
    return (row,) if _snake(column.name) in ("name", f"{row}_name", f"{_snake(singular(table.name))}_name") else ()


def _field(name: str, column: Column, dialect: str, samples: tuple[str, ...] = (), unit: str = "") -> Field:
    return Field(
        name=name,
        expr=column_sql(column.name, dialect),
        description=(column.comment or "").strip(),
        data_type=column.type,
        sample_values=tuple(samples[:SAMPLE_VALUES]),
        unit=unit,
    )


def _metrics(table: Table, facts: list[tuple[Column, Field]], name: _Namer, dialect: str) -> list[Metric]:
    plural = _words(table.name)
    metrics = [
        Metric(
            name=name(f"{singular(table.name)}_count", table.name),
            expr="COUNT(*)",
            description=f"Number of {plural} (rows of {table.name}).",
            synonyms=(f"number of {plural}", f"how many {plural}") + _rows_called(table, plural),
        )
    ]
    metrics += _documented_metrics(table, facts, name, dialect)
    heads = [_words(column.name).split()[-1] for column, _ in facts]
    quantities = [(c, f) for c, f in facts if _tokens(c.name) & _QUANTITY_WORDS]
    for column, fact in facts:
        words = _tokens(column.name) | _tokens(column.comment or "")
        per_unit = bool(_PER_UNIT.search(f"{_words(column.name)} {(column.comment or '').lower()}"))
        name_words = _tokens(column.name)
        if (name_words & _PRICE_WORDS and per_unit) or ("price" in name_words and not name_words & _TOTAL_WORDS):
            metrics.append(_average(table, fact, name))
            if not quantities:  # one item a row (a bag, a seat): the prices paid add up to the sales
                summed = _sum(table, column, fact, name, heads)
                sold = _words(singular(table.name))
                metrics.append(replace(summed, synonyms=(*summed.synonyms, f"{sold} sales", f"{sold} revenue")))
            for quantity_column, quantity in quantities:
                metrics.append(
                    Metric(
                        # the columns' own names: a fact named after its table for a clash would say it twice
                        name=name(f"{_snake(column.name)}_times_{_snake(quantity_column.name)}", table.name),
                        expr=f"SUM({quantity.expr} * {fact.expr})",
                        description=f"Total of {_words(quantity_column.name)} times {_words(column.name)}.",
                        # What a question that defines its own revenue says: "revenue is quantity times unit price".
                        synonyms=(
                            f"{_words(quantity_column.name)} times {_words(column.name)}",
                            f"{_words(column.name)} times {_words(quantity_column.name)}",
                        ),
                        unit=fact.unit,
                    )
                )
        elif _is_money_off(name_words):  # discount_amount: money given away adds up; a discount rate does not
            metrics.append(_sum(table, column, fact, name, heads))
        elif name_words & _AVERAGED_WORDS or (words & _AVERAGED_WORDS and not name_words & _SUMMED_WORDS):
            metrics.append(_average(table, fact, name))
            if name_words & _SPAN_UNITS:  # delay_minutes, downtime_hours: "the total delay minutes" add up too
                metrics.append(_sum(table, column, fact, name, heads))
        elif words & _SUMMED_WORDS or name_words & _PHYSICAL_UNITS or _counts_things(column):
            metrics.append(_sum(table, column, fact, name, heads))
    return metrics


def _sum(table: Table, column: Column, fact: Field, name: _Namer, heads: list[str]) -> Metric:
    return Metric(
        name=name(f"total_{fact.name}", table.name),
        expr=f"SUM({fact.expr})",
        description=f"Total {_words(column.name)}" + (f": {fact.description}" if fact.description else "."),
        synonyms=_sum_synonyms(column, table, heads.count(_words(column.name).split()[-1]) == 1),
        unit=fact.unit,
    )


def _is_money_off(name_words: set[str]) -> bool:
    return "discount" in name_words and bool(name_words & {"amount", "total", "value", "usd", "eur", "gbp"})


# "Visits, one row per member's check-in", "Scheduled group classes, one row per session": what the rows are called.
_ROWS_CALLED = re.compile(r"^\s*(?:our\s+|the\s+|all\s+)?([A-Za-z][A-Za-z -]{1,40}?),\s+one row (?:per|for|a)\b", re.I)


# Where the name of the rows ends: "Bookings of places in group classes" are bookings, not group classes.
_AFTER_THE_NOUN = re.compile(r"\s+(?:of|in|at|for|from|on|by|with|to|we|that|which|who)\b.*$", re.I)
# Words that call rows nothing in particular ("Kinds of group class we teach").
_GENERIC_ROW_WORDS = {"kinds", "types", "sorts", "records", "rows", "entries", "details", "items", "data"}


def _rows_called(table: Table, plural: str) -> tuple[str, ...]:
    """The count named as the table's description calls its rows: the last two words before any preposition
    ("Scheduled group classes, one row per session": "group classes")."""
    found = _ROWS_CALLED.match(table.comment or "")
    if not found:
        return ()
    words = _AFTER_THE_NOUN.sub("", found.group(1).lower()).split()[-2:]
    called = " ".join(words)
    if not words or called == plural or called in _GENERIC_ROW_WORDS:
        return ()
    return (f"number of {called}", f"how many {called}")


def _durations(table: Table, dates: list[Column], name: _Namer, dialect: str) -> list[Metric]:
    """The average time from each date of a row to each later one in the table's column order (reported -> closed,
    booked -> appointment), in hours where both hold times of day, in whole days between the dates where only one
    does; none for a table with more dates than `MAX_DURATION_DATES`, whose pairs would crowd the catalog."""
    if len(dates) > MAX_DURATION_DATES:
        return []
    metrics = []
    for i, earlier in enumerate(dates):
        for later in dates[i + 1 :]:
            timed = [holds_times_of_day(c.type, c.samples) for c in (earlier, later)]
            hours = all(timed)
            unit = "hours" if hours else "days"
            ends = [column_sql(c.name, dialect) for c in (earlier, later)]
            if not hours:  # from a date to a time of day (booked_date -> scheduled_pickup): whole days between dates
                ends = [calendar_date_sql(sql, dialect) if t else sql for sql, t in zip(ends, timed, strict=True)]
            days = days_between_sql(ends[0], ends[1], dialect)
            first, then = _words(earlier.name), _words(later.name)
            metrics.append(
                Metric(
                    name=name(duration_name(unit, _snake(earlier.name), _snake(later.name)), table.name),
                    expr=f"AVG({days} * 24)" if hours else f"AVG({days})",
                    description=f"Average {unit} from {first} to {then} per row of {table.name} that has both.",
                    synonyms=(f"{unit} from {first} to {then}", f"{unit} between {first} and {then}"),
                    unit=unit,
                )
            )
    return metrics


def _event_filters(
    table: Table, dates: list[Column], values: ValueIndex, name: _Namer, dialect: str
) -> list[NamedFilter]:
    """ "Cancelled reservations", "paid invoices": the rows whose date of an event (cancelled_date, paid_at) is
    set, where a column may leave it empty and no stored value of the table already says it (a status
    'Cancelled' does, and is what such a question has always been read by)."""
    plural, one = _words(table.name), _words(singular(table.name))
    stored = [value for column in table.columns for value in values.get((table.name, column.name), ())]
    filters = []
    for column in dates:
        words = distinctive_words(column.name)
        if not column.nullable or _names_its_table(column.name, table.name) or len(words) != 1:
            continue
        event = words[0]
        if not (event.endswith("ed") or event in _PAST_FORMS) or any(_same_event(event, v) for v in stored):
            continue
        sql = column_sql(column.name, dialect)
        filters.append(
            NamedFilter(
                name=name(f"{event}_{singular(table.name)}", table.name),
                expr=f"{sql} IS NOT NULL",
                description=f"{plural.capitalize()} that were {event}: {column.name} is set."
                + (f" {column.comment.strip()}" if column.comment else ""),
                synonyms=(f"{event} {plural}", f"{plural} {event}", f"{one} {event}"),
            )
        )
    return filters


# "Ship date we promised the customer; an order shipped on or before it is on time", "a work order finished on
# schedule has an actual_end_date on or before it": the documentation defines being on time against this date.
_ON_OR_BEFORE = re.compile(r"\b(?:on or before|no later than|not later than)\s+(?:it|this date|that date|this)\b", re.I)
_ON_TIME_WORDS = re.compile(r"\b(on time|on schedule|in time)\b", re.I)


def _on_time_filters(table: Table, dates: list[Column], name: _Namer, dialect: str) -> list[NamedFilter]:
    """The rows on time, as a date's comment defines it: the date it names (by column name, else the nullable date
    whose event the comment speaks of: "shipped" of shipped_date) on or before this one. One per table."""
    plural = _words(table.name)
    for planned in dates:
        comment = planned.comment or ""
        if not _ON_OR_BEFORE.search(comment):
            continue
        others = [c for c in dates if c is not planned and re.search(rf"\b{re.escape(c.name)}\b", comment, re.I)]
        if not others:
            said = {w[:5] for w in re.findall(r"[a-z]+", comment.lower()) if len(w) >= 4}
            others = [
                c
                for c in dates
                if c is not planned and c.nullable and any(w[:5] in said for w in distinctive_words(c.name))
            ]
        if len(others) != 1:
            continue
        phrase = found.group(1).lower() if (found := _ON_TIME_WORDS.search(comment)) else "on time"
        actual, due = column_sql(others[0].name, dialect), column_sql(planned.name, dialect)
        return [
            NamedFilter(
                name=name(f"{_snake(phrase)}_{singular(table.name)}", table.name),
                expr=f"{actual} <= {due}",
                description=f"{plural.capitalize()} {phrase}: {others[0].name} on or before {planned.name}. {comment}",
                synonyms=(phrase, f"{phrase.replace(' ', '-')} {plural}", f"{plural} {phrase}"),
            )
        ]
    return []


def _same_event(event: str, value: str) -> bool:
    """ "cancelled" and the stored 'Cancelled' or 'Cancellation' name one event (their first 5 letters)."""
    value = value.lower()
    return value == event or (" " not in value and len(value) >= 5 and value[:5] == event[:5])


def _charge_filters(table: Table, facts: list[tuple[Column, Field]], name: _Namer) -> list[NamedFilter]:
    """ "Invoices charged a late fee", "orders with a discount": the rows whose charge is above zero."""
    plural = _words(table.name)
    filters = []
    for column, fact in facts:
        if not _tokens(column.name) & _CHARGE_WORDS or _tokens(column.name) & _AVERAGED_WORDS:
            continue  # a commission rate is no charge a row carries
        charge = _words(column.name)
        synonyms = (f"with a {charge}", f"had a {charge}")
        if _tokens(column.name) & _CHARGED_WORDS:
            synonyms += (f"charged a {charge}", f"{charge} charged")
        filters.append(
            NamedFilter(
                name=name(f"with_{_snake(column.name)}", table.name),
                expr=f"{fact.expr} > 0",
                description=f"{plural.capitalize()} with a {charge} above zero.",
                synonyms=synonyms,
            )
        )
    return filters


# A measure the documentation defines: "Sales are the total_amount of orders with status 'Completed'", "room revenue
# earned is total_amount of bookings with status 'Checked out'".
_DEFINED_AS = re.compile(
    r"(?:^|[.;:]\s+)(?P<name>[A-Za-z][A-Za-z -]{1,40}?)\s+(?:earned\s+|booked\s+|made\s+)?(?:is|are)\s+"
    r"(?:the\s+)?(?:sum\s+of\s+(?:the\s+)?)?(?P<column>\w+)"
    r"(?:\s+of\s+[\w ]{0,30}?\s*(?:with|where)\s+(?P<filter>\w+)\s*(?:=\s*|is\s+)?'(?P<value>[^']+)')?"
)
_NOT_A_NAME = frozenset({"it", "this", "that", "which", "there", "each", "every", "one", "value", "row", "column"})


def _documented_metrics(table: Table, facts: list[tuple[Column, Field]], name: _Namer, dialect: str) -> list[Metric]:
    """Metrics a comment of the table defines in so many words: its name, the column summed, and the one stored
    value it is restricted to."""
    summable = {column.name.lower(): field for column, field in facts}
    metrics: list[Metric] = []
    for comment in (table.comment or "", *(column.comment or "" for column in table.columns)):
        for found in _DEFINED_AS.finditer(comment):
            words = found["name"].lower().split()[-3:]
            fact = summable.get(found["column"].lower())
            restricted = table.column(found["filter"]) if found["filter"] else None
            if fact is None or not words or words[0] in _NOT_A_NAME or (found["filter"] and restricted is None):
                continue
            if not _says_nothing_more(comment[found.end() :], table.name):
                continue  # "the amount of successful attempts": a condition this reading would drop
            summed = fact.expr
            if restricted is not None:
                value = found["value"].replace("'", "''")
                summed = f"CASE WHEN {column_sql(restricted.name, dialect)} = '{value}' THEN {fact.expr} END"
            phrase = " ".join(words)
            metrics.append(
                Metric(
                    name=name(_snake(phrase), table.name),
                    expr=f"SUM({summed})",
                    description=f"{found.group(0).strip(' .;:')} (as the warehouse's documentation defines it).",
                    synonyms=(phrase,),
                    unit=fact.unit,
                )
            )
    return metrics


def _says_nothing_more(rest: str, table_name: str) -> bool:
    """Whether the definition's sentence ends where it was read, or only names the table's own rows ("of shifts")."""
    sentence = re.split(r"[.;]", rest, maxsplit=1)[0].strip().lower()
    rows = "|".join(re.escape(form) for form in {_words(table_name), _words(singular(table_name))})
    return not sentence or re.fullmatch(rf"of (?:the |all )?(?:{rows})", sentence) is not None


def _average(table: Table, fact: Field, name: _Namer) -> Metric:
    return Metric(
        name=name(f"average_{fact.name}", table.name),
        expr=f"AVG({fact.expr})",
        description=f"Average {_words(fact.name)} per row of {table.name}"
        + (f": {fact.description}" if fact.description else "."),
        unit=fact.unit,
    )


def _sum_synonyms(column: Column, table: Table, own_head: bool = False) -> tuple[str, ...]:
    """Business words a comment ties to summing this column: "Sum this for sales / revenue" in the column's
    comment, or "Revenue (sales) is SUM(net_amount)" in the table's; and the thing a two-word name sums
    ("rent" of rent_amount, "premium" of annual_premium where no other column of the table ends in it)."""
    found: list[str] = []
    sentences = [(s, "this") for s in re.split(r"[.;]\s", column.comment or "")]
    sentences += [(s, column.name.lower()) for s in re.split(r"[.;]\s", table.comment or "")]
    for sentence, subject in sentences:
        lowered = sentence.lower()
        if re.search(r"\bsum\b", lowered) and re.search(rf"\b{re.escape(subject)}\b", lowered):
            found += [w for w in _BUSINESS_WORDS if re.search(rf"\b{w}\b", lowered) and w not in found]
    found += _table_synonyms(column, table)
    found += [w for w in _words(column.name).split()[-1:] if w in _PHYSICAL_UNITS]  # "gas used, in kWh"
    found = [w for w in found if w not in _tokens(column.name) or w in _PHYSICAL_UNITS]
    # "ad spend in 2025" names total_spend without saying "total": the column's own words name its sum.
    own = _words(column.name)
    # A name of generic words only says what it is when it has two ("total amount" of total_amount, not "amount").
    if (not _tokens(column.name) <= _GENERIC_MEASURE_WORDS or len(own.split()) > 1) and own not in found:
        found.append(own)
    found += [w for w in _thing_summed(own, table, own_head) if w not in found]
    # "Amount paid in USD": "the amounts customers paid" names it, whatever the column is called.
    if (said := _AMOUNT_DONE.match(column.comment or "")) and (phrase := said.group(1).lower()) not in found:
        found.append(phrase)
    # quantity_good, scrapped_qty: counted in units, as a question says it ("how many good units").
    qualifiers = [w for w in own.split() if w not in _QUANTITY_WORDS]
    if len(qualifiers) == 1 and _tokens(column.name) & _QUANTITY_WORDS - {"count"}:
        found.append(f"{qualifiers[0]} units")
    return tuple(found)


# A comment opening with what the amount is of an act: "Amount paid", "Amount billed", "Total refunded".
_AMOUNT_DONE = re.compile(r"\s*((?:amount|total|sum|value)\s+(?:[a-z]+ed|paid|sold|spent|lent|won))\b", re.I)


def _thing_summed(own: str, table: Table, own_head: bool) -> list[str]:
    """ "Total rent in 2025" names rent_amount; "premium by product" names annual_premium. Not a word that only
    qualifies (paid, net, -ed forms), nor the table's own row noun (claims.claim_amount: "claims" are counted)."""
    words = own.split()
    if len(words) != 2:
        return []
    first, head = words
    row_noun = _words(singular(table.name)).split()[-1]
    if head in _GENERIC_MEASURE_WORDS and first not in _GENERIC_MEASURE_WORDS:
        thing = first
    elif own_head and head in _SUMMED_WORDS and head not in _GENERIC_MEASURE_WORDS and head not in _QUANTITY_WORDS:
        thing = head
    else:
        return []
    if thing in _NOT_A_THING or thing.endswith("ed") or thing == row_noun or thing in _QUANTITY_WORDS:
        return []
    return [thing, f"total {thing}"]


# "Number of times the ads were shown": a count per row, which adds up (impressions, clicks, emails sent).
_COUNT_COMMENT = re.compile(r"^\s*(?:the\s+)?(?:total\s+)?(?:number|count)\s+of\b", re.I)


def _counts_things(column: Column) -> bool:
    return "INT" in (column.type or "").upper() and bool(_COUNT_COMMENT.search(column.comment or ""))


def _table_synonyms(column: Column, table: Table) -> list[str]:
    """A column named only "amount" or "value" measures what its table holds: shipment_costs.amount is the
    "shipment cost", or just the "cost" ("average cost per shipment"); payments.amount the "payment". A
    qualified name (net_amount) says what it is itself; "total" qualifies nothing (bills.total_amount is the "bill")."""
    tokens = _tokens(column.name) - {"total"}
    if len(tokens) != 1 or not tokens <= _GENERIC_MEASURE_WORDS:
        return []
    phrase = _words(singular(table.name))
    head = phrase.split()[-1]
    return [phrase] + ([head] if head != phrase and head in _SUMMED_WORDS else [])


def _relationships(schema: Schema) -> tuple[Relationship, ...]:
    relationships: list[Relationship] = []
    names: set[str] = set()
    for table in schema.tables:
        for key in table.foreign_keys:
            target = schema.table(key.ref_table)
            pairs = tuple(zip(key.columns, key.ref_columns, strict=False))
            if target is None or not pairs or len(key.columns) != len(key.ref_columns):
                continue
            if any(table.column(a) is None or target.column(b) is None for a, b in pairs):
                continue  # a declared key naming columns that do not exist cannot join anything
            base = f"{_snake(table.name)}_to_{_snake(target.name)}"
            name = base if base not in names else f"{base}_by_{'_'.join(_snake(a) for a, _ in pairs)}"
            names.add(name)
            nullable = any(table.column(a).nullable for a, _ in pairs)  # type: ignore[union-attr]
            relationships.append(
                Relationship(
                    name=name,
                    left_table=table.name,
                    right_table=target.name,
                    columns=tuple((table.column(a).name, target.column(b).name) for a, b in pairs),  # type: ignore[union-attr]
                    join_type="left_outer" if nullable else "inner",
                    relationship_type="many_to_one",
                )
            )
    return tuple(relationships)


def _roles_played(
    schema: Schema, tables: tuple[LogicalTable, ...], relationships: tuple[Relationship, ...], name: _Namer
) -> tuple[tuple[LogicalTable, ...], tuple[Relationship, ...]]:
    """A table holding two keys to one table (a route's origin and destination airports, a rental's pickup and
    return branches) reaches it once per role: each key whose name says a role gets a logical table of its own over
    the same base table ("origin_airports"), with the role in front of its dimensions' names. One join per key, so
    "by origin city" cannot silently read the destination's, and a question naming no role finds no join path.
    A role table joins nothing further: the region of "the" depot would again be one of two. Once a table is read
    in roles, every key to it that names one is a role (a car's home branch too): "rentals by city" would otherwise
    reach the branches through the car's home branch, a path nobody asked for."""
    pairs = [(r.left_table.lower(), r.right_table.lower()) for r in relationships]
    played_targets = {right for left, right in pairs if pairs.count((left, right)) >= 2}
    by_name = {t.name.lower(): t for t in tables}
    added: list[LogicalTable] = []
    kept: list[Relationship] = []
    for relationship in relationships:
        target = by_name.get(relationship.right_table.lower())
        role = _role(relationship, target) if target is not None else ""
        if relationship.right_table.lower() not in played_targets or not role:
            kept.append(relationship)
            continue
        assert target is not None
        # Reservations and rentals both picked up at a branch: one "pickup_branches" for both.
        played = next((t for t in added if t.name == f"{role}_{_snake(target.name)}"), None)
        if played is None:
            played = _role_table(role, relationship, target, schema, {t.name.lower() for t in tables}, name)
            added.append(played)
        kept.append(
            replace(relationship, name=f"{_snake(relationship.left_table)}_to_{played.name}", right_table=played.name)
        )
    return (*tables, *added), tuple(kept)


def _role(relationship: Relationship, target: LogicalTable) -> str:
    """The words of a key's name that are neither an identifier's nor the target's: origin_code -> "origin",
    pickup_branch_id -> "pickup", seller_customer_id -> "seller"; a plain branch_id plays no role."""
    if len(relationship.columns) != 1:
        return ""
    own = _tokens(singular(target.name)) | _tokens(target.name)
    words = _words(relationship.columns[0][0]).split()
    while words and words[-1] in _IDENTIFIER_WORDS:
        words.pop()
    return "_".join(w for w in words if w not in own)


def _role_table(
    role: str, relationship: Relationship, target: LogicalTable, schema: Schema, taken: set[str], name: _Namer
) -> LogicalTable:
    table_name = next(
        n
        for n in (f"{role}_{_snake(target.name)}", *(f"{role}_{_snake(target.name)}_{i}" for i in range(2, 99)))
        if n not in taken
    )
    phrase = f"{_words(role)} {_words(singular(target.name))}"
    source = schema.table(relationship.left_table)
    key_column = source.column(relationship.columns[0][0]) if source else None
    key = schema.table(target.base_table.table)
    key_field = key.column(relationship.columns[0][1]) if key else None
    dimensions = [
        replace(
            field,
            name=name(f"{role}_{field.name}", table_name),
            synonyms=tuple(f"{_words(role)} {s}" for s in field.synonyms),
            sample_values=(),  # the table's own dimension shows them: the catalog stays short enough to be cached
        )
        for field in target.dimensions
    ]
    shown = {d.expr.lower() for d in target.dimensions}
    if (
        key_field is not None
        and is_text_type(key_field.type)
        and column_sql(key_field.name, schema.dialect).lower() not in shown
    ):  # a text key ('HBT') is what the rows are shown by
        dimensions.insert(0, _field(name(f"{role}_{_snake(key_field.name)}", table_name), key_field, schema.dialect))
    return LogicalTable(
        name=table_name,
        base_table=target.base_table,
        description=((key_column.comment or "").strip() if key_column else "")
        or f"The {phrase} of {relationship.left_table}.",
        synonyms=(phrase,),
        primary_key=target.primary_key,
        dimensions=tuple(dimensions),
    )


def _is_time(column: Column, samples: tuple[str, ...]) -> bool:
    return looks_like_dates(column.type, samples if is_text_type(column.type) else ())


def _identifies(column: Column, table: Table) -> bool:
    """A key or a code: part of a foreign key, or named like an identifier ("Singer_ID", "zip_code")."""
    if any(column.name.lower() in (c.lower() for c in fk.columns) for fk in table.foreign_keys):
        return True
    words = _words(column.name).split()
    if is_text_type(column.type):  # a text code ("PPT", "BK") names a category; a text id does not
        return bool(words) and words[-1] == "id"
    return bool(words) and words[-1] in _IDENTIFIER_WORDS


def _is_label_key(column: Column) -> bool:
    """A text key named as a code ('SUMMER25', 'HBR'): what people call the rows by ("each promotion code"),
    unlike a number or a text id."""
    words = _words(column.name).split()
    return is_text_type(column.type) and bool(words) and words[-1] in ("code", "sku", "ticker", "symbol")


def _is_grouping_number(column: Column) -> bool:
    return "INT" in (column.type or "").upper() and bool(_tokens(column.name) & _CALENDAR_WORDS)


def _unit(comment: str | None) -> str:
    for pattern, fixed in _UNITS:
        if comment and (match := pattern.search(comment)):
            return fixed or match.group(1)
    return ""


def column_sql(name: str, dialect: str) -> str:
    """The column as the dialect writes it: quoted only when it must be (spaces, capitals, reserved words)."""
    return exp.column(exp.to_identifier(name)).sql(dialect=dialect)


def _names_its_table(column: str, table: str) -> bool:
    """orders.order_date, shipments.ship_date, invoices.invoice_date: the date a row of the table happened,
    rather than another date it carries (booked, promised, delivered)."""
    first = _snake(column).split("_")[0]
    entity = singular(table).split("_")[-1]
    return first == entity or (len(first) >= 4 and entity.startswith(first))


def singular(table_name: str) -> str:
    snake = _snake(table_name)
    for ending, replacement in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if snake.endswith(ending):
            return snake[: -len(ending)] + replacement
    if snake.endswith("s") and not snake.endswith(("ss", "us", "is")):
        return snake[:-1]
    return snake


def _snake(text: str) -> str:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text)
    return re.sub(r"[^0-9a-zA-Z]+", "_", spaced).strip("_").lower() or "column"


def _words(text: str) -> str:
    return _snake(text).replace("_", " ")


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", _words(text)))
