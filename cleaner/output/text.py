"""The output formats by name, and the default one: a Result's body as text."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..model import Result

# --format choices, and the extension of each with -o DIR (formats.py writes all but text)
FORMATS = ("text", "markdown", "jsonl", "json", "csv", "xml")
SUFFIXES = {
    "text": ".txt",
    "markdown": ".md",
    "jsonl": ".jsonl",
    "json": ".json",
    "csv": ".csv",
    "xml": ".xml",
}
NO_CONTENT = "no main content found"  # the note of a document whose cleaned text is empty
COMMENTS_LABEL = "Comments:"  # the line before the comments in text output


@dataclass(frozen=True)
class Style:
    """How a document is written, besides its format."""

    with_title: bool = False
    links: bool = False  # Markdown and XML: keep link targets
    comments: bool = False  # the records carry a comments field


def text_of(result: Result, with_title: bool = False) -> str:
    """The body as printed: paragraphs separated by a blank line, one final newline,
    nothing at all for an empty body; comments, when asked for, after a label."""
    parts = list(result.paragraphs)
    if with_title and result.title:
        parts.insert(0, result.title)
    if result.comments:
        parts += [COMMENTS_LABEL, *result.comments]
    return "\n\n".join(parts) + "\n" if parts else ""


def jsonl_line(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False) + "\n"
