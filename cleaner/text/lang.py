"""Stopword lists for many languages, and a guess of a text's language from them.

The lists are jusText's (BSD 2-Clause licence), shipped inside the package in
data/stoplists/ (made by scripts/make_stoplists.py, the licence notice in
its LICENSE): one file a language, its words lowercased and without
punctuation, most frequent first, index.json (the source, the licence, the
names) and index.txt, the words each language is recognised by (sorted lines
of text: see _Index).

Nothing is read at import time; each file is read at most once per process,
when first wanted (the index to guess a language, then the one list of the
language guessed).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

# How many of each list's most frequent words identify the language: the same
# number for every language, so that long lists (Polish, Korean) do not win
# merely by being long.
ID_WORDS = 200
# Fewer stopword hits than this among the sampled words, or a smaller share
# of them: no language is named.
MIN_HITS = 5
MIN_SHARE = 0.05
# How many words of a text are looked at to guess its language (the caller
# passes running text first: detection samples lines of eight words or more).
SAMPLE_WORDS = 300

STOPLISTS = Path(__file__).parent.parent / "data" / "stoplists"
CODES_FILE = (
    Path(__file__).parent.parent / "data" / "language_codes.json"
)  # a list's name -> its ISO 639 code

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _index_file() -> dict:
    with (STOPLISTS / "index.json").open(encoding="utf-8") as f:
        data = json.load(f)
    if data.get("identify_entries") != ID_WORDS:
        raise ValueError(
            f"{STOPLISTS / 'index.json'} was made with {data.get('identify_entries')} "
            f"identifying words, not {ID_WORDS}: run scripts/make_stoplists.py"
        )
    return data


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The names of the shipped lists (jusText's file names), sorted."""
    return tuple(_index_file()["languages"])


@lru_cache(maxsize=16)
def stopwords(language: str | None) -> frozenset[str]:
    """The full stoplist of `language` (lowercased); empty for None or an unknown name."""
    if language is None or language not in languages():
        return frozenset()
    return frozenset((STOPLISTS / f"{language}.txt").read_text(encoding="utf-8").split())


class _Index:
    """index.txt: one sorted line a word, "word 3,17" (the numbers, into languages(), of
    the languages whose lists' first ID_WORDS entries hold it).

    The first text's words are looked up by bisection of the file's lines, left as
    UTF-8 bytes (whose order is the words' order): decoding them and making a dict of
    12,000 words costs more than one text's few hundred lookups. From the second text
    on, they are looked up in a dict made once (a process that guesses many texts)."""

    def __init__(self, raw: bytes):
        self.lines = raw.rstrip(b"\n").split(b"\n")
        self.by_word: dict[str, str] | None = None  # word -> "3,17"
        self.texts = 0

    def counts(self, sample: Iterable[str], languages: int) -> list[int]:
        """How many of the (distinct) words of `sample` each language's list holds."""
        self.texts += 1
        if self.by_word is None and self.texts > 1:
            self.by_word = dict(line.decode().split(" ", 1) for line in self.lines)
        found = (
            [self.by_word[word] for word in self.by_word.keys() & sample]
            if self.by_word is not None
            else list(filter(None, map(self._bisect, sample)))
        )
        counts = [0] * languages
        for numbers in found:
            for number in numbers.split(","):
                counts[int(number)] += 1
        return counts

    def _bisect(self, word: str) -> str | None:
        key = word.encode("utf-8", "surrogatepass") + b" "  # the space sorts before a word's bytes
        at = bisect_left(self.lines, key)
        if at < len(self.lines) and self.lines[at].startswith(key):
            return self.lines[at][len(key) :].decode()
        return None


@lru_cache(maxsize=1)
def _index() -> _Index:
    _index_file()  # (checks that the files were made for ID_WORDS)
    return _Index((STOPLISTS / "index.txt").read_bytes())


def guess(words: Sequence[str]) -> str | None:
    """The language whose most frequent words cover most of `words` (lowercased).

    Only the distinct words among the first SAMPLE_WORDS are looked at. None when
    too few of them are stopwords of any language (e.g. Chinese or Japanese,
    which have no list).
    """
    sample = dict.fromkeys(words[:SAMPLE_WORDS])  # distinct words: each counts once
    if not sample:
        return None
    counts = _index().counts(sample.keys(), len(languages()))
    count = max(counts)
    if not count:
        return None
    best = counts.index(count)  # the most hits; ties: the first language by name
    if count < max(MIN_HITS, MIN_SHARE * len(sample)):
        return None
    return languages()[best]


@lru_cache(maxsize=1)
def codes() -> dict[str, str]:
    """jusText's list names -> ISO 639-1 codes (639-3 where a language has none), from
    data/language_codes.json; lists of dialects or variants with no code of their own
    are left out."""
    with CODES_FILE.open(encoding="utf-8") as f:
        return json.load(f)


def code(language: str | None) -> str | None:
    """The ISO 639 code of a list's language ("English" -> "en"); None for None."""
    return codes().get(language) if language else None
