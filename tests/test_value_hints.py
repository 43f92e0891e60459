"""Matching the words of a question to stored values."""

from pathlib import Path

from chains.value_hints import ValueHint, find_value_hints, render_hints, without_waived
from connectors.warehouse import Warehouse

VALUES = {
    ("customers", "country"): ("Germany", "United States", "France"),
    ("customers", "segment"): ("Consumer", "Corporate", "Small Business"),
    ("products", "product_name"): ("Orbit 6 Pro Smartphone", "Orbit 6 Smartphone"),
    ("codes", "code"): ("1", "PP", "of"),
}


def test_case_insensitive_exact_match_gives_the_stored_spelling() -> None:
    hints = find_value_hints("How many customers in germany are small business?", VALUES)
    assert ValueHint("customers", "country", "Germany") in hints
    assert ValueHint("customers", "segment", "Small Business") in hints


def test_the_longest_match_wins_over_its_parts() -> None:
    hints = find_value_hints("Units of the Orbit 6 Pro Smartphone sold in 2025", VALUES)
    assert hints == [ValueHint("products", "product_name", "Orbit 6 Pro Smartphone")]


def test_near_misses_are_found() -> None:
    assert find_value_hints("sales in the united state", VALUES) == [ValueHint("customers", "country", "United States")]


def test_short_numeric_and_stopword_values_are_ignored() -> None:
    assert find_value_hints("What is 1 of the codes?", VALUES) == []


def test_a_value_that_names_a_table_is_no_hint_unless_quoted() -> None:
    values = {**VALUES, ("exceptions", "responsible_party"): ("Carrier", "Customer", "Weather")}
    tables = ["carriers", "customers", "exceptions", "delivery_companies"]
    question = "What was each carrier's on-time rate for customers in Germany?"
    assert find_value_hints(question, values, tables=tables) == [ValueHint("customers", "country", "Germany")]
    assert ValueHint("exceptions", "responsible_party", "Customer") in find_value_hints(question, values)
    quoted = find_value_hints("How many exceptions were the 'Carrier' party's fault?", values, tables=tables)
    assert quoted == [ValueHint("exceptions", "responsible_party", "Carrier")]
    weather = find_value_hints("Exceptions caused by weather", values, tables=tables)
    assert weather == [ValueHint("exceptions", "responsible_party", "Weather")]


def test_a_value_the_question_waives_is_no_hint() -> None:
    """ "paid or not" asks for every invoice: a filter on 'Paid' would answer another question."""
    values = {("invoices", "status"): ("Paid", "Open", "Void"), **VALUES}
    paid = ValueHint("invoices", "status", "Paid")
    assert find_value_hints("How much did we invoice in 2025, paid or not?", values) == []
    assert find_value_hints("Invoiced in 2025 whether or not the invoices were paid, by country", values) == []
    assert find_value_hints("Invoices in Germany, whatever their status", values) == [
        ValueHint("customers", "country", "Germany")
    ]
    assert find_value_hints("How much was paid in 2025?", values) == [paid]


def test_rendering_quotes_values_as_sql() -> None:
    text = render_hints([ValueHint("t", "c", "O'Brien")])
    assert "t.c = 'O''Brien'" in text
    assert render_hints([]) == ""


def test_values_come_from_the_warehouse(sqlite_file: Path) -> None:
    values = Warehouse(f"sqlite:///{sqlite_file}").text_values()
    assert set(values[("regions", "name")]) == {"Europe", "Asia", "Americas"}
    assert ("sales", "amount") not in values


INSURANCE_VALUES = {
    ("policies", "payment_plan"): ("Annual", "Monthly"),
    ("premium_payments", "payment_type"): ("Premium", "Refund"),
    ("customers", "customer_type"): ("Individual", "Business"),
    ("products", "line_of_business"): ("Home", "Motor", "Business"),
}
INSURANCE_COLUMNS = [
    ("policies", "annual_premium"),
    ("policies", "payment_plan"),
    ("premium_payments", "payment_type"),
    ("premium_payments", "amount"),
    ("customers", "customer_type"),
    ("customers", "business_sector"),
    ("products", "line_of_business"),
]


def hints_for(question: str) -> list[ValueHint]:
    tables = ["policies", "premium_payments", "customers", "products"]
    return find_value_hints(question, INSURANCE_VALUES, tables=tables, columns=INSURANCE_COLUMNS)


def test_words_that_name_a_column_name_no_value() -> None:
    """ "annual premium" is the column, not the 'Annual' payment plan; "line of business" is not the 'Business'
    customers."""
    assert hints_for("Total annual premium for each line of business in 2025") == []
    assert hints_for("Annual premium of policies paid monthly") == [ValueHint("policies", "payment_plan", "Monthly")]


def test_a_value_that_is_a_word_of_another_column_needs_its_table_or_column_named() -> None:
    """'Premium' is a word of annual_premium: "written premium" names no payment type, "premium payments" does."""
    assert hints_for("What was our written premium in 2025?") == []
    assert hints_for("How many premium payments failed?") == [ValueHint("premium_payments", "payment_type", "Premium")]
    assert hints_for("How many business customers renewed?") == [ValueHint("customers", "customer_type", "Business")]
    assert hints_for("Claims of 'Business' policies") == [
        ValueHint("customers", "customer_type", "Business"),
        ValueHint("products", "line_of_business", "Business"),
    ]


def test_a_column_name_that_is_also_a_stored_value_stays_a_value() -> None:
    values = {("policies", "business_type"): ("New business", "Renewal")}
    columns = [("policies", "business_type"), ("policies", "new_business")]
    hints = find_value_hints("How many new business policies in 2025?", values, columns=columns)
    assert hints == [ValueHint("policies", "business_type", "New business")]


def test_values_the_question_includes_among_the_others_are_no_hint() -> None:
    values = {("policies", "status"): ("Active", "Cancelled", "Expired")}
    assert find_value_hints("Premium of 2025 policies, including policies that were later cancelled", values) == []
    assert find_value_hints("Premium of 2025 policies, including the cancelled ones", values) == []
    assert find_value_hints("Premium of 2025 policies, cancelled ones included", values) == []
    assert find_value_hints("Premium of 2025 policies, including policies later cancelled", values) == []
    assert find_value_hints("Premium of cancelled policies in 2025", values) == [
        ValueHint("policies", "status", "Cancelled")
    ]


def test_every_one_of_a_kind_is_waived_not_picked_out() -> None:
    """ "Across all three plants", "for all our suppliers": nothing is picked out, so no word of it is a condition
    the answer would have to hold."""
    asked = "What was the total value of the purchase orders we placed in 2025, across all three plants?"
    assert "plants" not in without_waived(asked) and "2025" in without_waived(asked)
    assert "suppliers" not in without_waived("Total spend for all our suppliers in 2024")
    assert "Dayton" in without_waived("Total spend at the Dayton plant, of all orders")


def test_kinds_listed_alike_are_not_picked_out() -> None:
    """ "Residential, commercial and mixed-use buildings alike" keeps every kind; a list without "alike" names them."""
    asked = "Total rent billed in 2025 for residential, commercial and mixed-use buildings alike, by city"
    waived = without_waived(asked)
    assert "residential" not in waived and "commercial" not in waived and "by city" in waived and "2025" in waived
    assert "commercial" in without_waived("Total rent from residential and commercial buildings in 2025")
