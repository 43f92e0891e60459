"""Chart words in what the user typed: "as a line chart" redraws the last result, no model needed."""

from __future__ import annotations

import re

_KIND_WORDS = {
    "line": "line",
    "lines": "line",
    "bar": "bar",
    "bars": "bar",
    "column": "bar",
    "columns": "bar",
    "pie": "pie",
    "donut": "pie",
    "doughnut": "pie",
    "scatter": "scatter",
    "scatterplot": "scatter",
    "linechart": "line",
    "barchart": "bar",
    "piechart": "pie",
    "number": "number",
    "metric": "number",
    "table": "table",
}
# Words that may surround a chart word in a pure "redraw it" request.
_FILLER = frozenset(
    {
        "a", "an", "the", "it", "this", "that", "these", "those", "them", "same", "result", "results", "data",
        "answer", "numbers", "as", "in", "into", "to", "with", "instead", "please", "pls", "now", "then", "ok",
        "okay", "rather", "just", "again", "show", "draw", "make", "plot", "display", "render", "put", "turn",
        "switch", "change", "use", "try", "give", "see", "view", "can", "could", "would", "you", "me", "us", "i",
        "we", "let", "lets", "let's", "how", "about", "what", "if", "chart", "graph", "diagram", "visual",
        "visualization", "visualisation", "type", "style", "kind", "form", "big", "single", "one", "only",
    }
)  # fmt: skip
_TOKEN = re.compile(r"[a-z']+")
_MENTION = re.compile(
    r"\b(line|bar|column|pie|donut|doughnut|scatter)\s+(?:chart|graph|plot|diagram)\b|\b(scatterplot|piechart|barchart|linechart)\b",
    re.IGNORECASE,
)


def chart_request(text: str) -> str | None:
    """The chart kind when the message only asks to redraw ("as a pie chart", "show it as bars"), else None."""
    words = _TOKEN.findall(text.lower())
    kinds = {_KIND_WORDS[w] for w in words if w in _KIND_WORDS}
    others = [w for w in words if w not in _KIND_WORDS and w not in _FILLER]
    if len(kinds) != 1 or others:
        return None
    return kinds.pop()


def mentioned_kind(question: str) -> str | None:
    """A chart kind named inside a real question ("revenue by region as a pie chart"), else None."""
    match = _MENTION.search(question)
    if not match:
        return None
    return _KIND_WORDS[(match.group(1) or match.group(2)).lower()]
