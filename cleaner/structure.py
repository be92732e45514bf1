"""The structure of the kept text: which paragraph is a heading, a list item, a
table row, a quote, and the formatting and links inside it.

Only the structured outputs (Markdown, XML) and `--no-tables` need it, so the
pipeline asks for it only then; the text it returns is never changed, only
described. Each kept line becomes one Block:

- for HTML, the page's own element of the same words, when there is one
  (`html.structure.index`): its heading level, list, table cells, emphasis and
  links, whichever reading (trafilatura's or resiliparse's) the line came from;
- otherwise from the line itself: Markdown's `#` headings, `-`/`*`/`1.` items,
  `>` quotes and `| a | b |` rows, the bullets converters write (`•`), and, in
  plain text, a short line without end punctuation that heads a longer
  paragraph is a heading.

Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .model import Block, Inline, Line
from .text import markdown

_HEADING = re.compile(r"#{1,6}(?=\s)")
# (not the en or em dash: "— Name, date" under a quote is an attribution, not an item)
_BULLET = re.compile(r"[-*+\u2022\u00b7\u25aa\u25ba]\s+")
_NUMBERED = re.compile(r"([1-9]\d{0,2})[.)]\s+")  # ("0." and "01." would be written 1.)
_QUOTE = re.compile(r">\s?")
# A Markdown table's row and the rule under its header row (which the output writes again).
_ROW = re.compile(r"\|.*\|")
_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_WORD = re.compile(r"\w+")

# A plain-text heading: a short line, no end punctuation, before a longer paragraph.
HEADING_MAX_CHARS = 90
HEADING_MAX_WORDS = 12
_NOT_A_HEADING_END = tuple('.,;:!…"”’)»')
_SENTENCE_END = tuple('.!?…"”’)»')

# Inline Markdown: images (dropped), links, bold, italic, code. Every repeat is bounded.
_INLINE_MD = re.compile(
    r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)"
    r"|\[(?P<label>[^\[\]\n]{0,500})\]\((?P<href>[^()\s]{0,2000})(?:\s{1,5}\"[^\"\n]{0,300}\")?\)"
    r"|\*\*(?P<b1>[^*\n]{1,1000})\*\*|__(?P<b2>[^_\n]{1,1000})__"
    r"|(?<![\w*\\])\*(?P<i1>[^*\s][^*\n]{0,1000}?)\*(?![\w*])"
    r"|(?<![\w_\\])_(?P<i2>[^_\s][^_\n]{0,1000}?)_(?![\w_])"
    r"|`(?P<code>[^`\n]{1,1000})`"
)
_CELL_BAR = re.compile(
    r"(?<!\\)\|"
)  # a bar between cells; "\|" is one inside a cell (escaped by the reading)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def norm(text: str) -> str:
    """A text's words, lower-cased, one space apart: what two readings of a block share."""
    return " ".join(_WORD.findall(text.lower()))


def is_table_rule(text: str) -> bool:
    """The line under a Markdown table's header row: `|---|:---:|`."""
    return bool(_RULE.fullmatch(" ".join(text.split())))


def blocks(
    kept: Sequence[Line],
    *,
    markdown_input: bool = False,
    plain_text: bool = False,
    page: Mapping[str, Block] | None = None,
) -> tuple[Block, ...]:
    """One Block per kept line that shows (a Markdown table's rule line does not).

    `page`: an HTML page's blocks by their words (html.structure.index).
    `markdown_input`: the lines are Markdown (their inline markup is read).
    `plain_text`: the lines are plain text (short lines heading a paragraph are headings).
    """
    out: list[Block] = []
    for line in kept:
        text = " ".join(line.text.split())
        if not text or _RULE.fullmatch(text):
            continue
        own = _from_line(line.number, text, markdown_input)
        found = _element(page, text, own) if page else None
        if found is None:
            out.append(own)
        elif _same_text(found, own):
            out.append(found._replace(line=line.number))
        else:
            out.append(_matched(found, own, text, markdown_input))
    if plain_text and not markdown_input:
        out = _plain_headings(out)
    return tuple(b for b in out if b.text or b.cells)


def _element(page: Mapping[str, Block], text: str, own: Block) -> Block | None:
    """The page's element of a kept line: by the line's words, or an item's by its words
    after the reading's marker (a reading numbers a list from 1 where the page starts it at 0)."""
    found = page.get(norm(text))
    if found is None and own.kind == "item":
        found = page.get(norm(own.text))
        return found if found is not None and found.kind == "item" else None
    return found


def _matched(found: Block, own: Block, text: str, markdown_input: bool) -> Block:
    """A kept line whose element has other characters ("Review," for "Review"): the
    element's kind, the line's own words."""
    if found.kind == "row":
        return (
            found._replace(line=own.line, text=own.text, runs=own.runs, cells=own.cells) if own.cells else own
        )
    if own.kind == "row" or (own.kind != "p" and found.text[:1] == text[:1]):
        # a row's bars around one cell, "- 3 degrees" in a paragraph or a quote, "1. Protein"
        # in a heading: the line's opening is the element's own text, not a marker to drop
        own = _paragraph(own.line, text, markdown_input)
    return found._replace(line=own.line, text=own.text, runs=own.runs, cells=own.cells, paragraphs=())


def _same_text(a: Block, b: Block) -> bool:
    """Whether two blocks hold the same characters, spacing and table bars aside."""

    def chars(block: Block) -> str:
        text = " ".join(" ".join(r.text for r in cell) for cell in block.cells) if block.cells else block.text
        return "".join(text.replace("|", " ").split())

    return chars(a) == chars(b)


def _from_line(line_number: int, text: str, markdown_input: bool) -> Block:
    kind, level, number = "p", 0, None
    if _ROW.fullmatch(text) and text.count("|") >= 3:
        cells = tuple(
            runs(cell.strip().replace("\\|", "|"), markdown_input) for cell in _CELL_BAR.split(text[1:-1])
        )
        return Block(line_number, "row", " ".join(_plain(c) for c in cells), cells=cells)
    m = _HEADING.match(text)
    if m:
        kind, level, text = "heading", len(m.group()), text[m.end() :].strip().rstrip("#").strip()
    elif (m := _BULLET.match(text)) is not None:
        kind, text = "item", text[m.end() :]
    elif (m := _NUMBERED.match(text)) is not None:
        kind, number, text = "item", int(m.group(1)), text[m.end() :]
    elif text.startswith(">") and (m := _QUOTE.match(text)) is not None:
        kind, text = "quote", text[m.end() :]
    found = runs(text, markdown_input)
    return Block(line_number, kind, _plain(found), found, level, number=number)


def _paragraph(number: int, text: str, markdown_input: bool) -> Block:
    found = runs(text, markdown_input)
    return Block(number, "p", _plain(found), found)


def runs(text: str, markdown_input: bool) -> tuple[Inline, ...]:
    """A paragraph's text as runs of formatting: Markdown's inline markup read when
    `markdown_input` (images dropped), else the text as it is."""
    if not markdown_input:
        return (Inline(text),) if text else ()
    found = _markdown_runs(text)
    seen = markdown.plain(text)  # what the text output says for it
    if _plain(found) != seen:  # ("**a __b__**", "[x][ref]": read otherwise here) its words, unformatted
        return (Inline(seen),) if seen else ()
    return found


def _markdown_runs(text: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    at = 0
    for m in _INLINE_MD.finditer(text):
        if m.start() > at:
            out.append(Inline(_unescape(text[at : m.start()])))
        at = m.end()
        if m.group("label") is not None:
            out.append(Inline(markdown.plain(m.group("label")), "", m.group("href") or None))
        elif m.group("b1") or m.group("b2"):
            out.append(Inline(_unescape(m.group("b1") or m.group("b2")), "b"))
        elif m.group("i1") or m.group("i2"):
            out.append(Inline(_unescape(m.group("i1") or m.group("i2")), "i"))
        elif m.group("code"):
            out.append(Inline(m.group("code"), "code"))
        else:  # an image
            out.append(Inline(" "))
    if at < len(text):
        out.append(Inline(_unescape(text[at:])))
    return tidy(out)


def tidy(found: Sequence[Inline]) -> tuple[Inline, ...]:
    """Runs with their spacing collapsed as a paragraph's is (one space between
    words, none at either end), neighbours of the same formatting merged."""
    merged: list[Inline] = []
    for run in found:
        text = re.sub(r"\s+", " ", run.text)
        if merged and merged[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        if not merged and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        if merged and (merged[-1].style, merged[-1].href) == (run.style, run.href):
            merged[-1] = merged[-1]._replace(text=merged[-1].text + text)
        else:
            merged.append(Inline(text, run.style, run.href))
    if merged and merged[-1].text.endswith(" "):
        last = merged[-1]._replace(text=merged[-1].text.rstrip())
        merged[-1:] = [last] if last.text else []
    return tuple(merged)


def _plain(found: Sequence[Inline]) -> str:
    return " ".join("".join(run.text for run in found).split())


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _plain_headings(found: list[Block]) -> list[Block]:
    """Plain text's headings: a short paragraph that does not end as a sentence,
    before a paragraph at least twice as long that does."""
    out = list(found)
    for k, block in enumerate(found[:-1]):
        after = found[k + 1]
        text = block.text
        if (
            block.kind == "p"
            and after.kind == "p"
            and len(text) <= HEADING_MAX_CHARS
            and len(text.split()) <= HEADING_MAX_WORDS
            and text[:1].isupper()
            and not text.endswith(_NOT_A_HEADING_END)
            and len(after.text) >= max(60, 2 * len(text))
            and after.text.endswith(_SENTENCE_END)
            and not (k > 0 and out[k - 1].kind == "heading")
        ):
            out[k] = block._replace(kind="heading", level=2)
    return out
