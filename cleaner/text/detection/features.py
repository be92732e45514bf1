"""Step 2: a line's feature vector for the line models: its own facts and its context's.

The context of a line: the same facts of its neighbours, the density of running
text and of links around it, blank lines, section headers ("Related",
"Comments") above it, reader-comment markers nearby.

The model file (data/detect_model.json) holds one weight per feature in the
order of LineFeatures' fields, and lists their names: model.py checks that they
are these, in this order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import compress, repeat
from operator import add, and_, eq, ge, gt, lt, or_, truediv
from typing import NamedTuple

from ...vocabulary import AD, COMMENT, COOKIE, COPYRIGHT, CREDIT, NEWSLETTER, RELATED, SHARE
from .document import Document
from .structures import window_sums

_HEADER = RELATED | COMMENT | NEWSLETTER | SHARE | AD  # what a section header above a line says
HEADER_WORDS = 6  # a section header has at most this many words (and is no sentence)
HEADER_DECAY = 4  # after_header is exp(-lines since the last header / HEADER_DECAY)
NO_HEADER = -1000  # the "last header" above the first one: exp(-1000 / 4) is 0.0

RUNNING_WORDS = 20  # a line of this many words is running text ...
SENTENCE_WORDS = 6  # ... and so is a sentence of this many
STOP_LOW = 0.5  # stop_low: a line of STOP_LOW_WORDS words or more with less than this share
STOP_LOW_WORDS = 4  # of the page's stopword share (stop_rel)
STOP_REL_MAX = 2.0  # stop_rel is capped here
LINK_FULL = 0.8  # link_full: more than this share of the line is link text
SENTENCES_MAX = 5  # sentences: min(breaks, SENTENCES_MAX) / SENTENCES_MAX
SEPARATORS_MAX = 3  # separators: min(count, SEPARATORS_MAX) / SEPARATORS_MAX
INDENT_MAX = 20  # indent_off: min(|indent - body indent|, INDENT_MAX) / INDENT_MAX
PROSE_NEAR, PROSE_FAR = 3, 10  # prose_3, prose_10: prose words within 3 and 10 lines
COMMENT_RADIUS = 5  # comment_density: comment markers within 5 lines, over the 11 lines
LINK_RADIUS = 3  # link_window: link share of the 7 lines around

# Vocabulary groups that are features of the model (the others only name removals).
MODEL_GROUPS = (NEWSLETTER, COOKIE, COPYRIGHT, COMMENT, CREDIT)


class LineFeatures(NamedTuple):
    """One line's features, in the model file's order (a line's row, or a column of all lines')."""

    bias: float  # 1.0
    log_words: float  # log(1 + words)
    log_chars: float
    stop: float  # stopword share
    stop_rel: float  # ... relative to the page's prose (capped at STOP_REL_MAX; 1.0 with no language)
    stop_low: bool
    caps: float
    digits: float
    link: float
    link_full: bool
    sentences: float
    terminal: bool
    colon: bool
    ellipsis: bool
    bullet: bool
    heading: bool
    separators: float
    indent_body: bool  # indented as the page's prose
    indent_off: float
    repeated: bool
    phrase: bool
    copyright: bool
    clock: bool
    byline: bool
    hits: float  # log(1 + strong vocabulary words)
    hit_rate: float  # strong vocabulary words per word
    position: float  # 0.0 for the first line, 1.0 for the last
    prev_log_words: float
    prev_terminal: bool
    prev_stop_rel: float
    prev_link: float
    next_log_words: float
    next_terminal: bool
    next_stop_rel: float
    next_link: float
    prev2_log_words: float
    next2_log_words: float
    prev_caps: float
    next_caps: float
    next_repeated: bool
    gap_before: bool  # a blank line above
    prose_3: float  # log(1 + prose words within PROSE_NEAR lines)
    prose_10: float
    prose_3_rel: float  # ... relative to the page's densest such window
    prose_10_rel: float
    after_header: float  # decays with the lines since a section header
    comment_density: float
    link_window: float
    vocab_newsletter: int  # 1 when the line holds a word of the group, else 0
    vocab_cookie: int
    vocab_copyright: int
    vocab_comment: int
    vocab_credit: int


FEATURES: tuple[str, ...] = LineFeatures._fields  # vocab_*: MODEL_GROUPS (tests/test_vocabulary.py)


def prose_weights(doc: Document) -> list[float]:
    """How much prose each line holds: its words if it reads like running text, else 0."""
    c = doc.cols
    words, stop, link, ref = c.words, c.stop, c.link, doc.ref_stop
    weights = [0.0] * len(words)
    # running text: RUNNING_WORDS words or more, or a sentence of SENTENCE_WORDS or more
    # (a third of a page's lines or so); found with compress(), looked at alone
    running = map(
        or_, _at_least(words, RUNNING_WORDS), map(and_, c.terminal, _at_least(words, SENTENCE_WORDS))
    )
    for k in compress(range(len(words)), running):
        w = words[k]
        weights[k] = w * (min(1.0, stop[k] / ref) if ref else 1.0) * (1.0 - link[k])
    return weights


# Column helpers. The line features are computed a column at a time with map()
# over built-in operations, which CPython runs without a Python-level step per
# line: detection runs on every document, and comprehensions here cost it
# measurably more instructions a page (bench/instructions.py --stage model).


def _at_least(values, bound) -> map:
    """values[k] >= bound, for every k."""
    return map(ge, values, repeat(bound))


def _divided(values, by: float) -> map:
    """values[k] / by, for every k."""
    return map(truediv, values, repeat(by))


def _shift(values: list, by: int, fill=0) -> list:
    """values moved `by` places later (positive: each line sees the one `by` above) or
    earlier (negative), the gaps filled."""
    n = len(values)
    if by > 0:
        return [fill] * min(by, n) + values[: max(0, n - by)]
    return values[-by:] + [fill] * min(-by, n)


def _per_value(f, values: list[int]) -> map:
    """f of every value, computed once per distinct value (pages repeat a few small ints)."""
    return map({v: f(v) for v in set(values)}.__getitem__, values)


def _group(bit: int):
    """1 when a line's vocabulary holds the group `bit`, else 0 (for _per_value)."""
    return lambda bits: 1 if bits & bit else 0


def _after_header(doc: Document) -> list[float]:
    """exp(-d / HEADER_DECAY), d the lines since the last section header above the line
    (the header line itself counts from the one before): "Related", "Comments", short,
    no sentence, a header word or a phrase."""
    c = doc.cols
    n = len(c.words)
    # the few lines holding a header word or a phrase, found with compress()
    said = set(compress(range(n), map(and_, c.vocab, repeat(_HEADER)))).union(compress(range(n), c.phrase))
    headers = sorted(k for k in said if c.words[k] <= HEADER_WORDS and not c.terminal[k])
    since: list[float] = []
    last = NO_HEADER
    for k in [*headers, n - 1]:  # each stretch up to a header (then the last line), at once
        since += [math.exp(-d / HEADER_DECAY) for d in range(len(since) - last, k - last + 1)]
        last = k
    return since


def vectors(doc: Document) -> list[tuple[float, ...]]:
    """One feature vector per line, in the order of LineFeatures' fields."""
    c = doc.cols
    n = len(c.words)
    if not n:
        return []
    ref, body = doc.ref_stop, doc.body_indent
    words, terminal, link, caps, repeated = c.words, c.terminal, c.link, c.caps, c.repeated
    log_words = list(map(math.log1p, words))
    stop_rel = [min(STOP_REL_MAX, s / ref) for s in c.stop] if ref else [1.0] * n
    hit_rate = [0.0] * n
    for k in compress(range(n), c.hits):  # strong vocabulary words are on few lines
        hit_rate[k] = c.hits[k] / max(words[k], 1)
    # a blank line above: the line's number is past the last number the line above covers
    gaps = [False, *map(gt, doc.numbers[1:], map(add, doc.lasts, repeat(1)))]
    columns = LineFeatures(
        bias=repeat(1.0, n),
        log_words=log_words,
        log_chars=map(math.log1p, c.chars),
        stop=c.stop,
        stop_rel=stop_rel,
        stop_low=map(and_, _at_least(words, STOP_LOW_WORDS), map(lt, stop_rel, repeat(STOP_LOW))),
        caps=caps,
        digits=c.digits,
        link=link,
        link_full=map(gt, link, repeat(LINK_FULL)),
        sentences=_per_value(lambda v: min(v, SENTENCES_MAX) / SENTENCES_MAX, c.sentences),
        terminal=terminal,
        colon=c.colon,
        ellipsis=c.ellipsis,
        bullet=c.bullet,
        heading=c.heading,
        separators=_per_value(lambda v: min(v, SEPARATORS_MAX) / SEPARATORS_MAX, c.separators),
        indent_body=map(eq, c.indent, repeat(body)),
        indent_off=_per_value(lambda v: min(abs(v - body), INDENT_MAX) / INDENT_MAX, c.indent),
        repeated=repeated,
        phrase=c.phrase,
        copyright=c.copyright,
        clock=c.clock,
        byline=c.byline,
        hits=_per_value(math.log1p, c.hits),
        hit_rate=hit_rate,
        position=_divided(range(n), max(n - 1, 1)),
        **_neighbours(log_words, terminal, stop_rel, link, caps, repeated),
        gap_before=gaps,
        **_prose_around(doc),
        after_header=_after_header(doc),
        comment_density=_divided(window_sums(doc.markers, COMMENT_RADIUS), 2 * COMMENT_RADIUS + 1),
        link_window=_divided(window_sums(link, LINK_RADIUS), 2 * LINK_RADIUS + 1),
        **_vocabulary(c.vocab),
    )
    # The columns read across: one row a line, in LineFeatures' order. Plain tuples:
    # a LineFeatures a row would cost a second allocation a line (LineFeatures(*row)
    # names one when wanted).
    return list(zip(*columns))


def _neighbours(log_words, terminal, stop_rel, link, caps, repeated) -> dict[str, Iterable]:
    """Facts of the lines above and below each line (and two away), by feature name."""
    return {
        "prev_log_words": _shift(log_words, 1, 0.0),
        "prev_terminal": _shift(terminal, 1, False),
        "prev_stop_rel": _shift(stop_rel, 1, 0.0),
        "prev_link": _shift(link, 1, 0.0),
        "next_log_words": _shift(log_words, -1, 0.0),
        "next_terminal": _shift(terminal, -1, False),
        "next_stop_rel": _shift(stop_rel, -1, 0.0),
        "next_link": _shift(link, -1, 0.0),
        "prev2_log_words": _shift(log_words, 2, 0.0),
        "next2_log_words": _shift(log_words, -2, 0.0),
        "prev_caps": _shift(caps, 1, 0.0),
        "next_caps": _shift(caps, -1, 0.0),
        "next_repeated": _shift(repeated, -1, False),
    }


def _prose_around(doc: Document) -> dict[str, Iterable]:
    """How much prose is near each line (within PROSE_NEAR and PROSE_FAR lines), as is
    and relative to the most any line has, by feature name."""
    prose = prose_weights(doc)
    near, far = window_sums(prose, PROSE_NEAR), window_sums(prose, PROSE_FAR)
    near_max, far_max = max(near) or 1.0, max(far) or 1.0
    return {
        "prose_3": map(math.log1p, near),
        "prose_10": map(math.log1p, far),
        "prose_3_rel": _divided(near, near_max),
        "prose_10_rel": _divided(far, far_max),
    }


def _vocabulary(vocab: list[int]) -> dict[str, Iterable]:
    """Whether each line has words of each group of the vocabulary, by feature name."""
    return {
        "vocab_newsletter": _per_value(_group(NEWSLETTER), vocab),
        "vocab_cookie": _per_value(_group(COOKIE), vocab),
        "vocab_copyright": _per_value(_group(COPYRIGHT), vocab),
        "vocab_comment": _per_value(_group(COMMENT), vocab),
        "vocab_credit": _per_value(_group(CREDIT), vocab),
    }
