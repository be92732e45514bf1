"""Step 4, decoding: which lines stay, from the line probabilities.

On an article (`keep_mask`): the main region is the run of lines that
maximises sum(words * (p - t)): the article's contiguous body, with t lower
the less the page reads as an article. Its edges lose short lines the model
is unsure of (headline, byline, "About us") and take in the plain sentences
that border it. Lines outside it go unless the model is sure of them; inside
it only lines the model is sure are not text go, and a plain sentence never
does. A reader-comment thread under the article goes (`comments_below`). A
page with no region worth the name (a line or two, or one long line alone) loses
only furniture.

On a page that is no article (`loose_mask`): its content need not be one run
of prose (posts, code, list items, product rows), so a line goes only when the
model is sure it is no content or it is page furniture. Everywhere, a kept
line repeating earlier kept text goes (`duplicates`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ...vocabulary import CREDIT, FURNITURE
from . import structures
from .document import Document, LineInfo

T_REGION = 0.5  # the main region maximises the sum of words * (p - T_REGION) on an article
ARTICLE = 0.35  # a page the page model gives this much is an article: a main region, its comments go
T_REGION_OTHER = 0.4  # ... and of words * (p - T_REGION_OTHER) on a page that is none (mixed between)
T_OTHER = 0.25  # on a page that is no article (p < ARTICLE), a line stays when p >= T_OTHER
T_INSIDE = 0.2  # inside it, a line goes when p < T_INSIDE (and it is no plain sentence)
T_OUTSIDE = 0.9  # outside it, a line stays only when p >= T_OUTSIDE
T_EDGE = 0.9  # the region's first and last lines must be sentences, long or have p >= T_EDGE
EDGE_WORDS = 8  # ... where only lines of at most EDGE_WORDS words (or teasers) are trimmed
T_PROMO = 0.6  # inside it, a line opening with a boilerplate word or holding a phrase needs this
MIN_REGION_WORDS = 25  # a main region with fewer words is no evidence against the lines outside it
MIN_REGION_LINES = 2  # ... nor is one of a single line (a listing's blurb, a stray consent sentence)
SENTENCE_WORDS = 1  # a plain sentence has at least this many words
LEAD_WORDS = 10  # ... and when it opens with a boilerplate word ("Share prices ..."), this many
STOP_CHECK_WORDS = 4  # ... and, from this many words, a stopword share of at least
STOP_SHARE = 0.6  # ... STOP_SHARE times the page's prose (when its language is known)
LINK_SENTENCE = 0.5  # ... and less than this share of link text
DUPLICATE_NGRAM = 8  # a kept line whose 8-grams mostly occur in earlier kept text is a copy


def sentence_like(info: LineInfo, ref_stop: float) -> bool:
    """A plain sentence of running text: never removed from inside the main region.

    Ends like a sentence, has (if it has four words or more) as many stopwords
    as the page's prose when the language is known, is not link text, does
    not hold a boilerplate phrase, and does not start with a boilerplate word
    ("Share ...", "Subscribe ...", "Photo:") unless it runs to LEAD_WORDS
    words ("Comments from residents reached by phone described ..."). A
    one-word "Devastating." is a sentence too: a short paragraph is not
    boilerplate for being short.
    """
    return (
        info.terminal
        and info.words >= SENTENCE_WORDS
        and info.link < LINK_SENTENCE
        and (not ref_stop or info.words < STOP_CHECK_WORDS or info.stop >= STOP_SHARE * ref_stop)
        and not (info.lead & (FURNITURE | CREDIT) and info.words < LEAD_WORDS)
        and not info.phrase
    )


def region_threshold(article: float) -> float:
    """T_REGION on an article, T_REGION_OTHER on a page that is none, mixed in between."""
    return article * T_REGION + (1.0 - article) * T_REGION_OTHER


def main_region(weights: Sequence[float]) -> tuple[int, int]:
    """The run of lines [start, end) with the largest sum of weights; (0, 0) if none is positive."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for k, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, k
        total += w
        if total > best:
            best, best_start, best_end = total, start, k + 1
    return best_start, best_end


def _promo_lead(info: LineInfo) -> bool:
    """Opens with a boilerplate word ("Share ...", "Subscribe ...") and is shorter
    than a sentence that merely starts with one ("Comments from residents ...")."""
    return bool(info.lead & FURNITURE) and info.words < LEAD_WORDS


def _edges(doc: Document, probs: Sequence[float], start: int, end: int) -> tuple[int, int]:
    """The region trimmed of short lines and teasers that are no sentence and that
    the model is not sure of (a headline, a byline, "About us" under the last
    paragraph), then reaching out across lines without a word ("***", a stray
    "Â") to take in the plain sentences beyond."""
    infos, teasers, ref = doc.infos, doc.teasers, doc.ref_stop
    n = len(infos)

    def loose(k: int) -> bool:
        return (
            (infos[k].words <= EDGE_WORDS or teasers[k])
            and not sentence_like(infos[k], ref)
            and probs[k] < T_EDGE
        )

    while end > start and loose(start):
        start += 1
    while end > start and loose(end - 1):
        end -= 1
    if end > start:  # take in plain sentences that border the region
        k = start - 1
        while k >= 0 and (not infos[k].words or sentence_like(infos[k], ref)):
            if infos[k].words:
                start = k
            k -= 1
        k = end
        while k < n and (not infos[k].words or sentence_like(infos[k], ref)):
            if infos[k].words:
                end = k + 1
            k += 1
    return start, end


def keep_mask(
    doc: Document, probs: Sequence[float], threshold: float = T_REGION
) -> tuple[list[bool], tuple[int, int]]:
    """Which lines are article text, and the main region [start, end) they were chosen in.

    Lines without a word never stay.
    """
    infos, ref = doc.infos, doc.ref_stop
    start, end = main_region([max(words, 1) * (p - threshold) for words, p in zip(doc.cols.words, probs)])
    start, end = _edges(doc, probs, start, end)
    region = infos[start:end]
    if (
        sum(i.words for i in region) < MIN_REGION_WORDS
        or sum(1 for i in region if i.words) < MIN_REGION_LINES
    ):
        # No main region worth the name (a line or two of text, or one long line): nothing is removed
        # for lying outside it; only lines that look like page furniture (menus
        # included) go.
        keep = [
            bool(i.words)
            and (p >= T_INSIDE or i.terminal)
            and not (i.phrase or i.copyright or i.lead & FURNITURE or (menu and not i.terminal))
            for i, p, menu in zip(infos, probs, doc.menus)
        ]
        return keep, (0, 0)
    keep = []
    for k, (i, p) in enumerate(zip(infos, probs)):
        if start <= k < end:  # inside: a plain sentence, or a line the model does not doubt
            stays = sentence_like(i, ref) or (
                p >= T_INSIDE and not (p < T_PROMO and (i.phrase or _promo_lead(i)))
            )
        else:
            stays = False
        keep.append(bool(i.words) and (stays or p >= T_OUTSIDE))
    return keep, (start, end)


def loose_mask(doc: Document, probs: Sequence[float]) -> list[bool]:
    """Which lines stay on a page that is no article (a thread, a product, docs, a
    listing): its content need not be one run of prose, so there is no main
    region; a line goes when it is no plain sentence and the model is sure it is
    no content, or when it is page furniture (a boilerplate phrase, a copyright
    line, "Share"/"Login" leads) the model is unsure of."""
    ref = doc.ref_stop
    return [
        bool(i.words)
        and (sentence_like(i, ref) or p >= T_OTHER)
        and not (p < T_PROMO and (i.phrase or i.copyright or _promo_lead(i)))
        for i, p in zip(doc.infos, probs)
    ]


def comments_below(doc: Document, keep: Sequence[bool], start: int) -> list[int]:
    """On an article: the lines of the reader-comment thread under its text.

    A thread (three post markers within four lines: "jsmith says:", a timestamp,
    "Reply") whose first marker comes once the article has had MIN_REGION_WORDS
    words of its own is its comments; every thread line from that marker on goes.
    A thread that begins before them is the page's text, and its words do not
    count as the article's. On a page that is no article such a thread is the
    content (a forum's posts), and this is not asked.
    """
    threads = structures.threads(doc.markers)
    words, markers = doc.cols.words, doc.markers
    seen = 0
    early = False  # in a thread that began before the article had its words: posts, no comments
    for k in range(start, len(words)):
        early = early and threads[k]
        if threads[k] and markers[k]:
            if seen < MIN_REGION_WORDS:
                early = True
            elif not early:
                return [j for j in range(k, len(words)) if threads[j] and keep[j]]
        if keep[k] and not early:
            seen += words[k]
    return []


def duplicates(doc: Document, keep: Sequence[bool]) -> set[int]:
    """Kept lines whose text mostly repeats earlier kept text (a page's second copy of it)."""
    seen: set[tuple[str, ...]] = set()
    found = set()
    size = DUPLICATE_NGRAM
    for k, words in enumerate(doc.cols.words):
        if not keep[k] or words < size:
            continue
        tokens = doc.visible[k].lower().split()
        grams = set(zip(*(tokens[j:] for j in range(size))))
        if grams and len(grams & seen) * 2 >= len(grams):  # half of its n-grams or more seen
            found.add(k)
        else:
            seen |= grams
    return found
