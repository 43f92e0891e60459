"""Eval sets on disk: `questions.json` plus `database/<db_id>/<db_id>.sqlite` (see /work/shared/eval/README.md)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path


class DatasetError(ValueError):
    """The eval set is malformed or a requested question is not in it; the message says what."""


@dataclass(frozen=True)
class Question:
    id: str
    db_id: str
    question: str
    gold_sql: tuple[str, ...]  # equally acceptable queries: a prediction matching any of them is correct
    hardness: str
    db_path: Path
    instructions: str | None = None

    @property
    def prompt_text(self) -> str:
        """What both systems are asked: the question, plus the set's instructions in parentheses if any.

        The only place instructions are joined to the question, so the app and the baseline see the same text.
        """
        return f"{self.question}\n({self.instructions})" if self.instructions else self.question

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db_path}"

    @property
    def content_key(self) -> str:
        """Changes when anything that decides this question's result changes, including the database file."""
        parts = [self.db_id, self.question, self.instructions or "", *self.gold_sql, _file_digest(self.db_path)]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def load_questions(directory: Path, ids_file: Path | None = None, limit: int | None = None) -> list[Question]:
    """The set's questions in file order, narrowed to the ids in `ids_file` (one a line), then to `limit` of them.

    The limit takes an evenly spaced sample across the file, not its head: eval sets are ordered by
    database, and a quick run should still see every database and every kind of question.
    """
    directory = directory.resolve()
    try:
        raw = json.loads((directory / "questions.json").read_text())
    except FileNotFoundError as error:
        raise DatasetError(f"No questions.json in {directory}.") from error
    questions = [_question(item, directory) for item in raw]
    if ids_file is not None:
        wanted = set(read_ids(ids_file))
        if missing := sorted(wanted - {q.id for q in questions}):
            raise DatasetError(f"{len(missing)} id(s) in {ids_file} are not in the dataset: {', '.join(missing[:5])}")
        questions = [q for q in questions if q.id in wanted]
    if limit is not None and limit < len(questions):
        questions = [questions[i * len(questions) // limit] for i in range(limit)]
    for db_path in {q.db_path for q in questions}:
        if not db_path.is_file():
            raise DatasetError(f"Missing database file {db_path}.")
    return questions


def read_ids(path: Path) -> list[str]:
    """One question id a line; blank lines and `#` comments are skipped."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def _question(item: dict, directory: Path) -> Question:
    try:
        gold = item["gold_sql"]
        gold_sql = (gold,) if isinstance(gold, str) else tuple(gold)
        if not gold_sql or not all(isinstance(g, str) and g.strip() for g in gold_sql):
            raise DatasetError(f"Question {item['id']} has no gold SQL.")
        db_id = str(item["db_id"])
        return Question(
            id=str(item["id"]),
            db_id=db_id,
            question=str(item["question"]),
            gold_sql=gold_sql,
            hardness=str(item.get("hardness") or "unknown"),
            db_path=directory / "database" / db_id / f"{db_id}.sqlite",
            instructions=str(item.get("instructions") or "").strip() or None,
        )
    except KeyError as error:
        raise DatasetError(f"A question in questions.json lacks the field {error}: {item!r:.200}") from error


@cache
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
