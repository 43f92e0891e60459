"""Answering through the business definitions: the model fills a small Request, the app compiles the SQL.

The model only picks names (a metric, dimensions, an analysis); periods, stored values and how to rank are
read from the question by rules, and every pick must be backed by the question's own words, or it is
dropped (a dimension, a filter) or replaced (a metric the question does not name); a question that speaks
of a table or column the request leaves out goes to SQL writing instead. An answer from this path computes
exactly what the definitions say, and says what it computed.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import pandas as pd
import sqlglot
from langchain_core.language_models.chat_models import BaseChatModel
from sqlglot import exp

from chains.answer import Attempt
from chains.dated_by_verb import (
    HELD_WORDS,
    ONE_ROW_PER,
    date_gone_by,
    date_named_before_period,
    date_of_event_gone_by,
    date_of_rows_held,
    date_the_verb_names,
    rows_held_named,
)
from chains.duration_asked import DurationAsked, duration_asked, in_the_unit_asked
from chains.llm.structured import constrained_to
from chains.rounding import ASKED_DECIMALS
from chains.stopwords import QUESTION_STOPWORDS
from chains.value_hints import ValueHint, without_waived
from chains.words import counted_words, words_in_order
from connectors.errors import WarehouseError
from connectors.schema import Schema
from connectors.warehouse import Warehouse
from semantic.activity import activity_of, began_on
from semantic.compile import CannotCompile, Compiled, compile_request, reachable_tables
from semantic.draft import MEASURE_WORDS, is_draft, singular
from semantic.durations import distinctive_words, read_duration_name
from semantic.periods import MONTHS, names_relative_period, periods_in, without_relative_periods
from semantic.prompt import focused_on, request_messages
from semantic.request import Request, RequestError, entity_names, json_schema, parse_request
from semantic.spec import Field, LogicalTable, Metric, NamedFilter, SemanticModel

log = logging.getLogger(__name__)

REQUEST_MAX_TOKENS = 80
_TIME_WORDS = {
    "day": ("day", "daily", "date"),
    "week": ("week", "weekly"),
    "month": ("month", "monthly"),
    "quarter": ("quarter", "quarterly"),
    "year": ("year", "yearly", "annual", "annually", "years"),
}
_OVER_TIME_ONLY = re.compile(r"\b(?:over time|trend\w*)\b", re.I)
_GRAIN_NOUNS = {"day": "days?", "week": "weeks?", "month": "months?", "quarter": "quarters?", "year": "years?"}
_SPLIT_BY = {
    grain: re.compile(
        rf"\b(?:by|per|each|every|across)\s+(?:of\s+)?(?:the\s+)?(?:\d+\s+)?(?:[\w-]+\s+){{0,2}}?(?:{noun})\b|"
        rf"\b(?:{noun})[- ](?:by|after)[- ](?:{noun})\b"
        + (r"|\b(?:by|per|each|every)\s+dates?\b" if grain == "day" else ""),
        re.I,
    )
    for grain, noun in _GRAIN_NOUNS.items()
}
# "every customer with at least one bill" ranks nothing.
_LOWEST = re.compile(r"\b(?:(?<!at )least|lowest|fewest|smallest|worst|bottom|minimum|slowest)\b", re.I)
_HIGHEST = re.compile(r"\b(?:most|highest|largest|biggest|greatest|best|top|maximum|fastest|leading)\b", re.I)
_NUMBER = re.compile(
    r"\b(?:top|bottom|best|worst|first|highest|lowest|largest)\s+(\d{1,3}|two|three|four|five|ten)\b|"
    r"\b(\d{1,3}|two|three|four|five|ten)\s+(?:best|worst|top|highest|lowest|largest|biggest)\b|"
    r"\bwhich\s+(\d{1,3}|two|three|four|five|ten)\b(?=\s+[a-z])",  # "which 5 accounts paid the most"
    re.I,
)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
_BY_PERCENT = re.compile(r"%|\bper ?cent|\bpercentage\b|\bfastest\b|\brelative\b|\brate\b", re.I)
# Entities active in one period and again (or not) in the next. "Attrition" is not among these words: an
# employee's leaving is a date of theirs, not a lack of activity.
# "came back" of customers, not of things that "came back damaged" (a rental returned with damage).
_RETENTION = re.compile(
    r"\b(?:churn\w*|retention|retain\w*|lapsed|(?:c[oa]me|comes) back(?!\s+(?:damaged|late|early|broken|dirty|"
    r"empty|full|unused|\w+ed\b))|returned? to (?:buy|order|shop)|"
    r"(?:order\w*|buy\w*|bought|purchas\w*|shop\w*|spen[dt]\w*)\s+again)\b",
    re.I,
)
_ANALYST = re.compile(
    r"\b(?:grew|grow|growth|grown|increase[ds]?|decline[ds]?|share|cumulative|running total|year[- ]to[- ]date|"
    r"best[- ]selling|top[- ]selling|sold|sells?)\b|" + _RETENTION.pattern,
    re.I,
)
_TOP_ITEM = re.compile(
    r"\b(?:top|bottom|best|worst|\d{1,3}|two|three|five|ten)\s+(?:\w+\s+)?([a-z]+?)s?\b"
    r"(?= by| in| for| per| within| of|,)",
    re.I,
)
_GROUPING = {"by", "per", "each", "ever", "whic", "what", "acro", "top", "for", "with", "show"}
# Words any question may use that name no data ("total", "number", "average") and the calendar's own.
_QUESTION_WORDS = {"tota", "numb", "aver", "coun", "amou", "much", "many", "sum", "valu", "rate", "name", "date"}
_QUESTION_WORDS |= {"only"}  # "successful payments only" names no column, though a plan's `annual_only` is one
_BROKEN_DOWN = re.compile(r"\b(?:broken|split|divided)\s+(?:down|up|out)\b", re.I)
_CALENDAR = {"year", "quar", "mont", "week", "day", "half", "firs", "seco", "last", "this", "thro"}
_ANALYSIS_WORDS = (
    ("retention", _RETENTION),
    ("running_total", re.compile(r"\b(?:cumulative|running total|year[- ]to[- ]date|ytd)\b", re.I)),
    (
        "growth",
        re.compile(
            r"\b(?:grew|grow|grows|growth|grown|(?:month|quarter|year|week)[- ]over[- ](?:month|quarter|year|week)|"
            r"mom|qoq|yoy)\b",
            re.I,
        ),
    ),
    ("share", re.compile(r"\b(?:share|proportion|as a percentage of|percentage of all|% of all)\b", re.I)),
)
# Words without which the model's pick of an analysis is not taken (two periods named also back a growth).
_BACKING = {
    "growth": re.compile(
        r"\b(?:gr[eo]w\w*|chang\w*|compar\w*|vs|versus|against|increas\w*|decreas\w*|declin\w*|ris[ei]\w*|rose|"
        r"f[ae]ll\w*|drop\w*|differ\w*|before|previous|prior|over (?:month|quarter|year|week))\b|\b(?:mom|qoq|yoy)\b",
        re.I,
    ),
    "share": re.compile(
        r"\b(?:share|proportion|split|breakdown|break down|mix|contribut\w*|made up|make up|out of)\b|"
        r"(?:%|\bper ?cent\w*)\s+(?:of|came|come|went|go)\b",
        re.I,
    ),
    "running_total": re.compile(r"\b(?:cumulative\w*|running|to[- ]date|ytd|so far|accumulat\w*)\b", re.I),
}
# "versus the year before", "than the previous quarter", "year over year": each period against its own
# predecessor, the grain being that unit.
_AGAINST_PREVIOUS = re.compile(
    r"\b(?:than|versus|vs\.?|against|over|compared (?:to|with)|from)\s+(?:the|its|their)\s+"
    r"(?:(?:previous|prior|preceding)\s+(year|quarter|month|week)|(year|quarter|month|week)\s+before)\b|"
    r"\b(year|quarter|month|week)[- ](?:over|on)[- ](?:year|quarter|month|week)\b",
    re.I,
)
_WHICH_ITEM = re.compile(r"\bwhich\s+(?:(?:\d{1,3}|two|three|four|five|ten)\s+)?([a-z]+?)s?\b", re.I)
# "Every" splits only where a preposition puts it ("for every branch"); "customers who rented every month" and
# "every rental carries a fee" split nothing.
_EVERY = r"(?:(?<=for )|(?<=in )|(?<=by )|(?<=at )|(?<=on )|(?<=across ))every"
# "Which three shows in each category", "the top 2 products for every region": a ranking within each group.
_TOP_IN_EACH = re.compile(
    r"\b(?:top|which|best|the)\s+(?:\d{1,3}|two|three|four|five|ten)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\s+"
    r"(?:in|for|within|of|at)\s+(?:each|every)\b",
    re.I,
)
_EACH = re.compile(rf"\b(?:each|{_EVERY}|per)\s+([a-z]+(?:\s+[a-z]+)?)", re.I)
_AVERAGE = re.compile(r"\b(?:average|avg|mean)\b", re.I)
_AVERAGE_PER = re.compile(r"\b(?:average|avg|mean)\b(?:\s+\w+){1,4}?\s+per\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)", re.I)
# "How many orders did a customer place on average": the entity is the one "a" or "each" picks out.
_ONE_OF = re.compile(
    r"\b(an?|each|every|one)\s+([a-z]+(?:\s+[a-z]+)?)\b(?=.*\b(?:average|avg|mean)\b)|"
    r"\b(?:average|avg|mean)\b.*?\b(an?|each|every)\s+([a-z]+(?:\s+[a-z]+)?)",
    re.I,
)
# "The annual premium of every policy" adds them all up: "of every" is no split, "for each" is.
_EACH_ONE = re.compile(rf"\b(?:each|{_EVERY})\s+([a-z]+)", re.I)
_NAME_LIKE = re.compile(r"(?:^|_)(?:name|title|label)$")
_ONE = re.compile(r"\b(?:which|what|who)\b", re.I)
# "Which store's rating fell the most?" asks for one of the stores: a single number does not answer it.
_WHICH_ONE = re.compile(r"\bwhich\s+(?:(?:\d{1,3}|two|three|four|five|ten)\s+)?([a-z]+)", re.I)
# A split said after the rest of the question: "..., by building?", "broken down by region"; not "top 5 products by
# revenue" (a ranking) nor "grew by 10%".
_BY_AFTERWARDS = re.compile(
    r"(?:,\s*|\b(?:broken down|split|grouped)\s+)by\s+(?:each\s+)?([a-z]+)|\bby\s+([a-z]+)\s*[?.!]?\s*$", re.I
)


@dataclass
class Planned:
    """The outcome of the definitions path: a compiled query, or why the question goes to SQL writing."""

    attempt: Attempt | None
    request: Request | None = None
    compiled: Compiled | None = None
    reason: str = ""


_PERCENT = re.compile(r"%|\bper cent\b", re.I)
# "How many customers do we supply today?": those who have not left; a count of every row would look right.
_AS_OF_NOW = re.compile(
    r"\b(?:today|currently|still|right now|at present|as of now|at the moment|"
    r"current(?!\s+(?:year|quarter|month|week)))\b",
    re.I,
)
# "List our stores in Ohio with their city and number of seats": rows as they are, not a total of seats.
_LISTING = re.compile(r"^\W*(?:please\s+)?(?:list|show(?: me)?)\b[^?.;]*\bwith (?:their|its)\b", re.I)


# A unit written in mixed case ("kWh", "kW", "mL") is one word, not a camelCase name to split.
_UNIT_TOKEN = re.compile(r"\b[a-z][A-Z][a-z]?\b")


def _asked_words(text: str) -> list[str]:
    return words_in_order(_UNIT_TOKEN.sub(lambda unit: unit.group(0).lower(), _PERCENT.sub(" percent ", text)))


def _phrase_words(text: str) -> list[str]:
    """4-letter stems of the words of 3+ letters; "%", "pct" and "percentage" are all "percent" ("gross margin
    %" names gross_margin_pct); a 3-letter word's plural is that word ("late fees" names late_fee)."""
    return list(_stems(text))


@lru_cache(maxsize=100_000)
def _stems(text: str) -> tuple[str, ...]:
    """Cached: every question reads the names of every metric and dimension again (1,000 tables: ~100,000 calls)."""
    words = _asked_words(text)
    return tuple(_stem4(w) for w in words if len(w) >= 3)


def _stem4(word: str) -> str:
    """One word as phrases compare it: its first 4 letters, a 3-letter word's plural as the word."""
    return ("percent" if word == "pct" else _SHORT_PLURAL.sub("", word))[:4]


_SHORT_PLURAL = re.compile(r"(?<=^[a-z]{3})(?<![isu])s$", re.I)


def mentions(question: str, names: list[str]) -> bool:
    """Whether one of the phrases stands in the question: its words (of 3+ letters, prefix match) in order,
    with at most two other words between them ("number of active customers" names "number of customers")."""
    asked = _phrase_words(question)
    return any(_words_between(_phrase_words(name), asked) is not None for name in names)


def _words_between(phrase: list[str], asked: list[str]) -> int | None:
    """How few other words stand between the phrase's words where the question has them in order; None when
    it does not."""
    if not phrase:
        return None
    fewest: int | None = None
    for start, word in enumerate(asked):
        if word != phrase[0]:
            continue
        position, matched = start, 1
        for wanted in phrase[1:]:
            window = asked[position + 1 : position + 4]
            if wanted not in window:
                break
            position, matched = position + 1 + window.index(wanted), matched + 1
        if matched == len(phrase):
            between = position - start + 1 - len(phrase)
            fewest = between if fewest is None else min(fewest, between)
    return fewest


def _mention_score(asked: str, names: list[str]) -> tuple[int, int]:
    """(words of the longest phrase named, minus the words between them): "active customers" named as such
    outranks "number of customers" read across "number of active customers"."""
    return _best_phrase(asked, names)[0]


def _best_phrase(asked: str, names: list[str]) -> tuple[tuple[int, int], tuple[str, ...]]:
    """The score of the phrase that names the metric best, and that phrase's words."""
    words = _phrase_words(asked)
    scores = [
        ((len(phrase), -between), tuple(phrase))
        for phrase in map(_phrase_words, names)
        if (between := _words_between(phrase, words)) is not None
    ]
    return max(scores, default=((0, 0), ()))


# "Sales tax included", "including delivery fees": what the measured amount holds, not which rows count.
_INCLUDED = re.compile(
    r"\b((?:[a-z'-]+\s+){0,2}[a-z'-]+)\s+included\b|\bincluding\s+((?:[a-z'-]+\s+){0,2}[a-z'-]+)", re.I
)
# "Revenue before sales tax", "sales net of discounts": what the measure is taken without names no measure.
_NOT_MEASURED = re.compile(
    r"\b(?:before|net\s+of|exclusive\s+of)\s+(?:any\s+|the\s+|all\s+)?(?:[a-z][\w-]*\s*){1,3}?"
    r"(?=$|[,.;:?!()]|\s(?:in|for|by|per|of|and|from|on|at|during)\b)",
    re.I,
)


# "Which five instructors taught the most group classes?": a ranking by how many there are.
_MOST_OF = re.compile(r"\b(?:the\s+)?(?:most|fewest)\s+(?=[a-z])", re.I)


def mentioned_metrics(question: str, model: SemanticModel) -> list[str]:
    """The metrics the question names, the most specific mention first ("active customers" before
    "customers"); a named filter's qualifier ("returning" of "returning customers") names no metric. Where
    none is named, "the most X" names the number of X."""
    if _ranked_by_count_of_most(question, model):
        return _metrics_named(_MOST_OF.sub("the number of ", question), model)
    return _metrics_named(question, model) or _amount_of_act(question, model)


# "How much money did we refund", "how much did they refund": the amount of the rows that act makes.
_HOW_MUCH_DID = re.compile(
    r"\bhow\s+much(?:\s+money)?\s+(?:did|do|does|have|has|had)\s+(?:we|they|you)\s+([a-z]+)", re.I
)


def _amount_of_act(question: str, model: SemanticModel) -> list[str]:
    """The one sum of the table whose rows the question's verb names ("how much money did we refund": the
    refunds' refund_amount), when exactly one table is called so and it has exactly one sum; else none."""
    verbs = {_stem4(found.group(1)) for found in _HOW_MUCH_DID.finditer(question)}
    if not verbs:
        return []
    sums = [
        [m.name for m in t.metrics if re.match(r"\s*SUM\(", m.expr, re.I)]
        for t in model.tables
        if _stem4(_row_noun(t.name)) in verbs
    ]
    return sums[0] if len(sums) == 1 and len(sums[0]) == 1 else []


# A question whose answer is a span of time: days from one event to another, how long something took.
_TIME_SPAN = re.compile(
    r"\bhow\s+(?:long|far\s+(?:in\s+advance|ahead)|soon|quickly)\b|"
    r"\b(?:calendar\s+|business\s+|working\s+)?(?:days|hours|weeks)\s+(?:from|between|passed|elapsed|it\s+took)\b|"
    r"\bhow\s+many\s+(?:calendar\s+|business\s+|working\s+)?(?:days|hours|weeks|minutes)\b",
    re.I,
)


_TIME_UNITS = {"days", "day", "hours", "hour", "minutes", "weeks", "d", "h", "min"}


def _is_duration(metric_name: str, semantic: SemanticModel) -> bool:
    metric = next((m for _t, m in semantic.metrics if m.name == metric_name), None)
    return metric is not None and (read_duration_name(metric.name) is not None or metric.unit in _TIME_UNITS)


def _ranked_by_count_of_most(question: str, model: SemanticModel) -> bool:
    """Whether the question's measure is the number of what it has "the most" of."""
    return bool(_MOST_OF.search(question)) and not _metrics_named(question, model)


def _metrics_named(question: str, model: SemanticModel) -> list[str]:
    qualifiers = _filter_qualifiers(question, model)
    measured = _INCLUDED.sub(" ", _NOT_MEASURED.sub(" ", question))  # "tax included" is in the amount asked
    asked = " ".join(w for w in _asked_words(measured) if _stem4(w) not in qualifiers)
    scored = [
        (_mention_score(asked, names), metric.name)
        for _table, metric in model.metrics
        if mentions(asked, names := [metric.name, *metric.synonyms])
    ]
    best = max((score for score, _name in scored), default=None)
    tied = [name for score, name in scored if score == best]
    if len(tied) < 2:
        return tied
    counted = [name for name in tied if _counted_by_how_many(asked, name, model)]
    if len(counted) == 1:
        return counted
    # One measure on two tables, "quantity times unit price" of sales orders and of purchase orders: the one whose
    # table's words the question holds, anywhere ("sales revenue ... of the orders shipped"). Different measures
    # stay tied for the model ("top customers by revenue" names the customers' table, not their count).
    # Two measures named by the same words ("total amount": the invoices' total_amount and the invoice lines'
    # amount) are told apart the same way: "the total amount we invoiced" names the invoices.
    found = {metric.name: (table, metric.expr.replace(" ", "").lower()) for table, metric in model.metrics}
    synonyms = {metric.name: [metric.name, *metric.synonyms] for _table, metric in model.metrics}
    heads = _not_modifiers(asked, {name: _best_phrase(asked, synonyms[name])[1] for name in tied})
    if len(heads) == 1:
        return heads
    same_words = len({_best_phrase(asked, synonyms[name])[1] for name in tied}) == 1
    if len({found[name][1] for name in tied}) > 1 and not same_words:
        return tied
    # Named again by another of its names ("café and shop sales ... the total amount customers paid": the retail
    # sales' total_amount, also named "sale"), it is the one meant.
    named_often = {
        name: len({tuple(_phrase_words(n)) for n in synonyms[name] if mentions(asked, [n])}) for name in tied
    }
    most_often = max(named_often.values())
    if list(named_often.values()).count(most_often) == 1:
        return [name for name in tied if named_often[name] == most_often]
    words = set(_phrase_words(asked))
    on_named = [name for name in tied if _holds_words_of(words, _table_nouns(found[name][0]))]
    if on_named:
        return on_named if len(on_named) == 1 else tied
    # Neither table named: the one that reaches the tables the question names ("rent billed per building" is the
    # invoices' rent, which reach buildings, not the leases', which may not).
    reach = {name: _named_tables_reached(words, found[name][0], model) for name in tied}
    most = max(reach.values())
    reaching = [name for name in tied if reach[name] == most]
    return reaching if most and len(reaching) == 1 else tied


def _not_modifiers(asked: str, phrases: dict[str, tuple[str, ...]]) -> list[str]:
    """The tied metrics whose one-word name does not stand right before another tied metric's name: "invoice
    subtotals" names the subtotal, the invoice only says whose."""
    words = _phrase_words(asked)
    firsts = {phrase[0] for phrase in phrases.values() if phrase}
    modifiers = {
        name
        for name, phrase in phrases.items()
        if len(phrase) == 1
        and any(w == phrase[0] and after in firsts - {phrase[0]} for w, after in zip(words, words[1:], strict=False))
    }
    return [name for name in phrases if name not in modifiers]


def _named_tables_reached(words: set[str], table: LogicalTable, model: SemanticModel) -> int:
    tables = {t.name.lower(): t for t in model.tables}
    reached = reachable_tables(model, table.name)[1:]
    return sum(_holds_words_of(words, _table_nouns(tables[name.lower()])) for name in reached if name.lower() in tables)


def filter_named(question: str, item: NamedFilter) -> bool:
    """Whether the question names the filter; a name of short words with one word compared ("on time": "time")
    only as it is written, else "the pickup time" would name the rentals on time."""
    for name in (item.name, *item.synonyms):
        words = re.split(r"[\s_-]+", name.strip())
        if len(words) > 1 and len(_phrase_words(name)) == 1:
            if re.search(r"\b" + r"[\s-]+".join(map(re.escape, words)) + r"\b", question, re.I):
                return True
        elif mentions(question, [name]):
            return True
    return False


def _holds_words_of(words: set[str], names: list[str]) -> bool:
    """Whether the stems hold every word of one of the names, in any order."""
    return any((stems := set(_phrase_words(name))) and stems <= words for name in names)


_HOW_MANY = re.compile(r"\b(?:how many|number of|count of)\s+((?:\w+\s+){0,2}\w+)", re.I)


def _counted_by_how_many(asked: str, metric_name: str, model: SemanticModel) -> bool:
    """Whether the metric is what "how many" counts ("how many customers placed their first order": the
    customers, not the orders), named within the three words that follow it."""
    metric = next(m for _t, m in model.metrics if m.name == metric_name)
    return any(mentions(found, [metric.name, *metric.synonyms]) for found in _HOW_MANY.findall(asked))


# What a count of rows is asked by: "share of 2024 orders", "how many of our shipments", "running total of
# order lines"; not "sales of completed orders", where the orders only say which sales.
_COUNTED = re.compile(
    r"\b(?:how many|number of|count of|share of|proportion of|percentage of|percent of|% of|total of)\s+"
    r"((?:(?:of|our|the|all|their|\d{4})\s+)*[a-z_ ]+)",
    re.I,
)


# "the no-show rate", "the cancellation rate by quarter", "denied claims as a percentage of all claims": one
# stored value's share of the rows, in each group the question asks for.
_RATE_OF = re.compile(
    r"\b(?!(?:the|a|an|our|its|their|this|that|what|which)\s)([a-z][\w-]*)\s+rates?\b|\brates?\s+of\s+([a-z][\w-]*)|"
    r"\b([a-z][\w-]*)\s+(?:[a-z]+\s+)?as\s+an?\s+(?:percentage|share|proportion|%)\s+of\b|"
    # "what percentage of reservations got cancelled", "what share of claims were denied"
    r"\b(?:percentage|share|proportion|percent|%)\s+of\s+(?:(?:the|our|all|their)\s+)?(?:[a-z][\w-]*\s+){1,3}?"
    r"(?:were|was|got|get|are|is|have\s+been|had\s+been|ended\s+up)\s+([a-z][\w-]*)",
    re.I,
)


def rate_named(question: str, semantic: SemanticModel, warehouse: Warehouse) -> tuple[str, str] | None:
    """(dimension, stored value) whose rate the question asks for: 'No-show' for "the no-show rate", 'Cancelled'
    for "the cancellation rate" (a word and a value of one word are the same when their first 4 letters are);
    None unless exactly one value of one dimension fits."""
    words = [next(w for w in match.groups() if w).lower() for match in _RATE_OF.finditer(question)]
    if not words:
        return None
    try:
        index = warehouse.text_values()
    except WarehouseError:
        return None
    stored = {(table.lower(), column.lower()): values for (table, column), values in index.items()}
    found = {
        (dimension.name, value)
        for table, dimension in semantic.dimensions
        for value in stored.get((table.base_table.table.lower(), dimension.expr.lower()), ())
        for word in words
        if _same_stem(word, value)
    }
    if len(found) > 1:  # 'No-show' of class bookings and of training sessions: "out of all bookings" says whose
        homes = {d.name: t for t, d in semantic.dimensions}
        said = {singular(word.lower()) for word in words_in_order(question)}
        named = {pair for pair in found if _row_noun(homes[pair[0]].name) in said}
        found = named if len(named) == 1 else found
    return found.pop() if len(found) == 1 else None


def _same_stem(word: str, value: str) -> bool:
    value = value.lower()
    if word == value:
        return True
    return " " not in value and min(len(word), len(value)) >= 5 and word[:4] == value[:4]


def _row_count_of(dimension_name: str, semantic: SemanticModel) -> str | None:
    """The metric counting the rows of the table a dimension is read on ("appointment count" for its status)."""
    table = next((t for t, d in semantic.dimensions if d.name == dimension_name), None)
    return _row_count_on(table) if table is not None else None


def _row_count_on(table: LogicalTable) -> str | None:
    counts = (m.name for m in table.metrics if re.fullmatch(r"COUNT\((?:\*|DISTINCT\s+[\w.]+)\)", m.expr.strip(), re.I))
    return next(counts, None)


_PERCENT_OF = re.compile(r"\b(?:share|proportion|percentage|percent|%)\s+of\b[^?.;]*", re.I)


def _share_of_rows_summed(question: str, request: Request, semantic: SemanticModel) -> str:
    """The table whose rows the question takes a percentage of ("what percentage of the rent invoices were
    charged a late fee") where the request sums something instead (the late fees): "" when it does not."""
    metric = next((m for _t, m in semantic.metrics if m.name == request.metric), None)
    if metric is None or _COUNTS_ROWS.fullmatch(metric.expr.strip()):
        return ""
    for found in _PERCENT_OF.finditer(question):
        if (counted := counted_table_named(found.group(0), semantic)) is not None:
            return next(t.name for t, m in semantic.metrics if m.name == counted).replace("_", " ")
    return ""


_OF_ROWS = re.compile(
    r"\b(?:share|proportion|percentage|percent|%)\s+of\s+(?:(?:the|our|all|\d{4})\s+)*([^?.;]*)", re.I
)


def filter_rate_named(question: str, semantic: SemanticModel) -> tuple[str, str] | None:
    """(row count, named filter) of a rate of rows a named filter picks: "what percentage of the rent invoices were
    charged a late fee" (the invoices first, the filter after them), "the cancellation rate" (a filter named for
    the event, cancelled_reservation); None unless exactly one filter of the counted table fits."""
    filtered = [table for table in semantic.tables if table.filters]
    found: set[tuple[str, str]] = set()
    for match in _OF_ROWS.finditer(question):
        rows = _phrase_words(match.group(1))
        for table in filtered:
            noun = _phrase_words(table.name)
            # "of the sales orders", "of the orders we shipped", "of each production line's work orders"
            said = noun and (rows[:1] == noun[-1:] or _words_between(noun, rows[:6]) == 0)
            if said and (counted := _row_count_on(table)):
                found |= {(counted, f.name) for f in table.filters if filter_named(match.group(1), f)}
    if len(found) > 1:  # "orders we shipped ... on time": the sales orders' filter, read on their shipped date
        named = {pair: _filter_columns_named(pair[1], question, semantic) for pair in found}
        most = max(named.values())
        found = {pair for pair, count in named.items() if count == most}
    words = [next(w for w in match.groups() if w).lower() for match in _RATE_OF.finditer(question)]
    for table in filtered if words else ():
        named = [f.name for f in table.filters if any(_same_stem(word, f.name.split("_")[0]) for word in words)]
        if named and (counted := _row_count_on(table)):
            found |= {(counted, name) for name in named}
    return found.pop() if len(found) == 1 else None


def _reachable_of_the_same_words(filters: tuple[str, ...], semantic: SemanticModel, measured: str) -> tuple[str, ...]:
    """Of filters named by the same words ("on time": the sales orders' and the purchase orders'), the ones the
    measured rows reach; a filter no other shares a word with stays, and the compiler says if it cannot apply."""
    if not measured:
        return filters
    reached = {name.lower() for name in reachable_tables(semantic, measured)}
    found = {f.name: (t, f) for t, f in semantic.filters if f.name in filters}

    def kept(name: str) -> bool:
        table, item = found[name]
        if table.name.lower() in reached:
            return True
        said = set(item.synonyms)
        return not any(set(other.synonyms) & said for t, other in found.values() if t.name.lower() in reached)

    return tuple(name for name in filters if kept(name))


def _filter_columns_named(filter_name: str, question: str, semantic: SemanticModel) -> int:
    """How many of the columns the filter reads the question speaks of ("shipped" and "promised" of shipped_date <=
    promised_date)."""
    item = next(f for _t, f in semantic.filters if f.name == filter_name)
    asked = set(_phrase_words(question))
    columns = {column.name for column in sqlglot.parse_one(item.expr).find_all(exp.Column)}
    return sum(any(set(_phrase_words(word)) & asked for word in distinctive_words(column)) for column in columns)


def counted_table_named(question: str, model: SemanticModel) -> str | None:
    """The row-count metric of the table the question counts ("share of shipments"), the longest name first."""
    counted = [_phrase_words(match.group(1)) for match in _COUNTED.finditer(question)]
    named = [
        (len(noun), metric.name)
        for table, metric in model.metrics
        if metric.expr.replace(" ", "").upper() == "COUNT(*)"
        and (noun := _phrase_words(table.name))
        # the table's name first, or after one word ("cancelled orders")
        and any(noun in (words[: len(noun)], words[1 : 1 + len(noun)]) for words in counted)
    ]
    return max(named)[1] if named else None


def _filter_qualifiers(question: str, model: SemanticModel) -> set[str]:
    """The words a named filter adds to its table's noun ("returning" of "returning customers", "paid" of "rent
    invoices paid"): they qualify the rows and name no metric, unless a metric of that table is named by them
    ("charged a late fee" qualifies invoices, and "late fee" still names the late fees' total)."""
    qualifiers: set[str] = set()
    for table, item in model.filters:
        for name in (item.name, *item.synonyms):
            words = _phrase_words(name)
            if len(words) > 1 and mentions(question, [name]):
                noun = set(_phrase_words(table.name)) | set(_phrase_words(singular(table.name)))
                measured = {w for m in table.metrics for text in (m.name, *m.synonyms) for w in _phrase_words(text)}
                qualifying = set(words) - noun if set(words) & noun else set(words[:-1])
                qualifiers |= qualifying - measured
    return qualifiers


def plan(
    question: str,
    semantic: SemanticModel,
    model: BaseChatModel,
    warehouse: Warehouse,
    hints: list[ValueHint],
    today: date | None = None,
    required_filters: tuple[str, ...] = (),
) -> Planned:
    """Ask the model for a Request and compile it; `Planned.compiled` is None when SQL writing should answer.
    Relative periods ("last year") count from `today`, else from the data's last date if it stops before today."""
    dialect = warehouse.dialect
    candidates = mentioned_metrics(question, semantic)
    duration = duration_asked(question, semantic)
    if duration:  # both dates and a unit of time: more specific than any metric a word of it names
        candidates = [duration.metric]
    rate = rate_named(question, semantic, warehouse)
    rate_counted = _row_count_of(rate[0], semantic) if rate else None
    if rate_counted and not candidates:
        candidates = [rate_counted]  # "the no-show rate" counts appointments
    filter_rate = None if rate_counted else filter_rate_named(question, semantic)
    if filter_rate:  # "what percentage of the rent invoices were charged a late fee" counts invoices, not fees
        candidates = [filter_rate[0]]
    headline = False
    if not candidates and _ANALYST.search(question) and semantic.metrics:
        # "What share of shipments did each carrier handle?" counts the table it names; "Which category grew
        # the most?" measures something unnamed: the model's first metric, said out loud.
        if counted := counted_table_named(question, semantic):
            candidates = [counted]
        elif not is_draft(semantic):  # a drafted model's first metric is no headline: its order is the schema's
            candidates, headline = [semantic.metrics[0][1].name], True
    if not candidates:
        return Planned(None, reason="the question names none of the defined metrics")
    if _LISTING.search(question):
        return Planned(None, reason="the question lists rows with their columns, it asks for no metric")
    began = time.perf_counter()
    try:
        shown = focused_on(semantic, candidates)  # a large warehouse's catalog: only what these metrics reach
        candidates = [name for name in candidates if any(m.name == name for _t, m in shown.metrics)]
        writer = constrained_to(model, json_schema(shown, candidates), REQUEST_MAX_TOKENS)
        reply = writer.invoke(request_messages(shown, question))
    except Exception as error:  # noqa: BLE001 - SQL writing still gets its chance, and reports a dead model
        log.warning("the definitions path's model call failed: %s", error)
        return Planned(None, reason=f"the model did not answer ({type(error).__name__})")
    attempt = Attempt.of_reply(reply, time.perf_counter() - began)
    try:
        request = parse_request(reply.text, semantic, default_metric=candidates[0] if len(candidates) == 1 else "")
    except RequestError as error:
        attempt.error = f"not a usable request: {error}"
        return Planned(attempt, reason=attempt.error)
    if request.analysis == "not_a_metric":
        return Planned(attempt, request, reason="the model read the question as no metric question")
    if request.metric not in candidates:  # the metric is the question's own words', the model only breaks ties
        request = replace(request, metric=candidates[0])
    if duration:  # in the unit asked: added after the model's call, so that its prompt stays the one it has cached
        duration, semantic = in_the_unit_asked(duration, question, semantic)
        request = replace(request, metric=duration.metric)
    request = checked_against_question(request, question, semantic, hints)
    request = _with_glossed_values(question, request, semantic, warehouse)
    request, semantic, acted_on = _rows_of_the_act(question, request, semantic)
    if duration:
        values = duration.without_values_it_names(request.values)
        request = replace(request, values=values, time_dimension=duration.dated_by(request.time_dimension, semantic))
    if rate and rate_counted and request.metric == rate_counted:
        # The rate's own dimension splits nothing: "denied as a percentage of all claims, pending ones included"
        # names two of its values, and each group's rate is of the one.
        dimension, value = rate
        group_by = tuple(name for name in request.group_by if name != dimension)
        values = {**request.values, dimension: (value,)}
        request = replace(request, analysis="share", rate=True, group_by=group_by, values=values)
    if filter_rate and request.metric == filter_rate[0] and filter_rate[1] in request.filters:
        request = replace(request, analysis="share", rate=True)
    request = _average_of_a_second_measure(question, request, semantic)
    also, semantic = _also_asked(question, request, semantic)
    request = replace(request, also=also)
    averaged = any(_averages(name, semantic) for name in (request.metric, *request.also))
    if _AVERAGE.search(question) and request.analysis != "average_per" and not averaged:
        attempt.error = "the question asks for an average, and the definitions found compute none"
        return Planned(attempt, request, reason=attempt.error)
    if not request.group_by and request.grain == "none" and _ranked_by_count_of_most(question, semantic):
        # "The name of the country with the most car makers" answered with the number of all car makers
        attempt.error = "the question asks which has the most, and the request splits by nothing"
        return Planned(attempt, request, reason=attempt.error)
    if (ranked := _NUMBER.search(question)) and not request.group_by and request.grain == "none":
        # "Who were our five biggest-spending customers": one total of all of them had looked finished
        attempt.error = f"the question asks for “{ranked.group(0)}”, and the request splits by nothing"
        return Planned(attempt, request, reason=attempt.error)
    if (per_group := _TOP_IN_EACH.search(question)) and len(request.group_by) < 2:
        # "Which three shows in each event category took the most": the three top categories had looked finished
        attempt.error = f"the question asks for “{per_group.group(0)}”, and the request splits by one thing only"
        return Planned(attempt, request, reason=attempt.error)
    asked = _asks_which_one(question)
    if asked and request.analysis != "retention" and not _splits_by(_which_words(question), request, semantic):
        attempt.error = f"the question asks which {asked}, and the request does not split by them"
        return Planned(attempt, request, reason=attempt.error)
    request = _values_outside_named_filters(request, semantic)
    request, unsaid = _leaving_out(without_waived(question), request, semantic, duration)
    if unsaid:
        attempt.error = (
            f"the question leaves something out (“{unsaid}”), and a request over the definitions can only leave "
            "out stored values it names"
        )
        return Planned(attempt, request, reason=attempt.error)
    if (
        request.analysis == "share"
        and request.group_by
        and not request.rate
        and _value_said_after_rows(question, request, semantic)
    ):
        # "What share of the seats in each show ended up Returned": the returned ones' share of each show's seats,
        # not each show's share of all returned seats (that is "what share of the returned seats came from each")
        request = replace(request, rate=True)
    if unknown := _other_group_unknown(question, request):
        attempt.error = (
            f"the question compares {unknown[0]} with {unknown[1]}, and no stored value says what {unknown[0]} are"
        )
        return Planned(attempt, request, reason=attempt.error)
    if (now := _AS_OF_NOW.search(question)) and not (request.values or request.filters):
        attempt.error = (
            f"the question asks about things as they are now (“{now.group(0)}”), and the request holds no condition "
            "that says which are"
        )
        return Planned(attempt, request, reason=attempt.error)
    measured = next((t.name for t, m in semantic.metrics if m.name == request.metric), "")
    if date_of_event_gone_by(question, semantic, measured) == "":
        attempt.error = "the question says which date to go by, and no date of the definitions is that one"
        return Planned(attempt, request, reason=attempt.error)
    reached = reachable_tables(semantic, measured) if measured else []
    if rows_held_named(question) and not date_of_rows_held(question, semantic, reached):
        # "Comedy shows dated in 2025" read on the orders' dates had looked right
        attempt.error = "the question says when some rows took place, and no date of the definitions is theirs"
        return Planned(attempt, request, reason=attempt.error)
    if _side_by_side(question, request, today):
        # "2024 and 2025 side by side": the comparison's two columns (with the change beside them).
        request = replace(request, analysis="growth")
    request = _periods_as_grain(question, request, today)
    if request.analysis == "growth" and (dated := _values_naming_years(request)):
        # "The 2024 year-end review cycle against the 2025 one": compared by a date, each group held one side only
        attempt.error = f"the question compares {' and '.join(dated)}, stored values that name the years, not dates"
        return Planned(attempt, request, reason=attempt.error)
    if doubt := _periods_in_doubt(question, request, semantic, today):
        attempt.error = doubt
        return Planned(attempt, request, reason=doubt)
    if unsplit := _each_unsplit(question, request):
        attempt.error = f"the question asks for each {unsplit}, and the request does not split by it"
        return Planned(attempt, request, reason=attempt.error)
    if _PERCENT_OF.search(question) and request.analysis not in ("share", "retention"):
        attempt.error = "the question asks what percentage of something is so, and the request computes no share"
        return Planned(attempt, request, reason=attempt.error)
    if counted := _share_of_rows_summed(question, request, semantic):
        attempt.error = f"the question asks what percentage of the {counted} are so, and {request.metric} is no count"
        return Planned(attempt, request, reason=attempt.error)
    if (per := _per_noun(question)) and not _per_covered(per, request, semantic):
        attempt.error = f"the question asks for something per {per}, which the request does not hold"
        return Planned(attempt, request, reason=attempt.error)
    counted = any("COUNT(" in m.expr.upper() for t, m in semantic.metrics if m.name in request.also)
    if not counted and (rows := _rows_counted_unasked(question, request, semantic)):
        # "How many maintenance jobs did we finish ... and what did they cost": the cost alone looked finished
        attempt.error = f"the question asks how many {rows}, and {request.metric} counts none"
        return Planned(attempt, request, reason=attempt.error)
    if unheld := _measure_unheld(question, request, semantic):
        attempt.error = f"the question also asks “{unheld}”, which no metric of the request is"
        return Planned(attempt, request, reason=attempt.error)
    if (span := _TIME_SPAN.search(question)) and not _is_duration(request.metric, semantic):
        # "How far in advance do people buy ... count the calendar days": answered with a count, it looked finished
        attempt.error = f"the question asks for a time (“{span.group(0)}”), and {request.metric} is none"
        return Planned(attempt, request, reason=attempt.error)
    if numbers := _unplaced_numbers(question, request):
        attempt.error = (
            f"the question holds {', '.join(numbers)}, which no part of a request over the definitions can hold "
            "(a threshold, a count of days)"
        )
        return Planned(attempt, request, reason=attempt.error)
    if required_filters:  # the user chose this definition for the question: it applies whatever the model read
        request = replace(request, filters=tuple(dict.fromkeys((*request.filters, *required_filters))))
    try:
        if today is None and names_relative_period(question):
            today = data_end(semantic, warehouse)
        compiled = compile_request(semantic, request, periods_in(question, today), dialect)
    except CannotCompile as error:
        attempt.error = str(error)
        return Planned(attempt, request, reason=str(error))
    if calendar := _own_calendar_unread(compiled, request, semantic):
        attempt.error = (
            f"the question's period is in the {calendar} columns of the rows it measures, and the request read it "
            "on another table's date"
        )
        return Planned(attempt, request, reason=attempt.error)
    dates_named = set(_phrase_words(" ".join(duration.words + duration.table_words))) if duration else set()
    dates_named |= _joined_tables_words(compiled.sql, semantic, dialect) | acted_on
    if uncovered := _uncovered_words(question, request, semantic, warehouse, compiled.time_dimension) - dates_named:
        attempt.error = (
            f"the question speaks of {', '.join(sorted(uncovered))}, which the definitions used do not cover"
        )
        return Planned(attempt, request, reason=attempt.error)
    attempt.sql = compiled.sql
    if headline and request.analysis != "retention":
        measure = request.metric.replace("_", " ")
        compiled.notes.insert(0, f"The question names no measure: it is measured by {measure}.")
    return Planned(attempt, request, compiled)


# What a question leaves out, or a condition on its rows beyond the values it names. A request holds only values
# to keep: a stored value after "excluding" is found like any other and would be kept, and "leaving out anyone
# who has left" or "only clinics that invoiced in both years" would be dropped (the clinics fair run: 2 of the 3
# wrong answers from the definitions).
_EXCLUDING = re.compile(
    r"\b(?:exclud\w*|except(?:\s+for)?|other than|apart from|aside from|leav(?:e|es|ing) out|left out|not counting|"
    r"without|but not|non-\w+|in both|after (?:taking|take|takes) off|net of|after (?:deduct|subtract)\w*|"
    r"only (?:include|count|consider|keep)\w*\b[^,.;:?!()]*\b(?:that|who|which)|"
    r"(?:include|count|consider|keep)\w*\s+only\b[^,.;:?!()]*\b(?:that|who|which)|"
    r"(?:that|who|which) (?:(?:has|have|had|is|are|was|were|did|does|do) )?(?:not|never|left))\b|"
    r"(?:[(,;]|\band)\s*not\s+(?:the\s+|any\s+)?[\w-]+",  # "new policies (not renewals)"
    re.I,
)


# What leaves out the stored values named right after it: "except cancelled ones", "excluding refunds".
_LEAVES_OUT = re.compile(
    r"(?:exclud\w*|except(?:\s+for)?|other than|apart from|aside from|leav(?:e|es|ing) out|not counting|but not)",
    re.I,
)


_LEFT_OUT_CLAUSE = re.compile(rf"(?:{_LEAVES_OUT.pattern})[^,.;:?!()]*", re.I)


def _leaving_out(
    question: str, request: Request, semantic: SemanticModel, duration: DurationAsked | None
) -> tuple[Request, str]:
    """The request with what the question leaves out applied, and the first phrase leaving out something no
    request can say ("" when there is none): a condition on the rows ("customers who have left"), or a value
    the question does not name."""
    for found in _EXCLUDING.finditer(question):
        phrase = found.group(0).strip(" ,;(")
        if kept := _without_the_other_value(phrase, request):
            request = kept
            continue
        clause = re.split(r"[,.;:?!()]", question[found.start() :].lstrip(" ,;("))[0]
        leaves_out = _LEAVES_OUT.fullmatch(phrase) or phrase.lower().startswith("not ")
        if _ONLY.search(phrase) and _keeps_values_named(clause, request):
            continue  # "count only the orders that were delivered": the request keeps 'Delivered'
        if leaves_out and (left := _left_out_values(clause, request, semantic)):
            request = left
            continue
        if duration and duration.only_rows_that_end(re.split(r"[.;?!]", question[found.start() :])[0]):
            continue
        if set(_phrase_words(phrase)) <= _named_filter_words(request, semantic):
            continue
        return request, phrase
    return request, ""


_ONLY = re.compile(r"\bonly\b", re.I)


def _keeps_values_named(clause: str, request: Request) -> bool:
    names = _names_values(clause)
    return any(names(value) for values in request.values.values() for value in values)


def _names_values(clause: str) -> Callable[[str], bool]:
    """Whether the clause names a stored value: a word of 4+ letters of the same stem, the value as written, or
    all of its words."""
    every = words_in_order(clause)
    words = [w for w in every if len(w) >= 4]
    lowered = f" {' '.join(every)} "
    stems = set(_phrase_words(clause))

    def names(value: str) -> bool:
        own = set(_phrase_words(value))
        return any(_same_stem(w, value) for w in words) or f" {value.lower()} " in lowered or bool(own) and own <= stems

    return names


def _left_out_values(clause: str, request: Request, semantic: SemanticModel) -> Request | None:
    """The request with the stored values the clause names left out rather than kept: "except cancelled ones"
    keeps every status but 'Cancelled'; "leave out cancellations and no-shows" leaves out 'No-show' and the
    dimension's other value the clause names, 'Cancelled'. None when the clause names none of the request's
    values."""
    names = _names_values(clause)
    for name, values in request.values.items():
        named = {v for v in values if names(v)}
        if not named:
            continue
        kept = tuple(v for v in values if v not in named)
        if kept:  # the others of the dimension stay kept: keeping them says it
            return replace(request, values={**request.values, name: kept})
        dimension = next((d for _t, d in semantic.dimensions if d.name == name), None)
        more = [v for v in (dimension.sample_values if dimension else ()) if v not in named and names(v)]
        others = {key: found for key, found in request.values.items() if key != name}
        left_out = tuple(dict.fromkeys((*request.excluded.get(name, ()), *(v for v in values if v in named), *more)))
        return replace(request, values=others, excluded={**request.excluded, name: left_out})
    return None


def _without_the_other_value(excluded: str, request: Request) -> Request | None:
    """The request without the value the question leaves out, where another value of its dimension is the one it
    keeps: "new-business policies (not renewals)" keeps 'New business' alone; None when that is not the case."""
    words = [w for w in words_in_order(excluded) if len(w) >= 4]
    for name, values in request.values.items():
        left_out = {v for v in values if any(_same_stem(word, v) for word in words)}
        if left_out and len(left_out) < len(values):
            kept = tuple(v for v in values if v not in left_out)
            group_by = tuple(g for g in request.group_by if g != name or len(kept) > 1)
            return replace(request, values={**request.values, name: kept}, group_by=group_by)
    return None


def _other_group_unknown(question: str, request: Request) -> tuple[str, str] | None:
    """("households", "Business") for "the average bill for households and for business customers" when only
    'Business' is a stored value the question names: the request would answer for one of the two groups."""
    known = {word.lower() for values in request.values.values() for value in values for word in value.split()}
    for values in request.values.values():
        if len(values) != 1:
            continue
        value = re.escape(values[0])
        pair = re.search(
            rf"\bfor\s+(?:the\s+)?([a-z]+)\s+(?:and|or|versus|vs\.?)\s+(?:for\s+)?(?:the\s+)?{value}\b|"
            rf"\bfor\s+(?:the\s+)?{value}\s+(?:[a-z]+\s+)?(?:and|or|versus|vs\.?)\s+for\s+(?:the\s+)?([a-z]+)\b",
            question,
            re.I,
        )
        other = next((g for g in pair.groups() if g), "") if pair else ""
        if other and other.lower() not in known:
            return other, values[0]
    return None


def _side_by_side(question: str, request: Request, today: date | None) -> bool:
    """Two periods named apart ("in 2024 and how many in 2025") for a total with no time grain."""
    periods = {(p.start, p.end) for p in periods_in(question, today)}
    return (
        len(periods) == 2
        and request.analysis == "total"
        and request.grain == "none"
        and not _ONE_RANGE.search(question)
    )


_GRAIN_MONTHS = {12: "year", 3: "quarter", 1: "month"}


def _periods_as_grain(question: str, request: Request, today: date | None) -> Request:
    """A rate or an average in whole years (quarters, months) side by side, one after the other ("of the invoices
    for periods in 2024, and of those in 2025, what percentage..."): one row per period, by that grain over their
    span; a share or an average of the two added together would be neither's."""
    periods = sorted({(p.start, p.end, p.months) for p in periods_in(question, today)})
    if len(periods) < 2 or request.analysis not in ("share", "average_per") or request.grain != "none":
        return request
    months = {length for _start, _end, length in periods}
    grain = _GRAIN_MONTHS.get(months.pop()) if len(months) == 1 else None
    whole = all(start.day == 1 and (start.month - 1) % length == 0 for start, _end, length in periods)
    one_after_another = all(earlier[1] == later[0] for earlier, later in zip(periods, periods[1:], strict=False))
    if grain is None or not whole or not one_after_another or _ONE_RANGE.search(question):
        return request
    return replace(request, grain=grain)


def _named_filter_words(request: Request, semantic: SemanticModel) -> set[str]:
    """The word stems of the named filters the request applies ("excluding cancelled" of `excluding_cancelled`)."""
    named = [item for _t, item in semantic.filters if item.name in request.filters]
    return {w for item in named for text in (item.name, *item.synonyms) for w in _phrase_words(text)}


def _values_outside_named_filters(request: Request, semantic: SemanticModel) -> Request:
    """A stored value the question names only as part of a named filter ('Cancelled' in "excluding cancelled
    orders") is the filter's business, not a value to keep."""
    words = _named_filter_words(request, semantic)
    if not words:
        return request
    kept = {
        name: tuple(v for v in values if not set(_phrase_words(v)) <= words) for name, values in request.values.items()
    }
    return replace(request, values={name: values for name, values in kept.items() if values})


# "in H1 2025 and in H2 2025", "2024 vs 2025": periods side by side; "from 2023 to 2025", "between ... and ...", "over
# 2024 and 2025": one range.
_ONE_RANGE = re.compile(r"\bfrom\b[^?.]*\bto\b|\bbetween\b|\bthrough\b|\buntil\b|\bsince\b|\bover\b", re.I)
_PER_NOUN = re.compile(r"\bper\s+(?!cent\b)([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)", re.I)


def _values_naming_years(request: Request) -> tuple[str, ...]:
    """Two or more values of one dimension, each naming a year ('2024 Year-End', '2025 Year-End')."""
    for values in request.values.values():
        if len(values) > 1 and all(_YEAR.search(v) for v in values):
            return values
    return ()


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _periods_in_doubt(question: str, request: Request, semantic: SemanticModel, today: date | None) -> str:
    """Why the periods the question names cannot be read as the request would read them, or "": periods side by
    side that a total would add into one; a split or comparison over time on the date of another table than
    the measure's ("sales each month since the restaurant opened": the months are the orders', not the opening's).
    """
    periods = {(p.start, p.end) for p in periods_in(question, today)}  # "in 2025 ... dated in 2025" is one period
    ungrained = replace(request, grain="none")
    each_a_row = request.grain != "none" and _periods_as_grain(question, ungrained, today) == request
    if (
        len(periods) > 1
        and request.analysis in ("total", "top", "share", "average_per")
        and not _ONE_RANGE.search(question)
        and not each_a_row
    ):
        return f"the question names {len(periods)} periods side by side, and a request would add them into one"
    measured = next((t for t, m in semantic.metrics if m.name == request.metric), None)
    dated = next((t for t, d in semantic.time_dimensions if d.name == request.time_dimension), None)
    over_time = request.grain != "none" or request.analysis in ("growth", "running_total")
    if measured is not None and dated is not None and dated.name != measured.name and over_time:
        return (
            f"the question dates {measured.name} by {request.time_dimension.replace('_', ' ')} of {dated.name} "
            "and splits or compares them over time"
        )
    return ""


def _each_unsplit(question: str, request: Request) -> str:
    """What "for each way of paying" asks to split by, when the request is one number: no dimension, no time grain,
    and not the entity an average is taken per; "" otherwise."""
    found = _EACH_ONE.search(question)
    if found is None or request.group_by or request.grain != "none":
        return ""
    noun = found.group(1).lower()
    if noun in QUESTION_STOPWORDS or noun[:4] in _CALENDAR or _is_entity_noun(noun[:4], request.per):
        return ""
    return noun


_CALENDAR_COLUMNS = {"year", "quarter", "month", "week", "fy", "period"}


def _own_calendar_unread(compiled: Compiled, request: Request, semantic: SemanticModel) -> str:
    """ "Sales reps who beat their target in Q4 2024": targets are placed by their own year and quarter columns; a
    period read on another table's date instead (the reps' hire date) answers something else. The measured table's
    calendar columns, "" when it has none or the period is on its own dates."""
    measured = next((t for t, m in semantic.metrics if m.name == request.metric), None)
    if measured is None or not compiled.time_dimension or request.analysis == "retention":
        return ""  # a retention reads its periods on the entity's activity, as its explanation says
    if any(d.name == compiled.time_dimension for d in measured.time_dimensions):
        return ""
    calendar = [d.expr for d in measured.dimensions if set(re.findall(r"[a-z]+", d.expr.lower())) & _CALENDAR_COLUMNS]
    return " and ".join(calendar)


def _says_whole(question: str, table_name: str) -> bool:
    """Whether the question names the table by its whole words ("products", "per product"), not only by their
    first four letters ("production line" is no product)."""
    said = {singular(word.lower()) for word in words_in_order(question)}
    return mentions(question, [table_name.rstrip("s")]) and all(
        singular(word) in said for word in words_in_order(table_name) if len(word) >= 3
    )


def _per_noun(question: str) -> str:
    """What "per" is followed by ("per person", "per order line"), without a trailing word like "at"."""
    found = _PER_NOUN.search(question)
    words = found.group(1).split() if found else []
    return " ".join(words[:1] + [w for w in words[1:] if w.lower() not in QUESTION_STOPWORDS])


def _per_covered(noun: str, request: Request, semantic: SemanticModel) -> bool:
    """Whether "per <noun>" is a grain, the entity the request averages per, or a dimension it splits by."""
    if noun.split()[0][:4].lower() in _CALENDAR:
        return True
    names = [request.per.replace("_", " ")] if request.per != "none" else []
    names += [n for _t, d in semantic.dimensions if d.name in request.group_by for n in (d.name, *d.synonyms)]
    return mentions(noun, names)


def data_end(semantic: SemanticModel, warehouse: Warehouse) -> date:
    """Today, or the latest date the time dimensions hold if the data stops earlier (a snapshot, the demo),
    so that "this year" means the data's last year there. The answer states the dates it used."""
    today = date.today()
    latest: date | None = None
    for table, dimension in semantic.time_dimensions:
        source = ".".join(p for p in (table.base_table.schema, table.base_table.table) if p)
        try:
            value = warehouse.run(f"SELECT MAX({dimension.expr}) FROM {source}").data.iloc[0, 0]
            day = pd.Timestamp(value).date()
        except (WarehouseError, ValueError, TypeError, IndexError) as error:
            log.info("no latest date from %s.%s: %s", source, dimension.name, error)
            continue
        if day <= today:
            latest = max(latest or day, day)
    return latest or today


def checked_against_question(
    request: Request, question: str, semantic: SemanticModel, hints: list[ValueHint]
) -> Request:
    """The request with what the question's words do not back taken out, and what rules read put in."""
    dimensions = {d.name: (t, d) for t, d in semantic.dimensions}
    values = _values_named(hints, semantic, question)
    group_by = tuple(
        name
        for name in request.group_by
        if _grouped_by(question, [name, *dimensions[name][1].synonyms]) and not _only_one_value(name, values)
    )
    # Exactly the named filters the question names, whatever the model picked.
    filters = tuple(f.name for _t, f in semantic.filters if filter_named(question, f))
    group_by = tuple(dict.fromkeys(_widest_named(question, name, semantic) for name in group_by))
    measured = next((t.name for t, m in semantic.metrics if m.name == request.metric), "")
    filters = _reachable_of_the_same_words(filters, semantic, measured)
    group_by = _top_per_group(question, group_by, semantic, measured) or group_by
    grain = _grain_named(question)
    time_dimension = (
        date_gone_by(question, semantic, reachable_tables(semantic, measured) if measured else [])
        or date_of_event_gone_by(question, semantic, measured)
        or date_of_rows_held(question, semantic, reachable_tables(semantic, measured) if measured else [])
        or date_the_verb_names(question, semantic, measured)
        or date_named_before_period(question, semantic, measured)
        or request.time_dimension
        or _time_dimension_named(question, semantic, request.metric, group_by)
    )
    if time_dimension:
        filters = _read_on_its_dates(filters, time_dimension, semantic)
    per = request.per if request.per != "none" and _says_whole(question, request.per) else "none"
    per = _averaged_per(question, semantic, request.metric) or per
    if not group_by:
        group_by = tuple(_widest_named(question, name, semantic) for name in _each_entity(question, semantic, per))
    group_by = _conjoined_roles(question, group_by, semantic)
    named_analysis = _analysis_named(question)
    analysis = named_analysis or request.analysis
    if analysis == "top" and not (_HIGHEST.search(question) or _LOWEST.search(question)):
        analysis = "total"  # nothing in the question ranks
    if analysis in _BACKING and not named_analysis and not _backed(analysis, question):
        # "Gross margin % by category in 2025" is no growth: nothing compares. "What percent did each
        # subcategory make up" is the share its words back.
        backed = [other for other in _BACKING if _backed(other, question)]
        analysis = backed[0] if len(backed) == 1 else "total"
    if analysis == "retention":
        # Retention read by the app only where the question says it, and not where a metric defines it.
        named = _analysis_named(question) == "retention" and not _RETENTION.search(_names_of(request.metric, semantic))
        per = _retained_entity(question, semantic, request.metric) if named else "none"
        analysis = analysis if per != "none" else "total"
        # "our customer churn rate" is not one row per customer: the entity's own name splits nothing.
        itself = _dimension_named(singular(per), semantic) if analysis == "retention" else None
        group_by = tuple(name for name in group_by if name != itself)
    if per != "none" and _AVERAGE.search(question) and analysis != "retention":
        analysis = "average_per"
    if analysis == "average_per" and per == "none":
        analysis = "total"
    # Two values of one dimension ("Europe and North America") are compared: one row each.
    group_by += tuple(name for name, named in values.items() if len(named) > 1 and name not in group_by)
    if len(group_by) == 2 and _EACH.search(question) and (_TOP_ITEM.search(question) or _HIGHEST.search(question)):
        analysis = "top"
    over_previous = False
    if analysis == "growth" and (previous := _AGAINST_PREVIOUS.search(question)) and len(periods_in(question)) > 1:
        grain, over_previous = next(unit for unit in previous.groups() if unit).lower(), True
    order, limit = _ranking(question, request, bool(group_by))
    group_by = tuple(dict.fromkeys(_on_the_table_named(name, question, semantic, measured) for name in group_by))
    values = {_on_the_table_named(name, question, semantic, measured): named for name, named in values.items()}
    return replace(
        request,
        analysis=analysis,
        group_by=group_by,
        filters=filters,
        grain=grain,
        time_dimension=time_dimension,
        per=per,
        order=order,
        limit=limit,
        values=values,
        by_percent=bool(_BY_PERCENT.search(question)),
        over_previous=over_previous,
    )


_DATE_WORDS = {"date", "time", "day", "at", "on"}


def _time_dimension_named(
    question: str, semantic: SemanticModel, metric_name: str, group_by: tuple[str, ...] = ()
) -> str:
    """The date the question names by its own words ("customers who signed up in 2024": the signup date,
    not the orders' date), when exactly one is named; "" leaves the choice to the compiler. A date named only
    by the metric's words ("orders in 2024": order_date; "days to ship": no ship date) is the default anyway,
    and a named filter's words name none ("returning customers": no return date)."""
    found = next(((t, m) for t, m in semantic.metrics if m.name == metric_name), None)
    if found is None:
        return ""
    table, metric = found
    # Without stopwords: "a meter with a reading" names no withdrawn_date (both are "with" to 4 letters); and
    # without what it leaves out: "leave out cancellations" dates nothing by cancelled_date.
    kept = _LEFT_OUT_CLAUSE.sub(" ", question)
    asked = _phrase_words(" ".join(w for w in words_in_order(kept) if w not in QUESTION_STOPWORDS))
    own = {*_phrase_words(table.name), *_phrase_words(metric_name), *_filter_qualifiers(question, semantic)}
    own |= {w for name in group_by for w in _phrase_words(name)}  # "by type of service" names no in_service_date
    for phrase in (_phrase_words(s) for s in metric.synonyms if " " in s):
        if _words_between(phrase, asked) is not None:
            own |= set(phrase)
    reachable = {name.lower() for name in reachable_tables(semantic, table.name)}
    named = set()
    for home, dimension in semantic.time_dimensions:
        if home.name.lower() not in reachable:  # "ad spend per lead": the spend's date does not date the leads
            continue
        words = [w for w in _phrase_words(dimension.name) if w not in _DATE_WORDS]
        synonyms = (_phrase_words(s) for s in dimension.synonyms)
        phrases = [words, *(p for p in synonyms if not set(p) <= _DATE_WORDS)]
        distinct = [p for p in phrases if p and not set(p) <= own]
        if any(_words_between(p, asked) is not None for p in distinct):
            named.add(dimension.name)
    return named.pop() if len(named) == 1 else ""


def _read_on_its_dates(filters: tuple[str, ...], time_dimension: str, semantic: SemanticModel) -> tuple[str, ...]:
    """Without the named filters that are read against the period ("new customers": no order before it) on
    another table's dates than the one the question names: "new customers who signed up in 2024" are the
    signups, not customers whose first order fell in 2024."""
    home = next((t.name for t, d in semantic.time_dimensions if d.name == time_dimension), "")
    relative = {f.name for t, f in semantic.filters if "{period_" in f.expr and t.name != home}
    return tuple(name for name in filters if name not in relative)


def _backed(analysis: str, question: str) -> bool:
    return bool(_BACKING[analysis].search(question)) or (analysis == "growth" and len(periods_in(question)) > 1)


def _analysis_named(question: str) -> str | None:
    """The analysis an unambiguous analyst's word names; the model's pick otherwise."""
    for analysis, words in _ANALYSIS_WORDS:
        if words.search(question):
            return analysis
    return None


def _top_per_group(
    question: str, group_by: tuple[str, ...], semantic: SemanticModel, measured: str
) -> tuple[str, ...] | None:
    """ "Top 3 products by revenue in each category": (category, product_name), the group first; None when
    the question does not read so or its nouns name no dimensions. "Which 5 customers ordered most? Value each
    order at its price": each row of the measured table is no group to rank within, and no split."""
    items = [_TOP_ITEM.search(question), _WHICH_ITEM.search(question) if _HIGHEST.search(question) else None]
    named = [ranked for item in items if item and (ranked := _dimension_named(item.group(1), semantic))]
    group = _EACH.search(question)
    if not named or not group:
        return None
    ranked, within = named[0], _group_named(group.group(1), semantic)
    if ranked is None or within is None or ranked == within:
        return None
    if measured and _names_rows_of(group.group(1), measured):
        return tuple(name for name in group_by if name != within) or None
    return within, ranked


def _conjoined_roles(question: str, group_by: tuple[str, ...], semantic: SemanticModel) -> tuple[str, ...]:
    """ "Each route by its origin and destination airport codes": beside origin_airport_code, the same column read
    in the other role the question names with "and" (destination_airport_code, a role table of the same base)."""
    fields = {d.name: (t, d) for t, d in semantic.dimensions}
    split = list(group_by)
    for name in group_by:
        table, dimension = fields[name]
        for other_table, other in semantic.dimensions:
            if other.name in split or other_table is table or other.expr != dimension.expr:
                continue
            if other_table.base_table != table.base_table:
                continue
            mine, theirs = _role_words(name, other.name)
            if (
                mine
                and theirs
                and re.search(
                    rf"\b({mine}\s*(?:and|or|&|/)\s*{theirs}|{theirs}\s*(?:and|or|&|/)\s*{mine})\b", question, re.I
                )
            ):
                split.insert(split.index(name) + 1, other.name)
    return tuple(split)


def _role_words(one: str, other: str) -> tuple[str, str]:
    """What two names of one column say before their shared ending: ("origin", "destination") of
    origin_airport_code and destination_airport_code."""
    first, second = one.split("_"), other.split("_")
    while first and second and first[-1] == second[-1]:
        first, second = first[:-1], second[:-1]
    return " ".join(first), " ".join(second)


def _names_rows_of(words: str, table_name: str) -> bool:
    """Whether "each order at" speaks of the table's own rows (sales_orders: an order); "each customer segment"
    of customers speaks of segments."""
    nouns = [w for w in words_in_order(words) if w not in QUESTION_STOPWORDS]
    return len(nouns) == 1 and singular(nouns[0]) == _row_noun(table_name)


# "How many maintenance jobs": the one or two words that say what is counted.
# "How many maintenance jobs", "with the number of refunds and the total amount refunded": rows asked to be counted.
_HOW_MANY_OF = re.compile(r"\b(?:how many|the number of)\s+((?:\w+\s+)?\w+)", re.I)


# A clause of its own asking for one more measure: "..., and what did they cost us", "and their average premium".
_ALSO_ASKED = re.compile(
    r"\band\s+(?:(?:what|how)\s+(?:was|were|is|are|did|do|does|much|many)\b|"
    r"(?:the|their|its)\s+(?:total|average|avg|mean|number|sum)\b)[^?.;]*",
    re.I,
)


def _average_of_a_second_measure(question: str, request: Request, semantic: SemanticModel) -> Request:
    """ "For each product, how many policies started in 2025 and what was their average annual premium": the average
    is the second measure's (the policies' average premium), not the number of policies averaged per product."""
    if request.analysis != "average_per":
        return request
    clauses = [clause.span() for clause in _ALSO_ASKED.finditer(question)]
    # the first "average" is the clause's ("..., with the average rounded to 2 decimals" speaks of it again)
    first = _AVERAGE.search(question)
    inside = first is not None and any(a <= first.start() < b for a, b in clauses)
    total = replace(request, analysis="total", per="none")
    also, extended = _also_asked(question, total, semantic)
    return total if inside and any(_averages(name, extended) for name in also) else request


_SUMMED = re.compile(r"\s*SUM\(\s*([\w.\"]+)\s*\)\s*", re.I)


def _also_asked(question: str, request: Request, semantic: SemanticModel) -> tuple[tuple[str, ...], SemanticModel]:
    """More metrics of the measured table the question asks for beside the request's: their count where it asks
    "how many" of them and the metric counts nothing ("how many policies started ... and what was their average
    premium"), and the metric a clause of its own names ("how many maintenance jobs ... and what did they cost"). A
    clause asking for the average of a column the model only sums ("their average annual premium") gets that
    average, added to the model for this question."""
    table = next((t for t, m in semantic.metrics if m.name == request.metric), None)
    if table is None or request.analysis not in ("total", "top") or request.per != "none":
        return (), semantic
    own = {m.name: m for m in table.metrics}
    also: list[str] = []
    if _rows_counted_unasked(question, request, semantic) and (count := _row_count_on(table)):
        also.append(count)
    for clause in _ALSO_ASKED.finditer(question):
        named = [name for name in _metrics_named(clause.group(0), semantic) if name in own][:1]
        # "the total amount refunded": every word of total_refund_amount, in another order
        stems = set(_phrase_words(clause.group(0)))
        named = named or [m.name for m in table.metrics if set(_phrase_words(m.name)) <= stems]
        if len(named) == 1 and _AVERAGE.search(clause.group(0)) and (summed := _SUMMED.fullmatch(own[named[0]].expr)):
            named, semantic = _averaged_beside(summed.group(1), table, semantic)
        if len(named) == 1 and named[0] != request.metric and named[0] not in also:
            also.append(named[0])
    return tuple(also), semantic


def _averaged_beside(column: str, table: LogicalTable, semantic: SemanticModel) -> tuple[list[str], SemanticModel]:
    """The table's average of the column, added to the model if it has none."""
    expr = f"AVG({column})"
    found = next((m.name for m in table.metrics if m.expr.replace(" ", "").lower() == expr.lower()), None)
    if found:
        return [found], semantic
    name = f"average_{column.strip(chr(34)).split('.')[-1].lower()}"
    if any(m.name == name for _t, m in semantic.metrics):  # another table's: names are unique across the model
        name = f"{singular(table.name)}_{name}"
    metric = Metric(name=name, expr=expr, description=f"Average {column} of a row of {table.name}.")
    tables = tuple(replace(t, metrics=(*t.metrics, metric)) if t is table else t for t in semantic.tables)
    return [name], replace(semantic, tables=tables)


# Words that say how a measure is taken or shown, not which: "their total order value", "the average, rounded".
_HOW_MEASURED = frozenset({"total", "average", "avg", "mean", "value", "amount", "sum", "rate", "ratio", "share"})


def _measure_unheld(question: str, request: Request, semantic: SemanticModel) -> str:
    """A clause of its own asking for a measure no metric of the request is: "How many completed orders did we get,
    and how much revenue did they bring in?" answered with the count alone looked finished ("revenue" names no
    metric of the orders)."""
    covered = _covered_stems(request, semantic, request.time_dimension)
    for clause in _ALSO_ASKED.finditer(question):
        words = {w for w in words_in_order(clause.group(0).lower()) if w not in _HOW_MEASURED}
        measures = {w for w in words if singular(w) in MEASURE_WORDS or w in MEASURE_WORDS}
        if any(_stem4(w) not in covered for w in measures):
            return re.sub(r"^and\s+", "", clause.group(0).strip())
    return ""


def _rows_counted_unasked(question: str, request: Request, semantic: SemanticModel) -> str:
    """The measured rows a "how many" asks to count ("how many maintenance jobs", rows of the jobs' table, or "how
    many checked bags", rows of a value it keeps) where the request's metric counts nothing (a sum of their cost,
    an average price), else ""."""
    table, metric = next(((t, m) for t, m in semantic.metrics if m.name == request.metric), (None, None))
    if table is None or metric is None or "COUNT(" in metric.expr.upper().replace(" ", ""):
        return ""
    called = ONE_ROW_PER.search(table.description or "")
    nouns = {_row_noun(table.name), *([singular(called.group(1).lower())] if called else [])}
    # "How many checked bags did we sell": the rows of a kept value of the measured table ('Checked bag')
    own = {d.name for d in table.dimensions}
    nouns |= {
        singular(w)
        for name, values in request.values.items()
        if name in own
        for v in values
        for w in words_in_order(v.lower())
    }
    for found in _HOW_MANY_OF.finditer(question):
        if {singular(w) for w in words_in_order(found.group(1))} & nouns:
            return found.group(1)
    return ""


# "How many tickets were refunded", "how many orders did we return": the noun counted and the act done to them.
_HOW_MANY_ACTED = re.compile(
    r"\bhow many\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\s+(?:were|was|got|have been|had been|did (?:we|they|you))\s+([a-z]+)",
    re.I,
)


def _rows_of_the_act(
    question: str, request: Request, semantic: SemanticModel
) -> tuple[Request, SemanticModel, set[str]]:
    """ "How many tickets were refunded" counts the tickets the refunds table keys (distinct: a ticket refunded in two
    parts is one), read on the refunds, whose rows carry the act's own reason and date that the tickets cannot reach.
    The count is added to the model for this question. A stored value of the tickets that says the same act
    ('Refunded') is then the act itself, no condition more. With the stems of the noun counted ("tickets")."""
    counted = next((t for t, m in semantic.metrics if m.name == request.metric), None)
    if counted is None or _row_count_on(counted) != request.metric:
        return request, semantic, set()
    for found in _HOW_MANY_ACTED.finditer(question):
        noun, verb = (w.lower() for w in found.groups())
        if singular(noun) != _row_noun(counted.name):
            continue
        keys = [
            (table, r)
            for table in semantic.tables
            if _stem4(_row_noun(table.name)) == _stem4(verb)
            for r in semantic.relationships
            if r.left_table == table.name and r.right_table == counted.name and len(r.columns) == 1
        ]
        if len(keys) != 1:
            continue
        act, key = keys[0]
        name = f"{_row_noun(counted.name)}s_{verb}"
        if all(m.name != name for _t, m in semantic.metrics):
            metric = Metric(
                name=name,
                expr=f"COUNT(DISTINCT {key.columns[0][0]})",
                description=f"Number of {counted.name} with a row in {act.name}.",
            )
            tables = tuple(replace(t, metrics=(*t.metrics, metric)) if t is act else t for t in semantic.tables)
            semantic = replace(semantic, tables=tables)
        values = {
            dimension: kept
            for dimension, kept in request.values.items()
            if not all(_stem4(w) == _stem4(verb) for v in kept for w in words_in_order(v))
        }
        return replace(request, metric=name, values=values), semantic, set(_phrase_words(noun))
    return request, semantic, set()


def _row_noun(table_name: str) -> str:
    """What one row of the table is called: an order of sales_orders."""
    return singular(table_name).split("_")[-1]


_PLACED_NUMBERS = re.compile(r"\b(?:19|20)\d\d(?:-\d\d){0,2}\b|\b[qh][1-4]\b|\b\d(?:st|nd|rd|th)\b", re.I)
# "Give the quarter as a number from 1 to 4", "the half (1 or 2)": how a period's label is written, no threshold.
_LABEL_RANGE = re.compile(
    r"\b(?:quarters?|months?|halfs?|halves|half-years?|weeks?|weekdays?)\b"
    r"(?:\s*\(|\s+(?:given|written|shown|labell?ed|numbered|as|an?|numbers?|from|the|in|of))*"
    r"\s*1\s*(?:to|or|-|–|through)\s*(?:2|4|7|12|52|53)\b",
    re.I,
)


def _unplaced_numbers(question: str, request: Request) -> list[str]:
    """Numbers in the question that are no year, quarter, top N or stored value ("within 2 days", "more than 5
    orders", "the last 30 days"): the compiled query would silently leave them out."""
    text = question
    for value in (v for values in request.values.values() for v in values):
        text = re.sub(re.escape(value), " ", text, flags=re.I)
    text = _LABEL_RANGE.sub(" ", text)
    if request.analysis == "average_per":  # an average per entity counts the entities with nothing as 0 already
        text = _AS_ZERO.sub(" ", text)
    text = _PLACED_NUMBERS.sub(" ", _NUMBER.sub(" ", ASKED_DECIMALS.sub(" ", text)))
    return re.findall(r"\d+(?:\.\d+)?", text)


# "Count the inspections that found no damage as 0", "treat the months without sales as zero".
_AS_ZERO = re.compile(r"\b(?:count|counting|treat|treating|take|taking)\b[^.;?!]*?\bas\s+0\b", re.I)


def _names_of(metric_name: str, semantic: SemanticModel) -> str:
    metric = next((m for _t, m in semantic.metrics if m.name == metric_name), None)
    return " ".join((metric.name.replace("_", " "), *metric.synonyms)) if metric else ""


def _retained_entity(question: str, semantic: SemanticModel, metric_name: str) -> str:
    """The entity whose retention the question asks ("customers who came back"): the first it names that
    has a dated activity (customers have orders), else none."""
    metric_table = next((t.name for t, m in semantic.metrics if m.name == metric_name), "")
    asked = _phrase_words(question)
    named = []
    for name in entity_names(semantic):
        entity = semantic.table(name)
        stem = _phrase_words(singular(name))[-1:]
        activity = activity_of(entity, semantic, metric_table) if entity is not None else None
        if activity is not None and stem and stem[0] in asked:
            # "Of our 2024 renters, how many picked up a rental in 2025": the customers, whose activity (rentals)
            # the question names, before the rentals ("renters"), whose only dated rows are damage reports.
            unnamed = not set(_phrase_words(activity.table.name)) & set(asked)
            named.append((unnamed, asked.index(stem[0]), name))
    return min(named)[2] if named else "none"


def _averages(metric_name: str, semantic: SemanticModel) -> bool:
    """Whether the metric is itself an average or a ratio (AVG, a division, "average" in its name)."""
    metric = next((m for _t, m in semantic.metrics if m.name == metric_name), None)
    if metric is None:
        return False
    words = {w for text in (metric.name, *metric.synonyms) for w in _phrase_words(text)}
    return "AVG(" in metric.expr.upper().replace(" ", "") or "/" in metric.expr or bool(words & {"aver", "mean"})


def _averaged_per(question: str, semantic: SemanticModel, metric_name: str) -> str | None:
    """ "Average cost per shipment": the entity after "per" when the question averages, if it is one; "how
    many orders did a customer place on average": the one "a" or "each" picks out, unless the metric is an
    average itself ("the average order value of a customer" is that metric, not an average of averages)."""
    if found := _AVERAGE_PER.search(question):
        nouns = [found.group(1)]
    elif _AVERAGE.search(question) and not _averages(metric_name, semantic):
        # "On each production line, how many units did a work order turn out on average": "a" picks out the one
        # averaged over, "each" the groups.
        found_ones = [(article or later, noun or after) for article, noun, later, after in _ONE_OF.findall(question)]
        nouns = [noun for article, noun in sorted(found_ones, key=lambda one: one[0].lower() not in ("a", "an", "one"))]
    else:
        nouns = []
    entities = entity_names(semantic)
    for noun in nouns:
        # "per order line" is the order lines, not the orders "order" alone would name.
        whole = _phrase_words(singular(noun))
        if entity := next((name for name in entities if _phrase_words(singular(name)) == whole), None):
            return entity
        # "per move-out inspection" is the inspections, "per customer segment" no entity but the customers; a
        # word compared whole ("production" is no product)
        words = [singular(word.lower()) for word in words_in_order(noun)]
        for word in dict.fromkeys(words[-1:] + words[:1]):
            if entity := next((name for name in entities if words_in_order(singular(name))[-1:] == [word]), None):
                return entity
    return None


def _is_entity_noun(noun: str, entity: str) -> bool:
    """ "shipment" names the shipments entity, "exception" delivery_exceptions (compared by 4-letter stems)."""
    return entity != "none" and _phrase_words(singular(entity))[-1:] == [noun]


def _each_entity(question: str, semantic: SemanticModel, per: str) -> tuple[str, ...]:
    """ "Revenue change for each carrier", "the top 5 products by revenue", "..., by region": split by the dimension
    "carrier", "products" or "region" names, which the model left out (not by the entity an average is taken per,
    nor by a calendar word, which is a grain)."""
    each = _EACH_ONE.search(question) or _TOP_ITEM.search(question) or _WHICH_ONE.search(question)
    word = each.group(1).lower() if each else ""
    if not word and (after := _BY_AFTERWARDS.search(question)):
        word = next(found for found in after.groups() if found).lower()
    noun = word[:4]
    # "Average revenue per customer for each customer" is no split; "which 5 practitioners had the most" is one,
    # whatever entity the model put in `per`.
    if not noun or noun in _CALENDAR or (_is_entity_noun(noun, per) and _AVERAGE.search(question)):
        return ()
    named = _name_of_table_named(words_in_order(question[each.start(1) :])[:2], semantic) if each else None
    named = named or _dimension_named(word, semantic)  # the whole word: "clas" would read as the plural of "cla"
    return (named,) if named else ()


def _name_of_table_named(words: list[str], semantic: SemanticModel) -> str | None:
    """The name-like dimension of the table two words name ("which sales rep": sales_reps' rep_name), before
    either word alone names a dimension ("sales" begins sales_rep_region)."""
    if len(words) < 2:
        return None
    phrase = _phrase_words(singular("_".join(words[:2])))
    for table in semantic.tables:
        if _phrase_words(singular(table.name)) == phrase:
            return next((d.name for d in table.dimensions if _NAME_LIKE.search(d.name)), None)
    return None


def _asks_which_one(question: str) -> str | None:
    """The thing a "which <thing>" question asks for, unless it is a calendar word (a period, a grain)."""
    which = _WHICH_ONE.search(question)
    return which.group(1) if which and which.group(1)[:4].lower() not in _CALENDAR else None


_WHICH_WORDS = re.compile(r"\bwhich\s+(?:(?:\d{1,3}|two|three|four|five|ten)\s+)?((?:[a-z]+\s+){0,2}[a-z]+)", re.I)


def _which_words(question: str) -> list[str]:
    """The up to three words a "which" names ("which product category grew": product, category, grew)."""
    which = _WHICH_WORDS.search(question)
    return which.group(1).split() if which else []


def _splits_by(words: list[str], request: Request, semantic: SemanticModel) -> bool:
    """Whether the request has a row per thing the words after "which" name ("which 3 agents": agent_name among
    its groups; "which product category": the category); words that name no dimension leave it to the model."""
    if phrase_named := _name_of_table_named(words, semantic):
        return phrase_named in request.group_by
    named = {dimension for word in words if (dimension := _dimension_named(word, semantic))}
    return bool(request.group_by) and (not named or bool(named & set(request.group_by)))


def _on_the_table_named(name: str, question: str, semantic: SemanticModel, measured: str) -> str:
    """The same column on the table the question names: "the region where the customer lives" is the
    customers' region (customer_region), not the agents' (region), though the model picked the shorter name;
    else on the measured table itself: "each plant's sales" is the plant of the sales orders, not of the
    production lines. Unchanged where the question names this one's table, or no single other one fits."""
    owner, dimension = next(((t, d) for t, d in semantic.dimensions if d.name == name), (None, None))
    if owner is None or dimension is None:
        return name
    # "The city of the branch where the car was picked up" names the pickup branch, a role of the branches.
    roles = [
        other.name
        for table, other in semantic.dimensions
        if table.name != owner.name
        and table.base_table == owner.base_table
        and other.expr.lower() == dimension.expr.lower()
        and _role_said(question, table)
    ]
    if len(roles) == 1 and not _role_said(question, owner):
        return roles[0]
    if mentions(question, _table_nouns(owner)):
        return name
    same_column = [
        (table, other.name)
        for table, other in semantic.dimensions
        if table.name != owner.name and other.expr.lower() == dimension.expr.lower()
    ]
    # The measured table is named by nearly every question about it ("policies by the region ..."): it says no whose.
    named = [o for table, o in same_column if table.name != measured and mentions(question, _table_nouns(table))]
    own = [other for table, other in same_column if table.name == measured]
    chosen = named[0] if len(named) == 1 else own[0] if not named and len(own) == 1 else name
    return _reached_of_the_same_head(chosen, semantic, measured) if chosen == name else chosen


def _reached_of_the_same_head(name: str, semantic: SemanticModel, measured: str) -> str:
    """ "Bookings made through each sales channel": the bookings' channel, when the model picked sales_channel of
    the extras bought later, a table the bookings cannot reach; one reached dimension whose name is the other's
    last words (or holds it whole), else unchanged."""
    owner = next((t for t, d in semantic.dimensions if d.name == name), None)
    reached = {t.lower() for t in reachable_tables(semantic, measured)} if measured else set()
    if owner is None or not reached or owner.name.lower() in reached:
        return name
    words = name.split("_")
    heads = [
        d.name
        for t, d in semantic.dimensions
        if t.name.lower() in reached
        and ((parts := d.name.split("_")) == words[-len(parts) :] or words == parts[-len(words) :])
    ]
    return heads[0] if len(heads) == 1 else name


def _role_said(question: str, table: LogicalTable) -> bool:
    """Whether the question says the role a table is read in ("picked up" of pickup_branches); a table read as
    itself plays none."""
    if table.base_table.table.lower() == table.name.lower():
        return False
    asked = set(_phrase_words(question))
    return any(_phrase_words(s)[:1] and _phrase_words(s)[0] in asked for s in table.synonyms)


def _table_nouns(table: LogicalTable) -> list[str]:
    return [singular(table.name).replace("_", " "), *table.synonyms]


def _group_named(words: str, semantic: SemanticModel) -> str | None:
    """The dimension "each sales region" or "each region in" names: its last word that names one, else None."""
    nouns = [w for w in words.split() if w.lower() not in QUESTION_STOPWORDS]
    return next((named for noun in reversed(nouns) if (named := _dimension_named(noun, semantic))), None)


def _dimension_named(noun: str, semantic: SemanticModel) -> str | None:
    """The dimension a single noun names ("products" -> product_name), by its name or a one-word synonym; a
    name-like one first ("carrier" -> carrier_name rather than carrier_type)."""
    ordered = sorted(semantic.dimensions, key=lambda pair: not _NAME_LIKE.search(pair[1].name))
    for _table, dimension in ordered:
        names = [dimension.name, *(s for s in dimension.synonyms if " " not in s)]
        if any(_phrase_words(name)[:1] == _phrase_words(noun)[:1] for name in names if _phrase_words(name)):
            return dimension.name
    # "Which 5 practitioners": the name of a practitioner, whatever its column is called (full_name).
    for table, dimension in ordered:
        if _NAME_LIKE.search(dimension.name) and _phrase_words(noun)[:1] == _phrase_words(singular(table.name))[:1]:
            return dimension.name
    return None


def _widest_named(question: str, name: str, semantic: SemanticModel) -> str:
    """The dimension whose name in the question holds this one's: "by product category" is the category
    (named "product category"), not the product (named "product")."""
    dimensions = {d.name: [d.name, *d.synonyms] for _t, d in semantic.dimensions}
    phrase = _named_phrase(question, dimensions[name])
    named = set(phrase)
    if not named:  # named by no words of its own ("each production line's": line_name), it is held by no other
        return _head_of_compound(question, name, [w for w in _phrase_words(name) if w != "name"], semantic)
    for other, names in dimensions.items():
        if other != name and named < set(_named_phrase(question, names)) and _grouped_by(question, names):
            return other
    return _head_of_compound(question, name, phrase, semantic)


def _head_of_compound(question: str, name: str, named: list[str], semantic: SemanticModel) -> str:
    """ "Each product category": the category, a dimension of the same table named by the next word, which the
    first only qualifies (not the product's name)."""
    table = next((t for t, d in semantic.dimensions if d.name == name), None)
    if table is None or not named:
        return name
    asked = _phrase_words(question)
    following = {asked[i + len(named)] for i in range(len(asked) - len(named)) if asked[i : i + len(named)] == named}
    for dimension in table.dimensions:
        names = [dimension.name, *(s for s in dimension.synonyms if " " not in s)]
        heads = {tuple(_phrase_words(n)) for n in names}
        if dimension.name != name and any((w,) in heads for w in following) and _grouped_by(question, names):
            return dimension.name
    return name


def _named_phrase(question: str, names: list[str]) -> list[str]:
    """The stems of the longest of the phrases the question names, or []."""
    asked = _phrase_words(question)
    named = [words for words in map(_phrase_words, names) if _words_between(words, asked) is not None]
    return max(named, key=len, default=[])


def _grouped_by(question: str, names: list[str]) -> bool:
    """Whether the question splits by one of the phrases: a grouping word ("by", "per", "each", "which",
    "top 3" ...) within three words before it. "How many orders did a customer place" does not group."""
    words = [_stem4(w) for w in words_in_order(question)]
    for name in names:
        phrase = _phrase_words(name)
        if not phrase:
            continue
        for start, word in enumerate(words):
            # in order ("service type") or the other way round with "of" ("type of service")
            if (word == phrase[0] and set(phrase) <= set(words[start : start + len(phrase) + 2])) or (
                word == phrase[-1]
                and len(phrase) > 1
                and set(phrase) <= set(words[start : start + len(phrase) + 1])
                and "of" in words[start : start + len(phrase) + 1]
            ):
                before = words[max(0, start - 3) : start]
                # one word after "with" or "for" is what rows are with or for ("placed with our suppliers"), no split
                grouping = _GROUPING - {"with", "for"} if len(phrase) == 1 else _GROUPING
                if any(w in grouping for w in before) or any(w.isdigit() for w in before):
                    return True
    return False


def _joined_tables_words(sql: str, semantic: SemanticModel, dialect: str) -> set[str]:
    """The nouns of the tables the compiled query joins: "tickets issued on bookings that used a promotion" speaks of
    the bookings the tickets reach their promotion through."""
    try:
        tables = sqlglot.parse_one(sql, read=dialect).find_all(exp.Table)
        joined = {(t.alias or t.name).lower() for t in tables}
    except sqlglot.errors.ParseError:
        return set()
    return {
        w for t in semantic.tables if t.name.lower() in joined for noun in _table_nouns(t) for w in _phrase_words(noun)
    }


def _uncovered_words(
    question: str, request: Request, semantic: SemanticModel, warehouse: Warehouse, time_dimension: str
) -> set[str]:
    """Words of the question that name a table or column of the warehouse but no part of the request: the
    question asks about something ("their revenue target") the compiled answer would leave out; and a word
    that qualifies what is measured ("successful payments", "refunded orders") that no part of it explains."""
    try:
        schema = warehouse.schema()
    except WarehouseError:
        return set()
    schema_words = {
        w for t in schema.tables for name in (t.name, *(c.name for c in t.columns)) for w in _phrase_words(name)
    }
    # A gloss explains the kept value, never what is counted: "order lines were returned" counts no orders.
    glossed = _value_glosses(request, semantic, schema) - counted_words(question)
    covered = _covered_stems(request, semantic, time_dimension) | glossed
    covered |= _included_and_defined(question, covered)
    covered |= _taken_before_apart(question, request, semantic)
    covered |= _verbs_of_measured(question, request, semantic)
    measured = next((t.name for t, m in semantic.metrics if m.name == request.metric), "")
    if time_dimension and date_of_rows_held(question, semantic, reachable_tables(semantic, measured)) == time_dimension:
        covered |= set(_phrase_words(HELD_WORDS))  # "events that took place in 2025": on the events' date
    covered |= _modifiers_of_split(question, request, semantic)
    unsaid = _BROKEN_DOWN.sub(" ", without_waived(question))  # "broken down by plant" speaks of no downtime
    unstopped = " ".join(w for w in words_in_order(unsaid) if w not in QUESTION_STOPWORDS)
    asked = {w for w in _phrase_words(unstopped) if w not in _QUESTION_WORDS}  # "from" is no valid_from
    shared = {stem for stem in asked & schema_words if stem not in covered} - _subjects(question, request, semantic)
    shared -= _ours_reached(question, request, semantic)
    qualifiers = _qualifiers_of_measured(question, request, semantic, covered)
    if not shared:
        return qualifiers
    # Stems are 4 letters: "change" is not "channel". A word names a column when one of the two, singular,
    # begins the other ("shipped" and "ship", "returning" and "returns", "reps" and "sales_reps").
    named = (name for t in schema.tables for name in (t.name, *(c.name for c in t.columns)))
    names = {singular(w) for name in named for w in words_in_order(name)}
    return qualifiers | {
        stem
        for stem in shared
        for word in words_in_order(question)
        if word.startswith(stem) and any(_same_word(singular(word), name) for name in names if name[:3] == stem[:3])
    }


def _included_and_defined(question: str, covered: set[str]) -> set[str]:
    """The words of a clause saying what the amount includes, where the definition says it holds one of them:
    "sales tax included" of an amount defined as "subtotal + tax_amount"."""
    found: set[str] = set()
    for clause in _INCLUDED.finditer(question):
        stems = set(_phrase_words(clause.group(1) or clause.group(2)))
        if stems & covered:
            found |= stems
    return found


_TAKEN_BEFORE = re.compile(r"^\W*(?:before|net\s+of|exclusive\s+of)\b", re.I)


def _taken_before_apart(question: str, request: Request, semantic: SemanticModel) -> set[str]:
    """The words of "before any rent credits and late fees" where each names a column of the measured rows that
    the measure does not read: the rent amount is taken before them. So does "before refunds" where the refunds
    are a table of their own that the measure does not read. Not where the measure reads one of them (a total
    that adds the late fee, or subtracts the refunds, is no amount before it)."""
    found = next(((t, m) for t, m in semantic.metrics if m.name == request.metric), None)
    if found is None:
        return set()
    table, metric = found
    read = set(_phrase_words(metric.expr))
    columns = {w for d in table.dimensions + table.facts for w in _phrase_words(d.expr)}
    others = {w for t in semantic.tables if t.name != table.name for w in _phrase_words(t.name)}
    apart = (columns | others) - read
    taken: set[str] = set()
    for clause in _NOT_MEASURED.finditer(question):
        # to the clause's end: "before any rent credits and late fees"
        words = re.split(r"[,.;:?!()]", question[clause.start() :])[0]
        stems = set(_phrase_words(_TAKEN_BEFORE.sub("", words))) - {"any", "the", "all", "and"}
        if stems & apart and stems <= apart | read:
            taken |= stems
    return taken


# "How much gas did our customers use", "did patients attend": the doers of what is measured, no condition on it.
_SUBJECT = re.compile(
    r"\b(?:did|do|does)\s+(?:our\s+|the\s+|all\s+)?([a-z]+)\s+(?!(?:who|that|which|whose|with|in|from|at|of|on)\b)"
    r"[a-z]+",
    re.I,
)


_COUNTS_ROWS = re.compile(r"COUNT\((?:\*|DISTINCT\s+[\w.]+|[\w.]+)\)", re.I)


def _subjects(question: str, request: Request, semantic: SemanticModel) -> set[str]:
    """Stems of the tables a question names only as the bare subject of its verb, where the measured rows reach
    them and the verb is what is measured: "did our customers use" adds nothing to kWh used (a customer's
    readings are all customers' readings), while "did business customers use" or "did customers who left use"
    qualify them and are not read here, nor is the subject of a count's verb."""
    table, metric = next(((t, m) for t, m in semantic.metrics if m.name == request.metric), (None, None))
    if table is None or metric is None or _COUNTS_ROWS.fullmatch(metric.expr.strip()):
        return set()  # "how many appointments did patients attend": the verb is a condition ('Attended') on a count
    return _reached_tables_called(table, {found.group(1) for found in _SUBJECT.finditer(question)}, semantic)


# "The purchase orders we placed with our suppliers", "money we refunded to customers": all of them.
_WITH_OURS = re.compile(r"\b(?:with|to|from)\s+(?:our\s+)?([a-z]+)\b", re.I)


def _ours_reached(question: str, request: Request, semantic: SemanticModel) -> set[str]:
    """Stems of the tables the measured rows reach that the question names only as "with/to/from our X", which
    picks none of them out."""
    table = next((t for t, m in semantic.metrics if m.name == request.metric), None)
    if table is None:
        return set()
    return _reached_tables_called(table, {found.group(1) for found in _WITH_OURS.finditer(question)}, semantic)


# "The tickets sold", "orders we took", "how many tickets did we sell": the act that made the measured rows.
_DOERS = {"we", "they", "you"}
_AUXILIARIES = {"did", "do", "does", "have", "has", "had"}
_PASSIVE = {"were", "was", "are", "is"}  # "how many tickets were sold"


def _verbs_of_measured(question: str, request: Request, semantic: SemanticModel) -> set[str]:
    """Stems of the verb the question puts right after the measured rows' noun ("tickets sold", "tickets we sold",
    "tickets were sold", "tickets did we sell") when it names no table and nothing of the measured rows or the rows
    they reach (no column, no stored value): it says how the rows came to be, no condition on them. "Tickets
    refunded" (a stored status) and "tickets scanned" (a table of scans) are conditions and stay uncovered."""
    table = next((t for t, m in semantic.metrics if m.name == request.metric), None)
    if table is None:
        return set()
    nouns = {_row_noun(table.name), *(singular(s.lower()) for s in table.synonyms)}
    words = words_in_order(without_waived(question))
    verbs = set()
    for i, word in enumerate(words):
        if singular(word) not in nouns:
            continue
        after = words[i + 1 : i + 4]
        if after[:1] and after[0] in _AUXILIARIES and after[1:2] and after[1] in _DOERS:
            after = after[2:]
        elif after[:1] and after[0] in _DOERS | _PASSIVE:
            after = after[1:]
        if after and after[0].isalpha() and len(after[0]) >= 3 and after[0] not in QUESTION_STOPWORDS:
            verbs.add(after[0])
    if not verbs:
        return set()
    reached = {name.lower() for name in reachable_tables(semantic, table.name)}
    tables = [t for t in semantic.tables if t.name.lower() in reached]
    fields = [f for t in tables for f in t.dimensions + t.time_dimensions + t.facts]
    # A table read in a role names the role ("seller_customers"): a word of it names a table only where it is reached.
    itself = [t for t in semantic.tables if t.name.lower() == t.base_table.table.lower() or t.name.lower() in reached]
    named = {w for t in itself for text in (t.name, *t.synonyms) for w in _phrase_words(text)}
    named |= {w for f in fields for text in (f.name, f.expr, *f.synonyms, *f.sample_values) for w in _stems(text)}
    return {stem for verb in verbs for stem in _phrase_words(verb) if stem not in named}


_SPLIT_COMPOUND = re.compile(r"\b(?:each|by|per|every)\s+([a-z]+)\s+([a-z]+)", re.I)


def _modifiers_of_split(question: str, request: Request, semantic: SemanticModel) -> set[str]:
    """The stem of the word that qualifies a split's noun ("each sales channel" of the orders' channel), where it
    is no stored value and no table's noun: "each cancelled event" keeps only the cancelled ones, not a split."""
    split = [d for _t, d in semantic.dimensions if d.name in request.group_by]
    heads = {w for d in split for text in (d.name, *d.synonyms) for w in _phrase_words(text)}
    values = {w for _t, d in semantic.dimensions for v in d.sample_values for w in _phrase_words(v)}
    nouns = {w for t in semantic.tables for text in (t.name, *t.synonyms) for w in _phrase_words(text)}
    return {
        stem
        for found in _SPLIT_COMPOUND.finditer(question)
        if set(_phrase_words(found.group(2))) & heads
        for stem in _phrase_words(found.group(1))
        if stem not in values | nouns | heads
    }


def _reached_tables_called(table: LogicalTable, nouns: set[str], semantic: SemanticModel) -> set[str]:
    """Stems of the tables `table` reaches without multiplying its rows whose last word is one of the nouns."""
    called = {singular(noun.lower()) for noun in nouns}
    reached = {name.lower() for name in reachable_tables(semantic, table.name)}
    return {stem for name in reached if singular(name.split("_")[-1]) in called for stem in _phrase_words(name)}


def _label(description: str) -> str:
    """The few words a description opens with as a label: "Cause of loss" of "Cause of loss: 'Fire', ..."."""
    label, colon, _rest = description.partition(":")
    return label if colon and len(label.split()) <= 4 else ""


def _opening(description: str) -> str:
    """What a table's description says all its rows are, before its first pause, if in a few words: "Payments
    received from tenants" of "Payments received from tenants, one row per payment, ..."."""
    opening = re.split(r"[,.;:(]", description or "", maxsplit=1)[0]
    return opening if len(opening.split()) <= 7 else ""


def _value_glosses(request: Request, semantic: SemanticModel, schema: Schema) -> set[str]:
    """The words a column's comment explains a kept value with: "'Settled' (closed with a payment)" covers
    "claims we settled with a payment"."""
    glossed: set[str] = set()
    for table, dimension in semantic.dimensions:
        kept = request.values.get(dimension.name, ())
        for value, gloss in _glosses(table, dimension, schema) if kept else ():
            if value in kept:
                glossed |= set(_phrase_words(gloss))
    return glossed


_GLOSS = re.compile(r"'([^']+)'\s*\(([^)]*)\)")  # "'Completed' (took place)" of a column's comment


def _glosses(table: LogicalTable, dimension: Field, schema: Schema) -> list[tuple[str, str]]:
    """(value, gloss) of each stored value the dimension's column comment explains in parentheses."""
    stored = schema.table(table.base_table.table)
    column = stored.column(dimension.expr.strip('"`[]')) if stored else None
    return _GLOSS.findall(column.comment or "") if column else []


_IN_PERCENT = {"share", "growth", "retention"}  # the analyses whose answer has a % column


# What makes a value a predicate of the counted rows: "seats (that) were Returned", "ended up being Returned".
_PREDICATE = {"were", "was", "is", "are", "got", "get", "gets", "being", "been", "became", "become", "ended"}


def _value_said_after_rows(question: str, request: Request, semantic: SemanticModel) -> bool:
    """Whether a count's kept value of the measured rows' own column is said of them as a predicate after their
    noun ("seats ... were Returned", "ended up being Returned"): it says what the counted part of them is. Before
    the noun ("Returned seats"), or after it as a mere participle ("work orders completed in 2025"), it says which
    rows count."""
    table, metric = next(((t, m) for t, m in semantic.metrics if m.name == request.metric), (None, None))
    if table is None or metric is None or not _COUNTS_ROWS.fullmatch(metric.expr.strip()):
        return False
    words = [w.lower() for w in words_in_order(question)]
    noun = _row_noun(table.name)
    first = next((i for i, w in enumerate(words) if singular(w) == noun), None)
    if first is None:
        return False
    own = {d.name for d in table.dimensions}
    for name, values in request.values.items():
        for value in values if name in own else ():
            said = [w.lower() for w in words_in_order(value)]
            at = next((i for i in range(len(words)) if said and words[i : i + len(said)] == said), None)
            if at is not None and at > first and _PREDICATE & set(words[max(first, at - 3) : at]):
                return True
    return False


def _with_glossed_values(question: str, request: Request, semantic: SemanticModel, warehouse: Warehouse) -> Request:
    """The request keeping the stored value that the question names by the words the column's comment explains
    it with: "events that took place" keep 'Completed' of "'Completed' (took place), 'Cancelled', ...". Only of the
    measured rows and the rows they reach, a gloss of two words or more said as such, one value a column, and
    not where the question names a value of that column itself."""
    measured = next((t.name for t, m in semantic.metrics if m.name == request.metric), "")
    reached = {name.lower() for name in reachable_tables(semantic, measured)} if measured else set()
    try:
        schema = warehouse.schema()
    except WarehouseError:
        return request
    asked = _phrase_words(_content(question))
    values = dict(request.values)
    for table, dimension in semantic.dimensions:
        if table.name.lower() not in reached or dimension.name in values or dimension.name in request.excluded:
            continue
        said = [
            value
            for value, gloss in _glosses(table, dimension, schema)
            if not _NEGATION.search(gloss)  # "'Open' (not shipped by 2025-12-31)" is no order shipped in 2025
            and len(words := _phrase_words(_content(gloss))) >= 2
            and _words_between(words, asked) == 0
        ]
        if len(said) == 1:
            values[dimension.name] = (said[0],)
    return replace(request, values=values)


def _content(text: str) -> str:
    """The words of the text but the question's stopwords and numbers: "at the venue" is one word of content."""
    return " ".join(w for w in words_in_order(text) if w not in QUESTION_STOPWORDS and w.isalpha())


_NEGATION = re.compile(r"\b(?:not|never|no|none|without|un(?!der|til|it)\w+)\b|n't\b", re.I)


def _covered_stems(request: Request, semantic: SemanticModel, time_dimension: str) -> set[str]:
    """The word stems the request's parts explain: its metric, dimensions, dates, filters, values and entity."""
    covered: set[str] = set()
    for table, metric in semantic.metrics:
        if metric.name in (request.metric, *request.also):
            # The metric's own table too: kWh used is read on meter readings ("every meter with a reading").
            # And what its description says every row is: "Rental units, one row per unit" covers "rental units".
            covered |= {
                w
                for text in (metric.name, metric.description, metric.expr, *metric.synonyms, table.name)
                for w in _phrase_words(text)
            } | set(_phrase_words(_opening(table.description)))
    for table, item in [*semantic.dimensions, *semantic.time_dimensions]:
        if item.name in (*request.group_by, *request.values, *request.excluded) or item.name == time_dimension:
            # "customer industry" is the industry dimension: its table's name is part of it; and "cause of loss"
            # is the cause, as its comment's label says ("Cause of loss: 'Water damage', 'Storm', ...").
            names = (item.name, item.expr, *item.synonyms, table.name, _label(item.description))
            names += (_opening(table.description),)  # "each city we manage": "Buildings we manage, one row per..."
            names += _keys_to(table.name, request, semantic)  # "by their home club": members.home_club_id
            covered |= {w for text in names for w in _phrase_words(text)}
    for _table, item in semantic.filters:
        if item.name in request.filters:  # and the columns it reads: "shipped on or before the date we promised"
            covered |= {w for text in (item.name, item.expr, *item.synonyms) for w in _phrase_words(text)}
    named_values = (*request.values.values(), *request.excluded.values())
    covered |= {w for values in named_values for v in values for w in _phrase_words(v)}
    covered |= _CALENDAR
    if request.analysis in _IN_PERCENT or request.rate:  # "each city's percentage of the total": the share's %
        covered.add("perc")
    measured = next((t for t, m in semantic.metrics if m.name == request.metric), None)
    began = began_on(measured) if measured is not None else None
    if began is not None and began.name == time_dimension:  # "new members in 2025": those who joined in 2025
        covered.add("new")
    if request.per != "none":
        covered |= set(_phrase_words(request.per))
        entity = semantic.table(request.per)
        activity = activity_of(entity, semantic) if entity and request.analysis == "retention" else None
        if activity is not None:  # "customers who ordered": the orders are what retention is read on
            covered |= {w for text in (activity.table.name, *activity.table.synonyms) for w in _phrase_words(text)}
    return covered


def _keys_to(table_name: str, request: Request, semantic: SemanticModel) -> tuple[str, ...]:
    """The measured table's columns that point at the table ("home_club_id" of members to clubs)."""
    measured = next((t.name for t, m in semantic.metrics if m.name == request.metric), "")
    return tuple(
        left
        for r in semantic.relationships
        if r.left_table.lower() == measured.lower() and r.right_table.lower() == table_name.lower()
        for left, _right in r.columns
    )


_NOT_A_QUALIFIER = re.compile(
    rf"^(?:{_HIGHEST.pattern}|{_LOWEST.pattern}|{'|'.join(MONTHS)}|these|those|their|total\w*)$", re.I
)


def _qualifiers_of_measured(question: str, request: Request, semantic: SemanticModel, covered: set[str]) -> set[str]:
    """The word right before the noun of the measured table ("successful payments", "refunded orders") when
    nothing of the request explains it: the compiled query would count every payment, every order."""
    table = next((t for t, m in semantic.metrics if m.name == request.metric), None)
    if table is None:
        return set()
    noun = _row_noun(table.name)
    words = words_in_order(without_waived(question))
    return {
        before
        for before, word in zip(words, words[1:], strict=False)
        if singular(word) == noun
        and len(before) >= 4
        and before.isalpha()
        and before not in QUESTION_STOPWORDS
        and _stem4(before) not in covered | _QUESTION_WORDS
        and not _NOT_A_QUALIFIER.match(before)
    }


def _same_word(one: str, other: str) -> bool:
    return one.startswith(other) or other.startswith(one)


def _values_named(hints: list[ValueHint], semantic: SemanticModel, question: str) -> dict[str, tuple[str, ...]]:
    """Stored values the question names, by the dimension that is their plain column."""
    found: dict[str, tuple[str, ...]] = {}
    taken: set[str] = set()
    for hint in sorted(hints, key=lambda h: not _named_dimension(h, semantic, question)):
        if hint.value.lower() in taken:  # one value, one dimension: the one the question names, else the first
            continue
        if _qualifies_another_dimension(hint, semantic, question) or _names_the_whole_table(hint, semantic, question):
            continue
        holding = [
            dimension
            for table, dimension in semantic.dimensions
            if table.base_table.table.lower() == hint.table.lower() and dimension.expr.lower() == hint.column.lower()
        ]
        # One column read in several roles (origin and destination airports): the role the question names.
        named = sorted(
            (d for d in holding if mentions(question, [d.name, *d.synonyms])),
            key=lambda d: -_named_phrase_length(question, [d.name, *d.synonyms]),
        )
        if dimension := (named or holding or [None])[0]:
            found[dimension.name] = (*found.get(dimension.name, ()), hint.value)
            taken.add(hint.value.lower())
    return found


def _named_phrase_length(question: str, names: list[str]) -> int:
    """How many words of the longest of the names the question says ("destination city" over "city")."""
    asked = _phrase_words(question)
    return max((len(p) for p in map(_phrase_words, names) if _words_between(p, asked) is not None), default=0)


def _names_the_whole_table(hint: ValueHint, semantic: SemanticModel, question: str) -> bool:
    """ "Café and shop sales" of a table described as "Sales at the clubs' cafés and shops": the kinds its description
    says all its rows are, named together, pick none of them out ('Café' alone would)."""
    table = next((t for t in semantic.tables if t.base_table.table.lower() == hint.table.lower()), None)
    scope = set(_phrase_words(re.split(r"[,.;:(]", table.description or "", maxsplit=1)[0])) if table else set()
    value = set(_phrase_words(hint.value))
    if not value or not value <= scope:
        return False
    for pair in re.finditer(r"\b([a-zà-ÿ'-]+)\s+(?:and|or|&)\s+([a-zà-ÿ'-]+)", question, re.I):
        words = [set(_phrase_words(word)) for word in pair.groups()]
        if any(value <= w for w in words) and all(w and w <= scope for w in words):
            return True
    return False


def _qualifies_another_dimension(hint: ValueHint, semantic: SemanticModel, question: str) -> bool:
    """ "In each sales region": "sales" names the region, not the stored acquisition channel 'Sales'. A value
    right before a word naming another column's dimension (not a table: "Enterprise accounts" is a value). And
    "flights scheduled to depart in 2025" names the scheduled_departure date, not the status 'Scheduled'."""
    value = _phrase_words(hint.value)
    for _table, dated in semantic.time_dimensions:
        named = _phrase_words(dated.name)
        if value and named[: len(value)] == value and len(named) > len(value) and mentions(question, [dated.name]):
            return True
    following = re.search(rf"\b{re.escape(hint.value)}\s+([a-z]+)", question, re.I)
    if following is None:
        return False
    noun = following.group(1).lower()
    if any(singular(noun) == _row_noun(table.name) for table in semantic.tables):
        return False
    named = _dimension_named(noun, semantic)
    dimension = next((d for _t, d in semantic.dimensions if d.name == named), None)
    if dimension is not None:
        return dimension.expr.lower() != hint.column.lower()
    # "The average performance rating": a measured column of another table ('Performance' is a reason for leaving).
    return any(
        t.base_table.table.lower() != hint.table.lower() and _phrase_words(f.name)[-1:] == _phrase_words(noun)
        for t in semantic.tables
        for f in t.facts
    )


def _named_dimension(hint: ValueHint, semantic: SemanticModel, question: str) -> bool:
    for table, dimension in semantic.dimensions:
        if table.base_table.table.lower() == hint.table.lower() and dimension.expr.lower() == hint.column.lower():
            return mentions(question, [dimension.name, *dimension.synonyms])
    return False


def _only_one_value(dimension: str, values: dict[str, tuple[str, ...]]) -> bool:
    """Grouping by a dimension the question pins to one value ("revenue in Europe") adds nothing."""
    return len(values.get(dimension, ())) == 1


def _grain_named(question: str) -> str:
    """The finest time grain the question splits by ("each month of 2024", "quarterly"); "year-to-date" and
    "last year" are no grain."""
    text = re.sub(r"\b(?:year|month|quarter)[- ]to[- ]date\b", " ", without_relative_periods(question), flags=re.I)
    return next((grain for grain in ("day", "week", "month", "quarter", "year") if _asks_per(text, grain)), "none")


def _asks_per(question: str, grain: str) -> bool:
    """ "each month", "per quarter", "by check-in month", "month by month", "daily"; "by invoice date" says which
    date to count by, not one row per day, so a date is a grain only as itself ("by date")."""
    words = set(words_in_order(question))
    if grain + "ly" in words or (grain == "day" and "daily" in words) or (grain == "year" and "annually" in words):
        return True
    if _SPLIT_BY[grain].search(question):
        return True
    return bool(_OVER_TIME_ONLY.search(question)) and bool(words & set(_TIME_WORDS[grain]) - {"date"})


def _ranking(question: str, request: Request, grouped: bool) -> tuple[str, int]:
    if not grouped:
        return "none", 0
    if number := _NUMBER.search(question):
        word = next(group for group in number.groups() if group).lower()
        limit = _NUMBER_WORDS.get(word) or int(word)
        # "which 3 stores sold the least": the ranking word stands elsewhere in the question.
        ranked_by = question if number.group(3) else number.group(0)
        return ("asc" if _LOWEST.search(ranked_by) else "desc"), limit
    if _LOWEST.search(question):
        return "asc", 1 if _ONE.search(question) else 0
    if _HIGHEST.search(question):
        return "desc", 1 if _ONE.search(question) else 0
    return ("desc" if request.order != "none" else "none"), 0
