"""Stopword lists for many languages, and a guess of a text's language from them.

The lists are jusText's (BSD 2-Clause licence), shipped inside the package in
data/stoplists/ (made by scripts/make_stoplists.py, the licence notice in
its LICENSE): one file a language, its words lowercased and without
punctuation, most frequent first, and index.json, the words each language is
recognised by.

Nothing is read at import time; each file is read at most once per process,
when first wanted (the index to guess a language, then the one list of the
language guessed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
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


def _id_index() -> dict[str, int | list[int]]:
    """Word -> the language (an index into languages()), or the list of languages, whose
    most frequent words hold it."""
    return _index_file()["index"]


def guess(words: Sequence[str]) -> str | None:
    """The language whose most frequent words cover most of `words` (lowercased).

    Only the distinct words among the first SAMPLE_WORDS are looked at. None when
    too few of them are stopwords of any language (e.g. Chinese or Japanese,
    which have no list).
    """
    index = _id_index()
    sample = dict.fromkeys(words[:SAMPLE_WORDS])  # distinct words: each counts once
    if not index or not sample:
        return None
    counts = [0] * len(languages())
    for word in index.keys() & sample.keys():  # words of no list count for none
        numbers = index[word]
        if isinstance(numbers, int):
            counts[numbers] += 1
        else:
            for number in numbers:
                counts[number] += 1
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
