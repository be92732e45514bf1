"""Notes: what a Result says about how its document was read, beside the text.

A note is a str (records, explain and -v print it as it is) that also carries its
kind, so that a caller tells a warning or a limit from a plain remark without
looking for words in it. Notes made as plain strings are remarks.
"""

from __future__ import annotations

from enum import Enum

LIMIT_PREFIX = "limit: "  # how a limit note starts, as records have always shown it


class NoteKind(Enum):
    REMARK = "remark"  # how the document was read: a reading chosen, markup removed...
    LIMIT = "limit"  # a size or element limit cut the document: part of it was not read
    WARNING = "warning"  # something for the user to fix: a rule that timed out and was skipped


class Note(str):
    """A note's text, with its kind (kept when a Result goes through a worker pool)."""

    kind: NoteKind

    def __new__(cls, text: str, kind: NoteKind = NoteKind.REMARK) -> Note:
        note = super().__new__(cls, text)
        note.kind = kind
        return note


def limit(text: str) -> Note:
    """A limit cut the document: `text` says which and what was left out."""
    return Note(LIMIT_PREFIX + text, NoteKind.LIMIT)


def warning(text: str) -> Note:
    """Something the user should fix (a rule of theirs that timed out)."""
    return Note(text, NoteKind.WARNING)


def kind_of(note: str) -> NoteKind:
    return getattr(note, "kind", NoteKind.REMARK)
