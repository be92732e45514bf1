"""The shipped stoplists (cleaner/data/stoplists/) and the language guess made from them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from cleaner.text import lang

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_files_are_what_the_script_makes_from_justext():
    if importlib.util.find_spec("justext") is None:
        pytest.skip("justext is not installed")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_stoplists
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    made = make_stoplists.build(make_stoplists.justext_dir())
    shipped = {p.name: p.read_text(encoding="utf-8") for p in lang.STOPLISTS.iterdir()}
    assert sorted(shipped) == sorted(made)
    assert [name for name in made if shipped[name] != made[name]] == []


def test_the_licence_notice_ships_with_the_lists():
    notice = (lang.STOPLISTS / "LICENSE").read_text(encoding="utf-8")
    assert "Jan Pomikalek" in notice and "Redistributions in binary form" in notice


def test_english_is_guessed_from_english_words():
    words = "the harbour town of vestvik switched on its first tidal power station on tuesday after four years".split()
    assert lang.guess(words) == "English"
    assert lang.code(lang.guess(words)) == "en"


def test_no_language_from_too_few_stopwords():
    assert lang.guess(["vestvik", "tidal", "power", "station", "the"]) is None


def test_stopwords_of_a_language_and_of_none():
    assert {"the", "of", "and"} <= lang.stopwords("English")
    assert lang.stopwords("Klingon") == frozenset()
    assert lang.stopwords(None) == frozenset()


def test_every_list_has_an_iso_code():
    assert [name for name in lang.languages() if name not in lang.codes()] == []
