"""When a key term is asked back, without the model: a status word the definitions do not define and the data
does not store."""

from __future__ import annotations

from semantic.clarify import needs_clarifying
from semantic.yaml_io import parse_model

MODEL = """
name: insurer
tables:
  - name: customers
    base_table: {table: customers}
    primary_key: {columns: [customer_id]}
    time_dimensions:
      - {name: customer_since, expr: customer_since, data_type: DATE}
  - name: policies
    base_table: {table: policies}
    primary_key: {columns: [policy_id]}
    dimensions:
      - {name: business_type, expr: business_type, sample_values: [New business, Renewal]}
    time_dimensions:
      - {name: start_date, expr: start_date, data_type: DATE}
    metrics:
      - {name: policy_count, expr: COUNT(*)}
  - name: claims
    base_table: {table: claims}
    primary_key: {columns: [claim_id]}
    time_dimensions:
      - {name: reported_date, expr: reported_date, data_type: DATE}
relationships:
  - name: p_c
    left_table: policies
    right_table: customers
    relationship_columns: [{left_column: customer_id, right_column: customer_id}]
  - name: c_p
    left_table: claims
    right_table: policies
    relationship_columns: [{left_column: policy_id, right_column: policy_id}]
"""


def test_an_undefined_status_of_an_entity_with_activity_is_asked_back() -> None:
    asked = needs_clarifying("How many new customers did we win in 2025?", parse_model(MODEL))
    assert asked is not None and asked.term == "new customers" and len(asked.choices) > 1


def test_a_status_the_data_stores_is_not_asked_back() -> None:
    """'New business' is what a new policy is here: the question is answered with that value as its filter."""
    question = "How many new policies did we sell in 2025?"
    assert needs_clarifying(question, parse_model(MODEL)) is None
    unstored = MODEL.replace("sample_values: [New business, Renewal]", "sample_values: [Direct, Broker]")
    assert needs_clarifying(question, parse_model(unstored)) is not None
