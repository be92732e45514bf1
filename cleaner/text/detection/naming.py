"""Step 5, naming: which detector removed a line, and its category.

Every removal says which detector made it: a specific one when its signal is
there (cookie-banner, copyright-footer, newsletter-prompt, share-prompt,
comment-thread, advertisement, byline, timestamp, teaser-list, related-links,
image-credit, navigation, headline-list, headline, duplicate-text), else
outside-main-region or low-text-density.
"""

from __future__ import annotations

from ...vocabulary import (
    AD,
    COMMENT,
    COOKIE,
    COPYRIGHT,
    CREDIT,
    DATE,
    NAV,
    NEWSLETTER,
    RELATED,
    SHARE,
    STRONG,
)
from .document import LineInfo

SHORT_WORDS = 12  # a line this short is named by a single signal (a vocabulary word, a clock)
MARKED_HITS = 2  # ... and a longer one by this many strong vocabulary words (or its first word)
BANNER_WORDS = 3  # a cookie banner has more words than this
DATE_DIGITS = 0.2  # a date word names a timestamp when this share of the words are numbers
NAV_WORDS = 3  # a navigation item has at most this many words
LINK_SHARE = 0.5  # a line with this share of link text is a link
HEADLINES = (4, 20)  # a headline-list item: this many words, no sentence, a list item or a link
HEADLINE = (3, 25)  # a headline (or standfirst) above the article: this many words, no sentence
HEADLINE_ABOVE = 3  # ... within this many lines above the main region
INHERIT_WORDS = 20  # a line this short with no signal takes the name of a banner above it

PLAIN = ("outside-main-region", "low-text-density")  # names that say only where a line was
# Names that a following line with no signal of its own takes over: a banner's buttons.
INHERITED = ("cookie-banner", "newsletter-prompt", "share-prompt", "comment-thread")
DUPLICATE = ("duplicate-text", "boilerplate")


def name(
    info: LineInfo, outside: bool, teaser: bool, thread: bool, menu: bool, above: bool
) -> tuple[str, str]:
    """(detector, category) for a line judged not to be article text.

    The most specific signal the line carries names it; lines with none are
    named by where they are: outside the main region, or a weak line inside it.
    """
    short = info.words <= SHORT_WORDS
    bits = info.vocab
    marked = short or info.hits >= MARKED_HITS or bool(info.lead & STRONG)
    if bits & COOKIE and marked and info.words > BANNER_WORDS:
        return "cookie-banner", "boilerplate"
    if info.copyright or (bits & COPYRIGHT and marked):
        return "copyright-footer", "boilerplate"
    if thread:
        return "comment-thread", "comment-box"
    if bits & NEWSLETTER and marked:
        return "newsletter-prompt", "newsletter"
    if bits & SHARE and marked:
        return "share-prompt", "share"
    if bits & COMMENT and marked:
        return "comment-thread", "comment-box"
    if bits & AD and marked:
        return "advertisement", "promo"
    if short and info.byline:
        return "byline", "metadata"
    if short and (info.clock or (bits & DATE and info.digits >= DATE_DIGITS)):
        return "timestamp", "metadata"
    if teaser:
        return "teaser-list", "related-links"
    if info.words <= NAV_WORDS and (
        menu or info.link >= LINK_SHARE or info.bullet or info.repeated or bits & NAV
    ):
        return "navigation", "navigation"
    if short and (bits & RELATED or info.phrase):
        return "related-links", "related-links"
    if short and bits & CREDIT:
        return "image-credit", "metadata"
    if short and info.separators >= 2:
        return "navigation", "navigation"
    if (
        HEADLINES[0] <= info.words <= HEADLINES[1]
        and not info.terminal
        and (info.bullet or info.link >= LINK_SHARE)
    ):
        return "headline-list", "related-links"
    if above and HEADLINE[0] <= info.words <= HEADLINE[1] and not info.terminal:
        return "headline", "metadata"  # just above the article: its title or standfirst
    if outside:
        return "outside-main-region", "boilerplate"
    return "low-text-density", "boilerplate"
