"""Stage 3b: hard-wrapped text back to one block per line.

Many renderers wrap paragraphs at a fixed width: html2text at 78 columns,
lynx and w3m at 75-80, fmt, mail clients. Rules and detection read one block
a line (a paragraph, a menu item, a headline), so the lines of a wrapped
paragraph are joined again before they run.

A line break is the wrapper's when the next line follows with no blank line
between, opens no block of its own (list item, heading, quote, table row)
its first word would not have fitted on the line before, and it is indented
as that line is (or, under a list item, as the item's text); in a Markdown
quote, whose every line carries the "> ", the next line carries the same
marker (`_continuation`).
A text is taken as wrapped at width W (`wrap_width`) when
- no line that a wrapper would have broken runs past W, bar a few per line in
  the band just under W: a line longer than W with a space before column W.
  List items and lines holding a "|" (html2text leaves them unwrapped),
  spaces inside a link's target or title, and headings on lines of their own
  (pandoc leaves them whole) are no such space. Every width from the longest
  line down is tried, and the narrowest that holds is W;
- at W, at least MIN_BREAKS breaks under lines that reach into that band are
  the wrapper's, and they are no fewer than a quarter of the breaks a wrapper
  would not have made (a line longer than half of W followed by a line whose
  first word would fit); at least half of them fall inside a sentence, as a
  wrapper's do (a page of one sentence a line does not read as wrapped,
  however even its lines).
Text that is not wrapped has at most a break or two of the first kind at any
width, and comes back from `unwrap` as it was (the same list).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import compress, islice, repeat
from operator import attrgetter, gt

from ..lazyre import lazy
from ..model import Line

MIN_WIDTH, MAX_WIDTH = 40, 200  # the widths a wrapped text is looked for at
BAND = 12  # the columns under the width where most lines of a wrapped paragraph end
MIN_BREAKS = 6  # a text with fewer of the wrapper's line breaks is not taken as wrapped
UNWRAPPED_SHARE = 0.05  # breakable lines past the width tolerated, per line in the band

# What opens a block of its own: a list bullet, a numbered item, a Markdown
# heading or quote, a table row, a setext underline.
_OPENER = re.compile(
    r"\s*(?:[*+\-\u2022\u00b7\u25aa\u25ba\u2013\u2014](?:\s|$)|\d{1,3}[.)]\s"
    r"|#{1,6}(?:\s|$)|>|\||[=\-]{3,}\s*$)"
)
# A line's first word, whole: textwrap (html2text) would have broken "self-declared"
# after its hyphen had "self-" fitted, lynx and w3m move the whole word down.
_FIRST_WORD = lazy(r"\S+")
_HYPHEN_END = lazy(r"[^\W\d]{2}-$")  # "well-" at a line's end
_TEXT = attrgetter("text")
_SENTENCE_END = frozenset(".!?:\u3002")
_PROSE_END = frozenset(".!?\u3002")  # how a paragraph ends, once _CLOSERS are stripped
_CLOSERS = "\"'\u201d\u2019\u00bb)]*_ "
_LINK_TARGET = lazy(r"\]\([^()\n]{0,2000}\)")  # a Markdown link's (target "title")
_ITEM = lazy(r"\s*(?:[*+\-\u2022\u00b7\u25aa\u25ba\u2013\u2014]|\d{1,3}[.)])\s+")  # a list item's marker
_QUOTE = lazy(r"(?:>\s?)+")  # a Markdown quote's marker, "> " or "> > "


def _first_space(text: str) -> int:
    """The column of a line's first space after its indentation, link targets
    aside (-1: none), or -1 for a line no wrapper breaks: a list item, a
    heading, a line holding a "|"."""
    if "|" in text or _OPENER.match(text):
        return -1
    body = text.lstrip()
    if "](" in body:  # no wrapper breaks a link's target or title ("Follow us on Twitter")
        body = _LINK_TARGET.sub(lambda m: "x" * len(m.group()), body)
    space = body.find(" ")
    return space + len(text) - len(body) if space >= 0 else -1


def _continuation(previous: Line, line: Line, width: int) -> str | None:
    """What `line` adds to `previous` when the break between them is a wrapper's
    at `width` (a quote's continuation loses its ">" marker), else None."""
    if line.number != previous.number + 1 or len(previous.text) + 1 + len(line.text) <= width:
        return None  # not the next line, or all of it would have fitted
    if len(previous.text) > width and " " in previous.text.strip():
        return None  # a wrapper leaves past the width only a word too long to break
    before, text = previous.text, line.text
    quote = _QUOTE.match(before) if before.startswith(">") else None
    if quote is not None:  # a wrapped quote: every line carries the marker
        if not text.startswith(quote.group()):
            return None
        before, text = before[quote.end() :], text[quote.end() :]
    if _OPENER.match(text):
        return None
    # a wrapper indents a paragraph's lines alike, a list item's under its text
    indent = len(text) - len(text.lstrip())
    if indent != len(before) - len(before.lstrip()) and indent != _text_column(before):
        return None
    text = text.lstrip()
    first = _FIRST_WORD.match(text)
    return text if first is not None and len(previous.text) + 1 + len(first.group()) > width else None


def _heading(text: str, numbers: list[int], k: int) -> bool:
    """Line k stands alone (a blank line or the text's edge on either side) and ends no sentence."""
    alone = (k == 0 or numbers[k - 1] + 1 < numbers[k]) and (
        k + 1 == len(numbers) or numbers[k + 1] > numbers[k] + 1
    )
    return alone and text.rstrip(_CLOSERS)[-1:] not in _PROSE_END


def _text_column(text: str) -> int:
    """Where a list item's text starts, after its indentation and marker (-1: no list item)."""
    item = _ITEM.match(text)
    return item.end() if item else -1


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The width `lines` were wrapped at, or None if they do not read as wrapped."""
    found = _wrapping(lines)
    return found[0] if found else None


def _wrapping(lines: Sequence[Line]) -> tuple[int, list[str | None]] | None:
    """The width `lines` were wrapped at and, for each line after the first,
    what it adds to the line before (None: it starts a line of its own); None
    if they do not read as wrapped."""
    if len(lines) <= MIN_BREAKS:
        return None
    texts = list(map(_TEXT, lines))
    lengths = list(map(len, texts))
    # Most texts that are not wrapped have paragraphs longer than any width
    # looked for: those few lines settle it.
    longest = compress(texts, map(gt, lengths, repeat(MAX_WIDTH)))
    unwrapped = (text for text in longest if 0 <= _first_space(text) <= MAX_WIDTH)
    if next(islice(unwrapped, int(UNWRAPPED_SHARE * len(lines)), None), None) is not None:
        return None  # more of them than the tolerance: read no further
    ordered = sorted(lengths)
    if bisect_right(ordered, MAX_WIDTH) - bisect_right(ordered, MIN_WIDTH - BAND) < MIN_BREAKS:
        return None  # too few lines of a width looked for to hold that many breaks
    # W is as long as every breakable line, bar a few per line in the band
    # under it: the narrowest width that holds. A breakable line of length n
    # whose first space is at column s runs past every width from s to n - 1,
    # so the lines past W number #(n > W) - #(s > W).
    # A heading on a line of its own (blank lines around it, no sentence's end)
    # is left whole by pandoc and others: it is no evidence against a width.
    numbers = [line.number for line in lines]
    spaces = [
        (len(texts[k]), space)
        for k in compress(range(len(texts)), map(gt, lengths, repeat(MIN_WIDTH)))
        if (space := _first_space(texts[k])) >= 0 and not _heading(texts[k], numbers, k)
    ]
    ends, starts = sorted(n for n, _ in spaces), sorted(s for _, s in spaces)
    # Every width is tried: above W the bands are thin, and one unwrapped
    # headline there must not end the search before it reaches W.
    width = None
    for candidate in sorted({n for n in ordered if MIN_WIDTH <= n <= MAX_WIDTH}, reverse=True):
        over = bisect_right(starts, candidate) - bisect_right(ends, candidate)
        band = bisect_right(ordered, candidate) - bisect_right(ordered, candidate - BAND)
        if over <= UNWRAPPED_SHARE * band:
            width = candidate
    if width is None:
        return None
    joins = list(map(_continuation, lines, lines[1:], repeat(width)))
    breaks = fits = open_ = 0
    for previous, line, join in zip(lines, lines[1:], joins):
        if len(previous.text) <= width and line.number == previous.number + 1:
            if join is not None:
                # evidence only where the line above reached into the band: after a
                # short line a long word (a URL) would not have fitted at any width
                if len(previous.text) > width - BAND:
                    breaks += 1
                    open_ += previous.text[-1:] not in _SENTENCE_END
            elif 2 * len(previous.text) > width and not _OPENER.match(line.text):
                fits += 1
    if breaks >= MIN_BREAKS and 4 * breaks >= fits and 2 * open_ >= breaks:
        return width, joins
    return None


def unwrap(lines: list[Line]) -> list[Line]:
    """`lines` with every wrapped paragraph joined back into one line.

    A joined line keeps the number of its first line; its `span` says how
    many lines of the input it covers.
    """
    found = _wrapping(lines)
    if found is None:
        return lines
    out: list[Line] = []
    # The line being joined is kept as its pieces (text, glue, text, ...) and
    # joined once at its end: a paragraph of any length costs linear time.
    first, pieces = lines[0], [lines[0].text]
    for previous, line, text in zip(lines, lines[1:], found[1]):
        if text is None:
            out.append(_joined(first, pieces))
            first, pieces = line, [line.text]
        else:
            glue = "" if _HYPHEN_END.search(previous.text) and text[:1].isalpha() else " "
            pieces += (glue, text)
    out.append(_joined(first, pieces))
    return out


def _joined(first: Line, pieces: list[str]) -> Line:
    """The line `first` begins, made of `pieces`: its text, then glue and text per line joined."""
    if len(pieces) == 1:
        return first
    return Line(first.number, "".join(pieces), (len(pieces) + 1) // 2)
