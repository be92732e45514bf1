"""The rule engine's literal prefilter (rules/needles.py), the narrowed plans it
allows, and the shipped rule files prepared ahead of time (rules/prepared.py)."""

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import rules
from cleaner.rules import prepared
from cleaner.rules.needles import folded, needles
from cleaner.rules.plan import Plan
from cleaner.text.segment import segment

from conftest import ROOT

SHIPPED = rules.load_rulebook()


def test_the_prepared_rule_files_are_what_the_script_makes_of_rules():
    """Run scripts/make_prepared_rules.py after changing a file in rules/."""
    assert prepared.PREPARED.read_text(encoding="utf-8") == prepared.build(ROOT / "rules")


def test_shipped_files_are_read_from_the_prepared_data_and_others_are_not(tmp_path):
    for path in sorted((ROOT / "rules").glob("*.toml")):
        assert prepared.parsed(path.read_text(encoding="utf-8")) is not None
    edited = (ROOT / "rules" / "spam.toml").read_text(encoding="utf-8") + "\n# edited\n"
    assert prepared.parsed(edited) is None
    (tmp_path / "spam.toml").write_text(edited, encoding="utf-8")
    book = rules.load_rulebook([tmp_path])
    assert [r.id for r in book.ruleset("spam").rules] == [r.id for r in SHIPPED.ruleset("spam").rules]


def test_needles_of_simple_patterns():
    assert needles(r"(?i)Share on (?:Facebook|Twitter)") == {"share on "}
    assert needles(r"abc|abd") == {"ab"}
    assert needles(r"(?:foo)?bar") == {"bar"}
    assert needles(r"(?x) foo \ bar  # a comment") == {"foo bar"}
    assert needles(r"(?:exchange|currency)\s+rates?\s+\p{Lu}{3}") == {"exchange", "currency"}


def test_no_needles_where_nothing_is_certain():
    for source in (
        r"\d+",
        r"a?",
        r"x|\w",
        r".{8,300}",
        r"x{e<=1}",
        r"[[:alpha:]]+foo",
        r"a\\p{Lu}b",
        r"(?V1)ab",
    ):
        assert needles(source) is None, source


@pytest.mark.parametrize(
    "pattern, text", [("(?i)kelvin", "\u212aelvin"), ("(?i)share", "\u017fhare"), ("(?i)link", "L\u0130NK")]
)
def test_characters_that_match_an_ascii_letter_regardless_of_case_are_folded(pattern, text):
    # Kelvin sign, long s, dotted capital I: the regex module matches them with k, s, i
    assert regex.search(pattern, text, flags=rules.FLAGS)
    assert any(n in folded(text) for n in needles(pattern))


@given(st.text(alphabet="abkKsSiI\u212a\u017f\u0130\u0131 -.:", max_size=12))
@settings(max_examples=300, deadline=None)
def test_a_match_always_holds_a_needle(text):
    for source in (r"(?i)skin", r"(?i)ask|kiss", r"(?i)(?:is\s+)+a", r"sk(?:i|a)"):
        found = needles(source)
        for m in regex.finditer(source, text, flags=rules.FLAGS):
            if m.group():
                assert any(n in folded(m.group()) for n in found), (source, m.group())


def test_every_shipped_pattern_holds_its_needles_on_its_examples():
    for rule in SHIPPED.rules:
        for pattern in rule.patterns.values():
            if pattern.needles is None:
                continue
            for example in rule.remove_examples + rule.keep_examples:
                for line in example.splitlines():
                    for m in pattern.compiled.finditer(line.strip()):
                        if m.group():
                            assert any(n in folded(m.group()) for n in pattern.needles), (rule.id, line)


def test_a_narrowed_plan_gives_the_outcome_of_the_whole_plan():
    texts = [example for rule in SHIPPED.rules for example in rule.remove_examples + rule.keep_examples]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "raw").glob("*.txt"))]
    for text in texts:
        selection = SHIPPED.select(text=text)
        lines = segment(text)
        whole = Plan.of(selection.plan.rules)
        whole.layout  # noqa: B018 - compiled: never narrowed
        narrowed = rules.apply(
            rules.Selection(rulesets=selection.rulesets, plan=Plan.of(selection.plan.rules)), lines
        )
        full = rules.apply(rules.Selection(rulesets=selection.rulesets, plan=whole), lines)
        assert narrowed == full
