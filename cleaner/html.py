"""Stage 2 (HTML only): article extraction with trafilatura, then HTML-aware cleaning.

With its helpers, `htmlrepair` (step 2), `htmlblocks` and `htmlverdicts` (step 4),
the only modules that import trafilatura and lxml, and only when called.

1. One parse (trafilatura's loader), with guards for huge, too deep or too
   busy pages; metadata from it: trafilatura's title and url (what step 4
   judges blocks with), and the page's title, author, date, site, language and
   type as `metadata` judges them from every place the page states them.
2. Two DOM repairs trafilatura does not make: an article body split in
   sibling containers (text broken up by ads) is merged back, and containers
   named as widgets (comment boxes, rate tickers, newsletter forms, related
   stories) are pruned.
3. One trafilatura pass in its fast mode (without its comparison with
   readability and jusText, which costs as much again): what the cascade
   recovers, the later sections and posts of a thread, the alternatives of
   step 5 recover as well (word F1 on the development pages: the same with
   either, 0.847; zyte's news pages 0.977 against 0.972).
4. The blocks trafilatura kept are judged with what the markup still tells
   about them (heading or paragraph, list item, share of link text) and with
   general rules of what boilerplate lines are: the title repeated, a dek,
   lists of links, comment-box furniture, "Related:" teasers, share and
   newsletter prompts, datelines, credit lines. Every block dropped is listed
   with the rule that dropped it.
5. resiliparse reads the page two more ways, its main content and the page
   without its furniture, and htmlchoice judges which of the three readings
   holds the page's content (a note names the reading taken).
6. When extraction fails or finds next to nothing, the page's whole visible
   text (one block per line) is handed on instead, flagged `whole_page`, for
   the plain-text path to clean; a note says why.

`extract` never raises: anything trafilatura or lxml throws (RecursionError
included) ends in that fallback.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import re
from dataclasses import dataclass, field
from operator import attrgetter

from . import htmlblocks, htmlchoice, htmlgaps, htmlrepair, htmlverdicts
from . import metadata as page_metadata
from .model import Removal
from .notes import limit as limit_note

_LINE = attrgetter("line")  # a removal's line number

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
_FURNITURE_XPATH = (
    "//svg | //nav | //select | //noscript | //template | //iframe"
    " | //*[@role='navigation'] | //*[@aria-hidden='true']"
)
PARSER_MAX_DEPTH = 254  # libxml2 stops at depth 256 and drops the rest of the page

FALLBACK_MAX_CHARS = 100  # an extraction shorter than this ...
FALLBACK_PAGE_RATIO = 10  # ... from a page with this many times more text -> whole page

# A page with fewer words than this outside its navigation, header, footer and
# asides, and at least this share of its words in links, is a navigation shell
# with no main content (on the development pages: 4 of 1,595, 3 of which had
# nothing of their gold extracted anyway).
SHELL_MAX_WORDS = 10
SHELL_MIN_LINK_SHARE = 0.5

META_KEYS = ("title", "date", "author", "sitename", "url")  # of trafilatura's metadata


@dataclass(frozen=True)
class Extracted:
    """What the HTML stage hands on: text (one block per line) and what it knows of it.

    `metadata` holds the fields of metadata.PageMetadata the page states (no None).
    `whole_page` is True when `text` is the page's whole visible text (the
    fallback), not an extracted article: generic detection should then run.
    `removed` lists the blocks the HTML stage dropped from trafilatura's output,
    and why; their `line` numbers refer to trafilatura's text before that
    cleaning (one line per block), not to `text` (0 if unknown).
    """

    text: str
    metadata: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    whole_page: bool = False
    removed: tuple[Removal, ...] = ()
    comments: tuple[str, ...] = ()  # the comments trafilatura found, when asked for
    page_words: int | None = None  # words of the page's whole visible text (resiliparse), if read


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


def extract(
    html: str,
    url: str | None = None,
    prune_xpath: tuple[str, ...] = (),
    *,
    clean_blocks: bool = True,
    drop: bool = True,
    metadata: bool = True,
    observe=None,
    comments: bool = False,
) -> Extracted:
    """The article text of an HTML page (one paragraph per line) and its metadata.

    Never raises. `clean_blocks=False` returns trafilatura's blocks unjudged.
    `drop=False` keeps the judged blocks in `text` (`removed` then numbers the
    lines of `text` to take out), for a caller that records removals per line.
    `metadata=False` finds only the title and url (what the judging needs).
    `observe(markup, page_words, first, texts)`, if given, sees every extraction
    and what the choice between them is made on (bench/train_choice.py).
    `comments=True` also extracts the page's comments (Extracted.comments).
    """
    try:
        extracted = _extract(html, url, tuple(prune_xpath), clean_blocks, drop, metadata, observe)
        if comments:
            extracted = dataclasses.replace(extracted, comments=_comments(html, url))
        return extracted
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - a page must never stop a batch
        try:
            text = _markup_text(_shrink(html))
        except (Exception, RecursionError):  # noqa: BLE001
            text = ""
        return _whole_page(
            text,
            [f"fallback: extraction failed ({type(exc).__name__}: {str(exc)[:80]}); whole-page text used"],
        )


# ---------------------------------------------------------------------------
# orchestration


def _extract(
    html: str,
    url: str | None,
    prune_xpath: tuple[str, ...],
    clean_blocks: bool,
    drop: bool,
    metadata: bool = True,
    observe=None,
) -> Extracted:
    notes: list[str] = []
    if not html.strip():
        return Extracted("", {}, ("extraction: empty page",))
    if len(html) > SHRINK_ABOVE:
        html = _shrink(html)
    if len(html) > MAX_HTML_CHARS:
        notes.append(
            limit_note(
                f"page too large ({len(html):,} characters of markup without scripts), "
                f"only its first {MAX_HTML_CHARS:,} read"
            )
        )
        cut = max(html.rfind(">", 0, MAX_HTML_CHARS), html.rfind(" ", 0, MAX_HTML_CHARS))
        html = html[: cut + 1 if cut > 0 else MAX_HTML_CHARS]  # lxml closes what is left open

    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return _whole_page(_markup_text(html), notes + ["fallback: the page did not parse as HTML"])
    meta = _page_metadata(tree, url, metadata)  # trafilatura's: what the blocks are judged with
    shown = _judged_metadata(tree, url or meta.get("url"), meta, metadata)
    if _too_deep(tree):
        return _whole_page(
            _markup_text(html),
            notes + [f"fallback: page nested deeper than {PARSER_MAX_DEPTH} levels; whole-page text used"],
            shown,
        )
    elements = int(tree.xpath("count(//*)"))
    if elements > MAX_ELEMENTS:  # navigation, icons and menus go first, whole
        from trafilatura.xml import delete_element

        for el in tree.xpath(_FURNITURE_XPATH):
            if el.getparent() is not None:
                delete_element(el, keep_tail=True)
        elements = int(tree.xpath("count(//*)"))
    if elements > MAX_ELEMENTS:
        _truncate_tree(tree, MAX_ELEMENTS)
        notes.append(
            limit_note(
                f"page has {elements:,} elements besides its navigation and icons, "
                f"only its first {MAX_ELEMENTS:,} read"
            )
        )
    markup = _page_markup(tree)  # before the repairs change the tree
    prune_xpath, bad = _valid_xpaths(prune_xpath)
    if bad:
        notes.append(f"extraction: prune_xpath ignored, not valid XPath: {', '.join(map(repr, bad))}")
    if htmlrepair.merge_split_bodies(tree):
        notes.append("extraction: article body split in several containers, merged")
    htmlrepair.prune_widgets(tree)

    url = url or meta.get("url")
    doc = _trafilatura(tree, url, prune_xpath)
    got = len(doc.raw_text or "") if doc is not None else 0
    if got < FALLBACK_MAX_CHARS:
        page = _tree_text(tree)
        if doc is None or len(page) > FALLBACK_PAGE_RATIO * max(got, 1):
            return _whole_page(
                page,
                notes
                + [f"fallback: trafilatura extracted {got:,} chars of {len(page):,}; whole-page text used"],
                shown,
            )

    htmlgaps.restore_lists(tree, doc.body)
    htmlgaps.restore_headings(tree, doc.body)
    blocks = htmlblocks.blocks(
        doc.body, (lambda wanted: htmlblocks.sources(tree, wanted)) if clean_blocks else None
    )
    verdicts = htmlverdicts.judge(blocks, meta) if clean_blocks else {}
    text, removed = htmlblocks.render(doc.body, blocks, verdicts, drop=drop)
    try:
        others = _resiliparse(html)
    except Exception as exc:  # noqa: BLE001 - trafilatura's reading stands on its own
        others = None
        notes.append(
            f"extraction: resiliparse failed ({type(exc).__name__}: {str(exc)[:80]}); "
            f"trafilatura's reading used"
        )
    if others is None:
        return Extracted(text, shown, tuple(notes), removed=removed)
    kept = _without(text, removed) if not drop else text
    if _navigation_only(markup, others):
        notes.append(
            f"no main content: the page has fewer than {SHELL_MAX_WORDS} words outside its "
            f"navigation, header, footer and asides, and most of its text is links"
        )
        gone = set(map(_LINE, removed))
        # numbered by the lines of `text` as it stands with the judged blocks (not when dropped: 0)
        everything = removed + tuple(
            Removal("html:navigation-only", "navigation", 0 if drop else number, line)
            for number, line in enumerate(text.split("\n"), start=1)
            if line.strip() and (drop or number not in gone)
        )
        return Extracted(
            "" if drop else text,
            shown,
            tuple(notes),
            removed=tuple(sorted(everything, key=_LINE)),
            page_words=others.page_words,
        )
    judged = {name: _judged_again(other, removed) for name, other in others.texts.items()}
    kept_of = {name: _without(*pair) for name, pair in judged.items()}
    found = htmlchoice.signals_of(markup, others.page_words, kept, kept_of)
    if observe is not None:
        observe(markup, others.page_words, kept, kept_of)
    choice = htmlchoice.choose(found)
    if choice.name != "first" and kept_of[choice.name].strip():
        notes.append(
            f"extraction: {htmlchoice.ALTERNATIVES[choice.name].description} taken over trafilatura's "
            f"text (odds {choice.probability:.2f} that it holds more of the page's content)"
        )
        if drop:
            return Extracted(kept_of[choice.name], shown, tuple(notes), page_words=others.page_words)
        taken, gone = judged[choice.name]
        return Extracted(taken, shown, tuple(notes), removed=gone, page_words=others.page_words)
    return Extracted(text, shown, tuple(notes), removed=removed, page_words=others.page_words)


def _navigation_only(markup: htmlchoice.PageMarkup, others: _Alternatives) -> bool:
    """A shell with no main content: next to nothing outside its furniture, mostly links."""
    outside = len(_WORDS.findall(others.texts["page"]))
    return outside < SHELL_MAX_WORDS and markup.link_words >= SHELL_MIN_LINK_SHARE * max(others.page_words, 1)


# what the judging of trafilatura's blocks found that is boilerplate wherever it
# stands: all but the links of link lists (on a listing page they are the content)
_JUDGED_IN_CONTEXT = frozenset({"html:link-list", "html:link-heading", "html:tool-list"})


def _judged_again(text: str, removed: tuple[Removal, ...]) -> tuple[str, tuple[Removal, ...]]:
    """An alternative text, one block a line, and its lines that repeat a block the judging
    of trafilatura's text dropped (the title, a dek, a dateline, a prompt)."""
    judged = {htmlblocks.norm(r.text): r for r in removed if r.by not in _JUDGED_IN_CONTEXT}
    text = _one_block_a_line(text)
    gone = []
    if judged:
        for number, line in enumerate(text.split("\n"), start=1):
            found = judged.get(htmlblocks.norm(line))
            if found is not None:
                gone.append(Removal(found.by, found.category, number, line))
    return text, tuple(gone)


def _without(text: str, removed: tuple[Removal, ...]) -> str:
    gone = set(map(_LINE, removed))
    return "\n".join(line for number, line in enumerate(text.split("\n"), start=1) if number not in gone)


def _one_block_a_line(text: str) -> str:
    """The text's lines with their spacing collapsed, empty ones left out."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class _Alternatives:
    texts: dict[str, str]  # by the names of htmlchoice.ALTERNATIVES
    page_words: int  # words of the page's whole visible text


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
]


def _resiliparse(html: str) -> _Alternatives | None:
    """The alternatives to trafilatura's text, as resiliparse reads the page; None where
    resiliparse is not installed."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        return None
    tree = HTMLTree.parse(html)
    # noscript read too: some forums (Discourse) give their posts there, to readers without scripts
    whole = extract_plain_text(tree, main_content=False, alt_texts=False, noscript=True)
    texts = {
        "main": extract_plain_text(tree, main_content=True, alt_texts=False),
        "page": extract_plain_text(
            tree, main_content=False, alt_texts=False, noscript=True, skip_elements=_FURNITURE
        ),
    }
    return _Alternatives(texts, len(_WORDS.findall(whole)))


# elements whose id or class may name a post (htmlchoice.post_named decides), found by libxml2
_POST_WORDS = ("post", "message", "repl", "answer", "comment")  # what htmlchoice.post_named may find
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


def _page_markup(tree) -> htmlchoice.PageMarkup:
    """The counts htmlchoice judges a page on (but its whole text's words), read in one
    walk before any repair or extraction."""
    typed: list[str] = []
    counts = dict.fromkeys(_COUNTED.values(), 0)
    posts = 0
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in _COUNTED:
            counts[_COUNTED[tag]] += 1
        elif tag == "script" and el.get("type") == "application/ld+json":
            typed.append((el.text or "")[:20_000])
        elif tag == "meta" and el.get("property") == "og:type":
            typed.append(el.get("content") or "")
        if el.get("itemtype") is not None:
            typed.append(el.get("itemtype"))
        name = f"{el.get('id') or ''} {el.get('class') or ''}"
        if len(name) > 1:
            lowered = name.lower()
            if any(word in lowered for word in _POST_WORDS) and htmlchoice.post_named(name):
                posts += 1
    link_words = len(_WORDS.findall(" ".join(tree.xpath("//a//text()"))))
    return htmlchoice.PageMarkup(
        typed_text=" ".join(typed), post_elements=posts, link_words=link_words, **counts
    )


def _valid_xpaths(expressions: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
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


def _whole_page(text: str, notes: list[str], meta: dict | None = None) -> Extracted:
    if len(text) > MAX_FALLBACK_CHARS:
        cut = text.rfind("\n", 0, MAX_FALLBACK_CHARS)
        text = text[: cut if cut > 0 else MAX_FALLBACK_CHARS]
        notes = notes + [f"limit: whole-page text cut to its first {len(text):,} characters"]
    return Extracted(text, meta or {}, tuple(notes), whole_page=True)


def _trafilatura(tree, url: str | None, prune_xpath: tuple[str, ...]):
    """trafilatura's article (a Document with .body and .raw_text), or None. Copies the tree."""
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        url=url,
        fast=True,
        include_comments=False,
        include_links=False,
        include_tables=True,
        with_metadata=False,
        prune_xpath=list(prune_xpath) or None,
    )


def _comments(html: str, url: str | None) -> tuple[str, ...]:
    """The comments trafilatura finds on the page, one paragraph each (a second pass,
    for callers that ask for comments: the first leaves them out)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html[:MAX_HTML_CHARS], url=url, fast=True, include_comments=True, with_metadata=False
        )
    except (Exception, RecursionError):  # noqa: BLE001 - no comments is only less output
        return ()
    text = getattr(doc, "comments", None) or ""
    return tuple(line for line in (" ".join(t.split()) for t in text.split("\n")) if line)


def _judged_metadata(tree, url: str | None, found_by_trafilatura: dict, full: bool) -> dict:
    """The page's metadata as metadata.judge finds it (the date htmldate found is one
    more statement of the date); its title and url only unless `full`."""
    try:
        found = page_metadata.gather(tree, url, full)
        if found_by_trafilatura.get("date"):
            found = page_metadata.with_date(
                found, page_metadata.Candidate("htmldate", found_by_trafilatura["date"])
            )
        judged = page_metadata.judge(found, full).as_dict()
    except Exception:  # noqa: BLE001 - trafilatura's title is better than none
        judged = {"title": found_by_trafilatura.get("title"), "url": url}
    return {k: v for k, v in judged.items() if v}


def _page_metadata(tree, url: str | None, full: bool = True) -> dict:
    """Title and url as trafilatura finds them (what the blocks are judged with), and
    with `full` the date htmldate finds (one statement of the date among others).

    trafilatura's extract_metadata without the searches nothing here uses; the full
    function when the parts are not where this expects them (another trafilatura version).
    """
    try:
        from trafilatura import metadata as tm

        try:
            doc = _metadata_parts(tree, url, tm, full)
        except (AttributeError, ImportError, TypeError):
            doc = tm.extract_metadata(tree, url)
    except Exception:  # noqa: BLE001 - no metadata is better than no text
        return {"url": url} if url else {}
    meta = {k: getattr(doc, k, None) for k in META_KEYS}
    if url:
        meta["url"] = meta.get("url") or url
    return {k: v for k, v in meta.items() if v}


def _metadata_parts(tree, url: str | None, tm, full: bool = True):
    """The parts of trafilatura.metadata.extract_metadata (2.x) that find the title, the
    url and (with `full`) the date."""
    doc = tm.examine_meta(tree)
    try:
        doc = tm.extract_meta_json(tree, doc)
    except Exception:  # noqa: BLE001 - trafilatura's own guard: bugs in its JSON-LD reader
        pass
    doc.title = doc.title or tm.extract_title(tree)
    doc.url = doc.url or tm.extract_url(tree, url)
    if full:
        from htmldate import find_date
        from trafilatura.settings import set_date_params

        # htmldate's extensive search (dateparser over the whole page) costs 30x the
        # rest of the date search and finds the right date on 1 page in 76 more
        params = set_date_params(False)
        params["url"] = doc.url
        doc.date = find_date(tree, **params)
    doc.clean_and_trim()
    return doc


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
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_WORDS = re.compile(r"\w+")


def _shrink(html: str) -> str:
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
    return _markup_text(html)


def _markup_text(html: str) -> str:
    """Visible text of markup by tag stripping: one block per line. For pages lxml cannot take."""
    text = _BLOCK_TAG.sub("\n", _shrink(html))
    return _one_block_a_line(html_lib.unescape(_ANY_TAG.sub(" ", text)))


# ---------------------------------------------------------------------------
# the parsed page

_INVISIBLE = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "iframe",
        "object",
        "textarea",
        "select",
        "option",
        "button",
    }
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "nav",
        "main",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "form",
        "hr",
        "address",
        "details",
        "summary",
        "body",
    }
)


def _too_deep(tree) -> bool:
    """True when the parser hit libxml2's depth limit (and so dropped the rest of the page)."""
    return bool(tree.xpath("/" + "/".join(["*"] * PARSER_MAX_DEPTH)))


def _truncate_tree(tree, keep: int) -> None:
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


def _tree_text(tree) -> str:
    """The page's whole visible text, one block per line, without recursion."""
    from lxml import etree

    parts: list[str] = []
    walker = etree.iterwalk(tree, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _INVISIBLE or not tag:
                walker.skip_subtree()
                if el.tail:
                    parts.append(el.tail)
                continue
            if tag in _BLOCKS:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if el.tail and el is not tree:
                parts.append(el.tail)
    return _one_block_a_line("".join(parts))
