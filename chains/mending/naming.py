"""A column the question does not name, where a column of the same query's tables is the one it names.

"The document with description containing 'w'" written `WHERE paragraphs.paragraph_text LIKE '%w%'` (a
paragraph's text, named nowhere in the question) where documents, joined already, has `document_description`
(both words in the question); "the description of the document" written as the joined template type's
`template_type_description` ("type" named nowhere) where documents has `document_description`.

Only a column shown, or matched with LIKE, never a key; the named column must be the only one of its kind
(same type family, every word of its name in the question, not read by the query yet), and for a column
whose name the question partly names, it must end in the same word, and the question must put one of its
other words nearer that word ("description for document", not "descriptions for templates").

A query that shows only the column it compares with the question's value ("Describe the section h" written
`SELECT section_name FROM sections WHERE section_name = 'h'`) answers with that value again: the column
shown instead is the one unread column of its tables whose last word the question says (`section_description`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from chains.words import PREFIX, words_in_order
from connectors.joins import conjuncts, ordered_sources, same_column, source_of
from connectors.schema import Column, Schema, Table

_ARTICLES = {"the", "a", "an"}
_NAME_WORDS = {"name", "title"}  # cut as _words cuts them, below
_WHICH = re.compile(r"\b(?:which|what)\s+(\w+)", re.IGNORECASE)


def repair_unnamed_columns(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL with each such column replaced by the one the question names, or None when there is none."""
    try:
        tree = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    said = _words(question)
    changed = False
    for select in list(tree.find_all(exp.Select)):
        sources = ordered_sources(select, schema)
        read = {c.name.lower() for c in tree.find_all(exp.Column)}
        for column in _shown_or_matched(select):
            owner = source_of(column, sources)
            stored = owner[1].column(column.name) if owner else None
            if owner is None or stored is None or owner[1].is_key(stored.name):
                continue
            if _names_the_item_asked_for(stored, owner[1], question):
                continue
            named = _named_instead(stored, sources, said, read)
            if named is not None:
                alias, replacement = named
                column.replace(exp.column(replacement.name, table=alias if column.table or len(sources) > 1 else None))
                read.add(replacement.name.lower())
                changed = True
    return tree.sql(dialect=schema.dialect) if changed else None


def repair_echoed_filters(sql: str, schema: Schema, question: str) -> str | None:
    """The SQL showing the column the question asks about where it shows only the value it filters by, or None."""
    try:
        select = sqlglot.parse_one(sql, read=schema.dialect)
    except SqlglotError:
        return None
    where = select.args.get("where") if isinstance(select, exp.Select) else None
    if where is None or len(select.expressions) != 1 or not isinstance(select.expressions[0], exp.Column):
        return None
    shown: exp.Column = select.expressions[0]
    echoed = any(
        isinstance(c, exp.EQ)
        and isinstance(c.expression, exp.Literal)
        and isinstance(c.this, exp.Column)
        and same_column(c.this, shown)
        for c in conjuncts(where.this)
    )
    if not echoed:
        return None
    sources = ordered_sources(select, schema)
    said = set(_words(question))
    read = {c.name.lower() for c in select.find_all(exp.Column)}
    found = _the_one_unread(sources, read, lambda column: _words(column.name)[-1] in said)
    if found is None:
        return None
    alias, column = found
    shown.replace(exp.column(column.name, table=alias if shown.table or len(sources) > 1 else None))
    return select.sql(dialect=schema.dialect)


def _shown_or_matched(select: exp.Select) -> list[exp.Column]:
    """Columns shown as they are (not inside a function), and columns matched against a text pattern (LIKE);
    a column compared with an exact value is left to the stored values (repairs.py)."""
    shown = [s.this if isinstance(s, exp.Alias) else s for s in select.expressions]
    found = [c for c in shown if isinstance(c, exp.Column)]
    where = select.args.get("where")
    for match in where.find_all(exp.Like, exp.ILike) if where else ():
        if match.find_ancestor(exp.Select) is select and isinstance(match.this, exp.Column):
            found.append(match.this)
    return found


def _names_the_item_asked_for(stored: Column, table: Table, question: str) -> bool:
    """Whether the column is the table's name or title and the question asks "which <table>": the name is how
    the item asked for is shown ("Which course has ..." shows course.name, not a column the question says)."""
    if not set(_words(stored.name)) <= {_words(word)[0] for word in _NAME_WORDS}:
        return False
    asked = {_words(noun)[0] for noun in _WHICH.findall(question) if _words(noun)}
    return bool(asked & set(_words(table.name)))


def _named_instead(
    stored: Column, sources: list[tuple[str, Table]], said: list[str], read: set[str]
) -> tuple[str, Column] | None:
    words = _words(stored.name)
    if not words or set(words) <= set(said):
        return None
    unnamed = not set(words) & set(said)
    return _the_one_unread(
        sources,
        read,
        lambda column: (
            column.is_numeric == stored.is_numeric
            and set(_words(column.name)) <= set(said)
            and (unnamed or _closer(column.name, stored.name, said))
        ),
    )


def _the_one_unread(
    sources: list[tuple[str, Table]], read: set[str], fits: Callable[[Column], bool]
) -> tuple[str, Column] | None:
    """(alias, column) of the one column of the sources that the query does not read, is no key, has a name of
    words, and fits; None when there is none or more than one."""
    candidates = [
        (alias, column)
        for alias, table in sources
        for column in table.columns
        if column.name.lower() not in read and not table.is_key(column.name) and _words(column.name) and fits(column)
    ]
    return candidates[0] if len(candidates) == 1 else None


def _closer(named: str, unnamed: str, said: list[str]) -> bool:
    """Whether both names end in the same word and the question puts a word of `named` nearer that word than any
    word of `unnamed` ("description for document" names document_description, not template_type_description)."""
    head = _words(named)[-1]
    if head != _words(unnamed)[-1]:
        return False
    return _reach(named, head, said) < _reach(unnamed, head, said)


def _reach(name: str, head: str, said: list[str]) -> float:
    """The fewest words between the head word and another word of the name, in the question."""
    heads = [i for i, word in enumerate(said) if word == head]
    others = [i for i, word in enumerate(said) if word in set(_words(name)) - {head}]
    return min((abs(h - o) for h in heads for o in others), default=float("inf"))


def _words(text: str) -> list[str]:
    """Every word of a name or question in order (stopwords included: "name" names `full_name`), cut to the
    first letters as chains/words.py cuts them; words under three letters kept whole, so distances count them,
    articles left out ("description for the document" is as near as "description for document")."""
    return [w[:PREFIX] if len(w) >= 3 else w for w in words_in_order(text) if w not in _ARTICLES]
