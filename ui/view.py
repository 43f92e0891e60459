"""How one exchange looks: the question, then the summary, chart, table and SQL, or a friendly error."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from chains.answer import Answer, Outcome
from charts.choose import KIND_LABELS, ChartSpec, available_kinds, chart_as
from charts.format import format_value, humanize
from charts.frame import classify, prepare
from charts.render import FIGURE_KINDS, figure
from charts.summary import summarize
from charts.units import NO_UNITS, Units
from ui.adjustments import render_adjustments
from ui.computed import is_clarifying, render_clarification, render_how_computed
from ui.exports import render_exports
from ui.history import INTERRUPTED, Exchange
from ui.saving import render_save_button
from ui.sql_text import readable_sql
from ui.table import readable_table
from ui.text import plain
from ui.timings import render_timings
from ui.units import answer_units

MAX_METRICS = 4
NO_COLOUR = ""  # a selectbox showing None would read as "nothing chosen yet"
_HINTS = {
    Outcome.EMPTY_QUESTION: "Try a full question, for example “What was our total revenue in 2024?”",
    Outcome.CANNOT_ANSWER: "Try naming the table or the measure you mean, or check which warehouse is selected "
    "in the sidebar.",
    Outcome.MODEL_UNAVAILABLE: "Check the model's status in the sidebar, then ask again.",
    Outcome.WAREHOUSE_UNAVAILABLE: "Check the warehouse connection, or switch to the demo warehouse in the sidebar.",
    Outcome.REFUSED: "Only a single read-only query (SELECT) runs here. Ask for something to look up instead.",
    Outcome.FAILED: "Try rephrasing the question, or name the table and columns you mean.",
}
_EDITED_HINTS = {
    Outcome.REFUSED: "Only a single read-only SELECT runs here: edit the SQL and run it again.",
    Outcome.FAILED: "Fix the SQL in the editor below and run it again.",
}
_MILD = (Outcome.EMPTY_QUESTION, Outcome.CANNOT_ANSWER, Outcome.REFUSED)


def render_exchange(exchange: Exchange) -> None:
    render_question(exchange)
    with st.chat_message("assistant"):
        render_answer(exchange)


def render_question(exchange: Exchange) -> None:
    with st.chat_message("user"):
        if exchange.source == "edited_sql":
            st.markdown(f"Run edited SQL for “{plain(exchange.question)}”:")
            st.code(exchange.answer.sql or "", language="sql")
        else:
            st.markdown(plain(exchange.question) or "*(empty)*")


def render_answer(exchange: Exchange) -> None:
    answer = exchange.answer
    if exchange.source == "redraw":
        st.markdown(plain(exchange.note or ""))
        _chart(exchange)
        return
    if is_clarifying(answer):
        render_clarification(exchange)
    elif not answer.ok:
        _problem(exchange)
    else:
        assert answer.data is not None
        units = _units(exchange)
        if answer.caution:  # before the numbers, which look as finished as any others
            st.warning(plain(answer.caution), icon=":material/rule:")
        st.markdown(plain(summarize(answer.data, answer.question, answer.truncated, units)))
        render_how_computed(exchange)
        _chart(exchange)
        draw_table(answer, units)
    if answer.sql:
        _sql_editor(exchange)
        render_adjustments(answer, key=str(exchange.id))
    _footer(answer)


def _problem(exchange: Exchange) -> None:
    answer = exchange.answer
    message = answer.message or "Something went wrong while answering."
    hints = _EDITED_HINTS if exchange.source == "edited_sql" else {}
    hint = "" if message == INTERRUPTED else hints.get(answer.outcome) or _HINTS.get(answer.outcome, "")
    text = f"{plain(message)}\n\n{plain(hint)}".strip()
    if answer.outcome in _MILD:
        st.warning(text, icon=":material/warning:")
    else:
        st.error(text, icon=":material/error:")


def draw_table(answer: Answer, units: Units = NO_UNITS) -> None:
    assert answer.data is not None
    rows, config = readable_table(answer.data, units)
    st.dataframe(rows, hide_index=True, column_config=config)
    rows = f"{len(answer.data):,} row{'s' if len(answer.data) != 1 else ''}"
    if answer.truncated:
        st.caption(f"Showing the first {rows}: the result had more and was cut at the row cap.")
    else:
        st.caption(rows)


def _units(exchange: Exchange) -> Units:
    """The columns' units for the sentence, table, chart and exports alike: from the warehouse's comments, and
    from the definitions where the answer was computed from them (those win: a growth % is no amount)."""
    units = answer_units(exchange.answer.sql, exchange.warehouse_url)
    return Units({**units.by_column, **exchange.answer.units}) if exchange.answer.units else units


def _chart(exchange: Exchange) -> None:
    data = exchange.answer.data
    if data is None or data.empty:
        return
    units = _units(exchange)
    draw_chart(data, exchange.chart, key=f"chart-{exchange.id}", units=units)
    _chart_controls(exchange, data)
    _answer_actions(exchange)


def draw_chart(data: pd.DataFrame, spec: ChartSpec, key: str, units: Units = NO_UNITS) -> None:
    """The chart of a result: a Plotly figure, big numbers, or nothing for a table-only spec."""
    if spec.kind == "number":
        _metrics(data, spec, units)
    elif spec.kind in FIGURE_KINDS:
        try:
            # theme=None: the app's own chart look (charts.theme), the same as in exported files.
            chart = figure(data, spec, units)
            st.plotly_chart(chart, key=key, config={"displaylogo": False}, width="stretch", theme=None)
        except ValueError as error:
            st.info(f"This chart does not fit the result ({plain(str(error))}). Pick other axes or another chart.")


def _metrics(data: pd.DataFrame, spec: ChartSpec, units: Units) -> None:
    frame = prepare(data)
    measures = classify(frame).measures
    shown = ([spec.y] if spec.y in measures else []) + [m for m in measures if m != spec.y]
    shown = shown[:MAX_METRICS]
    for column, slot in zip(shown, st.columns(len(shown)), strict=True):
        slot.metric(humanize(column), format_value(frame[column].iloc[0], column, unit=units.unit_of(column)))


def _chart_controls(exchange: Exchange, data: pd.DataFrame) -> None:
    # Every widget shows exchange.chart through its `index`, never through preset session state: a rerun
    # that arrives with stale browser state (the sidebar's polling fragment can cause one) still shows
    # the chart that is drawn.
    frame = prepare(data)
    cols = classify(frame)
    spec = exchange.chart
    kinds = available_kinds(frame)
    if spec.kind not in kinds:
        kinds.append(spec.kind)
    slots = st.columns(4)
    slots[0].selectbox(
        "Chart",
        kinds,
        index=kinds.index(spec.kind),
        key=control_key(exchange, "kind"),
        format_func=KIND_LABELS.get,
        on_change=_on_kind,
        args=(exchange,),
    )
    if spec.kind == "table":
        return
    if spec.kind != "number":
        _axis(slots[1], "Slices" if spec.kind == "pie" else "X axis", list(frame.columns), exchange, "x")
    y_label = {"pie": "Slice sizes", "number": "Value"}.get(spec.kind, "Y axis")
    _axis(slots[1 if spec.kind == "number" else 2], y_label, cols.measures, exchange, "y")
    if spec.kind in ("line", "bar", "scatter"):
        _axis(slots[3], "Colour", [NO_COLOUR, *cols.categories], exchange, "color")


def control_key(exchange: Exchange, field: str) -> str:
    """The widget key of one chart control. It changes with each switch of chart kind, so the axis
    pickers start afresh from the new chart instead of keeping the old chart's choices."""
    return f"chart-{field}-{exchange.id}-{exchange.chart_version}"


def _axis(slot: DeltaGenerator, label: str, options: list[str], exchange: Exchange, field: str) -> None:
    current = getattr(exchange.chart, field) or NO_COLOUR
    if current not in options:
        options = [current, *options]
    slot.selectbox(
        label,
        options,
        index=options.index(current),
        key=control_key(exchange, field),
        format_func=lambda column: "None" if column == NO_COLOUR else humanize(column),
        on_change=_on_axis,
        args=(exchange, field),
    )


def _on_kind(exchange: Exchange) -> None:
    assert exchange.answer.data is not None
    kind = st.session_state[control_key(exchange, "kind")]
    exchange.chart = chart_as(exchange.answer.data, kind, exchange.chart)
    exchange.chart_version += 1


def _on_axis(exchange: Exchange, field: str) -> None:
    value = st.session_state[control_key(exchange, field)]
    exchange.chart = replace(exchange.chart, **{field: None if value == NO_COLOUR else value})


def _sql_editor(exchange: Exchange) -> None:
    with st.expander("SQL"):
        sql = readable_sql(exchange.answer.sql or "", exchange.warehouse_url)
        height = min(400, 40 + 22 * (sql.count("\n") + 1))
        st.text_area("SQL", value=sql, key=f"sql-{exchange.id}", height=height, label_visibility="collapsed")
        st.button(
            "Run this SQL",
            key=f"run-sql-{exchange.id}",
            on_click=_run_edited_sql,
            args=(exchange,),
            help="Runs through the same read-only check as the model's SQL.",
        )


def _run_edited_sql(exchange: Exchange) -> None:
    from ui.actions import run_edited_sql  # late: the chain's imports are heavy (see ui.resources)

    run_edited_sql(exchange, st.session_state[f"sql-{exchange.id}"])


def _answer_actions(exchange: Exchange) -> None:
    """Save and export. A redraw is exported but not saved: the answer it redraws is the one to save."""
    if exchange.answer.data is None:
        return
    save_slot, export_slot, _ = st.columns([1, 1, 4])
    if exchange.source != "redraw":
        with save_slot:
            render_save_button(exchange)
    with export_slot:
        units = _units(exchange)
        tag = f"answer {exchange.id}" + (" edited" if exchange.source == "edited_sql" else "")
        render_exports(
            exchange.answer.data, exchange.chart, exchange.question, key=f"export-{exchange.id}", units=units, tag=tag
        )


def _footer(answer: Answer) -> None:
    if answer.seconds:
        tries = len(answer.attempts)
        parts = [f"{answer.seconds:.1f} s"]
        if tries:
            parts.append(f"{tries} SQL attempt{'s' if tries != 1 else ''}")
        if answer.drafts:
            parts.append(f"{answer.agreeing} of {len(answer.drafts) + 1} drafts agree")
        if answer.model and tries:
            parts.append(answer.model)
        st.caption(" · ".join(parts))
        render_timings(answer)
