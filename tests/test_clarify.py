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


CLUB = """
name: club
tables:
  - name: members
    base_table: {table: members}
    primary_key: {columns: [member_id]}
    time_dimensions:
      - {name: date_of_birth, expr: date_of_birth, description: Date of birth.}
      - {name: join_date, expr: join_date, description: Date the member signed up.}
    metrics:
      - {name: member_count, expr: COUNT(*)}
  - name: visits
    base_table: {table: visits}
    primary_key: {columns: [visit_id]}
    time_dimensions:
      - {name: visit_date, expr: visit_date}
relationships:
  - name: v_m
    left_table: visits
    right_table: members
    relationship_columns: [{left_column: member_id, right_column: member_id}]
"""


def test_new_is_not_asked_back_when_the_question_says_when_they_began() -> None:
    """ "New members ... count the members who signed up in 2025" defines new by the join date; asked without it,
    the choice is the join date, not the first date of the table (a birth date)."""
    model = parse_model(CLUB)
    assert (
        needs_clarifying("How many new members did we get in 2025? Count those who signed up in 2025.", model) is None
    )
    assert needs_clarifying("How many new members joined in 2025?", model) is None
    asked = needs_clarifying("How many new members did we get in 2025?", model)
    assert asked is not None
    labels = [choice.label for choice in asked.choices]
    assert any("join date" in label for label in labels) and not any("birth" in label for label in labels)
