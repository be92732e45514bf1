"""trafilatura's output judged block by block (part of the HTML stage).

Its blocks (paragraphs, headings, list items, table rows) are found back in the
page for what the markup says of them (share of link text, opening link); the
verdict rules (verdicts.py) mark the boilerplate ones with a rule id and a
category; and the text is rendered without them, or with them and the line
numbers of the removals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Removal

Verdict = tuple[str, str]  # (rule id, category)


_WORD = re.compile(r"\w+")


_SOURCE_BLOCKS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 dt dd td th blockquote figcaption caption div span section article".split()
)
SOURCE_MAX_CHARS = 3000  # longer source blocks are prose, not widgets: not looked up


@dataclass(frozen=True)
class _Source:
    """What the page's markup says of a block of text."""

    link_ratio: float = 0.0  # share of its text that is link text
    lead_link: bool = False  # its text starts with a link (a teaser's headline)


@dataclass(frozen=True)
class _Block:
    """One unit of trafilatura's text (a paragraph, heading, list item or table row)
    and what is known of it."""

    el: object  # the element in trafilatura's output tree
    tag: str  # p, head, item, row, quote...
    rend: str  # h1, h2... for headings
    text: str  # whitespace collapsed
    words: int
    src: _Source  # what the page's markup says of it
    list_id: int | None = None  # items of one list (rows of one table) share it

    @property
    def link_ratio(self) -> float:
        return self.src.link_ratio


_NO_SOURCE = _Source()


def _key(text: str) -> str:
    """A block's text as a lookup key: its words only, lower-cased, no spacing."""
    return "".join(_WORD.findall(text.lower()))


def sources(tree, wanted: set[str]) -> dict[str, _Source]:
    """Key of each wanted block -> what the page's markup says of it.

    trafilatura's output keeps a block's text but not where it came from; the
    text finds the source block again. Only blocks holding a link can have a
    link ratio, so the search starts from the page's links: each link, and the
    few blocks around it. A block with no link found keeps the default (no links).
    """
    found: dict[str, _Source] = {}
    if not wanted:
        return found
    haystack = "\n".join(wanted)  # a link matters only if its text is in a wanted block
    candidates: dict = {}
    for a in tree.iter("a"):
        text = a.text_content()
        if not text.strip() or len(text) > SOURCE_MAX_CHARS:
            continue
        key = _key(text)
        if not key or key not in haystack:
            continue
        if key in wanted:
            found[key] = _Source(1.0, True)  # a block that is one link
        for inner in a.iterdescendants(*_SOURCE_BLOCKS):
            inner_key = _key(inner.text_content())
            if inner_key in wanted:
                found[inner_key] = _Source(1.0, True)  # a block inside a link
        depth = 0
        for parent in a.iterancestors():
            depth += 1
            if depth > 4:
                break
            if parent.tag in _SOURCE_BLOCKS:
                candidates[parent] = None
    for el in candidates:
        text = el.text_content()
        if len(text) > SOURCE_MAX_CHARS:
            continue
        key = _key(text)
        if not key or key not in wanted or key in found:
            continue
        anchors = [_key(a.text_content()) for a in el.iter("a")]
        ratio = min(1.0, sum(len(a) for a in anchors) / len(key))
        found[key] = _Source(ratio, bool(anchors[0]) and key.startswith(anchors[0]))
    return found


def blocks(body, sources) -> list[_Block]:
    """The units trafilatura's text is made of, in order: paragraphs, headings, list items...

    `sources` maps a set of block keys to what the markup says of them (see the function `sources`).
    """
    out: list[_Block] = []
    if body is None:
        return out
    _wrap_loose_text(body)

    def add(el, tag, list_id=None):
        parts = ["".join(cell.itertext()) for cell in el] if tag == "row" else ["".join(el.itertext())]
        text = " ".join(" ".join(parts).split())
        if text:
            out.append(
                _Block(el, tag, el.get("rend") or "", text, len(_WORD.findall(text)), _NO_SOURCE, list_id)
            )

    # a list's (a table's) position in the body names its group: not id(child), which
    # lxml's element proxies give back to another element once this one is freed
    for position, child in enumerate(body):
        tag = child.tag
        if tag == "list":
            items = [i for i in child if i.tag == "item"]
            for item in items:
                add(item, "item", position)
        elif tag == "table":
            for row in child.iter("row"):
                add(row, "row", position)
        else:
            add(child, tag if isinstance(tag, str) else "?")
    if sources is not None:
        keys = {id(b): _key(b.text) for b in out if len(b.text) <= SOURCE_MAX_CHARS}
        found = sources(set(keys.values()))
        out = [replace(b, src=found.get(keys.get(id(b), ""), _NO_SOURCE)) for b in out]
    return out


def _wrap_loose_text(body) -> None:
    """Give text lying between the body's blocks (an element's tail) a <p> of its own,
    as trafilatura renders it on a line of its own."""
    from lxml.etree import Element

    if body.text and body.text.strip():
        p = Element("p")
        p.text, body.text = body.text, None
        body.insert(0, p)
    for child in list(body):
        if child.tail and child.tail.strip():
            p = Element("p")
            p.text, child.tail = child.tail, None
            child.addnext(p)


_MARK = re.compile("\u27e6(\\d+)\u27e7")
_MARK_STRIP = re.compile("\u27e6\\d+\u27e7")


def _snap(lines: list[str], number: int, probe: str, reach: int = 3) -> int:
    """The line number nearest `number` whose text holds `probe`, else `number`."""
    if not number or not probe or probe in lines[number - 1]:
        return number
    near = [
        n for n in range(max(1, number - reach), min(len(lines), number + reach) + 1) if probe in lines[n - 1]
    ]
    return min(near, key=lambda n: abs(n - number)) if near else number


def text_of(body) -> str:
    """trafilatura's text of `body` (its xmltotxt), as the page shows it. The text is
    changed for the time of the rendering only:
    - xmltotxt decodes character references in the text it renders, so a page that
      shows "&lt;" or "&amp;" (a tutorial on HTML, code) would come out with "<" or
      "&": the text's ampersands are escaped;
    - it writes an item's marker before the item's text as it stands, so an item whose
      markup opens with a line break ("<li>\n  What is covered?") would come out as a
      line "-" and its text on the next: the item's text starts at its first word."""
    from trafilatura.xml import xmltotxt

    changed = []
    for el in body.iter():
        for side in ("text", "tail"):
            value = shown = getattr(el, side)
            if value and "&" in value:
                shown = shown.replace("&", "&amp;")
            if side == "text" and el.tag == "item" and value and value[:1].isspace():
                shown = shown.lstrip()
            if shown != value:
                changed.append((el, side, value))
                setattr(el, side, shown)
    try:
        return xmltotxt(body, False)
    finally:
        for el, side, value in changed:
            setattr(el, side, value)


def render(
    body, blocks: list[_Block], verdicts: dict[int, Verdict], *, drop: bool = True
) -> tuple[str, tuple[Removal, ...]]:
    """trafilatura's text of the body without the judged blocks (with them when not
    `drop`), and the removals, numbered by line of the text with them."""
    from lxml.etree import Element

    if not verdicts:
        return text_of(body), ()
    # number the blocks' lines as trafilatura renders them: mark each block, render
    # once; that same rendering, markers stripped, is the text the numbers refer to
    marks = {k: f"\u27e6{k}\u27e7" for k in verdicts}
    markers = []
    for k, mark in marks.items():
        marker = Element("hi")
        marker.text = mark
        blocks[k].el.insert(0, marker)
        markers.append(marker)
    rendered = text_of(body)
    where = dict.fromkeys(marks, 0)  # 0: the block's line was not found
    for number, line in enumerate(rendered.split("\n"), start=1):
        if "\u27e6" in line:
            for k in map(int, _MARK.findall(line)):
                where[k] = where[k] or number
    text = _MARK_STRIP.sub("", rendered)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    for k in marks:  # a marker after text ending in a newline lands a line late
        where[k] = _snap(lines, where[k], " ".join(blocks[k].text.split())[:60])
    removed = tuple(Removal(*verdicts[k], where[k], blocks[k].text) for k in sorted(marks))
    if not drop:
        return text, removed
    for marker in markers:
        marker.getparent().remove(marker)
    for k in marks:
        el = blocks[k].el
        if el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(body):  # lists and tables left empty
        if el.tag in ("list", "table") and not "".join(el.itertext()).strip():
            body.remove(el)
    return text_of(body), removed


@lru_cache(maxsize=4096)  # a page's readings share most of their lines, each is keyed several times
def norm(text: str) -> str:
    """A block's words, lower-cased, one space apart: what two renderings of it share."""
    return " ".join(_WORD.findall(text.lower()))
