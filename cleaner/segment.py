"""Stage 3: text to blocks. One block per non-empty line, numbered from 1."""

from __future__ import annotations

import re

from .model import Line

# Characters that break lines or hide in text without being content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")


def normalise(text: str) -> str:
    """One newline convention; other control characters become spaces (removing
    them would glue the words on either side together)."""
    text = _NEWLINES.sub("\n", text)
    return _CONTROL.sub(" ", text)


def segment(text: str) -> list[Line]:
    """Split text into numbered lines; empty lines are dropped but keep their numbers."""
    # A line stripped of trailing whitespace is blank exactly when it is empty.
    return [Line(number, raw.replace("\ufeff", ""))
            for number, raw in enumerate(map(str.rstrip, normalise(text).split("\n")), start=1) if raw]


def paragraphs(lines: list[Line]) -> list[str]:
    """The output paragraphs of the kept lines: inner whitespace runs collapsed."""
    out = []
    for line in lines:
        p = " ".join(line.text.split())
        if p:
            out.append(p)
    return out
