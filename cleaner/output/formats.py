"""Output formats: a cleaned document as text, Markdown, a JSON record (JSONL or
pretty JSON), a CSV row or an XML <doc>. Pure functions of a Result.

Field names follow trafilatura's where it has them (title, author, date, url,
hostname, sitename, language, pagetype, text, comments, id); the metadata
fields are whatever Result.metadata holds, in its order. Several documents in
one stream are framed by `framing`: a JSON array, one CSV header, an XML
<docs> root; one document stands alone (an object, a header and a row, a <doc>).
Each format is written by a module of its own (text, records, markdown, xmldoc);
this one chooses between them and frames what they write.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from ..model import Result
from .markdown import markdown_of
from .records import csv_header, csv_row, record
from .text import COMMENTS_LABEL, FORMATS, SUFFIXES, Style, text_of
from .xmldoc import xml_doc

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "COMMENTS_LABEL",
    "render",
    "framing",
    "standalone",
    "text_of",
    "record",
    "markdown_of",
    "xml_doc",
    "csv_row",
    "csv_header",
    "Style",
]
STRUCTURED = frozenset({"markdown", "xml"})  # the formats that need Result.blocks
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render(
    result: Result | None,
    fmt: str,
    style: Style = Style(),
    *,
    path: str | None = None,
    doc_id=None,
    url: str | None = None,
    error: str | None = None,
    warc_date: str | None = None,
) -> str | None:
    """One document in `fmt`, framed as if it stood alone except for JSON, CSV and
    XML, whose framing (see `framing`) the writer adds. None for a failed document
    in text and Markdown, which print nothing for it."""
    if fmt in ("text", "markdown"):
        if result is None:
            return None
        return text_of(result, style.with_title) if fmt == "text" else markdown_of(result, style)
    rec = record(
        result, path=path, doc_id=doc_id, url=url, error=error, comments=style.comments, warc_date=warc_date
    )
    if fmt == "jsonl":
        return json.dumps(rec, ensure_ascii=False) + "\n"
    if fmt == "json":
        return json.dumps(rec, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return csv_row(rec, style.comments)
    if fmt == "xml":
        return xml_doc(rec, result, style)
    raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")


class Framing(NamedTuple):
    """What comes before the first document, between two, and after the last."""

    head: str
    between: str
    tail: str
    indent: str = ""  # before each line of a document (a JSON array's objects)

    def frame(self, part: str, first: bool) -> str:
        """A document's rendering as it goes into the stream: after the head or a separator."""
        if self.indent:
            part = "".join(self.indent + line for line in part.splitlines(keepends=True))
        return (self.head if first else self.between) + part


def framing(fmt: str, many: bool, comments: bool = False) -> Framing:
    """The framing of documents in one stream or file: `many` documents (an array,
    a root element) or one."""
    if fmt == "json":
        # (a JSON string holds no raw line break: indenting lines cannot change a value)
        return Framing("[\n", ",\n", "\n]\n", "  ") if many else Framing("", "", "\n")
    if fmt == "csv":
        return Framing(csv_header(comments), "", "")
    if fmt == "xml":
        if many:
            return Framing(XML_DECLARATION + "<docs>\n", "\n", "\n</docs>\n")
        return Framing(XML_DECLARATION, "", "\n")
    return Framing("", "", "")


def standalone(fmt: str, part: str, comments: bool = False) -> str:
    """One document's rendering as a whole file (`-o DIR`)."""
    frame = framing(fmt, False, comments)
    return frame.frame(part, True) + frame.tail
