"""A page's metadata, judged from all the places a page states it.

A page states its title, author and date in several places, and they
disagree: the <title> carries the site's name, og:title a teaser, an h1 the
headline, JSON-LD a headline or the name of the whole site, a meta author a
company, a <time> the last update. Taking the first that is found (as
trafilatura does) takes the first mistake. Here every statement is gathered
(`gather`, one read of a parsed page) as a `Candidates` value, and `judge`
picks from them by agreement: the value that most sources state, each source
counted by how much it is usually worth, and a source that is usually wrong
(a <title> with its site name, an og:title naming the site) cleaned or
discounted first.

`gather` reads an lxml tree (the one the HTML stage parsed) but imports
nothing; `judge` and everything below it are pure functions of strings.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date as Date
from typing import NamedTuple
from urllib.parse import urlsplit

FIELDS = ("title", "author", "date", "url", "hostname", "sitename", "language", "pagetype")


@dataclass(frozen=True)
class PageMetadata:
    """What is known of a page; None where the page does not say."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601, the day: YYYY-MM-DD
    url: str | None = None
    hostname: str | None = None
    sitename: str | None = None
    language: str | None = None  # the language the page declares, as its ISO 639 code ("en")
    pagetype: str | None = None  # as the page declares it (og:type, JSON-LD @type), lowercased

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in FIELDS}


class Candidate(NamedTuple):
    """One statement of a value, and where the page makes it."""

    source: str  # e.g. "og:title", "json-ld", "h1", "title", "meta", "time", "byline"
    value: str


@dataclass(frozen=True)
class Candidates:
    """Everything a page says of its title, author, date, site, language and type."""

    titles: tuple[Candidate, ...] = ()
    authors: tuple[Candidate, ...] = ()
    dates: tuple[Candidate, ...] = ()
    sitenames: tuple[Candidate, ...] = ()
    languages: tuple[Candidate, ...] = ()
    pagetypes: tuple[Candidate, ...] = ()
    url: str | None = None


def with_date(c: Candidates, date: Candidate) -> Candidates:
    """The candidates and one more statement of the date (another reader's finding)."""
    return replace(c, dates=c.dates + (date,))


# ---------------------------------------------------------------------------
# gathering: one read of the parsed page

MAX_VALUE_CHARS = 300  # a longer "title" or "author" is a paragraph, not a name
MAX_JSON_LD_CHARS = 200_000
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
_SPACE = re.compile(r"\s+")


def _squash(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


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
            if not _has_source(titles, "title") and (text := _squash(el.text_content())):
                titles.append(Candidate("title", text[:MAX_VALUE_CHARS]))
        elif tag == "h1":
            if len(h1s) < MAX_H1 and (text := _squash(el.text_content())):
                h1s.append(text[:MAX_VALUE_CHARS])
        elif tag == "script":
            if (el.get("type") or "").strip().lower() == "application/ld+json":
                _json_ld(el.text or "", titles, authors, dates, sitenames, pagetypes)
        elif tag == "time":
            if stamp := (el.get("datetime") or "").strip():
                published = "publish" in (el.get("itemprop") or el.get("class") or "").lower()
                dates.append(Candidate("time:published" if published else "time", stamp))
        elif tag == "a" and (el.get("rel") or "").lower() == "author":  # noqa: SIM102 - one branch a tag
            if text := _squash(el.text_content()):
                authors.append(Candidate("rel-author", text[:MAX_VALUE_CHARS]))
    titles.extend(Candidate("h1", text) for text in h1s)
    if full:
        _stated_in_body(root, authors, dates)
        if h1s:
            _near_title(
                [_squash(t) for t in root.xpath(_AFTER_H1_XPATH.format(TEXT_PIECES)) if _shown(t)],
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
            if stamp := el.get("content") or el.get("datetime") or _squash(el.text_content()):
                dates.append(Candidate("itemprop", stamp))
        else:
            name = el.find(".//*[@itemprop='name']")
            if text := _squash((name if name is not None else el).text_content()):
                authors.append(Candidate("itemprop", text[:MAX_VALUE_CHARS]))
    found = 0
    for el in root.xpath(_BYLINE_XPATH):
        named = f"{el.get('class') or ''} {el.get('id') or ''}"
        if el.tag in _NO_TEXT or not _BYLINE_NAME.search(named) or _NOT_BYLINE.search(named):
            continue
        text = _squash(" ".join(el.itertext()))
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
            piece = _squash(text)
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
    content = _squash(el.get("content"))
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


# JSON-LD types whose headline, author and date are the page's own
_CREATIVE = re.compile(
    r"Article|BlogPosting|Posting|Report|Review|Recipe|HowTo|Question|QAPage|"
    r"WebPage|Product|Event|Course|Book|Movie|VideoObject|CreativeWork|"
    r"FAQPage|ItemPage|CollectionPage|ProfilePage|TechArticle|Thing",
    re.IGNORECASE,
)
_SITE_TYPES = re.compile(
    r"^(?:WebSite|Organization|Corporation|NewsMediaOrganization|LocalBusiness)$", re.IGNORECASE
)


def _json_ld(text: str, titles, authors, dates, sitenames, pagetypes) -> None:
    """The statements of a JSON-LD block: of the page's own objects (an article, a
    page, a product...) their headline, name, authors and date; of the site, its name."""
    if len(text) > MAX_JSON_LD_CHARS:
        return
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        try:  # a trailing comma or a control character in a string: the usual faults
            data = json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except (ValueError, RecursionError):
            return
    for obj in _objects(data):
        types = _types(obj)
        if not types:
            continue
        if any(_SITE_TYPES.match(t) for t in types):
            if isinstance(obj.get("name"), str) and any(t.lower() == "website" for t in types):
                sitenames.append(Candidate("json-ld", _squash(obj["name"])))
            continue
        if not any(_CREATIVE.search(t) for t in types):
            continue
        kind = "json-ld:" + (
            "article"
            if any(re.search(r"Article|Posting|Report|Review", t) for t in types)
            else "page"
            if any(re.search(r"WebPage|Page$", t) for t in types)
            else "other"
        )
        pagetypes.append(Candidate(kind, types[0]))
        for key in ("headline", "name"):
            if isinstance(obj.get(key), str) and _squash(obj[key]):
                titles.append(Candidate(f"{kind}:{key}", _squash(obj[key])[:MAX_VALUE_CHARS]))
        names = _names(obj.get("author")) or _names(obj.get("creator"))
        if names:
            authors.append(Candidate(kind, ", ".join(dict.fromkeys(names))))
        for key in ("datePublished", "dateCreated", "uploadDate"):
            if isinstance(obj.get(key), str) and obj[key].strip():
                dates.append(Candidate(kind, obj[key].strip()))
                break
        else:
            if isinstance(obj.get("dateModified"), str):
                dates.append(Candidate("modified", obj["dateModified"].strip()))
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            sitenames.append(Candidate("json-ld:publisher", _squash(publisher["name"])))


def _objects(data, depth: int = 0) -> Iterator[dict]:
    """The JSON-LD objects of a block: top-level ones, those of @graph, and the mainEntity."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), (dict, list)):
                yield from _objects(data[key], depth + 1)


def _types(obj: dict) -> list[str]:
    value = obj.get("@type")
    if isinstance(value, str):
        return [value.rsplit("/", 1)[-1]]
    if isinstance(value, list):
        return [v.rsplit("/", 1)[-1] for v in value if isinstance(v, str)]
    return []


def _names(value) -> list[str]:
    """The names of JSON-LD authors: a string, an object with a name, or a list of them."""
    if isinstance(value, str):
        return [_squash(value)] if value.strip() else []
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str) and name.strip():
            return [_squash(name)]
        return []
    if isinstance(value, list):
        return [name for item in value[:10] for name in _names(item)]
    return []


# ---------------------------------------------------------------------------
# judging: pure functions of the candidates


# How much one statement of a title is worth, by where it is made. The h1 is the
# headline a reader sees; og:title and JSON-LD headlines are written for sharing and
# are often the same; the <title> carries the site's name, taken off before it counts.
TITLE_WEIGHTS = {
    "h1": 3.0,
    "og:title": 2.0,
    "json-ld:article:headline": 2.0,
    "twitter:title": 1.5,
    "meta": 1.0,
    "title": 1.5,
    "json-ld:article:name": 1.0,
    "json-ld:page:name": 1.0,
    "json-ld:page:headline": 1.0,
    "json-ld:other:headline": 1.0,
    "json-ld:other:name": 0.5,
}
# the separators a <title> puts between a page's name and its site's
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|«|/|:)\s+")
_PUNCT = re.compile(r"[\W_]+")


def norm(text: str | None) -> str:
    """A value as compared: entities decoded, spacing collapsed, case folded."""
    return _squash(html.unescape(text or "")).casefold()


def _key(text: str) -> str:
    """Letters and digits only: 'Accounting.com' and 'accounting com' compare equal."""
    return _PUNCT.sub("", norm(text))


def hostname_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host or None


def _site_keys(c: Candidates, host: str | None) -> set[str]:
    """What the site is called: its stated names and its host's name (letters and digits only)."""
    keys = {_key(s.value.lstrip("@")) for s in c.sitenames}
    if host:
        labels = [label for label in host.split(".") if label not in ("www", "m", "en", "blog")]
        if labels:
            keys.add(_key(labels[0]))
            keys.add(_key(".".join(labels)))
            if len(labels) >= 2:
                keys.add(_key(labels[-2]))
    keys.discard("")
    return keys


def _is_site(text: str, sites: set[str]) -> bool:
    k = _key(text)
    return bool(k) and any(
        k == s or (len(s) >= 4 and (k.startswith(s) or k.endswith(s)) and len(k) <= len(s) + 12)
        for s in sites
    )


def strip_site(title: str, sites: set[str]) -> str:
    """A title without the parts at its ends that name its site ("Page | Site", "Site - Page")."""
    cuts = [0]
    for m in _TITLE_SEPARATOR.finditer(title):
        cuts += [m.start(), m.end()]
    cuts.append(len(title))
    spans = [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts), 2)]  # the parts between separators
    first, last = 0, len(spans) - 1
    while last > first and _is_site(title[slice(*spans[last])], sites):
        last -= 1
    while first < last and _is_site(title[slice(*spans[first])], sites):
        first += 1
    return title[spans[first][0] : spans[last][1]]


def judge_title(c: Candidates, sites: set[str]) -> str | None:
    """The title most sources state, each without the parts that name the site; an h1
    or og:title that is only the site's name states nothing."""
    votes: dict[str, float] = {}
    shown: dict[str, str] = {}
    for cand in c.titles:
        value = strip_site(_squash(html.unescape(cand.value)), sites)
        if not value or (cand.source != "title" and _is_site(value, sites)):
            continue
        n = norm(value)
        votes[n] = votes.get(n, 0.0) + TITLE_WEIGHTS.get(cand.source, 0.5)
        shown.setdefault(n, value)
    if not votes:
        return None
    return shown[max(votes, key=votes.get)]


AUTHOR_WEIGHTS = {
    "json-ld:article": 3.0,
    "meta": 2.0,
    "article:author": 2.0,
    "itemprop": 2.0,
    "rel-author": 1.5,
    "byline": 1.0,
    "json-ld:page": 1.5,
    "json-ld:other": 1.0,
    "text": 1.0,
}
REPEAT_WEIGHT = 0.2  # a source's later statements (more posts, related articles) count this share
ORGANISATION_WEIGHT = 0.5  # ... and a stated author that is the site itself
USERNAME_WEIGHT = 0.5  # ... and a stated author with no space in it (a login, "kffjdoe")
PREFIX_SHARE = 0.5  # what a longer statement beginning with a name adds to it
MAX_AUTHOR_WORDS = 8
# what a byline says around the name: "By", "Written by", "Post by ... » <date>"
_BYLINE_LEAD = re.compile(r"^(?:[\w.]+\s+){0,3}?(?:by|from)\b\s*:?\s*", re.IGNORECASE)
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_BYLINE_TAIL = re.compile(
    r"\s+(?:last\s+)?(?:updated|published|posted|reviewed|edited|fact[- ]checked)\b.*$"
    r"|\s*(?:»|•|·|\s-|-\s|–|—)\s*.*$"
    r"|\s+(?:on|at)\s+(?=\d|" + _MONTH_NAME + r"\s+\d).*$"
    r"|\s*\b" + _MONTH_NAME + r"\s+\d.*$|\s+\d.*$",
    re.IGNORECASE,
)
# a date opening a byline ("Dec 17, 2025 Jane Roe", "Sat, 20 Dec, 2025 - 06:36")
_DATE_LEAD = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+)?"
    + _MONTH_NAME
    + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+\d{4}[\s,·•|-]*",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"https?:|www\.|@|^(?:admin|administrator|author|authors|by|unknown|staff|"
    r"written by|posted by|(?:topic|post|original|thread)\s+(?:author|starter)|\W*\w?\W*|[\d\W]+|"
    r"on|in|at|the|and|of|for|to|mon|tue|wed|thu|fri|sat|sun|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)$",
    re.IGNORECASE,
)


def author_name(text: str, source: str) -> str | None:
    """A byline or a stated author as a name: 'By' and what follows the name (a date,
    a place) taken off; None when it does not read as a name."""
    name = _squash(html.unescape(text)).replace(" ,", ",")
    if source in ("byline", "text", "itemprop", "rel-author"):
        name = _DATE_LEAD.sub("", name, count=1)
        name = _BYLINE_TAIL.sub("", _BYLINE_LEAD.sub("", name, count=1), count=1)
    elif name[:3].lower() == "by ":
        name = name[3:]
    name = name.strip(" ,;:|-–—")
    if not name or _NOT_A_NAME.search(name) or len(name.split()) > MAX_AUTHOR_WORDS:
        return None
    return name


def _weighted(candidates, read, weights: dict[str, float]):
    """Each candidate that `read` makes a value of, with that value and its source's
    weight; a source's later statements (more posts, related articles) count
    REPEAT_WEIGHT of its first."""
    seen: set[str] = set()
    for cand in candidates:
        value = read(cand)
        if value is None:
            continue
        weight = weights.get(cand.source, 1.0)
        if cand.source in seen:
            weight *= REPEAT_WEIGHT
        seen.add(cand.source)
        yield cand, value, weight


def judge_author(c: Candidates, sites: set[str] = frozenset()) -> str | None:
    """The name most sources state; a name that begins a longer statement ('Jane Roe'
    of 'Jane Roe, Staff Writer') has that statement's support too."""
    stated: list[tuple[str, str, float]] = []  # (normalised, as shown, weight)
    named = _weighted(c.authors, lambda cand: author_name(cand.value, cand.source), AUTHOR_WEIGHTS)
    for cand, name, weight in named:
        if sites and _is_site(name, sites):
            weight *= ORGANISATION_WEIGHT
        if " " not in name and cand.source not in ("byline", "text", "itemprop", "rel-author"):
            weight *= USERNAME_WEIGHT
        stated.append((norm(name), name, weight))
    best, best_score = None, 0.0
    for n, name, _ in stated:
        score = sum(
            w if other == n else PREFIX_SHARE * w
            for other, _, w in stated
            if other == n or other.startswith((n + " ", n + ","))
        )
        if score > best_score:
            best, best_score = name, score
    return best


DATE_WEIGHTS = {
    "article:published_time": 5.0,
    "meta": 3.0,
    "time": 3.0,
    "itemprop": 2.0,
    "time:published": 2.0,
    "text": 2.0,
    "htmldate": 1.0,
    "dateline": 1.0,
    "json-ld:other": 1.0,
    "json-ld:article": 0.5,
    "json-ld:page": 0.5,
    "modified": 0.0,
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])|^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_SLASHED = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def parse_day(text: str) -> str | None:
    """The calendar day a date string names, as YYYY-MM-DD; None when it names none
    (or only a month or a year: no day is invented)."""
    m = _ISO_DAY.match(text)
    if m:
        year, month, day = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
        return _day(year, month, day)
    m = _MONTH_DAY_YEAR.search(text)
    if m and m.group(1).lower() in _MONTHS:
        return _day(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    m = _DAY_MONTH_YEAR.search(text)
    if m and m.group(2).lower() in _MONTHS:
        return _day(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _SLASHED.search(text)
    if m:
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second or "." in m.group(0):  # 24/4/2000, 4.11.2025: day first
            return _day(int(m.group(3)), second, first)
        return _day(int(m.group(3)), first, second)  # 4/24/2000 or ambiguous: month first
    return None


def _day(year: int, month: int, day: int) -> str | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return Date(year, month, day).isoformat()
    except ValueError:
        return None


def judge_date(c: Candidates) -> str | None:
    """The day most sources state, a source's later statements (the dates of replies,
    of related articles) counting less than its first."""
    votes: dict[str, float] = {}
    for _, day, weight in _weighted(c.dates, lambda cand: parse_day(cand.value), DATE_WEIGHTS):
        votes[day] = votes.get(day, 0.0) + weight
    if not votes:
        return None
    return max(votes, key=votes.get)


def judge(c: Candidates, full: bool = True) -> PageMetadata:
    """The page's metadata from what it states; only its title and url unless `full`."""
    host = hostname_of(c.url)
    sites = _site_keys(c, host)
    title = judge_title(c, sites)
    if not full:
        return PageMetadata(title=title, url=c.url)
    sitename = next(
        (_squash(html.unescape(s.value)).lstrip("@") for s in c.sitenames if s.source != "twitter:site"), None
    )
    return PageMetadata(
        title=title,
        author=judge_author(c, sites),
        date=judge_date(c),
        url=c.url,
        hostname=host,
        sitename=sitename or None,
        language=next(filter(None, (language_code(x.value) for x in c.languages)), None),
        pagetype=judge_pagetype(c),
    )


_LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:$|[-_])")


def language_code(tag: str) -> str | None:
    """The language of a BCP 47 tag or a locale ("en-US", "pt_BR"), lowercased: "en", "pt"."""
    m = _LANGUAGE_TAG.match(tag.strip())
    return m.group(1).lower() if m else None


def judge_pagetype(c: Candidates) -> str | None:
    """What the page says it is: its og:type, unless that is the catch-all "website" and
    its JSON-LD names a type (Product, BlogPosting, QAPage...); lowercased."""
    declared = next((x.value.lower() for x in c.pagetypes if x.source == "og:type"), None)
    typed = next((x.value.lower() for x in c.pagetypes if x.source != "og:type"), None)
    if declared and (declared != "website" or typed is None):
        return declared
    return typed
