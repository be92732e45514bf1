"""Headings and lists trafilatura's reading left out between its own paragraphs
(part of the HTML stage).

When no container of the page looks like an article body, trafilatura gathers
the page's paragraphs one by one and keeps no heading and no list: a product
description, a service page or a guide comes out as paragraphs whose
sub-headings and bullet points are gone. What the page puts between paragraphs
the reading kept belongs with them:
- a heading right before a kept paragraph introduces it, and is put back before it;
- a list between two kept paragraphs (its neighbours on both sides) is put back
  between them, unless it is mostly links (navigation), or the reading already
  has lists (then it was not gathered paragraph by paragraph).
What is put back is judged like the rest of the reading (verdicts.py).
"""

from __future__ import annotations

import re

from .blocks import norm as _key
from .page import shown_line

_WORD = re.compile(r"\w+")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
HEADING_MAX_WORDS = 20  # longer "headings" are styled paragraphs, not titles of a section


def _paragraphs(body) -> tuple[dict, set[str]]:
    """The reading's paragraphs by their words, and the words of each of its blocks."""
    kept: dict = {}
    present: set[str] = set()
    for child in body:
        key = _key("".join(child.itertext()))
        present.add(key)
        if child.tag == "p" and key:
            kept.setdefault(key, child)
    return kept, present


def restore_headings(tree, body) -> int:
    """Put back, in trafilatura's output `body`, each heading of the page `tree` whose
    next paragraph in the page (with no other heading between) is a paragraph of the
    body. Changes `body` in place; returns how many headings were put back."""
    from lxml.etree import Element

    if body is None:
        return 0
    kept, present = _paragraphs(body)
    if not kept:
        return 0
    pending = None  # the last heading seen, not yet followed by a paragraph
    restored = 0
    for el in tree.iter(*_HEADINGS, "p"):
        if el.tag != "p":
            pending = el
            continue
        if pending is None:
            continue
        key = _key(el.text_content())
        if not key:
            continue
        heading, pending = pending, None
        target = kept.get(key)
        if target is None:
            continue
        text = shown_line(heading)
        heading_key = _key(text)
        if not heading_key or heading_key in present or len(heading_key.split()) > HEADING_MAX_WORDS:
            continue
        head = Element("head", rend=heading.tag)
        head.text = text
        target.addprevious(head)
        present.add(heading_key)
        restored += 1
    return restored


LIST_MAX_LINK_SHARE = 0.5  # a list more than half links is navigation, not part of the text
_NOT_TEXT = frozenset({"ul", "ol", "nav", "header", "footer", "aside", "form"})


def restore_lists(tree, body) -> int:
    """Put back each list of the page lying between two paragraphs the reading kept (its
    neighbours in the page on both sides), when the reading has no list at all: it was
    gathered paragraph by paragraph. A list mostly of links is left out."""
    from lxml.etree import Element, SubElement

    if body is None or body.find("list") is not None:
        return 0
    kept, present = _paragraphs(body)
    if not kept:
        return 0
    previous = None  # the reading's element of the last kept paragraph of the page
    waiting = []  # lists of the page seen since that paragraph
    restored = 0
    for el in tree.iter("p", "ul", "ol"):
        if el.tag != "p":
            if previous is not None and not any(a.tag in _NOT_TEXT for a in el.iterancestors()):
                waiting.append(el)
            continue
        key = _key(el.text_content())
        if not key:
            continue
        target = kept.get(key)
        anchor = previous if target is not None else None
        for found in waiting if anchor is not None else ():
            texts = (shown_line(li) for li in found.iterchildren("li"))
            items = [(text, key) for text, key in ((t, _key(t)) for t in texts) if key and key not in present]
            words = sum(len(key.split()) for _, key in items)
            links = sum(len(_WORD.findall(a.text_content())) for a in found.iter("a"))
            if not words or links > LIST_MAX_LINK_SHARE * words:
                continue
            restored_list = Element("list", rend=found.tag)
            for text, key in items:
                SubElement(restored_list, "item").text = text
                present.add(key)
            anchor.addnext(restored_list)
            anchor = restored_list
            restored += 1
        previous, waiting = target, []
    return restored
