"""Text shown to users as written: no Markdown, no LaTeX."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>#|$~])")


def plain(text: str) -> str:
    """Text shown as is: no markdown, no LaTeX from a stray `$`."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
