"""What the command line names: one input, before it is read."""

from __future__ import annotations

from dataclasses import dataclass

STDIN = "-"  # how the command line names stdin
STDIN_LABEL = "<stdin>"  # what messages call it


@dataclass(frozen=True)
class Input:
    """One input document as named on the command line.

    `label` is what messages call it; `path` is None for stdin; `rel` is the
    path below DIR that its output keeps (sub-folders of a folder or `**` glob);
    `error` is set when the argument named nothing readable; `skipped` when
    a folder walk passed an entry over, with a note. Plain strings, not
    Path objects: a batch of 100,000 files keeps all of them in memory.
    """

    label: str
    path: str | None
    rel: str | None
    error: str | None = None
    skipped: str | None = None  # not a document: why it was passed over (a FIFO, a loop...)
    warc: bool = False  # a WARC file: each of its records is a document (see sniff.mark_inputs)
    jsonl: bool = False  # a JSONL dump: each of its lines is a document (see sniff.mark_inputs)
    blank: bool = False  # nothing but white space: a page or a dump, empty either way


def too_large(what: str, max_bytes: int) -> str:
    """The error of a document read from a stream (stdin, a JSONL line) past the limit."""
    return (
        f"{what} longer than the {max_bytes / (1024 * 1024):g} MB limit on one "
        "document (see --max-size); not read"
    )
