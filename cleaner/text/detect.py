"""Stage 5: generic boilerplate detection for text from sources no rule knows.

Pure: lines in, removals out. Nothing is read or built at import time; the
model (cleaner/data/detect_model.json) and the stoplists are read once, when
first needed.

How a page is read, in five steps, each a module of cleaner/text/detection/:

1. Facts (`document`, detection/document.py): shallow, language-aware facts
   about every line (words, stopwords, sentence punctuation, links, bullets,
   repeats, boilerplate vocabulary: cleaner/vocabulary.py), read through
   detection/words.py and detection/shapes.py.
2. Features (`vectors`, detection/features.py): a line's facts and its
   neighbours', as LineFeatures.
3. The page and the model (`page_vector`, detection/page.py;
   `article_probability`, `probabilities`, detection/model.py): how much the
   page reads as an article, and each line's probability of being main text.
4. Decoding (`keep_mask`, `loose_mask`, `comments_below`, `duplicates`,
   detection/decode.py): which lines stay.
5. Naming (detection/naming.py): which detector made each removal.

This module runs them in order (`detect`) and keeps the names callers use.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Line, Removal
from .detection import naming, structures
from .detection.decode import (  # noqa: F401
    ARTICLE,
    DUPLICATE_NGRAM,
    EDGE_WORDS,
    LEAD_WORDS,
    MIN_REGION_WORDS,
    SENTENCE_WORDS,
    T_EDGE,
    T_INSIDE,
    T_OTHER,
    T_OUTSIDE,
    T_PROMO,
    T_REGION,
    T_REGION_OTHER,
    comments_below,
    duplicates,
    keep_mask,
    loose_mask,
    main_region,
    region_threshold,
    sentence_like,
)
from .detection.document import HEAD, Columns, Document, LineInfo, document  # noqa: F401
from .detection.features import FEATURES, MODEL_GROUPS, LineFeatures, prose_weights, vectors  # noqa: F401
from .detection.model import (  # noqa: F401
    MIX_EPSILON,
    MODEL_FILE,
    MODEL_FORMAT,
    LineModel,
    Model,
    ModelFileError,
    article_probability,
    load_model,
    parse_model,
    probabilities,
)
from .detection.page import PAGE_FEATURES, PageFeatures, page_vector  # noqa: F401
from .detection.shapes import capitals as _capitals  # noqa: F401
from .detection.structures import MENU_WORDS  # noqa: F401
from .detection.words import PHRASE_WORDS, line_vocabulary  # noqa: F401


def detect(lines: Sequence[Line], protected: frozenset[int] = frozenset()) -> list[Removal]:
    """Return a Removal for every line judged not to be article text.

    `protected` holds line numbers that rules have marked as article text: they
    are never removed.
    """
    if not lines:
        return []
    doc = document(lines)
    article = article_probability(doc)
    probs = probabilities(doc, article)
    if article >= ARTICLE:
        keep, region = keep_mask(doc, probs, region_threshold(article))
        for k in comments_below(doc, keep, region[0]):
            keep[k] = False
    else:
        keep, region = loose_mask(doc, probs), (0, 0)
    return _removals(lines, doc, keep, region, duplicates(doc, keep), protected)


def _removals(
    lines: Sequence[Line],
    doc: Document,
    keep: list[bool],
    region: tuple[int, int],
    copies: set[int],
    protected: frozenset[int],
) -> list[Removal]:
    """A Removal, named, for every line that goes (not kept, or a copy), unless protected."""
    start, end = region
    threads = structures.threads(doc.markers)
    lasts, infos, teasers, menus = doc.lasts, doc.infos, doc.teasers, doc.menus
    removals = []
    previous, last = ("", ""), -2
    # Only the lines that go are looked at: a line named after the one above it
    # (a banner's buttons) must follow it directly, without a kept or blank line between.
    for k in sorted(copies.union(k for k, kept in enumerate(keep) if not kept)):
        line = lines[k]
        number = line.number
        if number in protected:
            continue
        if k - 1 != last or lasts[k - 1] + 1 < number:
            previous = ("", "")  # a kept line, or a blank line, ends a banner
        if k in copies:
            name = naming.DUPLICATE
        else:
            info = infos[k]
            name = naming.name(
                info,
                not start <= k < end,
                teasers[k],
                threads[k],
                menus[k],
                start - naming.HEADLINE_ABOVE <= k < start,
            )
            if (
                name[0] in naming.PLAIN
                and previous[0] in naming.INHERITED
                and info.words <= naming.INHERIT_WORDS
            ):
                name = previous  # "Accept" under a cookie banner, "E-Mail" after "Twitter"
        previous, last = name, k
        # tuple.__new__: the same Removal without the Python-level call of its __new__
        removals.append(tuple.__new__(Removal, (f"detect:{name[0]}", name[1], number, line.text, "line")))
    return removals
