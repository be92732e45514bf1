"""Code blocks put back together: the lines of a page's <pre> elements that the
cleaning kept, as one paragraph each, with the page's own line breaks and
indentation.

The pipeline reads a page one line at a time, and a code block's lines are
lines like any other (a rule or a detector may take one out), written one
paragraph each with their spacing collapsed. That breaks code: Python without
its indentation, a function as a column of paragraphs. So once the cleaning is
done, each run of kept lines that are consecutive lines of one <pre> of the
page (no other line of the text between them) becomes one paragraph: the
block's lines from the first of them to the last, blank lines and indentation
as the page has them, less the indentation they all share.

Lines are matched by their words and spacing-collapsed text, so the page's own
text is what is written: the words are the kept lines' words.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from .model import Block, Inline, Line

MIN_LINES = 2  # a block of one line is a paragraph like any other
MAX_BLOCKS = 2_000  # a page's first <pre> elements only
MAX_BLOCK_CHARS = 200_000  # ... and of each, its first characters
MAX_PLACES = 64  # places in the page's code tried for one line ("}", "end" recur)


class CodeRun(NamedTuple):
    """Kept lines that are one stretch of a code block of the page."""

    numbers: tuple[int, ...]  # the kept lines' numbers, in order
    text: str  # the block's lines from the first of them to the last, dedented


class _Row(NamedTuple):
    block: int  # which code block
    place: int  # its place among the block's non-blank lines


def _key(text: str) -> str:
    return " ".join(text.split())


class _Code:
    """The page's code blocks, each as its lines and its non-blank lines' keys."""

    def __init__(self, blocks: Sequence[str]):
        self.lines: list[list[str]] = []  # each block's lines, blank ones too
        self.rows: list[list[tuple[str, int]]] = []  # each block's non-blank lines: (key, index in lines)
        self.places: dict[str, list[_Row]] = defaultdict(list)
        for number, block in enumerate(blocks[:MAX_BLOCKS]):
            lines = block[:MAX_BLOCK_CHARS].split("\n")
            rows = [(_key(line), index) for index, line in enumerate(lines) if line.strip()]
            for place, (key, _) in enumerate(rows):
                if len(self.places[key]) < MAX_PLACES:
                    self.places[key].append(_Row(number, place))
            self.lines.append(lines)
            self.rows.append(rows)

    def text(self, row: _Row, count: int) -> str:
        """`count` non-blank lines of a block from `row` on, and the blank lines between them."""
        rows = self.rows[row.block]
        first, last = rows[row.place][1], rows[row.place + count - 1][1]
        lines = [line.rstrip() for line in self.lines[row.block][first : last + 1]]
        return textwrap.dedent("\n".join(lines))


def find(kept: Sequence[Line], lines: Sequence[Line], blocks: Sequence[str]) -> tuple[CodeRun, ...]:
    """The runs of `kept` that are consecutive lines of one of the page's code
    `blocks` (the text of each <pre>), with no other of the text's `lines`
    between them."""
    if not blocks or len(kept) < MIN_LINES:
        return ()
    code = _Code(blocks)
    present = [line.number for line in lines]  # in order: what lies between two kept lines
    index_of = {number: index for index, number in enumerate(present)}
    keys = [_key(line.text) for line in kept]
    found: list[CodeRun] = []
    start = 0
    while start < len(kept):
        row, count = _longest(code, kept, keys, start, index_of)
        if count >= MIN_LINES:
            numbers = tuple(line.number for line in kept[start : start + count])
            found.append(CodeRun(numbers, code.text(row, count)))
            start += count
        else:
            start += 1
    return tuple(found)


def _longest(code: _Code, kept: Sequence[Line], keys: list[str], start: int, index_of: dict[int, int]):
    """The place in the page's code where the most kept lines from `start` on
    follow each other, and how many do (the first such place on a tie)."""
    best, best_count = None, 0
    for row in code.places.get(keys[start], ()):
        rows = code.rows[row.block]
        count = 1
        while (
            start + count < len(kept)
            and row.place + count < len(rows)
            and rows[row.place + count][0] == keys[start + count]
            and _next_to(kept[start + count - 1], kept[start + count], index_of)
        ):
            count += 1
        if count > best_count:
            best, best_count = row, count
    return best, best_count


def _next_to(before: Line, after: Line, index_of: dict[int, int]) -> bool:
    """Whether no other line of the text lies between two kept lines."""
    first, second = index_of.get(before.number), index_of.get(after.number)
    return first is not None and second == first + 1


def paragraphs(kept: Sequence[Line], runs: Sequence[CodeRun]) -> list[str]:
    """The output paragraphs of the kept lines: each code run one paragraph as the
    page writes it, every other line with its inner whitespace runs collapsed."""
    starts = {run.numbers[0]: run.text for run in runs}
    inside = {number for run in runs for number in run.numbers[1:]}
    out = []
    for line in kept:
        if line.number in starts:
            out.append(starts[line.number])
        elif line.number not in inside:
            paragraph = " ".join(line.text.split())
            if paragraph:
                out.append(paragraph)
    return out


def merged(blocks: Sequence[Block], runs: Sequence[CodeRun]) -> tuple[Block, ...]:
    """The structure's blocks with each code run's lines one code block, where the
    first of them that has a block was (the structure leaves out a line such as a
    bare ">" or "|---|", which may open a run)."""
    if not runs:
        return tuple(blocks)
    run_of = {number: run for run in runs for number in run.numbers}
    written: set[int] = set()  # the runs written, by their first line
    out = []
    for block in blocks:
        run = run_of.get(block.line)
        if run is None:
            out.append(block)
        elif run.numbers[0] not in written:
            written.add(run.numbers[0])
            out.append(Block(run.numbers[0], "code", " ".join(run.text.split()), (Inline(run.text, "code"),)))
    return tuple(out)
