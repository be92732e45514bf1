"""Judging: the page's metadata picked from its candidates by agreement. Pure
functions of strings."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from .dates import judge_date
from .fields import Candidates, PageMetadata, squash, weighted

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
    return squash(html.unescape(text or "")).casefold()


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
        value = strip_site(squash(html.unescape(cand.value)), sites)
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
    name = squash(html.unescape(text)).replace(" ,", ",")
    if source in ("byline", "text", "itemprop", "rel-author"):
        name = _DATE_LEAD.sub("", name, count=1)
        name = _BYLINE_TAIL.sub("", _BYLINE_LEAD.sub("", name, count=1), count=1)
    elif name[:3].lower() == "by ":
        name = name[3:]
    name = name.strip(" ,;:|-–—")
    if not name or _NOT_A_NAME.search(name) or len(name.split()) > MAX_AUTHOR_WORDS:
        return None
    return name


def judge_author(c: Candidates, sites: set[str] = frozenset()) -> str | None:
    """The name most sources state; a name that begins a longer statement ('Jane Roe'
    of 'Jane Roe, Staff Writer') has that statement's support too."""
    stated: list[tuple[str, str, float]] = []  # (normalised, as shown, weight)
    named = weighted(c.authors, lambda cand: author_name(cand.value, cand.source), AUTHOR_WEIGHTS)
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


def judge(c: Candidates, full: bool = True) -> PageMetadata:
    """The page's metadata from what it states; only its title and url unless `full`."""
    host = hostname_of(c.url)
    sites = _site_keys(c, host)
    title = judge_title(c, sites)
    if not full:
        return PageMetadata(title=title, url=c.url)
    sitename = next(
        (squash(html.unescape(s.value)).lstrip("@") for s in c.sitenames if s.source != "twitter:site"), None
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
