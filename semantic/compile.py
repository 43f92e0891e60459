"""A Request compiled to SQL over the semantic model: the arithmetic is the app's, never the model's.

Each analysis is one SQL shape; the metric's own expression (in the warehouse's dialect) is the only
aggregate, joins follow the model's relationships from the metric's table, and a period is a half-open
date range. What was computed is also said in plain words (`Compiled.explanation`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import sqlglot
from sqlglot import exp

from semantic.activity import activity_of
from semantic.expressions import qualify, true_division
from semantic.periods import Period, previous, spanning
from semantic.request import Request
from semantic.spec import Field, LogicalTable, Metric, NamedFilter, SemanticModel


class CannotCompile(ValueError):
    """The request does not fit the model (a join that would multiply rows, a missing period...)."""


@dataclass
class Compiled:
    sql: str
    explanation: str
    notes: list[str] = field(default_factory=list)
    # What the result's columns are, for display: column name -> unit ("USD", "%", "days").
    units: dict[str, str] = field(default_factory=dict)
    time_dimension: str = ""  # the date the periods were read on, if any


@dataclass
class _Shape:
    """SELECT [bucket,] dimensions ... GROUP BY them: the start of most analyses."""

    columns: list[tuple[str, str]]  # (expression, output name)
    conditions: list[str]
    source: str
    bucket: tuple[str, str] | None

    @property
    def groups(self) -> list[str]:
        return [sql for sql, _name in self.columns]

    def select(self, *more: str) -> str:
        return ", ".join([*(f"{sql} AS {_q(name)}" for sql, name in self.columns), *more])

    def names(self) -> list[str]:
        return [_q(name) for _sql, name in self.columns]


@dataclass(frozen=True)
class _Edge:
    table: str
    other: str
    on: tuple[tuple[str, str], ...]  # (column of `table`, column of `other`)
    fans_out: bool  # one row of `table` meets many rows of `other`
    backwards: bool = False  # from the relationship's right table to its left
    optional: bool = False  # a key that may be empty: rows without it have no partner


def compile_request(model: SemanticModel, request: Request, periods: list[Period], dialect: str) -> Compiled:
    return _Compiler(model, request, periods, dialect).compile()


def _edges(model: SemanticModel) -> dict[str, list[_Edge]]:
    edges: dict[str, list[_Edge]] = {}
    for r in model.relationships:
        many = r.relationship_type != "one_to_one"
        optional = r.join_type == "left_outer"
        edges.setdefault(r.left_table.lower(), []).append(
            _Edge(r.left_table, r.right_table, r.columns, False, optional=optional)
        )
        flipped = tuple((b, a) for a, b in r.columns)
        edges.setdefault(r.right_table.lower(), []).append(_Edge(r.right_table, r.left_table, flipped, many, True))
    return edges


def reachable_tables(model: SemanticModel, start: str) -> list[str]:
    """Tables reachable from `start` without multiplying its rows, nearest first."""
    order, queue, seen = [start], deque([start]), {start.lower()}
    edges = _edges(model)
    while queue:
        for edge in edges.get(queue.popleft().lower(), []):
            if not edge.fans_out and edge.other.lower() not in seen:
                seen.add(edge.other.lower())
                order.append(edge.other)
                queue.append(edge.other)
    return order


class _Compiler:
    def __init__(self, model: SemanticModel, request: Request, periods: list[Period], dialect: str) -> None:
        self.model, self.request, self.periods, self.dialect = model, request, periods, dialect
        found = next(((t, m) for t, m in model.metrics if m.name == request.metric), None)
        if found is None:
            raise CannotCompile(f"no metric named {request.metric!r}")
        self.table, self.metric = found
        self.metric_sql = true_division(self._qualified(self.metric.expr, self.table), dialect)
        self.also = [self._also(name) for name in request.also]
        self.dimensions = [self._field(name, "dimensions") for name in request.group_by]
        self.notes: list[str] = []
        self.filters = [self._named_filter(name) for name in request.filters]

    # ---------------------------------------------------------------- building blocks

    def _qualified(self, expr: str, table: LogicalTable) -> str:
        try:
            return qualify(expr, table.name, self.dialect)
        except sqlglot.errors.ParseError as error:
            raise CannotCompile(f"cannot read {expr!r}: {error}") from error

    def _also(self, name: str) -> tuple[Metric, str]:
        """One more metric beside the first: of the same table, so that both are read over the same rows."""
        if self.request.analysis not in ("total", "top"):
            raise CannotCompile(f"a second metric ({name}) is shown beside the first in totals only")
        metric = next((m for m in self.table.metrics if m.name == name), None)
        if metric is None:
            raise CannotCompile(f"{name} is no metric of {self.table.name}, the table {self.metric.name} is read on")
        return metric, true_division(self._qualified(metric.expr, self.table), self.dialect)

    def _field(self, name: str, kind: str) -> tuple[LogicalTable, Field, str]:
        for table in self.model.tables:
            for item in getattr(table, kind):
                if item.name == name:
                    return table, item, self._qualified(item.expr, table)
        raise CannotCompile(f"no {kind[:-1].replace('_', ' ')} named {name!r}")

    def _named_filter(self, name: str) -> tuple[NamedFilter, str]:
        """A filter's condition; `{period_start}` / `{period_end}` in it stand for the asked period's bounds
        ("returning customer": ordered before the period)."""
        for table, item in self.model.filters:
            if item.name == name:
                expr = item.expr
                if "{period_start}" in expr and (start := self._each_bucket_start(table)):
                    # "New customers in each quarter": new in that quarter, not in the first one asked.
                    self.notes.append(f"{name.replace('_', ' ')} is read for each {self.request.grain} on its own.")
                    expr = expr.replace("{period_start}", start)
                if "{period_" in expr:
                    period = spanning(self.periods)
                    if period is None:
                        raise CannotCompile(f"`{name}` is defined for a period: name one (a year, a quarter...)")
                    expr = expr.replace("{period_start}", f"'{period.start.isoformat()}'")
                    expr = expr.replace("{period_end}", f"'{period.end.isoformat()}'")
                return item, self._qualified(expr, table)
        raise CannotCompile(f"no filter named {name!r}")

    def _each_bucket_start(self, table: LogicalTable) -> str | None:
        """The start of the time grain's period each row of `table` falls in, by its own date; None without a
        grain or a date on that table."""
        if self.request.grain == "none" or not table.time_dimensions:
            return None
        item = next((d for d in table.time_dimensions if d.name == self.request.time_dimension), None)
        item = item or table.time_dimensions[0]
        return _bucket_start_sql(self.request.grain, self._qualified(item.expr, table), self.dialect)

    def _time(self) -> tuple[LogicalTable, Field, str]:
        """The requested time dimension; else that of a named filter's table (a "returning customer" is one
        active in the period: the orders' date, not the signup date); else the one nearest the metric's table
        along many-to-one joins."""
        if self.request.time_dimension:
            return self._field(self.request.time_dimension, "time_dimensions")
        for table_name in [*self._filter_tables(), *reachable_tables(self.model, self.table.name)]:
            table = self.model.table(table_name)
            if table and table.time_dimensions:
                item = table.time_dimensions[0]
                return table, item, self._qualified(item.expr, table)
        raise CannotCompile("the metric has no date to filter or group by")

    def _filter_tables(self) -> list[str]:
        chosen = [item for item, _sql in self.filters]
        return [table.name for table, item in self.model.filters if any(item is c for c in chosen)]

    def _joins(self, needed: set[str], allow_fan_out: bool, start: LogicalTable | None = None) -> list[_Edge]:
        """The joins from the metric's table (or `start`) to every needed table (shortest paths, many-to-one
        first, then keys every row has: a rental's car class is its car's, not that of a reservation it may lack)."""
        start = start or self.table
        edges = _edges(self.model)
        paths: dict[str, list[_Edge]] = {start.name.lower(): []}
        queue = deque([start.name])
        while queue:
            here = queue.popleft()
            for edge in sorted(edges.get(here.lower(), []), key=lambda e: (e.fans_out, e.optional)):
                if edge.other.lower() in paths or (edge.fans_out and not allow_fan_out):
                    continue
                paths[edge.other.lower()] = paths[here.lower()] + [edge]
                queue.append(edge.other)
        joins: list[_Edge] = []
        for table in sorted(needed - {start.name.lower()}):
            if table not in paths:
                raise CannotCompile(f"no join path from {start.name} to {table} that keeps the metric right")
            joins += [edge for edge in paths[table] if all(edge is not e for e in joins)]
        return joins

    def _tables_in(self, *sqls: str) -> set[str]:
        """The logical tables the expressions read (a subquery's own aliases are not among them)."""
        logical = {t.name.lower() for t in self.model.tables}
        names: set[str] = set()
        for sql in sqls:
            for column in sqlglot.parse_one(sql, read=self.dialect).find_all(exp.Column):
                if column.table.lower() in logical and column.find_ancestor(exp.Subquery) is None:
                    names.add(column.table.lower())
        return names

    def _from(self, expressions: list[str]) -> str:
        needed = self._tables_in(*expressions) | {self.table.name.lower()}
        safe = all(_fan_out_safe(sql, self.dialect) for sql in (self.metric_sql, *(sql for _m, sql in self.also)))
        joins = self._joins(needed, allow_fan_out=safe)
        return "\n".join([f"FROM {self._source(self.table)}", *self._join_clauses(joins)])

    def _join_clauses(self, joins: list[_Edge]) -> list[str]:
        clauses = []
        for edge in joins:
            other = self.model.table(edge.other)
            if other is None:
                raise CannotCompile(f"relationship names unknown table {edge.other}")
            on = " AND ".join(f"{_q(edge.table)}.{_q(a)} = {_q(edge.other)}.{_q(b)}" for a, b in edge.on)
            # Against a relationship's direction a row may have no partner (a line never returned): keep it.
            clauses.append(f"{'LEFT JOIN' if edge.backwards else 'JOIN'} {self._source(other)} ON {on}")
        return clauses

    def _source(self, table: LogicalTable) -> str:
        base = table.base_table
        physical = ".".join(_q(p) for p in (base.database, base.schema, base.table) if p)
        return physical if base.table == table.name and "." not in physical else f"{physical} AS {_q(table.name)}"

    def _in_period(self, column: str, period: Period) -> str:
        return f"{column} >= '{period.start.isoformat()}' AND {column} < '{period.end.isoformat()}'"

    def _where(self, time_sql: str | None, period: Period | None, skip_filters: bool = False) -> list[str]:
        """The period, the values the question names and the named filters; `skip_filters` leaves out the
        conditions that pick a share's part (see `_part`)."""
        conditions = []
        if time_sql and period:
            conditions.append(self._in_period(time_sql, period))
        part = self._part()
        conditions += [sql for sql in self._value_conditions() if not (skip_filters and sql in part)]
        if not skip_filters:
            conditions += [f"({sql})" for _item, sql in self.filters]
        return conditions

    def _value_conditions(self) -> list[str]:
        """The values the question keeps, then those it leaves out."""
        return self._kept_conditions() + self._left_out_conditions()

    def _kept_conditions(self) -> list[str]:
        return self._compared(self.request.values, "=", "IN")

    def _left_out_conditions(self) -> list[str]:
        return self._compared(self.request.excluded, "<>", "NOT IN")

    def _compared(self, chosen: dict[str, tuple[str, ...]], one: str, several: str) -> list[str]:
        conditions = []
        for name, values in chosen.items():
            _table, _item, sql = self._field(name, "dimensions")
            quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
            conditions.append(f"{sql} {several} ({quoted})" if len(values) > 1 else f"{sql} {one} {quoted}")
        return conditions

    def _part(self) -> list[str]:
        """What a share with nothing to split by is the share *of*: the named filters, else the values the
        question names ("what share of revenue came from Corporate customers")."""
        if self.request.analysis != "share" or (self.dimensions and not self.request.rate):
            return []
        return [f"({sql})" for _item, sql in self.filters] or self._kept_conditions()

    def _bucket(self, time_sql: str, period: Period | None) -> tuple[str, str] | None:
        """(expression, column name) of the requested time grain; within one year, months and quarters
        are numbered 1-12 and 1-4."""
        grain = self.request.grain
        if grain == "none":
            return None
        one_year = period is not None and period.start.year == (period.end.year - (period.end.month == 1))
        key = f"{grain}_number" if grain in ("month", "quarter") and one_year else grain
        return _bucket_sql(key, time_sql, self.dialect), grain

    # ---------------------------------------------------------------- analyses

    def compile(self) -> Compiled:
        analysis = self.request.analysis
        builder = {
            "total": self._total,
            "top": self._top,
            "growth": self._growth,
            "share": self._share,
            "running_total": self._running_total,
            "average_per": self._average_per,
            "retention": self._retention,
        }.get(analysis)
        if builder is None:
            raise CannotCompile(f"the analysis {analysis!r} is not compiled")
        sql, explanation, units = builder()
        pretty = sqlglot.parse_one(sql, read=self.dialect).sql(dialect=self.dialect, pretty=True)
        dated = self.periods or self.request.grain != "none"
        return Compiled(pretty, explanation, self.notes, units, self._time()[1].name if dated else "")

    def _shape(
        self,
        period: Period | None,
        *,
        skip_filters: bool = False,
        extra: tuple[str, ...] = (),
        full_labels: bool = False,
    ) -> _Shape:
        time_sql = self._time()[2] if (period is not None or self.request.grain != "none") else None
        bucket = self._bucket(time_sql, None if full_labels else period) if time_sql else None
        columns = ([bucket] if bucket else []) + [(sql, item.name) for _t, item, sql in self.dimensions]
        conditions = self._where(time_sql, period, skip_filters)
        measures = [self.metric_sql, *(sql for _m, sql in self.also)]
        source = self._from([*measures, *(sql for sql, _n in columns), *conditions, *extra])
        return _Shape(columns, conditions, source, bucket)

    def _grouped(self, shape: _Shape, *more: str, also_group: tuple[str, ...] = ()) -> str:
        name = self.metric.name
        measures = [f"{self.metric_sql} AS {_q(name)}", *(f"{sql} AS {_q(m.name)}" for m, sql in self.also)]
        sql = f"SELECT {shape.select(*more, *measures)}\n{shape.source}"
        return sql + _where_sql(shape.conditions) + _group_sql([*shape.groups, *also_group])

    def _entity_keys(self) -> tuple[str, ...]:
        """The key of each table split by a name ("top 5 customers" by first and last name): two customers of one
        name are two rows, not one sum of both."""
        keys = []
        for table, item, sql in self.dimensions:
            if "name" in item.name.lower().split("_") and len(table.primary_key) == 1:
                key = f"{_q(table.name)}.{_q(table.primary_key[0])}"
                if key not in keys and sql != key:
                    keys.append(key)
        return tuple(keys)

    def _total(self) -> tuple[str, str, dict[str, str]]:
        period = spanning(self.periods)
        shape = self._shape(period)
        name = self.metric.name
        sql = self._grouped(shape, also_group=self._entity_keys())
        if shape.bucket and not self.request.limit:
            sql += f"\nORDER BY {_q(shape.bucket[1])}"
        elif shape.columns and self.request.order != "none":
            sql += f"\nORDER BY {_q(name)} {self.request.order.upper()}"
        if self.request.limit and shape.columns:
            sql += f"\nLIMIT {self.request.limit}"
        return sql, self._say("", period), self._units()

    def _top(self) -> tuple[str, str, dict[str, str]]:
        if len(self.dimensions) < 2:
            if not self.request.limit:
                self.request = replace(self.request, limit=10)
                self.notes.append("No number was asked for: showing the top 10.")
            return self._total()
        period = spanning(self.periods)
        shape = self._shape(period)
        name, group = self.metric.name, self.dimensions[0][1].name
        direction = "ASC" if self.request.order == "asc" else "DESC"
        limit = self.request.limit or 3
        sql = (
            f"SELECT * FROM (SELECT ranked.*, ROW_NUMBER() OVER (PARTITION BY {_q(group)} "
            f"ORDER BY {_q(name)} {direction}) AS {_q('rank')} "
            f"FROM ({self._grouped(shape, also_group=self._entity_keys())}) AS ranked) AS top_rows\n"
            f"WHERE {_q('rank')} <= {limit}\nORDER BY {_q(group)}, {_q('rank')}"
        )
        return sql, self._say(f"top {limit} per {group}", period), self._units()

    def _units(self) -> dict[str, str]:
        return {m.name: m.unit for m in (self.metric, *(m for m, _sql in self.also))}

    def _two_periods(self) -> tuple[Period, Period] | None:
        if len(self.periods) >= 2:
            first, second = self.periods[-2], self.periods[-1]
            return (first, second) if first.start <= second.start else (second, first)
        if len(self.periods) == 1 and self.request.grain == "none":
            return previous(self.periods[0]), self.periods[0]
        return None

    def _growth(self) -> tuple[str, str, dict[str, str]]:
        pair = None if self.request.over_previous and self.request.grain != "none" else self._two_periods()
        if pair is None:
            return self._period_over_period()
        before, after = pair
        time_sql = self._time()[2]
        name = self.metric.name
        early = _only_when(self.metric_sql, self._in_period(time_sql, before), self.dialect)
        late = _only_when(self.metric_sql, self._in_period(time_sql, after), self.dialect)
        grain = self.request.grain if self.request.grain != "year" else "none"  # "in each year": the two years
        self.request = replace(self.request, grain="none")
        shape = self._shape(Period("", before.start, after.end), extra=(time_sql,))
        if grain != "none":
            # "each month of 2025 compared with the same month of 2024": a row per month of the year; any other
            # pair of periods has no "same month" to set side by side.
            if grain not in ("month", "quarter") or before.months != 12 or after.months != 12:
                raise CannotCompile(f"two periods compared {grain} by {grain} must be whole years")
            shape.columns.insert(0, (_bucket_sql(f"{grain}_number", time_sql, self.dialect), grain))
        a, b = f"{name} {before.label}", f"{name} {after.label}"
        inner = f"SELECT {shape.select(f'{early} AS {_q(a)}', f'{late} AS {_q(b)}')}\n{shape.source}"
        inner += _where_sql(shape.conditions) + _group_sql(shape.groups)
        change = f"{_q(b)} - {_q(a)}"
        growth = f"({change}) * 100.0 / NULLIF({_q(a)}, 0) AS growth_pct"
        sql = f"SELECT t.*, {change} AS change, {growth}\nFROM ({inner}) AS t"
        if grain != "none" and self.request.order == "none" and not self.request.limit:
            sql += f"\nORDER BY {', '.join(shape.names())}"  # month by month, in the calendar's order
        elif shape.columns:
            key = "growth_pct" if self.request.by_percent else "change"
            direction = "ASC" if self.request.order == "asc" else "DESC"
            sql += f"\nORDER BY {key} {direction}"
            if self.request.limit:
                sql += f"\nLIMIT {self.request.limit}"
                ranked_by = "growth %" if self.request.by_percent else f"change in {self.metric.unit or 'value'}"
                self.notes.append(f"Ranked by {ranked_by}; ask for the other ranking if that is what you meant.")
        units = {a: self.metric.unit, b: self.metric.unit, "change": self.metric.unit, "growth_pct": "%"}
        return sql, self._say(f"{before.label} against {after.label}: the change and growth %", None), units

    def _period_over_period(self) -> tuple[str, str, dict[str, str]]:
        if self.request.grain == "none":
            raise CannotCompile("growth needs two periods or a time grain")
        period = spanning(self.periods)
        # The first period grows against the one before the range (January against the December before):
        # read one grain earlier, keep only the asked periods. Labels are the full ones ('2025-01'), so the
        # periods of two years order right.
        wider = Period(period.label, _grain_before(period.start, self.request.grain), period.end) if period else None
        shape = self._shape(wider, full_labels=wider is not None)
        name = self.metric.name
        partition = [_q(item.name) for _t, item, _s in self.dimensions]
        bucket = _q(shape.bucket[1])
        over = (f"PARTITION BY {', '.join(partition)} " if partition else "") + f"ORDER BY {bucket}"
        prior = f"LAG({_q(name)}) OVER ({over})"
        inner = (
            f"SELECT t.*, {_q(name)} - {prior} AS change, ({_q(name)} - {prior}) * 100.0 / NULLIF({prior}, 0) "
            f"AS growth_pct FROM ({self._grouped(shape)}) AS t"
        )
        sql = f"SELECT * FROM ({inner}) AS grown"
        if period is not None:
            first = _bucket_label(period.start, self.request.grain)
            sql += f"\nWHERE {bucket} >= {first}"
        sql += f"\nORDER BY {', '.join([*partition, bucket])}"
        units = {name: self.metric.unit, "change": self.metric.unit, "growth_pct": "%"}
        return sql, self._say(f"change from each {shape.bucket[1]} to the next", period), units

    def _share(self) -> tuple[str, str, dict[str, str]]:
        period = spanning(self.periods)
        name = self.metric.name
        if not _additive(self.metric_sql, self.dialect):
            raise CannotCompile(f"a share of {name} means nothing: it is not a sum or a count")
        if part_conditions := self._part():  # the part's share of what the rest of the question bounds
            condition = " AND ".join(part_conditions)
            shape = self._shape(period, skip_filters=True, extra=(condition,))
            part = _only_when(self.metric_sql, condition, self.dialect)
            named = [item.name for item, _sql in self.filters] or [
                " or ".join(values) for values in self.request.values.values()
            ]
            labels = " and ".join(named)
            more = (
                f"{part} AS {_q(name + ' ' + labels)}",
                f"{self.metric_sql} AS {_q(name + ' total')}",
                f"{part} * 100.0 / NULLIF({self.metric_sql}, 0) AS share_pct",
            )
            sql = f"SELECT {shape.select(*more)}\n{shape.source}" + _where_sql(shape.conditions)
            sql += _group_sql(shape.groups)
            if shape.bucket:
                sql += f"\nORDER BY {', '.join(_q(column) for _sql, column in shape.columns)}"
            elif shape.columns:
                sql += "\nORDER BY share_pct DESC" + (f"\nLIMIT {self.request.limit}" if self.request.limit else "")
            units = {name + " " + labels: self.metric.unit, name + " total": self.metric.unit, "share_pct": "%"}
            return sql, self._say(f"the share of {name} that is {labels}", period), units
        shape = self._shape(period)
        if not self.dimensions:
            raise CannotCompile("a share needs something to split the total by")
        over = f"PARTITION BY {shape.groups[0]}" if shape.bucket and len(shape.groups) > 1 else ""
        share = f"{self.metric_sql} * 100.0 / SUM({self.metric_sql}) OVER ({over}) AS share_pct"
        sql = f"SELECT {shape.select(f'{self.metric_sql} AS {_q(name)}', share)}\n{shape.source}"
        sql += _where_sql(shape.conditions) + _group_sql(shape.groups)
        sql += "\nORDER BY share_pct DESC" + (f"\nLIMIT {self.request.limit}" if self.request.limit else "")
        return sql, self._say("each one's share of the total", period), {name: self.metric.unit, "share_pct": "%"}

    def _running_total(self) -> tuple[str, str, dict[str, str]]:
        if self.request.grain == "none":
            self.request = replace(self.request, grain="month")
        period = spanning(self.periods)
        shape = self._shape(period)
        name = self.metric.name
        partition = [_q(item.name) for _t, item, _s in self.dimensions]
        over = (f"PARTITION BY {', '.join(partition)} " if partition else "") + f"ORDER BY {_q(shape.bucket[1])}"
        sql = (
            f"SELECT t.*, SUM({_q(name)}) OVER ({over} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) "
            f"AS running_total FROM ({self._grouped(shape)}) AS t\n"
            f"ORDER BY {', '.join([*partition, _q(shape.bucket[1])])}"
        )
        units = {name: self.metric.unit, "running_total": self.metric.unit}
        return sql, self._say(f"the running total by {shape.bucket[1]}", period), units

    def _average_per(self) -> tuple[str, str, dict[str, str]]:
        entity = self.model.table(self.request.per) if self.request.per != "none" else None
        if entity is None or len(entity.primary_key) != 1:
            raise CannotCompile("an average per entity needs the entity (a table with a one-column key)")
        period = spanning(self.periods)
        key = f"{_q(entity.name)}.{_q(entity.primary_key[0])}"
        shape = self._shape(period, extra=(key,))
        name = self.metric.name
        label = f"average {name} per {_singular(entity.name)}"
        outer = shape.names()
        # A sum over an entity whose rows hold no value is 0 for that entity, not left out of the average.
        summed = _additive(self.metric_sql, self.dialect)
        each = f"COALESCE({_q(name)}, 0)" if summed else _q(name)
        sql = f"SELECT {', '.join([*outer, f'AVG({each}) AS {_q(label)}'])} "
        sql += f"FROM ({self._grouped(shape, also_group=(key,))}) AS per_entity"
        if outer:
            sql += f"\nGROUP BY {', '.join(outer)}\nORDER BY {_q(label)} DESC"
        one = _singular(entity.name)
        article = "an" if one[:1].lower() in "aeiou" else "a"
        said = f"{name} per {one}" + (f" (0 for {article} {one} with none)" if summed else "") + ", then averaged"
        return sql, self._say(said, period), {label: self.metric.unit}

    def _retention(self) -> tuple[str, str, dict[str, str]]:
        """Of the entities active in the first period (customers with orders in 2024), how many were active
        again in the second (retained) and how many not (churned), and both in %. One period asked is the
        second, against the one of the same length before it."""
        entity = self.model.table(self.request.per) if self.request.per != "none" else None
        if entity is None or len(entity.primary_key) != 1:
            raise CannotCompile("retention needs the entity it is about (customers, accounts...)")
        activity = activity_of(entity, self.model, prefer=self.table.name)
        if activity is None:
            raise CannotCompile(f"no dated table points at {entity.name}: nothing to read its retention on")
        pair = self._two_periods()
        if pair is None:
            raise CannotCompile("retention needs a period: name one (a year, a quarter...)")
        if self.filters:
            raise CannotCompile("retention is not compiled with named filters")
        before, after = pair
        self.request = replace(self.request, time_dimension=activity.date.name, grain="none")
        when = self._qualified(activity.date.expr, activity.table)
        key = f"{_q(activity.table.name)}.{_q(activity.key)}"
        # "Customers who completed an order in 2024": a value of the activity's own rows says which rows make a
        # customer active; the others describe the customer (their region) and are read from the customer.
        own = {
            name
            for name in (*self.request.values, *self.request.excluded)
            if self._field(name, "dimensions")[0] is activity.table
        }
        of_activity = self._compared({n: v for n, v in self.request.values.items() if n in own}, "=", "IN")
        of_activity += self._compared({n: v for n, v in self.request.excluded.items() if n in own}, "<>", "NOT IN")
        of_entity = self._compared({n: v for n, v in self.request.values.items() if n not in own}, "=", "IN")
        of_entity += self._compared({n: v for n, v in self.request.excluded.items() if n not in own}, "<>", "NOT IN")

        def active(period: Period, alias: str) -> str:
            conditions = " AND ".join([self._in_period(when, period), f"{key} IS NOT NULL", *of_activity])
            rows = self._source(activity.table)
            return f"(SELECT DISTINCT {key} AS entity_key FROM {rows} WHERE {conditions}) AS {alias}"

        source = [f"FROM {active(before, 'active_before')}"]
        described = [expr for _t, _i, expr in self.dimensions] + of_entity
        if described:  # the customer's region: from the entity along many-to-one joins only
            pk = f"{_q(entity.name)}.{_q(entity.primary_key[0])}"
            source.append(f"JOIN {self._source(entity)} ON {pk} = active_before.entity_key")
            source += self._join_clauses(self._joins(self._tables_in(*described), False, start=entity))
        on = "active_after.entity_key = active_before.entity_key"
        source.append(f"LEFT JOIN {active(after, 'active_after')} ON {on}")
        first, again = f"{entity.name} {before.label}", f"retained {after.label}"
        kept, churned = "COUNT(active_after.entity_key)", "COUNT(*) - COUNT(active_after.entity_key)"
        columns = [f"{sql} AS {_q(item.name)}" for _t, item, sql in self.dimensions] + [
            f"COUNT(*) AS {_q(first)}",
            f"{kept} AS {_q(again)}",
            f"{churned} AS churned",
            f"{kept} * 100.0 / NULLIF(COUNT(*), 0) AS retention_pct",
            f"({churned}) * 100.0 / NULLIF(COUNT(*), 0) AS churn_pct",
        ]
        sql = f"SELECT {', '.join(columns)}\n" + "\n".join(source)
        sql += _where_sql(of_entity) + _group_sql([expr for _t, _i, expr in self.dimensions])
        if self.dimensions:
            sql += "\nORDER BY churn_pct DESC"
        one = _singular(entity.name).replace("_", " ")
        things = activity.table.name.replace("_", " ")
        explanation = (
            f"retention of {entity.name.replace('_', ' ')}: a {one} is active in a period if it has {things} "
            f"({activity.date.name.replace('_', ' ')}) in it; of those active in {before.label}, retained = active "
            f"again in {after.label}, churned = not; retention % and churn % are of those active in {before.label}"
        )
        for name, values in self.request.values.items():
            explanation += f"; {name.replace('_', ' ')} = {' or '.join(values)}"
        for name, values in self.request.excluded.items():
            explanation += f"; {name.replace('_', ' ')} not {' or '.join(values)}"
        if self.dimensions:
            explanation += "; by " + ", ".join(item.name.replace("_", " ") for _t, item, _s in self.dimensions)
        units = {"retention_pct": "%", "churn_pct": "%"}
        return sql, explanation, units

    # ---------------------------------------------------------------- words

    def _say(self, shape: str, period: Period | None) -> str:
        parts = [f"{m.name.replace('_', ' ')} = {sql}" for m, sql in [(self.metric, self.metric_sql), *self.also]]
        if self.dimensions:
            parts.append("by " + ", ".join(item.name.replace("_", " ") for _t, item, _s in self.dimensions))
        if self.request.grain != "none":
            parts.append(f"per {self.request.grain}")
        if shape:
            parts.append(shape)
        if period is not None:
            time_name = self._time()[1].name.replace("_", " ")
            last_day = period.end.fromordinal(period.end.toordinal() - 1)
            parts.append(f"{time_name} from {period.start.isoformat()} to {last_day.isoformat()}")
        values_are_the_part = self._part() and not self.filters
        for name, values in self.request.values.items() if not values_are_the_part else ():
            parts.append(f"{name.replace('_', ' ')} = {' or '.join(values)}")
        for name, values in self.request.excluded.items():
            parts.append(f"{name.replace('_', ' ')} not {' or '.join(values)}")
        filters_are_the_part = bool(self._part()) and bool(self.filters)
        for item, _sql in self.filters:
            said = f"{item.name.replace('_', ' ')} ({item.description or item.expr})"
            parts.append(f"the part: {said}" if filters_are_the_part else f"only {said}")
        if self.request.limit and self.request.analysis in ("total", "top", "growth", "share"):
            parts.append(f"{'bottom' if self.request.order == 'asc' else 'top'} {self.request.limit}")
        return "; ".join(parts)


# -------------------------------------------------------------------- helpers


def _q(name: str) -> str:
    return name if name.isidentifier() and name.lower() == name else '"' + name.replace('"', '""') + '"'


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _where_sql(conditions: list[str]) -> str:
    return "\nWHERE " + " AND ".join(conditions) if conditions else ""


def _group_sql(groups: list[str]) -> str:
    return "\nGROUP BY " + ", ".join(groups) if groups else ""


_AGGREGATES = (exp.Sum, exp.Count, exp.Avg, exp.Min, exp.Max)


def _fan_out_safe(metric_sql: str, dialect: str) -> bool:
    """A metric that joined rows cannot inflate: only COUNT(DISTINCT ...), MIN and MAX."""
    tree = sqlglot.parse_one(metric_sql, read=dialect)
    for agg in tree.find_all(exp.AggFunc):
        if isinstance(agg, (exp.Min, exp.Max)):
            continue
        if isinstance(agg, exp.Count) and isinstance(agg.this, exp.Distinct):
            continue
        return False
    return True


def _additive(metric_sql: str, dialect: str) -> bool:
    tree = sqlglot.parse_one(metric_sql, read=dialect)
    return isinstance(tree, (exp.Sum, exp.Count))


def _only_when(metric_sql: str, condition: str, dialect: str) -> str:
    """The metric over only the rows meeting `condition`: each aggregate's argument wrapped in a CASE."""
    tree = sqlglot.parse_one(metric_sql, read=dialect)
    when = sqlglot.parse_one(condition, read=dialect)
    for agg in list(tree.find_all(*_AGGREGATES)):
        argument = agg.this
        distinct = isinstance(argument, exp.Distinct)
        inner = argument.expressions[0] if distinct else argument
        if isinstance(inner, exp.Star) or inner is None:
            inner = exp.Literal.number(1)
        case = exp.Case(ifs=[exp.If(this=when.copy(), true=inner.copy())])
        agg.set("this", exp.Distinct(expressions=[case]) if distinct else case)
    return tree.sql(dialect=dialect)


def _grain_before(start: date, grain: str) -> date:
    months = {"month": 1, "quarter": 3, "year": 12}.get(grain)
    if months is None:
        return start - timedelta(days=7 if grain == "week" else 1)
    index = start.year * 12 + start.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _bucket_label(start: date, grain: str) -> str:
    """The label `_bucket_sql` gives the period starting at `start`, as an SQL literal."""
    if grain == "year":
        return str(start.year)
    if grain == "month":
        return f"'{start.year}-{start.month:02d}'"
    if grain == "quarter":
        return f"'{start.year}-Q{(start.month + 2) // 3}'"
    return f"'{start.isoformat()}'"


def _bucket_start_sql(grain: str, column: str, dialect: str) -> str:
    """The first day of the `grain` period holding `column`'s date, as a date the dialect compares."""
    c = column
    if dialect == "sqlite":
        return {
            "year": f"DATE({c}, 'start of year')",
            "quarter": f"DATE({c}, 'start of month', '-' || ((CAST(STRFTIME('%m', {c}) AS INTEGER) - 1) % 3) "
            "|| ' months')",
            "month": f"DATE({c}, 'start of month')",
        }.get(grain) or _bucket_sql(grain, c, dialect)
    if dialect == "mysql":
        return {
            "year": f"MAKEDATE(YEAR({c}), 1)",
            "quarter": f"(MAKEDATE(YEAR({c}), 1) + INTERVAL (QUARTER({c}) - 1) QUARTER)",
            "month": f"DATE_SUB(DATE({c}), INTERVAL DAYOFMONTH({c}) - 1 DAY)",
        }.get(grain) or _bucket_sql(grain, c, dialect)
    if grain in ("year", "quarter", "month"):
        return f"CAST(DATE_TRUNC('{grain}', {c}) AS DATE)"
    return _bucket_sql(grain, c, dialect)


def _bucket_sql(key: str, column: str, dialect: str) -> str:
    c = column
    year = {"sqlite": f"CAST(STRFTIME('%Y', {c}) AS INTEGER)", "mysql": f"YEAR({c})"}.get(
        dialect, f"EXTRACT(YEAR FROM {c})"
    )
    quarter_number = {"sqlite": f"(CAST(STRFTIME('%m', {c}) AS INTEGER) + 2) / 3", "mysql": f"QUARTER({c})"}.get(
        dialect, f"EXTRACT(QUARTER FROM {c})"
    )
    month_number = {"sqlite": f"CAST(STRFTIME('%m', {c}) AS INTEGER)", "mysql": f"MONTH({c})"}.get(
        dialect, f"EXTRACT(MONTH FROM {c})"
    )
    month = {
        "sqlite": f"STRFTIME('%Y-%m', {c})",
        "mysql": f"DATE_FORMAT({c}, '%Y-%m')",
        "duckdb": f"STRFTIME({c}, '%Y-%m')",
        "bigquery": f"FORMAT_DATE('%Y-%m', {c})",
    }.get(dialect, f"TO_CHAR({c}, 'YYYY-MM')")
    quarter = {
        "sqlite": f"STRFTIME('%Y', {c}) || '-Q' || ((CAST(STRFTIME('%m', {c}) AS INTEGER) + 2) / 3)",
        "mysql": f"CONCAT(YEAR({c}), '-Q', QUARTER({c}))",
        "duckdb": f"STRFTIME({c}, '%Y') || '-Q' || CAST(EXTRACT(QUARTER FROM {c}) AS VARCHAR)",
    }.get(dialect, f"TO_CHAR({c}, 'YYYY') || '-Q' || TO_CHAR({c}, 'Q')")
    week = {
        "sqlite": f"DATE({c}, '-6 days', 'weekday 1')",
        "mysql": f"DATE_SUB(DATE({c}), INTERVAL WEEKDAY({c}) DAY)",
    }.get(dialect, f"CAST(DATE_TRUNC('week', {c}) AS DATE)")
    day = {"sqlite": f"DATE({c})", "mysql": f"DATE({c})"}.get(dialect, f"CAST({c} AS DATE)")
    return {
        "year": year,
        "quarter_number": quarter_number,
        "month_number": month_number,
        "month": month,
        "quarter": quarter,
        "week": week,
        "day": day,
    }[key]
