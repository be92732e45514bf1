"""An HTML page's blocks by their words: headings, paragraphs, list items, table
rows, quotes and code, each with its formatting and links (model.Block).

The pipeline's text comes from one of several readings of the page
(trafilatura's, resiliparse's), one block a line, without markup;
`structure.blocks` finds each kept line's element here by its words, so that
Markdown and XML output get the page's own headings, lists and tables whichever
reading was chosen. Only called for structured output; imports lxml (through
trafilatura's loader) when called.
"""

from __future__ import annotations

from urllib.parse import urljoin

from ..model import Block, Inline
from ..structure import norm, tidy
from .page import parse

MAX_ELEMENTS = 60_000  # a page's first elements only: the index is a help, not a need
_KINDS = {
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "p": "p",
    "li": "item",
    "dt": "p",
    "dd": "p",
    "blockquote": "quote",
    "pre": "code",
    "tr": "row",
    "figcaption": "p",
    "td": "p",
    "th": "p",
}
_STYLES = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "code": "code",
    "kbd": "code",
    "samp": "code",
    "tt": "code",
}
_UNSEEN = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "img",
        "iframe",
        "head",
        "select",
        "button",
        "input",
        "textarea",
    }
)
_FURNITURE = frozenset({"nav", "header", "footer", "aside"})


def index(html: str, url: str | None = None) -> dict[str, Block]:
    """The page's blocks by their words (structure.norm); for words found in several
    elements, the first outside the page's furniture (nav, header, footer, aside).
    Empty when the page does not parse."""
    try:
        tree = parse(html)
    except Exception:  # noqa: BLE001 - no index is only less structure
        return {}
    if tree is None:
        return {}
    found: dict[str, Block] = {}
    in_furniture: set[str] = set()
    for count, el in enumerate(tree.iter(), start=1):
        if count > MAX_ELEMENTS:
            break
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        kind = _KINDS.get(tag)
        if kind is None:
            continue
        try:
            block = _block(el, tag, kind, url)
        except RecursionError:
            continue
        key = norm(block.text)
        if not key:
            continue
        furniture = any(isinstance(a.tag, str) and a.tag.lower() in _FURNITURE for a in el.iterancestors())
        if key not in found or (key in in_furniture and not furniture):
            found[key] = block
            if furniture:
                in_furniture.add(key)
            else:
                in_furniture.discard(key)
    return found


def _block(el, tag: str, kind: str, url: str | None) -> Block:
    if kind == "row":
        cells = tuple(
            tidy(_runs(cell, url))
            for cell in el
            if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")
        )
        text = " ".join(" ".join("".join(r.text for r in cell).split()) for cell in cells)
        return Block(0, "row", text, cells=cells)
    if kind == "code":
        text = "".join(el.itertext()).strip("\n")
        return Block(0, "code", " ".join(text.split()), (Inline(text, "code"),))
    found = tidy(_runs(el, url))
    text = " ".join("".join(r.text for r in found).split())
    if kind == "item":
        return Block(0, kind, text, found, number=_number(el))
    return Block(0, kind, text, found, int(tag[1]) if kind == "heading" else 0)


def _number(li) -> int | None:
    """A list item's number in its numbered list (its `start` counted), None in any other."""
    parent = li.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
        return None
    try:
        start = int(parent.get("start") or 1)
    except ValueError:
        start = 1
    before = sum(
        1 for sib in li.itersiblings(preceding=True) if isinstance(sib.tag, str) and sib.tag.lower() == "li"
    )
    return max(start + before, 1)


def _runs(el, url: str | None) -> list[Inline]:
    """The element's text in document order, each piece with its formatting and link."""
    out: list[Inline] = []
    # (node, style, href, tail?) worked through with a stack: pages nest deeper than recursion allows
    stack = [(el, "", None, False)]
    while stack:
        node, style, href, tail = stack.pop()
        if tail:
            if node.tail:
                out.append(Inline(node.tail, style, href))
            continue
        if node.text:
            out.append(Inline(node.text, style, href))
        for child in reversed(node):
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            stack.append((child, style, href, True))  # its tail, after it
            if not tag or tag in _UNSEEN:
                continue
            if tag == "br":
                stack.append((_Space, style, href, False))
                continue
            child_style = style if style else _STYLES.get(tag, style)
            child_href = href
            if tag == "a" and child.get("href") and not child.get("href").startswith(("#", "javascript:")):
                child_href = urljoin(url, child.get("href")) if url else child.get("href")
            stack.append((child, child_style, child_href, False))
    return out


class _SpaceNode:
    """What a <br> reads as: a space (a paragraph is one line)."""

    text = " "
    tail = None

    def __iter__(self):
        return iter(())

    def __reversed__(self):
        return iter(())


_Space = _SpaceNode()
