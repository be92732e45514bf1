"""Structures a line sits in, over several lines: teaser lists, menus, reader-comment threads.

Read by the model's features and by the naming of removals alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, chain, compress, repeat
from operator import and_, sub

from ...vocabulary import COMMENT

TEASER_MIN_WORDS = 3  # a "..."-truncated line of at least this many words is a teaser blurb
TEASER_TITLE_WORDS = 20  # ... and a line beside it of at most this many words (no sentence) its title
MENU_WORDS = 4  # a menu item has at most this many words
MENU_LINES = 3  # ... and a menu is a run of at least this many of them
MARKER_WORDS = 8  # a comment marker (a timestamp, a byline, "Reply") has at most this many words
LABEL_MARKER_WORDS = 4  # ... and one ending with a colon ("jsmith says:") at most this many
THREAD_WINDOW = 4  # a thread: THREAD_MARKERS comment markers or more within this many lines
THREAD_MARKERS = 3


def window_sums(values: Sequence[float], radius: int) -> list[float]:
    """For every k, the sum of values[k - radius : k + radius + 1]."""
    n = len(values)
    sums = [0.0, *accumulate(values)]  # sums[k]: the sum of values[:k]
    # hi[k] = sums[min(k + radius + 1, n)], lo[k] = sums[max(k - radius, 0)], as
    # list slices (C-level: called several times a document)
    hi = sums[radius + 1 :] + [sums[n]] * min(radius, n)
    lo = [0.0] * min(radius, n) + sums[: max(0, n - radius)]
    return list(map(sub, hi[:n], lo[:n]))


def teasers(words: Sequence[int], terminal: Sequence[bool], ellipsis: Sequence[bool]) -> list[bool]:
    """Lines of a teaser list: "..."-truncated blurbs and the short titles next to them."""
    n = len(words)
    out = [False] * n
    for k in [k for k in range(n) if ellipsis[k]]:  # few lines end with "...": start from them
        if words[k] >= TEASER_MIN_WORDS:
            out[k] = True
            for j in (k - 1, k + 1):
                if 0 <= j < n and not terminal[j] and words[j] <= TEASER_TITLE_WORDS:
                    out[j] = True
    return out


def menus(words: Sequence[int], numbers: Sequence[int], lasts: Sequence[int]) -> list[bool]:
    """Lines in a run of MENU_LINES or more short lines with no blank line between: a menu."""
    out = [False] * len(words)
    run: list[int] = []
    for k, count in enumerate(words):
        if count > MENU_WORDS or (run and numbers[k] != lasts[run[-1]] + 1):
            if len(run) >= MENU_LINES:
                out[run[0] : run[-1] + 1] = [True] * len(run)
            run = []
        if count <= MENU_WORDS:
            run.append(k)
    if len(run) >= MENU_LINES:
        out[run[0] : run[-1] + 1] = [True] * len(run)
    return out


def comment_markers(
    words: Sequence[int],
    clock: Sequence[bool],
    byline: Sequence[bool],
    vocab: Sequence[int],
    colon: Sequence[bool],
) -> list[bool]:
    """Short lines that mark reader comments: "Reply", "jsmith says:", a timestamp, a byline."""
    n = len(words)
    out = [False] * n
    # Each signal is rare: the lines holding one are found with compress() and looked at alone.
    commented = map(and_, vocab, repeat(COMMENT))
    for k in chain(compress(range(n), clock), compress(range(n), byline), compress(range(n), commented)):
        if words[k] <= MARKER_WORDS:
            out[k] = True
    for k in compress(range(n), colon):
        if words[k] <= LABEL_MARKER_WORDS:
            out[k] = True
    return out


def threads(markers: Sequence[bool]) -> list[bool]:
    """Lines in a run of reader comments: THREAD_MARKERS markers or more within THREAD_WINDOW lines."""
    return [count >= THREAD_MARKERS for count in window_sums(markers, THREAD_WINDOW)]
