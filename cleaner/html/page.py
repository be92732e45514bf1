"""The page itself, before and beside any reading of it (part of the HTML stage):
its own URL, the guards that keep a huge or pathological page prompt, its text
without a parser (the last resort) and from the parsed tree, and the counts of
its markup that the choice between readings is made on.
"""

from __future__ import annotations

import html as html_lib
import re
import threading
from itertools import islice

from .. import codeblocks
from . import choice as htmlchoice

# find_url's tags: where one starts, and what makes it the page's own URL. A tag is
# cut at its '>' or after MAX_URL_TAG_CHARS, found with str.find: a regex running
# to the '>' from every '<link' was quadratic on thousands of unclosed tags.
_URL_TAG_START = re.compile(r"<(link|meta)(?=[^>])", re.IGNORECASE)
_CANONICAL = {
    "link": re.compile(r"""rel=["']?canonical["']?""", re.IGNORECASE),
    "meta": re.compile(r"""property=["']og:url["']""", re.IGNORECASE),
}
MAX_URL_TAG_CHARS = 4096
_HREF = re.compile(r"""(?:href|content)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)

# Size guards, so that a huge or pathological page still returns promptly.
SHRINK_ABOVE = 1_000_000  # characters: above this, scripts/styles/comments are cut out first
MAX_HTML_CHARS = 4_000_000  # characters left after that: only the first ones are read
MAX_FALLBACK_CHARS = 500_000  # whole-page text handed on is cut here (generic detection is per line)
MAX_ELEMENTS = 30_000  # trafilatura's time grows with elements (~1 s at 10,000; dev pages reach 16,000)
# dropped first from a page over MAX_ELEMENTS: subtrees that are never main content
FURNITURE_XPATH = (
    "//svg | //nav | //select | //noscript | //template | //iframe"
    " | //*[@role='navigation'] | //*[@aria-hidden='true']"
)
PARSER_MAX_DEPTH = 254  # libxml2 stops at depth 256 and drops the rest of the page


def find_url(html: str) -> str | None:
    """The page's own URL from its canonical link or og:url, without parsing the page."""
    head = html[:200_000]
    for m in _URL_TAG_START.finditer(head):
        end = head.find(">", m.end(), m.end() + MAX_URL_TAG_CHARS)
        if end < 0:
            continue  # unclosed: not a tag
        tag = head[m.end() : end]
        if not _CANONICAL[m.group(1).lower()].search(tag):
            continue
        href = _HREF.search(tag)
        if href and href.group(1).startswith(("http://", "https://")):
            return href.group(1).strip()
    return None


# ---------------------------------------------------------------------------
# parsing


def parse(html: str):
    """The page's lxml tree, or None when the text is not HTML: read as trafilatura's
    `load_html` (2.x) reads a string, with its parser's settings, but with the
    element classes of lxml.html looked up by lxml itself. lxml.html's parser asks
    a Python method for the class of every element each time the element is
    handed to Python, and trafilatura walks the tree many times: the method took
    4% of the time a page takes. The classes, and so every result, are the same.
    """
    from lxml import html as lxml_html
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    parser = _html_parser()
    tree, from_bytes = None, False
    try:
        tree = lxml_html.fromstring(html, parser=parser)
    except ValueError:  # a string with an encoding declaration: lxml wants its bytes
        tree, from_bytes = _parse_bytes(html, parser), True
    except Exception:  # noqa: BLE001 - as load_html: not parsed
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _parse_bytes(html, parser)
    if tree is not None and dubious and len(tree) < 2:  # no <html>, and hardly a document
        return None
    return tree


def _parse_bytes(html: str, parser):
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
    except Exception:  # noqa: BLE001 - as load_html: not parsed
        return None


_PER_THREAD = threading.local()


def _html_parser():
    """trafilatura's HTMLParser settings, lxml.html's element classes found in C: per tag
    name (form, input, label, select, textarea...), else HtmlElement. One parser per
    thread: an lxml parser is not to be shared by threads (clean() called from a
    thread pool aborted the process now and then, 'double free or corruption')."""
    parser = getattr(_PER_THREAD, "parser", None)
    if parser is None:
        parser = _PER_THREAD.parser = _new_html_parser()
    return parser


def _new_html_parser():
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=lxml_html.HtmlElement,
            comment=lxml_html.HtmlComment,
            pi=lxml_html.HtmlProcessingInstruction,
            entity=lxml_html.HtmlEntity,
        )
    )
    lookup.get_namespace(None).update(lxml_html.HtmlElementClassLookup._default_element_classes)
    parser.set_element_class_lookup(lookup)
    return parser


# ---------------------------------------------------------------------------
# raw markup: shrinking, and text without a parser (the last resort)

_DROP_BLOCK = re.compile(
    r"<(script|style|noscript|template|svg|iframe|object|textarea)\b|<!--", re.IGNORECASE
)
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|tr|table|thead|tbody|section|article|aside|"
    r"header|footer|nav|main|blockquote|pre|figure|figcaption|form|hr|title|option)\b)[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
WORDS = re.compile(r"\w+")


def shrink(html: str) -> str:
    """The markup without scripts, styles, comments and other invisible blocks. Linear time."""
    out = []
    pos = 0
    while True:
        m = _DROP_BLOCK.search(html, pos)
        if m is None:
            out.append(html[pos:])
            break
        out.append(html[pos : m.start()])
        closer = "-->" if m.group(1) is None else None
        if closer:
            end = html.find(closer, m.end())
            pos = len(html) if end < 0 else end + len(closer)
        else:
            end_m = re.compile(rf"</{m.group(1)}\s*>", re.IGNORECASE).search(html, m.end())
            pos = len(html) if end_m is None else end_m.end()
    return "".join(out)


def visible_text(html: str) -> str:
    """The page's whole visible text, one block per line, by tag stripping: fast,
    for a rough reading of every page of a batch (rule learning)."""
    return markup_text(html)


def markup_text(html: str) -> str:
    """Visible text of markup by tag stripping: one block per line. For pages lxml cannot take."""
    text = _BLOCK_TAG.sub("\n", shrink(html))
    return one_block_a_line(html_lib.unescape(_ANY_TAG.sub(" ", text)))


# ---------------------------------------------------------------------------
# the parsed page

_INVISIBLE = frozenset(
    "script style noscript template svg head iframe object textarea select option button".split()
)
_BLOCKS = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table section article aside header "
    "footer nav main blockquote pre figure figcaption form hr address details summary body".split()
)


def too_deep(tree) -> bool:
    """True when the parser hit libxml2's depth limit (and so dropped the rest of the page)."""
    return bool(tree.xpath("/" + "/".join(["*"] * PARSER_MAX_DEPTH)))


def truncate_tree(tree, keep: int) -> None:
    """Remove everything after the first `keep` elements in document order."""
    last = tree.xpath(f"(//*)[{keep}]")
    if not last:
        return
    el = last[0]
    for child in list(el):  # what comes after it: its descendants ...
        el.remove(child)
    while el is not None:  # ... and the later siblings of it and of its ancestors
        while el.getnext() is not None:
            el.getparent().remove(el.getnext())
        el = el.getparent()


def tree_text(tree) -> str:
    """The page's whole visible text, one block per line, without recursion."""
    return one_block_a_line(_shown_text(tree, opens=_BLOCKS, closes=_BLOCKS))


def code_texts(tree) -> tuple[str, ...]:
    """The text of each <pre> of the page, in the page's order, its line breaks and
    indentation as they are (codeblocks.py puts a code block's kept lines back together).
    A <br> in it is a line break (as the readings make it)."""
    texts = (_shown_text(el, opens=_LINE_BREAK, closes=()).strip("\n") for el in tree.iter("pre"))
    return tuple(text for text in islice(texts, codeblocks.MAX_BLOCKS) if text.strip())


_LINE_BREAK = frozenset({"br"})


_NEVER_SHOWN = frozenset({"script", "style", "template"})


def shown_line(el) -> str:
    """The text of element `el` (its text_content(), less scripts and styles) on one line,
    its blocks (paragraphs, items, divisions) a space apart, not run together."""
    return " ".join(_shown_text(el, opens=_BLOCKS, closes=_BLOCKS, hidden=_NEVER_SHOWN).split())


def _shown_text(root, opens, closes, hidden=_INVISIBLE) -> str:
    """The text of `root` a reader sees (no comment, nor any element of a tag in `hidden`:
    scripts, styles, form controls...), a line break before each element of a tag in
    `opens` and after each of a tag in `closes`; walked without recursion."""
    from lxml import etree

    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in hidden or not tag:
                walker.skip_subtree()  # (its end still comes, with its tail)
                continue
            if tag in opens:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in closes:
                parts.append("\n")
            if el.tail and el is not root:
                parts.append(el.tail)
    return "".join(parts)


def one_block_a_line(text: str) -> str:
    """The text's lines with their spacing collapsed, empty ones left out."""
    collapsed = SPACES.sub(" ", text)  # once for the whole text: SPACES holds no newline
    lines = (line.strip() for line in collapsed.split("\n"))
    return "\n".join(line for line in lines if line)


# elements whose id or class may name a post (htmlchoice.post_named decides), found by libxml2
_POST_WORDS = ("post", "message", "repl", "answer", "comment")  # what htmlchoice.post_named may find
_POST_HINT = re.compile("|".join(_POST_WORDS))  # in a lower-cased name: post_named may say yes
_COUNTED = {
    "article": "article_elements",
    "li": "list_items",
    "td": "table_cells",
    "pre": "code_blocks",
    "code": "code_blocks",
    "h2": "headings",
    "h3": "headings",
    "h4": "headings",
}


def _names_a_post(el) -> bool:
    """True for an element whose id or class names one post of a thread."""
    ident, klass = el.get("id"), el.get("class")
    if ident is None and klass is None:
        return False
    name = f"{ident or ''} {klass or ''}"
    return _POST_HINT.search(name.lower()) is not None and htmlchoice.post_named(name)


def markup_counts(tree) -> htmlchoice.PageMarkup:
    """The counts htmlchoice judges a page on (but its whole text's words), read in one
    walk before any repair or extraction."""
    from lxml import etree

    typed: list[str] = []
    counts = dict.fromkeys(_COUNTED.values(), 0)
    posts = 0
    for el in tree.iter(etree.Element):  # elements only: no comments or processing instructions
        tag = el.tag
        if tag in _COUNTED:
            counts[_COUNTED[tag]] += 1
        elif tag == "script" and el.get("type") == "application/ld+json":
            typed.append((el.text or "")[:20_000])
        elif tag == "meta" and el.get("property") == "og:type":
            typed.append(el.get("content") or "")
        itemtype = el.get("itemtype")
        if itemtype is not None:
            typed.append(itemtype)
        if _names_a_post(el):
            posts += 1
    link_words = len(WORDS.findall(" ".join(tree.xpath("//a//text()", smart_strings=False))))
    return htmlchoice.PageMarkup(
        typed_text=" ".join(typed), post_elements=posts, link_words=link_words, **counts
    )
