"""The readings of a page (part of the HTML stage): trafilatura's (its fast mode, and
its comments on request), and the two alternatives resiliparse gives, judged again
with what the judging of trafilatura's blocks found; and the navigation shell,
a page with no reading worth taking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from ..model import Removal
from . import blocks as htmlblocks
from . import choice as htmlchoice
from . import sections
from . import verdicts as htmlverdicts
from .copies import repeated_runs
from .page import MAX_HTML_CHARS, WORDS, one_block_a_line

_LINE = attrgetter("line")  # a removal's line number

# A page with fewer words than this outside its navigation, header, footer and
# asides, and at least this share of its words in links, is a navigation shell
# with no main content (on the development pages: 4 of 1,595, 3 of which had
# nothing of their gold extracted anyway).
SHELL_MAX_WORDS = 10
SHELL_MIN_LINK_SHARE = 0.5


# trafilatura's settings for the reading: its fast mode (no comparison with readability
# and jusText: see the package's docstring, step 3), no comments, links or metadata
# (the metadata stage finds its own), tables kept
READING_SETTINGS = {
    "fast": True,
    "include_comments": False,
    "include_links": False,
    "include_tables": True,
    "with_metadata": False,
}


def trafilatura(tree, url: str | None, prune_xpath: tuple[str, ...]):
    """trafilatura's article (a Document with .body and .raw_text), or None. Copies the tree."""
    import trafilatura

    return trafilatura.bare_extraction(
        tree, url=url, prune_xpath=list(prune_xpath) or None, **READING_SETTINGS
    )


def comments(html: str, url: str | None) -> tuple[str, ...]:
    """The comments trafilatura finds on the page, one paragraph each (a second pass,
    for callers that ask for comments: the first leaves them out)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html[:MAX_HTML_CHARS], url=url, fast=True, include_comments=True, with_metadata=False
        )
    except (Exception, RecursionError):  # noqa: BLE001 - no comments is only less output
        return ()
    body = getattr(doc, "commentsbody", None)
    text = htmlblocks.text_of(body) if body is not None else ""
    return tuple(line for line in (" ".join(t.split()) for t in text.split("\n")) if line)


def valid_xpaths(expressions: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the expressions lxml compiles, the ones it does not)."""
    from lxml import etree

    good, bad = [], []
    for expression in expressions:
        try:
            etree.XPath(expression)
            good.append(expression)
        except (etree.XPathError, TypeError, ValueError):
            bad.append(expression)
    return tuple(good), tuple(bad)


@dataclass(frozen=True)
class Alternatives:
    texts: dict[str, str]  # by the names of htmlchoice.ALTERNATIVES
    page_words: int  # words of the page's whole visible text
    outside_words: int  # ... outside its furniture elements (before named sections go)


# what "page" leaves out: the page's furniture by element and by ARIA role
# (not forms: some sites wrap the whole page in one)
_FURNITURE = [
    "nav",
    "header",
    "footer",
    "aside",
    "select",
    "button",
    "dialog",
    '[role="navigation"]',
    '[role="banner"]',
    '[role="contentinfo"]',
    '[role="complementary"]',
    '[role="dialog"]',
    '[aria-hidden="true"]',
    'a[href^="#"][class*="skip" i]',  # "Skip to content", a link for keyboards and screen readers
]


# resiliparse reads <figure> and <figcaption> as media and leaves them out whole unless
# asked for images' alt texts, which are not content; but a figure also holds tables
# (WordPress's wp-block-table), quotes, code and captions: its tags are read as <div>s
_FIGURE_TAG = re.compile(r"<(/?)fig(?:ure|caption)\b", re.IGNORECASE)


def resiliparse(html: str, product_page: bool = False) -> Alternatives | None:
    """The alternatives to trafilatura's text, as resiliparse reads the page; None where
    resiliparse is not installed. They leave out the sections the page names as furniture,
    and on a `product_page` its reviews and the shop's other products (sections.py)."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        return None
    html = _FIGURE_TAG.sub(r"<\1div", html)
    tree = HTMLTree.parse(html)
    # noscript read too: some forums (Discourse) give their posts there, to readers without scripts
    whole = extract_plain_text(tree, main_content=False, alt_texts=False, noscript=True)
    page_chars = sections.text_chars(tree)
    pruned = sections.prune_shop(tree, page_chars) if product_page else 0
    pruned += sections.prune_furniture(tree, page_chars)
    texts = {
        "main": extract_plain_text(tree, main_content=True, alt_texts=False),
        "page": _outside_furniture(tree),
    }
    outside = len(WORDS.findall(texts["page"]))
    if pruned and outside < SHELL_MAX_WORDS:  # what navigation_only counts: before the sections went
        outside = len(WORDS.findall(_outside_furniture(HTMLTree.parse(html))))
    return Alternatives(texts, len(WORDS.findall(whole)), outside)


def _outside_furniture(tree) -> str:
    """The text of resiliparse's `tree` without the page's furniture (the "page" reading)."""
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(
        tree, main_content=False, alt_texts=False, noscript=True, skip_elements=_FURNITURE
    )


def navigation_only(markup: htmlchoice.PageMarkup, others: Alternatives) -> bool:
    """A shell with no main content: next to nothing outside its furniture, mostly links.
    (Counted before the named sections go, as SHELL_MAX_WORDS was set.)"""
    return others.outside_words < SHELL_MAX_WORDS and markup.link_words >= SHELL_MIN_LINK_SHARE * max(
        others.page_words, 1
    )


# what the judging of trafilatura's blocks found that is boilerplate wherever it
# stands: all but the links of link lists (on a listing page they are the content)
_JUDGED_IN_CONTEXT = frozenset({"html:link-list", "html:link-heading", "html:tool-list"})


def judged_again(
    text: str, removed: tuple[Removal, ...], judged_kept: frozenset[str] = frozenset()
) -> tuple[str, tuple[Removal, ...]]:
    """An alternative text, one block a line, and its lines to take out: those that repeat
    a block the judging of trafilatura's text dropped (the title, a dek, a dateline, a
    prompt), the later copies of a run of blocks the page gives twice (copies.py), and the
    short lines that say by themselves what they are (a share or newsletter prompt, a
    comment box's label, a credit: verdicts.line_verdict), unless trafilatura's text holds
    them and its judging, which knew their markup, kept them (`judged_kept`: those
    lines, as blocks.norm gives them)."""
    judged = {htmlblocks.norm(r.text): r for r in removed if r.by not in _JUDGED_IN_CONTEXT}
    text = one_block_a_line(text)
    lines = text.split("\n")
    keys = [htmlblocks.norm(line) for line in lines]
    gone = [
        Removal("html:repeated-copy", "boilerplate", number, lines[number - 1])
        for number in repeated_runs(keys)
    ]
    copied = {removal.line for removal in gone}
    for number, (line, key) in enumerate(zip(lines, keys), start=1):
        if number in copied:
            continue
        found = judged.get(key)
        if found is not None:
            gone.append(Removal(found.by, found.category, number, line))
        elif key not in judged_kept and (verdict := htmlverdicts.line_verdict(line)) is not None:
            gone.append(Removal(*verdict, number, line))
    return text, tuple(sorted(gone, key=_LINE))


def without(text: str, removed: tuple[Removal, ...]) -> str:
    gone = set(map(_LINE, removed))
    return "\n".join(line for number, line in enumerate(text.split("\n"), start=1) if number not in gone)
