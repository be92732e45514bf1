"""Value types passed between the pipeline's stages. No behaviour, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

# The fixed set of categories a removal may carry (rules and detectors alike).
CATEGORIES = (
    "related-links",
    "currency-widget",
    "comment-box",
    "spam",
    "navigation",
    "share",
    "newsletter",
    "metadata",
    "promo",
    "boilerplate",  # generic detection's catch-all: not article text, no finer label
    "footer",  # a site's page footer (learned rules: lines below the page's own text)
    "cookie",  # a cookie or consent banner
    "template",  # a site's page furniture with no finer label (learned rules)
)


class Line(NamedTuple):
    """One block of the text being cleaned: a line of the (extracted) text.

    `number` is 1-based and refers to the text the pipeline segmented (the
    input itself for plain text, trafilatura's output for HTML).
    `text` keeps leading whitespace (indentation is a layout signal) but has
    trailing whitespace removed. `span` is how many lines of that text it
    covers: more than one for a wrapped paragraph joined back (text/reflow.py).

    A named tuple, as Removal: pages have hundreds of lines, and a tuple is
    built several times faster than a frozen dataclass.
    """

    number: int
    text: str
    span: int = 1

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def last(self) -> int:
        """The number of the last line it covers."""
        return self.number + self.span - 1


class Removal(NamedTuple):
    """Something taken out of the document, and what took it out.

    `by` is a rule id (from rules/) or a detector id (``detect:...``);
    `kind` is "line" when the whole line went, "fragment" when only `text`
    was cut out of the line.
    """

    by: str
    category: str
    line: int
    text: str
    kind: str = "line"

    @property
    def chars(self) -> int:
        return len(self.text)

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in ("by", "category", "line", "kind", "chars", "text")}


class Inline(NamedTuple):
    """A run of a block's text and its formatting: `style` is "" (plain), "b"
    (bold), "i" (italic) or "code"; `href` a link's target, when it is one."""

    text: str
    style: str = ""
    href: str | None = None


class Block(NamedTuple):
    """A kept paragraph and its place in the document's structure, for the
    structured outputs (Markdown, XML). Only built when asked for
    (`clean(..., structure=True)`).

    `kind` is "p" (paragraph), "heading" (`level` 1-6), "item" (a list item:
    `number` its number in a numbered list, None in a bulleted one; `depth` how many
    lists its list is inside), "row" (a table row: `cells`, each a run of
    Inline), "quote" or "code". `text` is the paragraph as Result.paragraphs
    holds it; `runs` the same words with their formatting and links; an item
    the page gives as several paragraphs has their runs in `paragraphs` too.
    """

    line: int  # the number of the Line it comes from
    kind: str
    text: str
    runs: tuple[Inline, ...] = ()
    level: int = 0
    cells: tuple[tuple[Inline, ...], ...] = ()
    number: int | None = None
    depth: int = 0
    paragraphs: tuple[tuple[Inline, ...], ...] = ()


# Result.metadata's fields, in the order records give them (trafilatura's names)
METADATA_FIELDS = ("title", "author", "date", "url", "hostname", "sitename", "language", "pagetype")


@dataclass(frozen=True)
class Result:
    """What `cleaner.clean` returns."""

    text: str
    paragraphs: tuple[str, ...]
    removals: tuple[Removal, ...]
    lines: tuple[Line, ...]  # the segmented input, before any removal
    kind: str  # "text" or "html"
    source: str | None = None  # the per-source rule set applied, if any
    url: str | None = None
    title: str | None = None
    date: str | None = None  # ISO 8601, the day (YYYY-MM-DD)
    author: str | None = None
    sitename: str | None = None
    notes: tuple[str, ...] = field(default=())  # e.g. "fallback: ..." for HTML
    blocks: tuple[Block, ...] = field(default=())  # with clean(..., structure=True) only
    comments: tuple[str, ...] = field(default=())  # with clean(..., comments=True) only
    page_words: int | None = None  # HTML: words of the page's whole visible text, when read
    hostname: str | None = None
    language: str | None = None  # ISO 639 code, e.g. "en": declared by the page, else guessed
    pagetype: str | None = None  # what the page declares itself (og:type, JSON-LD @type), lowercased

    @property
    def metadata(self) -> dict:
        """The document's metadata under trafilatura's field names; None where unknown."""
        return {name: getattr(self, name) for name in METADATA_FIELDS}

    def removed_chars_by_category(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.removals:
            counts[r.category] = counts.get(r.category, 0) + r.chars
        return counts
