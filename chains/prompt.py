"""The prompt: instructions and schema first (the same for every question, so the model's prompt cache
serves them), the conversation and the question last."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder

from chains.answer import Turn
from chains.examples import render_examples
from chains.extract import CANNOT_ANSWER
from connectors.schema import Column, Schema, Table

DIALECT_NOTES = {
    "sqlite": "SQLite: date columns hold text 'YYYY-MM-DD': strftime('%Y', col) gives their year, "
    "strftime('%m', col) their month; a column holding a plain year number is compared directly; no ILIKE; "
    "string concatenation is ||.",
    "duckdb": "DuckDB: use EXTRACT(YEAR FROM col), EXTRACT(QUARTER FROM col), date_trunc('month', col); "
    "ILIKE for case-insensitive matching; DATE 'YYYY-MM-DD' for date literals.",
    "postgres": "PostgreSQL: use EXTRACT(YEAR FROM col), date_trunc('month', col); ILIKE for case-insensitive "
    "matching; cast with ::numeric before ROUND of a division.",
    "mysql": "MySQL/MariaDB: use YEAR(col), QUARTER(col), DATE_FORMAT(col, '%Y-%m'); quote identifiers with "
    "backticks when needed; LIMIT n.",
    "snowflake": "Snowflake: use YEAR(col), QUARTER(col), DATE_TRUNC('month', col); ILIKE for case-insensitive "
    "matching; identifiers are upper-case unless quoted.",
    "bigquery": "BigQuery: use EXTRACT(YEAR FROM col), DATE_TRUNC(col, MONTH); quote names with backticks; "
    "SAFE_DIVIDE(a, b) for ratios; LOWER(a) LIKE LOWER(b) for case-insensitive matching.",
    "trino": "Trino: use year(col), quarter(col), date_trunc('month', col); DATE 'YYYY-MM-DD' literals; "
    "lower(a) LIKE lower(b) for case-insensitive matching.",
    "presto": "Presto: use year(col), quarter(col), date_trunc('month', col); DATE 'YYYY-MM-DD' literals; "
    "lower(a) LIKE lower(b) for case-insensitive matching.",
    "databricks": "Databricks SQL: use YEAR(col), QUARTER(col), DATE_TRUNC('MONTH', col); ILIKE for "
    "case-insensitive matching; quote names with backticks.",
    "redshift": "Redshift: use EXTRACT(YEAR FROM col), DATE_TRUNC('month', col); ILIKE for case-insensitive "
    "matching; cast with ::DECIMAL before dividing integers.",
}

SYSTEM_TEMPLATE = """You are an expert data analyst who writes {dialect} SQL.
Given the database schema below, write one read-only {dialect} SELECT query that answers the user's question.

{schema}

Rules:
- Use only the tables and columns listed above. Join only the tables the question needs, through their keys.
- Select only the columns the question asks for; aggregate in SQL.
- {dialect_notes}
- Reply with the SQL query only, in a ```sql block.
- If the tables above cannot answer the question, reply exactly: {cannot} <one-sentence reason>{examples}"""

PROMPT = ChatPromptTemplate.from_messages(
    [
        ("system", SYSTEM_TEMPLATE),
        MessagesPlaceholder("history"),
        ("human", "{question}{hints}"),
        MessagesPlaceholder("repairs"),
    ]
)

MAX_SAMPLE_CHARS = 30


SCHEMA_STYLES = ("ddl", "mschema")


def render_schema(schema: Schema, style: str = "ddl") -> str:
    """The schema as the model reads it. `ddl`: compact CREATE TABLEs with keys, comments and example values,
    familiar to code models. `mschema`: XiYan-SQL's M-Schema, a line per column, foreign keys after the tables."""
    if style == "mschema":
        return _render_mschema(schema)
    return "\n\n".join(_render_table(t) for t in schema.tables)


def _render_mschema(schema: Schema) -> str:
    blocks = ["【Schema】"]
    for table in schema.tables:
        header = f"# Table: {table.name}" + (f", {table.comment}" if table.comment else "")
        blocks.append("\n".join([header, "[", ",\n".join(_mschema_column(c) for c in table.columns), "]"]))
    keys = [
        f"{table.name}.{own}={fk.ref_table}.{theirs}"
        for table in schema.tables
        for fk in table.foreign_keys
        for own, theirs in zip(fk.columns, fk.ref_columns, strict=False)
    ]
    if keys:
        blocks.append("【Foreign keys】\n" + "\n".join(keys))
    return "\n".join(blocks)


def _mschema_column(column: Column) -> str:
    parts = [f"{column.name}:{(column.type or 'TEXT').upper()}"]
    if column.primary_key:
        parts.append("Primary Key")
    if column.comment:
        parts.append(column.comment.rstrip("."))
    if column.samples:
        parts.append("Examples: [" + ", ".join(_shorten(v) for v in column.samples) + "]")
    return "(" + ", ".join(parts) + ")"


def _render_table(table: Table) -> str:
    references = {
        fk.columns[0]: f"{fk.ref_table}({fk.ref_columns[0]})" for fk in table.foreign_keys if len(fk.columns) == 1
    }
    header = f"CREATE TABLE {_quote(table.name)} (" + (f"  -- {table.comment}" if table.comment else "")
    lines = [_render_column(c, references.get(c.name)) for c in table.columns]
    composite = [
        f"  FOREIGN KEY ({', '.join(fk.columns)}) REFERENCES {fk.ref_table}({', '.join(fk.ref_columns)})"
        for fk in table.foreign_keys
        if len(fk.columns) > 1
    ]
    body = [line + ("," if i < len(lines) + len(composite) - 1 else "") for i, line in enumerate(lines + composite)]
    return "\n".join([header, *(_move_comment_after_comma(b) for b in body), ");"])


def _render_column(column: Column, reference: str | None) -> str:
    parts = [f"  {_quote(column.name)} {column.type or 'TEXT'}"]
    if column.primary_key:
        parts.append("PRIMARY KEY")
    if reference:
        parts.append(f"REFERENCES {reference}")
    notes = []
    if column.comment:
        notes.append(column.comment.rstrip("."))
    if column.samples and not column.primary_key and not reference:
        notes.append("e.g. " + ", ".join(_sample(v, column.is_numeric) for v in column.samples))
    return " ".join(parts) + (f" -- {'; '.join(notes)}" if notes else "")


def _move_comment_after_comma(line: str) -> str:
    """`col INT -- note,` is a comment swallowing the comma; put the comma before the comment."""
    if " -- " in line and line.endswith(","):
        code, comment = line[:-1].split(" -- ", 1)
        return f"{code}, -- {comment}"
    return line


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_SAMPLE_CHARS else value[: MAX_SAMPLE_CHARS - 1] + "…"


def _sample(value: str, numeric: bool) -> str:
    text = _shorten(value)
    return text if numeric else "'" + text.replace("'", "''") + "'"


def _quote(name: str) -> str:
    return name if name.replace("_", "").isalnum() and not name[0].isdigit() else '"' + name.replace('"', '""') + '"'


def prompt_inputs(
    schema: Schema,
    question: str,
    history: list[Turn],
    repairs: list[BaseMessage],
    hints: str = "",
    examples: Sequence[Turn] = (),
    schema_style: str = "ddl",
) -> dict[str, object]:
    """Verified examples go at the end of the system message: after the schema, so the cached prefix holds,
    and before the conversation, so a follow-up still refers to the user's own last question."""
    return {
        "examples": render_examples(examples),
        "hints": f"\n\n{hints}" if hints else "",
        "dialect": schema.dialect,
        "dialect_notes": DIALECT_NOTES.get(schema.dialect, f"Write standard SQL that {schema.dialect} accepts."),
        "schema": render_schema(schema, schema_style),
        "cannot": CANNOT_ANSWER,
        "history": history_messages(history),
        "question": question,
        "repairs": repairs,
    }


def history_messages(history: list[Turn]) -> list[BaseMessage]:
    messages: list[BaseMessage] = []
    for turn in history:
        messages += [HumanMessage(turn.question), AIMessage(f"```sql\n{turn.sql}\n```")]
    return messages


def repair_messages(raw_output: str, feedback: str, failed: bool = True) -> list[BaseMessage]:
    """The model's last reply and what happened to it, so the next reply can correct it."""
    if failed:
        feedback = f"That query failed: {feedback}\nWrite a corrected query for the same question."
    return [AIMessage(raw_output), HumanMessage(f"{feedback} Reply with the SQL only.")]
