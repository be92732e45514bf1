"""A cleaned document as XML, in trafilatura's layout: a <doc> whose attributes are
the metadata, then <main>, <comments>, <removed> and <notes>."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Block, Inline, Result
from . import lists
from .text import Style

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text) -> str:
    return _NOT_XML.sub(" ", str(text))


def xml_doc(rec: dict, result: Result | None, style: Style = Style()) -> str:
    """A record as trafilatura's XML does it: a <doc> whose attributes are the
    metadata, then <main> (head, p, list/item (a numbered item's `n`, a nested
    list inside its item), table/row/cell, quote, code; hi and, with
    `style.links`, ref inside), <comments>, <removed> and <notes>."""
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
    """Line breaks and indentation between elements that hold only elements, and
    around a list nested in an item (ET.indent would put them inside paragraphs
    too, as text)."""
    if el.tag == "item":
        _indent_nested(el, depth)
    if el.tag not in _CONTAINERS or len(el) == 0:
        return
    el.text = "\n" + "  " * (depth + 1)
    for child in el:
        _indent(child, depth + 1)
        child.tail = "\n" + "  " * (depth + 1)
    el[-1].tail = "\n" + "  " * depth


def _indent_nested(item: ET.Element, depth: int) -> None:
    """A list inside an item on lines of its own (its words apart from the item's)."""
    for k, child in enumerate(item):
        if child.tag != "list":
            continue
        before = "\n" + "  " * (depth + 1)
        if k == 0:
            item.text = (item.text or "") + before
        else:
            item[k - 1].tail = (item[k - 1].tail or "") + before
        _indent(child, depth + 1)
        child.tail = "\n" + "  " * depth


def _xml_blocks(main: ET.Element, blocks: tuple[Block, ...], links: bool) -> None:
    import xml.etree.ElementTree as ET

    table: ET.Element | None = None
    items: list[Block] = []  # a run of list items, written where it ends
    for block in blocks:
        if items and block.kind != "item":
            _xml_lists(main, items, links)
            items = []
        if block.kind != "row":
            table = None
        if block.kind == "item":
            items.append(block)
        elif block.kind == "row":
            if table is None:
                table = ET.SubElement(main, "table")
            row = ET.SubElement(table, "row")
            for cell in block.cells:
                _xml_runs(ET.SubElement(row, "cell"), cell, links)
        elif block.kind == "heading":
            _xml_runs(ET.SubElement(main, "head", {"rend": f"h{block.level or 2}"}), block.runs, links)
        elif block.kind == "code":
            ET.SubElement(main, "code").text = _x("".join(r.text for r in block.runs) or block.text)
        else:
            _xml_runs(ET.SubElement(main, "quote" if block.kind == "quote" else "p"), block.runs, links)
    if items:
        _xml_lists(main, items, links)


def _xml_lists(main: ET.Element, items: list[Block], links: bool) -> None:
    """A run of items as <list rend="ul"> and <list rend="ol">, a list nested in an item
    inside it after its text (output.lists.depths); a numbered item's `n` its number
    (the page's or the text's: lists need not count 1, 2, 3)."""
    import xml.etree.ElementTree as ET

    open_lists: list[ET.Element] = []  # the outermost first
    for item, depth in zip(items, lists.depths(items)):
        rend = "ul" if item.number is None else "ol"
        del open_lists[depth + 1 :]
        if len(open_lists) > depth and open_lists[depth].get("rend") != rend:
            del open_lists[depth:]
        if len(open_lists) == depth:
            holder = open_lists[-1][-1] if depth else main  # (the last item of the list around it)
            open_lists.append(ET.SubElement(holder, "list", {"rend": rend}))
        number = {} if item.number is None else {"n": str(item.number)}
        _xml_runs(ET.SubElement(open_lists[depth], "item", number), item.runs, links)


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
