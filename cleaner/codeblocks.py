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

In a list item trafilatura writes a <pre> on one line, its lines joined by
spaces, or runs the block's first lines on from the item's own text ("...save
the file: package main", then the block's other lines): a kept line that ends
with a block's first lines so joined is that block's start, the words before
them (its "lead") a paragraph of their own.

Lines are matched by their words and spacing-collapsed text, so the page's own
text is what is written: the words are the kept lines' words. A line found in
several places ("}", "end") is looked for from where the last run ended on,
as the page's code is read in order; a run matched, the next search starts
there, so a page's code is matched in one pass however alike its lines.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .model import Block, Inline, Line
from .text.segment import paragraphs as plain_paragraphs

MIN_LINES = 2  # a block of one line is a paragraph like any other
MAX_BLOCKS = 2_000  # a page's first <pre> elements only
MAX_CODE_CHARS = 4_000_000  # ... and their first characters (as many as a page's markup read)
MAX_PLACES = 64  # places in the page's code tried for one line ("}", "end" recur)
MAX_LEAD_SPLITS = 64  # places tried, from a line's end, where a block written on from its text starts
# Spaces other than the tab (a no-break space, U+3000...) are written as the space the
# page shows (every other line has its spaces as one " "). No space lies above U+3000.
_PLAIN_SPACES = {code: " " for code in range(0x3001) if chr(code).isspace() and chr(code) not in "\t\n"}


class CodeRun(NamedTuple):
    """Kept lines that are one stretch of a code block of the page."""

    numbers: tuple[int, ...]  # the kept lines' numbers, in order
    text: str  # the block's lines from the first of them to the last, dedented
    lead: str = ""  # the first line's words before the block's, when it ran the block on from them
    first_code: str = ""  # ... and the block's words it holds, spacing collapsed


class _Row(NamedTuple):
    """A non-blank line of the page's code: where it is (rows sort in the page's order)."""

    block: int  # which code block
    place: int  # its place among the block's non-blank lines


class _CodeLine(NamedTuple):
    key: str  # its text, spacing collapsed: what a kept line is matched by
    index: int  # its index among the block's lines, blank ones too


def _key(text: str) -> str:
    return " ".join(text.split())


def _within_limits(blocks: Sequence[str]) -> Iterator[str]:
    """The first MAX_BLOCKS blocks, up to MAX_CODE_CHARS in all (a block cut at a line's end)."""
    left = MAX_CODE_CHARS
    for block in blocks[:MAX_BLOCKS]:
        if len(block) > left:
            block = block[:left].rpartition("\n")[0]
        left -= len(block)
        yield block


class _Code:
    """The page's code blocks, each as its lines and its non-blank lines' keys."""

    def __init__(self, blocks: Sequence[str]):
        self.lines: list[list[str]] = []  # each block's lines, blank ones too
        self.rows: list[list[_CodeLine]] = []  # each block's non-blank lines
        self.places: dict[str, list[_Row]] = defaultdict(list)  # every place of a key, in order
        self.by_last: dict[str, list[int]] = defaultdict(list)  # blocks by their last line's key
        self._whole: dict[int, str] = {}
        for number, block in enumerate(_within_limits(blocks)):
            lines = block.translate(_PLAIN_SPACES).split("\n")
            rows = [_CodeLine(_key(line), index) for index, line in enumerate(lines) if line.strip()]
            for place, row in enumerate(rows):
                self.places[row.key].append(_Row(number, place))
            if len(rows) >= MIN_LINES:
                self.by_last[rows[-1].key].append(number)
            self.lines.append(lines)
            self.rows.append(rows)

    def matching(self, row: _Row, keys: Sequence[str], start: int, most: int) -> int:
        """How many of the `most` keys from `start` on are the block's lines from `row` on."""
        rows = self.rows[row.block]
        most = min(most, len(rows) - row.place)
        count = 1
        while count < most and rows[row.place + count].key == keys[start + count]:
            count += 1
        return count

    def key_at(self, row: _Row, offset: int) -> str | None:
        """The key of the block's line `offset` lines after `row` (None past its end)."""
        rows = self.rows[row.block]
        place = row.place + offset
        return rows[place].key if place < len(rows) else None

    def joined(self, block: int, count: int) -> str:
        """The key of the block's first `count` lines written on one line."""
        return " ".join(row.key for row in self.rows[block][:count])

    def whole(self, block: int) -> str:
        """The key of all the block's lines written on one line (made once a block)."""
        if block not in self._whole:
            self._whole[block] = self.joined(block, len(self.rows[block]))
        return self._whole[block]

    def text(self, row: _Row, count: int) -> str:
        """`count` non-blank lines of a block from `row` on, and the blank lines between them."""
        rows = self.rows[row.block]
        first, last = rows[row.place].index, rows[row.place + count - 1].index
        lines = [line.rstrip() for line in self.lines[row.block][first : last + 1]]
        return textwrap.dedent("\n".join(lines))


def find(kept: Sequence[Line], lines: Sequence[Line], blocks: Sequence[str]) -> tuple[CodeRun, ...]:
    """The runs of `kept` that are consecutive lines of one of the page's code
    `blocks` (the text of each <pre>), with no other of the text's `lines`
    between them."""
    if not blocks or not kept:
        return ()
    code = _Code(blocks)
    keys = [_key(line.text) for line in kept]
    stretches = _stretches(kept, lines)
    found: list[CodeRun] = []
    start, after = 0, _Row(0, 0)
    while start < len(kept):
        row, count = _longest(code, keys, start, stretches[start], after)
        if count >= MIN_LINES:
            free_before = start > 0 and stretches[start - 1] > 1
            if found and found[-1].numbers[-1] == kept[start - 1].number:
                free_before = False  # the line before is a run's already
            found.append(_run(code, kept, keys, start, row, count, free_before))
            start += count
            after = _Row(row.block, row.place + count)
            continue
        whole = _whole_block(code, keys[start], kept[start].number)
        if whole is not None:
            found.append(whole)
        start += 1
    return tuple(found)


def _run(
    code: _Code,
    kept: Sequence[Line],
    keys: Sequence[str],
    start: int,
    row: _Row,
    count: int,
    free_before: bool,
) -> CodeRun:
    """The run of the `count` kept lines from `start` on, found at `row` of the page's
    code. When it starts inside its block and the kept line before it is `free_before`
    (right before it in the text, in no run), that line may end with the block's lines
    before `row` written on from its own words: then the run starts there."""
    plain = CodeRun(tuple(line.number for line in kept[start : start + count]), code.text(row, count))
    if not (row.place and free_before):
        return plain
    first_code = code.joined(row.block, row.place)
    lead = _lead(keys[start - 1], first_code)
    if lead is None:
        return plain
    numbers = tuple(line.number for line in kept[start - 1 : start + count])
    return CodeRun(numbers, code.text(_Row(row.block, 0), row.place + count), lead, first_code)


def _lead(key: str, code_key: str) -> str | None:
    """The words of line `key` before `code_key`, which it ends with ("" for none), or None."""
    if key == code_key:
        return ""
    if len(key) > len(code_key) and key[-len(code_key) - 1] == " " and key.endswith(code_key):
        return key[: len(key) - len(code_key) - 1]
    return None


def _whole_block(code: _Code, key: str, number: int) -> CodeRun | None:
    """Line `number` (its key `key`) as the run of a whole block (of MIN_LINES lines or
    more) whose lines joined it is, or ends with after words of its own; None if none.
    Where the block may start is tried from the line's end, at MAX_LEAD_SPLITS spaces
    at most."""
    if not code.by_last:
        return None
    end = len(key)
    for _ in range(MAX_LEAD_SPLITS):
        space = key.rfind(" ", 0, end)
        for block in code.by_last.get(key[space + 1 :], ())[:MAX_PLACES]:
            lead = _lead(key, code.whole(block))
            if lead is not None:
                rows = len(code.rows[block])
                return CodeRun(
                    (number,), code.text(_Row(block, 0), rows), lead, code.whole(block) if lead else ""
                )
        if space < 0:
            return None
        end = space
    return None


def _stretches(kept: Sequence[Line], lines: Sequence[Line]) -> list[int]:
    """For each kept line, how many kept lines from it on follow each other in the
    text, no other of its `lines` between them."""
    index_of = {line.number: index for index, line in enumerate(lines)}
    out = [1] * len(kept)
    for k in range(len(kept) - 2, -1, -1):
        here, there = index_of.get(kept[k].number), index_of.get(kept[k + 1].number)
        if here is not None and there == here + 1:
            out[k] = out[k + 1] + 1
    return out


def _longest(code: _Code, keys: Sequence[str], start: int, most: int, after: _Row) -> tuple[_Row | None, int]:
    """The place in the page's code where the most of the `most` kept lines from
    `start` on follow each other, and how many do; of places alike, the first from
    `after` on (the page's code is read in order)."""
    best, best_count = None, 0
    for row in _from(code.places.get(keys[start], ()), after):
        if best_count and code.key_at(row, best_count) != keys[start + best_count]:
            continue  # it differs from the kept lines where the best place did: it cannot do better
        count = code.matching(row, keys, start, most)
        if count > best_count:
            best, best_count = row, count
            if count == most:  # none can do better
                break
    return best, best_count


def _from(places: Sequence[_Row], after: _Row) -> Iterator[_Row]:
    """At most MAX_PLACES of `places`: those from `after` on, then those before it."""
    first = bisect_left(places, after)
    return (places[(first + k) % len(places)] for k in range(min(len(places), MAX_PLACES)))


def paragraphs(kept: Sequence[Line], runs: Sequence[CodeRun]) -> list[str]:
    """The output paragraphs of the kept lines: each code run one paragraph as the
    page writes it, every other line as segment.paragraphs writes it."""
    run_of = {number: run for run in runs for number in run.numbers}
    out = []
    for line in kept:
        run = run_of.get(line.number)
        if run is None:
            out.extend(plain_paragraphs([line]))
        elif line.number == run.numbers[0]:
            if run.lead:
                out.extend(plain_paragraphs([line._replace(text=run.lead)]))
            out.append(run.text)
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
            if run.lead and block.line == run.numbers[0]:
                out.append(_without_code(block, run.first_code))
            out.append(Block(run.numbers[0], "code", " ".join(run.text.split()), (Inline(run.text, "code"),)))
    return tuple(out)


def _without_code(block: Block, first_code: str) -> Block:
    """The block of a line that ran a code block on from its own words, without the
    block's text it ends with (`first_code`, spacing collapsed): what comes before,
    formatting kept. Cut where as many characters but spaces are left as come before
    the code ("$ go run ." is code from its "$" on)."""
    keep = _solid(block.text) - _solid(first_code)
    runs: list[Inline] = []
    for run in block.runs:
        here = _solid(run.text)
        if keep < here:
            head = run.text[: _cut_at(run.text, keep)].rstrip()
            if head:
                runs.append(run._replace(text=head))
            break
        runs.append(run)
        keep -= here
    text = " ".join("".join(run.text for run in runs).split())
    return block._replace(text=text, runs=tuple(runs), paragraphs=())


def _solid(text: str) -> int:
    """How many characters of `text` are not spaces."""
    return len(text) - sum(1 for char in text if char.isspace())


def _cut_at(text: str, keep: int) -> int:
    """Where in `text` its first `keep` characters but spaces end."""
    for index, char in enumerate(text):
        if not char.isspace():
            if keep == 0:
                return index
            keep -= 1
    return len(text)
