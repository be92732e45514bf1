"""How a line looks: the patterns that read its shape, and the fast scans that apply them.

Most of a page's lines need none of the costly readings (Markdown markup, a
non-ASCII script, a copyright sign): the scans here find the few that do with
str.find over the whole page, and read ASCII lines with str.translate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import gt, itemgetter

import regex

from ...lazyre import lazy
from ...vocabulary import BYLINE_WORDS

# str.translate tables for ASCII lines: word characters (what \w matches in ASCII)
# kept, the rest made spaces; and capitals "A", digits "0", other word characters
# "a". Both keep "\n", which separates the lines translated together.
_ASCII_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
ASCII_WORDS = {c: (chr(c) if chr(c) in _ASCII_WORD_CHARS or c == 10 else " ") for c in range(128)}
ASCII_CAPS = {
    c: (
        "A"
        if chr(c).isupper()
        else "0"
        if chr(c).isdigit()
        else "a"
        if chr(c) in _ASCII_WORD_CHARS
        else "\n"
        if c == 10
        else " "
    )
    for c in range(128)
}
# Han, Hiragana and Katakana: scripts written without spaces between words.
CJK = lazy(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# What calls for the full markdown.visible() treatment: a list/heading marker at the
# start (then markdown.visible decides), link brackets, emphasis, URLs and e-mail addresses.
_MARKER_STARTS = tuple("*+-\u2022\u00b7\u25aa\u25ba\u2013\u2014#>0123456789")
_MARKS = ("]", "*", "_", "`", "@", "://", "www.")
_CLOSERS = "\"'\u201d\u2019\u00bb)]*_ "  # stripped before looking at a line's last character
_TERMINAL = frozenset(".!?\u3002\uff01\uff1f")
_COLON = frozenset(":\uff1a")
_ELLIPSES = ("...", "\u2026")  # a truncated teaser's end (after _CLOSERS are stripped)
# A "|", or one of the other separators between spaces. Written to start with
# one character class (the same matches as r"\||(?<=\s)[...](?=\s)"): the regex
# engine then skips ahead to the candidate characters.
SEPARATORS = lazy(
    r"[|\u00b7\u2022/\u00bb\u203a>\u2013-]"
    r"(?:(?<=\|)|(?<=\s[\u00b7\u2022/\u00bb\u203a>\u2013-])(?=\s))"
)
SEPARATOR_CHARACTERS = frozenset("|\u00b7\u2022/\u00bb\u203a>\u2013-")  # one starts every match
CLOCK = lazy(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# "By Jane Doe", "Von Max Muster", "Par ...", "Por ...": a byline's first words.
BYLINE = lazy("(?:" + "|".join(BYLINE_WORDS) + r")[:\s]+\p{Lu}", regex.IGNORECASE, compile=regex.compile)
BYLINE_FIRST_WORDS = frozenset(words.split()[0] for words in BYLINE_WORDS)
# A word directly followed by "(", "[" or ".name": a call or an attribute in code.
CALL = lazy(r"\w+(?:[(\[]|\.\w)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1)
def capitals() -> re.Pattern:
    """A word's first letter when it is a capital, in any script (built once, when first used)."""
    upper = "".join(re.escape(c) for c in map(chr, range(0x10000)) if c.isupper())
    # The same matches as (?<!\w)[...], but starting with the character class:
    # the regex engine then skips ahead to capitals instead of testing every position.
    return re.compile(rf"[{upper}](?<!\w[\s\S])")


def holding(lines: list[str], needles: Sequence[str]) -> set[int]:
    """Indexes of the lines that hold one of `needles`: str.find over the whole
    page, the cheapest scan there is when few lines hold one."""
    joined = "\n".join(lines)
    starts = [0, *accumulate(len(s) + 1 for s in lines)]
    found = set()
    for needle in needles:
        at = joined.find(needle)
        while at >= 0:
            line = bisect_right(starts, at) - 1
            found.add(line)
            at = joined.find(needle, starts[line + 1])
    return found


def marked(stripped: list[str]) -> list[int]:
    """Indexes of the lines that need markdown.visible(): markers, links, URLs, emphasis."""
    found = set(compress(range(len(stripped)), map(str.startswith, stripped, repeat(_MARKER_STARTS))))
    return sorted(found.union(holding(stripped, _MARKS)))


def translated(lines: list[str], which: list[bool], table: dict[int, str]) -> list[str]:
    """The lines marked in `which` (ASCII all) translated by `table` (which keeps
    "\n"), all at once; "" for the others."""
    if not lines:
        return []
    # str * False is "": the lines not asked for are joined empty
    return "\n".join(map(str.__mul__, lines, which)).translate(table).split("\n")


def punctuated(lines: list[str], others: list[int]) -> list[int]:
    """Of the non-ASCII lines `others`, those whose non-ASCII characters are all
    punctuation or symbols: no word character of WORD (str.isalnum) and no
    capital of capitals(). Made "?" (also punctuation), they leave the same
    words, capitals and numbers, and can be read like ASCII lines."""
    texts = [lines[k] for k in others]
    wordy = [c for c in set(_NON_ASCII.findall("\n".join(texts))) if c.isalnum() or c.isupper()]
    if not wordy:
        return others
    found = holding(texts, wordy)
    return [k for j, k in enumerate(others) if j not in found]


def questioned(text: str) -> str:
    """Every non-ASCII character of `text` made "?"."""
    return text.encode("ascii", "replace").decode("ascii")


def endings(visible: list[str]) -> tuple[list[bool], list[bool], list[bool]]:
    """Per line: ends like a sentence, ends with a colon, ends with an ellipsis."""
    # map() over built-in methods: no Python-level step per line
    tails = list(map(str.rstrip, visible, repeat(_CLOSERS)))
    ellipsis = list(map(str.endswith, tails, repeat(_ELLIPSES)))
    lasts = list(map(itemgetter(slice(-1, None)), tails))  # tail[-1:]
    # gt(a, b) of two booleans is "a and not b": a sentence's end, not a teaser's "..."
    terminal = list(map(gt, map(_TERMINAL.__contains__, lasts), ellipsis))
    return terminal, list(map(_COLON.__contains__, lasts)), ellipsis
