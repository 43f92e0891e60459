"""Admin: the selected warehouse's business definitions (semantic model): read, check, edit and save them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from connectors.errors import WarehouseError
from semantic.catalog import AUTO_DRAFT, model_file, save_model
from semantic.draft import draft_model
from semantic.spec import SemanticModel
from semantic.validate import Problem, validate
from semantic.yaml_io import SemanticModelError, dump_model, parse_model
from settings import semantic_model_setting
from ui.identity import current_identity
from ui.resources import selected_warehouse, warehouse_for

st.title("Business definitions")
if not current_identity().admin:
    st.error("Only administrators can see and edit the business definitions.", icon=":material/lock:")
    st.stop()

choice = selected_warehouse()
try:
    warehouse = warehouse_for(choice.url)
    schema = warehouse.schema()
    values = warehouse.text_values()
except WarehouseError as error:
    st.error(f"{error} The definitions cannot be checked until the warehouse can be read.", icon=":material/error:")
    st.stop()
editor_key = f"semantic-yaml::{choice.name}"
message_key = f"semantic-message::{choice.name}"


def _problems_of(text: str) -> tuple[SemanticModel | None, list[Problem]]:
    try:
        model = parse_model(text)
    except SemanticModelError as error:
        return None, [Problem(error.message, "", error.line)]
    return model, validate(model, schema)


def _start_from_draft() -> None:
    st.session_state[editor_key] = dump_model(draft_model(schema, values, name=choice.name))
    st.session_state[message_key] = ("info", "The editor holds the auto-draft. Nothing is saved until you save.", [])


def _check() -> None:
    model, problems = _problems_of(st.session_state[editor_key])
    if problems or model is None:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        st.session_state[message_key] = ("error", f"{count}:", [str(p) for p in problems])
    else:
        summary = (
            f"Valid: {len(model.tables)} tables, {len(model.metrics)} metrics, {len(model.filters)} named filters."
        )
        st.session_state[message_key] = ("success", summary, [])


def _forget_message() -> None:
    st.session_state.pop(message_key, None)


def _save() -> None:
    text = st.session_state[editor_key]
    _model, problems = _problems_of(text)
    if problems:
        st.session_state[message_key] = ("error", "Not saved: fix these first.", [str(p) for p in problems])
        return
    try:
        path = save_model(choice.name, text)
    except OSError as error:
        st.session_state[message_key] = ("error", f"Not saved: {error}", [])
        return
    st.session_state[message_key] = ("success", f"Saved to {path}. New questions use these definitions.", [])


try:
    path = model_file(choice.name, semantic_model_setting(choice.name))
    current_text = path.read_text(encoding="utf-8") if path else dump_model(draft_model(schema, values, choice.name))
    source = f"file {path}" if path else AUTO_DRAFT
except (SemanticModelError, OSError) as error:
    st.error(f"The configured definitions cannot be read: {error}", icon=":material/error:")
    current_text, source = dump_model(draft_model(schema, values, choice.name)), AUTO_DRAFT

st.caption(
    f"Warehouse **{choice.name}**. In use: "
    + (f"`{source[5:]}`." if source != AUTO_DRAFT else "the auto-draft, made from the schema alone (no file yet).")
)
current, current_problems = _problems_of(current_text)
if current_problems:
    st.warning(
        "The definitions in use have problems:\n\n" + "\n".join(f"- {p}" for p in current_problems),
        icon=":material/warning:",
    )


def _summary(model: SemanticModel) -> None:
    st.subheader("Metrics")
    st.dataframe(
        pd.DataFrame(
            [
                {"metric": m.name, "table": t.name, "SQL": m.expr, "unit": m.unit, "description": m.description}
                for t, m in model.metrics
            ]
        ),
        hide_index=True,
    )
    dimensions = [
        {"dimension": d.name, "table": t.name, "kind": kind, "SQL": d.expr, "examples": ", ".join(d.sample_values)}
        for kind, entries in (("time", model.time_dimensions), ("category", model.dimensions))
        for t, d in entries
    ]
    st.subheader("Dimensions")
    st.dataframe(pd.DataFrame(dimensions), hide_index=True)
    st.subheader("Named filters")
    if model.filters:
        st.dataframe(
            pd.DataFrame([{"filter": f.name, "table": t.name, "SQL": f.expr} for t, f in model.filters]),
            hide_index=True,
        )
    else:
        st.caption('None yet: a named filter gives a business term one meaning ("returning customer").')
    st.subheader("Verified questions")
    if model.verified_queries:
        for query in model.verified_queries:
            with st.expander(query.question):
                st.code(query.sql, language="sql")
    else:
        st.caption("None yet: a verified question pairs a question with SQL a person checked.")


if current is not None:
    _summary(current)

st.subheader("Edit")
if editor_key not in st.session_state:
    st.session_state[editor_key] = current_text
st.text_area(
    "Semantic model (YAML, in the shape of Snowflake Cortex Analyst's semantic model)",
    key=editor_key,
    height=480,
    on_change=_forget_message,
)
validate_slot, save_slot, draft_slot = st.columns(3)
validate_slot.button("Validate", key="semantic-validate", on_click=_check, icon=":material/fact_check:")
save_slot.button("Save", key="semantic-save", on_click=_save, type="primary", icon=":material/save:")
draft_slot.button(
    "Start from the auto-draft", key="semantic-draft", on_click=_start_from_draft, icon=":material/auto_fix_high:"
)
if message := st.session_state.get(message_key):
    kind, title, items = message
    body = title + ("\n\n" + "\n".join(f"- {item}" for item in items) if items else "")
    {"error": st.error, "success": st.success, "info": st.info}[kind](body)
