"""Resumable runs: results appended to a JSON-lines file, keyed by question and a fingerprint of the system.

A result is reused only when the question (text, gold SQL, database file) and the system's fingerprint (prompt,
model, source code, package versions, settings) are all unchanged.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from settings import PROJECT_ROOT

PACKAGES = (
    "langchain-core",
    "langchain-classic",
    "langchain-community",
    "llama-cpp-python",
    "sqlglot",
    "sqlalchemy",
    "pandas",
)


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def source_digest(*relative_paths: str) -> str:
    """A hash of every Python file under the given project paths (files or directories)."""
    digest = hashlib.sha256()
    for relative in relative_paths:
        root = PROJECT_ROOT / relative
        files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for path in files:
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def package_versions() -> str:
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} missing")
    return ";".join(versions)


class ResultCache:
    """Appends each result as it is made, so an interrupted run resumes where it stopped."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._records: dict[str, dict[str, Any]] = {}
        self._needs_newline = False
        if path is not None and path.exists():
            text = path.read_text()
            self._needs_newline = bool(text) and not text.endswith("\n")
            for line in text.splitlines():
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut short when a run was killed
                self._records[entry["key"]] = entry["record"]

    def get(self, key: str) -> dict[str, Any] | None:
        return self._records.get(key)

    def put(self, key: str, record: dict[str, Any]) -> None:
        self._records[key] = record
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a") as handle:
            if self._needs_newline:
                handle.write("\n")
                self._needs_newline = False
            handle.write(json.dumps({"key": key, "record": record}) + "\n")
