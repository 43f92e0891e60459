"""Ask instead of guess: a question whose key term has no definition and several plausible ones gets a short
question back, with choices the app can compute ("returning customers": ordered before the period, or more
than once in it; "how are we doing": by which measure).

The choices are built from the semantic model itself: an event table with a date (orders) that points to the
entity the term qualifies (customers). A choice becomes a named filter for that question, which an admin can
save into the model so the next person is not asked again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from semantic.activity import Activity, activity_of, began_on
from semantic.durations import distinctive_words
from semantic.spec import LogicalTable, NamedFilter, SemanticModel

_STATUS = re.compile(r"\b(returning|repeat|loyal|new|first[- ]time)\s+([a-z]+)", re.I)
_VAGUE = re.compile(
    r"\b(?:how (?:are|were|is|was|did) (?:we|things|business|sales|the business) (?:doing|going|do)\b|"
    r"how(?:'s| is) business\b|\bperformance\b|\bperforming\b|\bdoing well\b|\bkpis?\b)",
    re.I,
)
MAX_METRIC_CHOICES = 4


@dataclass(frozen=True)
class Choice:
    label: str
    definition: NamedFilter | None = None  # a filter added for this question...
    table: str = ""  # ...on this logical table
    metric: str = ""  # or the metric the vague question is about


@dataclass(frozen=True)
class Clarification:
    term: str
    prompt: str
    choices: tuple[Choice, ...]


def needs_clarifying(question: str, model: SemanticModel) -> Clarification | None:
    """A clarifying question for the first undefined key term, or None when the question is clear enough."""
    for match in _STATUS.finditer(question):
        status, noun = match.group(1).lower().replace(" ", "-"), match.group(2).lower()
        if _defined(f"{status} {noun}", model):
            continue
        entity = _entity_named(noun, model)
        activity = activity_of(entity, model) if entity else None
        if entity is None or activity is None or _stored_as_a_value(status, entity):
            continue
        if status == "new" and _says_when_they_began(question, entity):
            continue  # "new members ... count the members who signed up in 2025": the question says what new is
        choices = _status_choices(status, noun, entity, activity)
        if len(choices) > 1:
            return Clarification(
                term=f"{status} {noun}",
                prompt=f"“{status.capitalize()} {noun}” has no definition here yet. Which do you mean?",
                choices=tuple(choices),
            )
    if _VAGUE.search(question) and not _mentions_a_metric(question, model) and model.metrics:
        # Money first, then sums, then the rest: what "how are we doing" is most often about.
        ranked = sorted(
            (m for _t, m in model.metrics), key=lambda m: (not m.unit, not m.expr.upper().startswith("SUM"))
        )
        metrics = ranked[:MAX_METRIC_CHOICES]
        return Clarification(
            term="performance",
            prompt="Which measure should I look at?",
            choices=tuple(Choice(_metric_label(m.name, m.description), metric=m.name) for m in metrics),
        )
    return None


def _says_when_they_began(question: str, entity: LogicalTable) -> bool:
    """Whether the question names the date the entity began ("joined", "signed up" of join_date, "Date the member
    signed up"), so that "new" is already defined by it."""
    began = began_on(entity)
    if began is None:
        return False
    asked = {word[:4] for word in re.findall(r"[a-z]+", question.lower()) if len(word) >= 4}
    nouns = {w[:4] for w in re.findall(r"[a-z]+", entity.name.lower())}  # customer_since: "since", not "customer"
    own = [w for w in distinctive_words(began.name) if w[:4] not in nouns]
    said = [
        m.group(0).lower()
        for m in re.finditer(
            r"\b(?:signed up|joined|registered|enrolled|created|opened)\b", began.description or "", re.I
        )
    ]
    return any(w[:4] in asked for w in own if len(w) >= 4) or any(s.split()[0][:4] in asked for s in said)


def with_definition(model: SemanticModel, choice: Choice) -> SemanticModel:
    """The model with the choice's named filter added (for one question, or to save)."""
    if choice.definition is None:
        return model
    tables = tuple(
        replace(t, filters=(*t.filters, choice.definition)) if t.name == choice.table else t for t in model.tables
    )
    return replace(model, tables=tables)


# ------------------------------------------------------------------------------------------------------


def _defined(phrase: str, model: SemanticModel) -> bool:
    wanted = _stems(phrase)
    for _table, item in [*model.filters, *model.metrics]:
        for name in (item.name, *item.synonyms):
            if wanted <= _stems(name):
                return True
    return False


def _stored_as_a_value(status: str, entity: LogicalTable) -> bool:
    """The warehouse keeps the status itself: "new policies" where a policy's business type is 'New business'.
    The stored value is the definition (and the answer shows it as a filter)."""
    return any(status in value.lower().split() for item in entity.dimensions for value in item.sample_values)


def _stems(text: str) -> set[str]:
    return {w[:4] for w in re.findall(r"[a-z]+", text.lower().replace("_", " ")) if len(w) >= 3}


def _mentions_a_metric(question: str, model: SemanticModel) -> bool:
    asked = _stems(question)
    return any(_stems(name) and _stems(name) <= asked for _t, m in model.metrics for name in (m.name, *m.synonyms))


def _entity_named(noun: str, model: SemanticModel) -> LogicalTable | None:
    stem = noun[:4]
    for table in model.tables:
        names = (table.name, *table.synonyms)
        if len(table.primary_key) == 1 and any(_stems(n) & {stem} for n in names):
            return table
    return None


def _status_choices(status: str, noun: str, entity: LogicalTable, activity: Activity) -> list[Choice]:
    event, key, when = activity.table, activity.key, activity.date.expr
    source = _physical(event)
    things = _words(event.name)
    one_thing = things[:-1] if things.endswith("s") else things
    before = (
        f"{event.name}.{key} IN (SELECT earlier.{key} FROM {source} AS earlier WHERE earlier.{when} < {{period_start}})"
    )
    name = f"{status.replace('-', '_')}_{noun}"
    synonyms = (f"{status} {noun}",)
    if status in ("returning", "repeat", "loyal"):
        more_than_once = (
            f"{event.name}.{key} IN (SELECT again.{key} FROM {source} AS again WHERE again.{when} >= {{period_start}} "
            f"AND again.{when} < {{period_end}} GROUP BY again.{key} HAVING COUNT(*) > 1)"
        )
        return [
            _choice(f"{noun} who had {things} before the period", name, before, synonyms, event),
            _choice(f"{noun} with more than one {one_thing} in the period", name, more_than_once, synonyms, event),
        ]
    first_time = before.replace(" IN (", " NOT IN (", 1)
    choices = [_choice(f"{noun} whose first {one_thing} falls in the period", name, first_time, synonyms, event)]
    created = began_on(entity)
    if created is not None and len(entity.primary_key) == 1:
        joined = (
            f"{event.name}.{key} IN (SELECT created.{entity.primary_key[0]} FROM {_physical(entity)} AS created "
            f"WHERE created.{created.expr} >= {{period_start}} AND created.{created.expr} < {{period_end}})"
        )
        choices.append(
            _choice(f"{noun} whose {_words(created.name)} falls in the period", name, joined, synonyms, event)
        )
    return choices


def _choice(label: str, name: str, expr: str, synonyms: tuple[str, ...], table: LogicalTable) -> Choice:
    return Choice(label, NamedFilter(name, expr, label, synonyms), table.name)


def _metric_label(name: str, description: str) -> str:
    return _words(name) + (f" ({description.rstrip('.')})" if description else "")


def _physical(table: LogicalTable) -> str:
    return ".".join(p for p in (table.base_table.schema, table.base_table.table) if p)


def _words(name: str) -> str:
    return name.replace("_", " ")
