"""Gathering: every statement of title, author, date, site, language and type, in
one read of a parsed page (an lxml tree; nothing is imported here)."""

from __future__ import annotations

import re

from .dates import parse_day
from .fields import MAX_VALUE_CHARS, Candidate, Candidates, squash
from .jsonld import json_ld

MAX_H1 = 3
MAX_BYLINE_ELEMENTS = 8

_TITLE_META = {
    "og:title": "og:title",
    "twitter:title": "twitter:title",
    "title": "meta",
    "dc.title": "meta",
    "dcterms.title": "meta",
    "citation_title": "meta",
    "parsely-title": "meta",
    "sailthru.title": "meta",
    "headline": "meta",
}
_AUTHOR_META = {
    "author": "meta",
    "article:author": "article:author",
    "dc.creator": "meta",
    "dc:creator": "meta",
    "dcterms.creator": "meta",
    "citation_author": "meta",
    "parsely-author": "meta",
    "sailthru.author": "meta",
    "byl": "meta",
    "og:article:author": "article:author",
    "book:author": "meta",
}
_DATE_META = {
    "article:published_time": "article:published_time",
    "og:article:published_time": "article:published_time",
    "datepublished": "meta",
    "date": "meta",
    "pubdate": "meta",
    "publishdate": "meta",
    "publish-date": "meta",
    "publish_date": "meta",
    "publication_date": "meta",
    "dc.date": "meta",
    "dc.date.issued": "meta",
    "dcterms.date": "meta",
    "dcterms.issued": "meta",
    "dcterms.created": "meta",
    "citation_publication_date": "meta",
    "citation_date": "meta",
    "parsely-pub-date": "meta",
    "sailthru.date": "meta",
    "article.published": "meta",
    "original-publish-date": "meta",
    "created": "meta",
    "datecreated": "meta",
}
_MODIFIED_META = {
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "article.updated",
    "lastmod",
}
_SITENAME_META = {
    "og:site_name": "og:site_name",
    "application-name": "application-name",
    "twitter:site": "twitter:site",
    "apple-mobile-web-app-title": "application-name",
    "publisher": "meta",
    "dc.publisher": "meta",
    "citation_journal_title": "meta",
}

# class or id naming an element that holds the author's name
_BYLINE_NAME = re.compile(
    r"by-?line|author|\bbyl\b|username|submitted-?by|posted-?by|journalist|writer", re.IGNORECASE
)
# ... but not a picture of the author, a biography, a list of authors or a comment's
_NOT_BYLINE = re.compile(
    r"avatar|image|img|photo|bio|desc|about|comment|social|list|more|other|related|box|card", re.IGNORECASE
)


# What gather asks libxml2 for (XPath runs in C: a walk of every element in Python
# cost more than the rest of the metadata search).
# (tested on each attribute node: `@class[contains(., ...)]` is cheaper than
# `contains(@class, ...)`; the cases a word comes in are why its first letter is left out)
_BYLINE_XPATH = "//*[@class[{}] or @id[{}]]".format(
    " or ".join(
        f"contains(., '{part}')"
        for part in ("uthor", "yline", "byl", "sername", "ubmitted", "osted", "ournalist", "riter")
    ),
    " or ".join(f"contains(., '{part}')" for part in ("uthor", "yline")),
)
_ITEMPROP_XPATH = "//*[@itemprop[.='author' or .='creator' or .='datePublished' or .='datepublished']]"
_AFTER_H1_XPATH = "(//h1)[1]/following::text()[normalize-space()][position() <= {}]"
_DATELINE_XPATH = (
    "//body//text()[contains(., '19') or contains(., '20')][string-length(normalize-space()) <= {}]"
)


_TITLE_TAGS = ("meta", "title", "h1", "script")
_TAGS = _TITLE_TAGS + ("time", "a")


def gather(tree, url: str | None = None, full: bool = True) -> Candidates:
    """Every statement of title, author, date, site, language and type in a parsed page
    (an lxml HTML tree), in document order within each source; unless `full`, only
    what the title is judged from (meta tags, <title>, h1, JSON-LD)."""
    titles: list[Candidate] = []
    authors: list[Candidate] = []
    dates: list[Candidate] = []
    sitenames: list[Candidate] = []
    languages: list[Candidate] = []
    pagetypes: list[Candidate] = []
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    if root is None:
        return Candidates(url=url)
    if lang := root.get("lang") or root.get("xml:lang"):
        languages.append(Candidate("html-lang", lang.strip()))
    h1s: list[str] = []
    for el in root.iter(*(_TAGS if full else _TITLE_TAGS)):
        tag = el.tag
        if tag == "meta":
            _meta_tag(el, titles, authors, dates, sitenames, languages, pagetypes)
        elif tag == "title":
            if not _has_source(titles, "title") and (text := squash(el.text_content())):
                titles.append(Candidate("title", text[:MAX_VALUE_CHARS]))
        elif tag == "h1":
            if len(h1s) < MAX_H1 and (text := squash(el.text_content())):
                h1s.append(text[:MAX_VALUE_CHARS])
        elif tag == "script":
            if (el.get("type") or "").strip().lower() == "application/ld+json":
                json_ld(el.text or "", titles, authors, dates, sitenames, pagetypes)
        elif tag == "time":
            if stamp := (el.get("datetime") or "").strip():
                published = "publish" in (el.get("itemprop") or el.get("class") or "").lower()
                dates.append(Candidate("time:published" if published else "time", stamp))
        elif tag == "a" and (el.get("rel") or "").lower() == "author":  # noqa: SIM102 - one branch a tag
            if text := squash(el.text_content()):
                authors.append(Candidate("rel-author", text[:MAX_VALUE_CHARS]))
    titles.extend(Candidate("h1", text) for text in h1s)
    if full:
        _stated_in_body(root, authors, dates)
        if h1s:
            _near_title(
                [squash(t) for t in root.xpath(_AFTER_H1_XPATH.format(TEXT_PIECES)) if _shown(t)],
                authors,
                dates,
            )
        if (dateline := _dateline(root)) is not None:
            dates.append(Candidate("dateline", dateline))
    return Candidates(
        tuple(titles),
        tuple(authors),
        tuple(dates),
        tuple(sitenames),
        tuple(languages),
        tuple(pagetypes),
        url=url,
    )


def _stated_in_body(root, authors: list[Candidate], dates: list[Candidate]) -> None:
    """Authors and dates marked up as such (itemprop) or in an element named as a byline."""
    for el in [el for el in root.xpath(_ITEMPROP_XPATH) if el.tag != "meta"][: MAX_BYLINE_ELEMENTS * 2]:
        if el.get("itemprop").lower() == "datepublished":
            if stamp := el.get("content") or el.get("datetime") or squash(el.text_content()):
                dates.append(Candidate("itemprop", stamp))
        else:
            name = el.find(".//*[@itemprop='name']")
            if text := squash((name if name is not None else el).text_content()):
                authors.append(Candidate("itemprop", text[:MAX_VALUE_CHARS]))
    found = 0
    for el in root.xpath(_BYLINE_XPATH):
        named = f"{el.get('class') or ''} {el.get('id') or ''}"
        if el.tag in _NO_TEXT or not _BYLINE_NAME.search(named) or _NOT_BYLINE.search(named):
            continue
        text = squash(" ".join(el.itertext()))
        if text and len(text) <= MAX_VALUE_CHARS:
            authors.append(Candidate("byline", text))
            found += 1
            if found >= MAX_BYLINE_ELEMENTS:
                break


def _shown(text) -> bool:
    """A text node of the page that a reader sees (not inside a script or a style)."""
    return text.is_tail or text.getparent().tag not in _NO_TEXT


def _dateline(root) -> str | None:
    """The first short piece of the page's text that is a date."""
    for text in root.xpath(_DATELINE_XPATH.format(MAX_DATELINE_CHARS)):
        if not text.is_tail and _shown(text) and _YEAR.search(text):
            piece = squash(text)
            if parse_day(piece):
                return piece
    return None


TEXT_PIECES = 30  # pieces of text after the h1 where a byline and a date are looked for
MAX_DATELINE_CHARS = 80
_YEAR = re.compile(r"(?:19|20)\d\d")
_NO_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "option"})
BYLINE_START = re.compile(r"^(?:(?:written|posted|words|story|reporting)\s+)?by\b:?", re.IGNORECASE)


def _near_title(pieces: list[str], authors: list[Candidate], dates: list[Candidate]) -> None:
    """A byline ("By Jane Roe") and a date among the first pieces of text after the h1."""
    found_author = found_date = False
    for k, piece in enumerate(pieces):
        if not found_author and BYLINE_START.match(piece):
            if BYLINE_START.fullmatch(piece) and k + 1 < len(pieces):
                piece = f"{piece} {pieces[k + 1]}"  # "By" in an element of its own
            authors.append(Candidate("text", piece[:MAX_VALUE_CHARS]))
            found_author = True
        if not found_date and len(piece) <= MAX_DATELINE_CHARS and parse_day(piece):
            dates.append(Candidate("text", piece))
            found_date = True


def _has_source(found: list[Candidate], source: str) -> bool:
    """Whether a statement from `source` is among those found."""
    return any(c.source == source for c in found)


def _meta_tag(el, titles, authors, dates, sitenames, languages, pagetypes) -> None:
    """The statement of one <meta> tag, by its property, name or itemprop."""
    key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
    content = squash(el.get("content"))
    if not key or not content:
        if (el.get("http-equiv") or "").lower() == "content-language" and content:
            languages.append(Candidate("content-language", content))
        return
    content = content[:MAX_VALUE_CHARS]
    if key in _TITLE_META:
        titles.append(Candidate(_TITLE_META[key], content))
    elif key in _AUTHOR_META:
        authors.append(Candidate(_AUTHOR_META[key], content))
    elif key in _DATE_META:
        dates.append(Candidate(_DATE_META[key], content))
    elif key in _MODIFIED_META:
        dates.append(Candidate("modified", content))
    elif key in _SITENAME_META:
        sitenames.append(Candidate(_SITENAME_META[key], content))
    elif key == "og:locale":
        languages.append(Candidate("og:locale", content))
    elif key == "og:type":
        pagetypes.append(Candidate("og:type", content))
