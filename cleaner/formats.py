"""Output formats: a cleaned document as text, Markdown, a JSON record (JSONL or
pretty JSON), a CSV row or an XML <doc>. Pure functions of a Result.

Field names follow trafilatura's where it has them (title, author, date, url,
hostname, sitename, language, pagetype, text, comments, id); the metadata
fields are whatever Result.metadata holds, in its order. Several documents in
one stream are framed by `framing`: a JSON array, one CSV header, an XML
<docs> root; one document stands alone (an object, a header and a row, a <doc>).
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .model import Block, Inline, Result
from .output import COMMENTS_LABEL, FORMATS, NO_CONTENT, SUFFIXES, display_name, text_of
from .structure import tidy

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

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


@dataclass(frozen=True)
class Style:
    """How a document is written, besides its format."""

    with_title: bool = False
    links: bool = False  # Markdown and XML: keep link targets
    comments: bool = False  # the records carry a comments field


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


# -- records: JSONL, JSON, CSV -------------------------------------------------


def _metadata_keys() -> tuple[str, ...]:
    return tuple(Result("", (), (), (), "text").metadata)


def record(
    result: Result | None,
    *,
    path: str | None,
    doc_id=None,
    url: str | None = None,
    error: str | None = None,
    comments: bool = False,
    warc_date: str | None = None,
) -> dict:
    """One document's record: its id (JSONL or WARC input), the WARC record's date, path,
    rule set (`source`), every metadata field, text, comments (when asked for), removals,
    notes and error (set, and text null, for a document that failed)."""
    rec: dict = {}
    if doc_id is not None:
        rec["id"] = doc_id
    if warc_date is not None:
        rec["warc_date"] = warc_date
    rec["path"] = display_name(path) if path is not None else None
    if result is None:
        rec["source"] = None
        rec.update(dict.fromkeys(_metadata_keys()))
        rec["url"] = url
        rec["text"] = None
        if comments:
            rec["comments"] = None
        rec.update({"removed": [], "notes": [], "error": error})
        return rec
    rec["source"] = result.source
    rec.update(result.metadata)
    rec["url"] = rec.get("url") or url
    rec["text"] = result.text
    if comments:
        rec["comments"] = "\n\n".join(result.comments)
    rec.update(
        {
            "removed": [
                {"id": r.by, "category": r.category, "line": r.line, "kind": r.kind, "chars": r.chars}
                for r in result.removals
            ],
            "notes": list(result.notes) + ([] if result.text else [NO_CONTENT]),
            "error": error,
        }
    )
    return rec


def csv_columns(comments: bool = False) -> list[str]:
    """A CSV row's columns: a record's fields, `removed` as characters per category."""
    return [
        "id",
        "path",
        "source",
        *_metadata_keys(),
        "text",
        *(["comments"] if comments else []),
        "removed",
        "notes",
        "error",
    ]


def csv_header(comments: bool = False) -> str:
    return _csv_line(csv_columns(comments))


def csv_row(rec: dict, comments: bool = False) -> str:
    """A record as one CSV row: `removed` as a JSON object of characters by category,
    `notes` joined with "; ", empty cells for null."""
    removed: dict[str, int] = {}
    for r in rec["removed"]:
        removed[r["category"]] = removed.get(r["category"], 0) + r["chars"]
    row = {**rec, "removed": json.dumps(removed, ensure_ascii=False), "notes": "; ".join(rec["notes"])}
    return _csv_line(["" if row.get(col) is None else str(row[col]) for col in csv_columns(comments)])


def _csv_line(cells: list[str]) -> str:
    import csv

    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue()


# -- Markdown ------------------------------------------------------------------

# What a line of plain text must not start with, lest Markdown read it as markup.
_LINE_START = re.compile(r"^(?:[-+=~#>]|\d{1,9}(?=[.)](?:\s|$)))")
_CLOSING_HASHES = re.compile(r"(^|\s)(#+\s*)$")  # what a heading would read as its closing marks
_INLINE_SPECIAL = re.compile(r"([\\`*\[\]<])|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w{1,32};)")


def escape(text: str, in_table: bool = False) -> str:
    """Plain text as Markdown that reads as that text (emphasis, link, code and HTML
    markers escaped; `|` too inside a table)."""
    text = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    if in_table:
        text = text.replace("|", "\\|")
    return text


def _escape_start(text: str) -> str:
    m = _LINE_START.match(text)
    if not m:
        return text
    if m.group(0)[0].isdigit():  # "2024. A year" is no list item: escape its dot
        end = m.end()
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _can_emphasise(before: str, text: str, after: str) -> bool:
    """Whether `*text*` between these characters reads as emphasis in CommonMark: its
    opening mark left-flanking, its closing mark right-flanking (a space, the
    start or the end counts as whitespace)."""
    first, last = text[0], text[-1]
    if first.isspace() or last.isspace():
        return False
    opens = not _punctuation(first) or before.isspace() or _punctuation(before)
    closes = not _punctuation(last) or after.isspace() or _punctuation(after)
    return opens and closes


def inline_markdown(runs: tuple[Inline, ...], links: bool, in_table: bool = False) -> str:
    """Runs as Markdown: **bold**, *italic*, `code`, [text](target) with `links`.
    Emphasis that Markdown would not read as such (`a**.**b`) is left out."""
    if not links:  # neighbours that differ only by their link are one run
        runs = tidy([run._replace(href=None) for run in runs])
    out: list[str] = []
    for k, run in enumerate(runs):
        text = run.text
        linked = bool(run.href and links)
        before = "[" if linked else (runs[k - 1].text[-1:] or " ") if k else " "
        after = "]" if linked else (runs[k + 1].text[:1] or " ") if k + 1 < len(runs) else " "
        if run.style == "code" and "`" not in text:  # (code holding backticks is written as text)
            body = f"`{text.strip()}`" if text.strip() else text
            if in_table:
                body = body.replace("|", "\\|")
        else:
            body = escape(text.strip(), in_table)
            touching = bool(out) and out[-1].endswith("*") and not text[:1].isspace()
            edges = (" " if text[:1].isspace() else before, " " if text[-1:].isspace() else after)
            if (
                body
                and run.style in ("b", "i")
                and not touching
                and _can_emphasise(edges[0], text.strip(), edges[1])
            ):
                mark = "**" if run.style == "b" else "*"
                body = f"{mark}{body}{mark}"
        if body and run.href and links:
            body = f"[{body}]({_target(run.href)})"
        if body.startswith("[") and out and out[-1].endswith("!") and not out[-1].endswith("\\!"):
            out[-1] = out[-1][:-1] + "\\!"  # "![" would make the link an image
        if text.strip():  # spaces stay outside the markers
            body = text[: len(text) - len(text.lstrip())] + body + text[len(text.rstrip()) :]
        else:
            body = text
        out.append(body)
    return "".join(out).strip()


def _target(href: str) -> str:
    """A link's target as Markdown writes it (in <> when it holds spaces or brackets;
    a bar, which would split a table's cell, percent-encoded)."""
    href = href.strip().replace("|", "%7C")
    if re.search(r"[\s()<>]", href):
        return "<" + href.replace("<", "%3C").replace(">", "%3E") + ">"
    return href


def markdown_of(result: Result, style: Style = Style()) -> str:
    """The body as Markdown: headings, lists, tables, quotes, code, emphasis and
    (with `style.links`) links, from Result.blocks (or the paragraphs, when the
    result was made without structure)."""
    parts: list[str] = []
    if style.with_title and result.title:
        parts.append("# " + escape(result.title))
    blocks = result.blocks or tuple(Block(0, "p", p, (Inline(p),)) for p in result.paragraphs)
    parts += _markdown_blocks(blocks, style.links)
    if result.comments:
        parts.append("## Comments")
        parts += [_escape_start(escape(c)) for c in result.comments]
    return "\n\n".join(parts) + "\n" if parts else ""


def _markdown_blocks(blocks: tuple[Block, ...], links: bool) -> list[str]:
    """Blocks as Markdown, one part per paragraph, list or table."""
    parts: list[str] = []
    group: list[str] = []  # the lines of a list or table being built
    group_kind = None
    columns = 0
    for block in blocks:
        kind = (block.kind, block.level > 0) if block.kind == "item" else block.kind
        if group and kind != group_kind:
            parts.append("\n".join(group))
            group, group_kind = [], None
        if block.kind == "row":
            cells = [inline_markdown(c, links, in_table=True) or " " for c in block.cells]
            if not group:
                columns = max(len(cells), 1)
                group = ["| " + " | ".join(cells) + " |", "|" + " --- |" * columns]
            else:
                cells = (cells + [" "] * columns)[:columns]
                group.append("| " + " | ".join(cells) + " |")
            group_kind = kind
        elif block.kind == "item":
            marker = f"{min(block.level, 999_999_999)}." if block.level else "-"
            group.append(f"{marker} {_escape_start(inline_markdown(block.runs, links))}")
            group_kind = kind
        elif block.kind == "heading":
            heading = _CLOSING_HASHES.sub(r"\1\\\2", inline_markdown(block.runs, links))
            parts.append("#" * max(1, min(block.level, 6)) + " " + heading)
        elif block.kind == "quote":
            parts.append("> " + _escape_start(inline_markdown(block.runs, links)))
        elif block.kind == "code":
            code = "".join(run.text for run in block.runs) or block.text
            fence = "````" if "```" in code else "```"
            parts.append(f"{fence}\n{code}\n{fence}")
        else:
            parts.append(_escape_start(inline_markdown(block.runs, links)))
    if group:
        parts.append("\n".join(group))
    return [p for p in parts if p.strip()]


# -- XML -----------------------------------------------------------------------

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text) -> str:
    return _NOT_XML.sub(" ", str(text))


def xml_doc(rec: dict, result: Result | None, style: Style = Style()) -> str:
    """A record as trafilatura's XML does it: a <doc> whose attributes are the
    metadata, then <main> (head, p, list/item, table/row/cell, quote, code; hi
    and, with `style.links`, ref inside), <comments>, <removed> and <notes>."""
    import xml.etree.ElementTree as ET

    attrs = {
        key: _x(value)
        for key, value in rec.items()
        if key not in ("text", "comments", "removed", "notes")
        and value is not None
        and not isinstance(value, (list, dict))
    }
    doc = ET.Element("doc", attrs)
    main = ET.SubElement(doc, "main")
    if result is not None:
        blocks = result.blocks or tuple(Block(0, "p", p, (Inline(p),)) for p in result.paragraphs)
        _xml_blocks(main, blocks, style.links)
        if style.comments:
            comments = ET.SubElement(doc, "comments")
            for text in result.comments:
                ET.SubElement(comments, "p").text = _x(text)
    removed = ET.SubElement(doc, "removed")
    for r in rec["removed"]:
        ET.SubElement(removed, "removal", {k: _x(v) for k, v in r.items()})
    notes = ET.SubElement(doc, "notes")
    for note in rec["notes"]:
        ET.SubElement(notes, "note").text = _x(note)
    _indent(doc)
    return ET.tostring(doc, encoding="unicode")


_CONTAINERS = frozenset({"doc", "main", "list", "table", "row", "comments", "removed", "notes"})


def _indent(el: ET.Element, depth: int = 0) -> None:
    """Line breaks and indentation between elements that hold only elements
    (ET.indent would put them inside paragraphs too, as text)."""
    if el.tag not in _CONTAINERS or len(el) == 0:
        return
    el.text = "\n" + "  " * (depth + 1)
    for child in el:
        _indent(child, depth + 1)
        child.tail = "\n" + "  " * (depth + 1)
    el[-1].tail = "\n" + "  " * depth


def _xml_blocks(main: ET.Element, blocks: tuple[Block, ...], links: bool) -> None:
    import xml.etree.ElementTree as ET

    group: ET.Element | None = None
    group_kind = None
    for block in blocks:
        kind = (block.kind, block.level > 0) if block.kind == "item" else block.kind
        if kind != group_kind:
            group, group_kind = None, None
        if block.kind == "row":
            if group is None:
                group, group_kind = ET.SubElement(main, "table"), kind
            row = ET.SubElement(group, "row")
            for cell in block.cells:
                _xml_runs(ET.SubElement(row, "cell"), cell, links)
        elif block.kind == "item":
            if group is None:
                rend = "ol" if block.level else "ul"
                group, group_kind = ET.SubElement(main, "list", {"rend": rend}), kind
            _xml_runs(ET.SubElement(group, "item"), block.runs, links)
        elif block.kind == "heading":
            _xml_runs(ET.SubElement(main, "head", {"rend": f"h{block.level or 2}"}), block.runs, links)
        elif block.kind == "code":
            ET.SubElement(main, "code").text = _x("".join(r.text for r in block.runs) or block.text)
        else:
            _xml_runs(ET.SubElement(main, "quote" if block.kind == "quote" else "p"), block.runs, links)


def _xml_runs(parent: ET.Element, runs: tuple[Inline, ...], links: bool) -> None:
    import xml.etree.ElementTree as ET

    last: ET.Element | None = None
    for run in runs:
        text = _x(run.text)
        if run.style or (run.href and links):
            el = ET.SubElement(parent, "ref", {"target": _x(run.href)}) if run.href and links else None
            if run.style:
                tag, attrs = ("code", {}) if run.style == "code" else ("hi", {"rend": f"#{run.style}"})
                el = ET.SubElement(el if el is not None else parent, tag, attrs)
            el.text = text
            last = parent[len(parent) - 1]  # the run's outermost element: the next text is its tail
        elif last is None:
            parent.text = (parent.text or "") + text
        else:
            last.tail = (last.tail or "") + text
