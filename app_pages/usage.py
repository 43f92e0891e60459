"""Admin: questions per day, latency and tokens, and what the same tokens would have cost on a hosted API."""

from __future__ import annotations

import streamlit as st

from governance.usage import Prices, backend_costs, configured_aws_prices, configured_prices, daily_usage
from store.database import AppDatabaseError
from ui.identity import current_identity
from ui.store import audit_log
from ui.usage_charts import USAGE_COLUMNS, usage_chart

st.title("Usage")
if not current_identity().admin:
    st.error("Only administrators can see usage.", icon=":material/lock:")
    st.stop()
try:
    entries = audit_log().entries()
except AppDatabaseError as error:
    st.error(f"{error} Usage is not available until it is fixed.", icon=":material/error:")
    st.stop()

default = configured_prices()
prompt_slot, completion_slot = st.columns(2)
prices = Prices(
    prompt_per_1k=prompt_slot.number_input(
        "Hosted API price per 1k prompt tokens (USD)", min_value=0.0, value=default.prompt_per_1k, format="%.4f"
    ),
    completion_per_1k=completion_slot.number_input(
        "Hosted API price per 1k completion tokens (USD)", min_value=0.0, value=default.completion_per_1k, format="%.4f"
    ),
)
daily = daily_usage(entries, prices)
if daily.empty:
    st.info("No questions yet: usage appears here once people ask.")
    st.stop()

total, answered, tokens, cost, latency = st.columns(5)
questions = int(daily["questions"].sum())
total.metric("Questions", f"{questions:,}")
answered_share = float((daily["answered"] * daily["questions"]).sum() / questions)
answered.metric("Answered", f"{answered_share:.0%}", help="The query ran and returned rows.")
tokens.metric("Tokens", f"{int(daily['prompt_tokens'].sum() + daily['completion_tokens'].sum()):,}")
cost.metric("Same tokens on a hosted API", f"${daily['hosted_cost_usd'].sum():,.2f}")
latency.metric("Median seconds (latest day)", f"{daily['median_seconds'].iloc[-1]:.1f}")
st.subheader("Questions per day")
st.plotly_chart(usage_chart(daily, "questions"), config={"displaylogo": False}, theme=None)
st.subheader("Seconds to an answer")
st.plotly_chart(usage_chart(daily, "seconds"), config={"displaylogo": False}, theme=None)
st.dataframe(daily, hide_index=True, column_config=USAGE_COLUMNS)
st.caption(
    "Answered: the query ran and returned rows. Self-hosted, tokens cost the machine's time and nothing per "
    "token; the hosted figure is what the same prompts and completions would have cost at the prices above."
)
st.subheader("The same questions on AWS")
st.dataframe(backend_costs(daily, configured_aws_prices()), hide_index=True)
st.caption("Example list prices unless set in `[usage]` of secrets.toml; an endpoint bills every hour it runs.")
