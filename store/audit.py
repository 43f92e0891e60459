"""The audit log: who asked what, which SQL ran, what came back. Append-only: this class can only add and
read, and the database's own triggers refuse updates and deletes from anyone else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Engine, func, or_, select

from store.tables import audit_log as table

SOURCES = ("question", "edited_sql", "saved_query", "dashboard")


@dataclass(frozen=True)
class AuditEntry:
    user_name: str
    role: str
    connection: str
    source: str
    question: str
    sql: str | None
    outcome: str
    message: str | None
    rows: int
    seconds: float
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model: str = ""
    model_sql: str | None = None  # set only when mending changed the model's SQL
    changes: str | None = None  # JSON list of the mending rules that fired: rule, description, before, after


@dataclass(frozen=True)
class AuditFilter:
    user_name: str | None = None
    outcome: str | None = None
    text: str = ""
    since: date | None = None
    until: date | None = None  # inclusive
    limit: int = 5_000


class AuditLog:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(self, entry: AuditEntry) -> None:
        with self.engine.begin() as connection:
            connection.execute(table.insert().values(at=datetime.now(UTC), **entry.__dict__))

    def entries(self, where: AuditFilter | None = None) -> pd.DataFrame:
        """Newest first, as a table for the admin page and its CSV export."""
        where = where or AuditFilter()
        query = select(table).order_by(table.c.at.desc(), table.c.id.desc()).limit(where.limit)
        if where.user_name:
            query = query.where(table.c.user_name == where.user_name)
        if where.outcome:
            query = query.where(table.c.outcome == where.outcome)
        for word in where.text.split():
            needle = word.lower()
            query = query.where(
                or_(*(func.lower(c).contains(needle, autoescape=True) for c in (table.c.question, table.c.sql)))
            )
        if where.since:
            query = query.where(table.c.at >= datetime.combine(where.since, time.min, UTC))
        if where.until:
            query = query.where(table.c.at < datetime.combine(where.until + timedelta(days=1), time.min, UTC))
        with self.engine.connect() as connection:
            frame = pd.read_sql(query, connection)
        if not frame.empty:
            frame["at"] = pd.to_datetime(frame["at"], utc=True)
        return frame

    def users(self) -> list[str]:
        with self.engine.connect() as connection:
            return list(connection.execute(select(table.c.user_name).distinct().order_by(table.c.user_name)).scalars())
