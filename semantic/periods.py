"""Calendar periods named in a question ("2024", "Q4 2024", "H1 vs H2 2025", "March 2025", "last year").

Read by rules, not by the model: a period is a date range the user can check, and the app states it in
the answer. Relative periods ("last year") count from `today`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october")
MONTHS += ("november", "december")
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NTH = r"(first|1st|second|2nd|third|3rd|fourth|4th|last)"
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}
_YEAR = r"((?:19|20)\d\d)"


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date  # exclusive

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month


def year(y: int) -> Period:
    return Period(str(y), date(y, 1, 1), date(y + 1, 1, 1))


def quarter(y: int, q: int) -> Period:
    return Period(f"Q{q} {y}", date(y, 3 * q - 2, 1), _month_start(y, 3 * q + 1))


def half(y: int, h: int) -> Period:
    return Period(f"H{h} {y}", date(y, 6 * h - 5, 1), _month_start(y, 6 * h + 1))


def month(y: int, m: int) -> Period:
    return Period(f"{MONTHS[m - 1].title()} {y}", date(y, m, 1), _month_start(y, m + 1))


def _month_start(y: int, m: int) -> date:
    return date(y + (m - 1) // 12, (m - 1) % 12 + 1, 1)


def previous(period: Period) -> Period:
    """The period of the same length just before (2024 for 2025, Q3 2025 for Q4 2025)."""
    months = period.months
    start = _month_start(period.start.year, period.start.month - months)
    label = _label_like(period, start, months)
    return Period(label, start, period.start)


def _label_like(period: Period, start: date, months: int) -> str:
    if months == 12 and start.month == 1:
        return str(start.year)
    if months == 6 and start.month in (1, 7):
        return f"H{1 + start.month // 7} {start.year}"
    if months == 3 and start.month % 3 == 1:
        return f"Q{(start.month + 2) // 3} {start.year}"
    if months == 1:
        return f"{MONTHS[start.month - 1].title()} {start.year}"
    return f"{start.isoformat()} to {period.start.isoformat()}"


# Each pattern yields (kind, numbers) in the order the question names them. A part with no year ("Q3 vs
# Q4 2025") takes the year of the next part that has one.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("quarter", re.compile(rf"\bq([1-4])(?:\s*(?:of\s+)?'?{_YEAR})?\b", re.I)),
    ("quarter_y", re.compile(rf"\b{_YEAR}\s*-?\s*q([1-4])\b", re.I)),
    ("quarter_w", re.compile(rf"\b{_NTH}\s+quarter(?:\s+of)?(?:\s+{_YEAR})?", re.I)),
    ("half", re.compile(rf"\bh([12])(?:\s*(?:of\s+)?{_YEAR})?\b", re.I)),
    ("half_w", re.compile(rf"\b(first|second|1st|2nd)\s+half(?:\s+of)?(?:\s+(?:the\s+)?(?:year\s+)?{_YEAR})?", re.I)),
    ("month", re.compile(rf"\b{_MONTH}\.?(?:\s+(?:of\s+)?{_YEAR})?\b", re.I)),
    ("year", re.compile(rf"\b{_YEAR}\b")),
)
_RELATIVE = re.compile(r"\b(last|previous|this|current)\s+(year|quarter|month)\b", re.I)
_MAY_AS_VERB = re.compile(r"\bmay\s+(?:i|we|you|be|have)\b", re.I)


def names_relative_period(question: str) -> bool:
    return bool(_RELATIVE.search(question))


def without_relative_periods(question: str) -> str:
    """The question with "last year", "this quarter" blanked: a period, not a time grain."""
    return _RELATIVE.sub(" ", question)


def periods_in(question: str, today: date | None = None) -> list[Period]:
    """Every period the question names, in the order it names them."""
    today = today or date.today()
    found: list[tuple[int, int, str, tuple[str | None, ...]]] = []
    taken: list[range] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(question):
            span = range(match.start(), match.end())
            if any(span.start in r or (span.stop - 1) in r for r in taken):
                continue
            if kind == "month" and (_MAY_AS_VERB.match(question, match.start()) or not _month_is_date(match)):
                continue
            taken.append(span)
            found.append((match.start(), match.end(), kind, match.groups()))
    for match in _RELATIVE.finditer(question):
        found.append((match.start(), match.end(), "relative", match.groups()))
    found.sort()
    parts = [(kind, groups, _build(kind, groups, today)) for _start, _end, kind, groups in found]
    periods: list[Period] = []
    for position, (kind, groups, built) in enumerate(parts):
        if built is None:  # "Q3 vs Q4 2025", "the first half of 2025 with the second half": a neighbour's year
            later = [p for _k, _g, p in parts[position + 1 :] if p is not None]
            earlier = [p for _k, _g, p in parts[:position] if p is not None]
            neighbour = later[0] if later else earlier[-1] if earlier else None
            built = _build(*_with_year(kind, groups, neighbour.start.year), today) if neighbour else None
        if built is not None:
            periods.append(built)
    return periods


def _month_is_date(match: re.Match[str]) -> bool:
    """ "march 2025", "in March", but not "mar" inside a word: full month names or a following year."""
    word = match.group(1).lower()
    return match.group(2) is not None or word in MONTHS


def _with_year(kind: str, groups: tuple[str | None, ...], y: int) -> tuple[str, tuple[str | None, ...]]:
    return kind, (*groups[:-1], str(y))


def _build(kind: str, groups: tuple[str | None, ...], today: date) -> Period | None:
    if kind == "relative":
        which, unit = groups[0].lower(), groups[1].lower()  # type: ignore[union-attr]
        current = {"year": year(today.year), "quarter": quarter(today.year, (today.month + 2) // 3)}.get(
            unit, month(today.year, today.month)
        )
        return current if which in ("this", "current") else previous(current)
    if groups[-1] is None and kind != "quarter_y":
        return None
    if kind == "year":
        return year(int(groups[0]))  # type: ignore[arg-type]
    if kind == "quarter":
        return quarter(int(groups[1]), int(groups[0]))  # type: ignore[arg-type]
    if kind == "quarter_y":
        return quarter(int(groups[0]), int(groups[1]))  # type: ignore[arg-type]
    if kind == "quarter_w":
        return quarter(int(groups[1]), _ORDINAL[groups[0].lower()])  # type: ignore[arg-type, union-attr]
    if kind == "half":
        return half(int(groups[1]), int(groups[0]))  # type: ignore[arg-type]
    if kind == "half_w":
        return half(int(groups[1]), min(_ORDINAL[groups[0].lower()], 2))  # type: ignore[arg-type, union-attr]
    if kind == "month":
        name = groups[0].lower()[:3]  # type: ignore[union-attr]
        return month(int(groups[1]), [m[:3] for m in MONTHS].index(name) + 1)  # type: ignore[arg-type]
    return None


def spanning(periods: list[Period]) -> Period | None:
    """One range from the first start to the last end ("from 2023 to 2025" as a whole)."""
    if not periods:
        return None
    if len(periods) == 1:
        return periods[0]
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    return Period(f"{periods[0].label} to {periods[-1].label}", start, end)
