"""The five seed articles, cleaned with no source and no URL, against their golden files.

Goldens are exact. They change only on purpose: regenerate with
    .venv/bin/python -c "import cleaner, pathlib; [pathlib.Path('samples/expected', f.name).write_text(
        cleaner.clean(f.read_text(encoding='utf-8')).text + '\\n', encoding='utf-8')
        for f in sorted(pathlib.Path('samples/raw').glob('*.txt'))]"
and review the diff.
"""

from pathlib import Path

import pytest

import cleaner

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "samples" / "raw"
EXPECTED = ROOT / "samples" / "expected"
SEEDS = sorted(p.name for p in RAW.glob("*.txt"))

TITLE = "Niger’s junta revokes key security agreements with EU and turns to Russia for defense partnership"
METADATA = {  # name prefix -> (title, date)
    "000": (None, "2023-12-05"),
    "001": (TITLE, "2025-04-24"),
    "002": (None, None),
    "003": (None, None),
    "004": (TITLE, "2023-07-22"),
}


def clean_seed(name: str) -> cleaner.Result:
    return cleaner.clean((RAW / name).read_text(encoding="utf-8"))


def test_every_seed_has_a_golden_file():
    assert len(SEEDS) == 5
    assert sorted(p.name for p in EXPECTED.glob("*.txt")) == SEEDS


@pytest.mark.parametrize("name", SEEDS)
def test_seed_matches_golden(name):
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    assert clean_seed(name).text + "\n" == expected


@pytest.mark.parametrize("name", SEEDS)
def test_seed_metadata(name):
    result = clean_seed(name)
    title, date = METADATA[name[:3]]
    assert result.title == title
    assert result.date == date


def test_000_keeps_dateline_and_closing_credit():
    text = clean_seed(SEEDS[0]).text
    assert text.startswith("Abuja (Nigeria), Dec 5 (AP) Niger's junta has scrapped")
    assert text.endswith("seeks new partnerships. (AP)")
    assert "date 2023-12-05" not in text


def test_001_is_the_story_only():
    result = clean_seed(SEEDS[1])
    assert result.source == "stocksource"
    assert result.text.startswith("ABUJA, Nigeria (AP) —")
    assert result.text.endswith("in a bid to reverse the coup.")
    for gone in (
        "StockSource",
        "View\n",
        "Date:",
        "____",
        "Follow AP",
        "veryGood!",
        "Ranking",
        "Recommendation",
    ):
        assert gone not in result.text


def test_002_loses_only_the_spam_fragment():
    raw = (RAW / SEEDS[2]).read_text(encoding="utf-8")
    text = clean_seed(SEEDS[2]).text
    assert "壯陽藥" not in text and "wp:paragraph" not in text
    assert text.split("\n\n") == [line for line in raw.splitlines() if line.strip()][:-1]


def test_003_is_unchanged():
    raw = (RAW / SEEDS[3]).read_text(encoding="utf-8")
    result = clean_seed(SEEDS[3])
    assert result.removals == ()
    assert result.text.split("\n\n") == [line for line in raw.splitlines() if line.strip()]
    assert len(result.paragraphs) == 7


def test_004_is_the_story_only():
    result = clean_seed(SEEDS[4])
    assert result.source == "wapress.africa"
    assert result.text.startswith("Niger’s military junta has taken further steps")
    assert result.text.endswith("non-Western powers for support.")
    assert len(result.paragraphs) == 5
