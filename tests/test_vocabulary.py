"""One vocabulary: cleaner/vocabulary.py is read by detection and the HTML stage;
rules/generic.toml, which cannot import it, must agree with it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from cleaner import vocabulary
from cleaner.text.detection import features, shapes
from cleaner.vocabulary import DATE, SHARE, group_words

GENERIC = Path(__file__).resolve().parent.parent / "rules" / "generic.toml"


def _rule(rule_id: str) -> dict:
    rules = tomllib.loads(GENERIC.read_text(encoding="utf-8"))["rules"]
    return next(rule for rule in rules if rule["id"] == rule_id)


def _alternation(pattern: str, after: str) -> list[str]:
    """The words of the first "(?:a|b|...)" group that follows `after` in `pattern`."""
    start = pattern.index(after) + len(after)
    assert pattern.startswith("(?:", start), pattern[start:]
    depth, k = 0, start
    while True:
        depth += {"(": 1, ")": -1}.get(pattern[k], 0)
        if depth == 0:
            return pattern[start + 3 : k].split("|")
        k += 1


def test_share_networks_of_generic_toml_are_share_words():
    """share-label's networks ("Share on WhatsApp") are words of the SHARE group,
    but "x", a letter too common to be a share word in a bag of words."""
    (pattern,) = [p for p in _rule("share-label")["line"] if "facebook" in p]
    networks = {word.replace("-?", "") for word in _alternation(pattern, r"(?:on|via|to)\s+")}
    assert networks - {"x"} <= group_words(SHARE) | set(vocabulary.FOLLOW_NETWORKS)
    assert networks - {"x"}, "the share-label rule lost its networks"


def test_months_of_generic_toml_are_the_vocabulary_english_months():
    """date-line's month names match exactly the English months of MONTH_NAMES
    (the vocabulary's date words in other languages and weekdays match none)."""
    pattern = _rule("date-line")["line"]
    months = "(?:" + "|".join(_alternation(pattern, "(?P<date>\n        ")) + ")"
    candidates = set(vocabulary.MONTH_NAMES) | set(vocabulary.DAY_NAMES) | group_words(DATE)
    matched = {word for word in candidates if re.fullmatch(months, word.capitalize())}
    english = set(vocabulary.MONTH_NAMES[: vocabulary.MONTH_NAMES.index("december") + 1])
    assert matched == english


def test_byline_pattern_and_first_words_come_from_one_list():
    assert {words.split()[0] for words in vocabulary.BYLINE_WORDS} == shapes.BYLINE_FIRST_WORDS
    for words in vocabulary.BYLINE_WORDS:
        assert shapes.BYLINE.match(words + " Jane Doe")


def test_feature_names_follow_the_model_groups():
    groups = features.FEATURES[-len(features.MODEL_GROUPS) :]
    assert groups == tuple(f"vocab_{vocabulary.GROUP_NAMES[bit]}" for bit in features.MODEL_GROUPS)
