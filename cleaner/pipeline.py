"""The pipeline: read -> (HTML) extract -> segment -> rules -> detection -> result.

Each stage is its own module; this one only wires them together.
"""

from __future__ import annotations

import re
import unicodedata
from operator import attrgetter
from typing import NamedTuple

from . import codeblocks, limits, reader, rules
from .lazyre import lazy
from .model import METADATA_FIELDS, Block, Line, Removal, Result
from .text import detect as detect_stage
from .text import lang, markdown, reflow
from .text.segment import paragraphs, segment

KINDS = ("auto", "text", "html")
_LINE = attrgetter("line")  # a removal's line number


# (NamedTuples: records as immutable as frozen dataclasses, whose classes cost a tenth
# of the time to make when the module is imported)
class _Reading(NamedTuple):
    """What the reading stage hands on: the text to segment, and what it learnt of the page."""

    text: str
    url: str | None
    meta: dict
    notes: tuple[str, ...]
    removed: tuple[Removal, ...] = ()  # blocks the HTML stage judged (still in `text`)
    whole_page: bool = True  # generic detection is for whole-page text
    page_html: str | None = None
    page_words: int | None = None
    comments: tuple[str, ...] = ()  # trafilatura's comments, when asked for
    code: tuple[str, ...] = ()  # the text of each <pre> of the page


class _Cleaned(NamedTuple):
    """What the rules and detectors kept and removed."""

    kept: list[Line]
    removals: list[Removal]
    rules_meta: dict
    notes: tuple[str, ...]


def clean(
    raw: str | bytes,
    url: str | None = None,
    source: str | None = None,
    *,
    kind: str = "auto",
    rulebook: rules.RuleBook | None = None,
    rule_timeout: float | None = 1.0,
    keep_markup: bool = False,
    metadata: bool = True,
    structure: bool = False,
    tables: bool = True,
    comments: bool = False,
) -> Result:
    """Clean one document (plain text or HTML, as str or bytes) and say what was removed.
    `rule_timeout` is in seconds per regex call of a rule (None: no limit).

    `metadata=False` spares a document the search for its author, date, site
    name, language and type (its title and url are still read), for callers
    that print text only. Plain text that reads as Markdown (links as
    [text](url)) is given back as the text its reader sees, unless `keep_markup`.

    `structure=True` fills Result.blocks (headings, lists, tables, formatting and
    links of the kept text, for Markdown and XML output). `tables=False` leaves
    out table rows (removals by "option:no-tables"). `comments=True` fills
    Result.comments with the comments found: the lines generic detection
    removed as a comment thread, and for HTML the comments trafilatura
    extracts (taken out of the body where the reading kept them).
    """
    _check_arguments(raw, url, kind, rule_timeout)
    text, kind = _loaded(raw, kind)
    book = rulebook if rulebook is not None else rules.default_rulebook()
    if kind == "html":
        reading = _html_reading(text, url, book, source, metadata, comments)
        lines = segment(reading.text)
    else:
        reading = _text_reading(text, url)
        lines = reflow.unwrap(segment(reading.text))  # a wrapped paragraph is one block again
    selection = book.select(url=reading.url, text=reading.text, source=source)
    cleaned = _rules_and_detection(reading, lines, selection, rule_timeout)
    kept, removals, blocks, code = _as_asked(reading, kind, lines, cleaned, structure, tables)
    removals.sort(key=_LINE)
    paras = _paragraphs(kept, kind, reading.text, keep_markup, code)
    meta = _metadata_found(reading.meta, cleaned.rules_meta, removals)
    if metadata:
        _page_facts(meta, reading.url, paras)
    return Result(
        text="\n\n".join(paras),
        paragraphs=paras,
        removals=tuple(removals),
        lines=tuple(lines),
        kind=kind,
        source=selection.source,
        notes=reading.notes + cleaned.notes,
        blocks=blocks if structure else (),
        page_words=reading.page_words,
        comments=_comments(removals, reading.comments) if comments else (),
        **{name: meta.get(name) for name in METADATA_FIELDS if name != "url"},
        url=reading.url,
    )


def _check_arguments(raw, url, kind, rule_timeout) -> None:
    """A caller's mistake said for what it is, before any work."""
    limits.settable(rule_timeout)  # (nan is no time limit)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if not isinstance(raw, (str, bytes, bytearray)):
        raise TypeError(f"a document is str or bytes, not {type(raw).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url is a str or None, not {type(url).__name__}")


def _loaded(raw: str | bytes, kind: str) -> tuple[str, str]:
    """The document as text in NFC, and its kind ("text" or "html")."""
    text = reader.load(raw) if isinstance(raw, (bytes, bytearray)) else raw
    kind = reader.sniff_kind(text) if kind == "auto" else kind
    if kind == "html" and isinstance(raw, str):  # (bytes are decoded without lone surrogates)
        text = reader.without_surrogates(text)
    if not unicodedata.is_normalized("NFC", text):  # "u" + combining diaeresis is "ü", findable
        text = unicodedata.normalize("NFC", text)
    return text, kind


def _html_reading(
    text: str, url: str | None, book: rules.RuleBook, source: str | None, metadata: bool, comments: bool
) -> _Reading:
    """The page's main content as the HTML stage reads it (trafilatura loads only here)."""
    from . import html as html_stage

    url = url or html_stage.find_url(text)
    pre = book.select(url=url, text="", source=source)
    # drop=False: the blocks the HTML stage judged stay in the text, so
    # that they show (numbered) in Result.lines and `cleaner explain`
    extracted = html_stage.extract(
        text, url, pre.prune_xpath, drop=False, metadata=metadata, comments=comments
    )
    meta = {k: v for k, v in extracted.metadata.items() if v}
    return _Reading(
        extracted.text,
        url or meta.get("url"),
        meta,
        extracted.notes,
        removed=extracted.removed,
        whole_page=extracted.whole_page,  # an extracted article is not a whole page
        page_html=text,
        page_words=extracted.page_words,
        comments=extracted.comments,
        code=extracted.code,
    )


def _text_reading(text: str, url: str | None) -> _Reading:
    """Plain text without what HTML-to-Markdown converters leave of the page's markup."""
    text, pieces = markdown.strip_markup(text)
    notes = (f"markup: {pieces} raw HTML tags, comments or pandoc attributes removed",) if pieces else ()
    return _Reading(text, url, {}, notes)


def _rules_and_detection(
    reading: _Reading, lines: list[Line], selection: rules.Selection, rule_timeout: float | None
) -> _Cleaned:
    """The rules, then generic detection on whole-page text the rules do not fully cover."""
    if reading.removed:
        gone_in_html = set(map(_LINE, reading.removed))
        lines_left = [line for line in lines if line.number not in gone_in_html]
    else:
        lines_left = lines
    outcome = rules.apply(selection, lines_left, timeout=rule_timeout)
    removals: list[Removal] = list(reading.removed) + list(outcome.removals)
    kept = outcome.lines
    if selection.generic and reading.whole_page:
        read = _read_by_detection(selection, lines_left, kept, outcome.removals)
        found = detect_stage.detect(read, outcome.protected)
        gone = set(map(_LINE, found))
        if read is not kept:  # lines a learned rule took already are not taken twice
            here = {line.number for line in kept}
            found = [r for r in found if r.line in here]
        kept = [line for line in kept if line.number not in gone]
        removals.extend(found)
    return _Cleaned(kept, removals, outcome.metadata, outcome.notes)


class _Asked(NamedTuple):
    """The cleaned text as the options ask for it."""

    kept: list[Line]
    removals: list[Removal]
    blocks: tuple[Block, ...]  # the structure, when asked for
    code: tuple[codeblocks.CodeRun, ...]  # kept lines that are one stretch of a code block


def _as_asked(
    reading: _Reading, kind: str, lines: list[Line], cleaned: _Cleaned, structure: bool, tables: bool
) -> _Asked:
    """The options' part: comments the reading kept moved to their own section, the
    structure of the kept text (Markdown, XML), table rows left out; and the kept
    lines of the page's code blocks found again, to be written as the page has them."""
    kept, removals, blocks = cleaned.kept, cleaned.removals, ()
    if reading.comments:  # a reading that kept the comments: they go to their own section
        from .structure import norm

        said = {norm(c) for c in reading.comments}
        moved = [line for line in kept if norm(line.text) in said]
        if moved:
            removals.extend(Removal(KEEP_COMMENTS, "comment-box", line.number, line.text) for line in moved)
            gone = {line.number for line in moved}
            kept = [line for line in kept if line.number not in gone]
    if structure or not tables:
        kept, removals, blocks = _structured(reading, kind, kept, removals, tables)
    code = codeblocks.find(kept, lines, reading.code)
    return _Asked(kept, removals, codeblocks.merged(blocks, code), code)


def _structured(
    reading: _Reading, kind: str, kept: list[Line], removals: list[Removal], tables: bool
) -> tuple[list[Line], list[Removal], tuple[Block, ...]]:
    """The structure of the kept text (Markdown, XML), and table rows left out when
    `tables` is False."""
    from . import structure as structure_stage

    markdown_input = kind == "text" and markdown.looks_like_markdown(reading.text)
    page = None
    if reading.page_html is not None:
        from .html import structure as htmlstructure

        page = htmlstructure.index(reading.page_html, reading.url)
    blocks = structure_stage.blocks(kept, markdown_input=markdown_input, plain_text=kind == "text", page=page)
    if not tables:
        rows = {b.line for b in blocks if b.kind == "row"}
        removals.extend(
            Removal(NO_TABLES, "table", line.number, line.text) for line in kept if line.number in rows
        )
        kept = [
            line
            for line in kept
            if line.number not in rows and not (rows and structure_stage.is_table_rule(line.text))
        ]
        blocks = tuple(b for b in blocks if b.kind != "row")
    return kept, removals, blocks


def _metadata_found(page_meta: dict, rules_meta: dict, removals: list[Removal]) -> dict:
    """The page's metadata, then what rules found, then what detection removed."""
    meta = dict(page_meta)
    for key, value in rules_meta.items():
        meta.setdefault(key, value)
    for key, value in _detected_metadata(removals).items():
        meta.setdefault(key, value)
    return meta


def _paragraphs(
    kept: list[Line], kind: str, text: str, keep_markup: bool, code: tuple[codeblocks.CodeRun, ...]
) -> tuple[str, ...]:
    paras = codeblocks.paragraphs(kept, code) if code else paragraphs(kept)
    if kind == "text" and not keep_markup and markdown.looks_like_markdown(text):
        paras = [p for p in map(markdown.plain, paras) if p]
    return tuple(paras)


def _page_facts(meta: dict, url: str | None, paras: tuple[str, ...]) -> None:
    """The host and the language, where the page did not say them."""
    from . import metadata as page_metadata  # loaded for what prints metadata only

    meta.setdefault("hostname", page_metadata.hostname_of(url))
    if not meta.get("language"):
        meta["language"] = lang.code(lang.guess(_WORD.findall(" ".join(paras[:20]).lower())))


NO_TABLES = "option:no-tables"  # what removes table rows with tables=False
KEEP_COMMENTS = "option:comments"  # what moves comments the reading kept to their section


# removals that took comments themselves out, not a comment box's labels and forms
# (Notify of, Leave a Reply: what rules and html:comment-furniture remove)
COMMENT_TAKERS = frozenset({"detect:comment-thread", KEEP_COMMENTS})


def _comments(removals: list[Removal], extracted: tuple[str, ...]) -> tuple[str, ...]:
    """The comments: the lines generic detection removed as a comment thread, then
    trafilatura's comments in their own order (those the reading held, which
    option:comments moved out of the body, among them: a thread's heading the
    reading's judging took out, "2 comments", stays at the thread's head)."""
    from .structure import norm

    said = {norm(text) for text in extracted}
    found = [
        " ".join(r.text.split())
        for r in removals
        if r.by in COMMENT_TAKERS and r.kind == "line" and norm(r.text) not in said
    ]
    return tuple(text for text in (*found, *extracted) if text)


def _read_by_detection(selection: rules.Selection, lines_left, kept, removals):
    """The lines generic detection reads: those the rules kept, and, for a learned
    source, the lines its rules removed too. Detection judges a page as a whole
    (what kind of page, where its main text runs); a page stripped of its
    template reads differently from the whole pages it was built for, and its
    verdicts on the page's own lines got worse (bench/learn.py). So learned
    removals are added to detection's, not made before it."""
    if not selection.learned:
        return kept
    ids = {rule.id for rs in selection.rulesets if rs.learned for rule in rs.rules}
    learned = {r.line for r in removals if r.kind == "line" and r.by in ids}
    if not learned:
        return kept
    here = {line.number for line in kept} | learned
    return [line for line in lines_left if line.number in here]


# A date written inside a longer line: ISO, "12 March 2024", "March 12th, 2024".
_DATE_IN_LINE = lazy(
    r"\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}\.?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}\b"
    r"|\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
)
_ISO = lazy(r"\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"\w+")


def _detected_metadata(removals: list[Removal]) -> dict:
    """Title, author and date from what generic detection removed as a headline, a
    byline or a timestamp, for text whose rules gave none. A date counts only when
    it reads as a calendar date, an author only when a byline names one ("By Jane Roe")."""
    meta: dict = {}
    for r in removals:
        if r.by == "detect:headline" and "title" not in meta:
            meta["title"] = " ".join(r.text.split())
        if r.by == "detect:byline" and "author" not in meta:
            from . import metadata as page_metadata  # loaded when a byline is found

            if page_metadata.BYLINE_START.match(r.text.strip()):
                name = page_metadata.author_name(r.text, "text")
                if name:
                    meta["author"] = name
        if r.by in ("detect:timestamp", "detect:byline") and "date" not in meta:
            found = _DATE_IN_LINE.search(r.text)
            date = rules.normalise_date(found.group(0)) if found else ""
            if _ISO.match(date):
                meta["date"] = date
    return meta
