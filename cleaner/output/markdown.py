"""A cleaned document as Markdown: headings, lists, tables, quotes, code, emphasis
and links, with text that would read as markup escaped."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from ..model import Block, Inline, Result
from ..structure import tidy
from . import lists
from .text import Style

# What a line of plain text must not start with, lest Markdown read it as markup.
_LINE_START = re.compile(r"^(?:[-+=~#>]|\d{1,9}(?=[.)](?:\s|$)))")
_CLOSING_HASHES = re.compile(r"(^|\s)(#+\s*)$")  # what a heading would read as its closing marks
_BACKTICKS = re.compile(r"`+")  # a code block's fence is longer than any run of them in it
_INLINE_SPECIAL = re.compile(r"([\\`*\[\]<])|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w{1,32};)")


def escape(text: str, in_table: bool = False) -> str:
    """Plain text as Markdown that reads as that text (emphasis, link, code and HTML
    markers escaped; `|` too inside a table)."""
    text = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    if in_table:
        text = text.replace("|", "\\|")
    return text


def _escape_start(text: str) -> str:
    m = _LINE_START.match(text)
    if not m:
        return text
    if m.group(0)[0].isdigit():  # "2024. A year" is no list item: escape its dot
        end = m.end()
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def _heading(markdown: str) -> str:
    """A heading's text with its closing hashes escaped ("C #" would read as "C")."""
    return _CLOSING_HASHES.sub(r"\1\\\2", markdown)


def _escape_lines(text: str) -> str:
    """A paragraph of several lines (a comment, a result made without structure) with
    each line escaped as its first: a later line opening with `~~~`, `#`, `>` or `-`
    would start a fence (code to the end of the document), a heading, a quote or a list."""
    return "\n".join(_escape_start(line.lstrip()) for line in text.split("\n"))


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _can_emphasise(before: str, text: str, after: str) -> bool:
    """Whether `*text*` between these characters reads as emphasis in CommonMark: its
    opening mark left-flanking, its closing mark right-flanking (a space, the
    start or the end counts as whitespace)."""
    first, last = text[0], text[-1]
    if first.isspace() or last.isspace():
        return False
    opens = not _punctuation(first) or before.isspace() or _punctuation(before)
    closes = not _punctuation(last) or after.isspace() or _punctuation(after)
    return opens and closes


def inline_markdown(runs: tuple[Inline, ...], links: bool, in_table: bool = False) -> str:
    """Runs as Markdown: **bold**, *italic*, `code`, [text](target) with `links`.
    Emphasis that Markdown would not read as such (`a**.**b`) is left out."""
    if not links:  # neighbours that differ only by their link are one run
        runs = tidy([run._replace(href=None) for run in runs])
    out: list[str] = []
    for k, run in enumerate(runs):
        text = run.text
        linked = bool(run.href and links)
        before = "[" if linked else (runs[k - 1].text[-1:] or " ") if k else " "
        after = "]" if linked else (runs[k + 1].text[:1] or " ") if k + 1 < len(runs) else " "
        if run.style == "code" and "`" not in text:  # (code holding backticks is written as text)
            body = f"`{text.strip()}`" if text.strip() else text
            if in_table:
                body = body.replace("|", "\\|")
        else:
            body = escape(text.strip(), in_table)
            touching = bool(out) and out[-1].endswith("*") and not text[:1].isspace()
            edges = (" " if text[:1].isspace() else before, " " if text[-1:].isspace() else after)
            if (
                body
                and run.style in ("b", "i")
                and not touching
                and _can_emphasise(edges[0], text.strip(), edges[1])
            ):
                mark = "**" if run.style == "b" else "*"
                body = f"{mark}{body}{mark}"
        if body and run.href and links:
            body = f"[{body}]({_target(run.href)})"
        if body.startswith("[") and out and out[-1].endswith("!") and not _escaped_last(out[-1]):
            out[-1] = out[-1][:-1] + "\\!"  # "![" would make the link an image
        if text.strip():  # spaces stay outside the markers
            body = text[: len(text) - len(text.lstrip())] + body + text[len(text.rstrip()) :]
        else:
            body = text
        out.append(body)
    return "".join(out).strip()


def _escaped_last(markdown: str) -> bool:
    """Whether the last character of `markdown` is escaped: an odd number of backslashes
    before it ("\\\\!" is an escaped backslash and a bare "!")."""
    before = markdown[:-1]
    return (len(before) - len(before.rstrip("\\"))) % 2 == 1


def _target(href: str) -> str:
    """A link's target as Markdown writes it (in <> when it holds spaces or brackets;
    a bar, which would split a table's cell, percent-encoded)."""
    href = href.strip().replace("|", "%7C")
    if re.search(r"[\s()<>]", href):
        return "<" + href.replace("<", "%3C").replace(">", "%3E") + ">"
    return href


def markdown_of(result: Result, style: Style = Style()) -> str:
    """The body as Markdown: headings, lists, tables, quotes, code, emphasis and
    (with `style.links`) links, from Result.blocks (or the paragraphs, when the
    result was made without structure)."""
    parts: list[str] = []
    if style.with_title and result.title:
        parts.append("# " + _heading(escape(" ".join(result.title.split()))))
    blocks = result.blocks or tuple(Block(0, "p", p, (Inline(p),)) for p in result.paragraphs)
    parts += _markdown_blocks(blocks, style.links)
    if result.comments:
        parts.append("## Comments")
        parts += [_escape_lines(escape(c)) for c in result.comments]
    return "\n\n".join(parts) + "\n" if parts else ""


def _markdown_blocks(blocks: tuple[Block, ...], links: bool) -> list[str]:
    """Blocks as Markdown, one part per paragraph, list or table."""
    parts: list[str] = []
    group: list[Block] = []  # the items of a list, or the rows of a table, being gathered
    for block in blocks:
        if group and _group_kind(block) != _group_kind(group[0]):
            parts.append(_group_markdown(group, links))
            group = []
        if _group_kind(block):
            group.append(block)
        else:
            parts.append(_block_markdown(block, links))
    if group:
        parts.append(_group_markdown(group, links))
    return [p for p in parts if p.strip()]


def _group_kind(block: Block) -> str | None:
    """What a block is gathered with: the rows of a table, the items of lists."""
    return block.kind if block.kind in ("row", "item") else None


def _group_markdown(group: list[Block], links: bool) -> str:
    return _table(group, links) if group[0].kind == "row" else _list(group, links)


def _table(rows: list[Block], links: bool) -> str:
    """Rows as a table as wide as its widest row (a GFM reader drops the cells of a
    row beyond its header's)."""
    cells = [[inline_markdown(c, links, in_table=True) or " " for c in row.cells] for row in rows]
    columns = max(1, *map(len, cells))
    lines = ["| " + " | ".join(row + [" "] * (columns - len(row))) + " |" for row in cells]
    return "\n".join([lines[0], "|" + " --- |" * columns, *lines[1:]])


class _List(NamedTuple):
    """A list being written: its kind, the spaces before its markers, the delimiter
    and number of its last item, and the spaces before that item's text (where a
    list nested in it starts)."""

    numbered: bool
    indent: str
    delimiter: str = "."
    last: int | None = None
    inside: str = ""


def _list(items: list[Block], links: bool) -> str:
    """Items as lists: `-` for a bullet, its own number for a numbered item; an
    item's later paragraphs, and a list nested in it (output.lists.depths),
    indented to its text. A list of the other kind starts a new list, and so does
    a number that does not follow the one before (by changing the delimiter
    between `.` and `)`), as Markdown numbers the items of a list one by one."""
    lines: list[str] = []
    open_lists: list[_List] = []  # the outermost first
    for item, depth in zip(items, lists.depths(items)):
        numbered = item.number is not None
        del open_lists[depth + 1 :]
        if len(open_lists) > depth and open_lists[depth].numbered != numbered:
            del open_lists[depth:]
            if depth == 0:
                lines.append("")  # (a part of its own)
        opens = len(open_lists) == depth
        if opens:
            open_lists.append(_List(numbered, open_lists[-1].inside if depth else ""))
        marker, open_lists[depth] = _marker(open_lists[depth], item.number)
        if opens and depth and numbered and open_lists[depth].last != 1:
            lines.append("")  # a list numbered from other than 1 cannot open inside a paragraph
        first, *more = [_escape_start(inline_markdown(p, links)) for p in item.paragraphs or (item.runs,)]
        lines.append(f"{open_lists[depth].indent}{marker} {first}")
        for paragraph in more:  # under the item, a blank line before each
            lines += ["", open_lists[depth].inside + paragraph]
    return "\n".join(lines)


def _marker(open_list: _List, number: int | None) -> tuple[str, _List]:
    """An item's marker, and its list with the item written."""
    if number is None:
        return "-", open_list._replace(inside=open_list.indent + "  ")
    number = min(max(number, 0), 999_999_999)  # what CommonMark can number
    delimiter = open_list.delimiter
    if open_list.last is not None and number != open_list.last + 1:
        delimiter = ")" if delimiter == "." else "."
    marker = f"{number}{delimiter}"
    inside = open_list.indent + " " * (len(marker) + 1)
    return marker, open_list._replace(delimiter=delimiter, last=number, inside=inside)


def _block_markdown(block: Block, links: bool) -> str:
    """A heading, quote, code block or paragraph as Markdown."""
    if block.kind == "heading":
        return "#" * max(1, min(block.level, 6)) + " " + _heading(inline_markdown(block.runs, links))
    if block.kind == "quote":
        return "> " + _escape_lines(inline_markdown(block.runs, links))
    if block.kind == "code":
        code = "".join(run.text for run in block.runs) or block.text
        fence = "`" * max(3, 1 + max(map(len, _BACKTICKS.findall(code)), default=0))
        return f"{fence}\n{code}\n{fence}"
    return _escape_lines(inline_markdown(block.runs, links))
