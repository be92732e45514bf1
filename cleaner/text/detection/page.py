"""Step 3, the page: what kind of page this is, from its text alone (PageFeatures).

How much of it is running prose and how concentrated, how short its lines, how
many of them mark posts (a timestamp, a "username:", "Reply"), list items,
numbers (prices, specifications), links, questions, code. They feed the page
model, which says how much the page reads as an article (one body of prose)
rather than a thread, a product or docs page, or a listing (see model.py).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from ...lazyre import lazy
from . import structures
from .document import Document
from .features import prose_weights
from .shapes import holding

SHORT_LINE_WORDS = 4  # short_share: lines of at most this many words
LONG_LINE_WORDS = 20  # long_share: lines of at least this many
PEAK_RADIUS = 10  # prose_peak: the prose words within 10 lines of the densest line
SEPARATED = 2  # separator_share: lines with at least this many separators (breadcrumbs, menus)

# A price ("$49.00", "12,99 €") and a line of code (";" or braces at its end,
# "name(...)", "x = y"): facts of product grids and docs pages.
_PRICE = lazy(r"[$\u00a3\u20ac\u00a5]\s?\d|\d\s?[$\u00a3\u20ac\u00a5]|\b(?:USD|EUR|GBP)\b")
_PRICE_NEEDLES = ("$", "\u00a3", "\u20ac", "\u00a5", "USD", "EUR", "GBP")
_CODE_LINE = lazy(
    r"[;{}]\s*$"
    r"|^\s*[\w.]+\(.*\)\s*$"
    r"|^\s*[\w.\[\]]+\s*[+\-*/]?=\s*\S"
    r"|^\s*(?:def|class|import|from|return|const|let|var|function|public|private|#include)\b"
)
# What every line _CODE_LINE matches holds (looked for first: most lines hold none).
_CODE_NEEDLES = (
    ";",
    "{",
    "}",
    "(",
    "=",
    "def",
    "class",
    "import",
    "from",
    "return",
    "const",
    "let",
    "var",
    "function",
    "public",
    "private",
    "#include",
)


class PageFeatures(NamedTuple):
    """The page's features, in the model file's order. A share is of the lines with a word."""

    bias: float  # 1.0
    prose_share: float  # prose words (features.prose_weights) over all words
    log_words: float
    log_lines: float
    short_share: float
    terminal_share: float
    marker_share: float  # comment markers
    thread_share: float  # lines in a thread of comment markers
    bullet_share: float
    digits_share: float  # mean share of words that are numbers
    link_share: float  # mean share of link text
    caps_share: float  # mean share of capitalised words
    repeated_share: float
    colon_share: float
    prose_peak: float  # the densest window's share of the prose
    long_share: float
    log_prose_peak: float
    log_longest: float  # log(1 + words of the longest line)
    question_share: float
    price_share: float
    code_share: float
    clock_share: float
    separator_share: float
    thread_prose: float  # the prose among post markers: a forum's posts, not an article's comments


PAGE_FEATURES: tuple[str, ...] = PageFeatures._fields


def page_vector(doc: Document) -> PageFeatures:
    """The page's facts; lines without a word are left out."""
    c = doc.cols
    worded = [k for k, w in enumerate(c.words) if w]
    lines = len(worded) or 1
    total = sum(c.words) or 1

    def share(values) -> float:
        return sum(1 for k in worded if values[k]) / lines

    def mean(values) -> float:
        return sum(values[k] for k in worded) / lines

    prose = prose_weights(doc)
    prose_total = sum(prose)
    densest = max(structures.window_sums(prose, PEAK_RADIUS), default=0.0)
    visible = list(doc.visible)
    prices = 0
    joined = "\n".join(visible)
    # (every price holds a needle: a page without one needs no regex, not even compiled)
    if any(needle in joined for needle in _PRICE_NEEDLES) and _PRICE.search(joined):
        prices = sum(1 for k in holding(visible, _PRICE_NEEDLES) if _PRICE.search(visible[k]))
    code = sum(1 for k in holding(visible, _CODE_NEEDLES) if _CODE_LINE.search(visible[k]))
    threads = structures.threads(doc.markers)
    thread_prose = sum(p for p, in_thread in zip(prose, threads) if in_thread)
    return PageFeatures(
        bias=1.0,
        prose_share=prose_total / total,
        log_words=math.log1p(total),
        log_lines=math.log1p(lines),
        short_share=share([w <= SHORT_LINE_WORDS for w in c.words]),
        terminal_share=share(c.terminal),
        marker_share=share(doc.markers),
        thread_share=share(threads),
        bullet_share=share(c.bullet),
        digits_share=mean(c.digits),
        link_share=mean(c.link),
        caps_share=mean(c.caps),
        repeated_share=share(c.repeated),
        colon_share=share(c.colon),
        prose_peak=densest / prose_total if prose_total else 0.0,
        long_share=share([w >= LONG_LINE_WORDS for w in c.words]),
        log_prose_peak=math.log1p(densest),
        log_longest=math.log1p(max(c.words, default=0)),
        question_share=sum(1 for text in visible if text.endswith("?")) / lines,
        price_share=prices / lines,
        code_share=code / lines,
        clock_share=share(c.clock),
        separator_share=share([count >= SEPARATED for count in c.separators]),
        thread_prose=thread_prose / prose_total if prose_total else 0.0,
    )
