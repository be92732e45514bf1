"""A shop's furniture around one product (part of the HTML stage).

On a page that declares a product (schema.org Product or Offer, og:type product),
the alternatives' readings keep what surrounds the product's description and
specifications: its customer reviews, and the shop's other products (related,
recommended, recently viewed, up-sold). Shops name these sections so, in the
class or id of the element that holds them; such elements are taken out of
resiliparse's tree before its readings are made. An element that holds more
than MAX_SHARE of the page's text is not a section but a wrapper (a body class
such as "reviews-enabled") and stays.

Works on resiliparse's tree (resiliparse.parse.html.HTMLTree), in place.
"""

from __future__ import annotations

SECTION_NAMES = ("review", "related", "recommend", "upsell", "recently")
MAX_SHARE = 0.5  # of the page's text, in characters

# the section names anywhere in a class or an id, in any case
_SELECTOR = ", ".join(f'[class*="{name}" i]' for name in SECTION_NAMES)


def prune_sections(tree) -> int:
    """Take the product page's review and other-product sections out of `tree`;
    how many elements were taken out."""
    body = tree.body
    if body is None:
        return 0
    most = MAX_SHARE * len(body.text)
    # decided before any is taken out: the outermost sections only, so that none is
    # read after an outer one has freed it
    doomed = [
        node
        for node in body.query_selector_all(_SELECTOR)
        if len(node.text) <= most and not _inside_section(node, most)
    ]
    for node in doomed:
        node.decompose()
    return len(doomed)


def _inside_section(node, most: float) -> bool:
    """Whether an ancestor of `node` below the body is a section that goes too."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.matches(_SELECTOR) and len(parent.text) <= most:
            return True
        parent = parent.parent
    return False
