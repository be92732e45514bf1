"""Step 1: the facts of every line of a page (LineInfo), and what holds for the whole page.

Shallow, language-aware facts in the spirit of Kohlschuetter et al. (2010) and
jusText: how many words, the share of stopwords of the page's language, sentence
punctuation, capitalised, number-heavy or link-like text, list bullets and
headings, lines repeated on the page, boilerplate vocabulary.

Computed column by column (one comprehension or map() a fact, rare facts looked
for only where their signal is) rather than line by line: pages have hundreds
of lines, and each pass over them costs CPython some 300 to 500 instructions a
line, so detection counts its passes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import chain, compress, islice, repeat
from operator import and_, le
from typing import NamedTuple

from ...model import Line
from .. import lang
from ..markdown import visible as markdown_visible
from . import shapes, structures
from .words import COPYRIGHT_SIGN, WORD, word_facts

HEAD = 200  # characters of a line that its word-level facts are read from
SHORT_WORDS = 25  # separators, clocks and bylines are looked for on lines of at most this many words
SENTENCES_FROM = 6  # sentence breaks are counted on lines of more than this many words
PROSE_WORDS = 10  # a line of prose, for the page's reference stopword share and body indentation
SAMPLE_LINE_WORDS = 8  # the page's language is guessed from the words of lines at least this long


class LineInfo(NamedTuple):
    """What detection knows about one line."""

    words: int  # word tokens of its visible text (CJK characters count as half words)
    chars: int  # characters of its visible text
    stop: float  # stopword share of its words
    caps: float  # share of its words that start with a capital
    digits: float  # share of its words that are numbers
    link: float  # share of its characters in Markdown link text or bare URLs
    sentences: int  # sentence breaks inside the line (its first HEAD characters)
    terminal: bool  # ends like a sentence (. ! ? after closing quotes)
    colon: bool  # ends with a colon
    ellipsis: bool  # ends with "..." or "[...]": a truncated teaser
    bullet: bool  # a list item ("* ", "- ", "1. ")
    heading: bool  # a Markdown heading ("## ")
    separators: int  # " | ", " / ", " » " ...: breadcrumbs and inline menus
    indent: int
    repeated: bool  # the same text occurs on another line of the page
    vocab: int  # OR of the vocabulary.WORD_GROUPS bits of its words
    phrase: bool  # a boilerplate phrase ("all rights reserved", "read more") occurs
    hits: int  # words of the share/newsletter/cookie/copyright/comment/ad groups
    lead: int  # WORD_GROUPS bits of its first word ("Share ...", "Subscribe ...")
    copyright: bool  # a copyright sign
    clock: bool  # a time or a numeric date
    byline: bool  # starts like a byline ("By Jane Doe")


class Columns(NamedTuple):
    """The same facts as LineInfo, one list per fact over all lines (fast to compute on)."""

    words: list[int]
    chars: list[int]
    stop: list[float]
    caps: list[float]
    digits: list[float]
    link: list[float]
    sentences: list[int]
    terminal: list[bool]
    colon: list[bool]
    ellipsis: list[bool]
    bullet: list[bool]
    heading: list[bool]
    separators: list[int]
    indent: list[int]
    repeated: list[bool]
    vocab: list[int]
    phrase: list[bool]
    hits: list[int]
    lead: list[int]
    copyright: list[bool]
    clock: list[bool]
    byline: list[bool]


class Document(NamedTuple):  # (a NamedTuple: a tenth of a frozen dataclass's cost at import)
    """The facts about every line of a page, and what holds for the whole page."""

    cols: Columns
    infos: tuple[LineInfo, ...]  # the same, line by line
    language: str | None  # the stoplist picked for the page, None if none fits
    ref_stop: float  # stopword share of the page's prose lines (0.0: no language)
    body_indent: int  # the indentation that holds most prose words
    visible: tuple[str, ...]  # every line as a reader sees it (see markdown.visible)
    numbers: tuple[int, ...]  # every line's number (gaps: blank lines between)
    lasts: tuple[int, ...]  # the number of the last input line each covers (see Line.span)
    # Structures around the lines, read by the model and by naming alike (built once):
    teasers: list[bool]  # lines of a teaser list (structures.teasers)
    menus: list[bool]  # lines of a run of short lines: a menu (structures.menus)
    markers: list[bool]  # short lines that mark reader comments (structures.comment_markers)


class _Words(NamedTuple):
    """The words of every line's head, as read once for all the facts made of them."""

    tokens: list[list[str]]  # lowercased words
    capitals: list[int]  # words starting with a capital
    digit_count: list[int]  # words that are numbers
    others: list[int]  # lines read with the WORD regex: non-ASCII letters (not punctuation only)


def document(lines: Sequence[Line]) -> Document:
    """Facts about every line of one page (in order)."""
    texts = [line.text for line in lines]
    if "\n" in "".join(texts):  # never from segment(); lines are scanned joined by "\n"
        texts = [text.replace("\n", " ") for text in texts]
    n = len(texts)
    visible, bullet, heading, link = _markdown([text.strip() for text in texts])
    # A long line is read from its first HEAD characters (its words are counted
    # in proportion): pages spend most of their characters on long paragraphs.
    heads = [text[:HEAD] for text in visible]
    lower = [head.lower() for head in heads]
    read = _read_words(heads, lower)
    language = _language(read.tokens)
    stops = lang.stopwords(language)
    cols = _columns(texts, visible, heads, lower, read, language, (bullet, heading, link), bool(stops))
    words = cols.words
    prose = [(s, w) for s, w, t in zip(cols.stop, words, cols.terminal) if w >= PROSE_WORDS and t]
    ref_stop = _weighted_median(prose) if prose and stops else 0.0
    # tuple.__new__ on each row: the same LineInfo tuples without a Python-level call per line
    infos = tuple(map(tuple.__new__, repeat(LineInfo), zip(*cols)))
    numbers = tuple(line.number for line in lines)
    # a wrapped paragraph joined back covers several lines (reflow.py); most pages have none
    lasts = numbers if sum(line.span for line in lines) == n else tuple(line.last for line in lines)
    return Document(
        cols,
        infos,
        language,
        ref_stop,
        _body_indent(words, cols.indent),
        tuple(visible),
        numbers,
        lasts,
        structures.teasers(words, cols.terminal, cols.ellipsis),
        structures.menus(words, numbers, lasts),
        structures.comment_markers(words, cols.clock, cols.byline, cols.vocab, cols.colon),
    )


def _language(tokens: list[list[str]]) -> str | None:
    """The page's language, guessed from the words of its lines long enough to be prose."""
    sample = list(
        islice(
            chain.from_iterable(line for line in tokens if len(line) >= SAMPLE_LINE_WORDS),
            lang.SAMPLE_WORDS,
        )
    )
    return lang.guess(sample)


def _columns(texts, visible, heads, lower, read, language, markup, with_stops: bool) -> Columns:
    """Every fact about every line, a list per fact: `texts` as segmented, `visible`
    their text as a reader sees it (`heads` its first HEAD characters, `lower` those
    lowercased, `read` their words), `markup` the bullet, heading and link columns
    that reading found; `with_stops`: the language has a stopword list."""
    bullet, heading, link = markup
    n = len(texts)
    indent = [len(text) - len(text.lstrip()) for text in texts]
    chars = [len(text) for text in visible]
    tokens = read.tokens
    ntok = [len(line) for line in tokens]
    firsts = [line[0] if line else "" for line in tokens]
    words = _word_counts(ntok, chars, heads, tokens, read.others)
    some = [count if count > 1 else 1 for count in ntok]  # max(count, 1): no division by zero
    counts = Counter(lower)
    terminal, colon, ellipsis = shapes.endings(visible)
    copyright, clock, byline = _signals(heads, visible, ntok, firsts, read.digit_count)
    stop_count, bits, hits, lead, phrase = word_facts(tokens, firsts, language)
    for k in [k for k in range(n) if lead[k]]:  # few lines open with a boilerplate word
        if shapes.CALL.match(visible[k]):  # "print(result.text)": a name in code, no "Print" button
            lead[k] = 0
    stop = [c / s for c, s in zip(stop_count, some)] if with_stops else [0.0] * n
    caps = [c / s if c < s else 1.0 for c, s in zip(read.capitals, some)]  # min(1.0, c / s)
    digits = [c / s for c, s in zip(read.digit_count, some)]
    sentences = [
        h.count(". ") + h.count("? ") + h.count("! ") + h.count("\u3002") if t > SENTENCES_FROM else 0
        for h, t in zip(heads, ntok)
    ]
    separators = [
        len(shapes.SEPARATORS.findall(h))
        if t <= SHORT_WORDS and not shapes.SEPARATOR_CHARACTERS.isdisjoint(h)
        else 0
        for h, t in zip(heads, ntok)
    ]
    repeated = [counts[text] > 1 for text in lower]
    return Columns(
        words,
        chars,
        stop,
        caps,
        digits,
        link,
        sentences,
        terminal,
        colon,
        ellipsis,
        bullet,
        heading,
        separators,
        indent,
        repeated,
        bits,
        phrase,
        hits,
        lead,
        copyright,
        clock,
        byline,
    )


def _markdown(stripped: list[str]) -> tuple[list[str], list[bool], list[bool], list[float]]:
    """Per line: its text as a reader sees it, a list item, a heading, its share of link text."""
    n = len(stripped)
    visible = stripped[:]
    bullet, heading, link = [False] * n, [False] * n, [0.0] * n
    for k in shapes.marked(stripped):
        visible[k], bullet[k], heading[k], labels, urls = markdown_visible(stripped[k])
        if labels or urls:  # link text's share of the line (bare URLs count, though taken out)
            link[k] = min(1.0, (labels + urls) / max(len(visible[k]) + urls, 1))
    return visible, bullet, heading, link


def _read_words(heads: list[str], lower: list[str]) -> _Words:
    """The words, capitals and numbers of every line's head.

    Most lines are ASCII: for them str.translate and str.split find the very
    words of WORD (runs of [A-Za-z0-9_]) in fewer steps than the regex, all such
    lines translated at once (see shapes.translated), then the others alone. So
    are lines whose only other characters are punctuation (curly quotes,
    dashes, no-break spaces), once those are made "?" (see shapes.punctuated).
    """
    n = len(heads)
    as_ascii = [head.isascii() for head in heads]
    others = [k for k in range(n) if not as_ascii[k]]
    read_heads, read_lower = heads, lower
    if others:
        punctuated = shapes.punctuated(heads, others)
        if punctuated:
            read_heads, read_lower, as_ascii = heads[:], lower[:], as_ascii[:]
            for k in punctuated:
                read_heads[k], read_lower[k] = shapes.questioned(heads[k]), shapes.questioned(lower[k])
                as_ascii[k] = True
            others = [k for k in range(n) if not as_ascii[k]]
    tokens = [text.split() for text in shapes.translated(read_lower, as_ascii, shapes.ASCII_WORDS)]
    for k in others:
        tokens[k] = WORD.findall(lower[k])
    # Capitals that start a word: on an ASCII line, an "A" first or after a space
    # once str.translate has made capitals "A", digits "0", other word characters
    # "a", the rest " ". A line without "0" has no number.
    marked = shapes.translated(read_heads, as_ascii, shapes.ASCII_CAPS)
    capitals = [text.count(" A") + text.startswith("A") for text in marked]
    for k in others:
        capitals[k] = len(shapes.capitals().findall(heads[k]))
    digit_count = [0] * n
    for k in chain([k for k in range(n) if "0" in marked[k]], others):
        digit_count[k] = sum(map(str.isdigit, tokens[k]))
    return _Words(tokens, capitals, digit_count, others)


def _word_counts(
    ntok: list[int], chars: list[int], heads: list[str], tokens: list[list[str]], others: list[int]
) -> list[int]:
    """Words per line: those of its head, scaled to the whole line; a CJK character counts half a word
    (looked for on the lines that hold letters beyond ASCII, `others`)."""
    words = [round(t * c / HEAD) if c > HEAD else t for t, c in zip(ntok, chars)]
    if not others or not shapes.CJK.search("\n".join(heads[k] for k in others)):
        return words
    return [
        round((t + len(shapes.CJK.findall(h)) / 2 - sum(1 for w in ws if shapes.CJK.search(w))) * c / len(h))
        if shapes.CJK.search(h)
        else w
        for t, w, h, c, ws in zip(ntok, words, heads, chars, tokens)
    ]


def _signals(
    heads: list[str], visible: list[str], ntok: list[int], firsts: list[str], digit_count: list[int]
) -> tuple[list[bool], list[bool], list[bool]]:
    """Per line: a copyright sign, a time or date (short lines with a number), a byline's opening."""
    n = len(heads)
    copyright = [False] * n
    joined = "\n".join(heads)
    if "\u00a9" in joined or "(c)" in joined or "(C)" in joined:
        for k in shapes.holding(heads, ("\u00a9", "(c)", "(C)")):
            copyright[k] = bool(COPYRIGHT_SIGN.search(heads[k]))
    # clocks and bylines on short lines only, and only where their signal is (found
    # with compress(), looked at alone): a number, a byline's first word
    short = list(map(le, ntok, repeat(SHORT_WORDS)))
    clock = [False] * n
    for k in compress(range(n), map(and_, short, map(bool, digit_count))):
        clock[k] = bool(shapes.CLOCK.search(visible[k]))
    byline = [False] * n
    for k in compress(range(n), map(and_, short, map(shapes.BYLINE_FIRST_WORDS.__contains__, firsts))):
        byline[k] = bool(shapes.BYLINE.match(visible[k]))
    return copyright, clock, byline


def _body_indent(words: list[int], indent: list[int]) -> int:
    """The indentation that holds most words of prose lines."""
    by_indent: Counter[int] = Counter()
    for count, width in zip(words, indent):
        if count >= PROSE_WORDS:
            by_indent[width] += count
    return by_indent.most_common(1)[0][0] if by_indent else 0


def _weighted_median(pairs: list[tuple[float, float]]) -> float:
    pairs = sorted(pairs)
    half = sum(w for _, w in pairs) / 2
    seen = 0.0
    for value, weight in pairs:
        seen += weight
        if seen >= half:
            return value
    return pairs[-1][0]
