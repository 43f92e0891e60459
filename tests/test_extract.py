"""Taking the SQL out of what a model writes."""

import pytest

from chains.extract import CannotAnswer, extract_sql

SQL = "SELECT region, SUM(amount) FROM sales GROUP BY region"


@pytest.mark.parametrize(
    "reply",
    [
        SQL,
        SQL + ";",
        f"```sql\n{SQL}\n```",
        f"```SQL\n{SQL};\n```\nThis query sums the amount per region.",
        f"Here is the query:\n```sql\n{SQL}\n```",
        f"```\n{SQL}\n```",
        f"SQLQuery: {SQL}",
        f"SQLQuery: {SQL}\nSQLResult: ...",
        f"{SQL};\n\nThis query groups the sales by region.",
        f"{SQL}\n\nExplanation: it groups by region.",
        f"Sure! {SQL};",
        f"```sql\n{SQL}",  # unterminated fence (the model hit its token limit)
    ],
)
def test_sql_is_found(reply: str) -> None:
    assert extract_sql(reply) == SQL


def test_multiline_query_with_cte_is_kept_whole() -> None:
    sql = "WITH t AS (\n  SELECT a FROM x\n)\nSELECT a\nFROM t\nWHERE a > 1"
    assert extract_sql(f"```sql\n{sql}\n```") == sql


def test_semicolon_inside_a_string_does_not_cut() -> None:
    assert extract_sql("SELECT ';' AS sep, name FROM t; DROP TABLE t") == "SELECT ';' AS sep, name FROM t"


def test_only_the_first_statement_is_taken() -> None:
    assert extract_sql("```sql\nSELECT 1;\nDELETE FROM t;\n```") == "SELECT 1"


def test_no_sql_gives_none() -> None:
    assert extract_sql("I am not sure what you mean.") is None
    assert extract_sql("") is None


def test_refusal_carries_its_reason() -> None:
    with pytest.raises(CannotAnswer, match="no weather data"):
        extract_sql("CANNOT ANSWER: there is no weather data in these tables.")


def test_a_write_statement_is_taken_so_the_guard_can_refuse_it() -> None:
    assert extract_sql("```sql\nDELETE FROM orders WHERE status = 'Cancelled';\n```") == (
        "DELETE FROM orders WHERE status = 'Cancelled'"
    )
    assert extract_sql("I will update nothing; here you go:\nSELECT 1") == "SELECT 1"
