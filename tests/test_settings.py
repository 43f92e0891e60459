"""Query settings from the environment: the values the chain runs with, and a clear error for a wrong one."""

from __future__ import annotations

import pytest

from settings import query_settings


def test_drafts_and_when_they_are_written_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TABLETALK_DRAFTS", "3")
    monkeypatch.setenv("TABLETALK_DRAFTS_WHEN", "unsure")
    settings = query_settings()
    assert (settings.drafts, settings.drafts_when) == (3, "unsure")


def test_an_unknown_drafts_when_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TABLETALK_DRAFTS_WHEN", "sometimes")
    with pytest.raises(ValueError, match="always, unsure.*'sometimes'"):
        query_settings()
