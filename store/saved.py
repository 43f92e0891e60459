"""Saved queries: keep a good answer, find it again, re-run it, verify it, pin it to the dashboard."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Row, func, or_, select, update

from store.tables import saved_queries as table

MAX_TITLE_CHARS = 300


class SavedQueryNotFound(LookupError):
    pass


@dataclass(frozen=True)
class SavedQuery:
    id: int
    title: str
    question: str
    sql: str
    connection: str
    author: str
    created_at: datetime
    updated_at: datetime
    chart: dict[str, Any] = field(default_factory=dict)
    verified: bool = False
    verified_by: str | None = None
    pin_position: int | None = None
    deleted_at: datetime | None = None

    @property
    def pinned(self) -> bool:
        return self.pin_position is not None


class SavedQueries:
    """Every change is one short transaction, so sessions and app instances saving at once never lose a row."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(
        self, *, title: str, question: str, sql: str, connection: str, author: str, chart: dict[str, Any] | None = None
    ) -> SavedQuery:
        now = _now()
        values = {
            "title": _title(title, question),
            "question": question.strip(),
            "sql": _required(sql, "SQL"),
            "chart": json.dumps(chart or {}),
            "connection": connection,
            "author": author,
            "created_at": now,
            "updated_at": now,
            "verified": False,
        }
        with self.engine.begin() as connection_:
            new_id = connection_.execute(table.insert().values(**values).returning(table.c.id)).scalar_one()
        return self.get(new_id)

    def get(self, query_id: int) -> SavedQuery:
        with self.engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.id == query_id)).first()
        if row is None:
            raise SavedQueryNotFound(f"There is no saved query number {query_id}.")
        return _from_row(row)

    def search(self, text: str = "", connection: str | None = None) -> list[SavedQuery]:
        """Not deleted, newest first; `text` matches title, question or SQL, ignoring case."""
        query = select(table).where(table.c.deleted_at.is_(None))
        if connection is not None:
            query = query.where(table.c.connection == connection)
        for word in text.split():
            needle = word.lower()
            query = query.where(
                or_(
                    *(
                        func.lower(c).contains(needle, autoescape=True)
                        for c in (table.c.title, table.c.question, table.c.sql)
                    )
                )
            )
        return self._all(query.order_by(table.c.updated_at.desc(), table.c.id.desc()))

    def rename(self, query_id: int, title: str) -> SavedQuery:
        return self._change(query_id, title=_required(title, "title")[:MAX_TITLE_CHARS])

    def update_sql(self, query_id: int, sql: str) -> SavedQuery:
        """New SQL un-verifies the query: what was checked was the old SQL."""
        return self._change(query_id, sql=_required(sql, "SQL"), verified=False, verified_by=None)

    def update_chart(self, query_id: int, chart: dict[str, Any]) -> SavedQuery:
        return self._change(query_id, chart=json.dumps(chart))

    def delete(self, query_id: int) -> SavedQuery:
        """Hidden from every list and the dashboard until `restore` (the undo) brings it back."""
        return self._change(query_id, deleted_at=_now())

    def restore(self, query_id: int) -> SavedQuery:
        return self._change(query_id, deleted_at=None)

    def set_verified(self, query_id: int, verified: bool, by: str) -> SavedQuery:
        return self._change(query_id, verified=verified, verified_by=by if verified else None)

    def verified(self, connection: str | None = None) -> list[SavedQuery]:
        query = select(table).where(table.c.verified.is_(True), table.c.deleted_at.is_(None))
        if connection is not None:
            query = query.where(table.c.connection == connection)
        return self._all(query.order_by(table.c.id))

    def pin(self, query_id: int) -> SavedQuery:
        """Put on the dashboard, last."""
        with self.engine.begin() as connection:
            last = connection.execute(select(func.max(table.c.pin_position))).scalar()
            changed = connection.execute(
                update(table)
                .where(table.c.id == query_id, table.c.pin_position.is_(None))
                .values(pin_position=(last or 0) + 1, updated_at=_now())
            ).rowcount
        if not changed:
            self.get(query_id)  # raises if it does not exist; otherwise it was already pinned
        return self.get(query_id)

    def unpin(self, query_id: int) -> SavedQuery:
        return self._change(query_id, pin_position=None)

    def pinned(self) -> list[SavedQuery]:
        query = select(table).where(table.c.pin_position.is_not(None), table.c.deleted_at.is_(None))
        return self._all(query.order_by(table.c.pin_position, table.c.id))

    def move(self, query_id: int, steps: int) -> list[SavedQuery]:
        """Move a pinned query `steps` places later (negative: earlier) on the dashboard; the new order."""
        order = [q.id for q in self.pinned()]
        if query_id not in order:
            raise SavedQueryNotFound(f"Saved query number {query_id} is not on the dashboard.")
        index = order.index(query_id)
        order.pop(index)
        order.insert(min(max(index + steps, 0), len(order)), query_id)
        with self.engine.begin() as connection:
            for position, pinned_id in enumerate(order, start=1):
                connection.execute(update(table).where(table.c.id == pinned_id).values(pin_position=position))
        return self.pinned()

    def _change(self, query_id: int, **values: Any) -> SavedQuery:
        with self.engine.begin() as connection:
            changed = connection.execute(
                update(table).where(table.c.id == query_id).values(**values, updated_at=_now())
            ).rowcount
        if not changed:
            raise SavedQueryNotFound(f"There is no saved query number {query_id}.")
        return self.get(query_id)

    def _all(self, query: Any) -> list[SavedQuery]:
        with self.engine.connect() as connection:
            return [_from_row(row) for row in connection.execute(query)]


def _from_row(row: Row) -> SavedQuery:
    values = row._asdict()
    values["chart"] = json.loads(values["chart"] or "{}")
    for name in ("created_at", "updated_at", "deleted_at"):
        values[name] = _utc(values[name])
    return SavedQuery(**values)


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were written in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _now() -> datetime:
    return datetime.now(UTC)


def _title(title: str, question: str) -> str:
    chosen = title.strip() or question.strip() or "Untitled query"
    return chosen[:MAX_TITLE_CHARS]


def _required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise ValueError(f"The {what} cannot be empty.")
    return value.strip()
