"""Stage 2 (HTML only): article extraction with trafilatura, then HTML-aware cleaning.

The only module that imports trafilatura and lxml, and only when called.

1. One parse (trafilatura's loader), with guards for huge, too deep or too
   busy pages; metadata from it (title, date, author, sitename, url).
2. Two DOM repairs trafilatura does not make: an article body split in
   sibling containers (text broken up by ads) is merged back, and containers
   named as widgets (comment boxes, rate tickers, newsletter forms, related
   stories) are pruned.
3. One trafilatura pass in its fast mode; its full cascade (readability,
   justext) only when the fast pass comes back nearly empty.
4. The blocks trafilatura kept are judged with what the markup still tells
   about them (heading or paragraph, list item, share of link text) and with
   general rules of what boilerplate lines are: the title repeated, a dek,
   lists of links, comment-box furniture, "Related:" teasers, share and
   newsletter prompts, datelines, credit lines. Every block dropped is listed
   with the rule that dropped it.
5. When extraction fails or finds next to nothing, the page's whole visible
   text (one block per line) is handed on instead, flagged `whole_page`, for
   the plain-text path to clean; a note says why.

`extract` never raises: anything trafilatura or lxml throws (RecursionError
included) ends in that fallback.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field, replace

from .model import Removal

_CANONICAL = re.compile(
    r"""<link[^>]+rel=["']?canonical["']?[^>]*>|<meta[^>]+property=["']og:url["'][^>]*>""",
    re.IGNORECASE)
_HREF = re.compile(r"""(?:href|content)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)

# Size guards, so that a huge or pathological page still returns promptly.
SHRINK_ABOVE = 1_000_000  # characters: above this, scripts/styles/comments are cut out first
MAX_HTML_CHARS = 4_000_000  # characters left after that: only the first ones are read
MAX_FALLBACK_CHARS = 500_000  # whole-page text handed on is cut here (generic detection is per line)
MAX_ELEMENTS = 8_000  # trafilatura's time grows with elements (the benchmark's largest: ~1,600)
PARSER_MAX_DEPTH = 254  # libxml2 stops at depth 256 and drops the rest of the page

MIN_FAST_CHARS = 250  # a fast pass shorter than this gets trafilatura's full cascade
FALLBACK_MAX_CHARS = 100  # an extraction shorter than this ...
FALLBACK_PAGE_RATIO = 10  # ... from a page with this many times more text -> whole page

META_KEYS = ("title", "date", "author", "sitename", "url")


@dataclass(frozen=True)
class Extracted:
    """What the HTML stage hands on: text (one block per line) and what it knows of it.

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


def find_url(html: str) -> str | None:
    """The page's own URL from its canonical link or og:url, without parsing the page."""
    for m in _CANONICAL.finditer(html[:200_000]):
        href = _HREF.search(m.group(0))
        if href and href.group(1).startswith(("http://", "https://")):
            return href.group(1).strip()
    return None


def extract(html: str, url: str | None = None, prune_xpath: tuple[str, ...] = (), *,
            clean_blocks: bool = True, drop: bool = True) -> Extracted:
    """The article text of an HTML page (one paragraph per line) and its metadata.

    Never raises. `clean_blocks=False` returns trafilatura's blocks unjudged.
    `drop=False` keeps the judged blocks in `text` (`removed` then numbers the
    lines of `text` to take out), for a caller that records removals per line.
    """
    try:
        return _extract(html, url, tuple(prune_xpath), clean_blocks, drop)
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - a page must never stop a batch
        try:
            text = _markup_text(_shrink(html))
        except (Exception, RecursionError):  # noqa: BLE001
            text = ""
        return _whole_page(text, [f"fallback: extraction failed ({type(exc).__name__}: "
                                  f"{str(exc)[:80]}); whole-page text used"])


# ---------------------------------------------------------------------------
# orchestration

def _extract(html: str, url: str | None, prune_xpath: tuple[str, ...], clean_blocks: bool,
             drop: bool) -> Extracted:
    notes: list[str] = []
    if not html.strip():
        return Extracted("", {}, ("extraction: empty page",))
    if len(html) > SHRINK_ABOVE:
        html = _shrink(html)
    if len(html) > MAX_HTML_CHARS:
        notes.append(f"extraction: page too large ({len(html):,} characters of markup without scripts), "
                     f"only its first {MAX_HTML_CHARS:,} read")
        cut = max(html.rfind(">", 0, MAX_HTML_CHARS), html.rfind(" ", 0, MAX_HTML_CHARS))
        html = html[:cut + 1 if cut > 0 else MAX_HTML_CHARS]  # lxml closes what is left open

    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return _whole_page(_markup_text(html), notes + ["fallback: the page did not parse as HTML"])
    meta = _page_metadata(tree, url)
    if _too_deep(tree):
        return _whole_page(_markup_text(html), notes + [
            f"fallback: page nested deeper than {PARSER_MAX_DEPTH} levels; whole-page text used"], meta)
    elements = int(tree.xpath("count(//*)"))
    if elements > MAX_ELEMENTS:
        _truncate_tree(tree, MAX_ELEMENTS)
        notes.append(f"extraction: page has {elements:,} elements, only its first {MAX_ELEMENTS:,} read")
    prune_xpath, bad = _valid_xpaths(prune_xpath)
    if bad:
        notes.append(f"extraction: prune_xpath ignored, not valid XPath: {', '.join(map(repr, bad))}")
    if _merge_split_bodies(tree):
        notes.append("extraction: article body split in several containers, merged")
    _prune_widgets(tree)

    url = url or meta.get("url")
    doc = _trafilatura(tree, url, prune_xpath, fast=True)
    if doc is None or len(doc.raw_text or "") < MIN_FAST_CHARS:
        full = _trafilatura(tree, url, prune_xpath, fast=False)
        if full is not None and (doc is None or len(full.raw_text or "") > len(doc.raw_text or "")):
            doc = full
    got = len(doc.raw_text or "") if doc is not None else 0
    if got < FALLBACK_MAX_CHARS:
        page = _tree_text(tree)
        if doc is None or len(page) > FALLBACK_PAGE_RATIO * max(got, 1):
            return _whole_page(page, notes + [
                f"fallback: trafilatura extracted {got:,} chars of {len(page):,}; whole-page text used"],
                meta)

    blocks = _blocks(doc.body, (lambda wanted: _sources(tree, wanted)) if clean_blocks else None)
    verdicts = _judge(blocks, meta) if clean_blocks else {}
    text, removed = _render(doc.body, blocks, verdicts, drop=drop)
    return Extracted(text, meta, tuple(notes), removed=removed)


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
        text = text[:cut if cut > 0 else MAX_FALLBACK_CHARS]
        notes = notes + [f"fallback: whole-page text cut to its first {len(text):,} characters"]
    return Extracted(text, meta or {}, tuple(notes), whole_page=True)


def _trafilatura(tree, url: str | None, prune_xpath: tuple[str, ...], *, fast: bool):
    """trafilatura's article (a Document with .body and .raw_text), or None. Copies the tree."""
    import trafilatura

    return trafilatura.bare_extraction(
        tree, url=url, fast=fast, include_comments=False, include_links=False,
        include_tables=True, with_metadata=False, prune_xpath=list(prune_xpath) or None)


def _page_metadata(tree, url: str | None) -> dict:
    """Title, date, author, sitename and url as trafilatura finds them.

    trafilatura's extract_metadata without its category, tag and licence searches,
    which cost a third of its time and which nothing here uses; the full function
    when the parts are not where this expects them (another trafilatura version).
    """
    try:
        from trafilatura import metadata as tm

        try:
            doc = _metadata_parts(tree, url, tm)
        except (AttributeError, ImportError, TypeError):
            doc = tm.extract_metadata(tree, url)
    except Exception:  # noqa: BLE001 - no metadata is better than no text
        return {"url": url} if url else {}
    meta = {k: getattr(doc, k, None) for k in META_KEYS}
    if url:
        meta["url"] = meta.get("url") or url
    return {k: v for k, v in meta.items() if v}


def _metadata_parts(tree, url: str | None, tm):
    """trafilatura.metadata.extract_metadata (2.x), minus categories, tags and licence."""
    from htmldate import find_date
    from trafilatura.settings import set_date_params

    doc = tm.examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None
    try:
        doc = tm.extract_meta_json(tree, doc)
    except Exception:  # noqa: BLE001 - trafilatura's own guard: bugs in its JSON-LD reader
        pass
    doc.title = doc.title or tm.extract_title(tree)
    doc.author = doc.author or tm.extract_author(tree)
    doc.url = doc.url or tm.extract_url(tree, url)
    params = set_date_params(True)
    params["url"] = doc.url
    doc.date = find_date(tree, **params)
    doc.sitename = doc.sitename or tm.extract_sitename(tree)
    if doc.sitename:
        doc.sitename = doc.sitename.lstrip("@")
        if doc.sitename and "." not in doc.sitename and not doc.sitename[0].isupper():
            doc.sitename = doc.sitename.title()
    elif doc.url and (m := tm.META_URL.match(doc.url)):
        doc.sitename = m[1]
    doc.clean_and_trim()
    return doc


# ---------------------------------------------------------------------------
# raw markup: shrinking, and text without a parser (the last resort)

_DROP_BLOCK = re.compile(r"<(script|style|noscript|template|svg|iframe|object|textarea)\b|<!--",
                         re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|tr|table|thead|tbody|section|article|aside|"
    r"header|footer|nav|main|blockquote|pre|figure|figcaption|form|hr|title|option)\b)[^>]*>",
    re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _shrink(html: str) -> str:
    """The markup without scripts, styles, comments and other invisible blocks. Linear time."""
    out = []
    pos = 0
    while True:
        m = _DROP_BLOCK.search(html, pos)
        if m is None:
            out.append(html[pos:])
            break
        out.append(html[pos:m.start()])
        closer = "-->" if m.group(1) is None else None
        if closer:
            end = html.find(closer, m.end())
            pos = len(html) if end < 0 else end + len(closer)
        else:
            end_m = re.compile(rf"</{m.group(1)}\s*>", re.IGNORECASE).search(html, m.end())
            pos = len(html) if end_m is None else end_m.end()
    return "".join(out)


def _markup_text(html: str) -> str:
    """Visible text of markup by tag stripping: one block per line. For pages lxml cannot take."""
    text = _BLOCK_TAG.sub("\n", _shrink(html))
    text = html_lib.unescape(_ANY_TAG.sub(" ", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------
# the parsed page

_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe",
                        "object", "textarea", "select", "option", "button"})
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
                     "h5", "h6", "tr", "td", "th", "table", "section", "article", "aside",
                     "header", "footer", "nav", "main", "blockquote", "pre", "figure",
                     "figcaption", "form", "hr", "address", "details", "summary", "body"})


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
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# Article bodies split in sibling containers of one class (the text broken up by
# ads): trafilatura takes the first container only.
_BODY_CLASS = re.compile(
    r"(?:article|story|entry|post)[-_]{0,2}(?:body|content|text)|articlebody|body[-_]{0,2}text",
    re.IGNORECASE)
_NOT_BODY_CLASS = re.compile(r"comment|related|teaser|promo|card|recommend|sidebar|widget|list",
                             re.IGNORECASE)
MERGE_MIN_CHUNK = 250  # paragraph characters of a container to count as a chunk of the body


def _merge_split_bodies(tree) -> bool:
    """Move the later chunks of a split article body into the first one. Returns True if done.

    Chunks: elements of one tag and one class naming an article body, none inside
    another, each with at least MERGE_MIN_CHUNK characters in paragraphs, within
    three levels of a common ancestor, and no <h1> in the later ones (that would be
    another article appended to the page).
    """
    groups: dict[tuple[str, str], list] = {}
    for el in tree.iter("div", "section", "article"):
        cls = el.get("class") or ""
        if el.get("itemprop") == "articleBody" or (_BODY_CLASS.search(cls) and not _NOT_BODY_CLASS.search(cls)):
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
    r".*(?:currency|currencies|exchange-?rates?|forex|stock-?quotes?|market-?data|newsletter|signup|sign-up).*")
_WIDGET_TAGS = ("div", "section", "aside", "ul", "ol", "table", "form")
WIDGET_MAX_PARAGRAPHS = 2
WIDGET_MAX_SHARE = 0.25  # of the page's text


def _prune_widgets(tree) -> None:
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
        if (sum(1 for _ in el.iter("p")) <= WIDGET_MAX_PARAGRAPHS
                and len(el.text_content()) <= WIDGET_MAX_SHARE * page):
            delete_element(el, keep_tail=True)


# ---------------------------------------------------------------------------
# trafilatura's output: blocks, verdicts, rendering

Verdict = tuple[str, str]  # (rule id, category)


_WORD = re.compile(r"\w+")


_SOURCE_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th",
                            "blockquote", "figcaption", "caption", "div", "span", "section", "article"})
SOURCE_MAX_CHARS = 3000  # longer source blocks are prose, not widgets: not looked up


@dataclass(frozen=True)
class _Source:
    """What the page's markup says of a block of text."""

    link_ratio: float = 0.0  # share of its text that is link text
    lead_link: bool = False  # its text starts with a link (a teaser's headline)


@dataclass(frozen=True)
class _Block:
    """One unit of trafilatura's text (a paragraph, heading, list item or table row)
    and what is known of it."""

    el: object  # the element in trafilatura's output tree
    tag: str  # p, head, item, row, quote...
    rend: str  # h1, h2... for headings
    text: str  # whitespace collapsed
    words: int
    src: _Source  # what the page's markup says of it
    list_id: int | None = None  # items of one list (rows of one table) share it

    @property
    def link_ratio(self) -> float:
        return self.src.link_ratio


_NO_SOURCE = _Source()


def _key(text: str) -> str:
    """A block's text as a lookup key: its words only, lower-cased, no spacing."""
    return "".join(_WORD.findall(text.lower()))


def _sources(tree, wanted: set[str]) -> dict[str, _Source]:
    """Key of each wanted block -> what the page's markup says of it.

    trafilatura's output keeps a block's text but not where it came from; the
    text finds the source block again. Only blocks holding a link can have a
    link ratio, so the search starts from the page's links: each link, and the
    few blocks around it. A block with no link found keeps the default (no links).
    """
    found: dict[str, _Source] = {}
    if not wanted:
        return found
    haystack = "\n".join(wanted)  # a link matters only if its text is in a wanted block
    candidates: dict = {}
    for a in tree.iter("a"):
        text = a.text_content()
        if not text.strip() or len(text) > SOURCE_MAX_CHARS:
            continue
        key = _key(text)
        if not key or key not in haystack:
            continue
        if key in wanted:
            found[key] = _Source(1.0, True)  # a block that is one link
        for inner in a.iterdescendants(*_SOURCE_BLOCKS):
            inner_key = _key(inner.text_content())
            if inner_key in wanted:
                found[inner_key] = _Source(1.0, True)  # a block inside a link
        depth = 0
        for parent in a.iterancestors():
            depth += 1
            if depth > 4:
                break
            if parent.tag in _SOURCE_BLOCKS:
                candidates[parent] = None
    for el in candidates:
        text = el.text_content()
        if len(text) > SOURCE_MAX_CHARS:
            continue
        key = _key(text)
        if not key or key not in wanted or key in found:
            continue
        anchors = [_key(a.text_content()) for a in el.iter("a")]
        ratio = min(1.0, sum(len(a) for a in anchors) / len(key))
        found[key] = _Source(ratio, bool(anchors[0]) and key.startswith(anchors[0]))
    return found


def _blocks(body, sources) -> list[_Block]:
    """The units trafilatura's text is made of, in order: paragraphs, headings, list items...

    `sources` maps a set of block keys to what the markup says of them (see `_sources`).
    """
    out: list[_Block] = []
    if body is None:
        return out
    _wrap_loose_text(body)

    def add(el, tag, list_id=None):
        parts = (["".join(cell.itertext()) for cell in el] if tag == "row" else ["".join(el.itertext())])
        text = " ".join(" ".join(parts).split())
        if text:
            out.append(_Block(el, tag, el.get("rend") or "", text, len(_WORD.findall(text)), _NO_SOURCE, list_id))

    for child in body:
        tag = child.tag
        if tag == "list":
            items = [i for i in child if i.tag == "item"]
            for item in items:
                add(item, "item", id(child))
        elif tag == "table":
            for row in child.iter("row"):
                add(row, "row", id(child))
        else:
            add(child, tag if isinstance(tag, str) else "?")
    if sources is not None:
        keys = {id(b): _key(b.text) for b in out if len(b.text) <= SOURCE_MAX_CHARS}
        found = sources(set(keys.values()))
        out = [replace(b, src=found.get(keys.get(id(b), ""), _NO_SOURCE)) for b in out]
    return out


def _wrap_loose_text(body) -> None:
    """Give text lying between the body's blocks (an element's tail) a <p> of its own,
    as trafilatura renders it on a line of its own."""
    from lxml.etree import Element

    if body.text and body.text.strip():
        p = Element("p")
        p.text, body.text = body.text, None
        body.insert(0, p)
    for child in list(body):
        if child.tail and child.tail.strip():
            p = Element("p")
            p.text, child.tail = child.tail, None
            child.addnext(p)


_MARK = re.compile("\u27e6(\\d+)\u27e7")
_MARK_STRIP = re.compile("\u27e6\\d+\u27e7")


def _snap(lines: list[str], number: int, probe: str, reach: int = 3) -> int:
    """The line number nearest `number` whose text holds `probe`, else `number`."""
    if not number or not probe or probe in lines[number - 1]:
        return number
    near = [n for n in range(max(1, number - reach), min(len(lines), number + reach) + 1)
            if probe in lines[n - 1]]
    return min(near, key=lambda n: abs(n - number)) if near else number


def _render(body, blocks: list[_Block], verdicts: dict[int, Verdict], *,
            drop: bool = True) -> tuple[str, tuple[Removal, ...]]:
    """trafilatura's text of the body without the judged blocks (with them when not
    `drop`), and the removals, numbered by line of the text with them."""
    from lxml.etree import Element
    from trafilatura.xml import xmltotxt

    if not verdicts:
        return xmltotxt(body, False), ()
    # number the blocks' lines as trafilatura renders them: mark each block, render
    # once; that same rendering, markers stripped, is the text the numbers refer to
    marks = {k: f"\u27e6{k}\u27e7" for k in verdicts}
    markers = []
    for k, mark in marks.items():
        marker = Element("hi")
        marker.text = mark
        blocks[k].el.insert(0, marker)
        markers.append(marker)
    rendered = xmltotxt(body, False)
    where = dict.fromkeys(marks, 0)  # 0: the block's line was not found
    for number, line in enumerate(rendered.split("\n"), start=1):
        if "\u27e6" in line:
            for k in map(int, _MARK.findall(line)):
                where[k] = where[k] or number
    text = _MARK_STRIP.sub("", rendered)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    for k in marks:  # a marker after text ending in a newline lands a line late
        where[k] = _snap(lines, where[k], " ".join(blocks[k].text.split())[:60])
    removed = tuple(Removal(*verdicts[k], where[k], blocks[k].text) for k in sorted(marks))
    if not drop:
        return text, removed
    for marker in markers:
        marker.getparent().remove(marker)
    for k in marks:
        el = blocks[k].el
        if el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(body):  # lists and tables left empty
        if el.tag in ("list", "table") and not "".join(el.itertext()).strip():
            body.remove(el)
    return xmltotxt(body, False), removed


# ---- verdicts ---------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


_LABEL = r"\s*(?:[:|»›>\-–—]\s*|$)"
_RELATED = re.compile(
    r"^\W*(?:related(?:\s+(?:articles?|stories|posts?|news|content|coverage|reading))?|see also|"
    r"read (?:more|also|next)|also read|more (?:on|from|about|stories|news|coverage|reading)(?: \w+){0,3}|"
    r"recommended(?: for you| reading| stories)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|"
    r"(?:most )?(?:popular|read|viewed|shared)(?: (?:on|in|now|stories|articles)(?: \w+){0,3})?|"
    r"trending(?: now| stories)?|top stories|latest(?: news| stories)?|further reading|explore further|"
    r"don'?t miss|more|also|also on \S+|"
    r"leia (?:também|mais)|veja (?:também|mais)|lesen sie (?:auch|mehr)|mehr zum thema|(?:à )?lire (?:aussi|également)|"
    r"voir aussi|leggi anche|lee (?:también|más)|ver (?:también|más)|zobacz (?:też|także)|"
    r"читайте также|lees ook|läs också|les også|lue myös)" + _LABEL, re.IGNORECASE)
_COMMENTS = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|replies|responses|comentários?|comentarios?|commenti|commentaires?|"
    r"kommentare?|reacties|komentarze?|yorumlar?|комментари[йи]|댓글|评论|コメント)\W*(?:\(\d+\))?\W*$|"
    r"^\W*(?:no|0|zero)\s+comments?\W*$|"
    r"^\W*(?:leave|post|add|write|submit|join)\s+(?:a|your|the)\s+(?:reply|comment|response|discussion|conversation)|"
    r"^\W*(?:view|show|load|loading|read|see|hide|all|display)\s+(?:all\s+|new\s+|more\s+|the\s+|user\s+|reader\s+)*"
    r"comments?\b|"
    r"^\W*(?:user|reader)\s+comments\W*$|comments? (?:are|is) (?:now )?closed|comments powered by|"
    r"^\W*(?:join|start)\s+(?:the\s+)?(?:discussion|conversation)\W*$|want to join the discussion|"
    r"^\W*(?:comment|discuss) on this (?:story|article|post)\W*$|^\W*notify of\W*$|"
    r"^\W*(?:oldest|newest|most voted|inline feedbacks?)(?:\s+(?:oldest|newest|most voted|inline feedbacks?))*\W*$|"
    r"^\W*(?:\d+\s+)?(?:guests?|anonymous)\W*$",
    re.IGNORECASE)
_SHARE = re.compile(
    r"^\W*(?:share|tweet|email|print|pin)(?: (?:this|it|on|via|the)(?: \w+){0,3})?\W*$|"
    r"\bshare (?:this|it) with (?:a|your) friends?\b|"
    r"^\W*(?:follow|like|join)\s+(?:us|@?\w+(?:\s+\w+){0,5})\s+on\s+(?:twitter|facebook|instagram|"
    r"youtube|linkedin|tiktok|telegram|whatsapp|social media)\b|"
    r"^\W*(?:click|tap) (?:here )?to (?:tweet|share)\b|^\W*follow\b.{0,60}\bcoverage\b",
    re.IGNORECASE)
_FOLLOW = re.compile(r"^\W*follow\b", re.IGNORECASE)
_NEWSLETTER = re.compile(
    r"^\W*(?:sign up|subscribe|register|join|get)\b.{0,80}\b(?:newsletters?|e-?mails?|inbox|updates|"
    r"channel|alerts?|briefing|digest)\b|"
    r"^\W*(?:click here to )?subscribe\b|\bnewsletter\W*$|^\W*thanks? (?:you )?for (?:signing up|subscribing)",
    re.IGNORECASE)
_CREDIT = re.compile(
    r"^\W*(?:(?:additional )?reporting|writing|editing|edited|compiled) by\b.{0,200}$|"
    r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\W*$|"
    r"^\W*write to \S.{0,80}\bat \S+@\S+|"
    r"^\W*(?:reach|contact|email) (?:the )?(?:reporters?|writers?|authors?)\b|"
    r"^\W*copyright\b.{0,150}$|^\W*(?:©|\(c\))\s*(?:19|20)\d\d\b.{0,150}$|\ball rights reserved\W*$",
    re.IGNORECASE)
_READING_TIME = re.compile(
    r"^\W*(?:\d+\s*(?:min(?:ute)?s?|minuto?s?|minuten?)\s*(?:read|de leitura|de lectura|lesezeit|"
    r"di lettura|de lecture)|(?:reading time|read time|tempo de leitura|tiempo de lectura|lesezeit|"
    r"temps de lecture|tempo di lettura)\s*:?\s*\d+.{0,20})\W*$",
    re.IGNORECASE)

_MONTHS = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december "
    "januar februar märz maerz mai juni juli oktober dezember "
    "janvier février fevrier mars avril juin juillet août aout septembre octobre novembre décembre decembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "janeiro fevereiro março marco maio junho julho setembro outubro novembro dezembro "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "januari februari maart juni juli augustus oktober")
_DAYS = (
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles miercoles jueves viernes sábado sabado domingo "
    "segunda terça terca quarta quinta sexta feira "
    "lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica")
_DATE_WORDS = frozenset((_MONTHS + " " + _DAYS + " published updated posted modified last on at am pm "
                         "gmt utc est edt pst pdt cet cest bst ist et pt de às as um am le el il at "
                         "veröffentlicht aktualisiert publié publicado publicada pubblicato atualizado "
                         "actualizado mis à jour ago hours hour minutes days day h min").split())
_DATE_SIGNAL = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_RELATED_LOOSE = re.compile(r"^\W*(?:also on|more on|more from|read more on)\s+\S+\s", re.IGNORECASE)
_SHORTCODE = re.compile(r"^\s*\[(\w+)\b[^\]]*\].{0,300}\[/\1\]\s*$")
_CURRENCIES = ("USD EUR GBP JPY CHF CNY RMB CAD AUD NZD HKD SGD INR RUB BRL MXN ZAR NGN GHS KES EGP MAD "
               "XOF XAF TRY PLN CZK HUF SEK NOK DKK ISK KRW TWD THB IDR MYR PHP VND PKR BDT SAR AED QAR "
               "KWD ILS UAH RON BGN ARS CLP COP PEN BTC ETH").split()
_CODE = "(?:" + "|".join(_CURRENCIES) + ")"
_RATE_ROW = re.compile(  # a currency (or pair) and a number, nothing much else
    r"^\W{0,3}(?:" + _CODE + r"(?:\s*/\s*" + _CODE + r")?)\s*[^\W\d]{0,20}(?:\s+[^\W\d]+){0,3}"
    r"\s*[|:]?\s*[$€£¥₦₹₽₩₺₴₫₱₪฿]?\s*[-+]?\d[\d.,]*(?:\s*[|]?\s*[-+▲▼]?\s*\d[\d.,]*\s*%?)*\W{0,3}$")
_URL_LINE = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$", re.IGNORECASE)

LONG_BLOCK_WORDS = 25  # a block this long is article prose, not a widget's line
SHORT_LINE_WORDS = 15  # phrase rules only judge lines up to this long
LINK_BLOCK_RATIO = 0.8  # a block with this share of link text is a link
LINK_LIST_SHARE = 0.6  # a list whose items are links at this share is a link list
TEASER_LINK_RATIO = 0.4  # outside the prose, a list item this linked is a teaser ...
TEASER_HEADLINE_RATIO = 0.2  # ... and so is one opening with a link (headline + summary)
RATE_TABLE_SHARE = 0.75  # a list or table with this share of rate rows is a rate widget
MAX_LINK_SHARE_REMOVED = 0.5  # link lists are not removed when they are most of the text
DEK_MIN_WORDS = 8  # a heading beside the title this long is its summary (dek, standfirst)
TITLE_WITHIN = 6  # the title is looked for among the first blocks only


def _judge(blocks: list[_Block], meta: dict) -> dict[int, Verdict]:
    """Index of each block judged boilerplate -> (rule id, category).

    The article's prose runs from the first to the last long, unlinked block;
    what comes before it (the lead) and after it (the tail) is where widgets
    sit, and some rules only judge there. Rules run in this order, later ones
    seeing the verdicts of earlier ones.
    """
    if not blocks:
        return {}
    zones = _Zones.of(blocks)
    verdicts: dict[int, Verdict] = {}
    _judge_title(blocks, zones, _norm(meta.get("title") or ""), verdicts)
    _judge_lists(blocks, zones, verdicts)
    page_url = (meta.get("url") or "").rstrip("/")
    for k, b in enumerate(blocks):
        if k not in verdicts and b.words <= SHORT_LINE_WORDS * 2:
            verdict = _judge_line(b, zones.outside(k), page_url)
            if verdict:
                verdicts[k] = verdict
    _judge_comment_box(blocks, verdicts)
    _judge_empty_headings(blocks, verdicts)
    return verdicts


@dataclass(frozen=True)
class _Zones:
    first_prose: int  # index of the first block of prose (len(blocks) when none)
    last_prose: int  # index of the last (-1 when none)

    @classmethod
    def of(cls, blocks: list[_Block]) -> _Zones:
        prose = [k for k, b in enumerate(blocks) if b.words >= LONG_BLOCK_WORDS and b.tag != "head" and (
            b.link_ratio < TEASER_LINK_RATIO if b.tag in ("item", "row") else b.link_ratio < 0.5)]
        return cls(prose[0], prose[-1]) if prose else cls(len(blocks), -1)

    def outside(self, k: int) -> bool:
        """In the lead (before the prose) or the tail (after it)."""
        return k < self.first_prose or k > self.last_prose


def _judge_title(blocks: list[_Block], zones: _Zones, title: str, verdicts: dict[int, Verdict]) -> None:
    """The title repeated before the text starts, and the long headings beside it (dek,
    standfirst); and any heading that is the title."""
    lead = range(min(zones.first_prose, TITLE_WITHIN, len(blocks)))
    title_at = next((k for k in lead if _is_title(blocks[k], title)), None)
    if title_at is None and lead and blocks[0].tag == "head" and blocks[0].rend == "h1":
        title_at = 0  # the headline opening the text, worded unlike the page's title
    if title_at is not None:
        verdicts[title_at] = ("html:title", "metadata")
        for k in lead:
            b = blocks[k]
            if k != title_at and b.tag == "head" and abs(k - title_at) <= 2 and b.words >= DEK_MIN_WORDS:
                verdicts[k] = ("html:dek", "metadata")
    for k, b in enumerate(blocks):
        if k not in verdicts and b.tag == "head" and title and _norm(b.text) == title:
            verdicts[k] = ("html:title", "metadata")


def _is_title(b: _Block, title: str) -> bool:
    """The block repeats the page's title: exactly, or the title without its site-name part,
    or (a heading) most of its words."""
    n = _norm(b.text)
    if not n or not title:
        return False
    if n == title:
        return True
    words, title_words = n.split(), title.split()
    if len(words) >= max(3, 0.6 * len(title_words)) and title.startswith(n):
        return True  # "Headline | Site" as the title
    if len(title_words) >= 3 and n.startswith(title) and len(words) <= len(title_words) + 4:
        return True
    if b.tag == "head" and len(words) >= 3:
        common = len(set(words) & set(title_words))
        return common >= 0.6 * min(len(set(words)), len(set(title_words)))
    return False


def _judge_lists(blocks: list[_Block], zones: _Zones, verdicts: dict[int, Verdict]) -> None:
    """Lists of links (related stories), tool lists above the text, rate tables, and
    headings that are links, outside the prose. Link verdicts are withdrawn when
    they would take most of the text: then the page is a list of stories."""
    for ks in _groups(blocks, ("item",)):
        out = all(zones.outside(k) for k in ks)
        linky = sum(_is_link_item(blocks[k], out) for k in ks)
        if (len(ks) >= 2 or out) and linky >= LINK_LIST_SHARE * len(ks):
            for k in ks:
                verdicts.setdefault(k, ("html:link-list", "related-links"))
        elif out and ks[-1] < zones.first_prose and all(blocks[k].words <= 3 for k in ks):
            for k in ks:  # "Share", "Print", "Order reprints"
                verdicts.setdefault(k, ("html:tool-list", "navigation"))
    for ks in _groups(blocks, ("item", "row")):
        rates = sum(bool(_RATE_ROW.match(blocks[k].text)) for k in ks)
        if rates >= 3 and rates >= RATE_TABLE_SHARE * len(ks):
            for k in ks:  # "USD 1.0842 +0.12%": an exchange-rate or ticker widget
                verdicts.setdefault(k, ("html:rate-table", "currency-widget"))
    for k, b in enumerate(blocks):
        if k not in verdicts and b.tag == "head" and zones.outside(k) and b.link_ratio >= LINK_BLOCK_RATIO:
            verdicts[k] = ("html:link-heading", "related-links")
    linked = sum(len(blocks[k].text) for k, v in verdicts.items() if v[0] in _LINK_RULES)
    if linked > MAX_LINK_SHARE_REMOVED * sum(len(b.text) for b in blocks):
        for k in [k for k, v in verdicts.items() if v[0] in _LINK_RULES]:
            del verdicts[k]


_LINK_RULES = ("html:link-list", "html:link-heading")


def _is_link_item(b: _Block, outside: bool) -> bool:
    """A list item that is a link; outside the prose, also a teaser (a headline link and
    its summary)."""
    if b.link_ratio >= LINK_BLOCK_RATIO:
        return True
    return outside and (b.link_ratio >= TEASER_LINK_RATIO
                        or b.src.lead_link and b.link_ratio >= TEASER_HEADLINE_RATIO)


def _groups(blocks: list[_Block], tags: tuple[str, ...]) -> list[list[int]]:
    """Indexes of the blocks of each list (or table), for blocks of the given tags."""
    groups: dict[int, list[int]] = {}
    for k, b in enumerate(blocks):
        if b.tag in tags and b.list_id is not None:
            groups.setdefault(b.list_id, []).append(k)
    return list(groups.values())


def _judge_line(b: _Block, outside: bool, page_url: str) -> Verdict | None:
    """What a single (short) block says of itself."""
    text = b.text
    short = b.words <= SHORT_LINE_WORDS
    if short and _COMMENTS.search(text):
        return "html:comment-furniture", "comment-box"
    if _RELATED.search(text) and (b.link_ratio >= 0.5 or b.words <= 4 or text.startswith("[")):
        return "html:related-label", "related-links"
    if _RELATED_LOOSE.search(text) and b.link_ratio >= 0.5:
        return "html:related-label", "related-links"
    if (short or _FOLLOW.search(text)) and _SHARE.search(text):
        return "html:share-prompt", "share"
    if short and _NEWSLETTER.search(text):
        return "html:newsletter-prompt", "newsletter"
    if _CREDIT.search(text) and (outside or short):
        return "html:credit-line", "metadata"
    if short and outside and (_READING_TIME.search(text) or _is_dateline(text)):
        return "html:dateline", "metadata"
    if page_url and _URL_LINE.match(text) and text.strip().rstrip("/") == page_url:
        return "html:page-url", "metadata"
    if _SHORTCODE.match(text):
        return "html:shortcode", "boilerplate"
    return None


def _is_dateline(text: str) -> bool:
    """A short line saying when (published, updated, a date, a time) and nothing else."""
    if not _DATE_SIGNAL.search(text):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in _DATE_WORDS]
    return len(words) <= 1 and len(text) <= 80


def _judge_comment_box(blocks: list[_Block], verdicts: dict[int, Verdict]) -> None:
    """A comment box's short labels ("guest", "Subscribe", "Login") next to its furniture."""
    furniture = [k for k, v in verdicts.items() if v[0] == "html:comment-furniture"]
    for k, b in enumerate(blocks):
        if k not in verdicts and b.words <= 3 and any(0 < abs(k - f) <= 2 for f in furniture):
            verdicts[k] = ("html:comment-furniture", "comment-box")


def _judge_empty_headings(blocks: list[_Block], verdicts: dict[int, Verdict]) -> None:
    """Headings left with nothing under them: at the end, before another heading, or
    over a removed list of links."""
    for k in range(len(blocks) - 1, -1, -1):
        if k in verdicts or blocks[k].tag != "head":
            continue
        nxt = next((j for j in range(k + 1, len(blocks)) if j not in verdicts), None)
        gone = [verdicts[j][1] for j in range(k + 1, nxt if nxt is not None else len(blocks))]
        if nxt is None or (gone and (blocks[nxt].tag == "head" or all(c == "related-links" for c in gone))):
            verdicts[k] = ("html:empty-heading", "boilerplate")
