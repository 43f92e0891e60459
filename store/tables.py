"""The app database's tables as they are after the latest migration (migrations/ builds them)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, Integer, MetaData, String, Table, Text

metadata = MetaData()

saved_queries = Table(
    "saved_queries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(300), nullable=False),
    Column("question", Text, nullable=False),
    Column("sql", Text, nullable=False),
    Column("chart", Text, nullable=False),  # JSON of the chart settings: kind, x, y, color
    Column("connection", String(200), nullable=False),  # the warehouse's configured name, never its URL
    Column("author", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("verified", Boolean, nullable=False),
    Column("verified_by", String(200)),
    Column("pin_position", Integer),  # None: not on the dashboard
    Column("deleted_at", DateTime(timezone=True)),  # set on delete, cleared by undo
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("role", String(100), nullable=False),
    Column("connection", String(200), nullable=False),
    Column("source", String(40), nullable=False),  # question, edited_sql, saved_query, dashboard
    Column("question", Text, nullable=False),
    Column("sql", Text),
    Column("outcome", String(40), nullable=False),
    Column("message", Text),  # the refusal reason or error, as the user saw it
    Column("rows", Integer, nullable=False),
    Column("seconds", Float, nullable=False),
    Column("prompt_tokens", Integer, nullable=False),
    Column("completion_tokens", Integer, nullable=False),
    Column("model", String(200), nullable=False),
    Column("model_sql", Text),  # the model's own SQL, when mending changed it into `sql`
    Column("changes", Text),  # JSON: [{rule, description, before, after}] of each mending rule that fired
)
