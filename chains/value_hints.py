"""Match the literals of a question ('germany', 'Q4', a product name) to values stored in the warehouse,
so the model sees their exact spelling and which column holds them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from chains.stopwords import QUESTION_STOPWORDS
from connectors.values import ValueIndex

MAX_HINTS = 6
MAX_NGRAM_WORDS = 5
FUZZY_CUTOFF = 90
MIN_CHARS = 3
_WORDS = re.compile(r"[\w'&.-]+")
_QUOTED = re.compile(r"[\"“'‘]([^\"”'’]{2,60})[\"”'’]")
_COUNT_WORDS = r"\d+|two|three|four|five|six|seven|eight|nine|ten"
# "whether or not they have been paid", "paid or not", "whatever their status": the words name a value the
# question says NOT to filter on.
# "including policies that were later cancelled", "cancelled ones included": the rows of that value are kept
# among the others, not picked out.
_WAIVED = re.compile(
    r"\bwhether or not\b[^,.;:?!()]*|\b[\w'-]+\s+or\s+not\b|"
    r"\b(?:whatever|regardless of|irrespective of)\s+(?:(?:their|its|the)\s+)?[\w'-]+|"
    r"\bincluding\s+(?:[\w'-]+\s+){0,3}?(?:that|which|who)\s+(?:were|was|are|is|have been|had been|got)\s+"
    r"(?:later\s+|since\s+|then\s+|also\s+)?[\w'-]+|"
    r"\bincluding\s+(?:[\w'-]+\s+){0,3}?(?:later|since|then)\s+[\w'-]+|"  # "including tickets later refunded"
    r"\bincluding\s+(?:the\s+)?[\w'-]+\s+ones\b|\b[\w'-]+\s+ones\s+included\b|"
    # "across all three plants", "for all our suppliers": every one of them, none picked out.
    rf"\b(?:across|for|in|at|from|with)\s+all\s+(?:(?:the|our|its|their|{_COUNT_WORDS})\s+)*[\w'-]+|"
    rf"\ball\s+(?:{_COUNT_WORDS})\s+[\w'-]+|"
    # "residential, commercial and mixed-use buildings alike": every kind listed, none picked out.
    r"\b[\w'-]+(?:\s*,\s*[\w'-]+(?:\s+[\w'-]+)?)*,?\s+(?:and|or)\s+[\w'-]+(?:\s+[\w'-]+){0,2}?\s+alike\b",
    re.I,
)


def without_waived(question: str) -> str:
    """The question with what it waives blanked: "all invoices, paid or not" does not ask for paid ones."""
    return _WAIVED.sub(" ", question)


@dataclass(frozen=True)
class ValueHint:
    table: str
    column: str
    value: str

    def render(self) -> str:
        return f"{self.table}.{self.column} = '{self.value.replace(chr(39), chr(39) * 2)}'"


def find_value_hints(
    question: str,
    values: ValueIndex,
    limit: int = MAX_HINTS,
    tables: Iterable[str] = (),
    columns: Iterable[tuple[str, str]] = (),
) -> list[ValueHint]:
    """Stored values that the question seems to mention: exact (case-insensitive) first, then near misses.

    A value that is also the name of one of `tables` ('Carrier' stored in a responsibility column beside a
    carriers table) is no hint unless quoted: "each carrier's rate" names the table, and the hint sent the
    model to filter on the value instead (held-out logistics run: 5 of 19 wrong answers did so).

    Words that name one of `columns` (table, column) name no value: "the annual premium" is the column
    annual_premium, not payment_plan = 'Annual', and "each line of business" is line_of_business, not
    customer_type = 'Business'. A value that is a word of another column's name ('Premium' beside
    annual_premium) is a hint only where the question also names its table or column ("premium payments",
    "business customers"). On the insurance warehouse these words put a wrong filter into 9 of 20 questions."""
    quoted = {_normalize(q) for q in _QUOTED.findall(question)}
    columns = list(columns)
    asked = without_waived(question)
    question = _without_column_names(asked, columns, values)
    named = {form for table in tables for form in _name_forms(table)} - quoted
    columns_with_word: dict[str, set[tuple[str, str]]] = {}
    for table, column in columns:
        for word in column.lower().split("_"):
            columns_with_word.setdefault(word, set()).add((table, column))
    by_norm: dict[str, list[ValueHint]] = {}
    for (table, column), stored in values.items():
        for value in stored:
            norm = _normalize(value)
            if len(norm) < MIN_CHARS or norm in QUESTION_STOPWORDS or norm.replace(".", "").isdigit():
                continue
            if norm in named:
                continue
            in_other_column_name = columns_with_word.get(norm, set()) - {(table, column)}
            if in_other_column_name and norm not in quoted and not _names_table_or_column(asked, table, column):
                continue
            by_norm.setdefault(norm, []).append(ValueHint(table, column, value))
    if not by_norm:
        return []
    found: list[ValueHint] = []
    matched: list[str] = []  # phrases already explained by a longer match are not matched again
    for phrase in sorted(_phrases(question), key=len, reverse=True):
        if any(phrase in longer for longer in matched):
            continue
        if phrase in by_norm:
            found += by_norm[phrase]
            matched.append(phrase)
        elif len(phrase) >= 4 and len(found) < limit:
            best = process.extractOne(phrase, list(by_norm), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best:
                found += by_norm[best[0]]
                matched.append(phrase)
    return _unique(found)[:limit]


def render_hints(hints: list[ValueHint]) -> str:
    if not hints:
        return ""
    return "Stored values that match words of the question (use this exact spelling): " + "; ".join(
        h.render() for h in hints
    )


def _phrases(question: str) -> set[str]:
    words = [_normalize(w) for w in _WORDS.findall(question)]
    words = [w for w in words if w]
    phrases = {_normalize(q) for q in _QUOTED.findall(question)}
    for size in range(1, MAX_NGRAM_WORDS + 1):
        for start in range(len(words) - size + 1):
            gram = words[start : start + size]
            if gram[0] in QUESTION_STOPWORDS or gram[-1] in QUESTION_STOPWORDS:
                continue
            phrases.add(" ".join(gram))
    return {p for p in phrases if len(p) >= MIN_CHARS}


def _without_column_names(question: str, columns: list[tuple[str, str]], values: ValueIndex) -> str:
    """The question with the names of multi-word columns blanked, longest first, unless the name is itself a
    stored value ("new business" stored in business_type beside a new_business column)."""
    asked = {_normalize(w) for w in _WORDS.findall(question)}
    names = {column.lower() for _table, column in columns if "_" in column.strip("_")}
    asked |= {w[:-1] for w in asked if w.endswith("s")}
    names = {name for name in names if set(name.split("_")) - {""} <= asked}
    stored = {_normalize(v) for vals in values.values() for v in vals} if names else set()
    for name in sorted(names, key=len, reverse=True):
        words = [w for w in name.split("_") if w]
        if " ".join(words) in stored:
            continue
        pattern = r"\b" + r"[\s_-]+".join(re.escape(w) for w in words) + r"s?\b"
        question = re.sub(pattern, " ", question, flags=re.I)
    return question


def _names_table_or_column(question: str, table: str, column: str) -> bool:
    text = " " + " ".join(_normalize(w) for w in _WORDS.findall(question)) + " "
    forms = _name_forms(table) | {_normalize(column.replace("_", " "))}
    return any(f" {form} " in text for form in forms)


def _name_forms(table: str) -> set[str]:
    """A table's name as a question says it: "delivery_exceptions" -> delivery exceptions / delivery exception."""
    words = _normalize(table.replace("_", " "))
    forms = {words}
    if words.endswith("ies"):
        forms.add(words[:-3] + "y")
    elif words.endswith("s"):
        forms.add(words[:-1])
    return forms


def _normalize(text: str) -> str:
    return " ".join(text.lower().strip(" .,;:!?'\"()").split())


def _unique(hints: list[ValueHint]) -> list[ValueHint]:
    seen: set[ValueHint] = set()
    return [h for h in hints if not (h in seen or seen.add(h))]
