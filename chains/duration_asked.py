"""Which duration metric a question asks for: "how many days from the customer reporting the claim to our closing
it" names the two dates of claims (reported_date, closed_date) and a unit of time, in any word order and form.

The metric's name says its dates (semantic/durations.py); the question must name every distinctive word of both
(as a stem: "reporting" ~ "reported", "payment" ~ "paid") and ask for a time: days, hours, or how long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from chains.words import words_in_order
from semantic.draft import singular
from semantic.durations import distinctive_words, read_duration_name
from semantic.spec import Field, LogicalTable, Metric, SemanticModel

_UNITS = {"days": re.compile(r"\b(?:days?|weeks?)\b", re.I), "hours": re.compile(r"\b(?:hours?|minutes?)\b", re.I)}
_ANY_UNIT = re.compile(r"\bhow\s+(?:long|quickly|fast|soon)\b", re.I)
# Forms no suffix rule reaches.
_IRREGULAR = {
    "paid": "pay", "payment": "pay", "payments": "pay", "sent": "send", "began": "begin", "begun": "begin",
    "made": "make", "held": "hold", "sold": "sell", "bought": "buy", "left": "leave", "taken": "take",
    "took": "take", "gave": "give", "given": "give", "shipment": "ship", "shipments": "ship", "arrival": "arrive",
    "departure": "depart", "delivery": "deliver", "deliveries": "deliver", "response": "respond",
    "responses": "respond", "resolution": "resolve", "completion": "complete",
}  # fmt: skip
_SPAN = re.compile(r"\b(?:from|between)\b([^,.;?!]+?)\b(?:to|and|until|till)\b([^,.;?!]+)", re.I)
# "lasted", "how long", "did a power cut last (on average)"; not "the last power cut".
_LASTED = re.compile(
    r"\b(?:lasted|lasts|how long)\b|\b(?:did|does|do)\s+(?:\w+\s+){1,4}?last"
    r"(?=\s*(?:[?.,;!]|$|(?:on|for|in|during|when|across|by|each|per|overall)\b))",
    re.I,
)
# The noun a table's description opens with: "Power cuts on our electricity network, one row per outage".
_OPENING = re.compile(r"\s*((?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+)\s*(?:[,.;:(]|\s+(?:on|of|in|at|for|from|with|one)\b)")
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


@dataclass(frozen=True)
class DurationAsked:
    metric: str
    words: tuple[str, ...]  # the question's words that named the two dates, with its "from ... to ..." around them
    later: frozenset[str]  # the stems of the later date ("clos" of closed_date)
    # The words that named the table rather than its dates ("power cut" of "how long did a power cut last"):
    # no stored value of another table ('Power cut', a kind of service case) is meant by them.
    table_words: tuple[str, ...] = ()

    def dated_by(self, time_dimension: str, semantic: SemanticModel) -> str:
        """The date that places the rows in a period: one of the duration's own two dates. The one the question
        names, else the table's own date when it is one of them (invoices by invoice date), else the later one:
        "claims settled in 2025" are closed in 2025, whatever "cause of loss" seemed to say of the loss date."""
        table = next((t for t, m in semantic.metrics if m.name == self.metric), None)
        read = read_duration_name(self.metric)
        if table is None or read is None or not table.time_dimensions:
            return time_dimension
        columns = [column.lower() for column in read[1:]]
        ends = [d.name for c in columns for d in table.time_dimensions if d.expr.strip('"`[]').lower() == c]
        if time_dimension in ends or len(ends) != 2:
            return time_dimension
        return "" if table.time_dimensions[0].name in ends else ends[1]

    def without_values_it_names(self, values: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """The stored values to keep, without those the duration's own words name: 'Paid' in "invoices that have
        been paid, in full or in part" is the event of paid_date, which every row with a duration has (and 'Part
        paid' rows have it too); 'Power cut', a kind of service case, in "how long did a power cut last"."""
        named = self.later | {stem(word) for word in self.table_words}

        def names_it(value: str) -> bool:
            return {stem(word) for word in words_in_order(value)} <= named

        return {
            dimension: kept
            for dimension, found in values.items()
            if (kept := tuple(v for v in found if not names_it(v)))
        }

    def only_rows_that_end(self, clause: str) -> bool:
        """Whether a clause that limits the rows names the later date ("only count bills that have been paid"):
        rows without it have no duration, and the average already leaves them out."""
        return any(stem(word) in self.later for word in words_in_order(clause))


def duration_asked(question: str, semantic: SemanticModel) -> DurationAsked | None:
    """The one duration metric whose dates the question names. Where several fit ("from reporting the claim to
    closing it, by cause of loss" also names loss_date), the one whose dates stand in the question's "from ... to"
    or "between ... and" in that order, then the one on the table the question names."""
    words = words_in_order(question)
    found: list[tuple[str, str, list[set[str]]]] = []
    for table, metric in semantic.metrics:
        read = read_duration_name(metric.name)
        if read is None:
            continue
        unit, earlier, later = read
        ends = [{stem(word) for word in distinctive_words(column)} for column in (earlier, later)]
        asks_time = _UNITS[unit].search(question) or _ANY_UNIT.search(question)
        if asks_time and all(ends) and set().union(*ends) <= {stem(word) for word in words}:
            found.append((table.name, metric.name, ends))
    span = _SPAN.search(question)
    if len(found) > 1 and span:
        first, then = ({stem(w) for w in words_in_order(part)} for part in span.groups())
        found = [f for f in found if f[2][0] <= first and f[2][1] <= then] or found
    if len(found) > 1:
        found = [f for f in found if stem(singular(f[0]).split("_")[-1]) in {stem(word) for word in words}]
    by_verbs = _span_named_by_verbs(question, semantic, span) if not found and span else None
    if by_verbs:
        found = [by_verbs]
    if not found and (lasting := _how_long_a_named_table_lasts(question, semantic, words)):
        table, name, ends = lasting
        return DurationAsked(name, (), frozenset(ends[1]), _naming_words(semantic.table(table), words))
    if len(found) != 1:
        return None
    _table, name, ends = found[0]
    named = [word for word in words if stem(word) in set().union(*ends)]
    if by_verbs and span:  # the span's words are the duration's own
        named += words_in_order(span.group(1)) + words_in_order(span.group(2))
    if span and ends[0] <= {stem(w) for w in words_in_order(span.group(1))}:
        # "from the customer reporting the claim to our closing it": up to the later date's word, no further
        # ("and the appointment date of initial assessments" leaves the assessments to be covered otherwise).
        then = words_in_order(span.group(2))
        last = max((i for i, word in enumerate(then) if stem(word) in ends[1]), default=-1)
        named += words_in_order(span.group(1)) + then[: last + 1]
    return DurationAsked(name, tuple(dict.fromkeys(named)), frozenset(ends[1]))


_IN_HOURS = re.compile(r"AVG\((?P<days>.+) \* 24\)", re.S)


def in_the_unit_asked(
    asked: DurationAsked, question: str, semantic: SemanticModel
) -> tuple[DurationAsked, SemanticModel]:
    """A duration drafted in hours (both dates hold times of day) that the question asks for in days ("how long did
    rentals last on average, in days"): the same average in days, added to the model beside it."""
    read = read_duration_name(asked.metric)
    if read is None or read[0] != "hours" or not _UNITS["days"].search(question) or _UNITS["hours"].search(question):
        return asked, semantic
    table, metric = next((t, m) for t, m in semantic.metrics if m.name == asked.metric)
    days = _IN_HOURS.fullmatch(metric.expr.strip())
    if days is None:
        return asked, semantic
    name = metric.name.replace("_hours_from_", "_days_from_")
    if all(m.name != name for _t, m in semantic.metrics):
        in_days = Metric(
            name=name,
            expr=f"AVG({days['days']})",
            description=metric.description.replace("hours", "days", 1),
            synonyms=tuple(synonym.replace("hours", "days") for synonym in metric.synonyms),
            unit="days",
        )
        tables = tuple(replace(t, metrics=(*t.metrics, in_days)) if t is table else t for t in semantic.tables)
        semantic = replace(semantic, tables=tables)
    return replace(asked, metric=name), semantic


def _span_named_by_verbs(
    question: str, semantic: SemanticModel, span: re.Match[str]
) -> tuple[str, str, list[set[str]]] | None:
    """ "How many days from the day the work order was raised to the day the work was finished": each side of the
    span names its date by a verb that the date's description uses ("Date the work order was raised"), not by the
    column's name (reported_date, completed_date). The one duration whose two dates are named so, in that order."""
    sides = [{stem(verb) for verb in _verbs(part)} for part in span.groups()]
    if not all(sides):
        return None
    found = []
    for table, metric in semantic.metrics:
        read = read_duration_name(metric.name)
        if read is None or not (_UNITS[read[0]].search(question) or _ANY_UNIT.search(question)):
            continue
        dates = [_date_named(table, column) for column in read[1:]]
        if all(dates) and all(side & _said_of(date) for side, date in zip(sides, dates, strict=True)):
            ends = [{stem(word) for word in distinctive_words(column)} for column in read[1:]]
            found.append((table.name, metric.name, ends))
    return found[0] if len(found) == 1 else None


def _verbs(text: str) -> list[str]:
    """The words of a phrase that read as verbs of an event: "raised", "finishing", "paid"."""
    return [
        word
        for word in words_in_order(text)
        if len(word) >= 4 and (word.lower() in _IRREGULAR or re.search(r"(?:ed|ing)$", word, re.I))
    ]


def _date_named(table: LogicalTable, column: str) -> Field | None:
    return next((d for d in table.time_dimensions if d.expr.strip('"`[]').lower() == column.lower()), None)


def _said_of(date: Field | None) -> set[str]:
    """The stems of what a date's description and synonyms say of it ("the work order was raised")."""
    if date is None:
        return set()
    return {stem(word) for word in words_in_order(" ".join((said_of_date(date.description), *date.synonyms)))}


# "NULL when not shipped (status 'Processing' or 'Cancelled')": what the date is *not* set for; "NULL unless the
# work order is completed" says when it is, and stays.
_WHEN_EMPTY = re.compile(r"\b(?:null|empty|blank|missing)\b(?!\s+unless\b)[^.;]*", re.I)


def said_of_date(description: str) -> str:
    """A date column's description without the clauses saying when it is empty: the events it is *not* the
    date of must not name it ("orders cancelled in 2024" are no orders shipped in 2024)."""
    return _WHEN_EMPTY.sub(" ", description or "")


def _how_long_a_named_table_lasts(
    question: str, semantic: SemanticModel, words: list[str]
) -> tuple[str, str, list[set[str]]] | None:
    """ "How many hours did a power cut last": the one duration of the table the question names (by its name, or
    by the words its description opens with: "Power cuts on our network, one row per outage")."""
    if not _LASTED.search(question):
        return None
    by_table: dict[str, list[tuple[str, str, list[set[str]]]]] = {}
    for table, metric in semantic.metrics:
        read = read_duration_name(metric.name)
        if read is not None and (_UNITS[read[0]].search(question) or _ANY_UNIT.search(question)):
            ends = [{stem(word) for word in distinctive_words(column)} for column in read[1:]]
            by_table.setdefault(table.name, []).append((table.name, metric.name, ends))
    named = [
        durations[0]
        for name, durations in by_table.items()
        if len(durations) == 1 and _naming_words(semantic.table(name), words)
    ]
    return named[0] if len(named) == 1 else None


def _naming_words(table: LogicalTable | None, words: list[str]) -> tuple[str, ...]:
    """The question's words that name the table, by its name or its description's opening words; () if none do."""
    if table is None:
        return ()
    opening = _OPENING.match(table.description or "")
    asked = {stem(word) for word in words}
    for phrase in (words_in_order(singular(table.name))[-1:], words_in_order(opening.group(1)) if opening else []):
        stems = {stem(word) for word in phrase}
        if phrase and stems <= asked:
            return tuple(word for word in words if stem(word) in stems)
    return ()


def stem(word: str) -> str:
    """A word as its dates are compared: irregular forms made regular, then a suffix off and 4 letters kept
    ("reporting", "reported" -> "repo"; "booked" -> "book"; "end", "ended" -> "end")."""
    word = _IRREGULAR.get(word.lower(), word.lower())
    bare = _SUFFIX.sub("", word)
    return (bare if len(bare) >= 3 else word)[:4]
