"""The cheap word check that decides whether to ask the model if a question is about the warehouse at all."""

from chains.relevance import said_no, shares_no_word_with
from connectors.schema import Column, Schema, Table

SCHEMA = Schema(
    dialect="sqlite",
    tables=(
        Table("singer", (Column("Singer_ID", "INT"), Column("Name", "TEXT"), Column("Age", "INT"))),
        Table("concert", (Column("concertName", "TEXT"), Column("Year", "TEXT")), comment="Concerts held in stadiums"),
    ),
)


def test_questions_about_the_schema_pass_without_a_model_call() -> None:
    assert not shares_no_word_with("How many singers are there?", SCHEMA)
    assert not shares_no_word_with("Names of concerts in 2014", SCHEMA)
    assert not shares_no_word_with("Which stadiums had shows?", SCHEMA)  # from the table comment


def test_a_question_sharing_no_word_is_suspect() -> None:
    assert shares_no_word_with("What will the weather be in Paris tomorrow?", SCHEMA)


def test_a_question_without_content_words_is_left_to_the_model() -> None:
    assert not shares_no_word_with("and in 2015?", SCHEMA)


def test_reply_parsing() -> None:
    assert said_no(" NO.") and said_no("no") and not said_no("YES") and not said_no("")
