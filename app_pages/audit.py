"""Admin: the audit log, filtered and exported."""

from __future__ import annotations

import streamlit as st

from charts.format import humanize
from exports.files import data_csv
from governance.access import display_name
from store.audit import AuditFilter
from store.database import AppDatabaseError
from ui.identity import current_identity
from ui.store import audit_log

st.title("Audit log")
if not current_identity().admin:
    st.error("Only administrators can see the audit log.", icon=":material/lock:")
    st.stop()
try:
    log = audit_log()
    users = log.users()
except AppDatabaseError as error:
    st.error(f"{error} The audit log is not available until it is fixed.", icon=":material/error:")
    st.stop()

OUTCOMES = ("answered", "refused", "failed", "cannot_answer", "empty_question", "model_unavailable",
            "warehouse_unavailable")  # fmt: skip
SOURCES = {
    "question": "Chat question",
    "edited_sql": "Edited SQL",
    "saved_query": "Saved query",
    "dashboard": "Dashboard",
}
COLUMNS = {
    "id": None,  # hidden: the order is newest first
    "at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm:ss", timezone="UTC"),
    "user_name": st.column_config.TextColumn("User"),
    "role": st.column_config.TextColumn("Role"),
    "connection": st.column_config.TextColumn("Warehouse"),
    "source": st.column_config.TextColumn("From"),
    "question": st.column_config.TextColumn("Question", width="large"),
    "sql": st.column_config.TextColumn("SQL", width="large"),
    "outcome": st.column_config.TextColumn("Outcome"),
    "message": st.column_config.TextColumn("Message"),
    "rows": st.column_config.NumberColumn("Rows", format="localized"),
    "seconds": st.column_config.NumberColumn("Seconds", format="%.1f"),
    "prompt_tokens": st.column_config.NumberColumn("Prompt tokens", format="localized"),
    "completion_tokens": st.column_config.NumberColumn("Completion tokens", format="localized"),
    "model": st.column_config.TextColumn("Model"),
}

user_slot, outcome_slot, since_slot, until_slot = st.columns(4)
user = user_slot.selectbox(
    "User", ["Everyone", *users], format_func=lambda u: u if u == "Everyone" else display_name(u)
)
outcome = outcome_slot.selectbox("Outcome", ["Any", *OUTCOMES], format_func=lambda o: humanize(o))
since = since_slot.date_input("From", value=None)
until = until_slot.date_input("Until", value=None)
text = st.text_input("Search", placeholder="Words from the question or the SQL")
entries = log.entries(
    AuditFilter(
        user_name=None if user == "Everyone" else user,
        outcome=None if outcome == "Any" else outcome,
        text=text,
        since=since,
        until=until,
    )
)
st.caption(f"{len(entries):,} entr{'y' if len(entries) == 1 else 'ies'}, newest first. The log is append-only.")
shown = entries.assign(
    outcome=entries["outcome"].map(humanize), source=entries["source"].map(lambda s: SOURCES.get(s, humanize(s)))
) if not entries.empty else entries  # fmt: skip
st.dataframe(shown, hide_index=True, column_config=COLUMNS)
st.download_button(
    "Export as CSV",
    data=lambda: data_csv(entries),
    file_name="audit-log.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
)
