"""Matching the words of a question to stored values."""

from pathlib import Path

from chains.value_hints import ValueHint, find_value_hints, render_hints
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
