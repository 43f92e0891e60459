"""The date a question's verb places rows by: "how many work orders did we complete in 2025" counts the work
orders by the date they were completed, which the warehouse documents ("actual_end_date: NULL unless the work
order is completed"), not by the table's first date (planned_start_date). A date counted by the wrong event looks
right and is not; a drafted model cannot know which date a period means unless the question's verb says it.
"""

from __future__ import annotations

import re

from chains.duration_asked import said_of_date, stem
from chains.stopwords import QUESTION_STOPWORDS
from chains.words import words_in_order
from semantic.draft import singular
from semantic.durations import DATE_WORDS, distinctive_words
from semantic.spec import LogicalTable, SemanticModel

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# A verb right before the period it places rows in: "completed in 2025", "did we complete during Q3", "shipped
# last month", "were received since March".
_VERB_BEFORE_PERIOD = re.compile(
    r"\b([a-z]+)(?:\s+(?:up|out|off|back))?\s+(?:(?:in|during|since|before|after|between|from|within|over)\s+"
    r"(?:the\s+|each\s+|every\s+)?)?"
    r"(?:(?:first|second|third|fourth|last|past|previous|this|current|same)\s+)?"
    rf"(?:\d{{4}}\b|q[1-4]\b|(?:{_MONTHS})\b|(?:quarter|month|year|week|half)s?\b)",
    re.I,
)
# Verbs in the past, as questions say what happened: "completed", "paid", "sold"; "did we complete".
_PAST = re.compile(r"ed$")
_DID_WE = re.compile(r"\b(?:did|do|does)\s+(?:\w+\s+){1,2}?([a-z]+)$", re.I)


def date_the_verb_names(question: str, semantic: SemanticModel, table_name: str) -> str:
    """The time dimension of the measured table whose name or description speaks of the verb the question puts
    before its period, when exactly one does; "" otherwise (no verb, or several dates fit)."""
    verbs = {stem(verb) for verb in _verbs_before_periods(question)}
    if not verbs:
        return ""
    dates = [dimension for table, dimension in semantic.time_dimensions if table.name == table_name]
    found = [
        d for d in dates if verbs & {stem(word) for word in words_in_order(f"{d.name} {said_of_date(d.description)}")}
    ]
    if len(found) > 1:  # "returned in 2025": return_time, not due_time "agreed for the return"
        found = [d for d in found if verbs & {stem(word) for word in distinctive_words(d.name)}]
    return found[0].name if len(found) == 1 else ""


def _verbs_before_periods(question: str) -> list[str]:
    verbs = []
    for match in _VERB_BEFORE_PERIOD.finditer(question):
        word = match.group(1).lower()
        if word in QUESTION_STOPWORDS or len(word) < 4:
            continue
        said = _DID_WE.search(question[: match.end(1)])
        if _PAST.search(word) or stem(word) != word[:4] or (said and said.group(1).lower() == word):
            verbs.append(word)
    return verbs


# A date's own words right before the period, after "with" or "whose": "reservations with a scheduled pickup in
# 2025"; not "the average days to ship in 2025", where they are the metric's.
_WORDS_BEFORE_PERIOD = re.compile(
    r"\b(?:with|whose|having)\s+(?:(?:an?|the|their|its)\s+)?((?:[a-z]+\s+){1,3})"
    r"(?:in|during|since|before|after|within)\s+(?:the\s+)?"
    r"(?:(?:first|second|third|fourth|last|past|previous|this|current|same)\s+)?"
    rf"(?:\d{{4}}\b|q[1-4]\b|(?:{_MONTHS})\b|(?:quarter|month|year|week|half)s?\b)",
    re.I,
)


def date_named_before_period(question: str, semantic: SemanticModel, table_name: str) -> str:
    """The measured table's date whose own name stands right before a period after "with" or "whose" ("with a
    scheduled pickup in 2025": scheduled_pickup, whatever other dates the question speaks of), when exactly one
    does; "" otherwise."""
    before = [words_in_order(found.group(1)) for found in _WORDS_BEFORE_PERIOD.finditer(question)]
    found = set()
    for table, dimension in semantic.time_dimensions:
        own = distinctive_words(dimension.name)
        if table.name == table_name and own and any(_ends_with(words, own) for words in before):
            found.add(dimension.name)
    return found.pop() if len(found) == 1 else ""


def _ends_with(words: list[str], own: list[str]) -> bool:
    """Whether the words end with the date's own words, or with them and a date word ("pickup date")."""
    stems = [stem(w) for w in words if w.lower() not in DATE_WORDS]
    return stems[-len(own) :] == [stem(w) for w in own]


# "Use the invoice subtotals by invoice date", "go by the date each job was finished": the date the question says to
# place the rows by, in so many words.
_GONE_BY = re.compile(r"\bby\s+(?:the\s+|its\s+|their\s+|each\s+)?((?:[a-z]+\s+){0,2}(?:date|day|time))\b", re.I)


def date_gone_by(question: str, semantic: SemanticModel, table_names: list[str]) -> str:
    """The date of one of the tables (the measured one and those it reaches) whose name the question says to go by
    ("by invoice date": invoice_date), when exactly one is; "" otherwise."""
    said = [
        [stem(w) for w in words_in_order(found.group(1)) if w.lower() not in DATE_WORDS]
        for found in _GONE_BY.finditer(question)
    ]
    said = [words for words in said if words]
    found = {
        dimension.name
        for table, dimension in semantic.time_dimensions
        if table.name in table_names and [stem(w) for w in distinctive_words(dimension.name)] in said
    }
    return found.pop() if len(found) == 1 else ""


# "Go by the date each job was finished", "by the day the order was shipped": a date named by its event.
_GONE_BY_EVENT = re.compile(
    r"\bby\s+the\s+(?:date|day|time)\s+(?:when\s+|on\s+which\s+)?(?:(?:each|the|a|an|its|their)\s+)?"
    r"(?:[a-z]+\s+){0,2}?(?:was|were|is|are|got|had\s+been|has\s+been)\s+([a-z]+)",
    re.I,
)


def date_of_event_gone_by(question: str, semantic: SemanticModel, table_name: str) -> str | None:
    """The measured table's date that a "by the date X was <verb>" names (its name or description speaks of the
    verb), when exactly one does; "" when the question says such a date and none or several fit (its answer would
    be dated by a guess); None when the question says none."""
    verbs = {stem(found.group(1)) for found in _GONE_BY_EVENT.finditer(question)}
    if not verbs:
        return None
    dates = [dimension for table, dimension in semantic.time_dimensions if table.name == table_name]
    # Named by the verb itself (booked_date), before those whose descriptions speak of it ("booked for the pickup").
    by_name = [d for d in dates if verbs & {stem(w) for w in distinctive_words(d.name)}]
    if len(by_name) == 1:
        return by_name[0].name
    found = [d for d in dates if verbs & _event_stems(d.name, d.description)]
    return found[0].name if len(found) == 1 else ""


# "NULL while the job is unfinished": empty until the job is finished, so the date it was finished.
_EMPTY_WHILE_UNDONE = re.compile(r"\b(?:null|empty)\s+while\b[^.;]*?\bun([a-z]{4,})", re.I)


def _event_stems(name: str, description: str) -> set[str]:
    """The stems of the events a date is the date of: the words of its name and description but those saying
    when it is empty, and the verb such a clause negates with "un-"."""
    undone = {stem(found.group(1)) for found in _EMPTY_WHILE_UNDONE.finditer(description or "")}
    return {stem(w) for w in words_in_order(f"{name} {said_of_date(description)}")} | undone


# "For events that took place in 2025", "comedy shows dated in 2025": rows placed by their own date.
_ROWS_HELD = re.compile(
    r"\b([a-z]+)\s+(?:(?:that|which)\s+(?:took\s+place|were\s+held|happened|occurred)|dated|held|taking\s+place)"
    r"\s+(?:in|during|on|between|from|before|after|since)\s+(?:the\s+)?"
    rf"(?:\d{{4}}\b|q[1-4]\b|(?:{_MONTHS})\b|(?:first|second|third|fourth|last|past|previous|this|current|same)\b)",
    re.I,
)


def date_of_rows_held(question: str, semantic: SemanticModel, table_names: list[str]) -> str:
    """The first date of the table (the measured one or one it reaches) whose rows the question says "took place"
    or were "dated" in a period: events that took place in 2025 are placed by the event's date, whatever rows are
    counted; "" when the question says no such thing or names no such table."""
    nouns = {singular(noun.lower()) for found in _ROWS_HELD.finditer(question) for noun in found.groups() if noun}
    if not nouns:
        return ""
    reached = {name.lower() for name in table_names}
    held = [t for t in semantic.tables if t.name.lower() in reached and t.time_dimensions and nouns & _row_nouns(t)]
    return held[0].time_dimensions[0].name if len(held) == 1 else ""


def rows_held_named(question: str) -> bool:
    """Whether the question says some rows took place, or were dated, in a period."""
    return bool(_ROWS_HELD.search(question))


# What places the rows, once their date is read. Not "took place" or "held": they say the rows happened, which a
# stored status may say of only some ("'Completed' (took place)"), and stay to be covered by it.
HELD_WORDS = "dated"


# "Events (shows, performances and games), one row per performance": what else its rows are called.
_CALLED_ALSO = re.compile(r"^[^(,.;:]*\(([^)]*)\)")
# "One row per order", "one row for each patient's visit": what the description calls one row.
ONE_ROW_PER = re.compile(r"\bone row (?:per|for|a|an)\s+(?:\w+'s\s+)?([a-z]+)", re.I)


def _row_nouns(table: LogicalTable) -> set[str]:
    """What one row of the table is called: its name's last word, its synonyms, and what its description calls
    its rows."""
    description = table.description or ""
    also = _CALLED_ALSO.match(description)
    said = words_in_order(also.group(1)) if also else []
    said += [found.group(1) for found in ONE_ROW_PER.finditer(description)]
    names = [table.name.split("_")[-1], *table.synonyms, *said]
    return {singular(name.lower()) for name in names}
