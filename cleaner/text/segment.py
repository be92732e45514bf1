"""Stage 3: text to blocks. One block per non-empty line, numbered from 1."""

from __future__ import annotations

from itertools import compress, count, repeat

from ..lazyre import lazy
from ..model import Line

# Characters that break lines or hide in text without being content.
_CONTROL = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINES = lazy(r"\r\n|\r|\u2028|\u2029|\x85")
_CONTROLS = tuple(map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)))  # what _CONTROL matches
_BREAKS = ("\r", "\u2028", "\u2029", "\x85")  # what _NEWLINES matches, one character each
# Zero-width characters, which str.strip keeps: inside a line they join or
# part glyphs (and stay), but a line of nothing else is blank on the page.
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060")
_UNSEEN = dict.fromkeys(map(ord, _INVISIBLE))  # str.translate table deleting them


def normalise(text: str) -> str:
    """One newline convention; other control characters become spaces (removing
    them would glue the words on either side together)."""
    # `in` scans a text many times faster than a regex does: most texts need neither.
    if any(map(text.__contains__, _BREAKS)):
        text = _NEWLINES.sub("\n", text)
    if any(map(text.__contains__, _CONTROLS)):
        text = _CONTROL.sub(" ", text)
    return text


def segment(text: str) -> list[Line]:
    """Split text into numbered lines; empty lines are dropped but keep their numbers."""
    if "\ufeff" in text:  # byte-order marks inside the text are no content (nor is a line of them)
        text = text.replace("\ufeff", "")
    # A line stripped of trailing whitespace is blank exactly when it is empty.
    raws = list(map(str.rstrip, normalise(text).split("\n")))
    if any(map(text.__contains__, _INVISIBLE)):  # a line of zero-width spaces shows as blank
        raws = [raw if raw.translate(_UNSEEN).strip() else "" for raw in raws]
    texts = filter(None, raws)
    # tuple.__new__: the same Line tuples without a Python-level call per line
    return list(map(tuple.__new__, repeat(Line), zip(compress(count(1), raws), texts, repeat(1))))


def paragraphs(lines: list[Line]) -> list[str]:
    """The output paragraphs of the kept lines: inner whitespace runs collapsed."""
    out = []
    for line in lines:
        p = " ".join(line.text.split())
        if p:
            out.append(p)
    return out
