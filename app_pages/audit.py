"""Admin: the audit log, filtered and exported."""

from __future__ import annotations

import streamlit as st

from exports.files import data_csv
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

user_slot, outcome_slot, since_slot, until_slot = st.columns(4)
user = user_slot.selectbox("User", ["Everyone", *users])
outcome = outcome_slot.selectbox(
    "Outcome",
    ["Any", "answered", "refused", "failed", "cannot_answer", "empty_question", "model_unavailable",
     "warehouse_unavailable"],
)  # fmt: skip
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
st.dataframe(entries, hide_index=True)
st.download_button(
    "Export as CSV",
    data=lambda: data_csv(entries),
    file_name="audit-log.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
)
