"""Stopword lists for many languages, and a guess of a text's language from them.

The lists are jusText's (``stoplists/`` inside the installed ``justext``
package: one word a line, most frequent first). They are read as files: this
module never imports justext (that would pull in lxml). Without justext
installed every lookup answers "no language" and an empty list, and detection
falls back to language-free features.

Nothing is read at import time; each list is read at most once per process.
"""

from __future__ import annotations

import importlib.util
import sys
from array import array
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

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def stoplist_dir() -> Path | None:
    """The folder of jusText's stoplists, or None when justext is not installed."""
    try:
        spec = importlib.util.find_spec("justext")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "stoplists"
        if folder.is_dir():
            return folder
    return None


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The names of the shipped lists (file names without .txt), sorted."""
    folder = stoplist_dir()
    if folder is None:
        return ()
    return tuple(sorted(p.stem for p in folder.glob("*.txt")))


def _normalise(entry: str) -> str:
    """A list entry as it is compared: lowercased, punctuation ("있다.") dropped."""
    return "".join(_WORD.findall(entry.lower()))


def _read(language: str, limit: int | None = None) -> list[str]:
    folder = stoplist_dir()
    if folder is None or language not in languages():
        return []
    words = []
    with (folder / f"{language}.txt").open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f):
            if limit is not None and number >= limit:
                break
            word = _normalise(line)
            if word:
                words.append(word)
    return words


@lru_cache(maxsize=16)
def stopwords(language: str | None) -> frozenset[str]:
    """The full stoplist of `language` (lowercased); empty for None or an unknown name."""
    if language is None:
        return frozenset()
    return frozenset(_read(language))


@lru_cache(maxsize=1)
def _id_index() -> dict[str, tuple[int, ...]]:
    """Word -> the languages (indexes into languages()) whose most frequent words hold it."""
    index: dict[str, list[int]] = {}
    for number, language in enumerate(languages()):
        for word in _read(language, ID_WORDS):
            index.setdefault(word, []).append(number)
    return {word: tuple(dict.fromkeys(numbers)) for word, numbers in index.items()}


_SLOT = 16  # bits per language in a _id_masks() value: counts stay below SAMPLE_WORDS < 2**16


@lru_cache(maxsize=1)
def _id_masks() -> dict[str, int]:
    """Word -> one count of 1 in the _SLOT-bit slot of every language of _id_index() holding it.

    Summing the masks of a sample counts the hits of all languages at once.
    """
    return {word: sum(1 << (_SLOT * number) for number in numbers)
            for word, numbers in _id_index().items()}


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
    masks = _id_masks()
    total = sum(map(masks.__getitem__, masks.keys() & sample.keys()))  # words of no list add 0
    if not total:
        return None
    counts = array("H", total.to_bytes(2 * len(languages()), "little"))
    if sys.byteorder != "little":
        counts.byteswap()
    count = max(counts)
    best = counts.index(count)  # the most hits; ties: the first language by name
    if count < max(MIN_HITS, MIN_SHARE * len(sample)):
        return None
    return languages()[best]


# jusText's list names -> ISO 639-1 codes (639-3 where a language has none); lists of
# dialects or variants with no code of their own are left out.
CODES = {
    "Afrikaans": "af", "Albanian": "sq", "Arabic": "ar", "Aragonese": "an", "Armenian": "hy",
    "Aromanian": "rup", "Asturian": "ast", "Azerbaijani": "az", "Basque": "eu", "Belarusian": "be",
    "Belarusian_Taraskievica": "be", "Bengali": "bn", "Bishnupriya_Manipuri": "bpy", "Bosnian": "bs",
    "Breton": "br", "Bulgarian": "bg", "Catalan": "ca", "Cebuano": "ceb", "Chuvash": "cv",
    "Croatian": "hr", "Czech": "cs", "Danish": "da", "Dutch": "nl", "English": "en",
    "Esperanto": "eo", "Estonian": "et", "Finnish": "fi", "French": "fr", "Galician": "gl",
    "Georgian": "ka", "German": "de", "Greek": "el", "Gujarati": "gu", "Haitian": "ht",
    "Hebrew": "he", "Hindi": "hi", "Hungarian": "hu", "Icelandic": "is", "Ido": "io", "Igbo": "ig",
    "Indonesian": "id", "Irish": "ga", "Italian": "it", "Javanese": "jv", "Kannada": "kn",
    "Kazakh": "kk", "Korean": "ko", "Kurdish": "ku", "Kyrgyz": "ky", "Latin": "la", "Latvian": "lv",
    "Lithuanian": "lt", "Lombard": "lmo", "Low_Saxon": "nds", "Luxembourgish": "lb",
    "Macedonian": "mk", "Malay": "ms", "Malayalam": "ml", "Maltese": "mt", "Marathi": "mr",
    "Neapolitan": "nap", "Nepali": "ne", "Newar": "new", "Norwegian_Bokmal": "nb",
    "Norwegian_Nynorsk": "nn", "Occitan": "oc", "Persian": "fa", "Piedmontese": "pms",
    "Polish": "pl", "Portuguese": "pt", "Quechua": "qu", "Romanian": "ro", "Russian": "ru",
    "Samogitian": "sgs", "Serbian": "sr", "Serbo_Croatian": "sh", "Sicilian": "scn",
    "Simple_English": "en", "Slovak": "sk", "Slovenian": "sl", "Spanish": "es", "Sundanese": "su",
    "Swahili": "sw", "Swedish": "sv", "Tagalog": "tl", "Tamil": "ta", "Telugu": "te",
    "Turkish": "tr", "Turkmen": "tk", "Ukrainian": "uk", "Urdu": "ur", "Uzbek": "uz",
    "Vietnamese": "vi", "Volapuk": "vo", "Walloon": "wa", "Waray_Waray": "war", "Welsh": "cy",
    "West_Frisian": "fy", "Western_Panjabi": "pnb", "Yoruba": "yo",
}


def code(language: str | None) -> str | None:
    """The ISO 639 code of a list's language ("English" -> "en"); None for None."""
    return CODES.get(language) if language else None
