"""The pipeline: read -> (HTML) extract -> segment -> rules -> detection -> result.

Each stage is its own module; this one only wires them together.
"""

from __future__ import annotations

import re
import unicodedata
from operator import attrgetter

from . import detect as detect_stage
from . import lang, markdown, reader, reflow, rules
from .model import Block, Removal, Result
from .segment import paragraphs, segment

KINDS = ("auto", "text", "html")
_LINE = attrgetter("line")  # a removal's line number


def clean(raw: str | bytes, url: str | None = None, source: str | None = None, *,
          kind: str = "auto", rulebook: rules.RuleBook | None = None,
          rule_timeout: float = 1.0, keep_markup: bool = False, metadata: bool = True,
          structure: bool = False, tables: bool = True, comments: bool = False) -> Result:
    """Clean one document (plain text or HTML, as str or bytes) and say what was removed.

    `metadata=False` spares a document the search for its author, date, site
    name, language and type (its title and url are still read), for callers
    that print text only.

    Plain text that reads as Markdown (links as [text](url)) is given back as
    the text its reader sees, unless `keep_markup`.

    `structure=True` fills Result.blocks (headings, lists, tables, formatting and
    links of the kept text, for Markdown and XML output). `tables=False` leaves
    out table rows (removals by "option:no-tables"). `comments=True` fills
    Result.comments with the comments found: the lines generic detection
    removed as a comment thread, and for HTML the comments trafilatura
    extracts (taken out of the body where the reading kept them).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    text = reader.load(raw) if isinstance(raw, (bytes, bytearray)) else raw
    if not unicodedata.is_normalized("NFC", text):  # "u" + combining diaeresis is "ü", findable
        text = unicodedata.normalize("NFC", text)
    if kind == "auto":
        kind = reader.sniff_kind(text)
    book = rulebook if rulebook is not None else rules.default_rulebook()
    meta: dict = {}
    notes: tuple[str, ...] = ()
    html_removals: tuple[Removal, ...] = ()
    whole_text = True  # generic detection is for whole-page text
    page_html = None
    page_words = None
    html_comments: tuple[str, ...] = ()
    if kind == "html":
        from . import html as html_stage  # trafilatura loads only for HTML

        url = url or html_stage.find_url(text)
        pre = book.select(url=url, text="", source=source)
        # drop=False: the blocks the HTML stage judged stay in the text, so
        # that they show (numbered) in Result.lines and `cleaner explain`
        page_html = text
        extracted = html_stage.extract(text, url, pre.prune_xpath, drop=False, metadata=metadata,
                                       comments=comments)
        html_comments = extracted.comments
        page_words = extracted.page_words
        html_removals = extracted.removed
        meta = {k: v for k, v in extracted.metadata.items() if v}
        notes = extracted.notes
        url = url or meta.get("url")
        text = extracted.text
        whole_text = extracted.whole_page  # an extracted article is not a whole page

    if kind == "text":  # what HTML-to-Markdown converters leave of the page's markup
        text, pieces = markdown.strip_markup(text)
        if pieces:
            notes += (f"markup: {pieces} raw HTML tags, comments or pandoc attributes removed",)
    lines = segment(text)
    if kind == "text":  # a wrapped paragraph is one block again (not in extracted HTML)
        lines = reflow.unwrap(lines)
    selection = book.select(url=url, text=text, source=source)
    if html_removals:
        gone_in_html = set(map(_LINE, html_removals))
        lines_left = [line for line in lines if line.number not in gone_in_html]
    else:
        lines_left = lines
    outcome = rules.apply(selection, lines_left, timeout=rule_timeout)
    removals: list[Removal] = list(html_removals) + list(outcome.removals)
    kept = outcome.lines
    if selection.generic and whole_text:
        read = _read_by_detection(selection, lines_left, kept, outcome.removals)
        found = detect_stage.detect(read, outcome.protected)
        gone = set(map(_LINE, found))
        if read is not kept:  # lines a learned rule took already are not taken twice
            here = {line.number for line in kept}
            found = [r for r in found if r.line in here]
        kept = [line for line in kept if line.number not in gone]
        removals.extend(found)
    if comments or structure or not tables:  # (the default text output needs none of it)
        from . import structure as structure_stage
    if html_comments:  # a reading that kept the comments: they go to their own section
        said = {structure_stage.norm(c) for c in html_comments}
        moved = [line for line in kept if structure_stage.norm(line.text) in said]
        if moved:
            removals.extend(Removal(KEEP_COMMENTS, "comment-box", line.number, line.text)
                            for line in moved)
            gone = {line.number for line in moved}
            kept = [line for line in kept if line.number not in gone]
    blocks: tuple[Block, ...] = ()
    if structure or not tables:
        markdown_input = kind == "text" and markdown.looks_like_markdown(text)
        page = None
        if page_html is not None:
            from . import htmlstructure

            page = htmlstructure.index(page_html, url)
        blocks = structure_stage.blocks(kept, markdown_input=markdown_input,
                                        plain_text=kind == "text", page=page)
        if not tables:
            rows = {b.line for b in blocks if b.kind == "row"}
            removals.extend(Removal(NO_TABLES, "table", line.number, line.text)
                            for line in kept if line.number in rows)
            kept = [line for line in kept if line.number not in rows
                    and not (rows and structure_stage.is_table_rule(line.text))]
            blocks = tuple(b for b in blocks if b.kind != "row")
    removals.sort(key=_LINE)

    for key, value in outcome.metadata.items():
        meta.setdefault(key, value)
    for key, value in _detected_metadata(removals).items():
        meta.setdefault(key, value)
    paras = paragraphs(kept)
    if kind == "text" and not keep_markup and markdown.looks_like_markdown(text):
        paras = [p for p in map(markdown.plain, paras) if p]
    paras = tuple(paras)
    if metadata:
        from . import metadata as page_metadata  # loaded for what prints metadata only

        meta.setdefault("hostname", page_metadata.hostname_of(url))
        if not meta.get("language"):
            meta["language"] = lang.code(lang.guess(_WORD.findall(" ".join(paras[:20]).lower())))
    return Result(
        text="\n\n".join(paras),
        paragraphs=paras,
        removals=tuple(removals),
        lines=tuple(lines),
        kind=kind,
        source=selection.source,
        url=url,
        title=meta.get("title"),
        date=meta.get("date"),
        author=meta.get("author"),
        sitename=meta.get("sitename"),
        notes=notes + outcome.notes,
        blocks=blocks if structure else (),
        page_words=page_words,
        comments=_comments(removals, html_comments) if comments else (),
        hostname=meta.get("hostname"),
        language=meta.get("language"),
        pagetype=meta.get("pagetype"),
    )


NO_TABLES = "option:no-tables"  # what removes table rows with tables=False
KEEP_COMMENTS = "option:comments"  # what moves comments the reading kept to their section


# removals that took comments themselves out, not a comment box's labels and forms
# (Notify of, Leave a Reply: what rules and html:comment-furniture remove)
COMMENT_TAKERS = frozenset({"detect:comment-thread", KEEP_COMMENTS})


def _comments(removals: list[Removal], extracted: tuple[str, ...]) -> tuple[str, ...]:
    """The comments: the lines generic detection removed as a comment thread, and
    those of trafilatura's comments the reading held, in order; then the rest of
    trafilatura's comments."""
    from .structure import norm

    found = [" ".join(r.text.split()) for r in removals
             if r.by in COMMENT_TAKERS and r.kind == "line"]
    said = {norm(text) for text in found}
    found += [text for text in extracted if norm(text) not in said]
    return tuple(text for text in found if text)


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
_DATE_IN_LINE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}\.?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}\b"
    r"|\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}$")
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
