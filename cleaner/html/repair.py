"""DOM repairs made on the parsed page before trafilatura sees it (part of the HTML stage).

An article body split in sibling containers (its text broken up by ads) is
merged back into the first one; containers named as widgets (comment boxes,
rate tickers, newsletter forms) are pruned. Both change the tree in place.
"""

from __future__ import annotations

import re

# Article bodies split in sibling containers of one class (the text broken up by
# ads): trafilatura takes the first container only.
_BODY_CLASS = re.compile(
    r"(?:article|story|entry|post)[-_]{0,2}(?:body|content|text)|articlebody|body[-_]{0,2}text", re.IGNORECASE
)
_NOT_BODY_CLASS = re.compile(
    r"comment|related|teaser|promo|card|recommend|sidebar|widget|list", re.IGNORECASE
)
MERGE_MIN_CHUNK = 250  # paragraph characters of a container to count as a chunk of the body


def merge_split_bodies(tree) -> bool:
    """Move the later chunks of a split article body into the first one. Returns True if done.

    Chunks: elements of one tag and one class naming an article body, none inside
    another, each with at least MERGE_MIN_CHUNK characters in paragraphs, within
    three levels of a common ancestor, and no <h1> in the later ones (that would be
    another article appended to the page).
    """
    groups: dict[tuple[str, str], list] = {}
    for el in tree.iter("div", "section", "article"):
        cls = el.get("class") or ""
        if el.get("itemprop") == "articleBody" or (
            _BODY_CLASS.search(cls) and not _NOT_BODY_CLASS.search(cls)
        ):
            groups.setdefault((el.tag, cls + "|" + (el.get("itemprop") or "")), []).append(el)
    merged = False
    for els in groups.values():
        if len(els) < 2:
            continue
        chunks = [e for e in els if not any(a in els for a in e.iterancestors())]
        chunks = [e for e in chunks if sum(len(p.text_content()) for p in e.iter("p")) >= MERGE_MIN_CHUNK]
        if len(chunks) < 2 or any(e.find(".//h1") is not None for e in chunks[1:]):
            continue
        first = chunks[0]
        anchors = set(list(first.iterancestors())[:3])
        if not all(anchors & set(list(e.iterancestors())[:3]) for e in chunks[1:]):
            continue
        for e in chunks[1:]:
            for child in list(e):
                first.append(child)
            parent = e.getparent()
            if parent is not None:
                parent.remove(e)  # its tail goes too: whitespace between containers
        merged = True
    return merged


# Containers that are widgets by name, whatever page they sit in: comment boxes,
# exchange-rate and market boxes, newsletter forms (trafilatura itself prunes
# related-story, share and ad boxes by name). Matched on each word of their id
# and class. Not pruned when they hold more than a couple of paragraphs or a
# good part of the page's text: then the name belongs to a wrapper of the article.
_WIDGET_WORD = re.compile(
    r"(?:wpdiscuz|wpd-|wc-comment|disqus|dsq-).*|comments?(?:[-_](?:area|wrap|wrapper|list|section|box|"
    r"form|container|block|count|title|header|widget))?|respond|reply-?form|"
    r".*(?:currency|currencies|exchange-?rates?|forex|stock-?quotes?|market-?data|newsletter|signup|sign-up).*"
)
_WIDGET_TAGS = ("div", "section", "aside", "ul", "ol", "table", "form")
WIDGET_MAX_PARAGRAPHS = 2
WIDGET_MAX_SHARE = 0.25  # of the page's text


def prune_widgets(tree) -> None:
    from trafilatura.xml import delete_element

    doomed = []
    for el in tree.iter(_WIDGET_TAGS):
        name = f"{el.get('id') or ''} {el.get('class') or ''}".lower().split()
        if any(_WIDGET_WORD.fullmatch(word) for word in name):
            doomed.append(el)
    if not doomed:
        return
    page = len(tree.text_content())
    for el in doomed:
        if el.getparent() is None or any(a in doomed for a in el.iterancestors()):
            continue
        if (
            sum(1 for _ in el.iter("p")) <= WIDGET_MAX_PARAGRAPHS
            and len(el.text_content()) <= WIDGET_MAX_SHARE * page
        ):
            delete_element(el, keep_tail=True)
