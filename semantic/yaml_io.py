"""Reading and writing the semantic model YAML, keeping each entry's line number for error messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from semantic.spec import (
    BaseTable,
    Field,
    LogicalTable,
    Metric,
    NamedFilter,
    Relationship,
    SemanticModel,
    VerifiedQuery,
)


@dataclass
class SemanticModelError(ValueError):
    """A YAML that cannot be read as a semantic model; `line` is 1-based where known."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def parse_model(text: str) -> SemanticModel:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SemanticModelError(f"not valid YAML: {getattr(error, 'problem', error)}", _line(mark)) from error
    if not isinstance(root, yaml.MappingNode):
        raise SemanticModelError("the file must be a mapping with `name` and `tables`", 1)
    lines: dict[str, int] = {}
    _index_lines(root, "", lines)
    data = yaml.safe_load(text)
    try:
        return _model(data, lines)
    except SemanticModelError:
        raise  # already says where: a ValueError too, it must not lose its line below
    except (KeyError, TypeError, ValueError) as error:
        path = getattr(error, "path", "")
        raise SemanticModelError(str(error.args[0] if error.args else error), lines.get(path)) from error


def dump_model(model: SemanticModel) -> str:
    return yaml.safe_dump(_plain(model), sort_keys=False, allow_unicode=True, width=110)


class _EntryError(ValueError):
    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def _index_lines(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _index_lines(value, f"{path}.{key.value}" if path else str(key.value), lines)
            lines.setdefault(f"{path}.{key.value}" if path else str(key.value), key.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index_lines(item, f"{path}[{position}]", lines)


def _required(entry: dict, key: str, path: str) -> Any:
    if not isinstance(entry, dict):
        raise _EntryError(f"`{path}` must be a mapping", path)
    value = entry.get(key)
    if value in (None, ""):
        raise _EntryError(f"`{path}` needs `{key}`", path)
    return value


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _field(entry: dict, path: str) -> Field:
    return Field(
        name=str(_required(entry, "name", path)),
        expr=str(_required(entry, "expr", path)),
        description=str(entry.get("description") or "").strip(),
        synonyms=_texts(entry.get("synonyms")),
        data_type=str(entry.get("data_type") or ""),
        sample_values=_texts(entry.get("sample_values")),
        unit=str(entry.get("unit") or ""),
    )


def _metric(entry: dict, path: str) -> Metric:
    return Metric(
        name=str(_required(entry, "name", path)),
        expr=str(_required(entry, "expr", path)),
        description=str(entry.get("description") or "").strip(),
        synonyms=_texts(entry.get("synonyms")),
        unit=str(entry.get("unit") or ""),
    )


def _filter(entry: dict, path: str) -> NamedFilter:
    return NamedFilter(
        name=str(_required(entry, "name", path)),
        expr=str(_required(entry, "expr", path)),
        description=str(entry.get("description") or "").strip(),
        synonyms=_texts(entry.get("synonyms")),
    )


def _table(entry: dict, path: str) -> LogicalTable:
    name = str(_required(entry, "name", path))
    base = entry.get("base_table") or {"table": name}
    if not isinstance(base, dict) or not base.get("table"):
        raise _EntryError(f"`{path}.base_table` needs `table`", f"{path}.base_table")
    key = entry.get("primary_key") or {}
    return LogicalTable(
        name=name,
        base_table=BaseTable(str(base["table"]), str(base.get("schema") or ""), str(base.get("database") or "")),
        description=str(entry.get("description") or "").strip(),
        synonyms=_texts(entry.get("synonyms")),
        primary_key=_texts(key.get("columns") if isinstance(key, dict) else key),
        dimensions=tuple(_field(d, f"{path}.dimensions[{i}]") for i, d in enumerate(entry.get("dimensions") or ())),
        time_dimensions=tuple(
            _field(d, f"{path}.time_dimensions[{i}]") for i, d in enumerate(entry.get("time_dimensions") or ())
        ),
        facts=tuple(_field(d, f"{path}.facts[{i}]") for i, d in enumerate(entry.get("facts") or ())),
        metrics=tuple(_metric(d, f"{path}.metrics[{i}]") for i, d in enumerate(entry.get("metrics") or ())),
        filters=tuple(_filter(d, f"{path}.filters[{i}]") for i, d in enumerate(entry.get("filters") or ())),
    )


def _relationship(entry: dict, path: str) -> Relationship:
    pairs = _required(entry, "relationship_columns", path)
    columns = tuple(
        (
            str(_required(p, "left_column", f"{path}.relationship_columns[{i}]")),
            str(_required(p, "right_column", f"{path}.relationship_columns[{i}]")),
        )
        for i, p in enumerate(pairs)
    )
    return Relationship(
        name=str(entry.get("name") or f"{entry.get('left_table')}_to_{entry.get('right_table')}"),
        left_table=str(_required(entry, "left_table", path)),
        right_table=str(_required(entry, "right_table", path)),
        columns=columns,
        join_type=str(entry.get("join_type") or "inner"),
        relationship_type=str(entry.get("relationship_type") or "many_to_one"),
    )


def _verified(entry: dict, path: str) -> VerifiedQuery:
    return VerifiedQuery(
        name=str(entry.get("name") or _required(entry, "question", path)),
        question=str(_required(entry, "question", path)),
        sql=str(_required(entry, "sql", path)).strip(),
        verified_by=str(entry.get("verified_by") or ""),
        verified_at=int(entry.get("verified_at") or 0),
        use_as_onboarding_question=bool(entry.get("use_as_onboarding_question")),
    )


def _model(data: dict, lines: dict[str, int]) -> SemanticModel:
    try:
        tables = tuple(_table(t, f"tables[{i}]") for i, t in enumerate(_required(data, "tables", "")))
        return SemanticModel(
            name=str(data.get("name") or "semantic model"),
            description=str(data.get("description") or "").strip(),
            tables=tables,
            relationships=tuple(
                _relationship(r, f"relationships[{i}]") for i, r in enumerate(data.get("relationships") or ())
            ),
            verified_queries=tuple(
                _verified(q, f"verified_queries[{i}]") for i, q in enumerate(data.get("verified_queries") or ())
            ),
            custom_instructions=str(data.get("custom_instructions") or "").strip(),
            lines=lines,
        )
    except _EntryError as error:
        raise SemanticModelError(str(error), lines.get(error.path)) from error


def _plain(model: SemanticModel) -> dict[str, Any]:
    """The model as the plain mapping its YAML holds, empty keys left out."""

    def field_entry(item: Field | Metric | NamedFilter) -> dict[str, Any]:
        entry: dict[str, Any] = {"name": item.name}
        if item.synonyms:
            entry["synonyms"] = list(item.synonyms)
        if item.description:
            entry["description"] = item.description
        entry["expr"] = item.expr
        for key in ("data_type", "unit"):
            if getattr(item, key, ""):
                entry[key] = getattr(item, key)
        if getattr(item, "sample_values", ()):
            entry["sample_values"] = list(item.sample_values)  # type: ignore[union-attr]
        return entry

    tables = []
    for table in model.tables:
        entry: dict[str, Any] = {"name": table.name}
        if table.description:
            entry["description"] = table.description
        entry["base_table"] = {
            k: v
            for k, v in (
                ("database", table.base_table.database),
                ("schema", table.base_table.schema),
                ("table", table.base_table.table),
            )
            if v
        }
        if table.synonyms:
            entry["synonyms"] = list(table.synonyms)
        if table.primary_key:
            entry["primary_key"] = {"columns": list(table.primary_key)}
        for key in ("dimensions", "time_dimensions", "facts", "metrics", "filters"):
            if getattr(table, key):
                entry[key] = [field_entry(item) for item in getattr(table, key)]
        tables.append(entry)
    plain: dict[str, Any] = {"name": model.name}
    if model.description:
        plain["description"] = model.description
    plain["tables"] = tables
    if model.relationships:
        plain["relationships"] = [
            {
                "name": r.name,
                "left_table": r.left_table,
                "right_table": r.right_table,
                "relationship_columns": [{"left_column": a, "right_column": b} for a, b in r.columns],
                "join_type": r.join_type,
                "relationship_type": r.relationship_type,
            }
            for r in model.relationships
        ]
    if model.verified_queries:
        plain["verified_queries"] = [
            {
                "name": q.name,
                "question": q.question,
                "sql": q.sql,
                **({"verified_by": q.verified_by} if q.verified_by else {}),
                **({"verified_at": q.verified_at} if q.verified_at else {}),
                **({"use_as_onboarding_question": True} if q.use_as_onboarding_question else {}),
            }
            for q in model.verified_queries
        ]
    if model.custom_instructions:
        plain["custom_instructions"] = model.custom_instructions
    return plain
