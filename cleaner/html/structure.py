"""An HTML page's blocks by their words: headings, paragraphs, list items (their
numbers, depths and paragraphs), table rows, quotes and code, each with its
formatting and links (model.Block).

The pipeline's text comes from one of several readings of the page
(trafilatura's, resiliparse's), one block a line, without markup;
`structure.blocks` finds each kept line's element here by its words, so that
Markdown and XML output get the page's own headings, lists and tables whichever
reading was chosen. Only called for structured output; imports lxml (through
trafilatura's loader) when called.
"""

from __future__ import annotations

import re
from itertools import chain
from urllib.parse import urljoin

from ..model import Block, Inline
from ..structure import norm, tidy
from .page import parse

# HTML's rules for parsing integers (a longer number is no list's: left unread)
_INTEGER = re.compile(r"[\t\n\f\r ]*([-+]?[0-9]{1,12})(?![0-9])")
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
_LISTS = frozenset({"ul", "ol", "menu"})
# what a list item holds as paragraphs of their own
_PARAGRAPHS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 blockquote pre dl dt dd table tr section article figure figcaption"
    " header footer address details summary".split()
)
_BREAK = Inline("\n\n")  # between two of an item's paragraphs (tidy reads it as a space)


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
            blocks = [_block(el, tag, kind, url)]
            if kind == "item" and el.find(".//pre") is not None:
                # also by its words without its code: a reading may give the code a line of its own
                blocks.append(_block(el, tag, kind, url, skip=_LISTS | {"pre"}))
        except RecursionError:
            continue
        furniture = any(isinstance(a.tag, str) and a.tag.lower() in _FURNITURE for a in el.iterancestors())
        for block in blocks:
            key = norm(block.text)
            if key and (key not in found or (key in in_furniture and not furniture)):
                found[key] = block
                if furniture:
                    in_furniture.add(key)
                else:
                    in_furniture.discard(key)
    return found


def _block(el, tag: str, kind: str, url: str | None, skip: frozenset[str] = _LISTS) -> Block:
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
    if kind == "item":  # its own words (`skip`): a list nested in it has items of its own
        pieces = _runs(el, url, skip=skip, breaks=_PARAGRAPHS)
        found = tidy(pieces)
        paragraphs = tuple(p for p in map(tidy, _split(pieces)) if p)
        depth = max(sum(1 for a in el.iterancestors() if _is_any(a, _LISTS)) - 1, 0)
        return Block(
            0,
            kind,
            _text(found),
            found,
            number=_number(el),
            depth=depth,
            paragraphs=paragraphs if len(paragraphs) > 1 else (),
        )
    found = tidy(_runs(el, url))
    return Block(0, kind, _text(found), found, int(tag[1]) if kind == "heading" else 0)


def _text(found: tuple[Inline, ...]) -> str:
    return " ".join("".join(r.text for r in found).split())


def _number(li) -> int | None:
    """A list item's number as the page shows it, None outside a numbered list: its
    `value`, else the number of the item before it plus one (minus one in a `reversed`
    list); the first item's is its list's `start` (1, or in a reversed list its count
    of items)."""
    parent = li.getparent()
    if not _is(parent, "ol"):
        return None
    step = -1 if parent.get("reversed") is not None else 1
    after = 0  # the items from the last that says its number to this one
    for item in chain((li,), li.itersiblings(preceding=True)):
        if not _is(item, "li"):
            continue
        value = _integer(item.get("value"))
        if value is not None:
            return value + step * after
        after += 1
    start = _integer(parent.get("start"))
    if start is None:
        start = sum(1 for item in parent if _is(item, "li")) if step < 0 else 1
    return start + step * (after - 1)


def _is(el, tag: str) -> bool:
    return _is_any(el, (tag,))


def _is_any(el, tags) -> bool:
    return el is not None and isinstance(el.tag, str) and el.tag.lower() in tags


def _integer(value: str | None) -> int | None:
    """An attribute's integer as HTML reads it (what follows the digits ignored), None
    when it has none."""
    m = _INTEGER.match(value or "")
    return int(m.group(1)) if m else None


def _runs(
    el, url: str | None, skip: frozenset[str] = frozenset(), breaks: frozenset[str] = frozenset()
) -> list[Inline]:
    """The element's text in document order, each piece with its formatting and link
    (without what its elements of the tags `skip` hold; _BREAK around what those
    of the tags `breaks` hold, paragraphs of their own)."""
    out: list[Inline] = []
    # (node, style, href, tail?) worked through with a stack: pages nest deeper than recursion allows
    stack = [(el, "", None, False)]
    while stack:
        node, style, href, tail = stack.pop()
        if node is None:  # (a paragraph's edge)
            out.append(_BREAK)
            continue
        if tail:
            if node.tail:
                out.append(Inline(node.tail, style, href))
            continue
        if node.text:
            out.append(Inline(node.text, style, href))
        for child in reversed(node):
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            stack.append((child, style, href, True))  # its tail, after it
            if not tag or tag in _UNSEEN or tag in skip:
                continue
            if tag == "br":
                stack.append((_Space, style, href, False))
                continue
            child_style = style if style else _STYLES.get(tag, style)
            child_href = href
            if tag == "a" and child.get("href") and not child.get("href").startswith(("#", "javascript:")):
                child_href = urljoin(url, child.get("href")) if url else child.get("href")
            if tag in breaks:
                stack.append((None, "", None, False))
            stack.append((child, child_style, child_href, False))
            if tag in breaks:
                stack.append((None, "", None, False))
    return out


def _split(pieces: list[Inline]) -> list[list[Inline]]:
    """Runs cut where _runs marked a paragraph's edge."""
    parts: list[list[Inline]] = [[]]
    for run in pieces:
        if run is _BREAK:
            parts.append([])
        else:
            parts[-1].append(run)
    return parts


class _SpaceNode:
    """What a <br> reads as: a space (a paragraph is one line)."""

    text = " "
    tail = None

    def __iter__(self):
        return iter(())

    def __reversed__(self):
        return iter(())


_Space = _SpaceNode()
