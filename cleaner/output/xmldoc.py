"""A cleaned document as XML, in trafilatura's layout: a <doc> whose attributes are
the metadata, then <main>, <comments>, <removed> and <notes>."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Block, Inline, Result
from .text import Style

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text) -> str:
    return _NOT_XML.sub(" ", str(text))


def xml_doc(rec: dict, result: Result | None, style: Style = Style()) -> str:
    """A record as trafilatura's XML does it: a <doc> whose attributes are the
    metadata, then <main> (head, p, list/item (a numbered item's `n`), table/row/cell, quote, code; hi
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
        kind = (block.kind, block.number is not None) if block.kind == "item" else block.kind
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
                rend = "ol" if block.number is not None else "ul"
                group, group_kind = ET.SubElement(main, "list", {"rend": rend}), kind
            # a numbered item's number (the text's, or its place in the page's <ol>): lists need not count 1, 2, 3
            number = {"n": str(block.number)} if block.number is not None else {}
            _xml_runs(ET.SubElement(group, "item", number), block.runs, links)
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
