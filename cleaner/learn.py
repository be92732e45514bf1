"""Learning a site's template from a batch of its pages (`cleaner rules learn`).

A site's boilerplate repeats on every page while its content does not. This
module finds, per host, the lines (and line shapes: the same words around
other numbers or dates) that repeat across the host's pages, keeps those that
also *sit* like page furniture, and describes them as rule specs; rulegen.py
writes the specs as rule files.

Repetition alone is not enough: a product family shares its specification
labels, documentation pages share headings, two articles can quote the same
sentence. A repeated line is learned only with more evidence:

- it is seen on at least MIN_PAGES pages and on at least SHARE of the host's pages;
- where it sits: above the page's first or below its last line of its own
  (a line seen on this page only, of ANCHOR_CHARS characters or more): the
  page's header and footer, on at least as many pages as above;
- a line that reads as prose (detect.sentence_like, with no boilerplate
  vocabulary) is learned there only when it sits at the edges of every page it is on;
- among the page's own lines, a repeated line is a widget's ("Help & report",
  "Show reviews in selected display order", "Why you're seeing this ad") only
  when it sits beside the same line, one with SHAPE_LETTERS letters or more,
  on at least INSIDE_SHARE of the host's pages (a line with boilerplate
  vocabulary, cleaner/vocabulary.py STRONG: on MIN_PAGES). A spec label sits
  beside a different value on each page, a heading beside different
  paragraphs, a product's name beside its price; a line with a colon is a
  label ("Weight:", "Battery Type: Lithium Ion") unless it is a prompt of more
  than LABEL_WORDS words ending with it; a line of code (braces, semicolons,
  calls) is left; a sentence is learned only from INSIDE_PROSE_PAGES pages
  and INSIDE_PROSE_SHARE of them (a product family shares its description),
  or with boilerplate vocabulary;
- on no page may the learned lines take more than MAX_SHARE of its text:
  beyond that the pages are copies of one another, not a template with content;
  unless the pages that keep text of their own learn a line by themselves, at
  their edges: then it is the template, and the page it would empty a shell of
  it (a search or sign-in page) with a few lines of its own.

Bounded memory: the learner keeps, per page, two hashes (text, shape) and a
length per line, not its text; the text of a line (or of a line of a shape)
only once it has been seen on two pages. Pure: no I/O; `Learner.add` takes a
page's line texts (page_texts), `Learner.sites` gives the specs (judged in
learnjudge.py).
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from urllib.parse import urlsplit

from .errors import CleanerError
from .hosts import ascii_host

MIN_PAGES = 2  # never learn from fewer pages than this
COPIES = "its pages are copies of one another: what they share is their text, not a template"
SHARE = 0.5  # a line must be on at least this share of the host's pages
MAX_SHARE = 0.95  # learned lines may take at most this share of any page's text (more: copies of one page)
ANCHOR_CHARS = 20  # a page's own line this long (about four words) bounds its header and footer
PROSE_WORDS = 6  # a sentence-like line of this many words is prose (see above)
INSIDE_SHARE = 0.7  # a line among a page's own text sits beside the same line on this share of the pages
INSIDE_PROSE_SHARE = 0.8  # ... a sentence there: on this share,
INSIDE_PROSE_PAGES = 4  # ... and on this many pages at least
LABEL_WORDS = 4  # a line ending with a colon after more words than this is a prompt, not a label
SHAPE_CHARS = 120  # longer lines are no template shapes (and are not generalised: speed)
SHAPE_LETTERS = 4  # a shape keeps at least this many letters of its own ("Page 0 of 0")
HEADER_REACH = 2  # a header rule acts on twice as many lines as the longest header seen
KEEP_CHARS = 200  # a keep example is a line of the pages this long at most
KEEP_EXAMPLES = 2  # lines of the pages' own text given as keep examples per rule
REMOVE_EXAMPLES = 3  # lines given as remove examples per rule
KEEP_CANDIDATES = 8  # page lines remembered per host as keep-example candidates

# Where a rule's lines sit (the category that follows from it: learnjudge.py).
TOP, BOTTOM, INSIDE = "top", "bottom", "inside"
_REGION_WORDS = {
    TOP: "above the page's own text",
    BOTTOM: "below the page's own text",
    INSIDE: "among the page's own text, next to the same line",
}

_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_MONTHS = re.compile(  # (the lookahead, implied by the names, makes the scan faster)
    r"\b(?=[adfjmnos])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?",
    re.IGNORECASE,
)
_MONTH_PATTERN = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SHAPE_TOKEN = re.compile(r"\d+|" + _MONTHS.pattern, re.IGNORECASE)
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}")


class LearnError(CleanerError):
    """Learning could not start: a document without a host, bad settings."""


def host_of(url: str | None) -> str | None:
    """The host a URL belongs to, lowercased, without a leading "www."; None if it has none."""
    if not url:
        return None
    try:
        host = ascii_host((urlsplit(url.strip()).hostname or "").rstrip("."))
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host if _HOST.fullmatch(host) else None


def as_host(name: str) -> str | None:
    """A folder name read as a host name ("www.example.com" -> "example.com"), or None."""
    name = ascii_host(name.rstrip(".")).removeprefix("www.")
    return name if _HOST.fullmatch(name) else None


@lru_cache(maxsize=1 << 16)  # template lines come back on every page of a site
def shape(text: str) -> str | None:
    """The line with its numbers and month names generalised ("Posted 3 May 2024" ->
    "Posted 0 MONTH 0"), or None when it has no number (its shape is itself) or
    when too little is left of it to say what it is (a bare number, a date alone),
    or when it is longer than SHAPE_CHARS."""
    if len(text) > SHAPE_CHARS or not _DIGIT.search(text):
        return None
    general = _MONTHS.sub("MONTH", _DIGITS.sub("0", text))
    return general if worded(general) else None


def generalised(texts: Sequence[str]) -> list[tuple[int, str]]:
    """(index, generalised line) of the lines that may have a shape: those with a
    number, SHAPE_CHARS long at most; those of them that are `worded` are what
    `shape` gives line by line, found for the whole page in two regex calls (a
    page has hundreds of lines)."""
    # only lines with a digit: found by the regex engine, not line by line in Python
    short = list(compress(range(len(texts)), map(SHAPE_CHARS.__ge__, map(len, texts))))
    candidates = list(compress(short, map(_DIGIT.search, map(texts.__getitem__, short))))
    if not candidates:
        return []
    generals = _MONTHS.sub("MONTH", _DIGITS.sub("0", "\n".join(map(texts.__getitem__, candidates))))
    generals = generals.split("\n")
    if len(generals) != len(candidates):  # a line with a line break of its own: one by one
        generals = [_MONTHS.sub("MONTH", _DIGITS.sub("0", texts[k])) for k in candidates]
    return list(zip(candidates, generals))


def worded(general: str) -> bool:
    """Whether a generalised line keeps enough words of its own to be a shape."""
    return sum(map(str.isalpha, general)) - 5 * general.count("MONTH") >= SHAPE_LETTERS


def line_pattern(text: str) -> str:
    """A regex matching this (normalised) line exactly, whatever its inner whitespace."""
    return re.escape(" ".join(text.split())).replace("\\ ", r"\s+")


def shape_pattern(text: str) -> str:
    """A regex matching the lines of this line's shape: other numbers, other month names."""
    out = []
    for word in text.split():
        pieces, at = [], 0
        for m in _SHAPE_TOKEN.finditer(word):
            pieces.append(re.escape(word[at : m.start()]))
            pieces.append(r"\d+" if m.group().isdigit() else _MONTH_PATTERN)
            at = m.end()
        pieces.append(re.escape(word[at:]))
        out.append("".join(pieces))
    return r"\s+".join(out)


@dataclass
class KeptPage:
    """What the learner keeps of one page: per line, two hashes and its length."""

    keys: array  # hash of the (stripped) line
    shapes: array  # hash of its generalised text (see `generalised`), 0 when it has no number
    chars: array  # length of each line


@dataclass
class KeptHost:
    """What the learner keeps of one host: its pages, and the texts of the lines on two of them."""

    pages: list[KeptPage] = field(default_factory=list)
    seen: Counter = field(default_factory=Counter)  # line key -> pages it is on
    shape_seen: Counter = field(default_factory=Counter)
    texts: dict[int, str] = field(default_factory=dict)  # key -> text, once on two pages
    shape_first: dict[int, int] = field(default_factory=dict)  # shape -> hash of the first line of it
    shape_varies: set[int] = field(default_factory=set)  # shapes seen with two different lines
    shape_texts: dict[int, dict[str, None]] = field(
        default_factory=dict
    )  # shape -> a few lines, once on two pages
    own: list[tuple[int, int, str]] = field(default_factory=list)  # (chars, key, text): keep candidates


@dataclass(frozen=True)
class LearnedRule:
    """One rule learned for a host: whole lines to remove (alternatives)."""

    id: str
    category: str
    region: str  # TOP or BOTTOM: where its lines sit
    patterns: tuple[str, ...]
    pages_min: int  # the fewest pages one of its lines was seen on
    pages_max: int
    of: int  # the host's pages
    remove: tuple[str, ...]  # lines of the pages it removes
    keep: tuple[str, ...]  # lines of the pages it leaves
    within: int | None = None  # acts on the first `within` lines only (header rules)

    @property
    def why(self) -> str:
        seen = (
            f"{self.pages_min}"
            if self.pages_min == self.pages_max
            else f"{self.pages_min} to {self.pages_max}"
        )
        lines = "this line" if len(self.patterns) == 1 else f"each of these {len(self.patterns)} lines"
        return (
            f"Learned from the pages of this host: {lines} was seen on {seen} of its {self.of} "
            f"pages, {_REGION_WORDS[self.region]}."
        )


@dataclass(frozen=True)
class LearnedSite:
    """The rules learned for one host."""

    host: str
    pages: int
    rules: tuple[LearnedRule, ...]
    skipped: str | None = None  # why nothing was learned, if so


@dataclass(frozen=True)
class Settings:
    min_pages: int = MIN_PAGES
    share: float = SHARE
    max_share: float = MAX_SHARE

    def needed(self, pages: int) -> int:
        """Pages a line must be on to count as repeated, for a host of `pages` pages."""
        return max(self.min_pages, math.ceil(self.share * pages))


class Learner:
    """Collects pages host by host (`add`), then learns each host's rules (`sites`)."""

    def __init__(self, settings: Settings | None = None):
        settings = settings or Settings()
        if settings.min_pages < 2:
            raise LearnError("learning needs at least 2 pages per host (min_pages)")
        self.settings = settings
        self.hosts: dict[str, KeptHost] = {}

    def add(self, host: str, texts: Sequence[str]) -> None:
        """Take one page of `host`: its lines' texts, stripped, blank lines left out
        (page_texts). A line repeated on the page (a quarter of a page's lines
        are) is read once: its shape is found for its first occurrence."""
        site = self.hosts.setdefault(host, KeptHost())
        keys = list(map(hash, texts))
        chars = list(map(len, texts))
        distinct = dict(zip(keys, texts))  # one text per key (the key is the text's hash), in page order
        lines = list(distinct.values())
        line_keys = list(distinct)
        shape_of: dict[int, int] = {}  # line key -> hash of its generalised text
        shaped: dict[int, str] = {}  # shape -> the page's first line of it
        # (whether a shape keeps enough words is asked of the repeated ones only: learnjudge.py)
        for k, general in generalised(lines):
            shape_of[line_keys[k]] = h = hash(general)
            shaped.setdefault(h, lines[k])
        shapes = list(map(shape_of.get, keys, repeat(0))) if shape_of else [0] * len(keys)
        site.pages.append(KeptPage(array("q", keys), array("q", shapes), array("l", chars)))
        seen = site.seen
        seen.update(line_keys)
        second = list(compress(line_keys, map((2).__eq__, map(seen.__getitem__, line_keys))))
        site.texts.update(zip(second, map(distinct.__getitem__, second)))  # on a second page now
        site.shape_seen.update(shaped.keys())
        for h, text in shaped.items():
            if site.shape_seen[h] == 1:
                site.shape_first[h] = hash(text)
                continue
            if hash(text) != site.shape_first[h]:
                site.shape_varies.add(h)
            examples = site.shape_texts.setdefault(h, {})
            if len(examples) < REMOVE_EXAMPLES:
                examples[text] = None
        self._remember_own(site, keys, texts, chars)

    @staticmethod
    def _remember_own(site: KeptHost, keys, texts, chars) -> None:
        """Keep the page's longest line of at most KEEP_CHARS (a reviewer reads them)
        as a candidate keep example; at most KEEP_CANDIDATES per host."""
        # (each length looked at once: a page has hundreds of lines, of fewer lengths)
        longest = max(filter(KEEP_CHARS.__ge__, set(chars)), default=0)
        if not longest:
            return
        k = chars.index(longest)  # the first line of that length
        site.own.append((chars[k], keys[k], texts[k]))
        site.own.sort(key=lambda t: -t[0])
        del site.own[KEEP_CANDIDATES:]

    def sites(self) -> list[LearnedSite]:
        """Every host's learned rules, hosts in name order."""
        from .learnjudge import learn_host  # the judging half (it imports this module)

        return [learn_host(host, self.hosts[host], self.settings) for host in sorted(self.hosts)]


def learn(pages: Iterable[tuple[str, Sequence[str]]], settings: Settings | None = None) -> list[LearnedSite]:
    """The rules learned from (host, line texts) pages: one LearnedSite per host."""
    learner = Learner(settings)
    for host, lines in pages:
        learner.add(host, lines)
    return learner.sites()


def page_texts(document: str, kind: str) -> list[str]:
    """A page's lines, stripped, blank ones left out, read cheaply for learning.

    Plain text: as the pipeline reads it, markup stripped (wrapped paragraphs
    are not joined: they are a page's own text, never its template). HTML: the
    page's whole visible text, one block a line, by tag stripping (no parsing,
    no extraction): the lines of the template that extraction lets through are
    among them.
    """
    from .text import markdown
    from .text.segment import normalise

    if kind == "html":
        from .html import visible_text

        text = visible_text(document)
    else:
        text, _ = markdown.strip_markup(document)
    return list(filter(None, map(str.strip, normalise(text.replace("\ufeff", "")).split("\n"))))
