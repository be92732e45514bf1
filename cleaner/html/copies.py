"""Copies of a run of blocks in one reading (part of the HTML stage).

resiliparse reads a page's markup as it stands, not as a browser shows it, so a
block the page gives twice (once for small screens and once for large ones, one
copy hidden by its style sheet) comes out twice in its readings: a product's
description, a forum post with its quote, a whole article. A repeated run of
blocks is such a copy when it is long enough not to be a grid's repeated labels
("Screen size", "Add to cart"), and made of prose, not of verse (a song's chorus,
a poem's refrain): at least COPY_MIN_BLOCKS blocks in a row, COPY_MIN_WORDS
words, and on average COPY_MIN_BLOCK_WORDS words a block.
The first copy stays; the later ones go. A single repeated paragraph stays.

Pure: lines in (as blocks.norm reads them), the numbers of the lines that
repeat an earlier run out.
"""

from __future__ import annotations

from collections.abc import Sequence

COPY_MIN_BLOCKS = 3
COPY_MIN_WORDS = 30
COPY_MIN_BLOCK_WORDS = 8  # verse lines are shorter (4 scores the same on the development pages)


def repeated_runs(line_keys: Sequence[str]) -> list[int]:
    """The 1-based numbers of the lines that repeat, in the same order, an earlier run
    of the text long enough to be a copy of it (see the module's docstring). The
    lines come as blocks.norm reads them; those without words (an empty key) are
    passed over: they neither start, end nor break a run."""
    keyed = list(enumerate(line_keys, start=1))
    worded = [number for number, key in keyed if key]
    keys = [key for _, key in keyed if key]
    sizes = [key.count(" ") + 1 for key in keys]
    first_at: dict[tuple[str, ...], int] = {}  # each window of blocks, where it first starts
    copies: list[int] = []
    at = 0
    while at + COPY_MIN_BLOCKS <= len(keys):
        window = tuple(keys[at : at + COPY_MIN_BLOCKS])
        earlier = first_at.setdefault(window, at)
        run = _run_length(keys, earlier, at) if earlier + COPY_MIN_BLOCKS <= at else 0
        words = sum(sizes[at : at + run])
        if run and words >= COPY_MIN_WORDS and words >= COPY_MIN_BLOCK_WORDS * run:
            copies.extend(worded[at : at + run])
            at += run
        else:
            at += 1
    return copies


def _run_length(keys: list[str], earlier: int, at: int) -> int:
    """How many blocks from `at` repeat those from `earlier`, the copy ending before `at`."""
    length = 0
    while at + length < len(keys) and earlier + length < at and keys[earlier + length] == keys[at + length]:
        length += 1
    return length
