"""Sections a page names as not being its content (part of the HTML stage).

resiliparse's readings keep what the page's semantic furniture (nav, header,
footer, aside and their ARIA roles) does not hold. Pages also name sections in
the class or id of the element that holds them, and some names say plainly
that what is inside is not the page's content; such elements are taken out of
resiliparse's tree before its readings are made:

- on every page: a cookie or consent banner, a modal or pop-up, related
  stories or products, a shopping cart, pagination, a sign-up or login box,
  an announcement bar, a toolbar, a fly-out or mega menu, sharing buttons, a
  sponsor's box, trending stories, the links to the previous and next post,
  text for screen readers only ("visually-hidden"), and the related-content
  widgets of Outbrain and Taboola (FURNITURE_NAMES, a whole word of a class
  or id);
- on a page that declares a product: its customer reviews and the shop's other
  products, recommended, recently viewed, up-sold (SHOP_NAMES, anywhere in a
  class: "okeReviews", "product-reviews"; not in an id, which a review
  roundup uses for its sections' anchors: "best-kettle-review").

Names that say less were measured and left out: "newsletter" and "subscribe"
also name the subscriber-only body of an article, "footer", "sidebar" and
"banner" a layout's columns, "menu" and "nav" a restaurant's menu or the
navigation within a documentation page, "alert" and "notice" a documentation
page's call-outs, "widget" and "hidden" whole articles, "search" a listing's
results, "comment" a forum's posts; "ad", "carousel", "slider", "rating",
"cta", "disclosure", "read-more", "notification", "popular", "breadcrumb",
"sr-only" and "filter" lowered some page type too (each name was measured
alone, on both readings of every development page, and kept only if it
lowered none). An element that holds more than MAX_SHARE of the page's text
is a wrapper ("reviews-enabled" on the body's first div), not a section, and
stays.

Works on resiliparse's tree (resiliparse.parse.html.HTMLTree), in place.
"""

from __future__ import annotations

import re

FURNITURE_NAMES = (
    *("cookie", "consent", "modal", "popup", "related"),
    *("cart", "minicart", "pagination", "pager", "signup", "login"),
    *("announcement", "toolbar", "flyout", "megamenu", "sharing", "sponsor"),
    *("visually-hidden", "trending", "post-navigation", "outbrain", "taboola"),
)
SHOP_NAMES = ("review", "related", "recommend", "upsell", "recently")
MAX_SHARE = 0.5  # of the page's text, in characters

# what lexbor's CSS can ask for (a substring), then the exact test of a whole word
_FURNITURE_SELECTOR = ", ".join(f'[class*="{name}" i], [id*="{name}" i]' for name in FURNITURE_NAMES)
_FURNITURE_WORD = re.compile(rf"(?:^|[\s_-])(?:{'|'.join(FURNITURE_NAMES)})(?:[\s_-]|$)", re.IGNORECASE)
_SHOP_SELECTOR = ", ".join(f'[class*="{name}" i]' for name in SHOP_NAMES)


def text_chars(tree) -> int:
    """How long the text of the page's body is (in characters, as an element's text is
    counted: scripts and hidden elements included)."""
    return len(tree.body.text) if tree.body is not None else 0


def prune_furniture(tree, page_chars: int) -> int:
    """Take the sections every page may name as furniture out of `tree` (whose body's
    text_chars are `page_chars`); how many."""
    return _prune(tree, page_chars, _FURNITURE_SELECTOR, _names_furniture)


def prune_shop(tree, page_chars: int) -> int:
    """Take a product page's review and other-product sections out of `tree`; how many."""
    return _prune(tree, page_chars, _SHOP_SELECTOR, None)


def _names_furniture(node) -> bool:
    return bool(_FURNITURE_WORD.search(f"{node.getattr('class') or ''} {node.getattr('id') or ''}"))


def _prune(tree, page_chars: int, selector: str, accept) -> int:
    """Take out of `tree` the outermost elements `selector` finds (and `accept`, if
    given, confirms) that hold no more than MAX_SHARE of the page's text."""
    body = tree.body
    if body is None:
        return 0
    most = MAX_SHARE * page_chars
    # decided before any is taken out, in document order: an element inside one
    # already chosen is inside the last one chosen, and is not read again once freed
    doomed = []
    for node in body.query_selector_all(selector).values():  # (iterating the list itself is quadratic)
        if doomed and doomed[-1].contains(node):
            continue
        if (accept is None or accept(node)) and len(node.text) <= most:
            doomed.append(node)
    for node in doomed:
        node.decompose()
    return len(doomed)
