"""What a line's words say: stopwords of the page's language, vocabulary groups, phrases.

Every word is looked up once, in a table (`codes`) that folds all it is known
for into a short string; a line's codes, joined, give all its word-level facts
at once (`code_facts`).
"""

from __future__ import annotations

import re
from functools import lru_cache, reduce
from itertools import repeat
from operator import or_

from ...lazyre import lazy
from ...vocabulary import COPYRIGHT, GROUP_BITS, PHRASES, STRONG, WORD_GROUPS
from .. import lang

WORD = re.compile(r"\w+")
COPYRIGHT_SIGN = lazy(r"\u00a9|\([cC]\)\s*\d{4}")
PHRASE_WORDS = 30  # longer lines are not searched for phrases of several words

# A word's code: "s" for a stopword, then, for a vocabulary word, one character
# chr(_CODE | bits) where bits are its WORD_GROUPS bits, SINGLE if it is a
# one-word phrase and FIRST if it starts a longer one.
STOP = "s"
SINGLE, FIRST, _CODE = 1 << GROUP_BITS, 1 << (GROUP_BITS + 1), 1 << (GROUP_BITS + 2)


@lru_cache(maxsize=1)
def vocabulary_index() -> dict[str, int]:
    """Word -> OR of the WORD_GROUPS bits it belongs to."""
    index: dict[str, int] = {}
    for bit, words in WORD_GROUPS.items():
        for word in words.split():
            index[word.lower()] = index.get(word.lower(), 0) | bit
    return index


def line_vocabulary(text: str) -> int:
    """OR of the WORD_GROUPS bits of one line's words, and COPYRIGHT for a
    copyright sign: a cheap reading of a line alone (rule learning names the
    lines it learns with it)."""
    vocab = vocabulary_index()
    bits = 0
    for word in WORD.findall(text.lower()):
        bits |= vocab.get(word, 0)
    if COPYRIGHT_SIGN.search(text):
        bits |= COPYRIGHT
    return bits


@lru_cache(maxsize=1)
def phrase_index() -> tuple[frozenset[str], dict[tuple[str, str], tuple[str, ...]]]:
    """One-word phrases, and longer ones (" word word ... ") keyed by their first two words."""
    singles = set()
    pairs: dict[tuple[str, str], list[str]] = {}
    for phrase in PHRASES:
        words = tuple(WORD.findall(phrase.lower()))
        if len(words) == 1:
            singles.add(words[0])
        else:
            pairs.setdefault(words[:2], []).append(" " + " ".join(words) + " ")
    return frozenset(singles), {k: tuple(v) for k, v in pairs.items()}


@lru_cache(maxsize=16)
def codes(language: str | None) -> dict[str, str]:
    """Word -> its code (see STOP, SINGLE, FIRST): one dict lookup a token."""
    bits = dict(vocabulary_index())
    singles, pairs = phrase_index()
    for word in singles:
        bits[word] = bits.get(word, 0) | SINGLE
    for first, _ in pairs:
        bits[first] = bits.get(first, 0) | FIRST
    table = dict.fromkeys(lang.stopwords(language), STOP)
    for word, value in bits.items():
        table[word] = table.get(word, "") + chr(_CODE | value)
    return table


@lru_cache(maxsize=4096)
def code_facts(line_codes: str) -> tuple[int, int, int, bool, bool]:
    """A line's (stopwords, vocabulary bits, strong-group words, one-word phrase,
    phrase start) from its words' codes joined."""
    stops = line_codes.count(STOP)
    if stops == len(line_codes):
        return stops, 0, 0, False, False
    found = [ord(c) for c in line_codes if c != STOP]
    bits = reduce(or_, found)
    hits = sum(1 for b in found if b & STRONG)
    return stops, bits & (SINGLE - 1), hits, bool(bits & SINGLE), bool(bits & FIRST)


def _holds_phrase(tokens: list[str], pairs: dict[tuple[str, str], tuple[str, ...]]) -> bool:
    """One of the phrases of several words occurs in the line's words."""
    spaced = " " + " ".join(tokens) + " "
    return any(phrase in spaced for pair in zip(tokens, tokens[1:]) for phrase in pairs.get(pair, ()))


def word_facts(tokens: list[list[str]], firsts: list[str], language: str | None):
    """Per line: stopwords, WORD_GROUPS bits, strong-group words, its first word's bits, a phrase."""
    if not tokens:
        return [], [], [], [], []
    get = codes(language).get
    blank = repeat("")  # get(word, ""): no code for a word detection knows nothing of
    facts = [code_facts("".join(map(get, line, blank))) for line in tokens]
    stops, bits, hits, phrase, starts = map(list, zip(*facts))
    index = vocabulary_index()
    lead = [index.get(first, 0) for first in firsts]
    _, pairs = phrase_index()
    # Phrases of several words: only on lines holding the first word of one, not too long.
    for k, line in enumerate(tokens):
        if starts[k] and not phrase[k] and len(line) <= PHRASE_WORDS:
            phrase[k] = _holds_phrase(line, pairs)
    return stops, bits, hits, lead, phrase
