"""The lists a run of list items makes, for the structured outputs (Markdown, XML)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Block


def depths(items: Sequence[Block]) -> tuple[int, ...]:
    """Each item's depth in the lists the items make, the outermost 0.

    The page's depths (Block.depth) count lists the text may not show (a layout
    list around the article, an item the cleaning took out): what counts is how
    an item's depth compares with those before it. An item deeper than the one
    before it opens a list inside that one, one level deeper however many the
    page has between them; a shallower one closes the lists deeper than itself,
    and opens one of its own if none left is as deep as it.
    """
    open_depths: list[int] = []  # the page's depth of each list open, the outermost first
    out = []
    for item in items:
        while open_depths and open_depths[-1] > item.depth:
            open_depths.pop()
        if not open_depths or open_depths[-1] < item.depth:
            open_depths.append(item.depth)
        out.append(len(open_depths) - 1)
    return tuple(out)
