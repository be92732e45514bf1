"""Rule files: strict loading, every kind of rule, user folders, timeouts,
new articles from the seed sites, and sentences no rule may touch."""

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import rules
from cleaner.errors import CleanerError, RuleFileError
from cleaner.model import CATEGORIES
from cleaner.text.segment import segment

SHIPPED = rules.load_rulebook()


def write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


PLATFORM = '[platform]\ndescription = "test rules"\n'


def rule(
    rule_id="test-rule",
    body="line = 'Buy now!'",
    category="promo",
    remove=("Buy now!",),
    keep=("Buy nothing, the minister said.",),
) -> str:
    return (
        f'\n[[rules]]\nid = "{rule_id}"\ncategory = "{category}"\nwhy = "Test."\n{body}\n'
        f"examples.remove = {list(remove)!r}\nexamples.keep = {list(keep)!r}\n"
    )


def book_with(tmp_path: Path, *rule_texts: str, name: str = "test.toml") -> rules.RuleBook:
    write(tmp_path / "user", name, PLATFORM + "".join(rule_texts))
    return rules.load_rulebook([tmp_path / "user"])


def only(tmp_path: Path, *rule_texts: str) -> rules.Selection:
    """A selection holding only the given rules (no shipped ones)."""
    path = write(tmp_path / "only", "only.toml", PLATFORM + "".join(rule_texts))
    return rules.Selection(rulesets=(rules.load_file(path, "user"),))


def run(selection: rules.Selection, text: str, timeout: float = 1.0) -> rules.Outcome:
    return rules.apply(selection, segment(text), timeout=timeout)


def kept(outcome: rules.Outcome) -> list[str]:
    return [line.stripped for line in outcome.lines]


def by_rules(result: cleaner.Result) -> list[tuple[str, str]]:
    """(rule id, text) of the removals made by rules, not by generic detection
    (which may also act on the short made-up documents of these tests)."""
    return [(r.by, r.text) for r in result.removals if not r.by.startswith("detect:")]


# -- loading is strict --------------------------------------------------------


def load_error(tmp_path: Path, body: str, name: str = "bad.toml") -> RuleFileError:
    write(tmp_path / "bad", name, body)
    with pytest.raises(RuleFileError) as info:
        rules.load_rulebook([tmp_path / "bad"])
    return info.value


def test_unknown_key_names_file_and_rule(tmp_path):
    err = load_error(tmp_path, PLATFORM + rule("shiny-rule", "line = 'x+'\ncolour = 'red'", remove=["xx"]))
    assert "bad.toml" in str(err) and "[shiny-rule]" in str(err)
    assert "unknown key" in str(err) and "colour" in str(err)
    assert err.rule_id == "shiny-rule"


def test_unknown_key_in_header(tmp_path):
    err = load_error(tmp_path, '[platform]\ndescription = "x"\ndomains = ["a.com"]\n')
    assert "bad.toml" in str(err) and "domains" in str(err)


def test_duplicate_id_in_one_file(tmp_path):
    err = load_error(tmp_path, PLATFORM + rule("twice") + rule("twice"))
    assert "bad.toml" in str(err) and "[twice]" in str(err) and "duplicate" in str(err)


def test_duplicate_id_across_files_names_both(tmp_path):
    write(tmp_path / "bad", "a.toml", PLATFORM + rule("same-id"))
    write(tmp_path / "bad", "b.toml", PLATFORM + rule("same-id"))
    with pytest.raises(RuleFileError) as info:
        rules.load_rulebook([tmp_path / "bad"])
    assert "b.toml" in str(info.value) and "a.toml" in str(info.value) and "[same-id]" in str(info.value)


def test_duplicate_of_a_shipped_id(tmp_path):
    err = load_error(tmp_path, PLATFORM + rule("share-label", "line = 'Share'", remove=["Share"]))
    assert "[share-label]" in str(err) and "generic.toml" in str(err)


def test_bad_regex_names_file_rule_and_pattern(tmp_path):
    err = load_error(tmp_path, PLATFORM + rule("broken", "line = '(unclosed'"))
    assert "bad.toml" in str(err) and "[broken]" in str(err) and "(unclosed" in str(err)


def test_bad_regex_in_a_block(tmp_path):
    body = "block.start = 'Start'\nblock.end = '[z-a]'"
    err = load_error(tmp_path, PLATFORM + rule("broken-block", body))
    assert "[broken-block]" in str(err) and "block.end" in str(err)


def test_bad_toml_names_file_and_line(tmp_path):
    err = load_error(tmp_path, PLATFORM + '\n[[rules]]\nid = "half-written\n')
    assert "bad.toml" in str(err) and "invalid TOML" in str(err) and "line" in str(err)


def test_bad_category_names_file_rule_and_choices(tmp_path):
    err = load_error(tmp_path, PLATFORM + rule("odd-one", category="advert"))
    assert "bad.toml" in str(err) and "[odd-one]" in str(err) and "advert" in str(err)
    assert "related-links" in str(err)


@pytest.mark.parametrize(
    "body, message",
    [
        (
            '\n[[rules]]\nid = "no-why"\ncategory = "promo"\nline = "x"\n'
            'examples.remove = ["x"]\nexamples.keep = ["y"]\n',
            "missing key",
        ),
        (rule("no-pattern", "within = 2"), "exactly one of"),
        (rule("two-kinds", "line = 'a'\nfragment = 'b'"), "exactly one of"),
        (rule("empty-match", "line = 'x*'"), "empty string"),
        (rule("no-examples", "line = 'x'", remove=()), "at least one example"),
        (rule("Not_Kebab", "line = 'x'"), "kebab-case"),
        (rule("bad-within", "line = 'x'\nwithin = 0"), "within"),
        (rule("reserved-group", "line = '(?P<_x>x)'"), "reserved"),
        # found in every document, it would switch the rule off everywhere
        (rule("empty-skip", "line = 'x'\nskip_if = 'y*'"), "`skip_if`: 'y*' matches the empty string"),
        (rule("late-flag", "line = 'Share(?i) this'"), "sets (?i) after the start"),
        (rule("late-flag-2", "fragment = ['(?i)ad', 'x[]](?s)y']"), "sets (?s) after the start"),
        (rule("block-no-end", "block.start = 'x'"), "block needs"),
        (rule("bad-block-key", "block.start = 'x'\nblock.end = 'y'\nblock.until = 'z'"), "unknown key"),
    ],
)
def test_rule_errors_name_the_rule(tmp_path, body, message):
    err = load_error(tmp_path, PLATFORM + body)
    assert "bad.toml" in str(err) and message in str(err)
    assert err.rule_id is not None and f"[{err.rule_id}]" in str(err)


@pytest.mark.parametrize(
    "source",
    ["(?i)share", "(?i)(?s)share", r"share\(?i\)", "share[(?i)]", "(?i:share) this", "(?x) a # (?i)"],
)
def test_flags_first_scoped_or_literal_are_not_misplaced(source):
    assert rules.pattern.misplaced_flags(source) is None


def test_rule_without_id_is_named_by_position(tmp_path):
    body = '\n[[rules]]\ncategory = "promo"\nwhy = "x"\nline = "x"\nexamples.remove = ["x"]\nexamples.keep = ["y"]\n'
    err = load_error(tmp_path, PLATFORM + rule("first") + body)
    assert "[rule #2]" in str(err) and "missing key" in str(err)


@pytest.mark.parametrize(
    "header, message",
    [
        ("rules = []\n", "header"),
        ('[platform]\ndescription = "x"\n[source]\ndescription = "y"\n', "header"),
        ('[source]\ndescription = "x"\ndomains = ["not a host"]\n', "host name"),
        ('[source]\ndescription = "x"\nfingerprints = ["(bad"]\n', "fingerprints"),
        # a fingerprint that matches anywhere would choose the source for every page
        ('[source]\ndescription = "x"\nfingerprints = [".*"]\n', "'.*' matches the empty string"),
        ('[source]\ndescription = "x"\ngeneric = "no"\n', "generic"),
        ("[platform]\n", "description"),
    ],
)
def test_header_errors(tmp_path, header, message):
    err = load_error(tmp_path, header)
    assert "bad.toml" in str(err) and message in str(err)


def test_missing_user_folder(tmp_path):
    with pytest.raises(RuleFileError) as info:
        rules.load_rulebook([tmp_path / "nowhere"])
    assert "nowhere" in str(info.value)


def test_error_is_a_cleaner_error(tmp_path):
    assert issubclass(RuleFileError, CleanerError)


# -- the shipped rules --------------------------------------------------------


def test_shipped_rules_pass_their_own_check():
    assert rules.check([rules.shipped_rules_dir()]) == []


def test_shipped_files():
    kinds = {rs.name: rs.kind for rs in SHIPPED.rulesets}
    assert kinds == {
        "consent": "platform",
        "currency-widgets": "platform",
        "forums": "platform",
        "generic": "platform",
        "site-builders": "platform",
        "spam": "platform",
        "stocksource": "source",
        "wapress.africa": "source",
        "wire-services": "platform",
        "wordpress": "platform",
    }
    for rs in SHIPPED.rulesets:
        assert rs.origin == "shipped" and Path(rs.path).parent == rules.shipped_rules_dir()
        for r in rs.rules:
            assert r.category in CATEGORIES and r.why and r.remove_examples and r.keep_examples


def test_rule_lookup_and_description():
    rule_ = SHIPPED.get("wpdiscuz-box")
    assert rule_ is not None and rule_.ruleset == "wordpress"
    text = rules.describe(rule_)
    for part in (
        "wpdiscuz-box",
        "comment-box",
        "wordpress.toml",
        "platform",
        "block",
        "View all comments",
        rule_.why,
        "examples.remove",
        "examples.keep",
        "Inline Feedbacks",
    ):
        assert part in text
    assert SHIPPED.get("no-such-rule") is None


# -- kinds of rules -----------------------------------------------------------


def test_line_rule_drops_whole_lines_only(tmp_path):
    sel = only(tmp_path, rule(body="line = 'Buy now!'"))
    out = run(sel, "Story text.\nBuy now!\nBuy now! said the vendor.")
    assert kept(out) == ["Story text.", "Buy now! said the vendor."]
    assert [(r.by, r.line, r.kind, r.text) for r in out.removals] == [("test-rule", 2, "line", "Buy now!")]


def test_fragment_rule_keeps_the_rest_of_the_line(tmp_path):
    sel = only(tmp_path, rule(body=r"fragment = '\[ad\]\s*'", remove=["[ad] x"]))
    out = run(sel, "[ad] The talks resumed.\nNothing here.\n[ad]")
    assert kept(out) == ["The talks resumed.", "Nothing here."]
    assert [(r.line, r.kind) for r in out.removals] == [(1, "fragment"), (3, "fragment")]


def test_block_from_start_to_end(tmp_path):
    body = "block.start = 'BEGIN'\nblock.end = 'END'\nblock.inside = '[a-z ]+'"
    sel = only(tmp_path, rule(body=body, remove=["BEGIN\nEND"]))
    out = run(sel, "Story.\nBEGIN\nsome junk\nmore junk\nEND\nStory goes on.")
    assert kept(out) == ["Story.", "Story goes on."]
    assert {r.line for r in out.removals} == {2, 3, 4, 5}


def test_block_needs_its_end_and_its_inside(tmp_path):
    body = "block.start = 'BEGIN'\nblock.end = 'END'\nblock.inside = '[a-z ]+'\nblock.max_lines = 4"
    sel = only(tmp_path, rule(body=body, remove=["BEGIN\nEND"]))
    assert run(sel, "BEGIN\nsome junk\nNot Junk At All.\nEND").removals == []  # inside broken
    assert run(sel, "BEGIN\na\nb\nc\nd\nEND").removals == []  # longer than max_lines
    assert run(sel, "BEGIN\nsome junk").removals == []  # no end


def test_block_run_without_end(tmp_path):
    body = r"block.start = 'Rates'" + "\n" + r"block.inside = '[A-Z]{3} \d+'" + "\nblock.min_lines = 3"
    sel = only(tmp_path, rule(body=body, remove=["Rates\nUSD 1\nEUR 2"]))
    out = run(sel, "Rates\nUSD 1\nEUR 2\nThe story.")
    assert kept(out) == ["The story."]
    assert run(sel, "Rates\nUSD 1\nThe story.").removals == []  # shorter than min_lines


def test_cut_from_marker_to_end(tmp_path):
    sel = only(tmp_path, rule(body="cut_from = 'More stories'", remove=["More stories\nx"]))
    out = run(sel, "Story.\nMore on this.\nMore stories\nOne\nTwo")
    assert kept(out) == ["Story.", "More on this."]
    assert {r.by for r in out.removals} == {"test-rule"}


def test_cut_before_marker_keeps_the_marker(tmp_path):
    body = r"cut_before = '.*\.'" + "\nwithin = 5"
    sel = only(tmp_path, rule(body=body, category="navigation", remove=["Menu\nStory."]))
    out = run(sel, "Menu\nHome\nFirst sentence.\nSecond sentence.")
    assert kept(out) == ["First sentence.", "Second sentence."]


def test_later_cut_is_credited_with_its_own_tail(tmp_path):
    sel = only(
        tmp_path,
        rule("cut-a", "cut_from = 'A'", remove=["A\nx"]),
        rule("cut-b", "cut_from = 'B'", category="newsletter", remove=["B\nx"]),
    )
    out = run(sel, "Story.\nA\na1\nB\nb1")
    assert [(r.line, r.by) for r in out.removals] == [(2, "cut-a"), (3, "cut-a"), (4, "cut-b"), (5, "cut-b")]


def test_protect_shields_lines_from_every_removal(tmp_path):
    sel = only(
        tmp_path,
        rule("keep-lede", r"protect = '\(AP\) —'", category="metadata", remove=["X (AP) — y"], keep=["z"]),
        rule("cut-all", "cut_from = 'Menu'", remove=["Menu\nx"]),
    )
    out = run(sel, "Menu\nLAGOS (AP) — The story.\nFooter")
    assert kept(out) == ["LAGOS (AP) — The story."]
    assert out.protected == frozenset({2})


def test_metadata_captured_from_named_groups(tmp_path):
    sel = only(
        tmp_path,
        rule("headline", "line = 'Title: (?P<title>.+)'", category="metadata", remove=["Title: x"]),
        rule(
            "stamp",
            r"fragment = '^\[(?P<date>\d{4}-\d{2}-\d{2})\] '",
            category="metadata",
            remove=["[2024-01-02] x"],
        ),
    )
    out = run(sel, "Title: Talks  resume\n[2024-01-02] The talks resumed.")
    assert out.metadata == {"title": "Talks resume", "date": "2024-01-02"}
    assert kept(out) == ["The talks resumed."]


@pytest.mark.parametrize(
    "written, iso",
    [
        ("July 22, 2023", "2023-07-22"),
        ("22 July 2023", "2023-07-22"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("September 3, 2024", "2024-09-03"),
        ("2025-04-24 22:14:56", "2025-04-24"),
        ("3rd March 2021", "2021-03-03"),
        ("sometime in May", "sometime in May"),
        ("2023-02-30", "2023-02-30"),
    ],
)
def test_dates_are_normalised(written, iso):
    assert rules.normalise_date(written) == iso


def test_within_prev_and_next(tmp_path):
    sel = only(
        tmp_path,
        rule("top-only", "line = 'Top'\nwithin = 1", remove=["Top"]),
        rule("after-menu", "line = '.+'\nprev = 'MENU'", remove=["MENU\nx"]),
        rule("before-end", "line = '.+'\nnext = 'END'", remove=["x\nEND"]),
    )
    out = run(sel, "Top\nMENU\nHome\nText.\nTop\nlast\nEND")
    assert kept(out) == ["MENU", "Text.", "Top", "END"]


def test_skip_if_turns_a_rule_off_for_the_document(tmp_path):
    sel = only(tmp_path, rule(body="line = 'Ad'\nskip_if = 'NO ADS HERE'", remove=["Ad"]))
    assert kept(run(sel, "Ad\nText.")) == ["Text."]
    assert kept(run(sel, "Ad\nText.\nNO ADS HERE")) == ["Ad", "Text.", "NO ADS HERE"]


def test_fragments_that_leave_nothing_drop_the_line(tmp_path):
    sel = only(tmp_path, rule(body="fragment = 'spam'", remove=["spam"]))
    out = run(sel, "spam !spam!\nText spam here.")
    assert kept(out) == ["Text  here."]
    # what the fragments leave (" !!") goes too, credited to the rule
    assert sorted(r.text for r in out.removals if r.line == 1) == ["!!", "spam", "spam"]


def test_first_matching_rule_wins_and_blocks_come_first(tmp_path):
    sel = only(
        tmp_path,
        rule("as-line", "line = 'Start'", category="navigation", remove=["Start"]),
        rule("as-block", "block.start = 'Start'\nblock.end = 'Stop'", remove=["Start\nStop"]),
    )
    out = run(sel, "Start\nx\nStop\nStart\nText.")
    assert [(r.line, r.by) for r in out.removals] == [
        (1, "as-block"),
        (2, "as-block"),
        (3, "as-block"),
        (4, "as-line"),
    ]


def test_rules_that_cannot_join_the_scan_still_apply(tmp_path):
    # A numbered backreference and \A cannot be embedded in the whole-document scan.
    sel = only(
        tmp_path,
        rule("doubled", r"line = '(\w+) \1'", remove=["bye bye"]),
        rule("anchored", r"fragment = '\A>> '", remove=[">> x"]),
    )
    out = run(sel, "bye bye\n>> Quoted text.\nbye now")
    assert kept(out) == ["Quoted text.", "bye now"]


def test_leading_flags_are_scoped_in_the_scan(tmp_path):
    sel = only(
        tmp_path,
        rule("loud", "line = '(?i)share'", remove=["SHARE"]),
        rule("exact", "line = 'Menu'", remove=["Menu"]),
    )
    assert kept(run(sel, "SHARE\nMENU\nMenu\nText.")) == ["MENU", "Text."]


# -- choosing the rules for a document ---------------------------------------


def test_select_by_url_host_and_subdomain():
    for url in ("https://wapress.africa/news/x", "https://www.wapress.africa/x", "http://WAPRESS.AFRICA"):
        assert SHIPPED.select(url=url).source == "wapress.africa"
    assert SHIPPED.select(url="https://notwapress.africa/x").source is None
    assert SHIPPED.select(url="not a url at all").source is None


def test_select_by_fingerprint_and_by_name():
    assert (
        SHIPPED.select(text="Story.\nStay up to date with the latest from West Africa Press").source
        == "wapress.africa"
    )
    assert SHIPPED.select(text="Current:Home > NewsX -StockSource\nX").source == "stocksource"
    assert SHIPPED.select(text="Just a story.").source is None
    assert SHIPPED.select(text="Just a story.", source="stocksource").source == "stocksource"
    with pytest.raises(CleanerError, match="unknown source 'nope'"):
        SHIPPED.select(source="nope")
    with pytest.raises(CleanerError, match="unknown source 'generic'"):
        SHIPPED.select(source="generic")  # a platform file, not a source


def test_platform_files_always_apply_and_the_source_comes_first():
    sel = SHIPPED.select(url="https://wapress.africa/x")
    assert [rs.name for rs in sel.rulesets] == [
        "wapress.africa",
        "consent",
        "currency-widgets",
        "forums",
        "generic",
        "site-builders",
        "spam",
        "wire-services",
        "wordpress",
    ]
    assert sel.prune_xpath == ('//*[@id="wpdcom"]',)
    assert sel.generic is True


def test_source_header_sets_generic_and_prune_xpath(tmp_path):
    write(
        tmp_path / "user",
        "example.com.toml",
        """
        [source]
        description = "Example"
        domains = ["example.com"]
        fingerprints = ['Example Times']
        prune_xpath = ['//div[@class="share"]']
        generic = false
    """,
    )
    book = rules.load_rulebook([tmp_path / "user"])
    sel = book.select(url="https://news.example.com/a")
    assert (sel.source, sel.prune_xpath, sel.generic) == ("example.com", ('//div[@class="share"]',), False)
    assert book.select(text="From the Example Times.").source == "example.com"


# -- user folders ---------------------------------------------------------------

WAPRESS_OVERRIDE = """
    [source]
    description = "My own wapress rules"
    domains = ["wapress.africa"]

    [[rules]]
    id = "my-wapress-rule"
    category = "promo"
    why = "Test."
    line = 'Need help\\?'
    examples.remove = ["Need help?"]
    examples.keep = ["Help arrived."]
"""


def test_user_file_overrides_shipped_file_of_same_name(tmp_path):
    write(tmp_path / "user", "wapress.africa.toml", WAPRESS_OVERRIDE)
    book = rules.load_rulebook([tmp_path / "user"])
    rs = book.ruleset("wapress.africa")
    assert rs.origin == "user" and [r.id for r in rs.rules] == ["my-wapress-rule"]
    assert book.get("wapress-title") is None and book.get("share-label") is not None
    result = cleaner.clean("Story text.\nNeed help?", url="https://wapress.africa/x", rulebook=book)
    assert by_rules(result) == [("my-wapress-rule", "Need help?")] and result.source == "wapress.africa"


def test_later_user_folder_overrides_earlier(tmp_path):
    write(tmp_path / "one", "mine.toml", PLATFORM + rule("from-one"))
    write(tmp_path / "two", "mine.toml", PLATFORM + rule("from-two"))
    book = rules.load_rulebook([tmp_path / "one", tmp_path / "two"])
    assert book.get("from-two") is not None and book.get("from-one") is None


def test_env_var_folders(tmp_path, monkeypatch):
    write(tmp_path / "a", "a.toml", PLATFORM + rule("env-a", "line = 'AAA'", remove=["AAA"]))
    write(tmp_path / "b", "b.toml", PLATFORM + rule("env-b", "line = 'BBB'", remove=["BBB"]))
    monkeypatch.setenv(rules.ENV_VAR, f"{tmp_path / 'a'}{os.pathsep}{tmp_path / 'b'}")
    assert rules.user_rule_dirs(["x"]) == [tmp_path / "a", tmp_path / "b", Path("x")]
    book = rules.default_rulebook()
    assert book.get("env-a").origin == "user" and book.get("env-b") is not None
    assert by_rules(cleaner.clean("AAA\nStory.\nBBB")) == [("env-a", "AAA"), ("env-b", "BBB")]
    monkeypatch.delenv(rules.ENV_VAR)
    assert rules.default_rulebook().get("env-a") is None


def test_env_var_is_read_when_called_not_at_import(monkeypatch):
    monkeypatch.setenv(rules.ENV_VAR, "")
    assert rules.user_rule_dirs() == []


# -- hostile patterns ---------------------------------------------------------

# `(a|aa)+$` backtracks exponentially in the regex module on "aaa...ab";
# `(a+)+$`, the textbook case, is defused by the module itself (tested below).
HOSTILE = rule("slow-rule", "line = '(a|aa)+$'", remove=["a"], keep=["b"])


def test_textbook_catastrophic_pattern_is_defused_by_the_regex_module(tmp_path):
    # (bench/hostile_inputs.py times it)
    book = book_with(tmp_path, rule("nested-plus", "line = '(a+)+$'", remove=["aaa"], keep=["b"]))
    result = cleaner.clean("a" * 40 + "b\nThe story.\naaaa", rulebook=book)
    assert by_rules(result) == [("nested-plus", "aaaa")]  # no match on the hostile line, one on the last
    assert not [note for note in result.notes if "timed out" in note]  # answered, not stopped


def test_catastrophic_pattern_times_out_with_a_note(tmp_path):
    book = book_with(tmp_path, HOSTILE)
    result = cleaner.clean("Share:\n" + "a" * 40 + "b\nThe story.", rulebook=book, rule_timeout=0.2)
    assert any("slow-rule" in note and "timed out" in note for note in result.notes)
    assert by_rules(result) == [("share-label", "Share:")]  # the other rules still ran


def test_catastrophic_pattern_with_default_timeout_returns(tmp_path):
    book = book_with(tmp_path, HOSTILE)
    result = cleaner.clean("a" * 40 + "b", rulebook=book)
    assert any("slow-rule" in note for note in result.notes)


@pytest.mark.parametrize(
    "body",
    [
        "fragment = '(a|aa)+$'",
        "protect = '(a|aa)+$'",
        "block.start = '(a|aa)+$'\nblock.end = 'x'",
        "line = 'never'\nprev = '(a|aa)+$'",
        "line = 'x'\nskip_if = '(a|aa)+$'",
        "cut_from = '(a|aa)+$'",
    ],
)
def test_every_kind_of_pattern_times_out(tmp_path, body):
    sel = only(tmp_path, rule("slow-rule", body, remove=["a"], keep=["b"]))
    out = run(sel, "a" * 40 + "b\nnever\nx", timeout=0.1)
    assert any("slow-rule" in note for note in out.notes)


def test_slow_fingerprint_is_noted(tmp_path):
    write(
        tmp_path / "user",
        "slow.example.toml",
        """
        [source]
        description = "x"
        fingerprints = ['(a|aa)+$']
    """,
    )
    book = rules.load_rulebook([tmp_path / "user"])
    sel = book.select(text="a" * 40 + "b", timeout=0.1)
    assert sel.source is None and any("slow.example" in note for note in sel.notes)


# -- other articles from the seed sites -----------------------------------------

WAPRESS_VARIANT = """\
Mali’s army retakes Kidal after a decade of rebel control

March 3, 2024

4 minutes read

Mali

Security

Mali’s army said on Tuesday it had retaken the northern town of Kidal, a stronghold of Tuareg rebels for more than a decade, in an offensive backed by Russian mercenaries.

Related talks between the junta and the rebels collapsed last year, and the army said the operation had been planned for months.

Share prices on the Bamako exchange barely moved after the announcement.

Features of the new security plan include more drones and fewer foreign troops, officials said.

Share:
Subscribe
Notify of
guest
12 Comments
Oldest
Newest Most Voted
Inline Feedbacks
View all comments

Related Links

Ghana’s Cedi Slides as Import Bill Rises

The Ghanaian cedi weakened further against the dollar on Monday as importers ...

Senegal Opens Its First Offshore Oil Field

Senegal has begun pumping crude from its first offshore field, the operator said ...

Features

Inside Lagos’ Booming Tech Scene

Young founders in Lagos are drawing record funding despite the weak naira ...

Latest News

Today in History

Octopuses have three hearts.

Exchange Rate Per Dollar

EU\xa0Euro0.9213
GB\xa0British Pound0.7891
XO\xa0CFA Franc BCEAO602.1107
ZA\xa0South African Rand18.4402
3 Apr\xa0·\xa0CurrencyRate\xa0·\xa0USD
CurrencyRate.Today
Check: 3 Apr 2024 09:12 UTC
Latest change: 3 Apr 2024 09:00 UTC
API: CurrencyRate
Disclaimers. This plugin or website cannot guarantee the accuracy of the exchange rates displayed. You should confirm current rates before making any transactions that could be affected by changes in the exchange rates.
You can install this WP plugin on your website from the WordPress official website: Exchange Rates🚀

YOUR THOUGHTS

Let us know what you think

Contact the People’s Paper with feedback on stories and how we could make wapress.africa even better!

newsletter image

Stay up to date with the latest from West Africa Press

Editorial feedback and complaints

Contact the public editor with feedback for our journalists, complaints, queries or suggestions about articles on WApress.

Subscribe Newsletter!

Be the first to receive our latest contents and more...

Need help?"""

WAPRESS_VARIANT_BODY = [
    "Mali’s army said on Tuesday it had retaken the northern town of Kidal, a stronghold of Tuareg rebels "
    "for more than a decade, in an offensive backed by Russian mercenaries.",
    "Related talks between the junta and the rebels collapsed last year, and the army said the operation "
    "had been planned for months.",
    "Share prices on the Bamako exchange barely moved after the announcement.",
    "Features of the new security plan include more drones and fewer foreign troops, officials said.",
]


def test_wapress_variant_by_fingerprint():
    result = cleaner.clean(WAPRESS_VARIANT)
    assert result.source == "wapress.africa"
    assert result.paragraphs == tuple(WAPRESS_VARIANT_BODY)
    assert result.title == "Mali’s army retakes Kidal after a decade of rebel control"
    assert result.date == "2024-03-03"
    by = {r.by for r in result.removals}
    assert {"wpdiscuz-box", "currency-rate-widget", "wapress-link-lists", "wapress-header"} <= by


def test_wapress_variant_by_url_without_footer():
    text = WAPRESS_VARIANT.split("\n\nYOUR THOUGHTS")[0]
    assert "West Africa Press" not in text and "wapress.africa" not in text
    result = cleaner.clean(text, url="https://www.wapress.africa/mali-kidal/")
    assert result.source == "wapress.africa"
    assert result.paragraphs == tuple(WAPRESS_VARIANT_BODY)


def test_wapress_widgets_are_recognised_on_any_site():
    """The comment box and the rate widget are platform rules: no source needed."""
    start = WAPRESS_VARIANT.index("Share:")
    end = WAPRESS_VARIANT.index("\n\nYOUR THOUGHTS")
    widgets = WAPRESS_VARIANT[start:end].replace(
        WAPRESS_VARIANT[WAPRESS_VARIANT.index("Related Links") : WAPRESS_VARIANT.index("Exchange Rate")], ""
    )
    text = "The story, told in one sentence.\n" + widgets + "\nThe end of the story."
    result = cleaner.clean(text)
    assert result.source is None
    assert result.paragraphs == ("The story, told in one sentence.", "The end of the story.")


STOCKSOURCE_VARIANT = """\
Current:Home > NewsMali’s army retakes Kidal after a decade of rebel control -StockSource
Mali’s army retakes Kidal after a decade of rebel control
View 1,204
Date:2024-11-14 08:02:11
BAMAKO, Mali (AP) — Mali’s army said Tuesday it had retaken the northern town of Kidal, a stronghold of Tuareg rebels for more than a decade.
The army said in a statement that its forces had seized the town after days of fighting.
Comments from residents reached by phone described heavy gunfire overnight.
____
Follow AP’s Africa coverage at: https://apnews.com/hub/africa
veryGood! (812)
Related
- Storm knocks out power to thousands across the Midwest
- Why egg prices keep climbing
Ranking
- A new study links sleep to memory
Recommendation
The best budget phones of the year
How to save on groceries"""


def test_stocksource_variant():
    result = cleaner.clean(STOCKSOURCE_VARIANT)
    assert result.source == "stocksource"
    assert result.paragraphs == (
        "BAMAKO, Mali (AP) — Mali’s army said Tuesday it had retaken the northern town of Kidal, "
        "a stronghold of Tuareg rebels for more than a decade.",
        "The army said in a statement that its forces had seized the town after days of fighting.",
        "Comments from residents reached by phone described heavy gunfire overnight.",
    )
    assert result.title == "Mali’s army retakes Kidal after a decade of rebel control"
    assert result.date == "2024-11-14"


SPAM_VARIANT = """\
Ghana’s parliament approved the budget on Friday after a long debate over spending cuts.
<!-- wp:paragraph -->
The finance minister said the deficit would fall to four per cent of output next year.
伟哥 !– /wp:heading –>
Opposition lawmakers walked out before the vote. 威而鋼"""


def test_spam_variant():
    result = cleaner.clean(SPAM_VARIANT)
    assert result.paragraphs == (
        "Ghana’s parliament approved the budget on Friday after a long debate over spending cuts.",
        "The finance minister said the deficit would fall to four per cent of output next year.",
        "Opposition lawmakers walked out before the vote.",
    )
    assert {r.category for r in result.removals} == {"spam", "boilerplate"}


def test_cjk_article_keeps_its_characters():
    text = "中国外交部发言人表示，双方将加强合作。\n伟哥"
    assert cleaner.clean(text).text == "中国外交部发言人表示，双方将加强合作。\n\n伟哥"


def test_scraper_date_marker_variant():
    result = cleaner.clean(
        " date 2024-02-29 LAGOS, Nigeria (AP) — Fuel queues returned to Lagos on Thursday "
        "as the strike by tanker drivers entered its third day.\nSecond paragraph."
    )
    assert result.date == "2024-02-29"
    assert result.text.startswith("LAGOS, Nigeria (AP) — Fuel queues")


def test_dateline_paragraphs_are_protected():
    raw = Path(__file__).resolve().parent.parent / "samples" / "raw"
    text = (raw / "001_fce41c5745c8f3d2.txt").read_text(encoding="utf-8")
    sel = SHIPPED.select(text=text)
    out = rules.apply(sel, segment(text))
    assert out.protected == frozenset({5})


# -- sentences no rule may touch ----------------------------------------------

TRAPS = [
    "Share prices fell sharply in Lagos on Monday after the announcement.",
    "Related talks are planned in Niamey next week, diplomats said.",
    "Comments from the public will be accepted until Friday.",
    "View from Niamey: calm streets and long queues at the banks.",
    "Subscribe to the idea that sanctions work, and you will be disappointed, he said.",
    "Subscribers to the state broadcaster rose by a third.",
    "Latest figures show the economy grew by 3 per cent.",
    "Latest News from the front was sparse, the officer said.",
    "Features of the new constitution were debated on Monday.",
    "Exchange rates moved little after the coup, the central bank said.",
    "Notify of any change, the ministry told the embassies.",
    "Date: the junta has not set one for the elections.",
    "Today in history books, the coup is already called a turning point.",
    "July 22, 2023 will be remembered as the day the junta turned to Moscow.",
    "It took 2 minutes to read the statement on state television.",
    "President Xi Jinping (习近平) received the delegation in Beijing.",
    "The character 福 means good fortune, the calligrapher explained.",
    "Follow-up talks with AP’s partners in the Sahel are planned.",
    "Leave a reply to the junta's letter, the EU was told.",
    "Guest speakers included the former prime minister.",
    "Ranking officials from both sides met on Monday.",
    "Recommendations from the regional bloc were ignored.",
    "Current home prices in Niamey have doubled, residents say.",
]
TRAP_TEXT = "\n".join(TRAPS)


@pytest.mark.parametrize("source", [None, "wapress.africa", "stocksource"])
def test_trap_sentences_survive_every_rule(source):
    sel = SHIPPED.select(text=TRAP_TEXT, source=source)
    out = rules.apply(sel, segment(TRAP_TEXT))
    assert out.removals == [], [(r.by, r.text) for r in out.removals]


@pytest.mark.parametrize("source", [None, "wapress.africa", "stocksource"])
def test_trap_sentences_inside_a_site_article(source):
    """The same sentences in the body of a seed-site article survive too."""
    head, tail = WAPRESS_VARIANT.split("Share:", 1)
    text = head + TRAP_TEXT + "\n\nShare:" + tail
    out = rules.apply(SHIPPED.select(text=text, source=source), segment(text))
    assert SHIPPED.select(text=text).source == "wapress.africa"
    assert set(TRAP_TEXT.split("\n")) <= set(kept(out))


WORDS = [
    "Share",
    "Related",
    "Comments",
    "View",
    "Subscribe",
    "Latest",
    "Features",
    "Date",
    "Today",
    "History",
    "Exchange",
    "Rate",
    "Notify",
    "guest",
    "Login",
    "read",
    "minutes",
    "News",
    "Ranking",
    "the",
    "junta",
    "said",
    "on",
    "Monday",
    "AP",
    "EUR",
    "Euro",
    "12",
    "2023",
    "July",
    "prices",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=6, max_size=20), min_size=1, max_size=8),
    st.sampled_from([None, "wapress.africa", "stocksource"]),
)
def test_ordinary_sentences_are_never_removed(sentences, source):
    text = "\n".join(" ".join(words) + "." for words in sentences)
    out = rules.apply(SHIPPED.select(text=text, source=source), segment(text))
    assert out.removals == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400),
    st.sampled_from([None, "wapress.africa", "stocksource"]),
)
def test_rules_never_crash_and_account_for_every_line(text, source):
    lines = segment(text)
    out = rules.apply(SHIPPED.select(text=text, source=source), lines)
    gone = {r.line for r in out.removals if r.kind == "line"}
    kept_numbers = [line.number for line in out.lines]
    assert not gone & set(kept_numbers)
    assert set(kept_numbers) | gone | {r.line for r in out.removals} >= {line.number for line in lines}
    originals = {line.number: line.text for line in lines}
    for r in out.removals:
        assert r.kind in ("line", "fragment") and r.category in CATEGORIES
        assert r.text.strip() == "" or r.text.strip() in originals[r.line] or r.kind == "fragment"


# -- check() ------------------------------------------------------------------


def test_check_reports_failing_examples(tmp_path):
    write(
        tmp_path / "mine",
        "mine.toml",
        PLATFORM
        + rule("weak-rule", "line = 'Buy now!'", remove=["Buy now!", "Buy it now!"], keep=["Buy now!"]),
    )
    failures = rules.check([tmp_path / "mine"])
    assert [(f.rule_id, f.example) for f in failures] == [
        ("weak-rule", "Buy it now!"),
        ("weak-rule", "Buy now!"),
    ]
    assert "remove example" in failures[0].message and "keep example" in failures[1].message
    assert "mine.toml [weak-rule]" in str(failures[0]) and "Buy it now!" in str(failures[0])


def test_check_reports_files_that_do_not_load(tmp_path):
    write(tmp_path / "mine", "ok.toml", PLATFORM + rule("fine-rule"))
    write(tmp_path / "mine", "broken.toml", PLATFORM + rule("bad-rule", "line = '('"))
    failures = rules.check([tmp_path / "mine"])
    assert len(failures) == 1 and failures[0].rule_id == "bad-rule" and "broken.toml" in failures[0].path


def test_check_keep_examples_see_the_whole_file(tmp_path):
    write(
        tmp_path / "mine",
        "mine.toml",
        PLATFORM + rule("rule-a", keep=["Menu"]) + rule("rule-b", "line = 'Menu'", remove=["Menu"]),
    )
    failures = rules.check([tmp_path / "mine"])
    assert [(f.rule_id, f.example) for f in failures] == [("rule-a", "Menu")]
    assert "rule-b" in failures[0].message


def test_check_without_folders_checks_rules_in_effect(tmp_path, monkeypatch):
    write(tmp_path / "env", "env.toml", PLATFORM + rule("env-rule", remove=["nope"]))
    monkeypatch.setenv(rules.ENV_VAR, str(tmp_path / "env"))
    assert [f.rule_id for f in rules.check()] == ["env-rule"]


def test_check_validates_prune_xpath(tmp_path):
    write(
        tmp_path / "mine",
        "x.example.toml",
        """
        [source]
        description = "x"
        prune_xpath = ['//div[']
    """,
    )
    failures = rules.check([tmp_path / "mine"])
    assert len(failures) == 1 and "XPath" in failures[0].message


def test_the_example_file_in_the_docs_passes_check(tmp_path):
    doc = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    write(tmp_path / "docs", "example.com.toml", example)
    assert rules.check([tmp_path / "docs"]) == []
    book = rules.load_rulebook([tmp_path / "docs"])
    result = cleaner.clean(
        "By Jane Doe\nLAGOS — The talks resumed [Advertisement] on Monday.\n"
        "Share this\nFacebook\nCopy link\nMore stories\nTen things to do",
        url="https://www.example.com/a",
        rulebook=book,
    )
    assert (result.text, result.author) == ("LAGOS — The talks resumed on Monday.", "Jane Doe")


def test_cutting_a_fragment_never_glues_two_words(tmp_path):
    (tmp_path / "glue.toml").write_text(r"""
[platform]
description = "a fragment rule whose matches sit between letters"

[[rules]]
id = "tracking-token"
category = "spam"
why = "a tracking token pasted into words by a broken scraper"
fragment = 'TRK\d+'
examples.remove = ["TRK123"]
examples.keep = ["A sentence."]
""")
    book = rules.load_rulebook([tmp_path])
    text = "The council voted onTRK42Tuesday to extend the river walk by two kilometres.\n"
    result = cleaner.clean(text, rulebook=book)
    assert result.text == "The council voted on Tuesday to extend the river walk by two kilometres."
    assert [(r.by, r.text, r.kind) for r in result.removals] == [("tracking-token", "TRK42", "fragment")]


def test_fragment_rules_compose_whatever_their_order():
    # the spam run is at the line's end only once the marker after it is cut
    text = (
        "The ministry said the missions would end within six months and that the troops "
        "would leave by the end of the year. 威而鋼 !– /wp:paragraph –>\n"
    )
    result = cleaner.clean(text, kind="text")
    assert result.text == (
        "The ministry said the missions would end within six months and that "
        "the troops would leave by the end of the year."
    )
    assert sorted((r.by, r.text) for r in result.removals) == [
        ("cjk-spam-run", "威而鋼"),
        ("wp-block-comment", "!– /wp:paragraph –>"),
    ]


def test_the_spam_rule_leaves_a_chinese_page_written_with_western_punctuation():
    text = (
        "中国人民银行今天宣布下调存款准备金率以支持实体经济发展. 伟哥\n"
        "The bank said the cut would release liquidity into the economy.\n"
    )
    gone = [r for r in cleaner.clean(text, kind="text").removals if r.by == "cjk-spam-run"]
    assert gone == []


def test_shipped_patterns_compile_when_first_used_not_when_read():
    book = rules.load_rulebook()
    pattern = book.rules[0].trigger
    assert "compiled" not in vars(pattern)  # not compiled by reading the file
    assert pattern.compiled.pattern == pattern.joined  # compiled on first use
    assert "compiled" in vars(pattern)


def test_a_users_rule_file_is_compiled_when_read(tmp_path):
    book = book_with(
        tmp_path, rule("my-rule", "line = 'Advertisement'", remove=["Advertisement"], keep=["A story"])
    )
    assert "compiled" in vars(book.get("my-rule").pattern)


def test_forum_software_lines_go_and_the_posts_stay():
    thread = "\n".join(
        [
            "You are using an out of date browser. It may not display this or other websites correctly.",
            "Which budget do you plan for new tools in 2024?",
            "Thread starter Pippin06",
            "Start date Dec 30, 2023",
            "Pippin06",
            "Join Date: Aug 2008",
            "Posts: 65703",
            "I plan to buy only second-hand chisels this year, and to sharpen the ones I have.",
            "Reactions: lethe, Rabid Senses and 13 others",
            "SmellSharpe",
            "Staff member",
            "Pippin06 said:",
            "I plan to buy only second-hand chisels this year.",
            "Click to expand...",
            "Good plan. I spent far too much on planes last year and regret most of it.",
            "Code: Select all",
            "sharpen --angle 25 --stone 1000",
            "View attachment 2029141",
            "You must log in or register to reply here.",
        ]
    )
    result = cleaner.clean(thread)
    assert {rule for rule, _ in by_rules(result)} == {
        "forum-browser-notice",
        "forum-thread-header",
        "forum-member-card",
        "forum-reactions",
        "forum-quote-expander",
        "forum-code-label",
        "forum-attachment-link",
        "forum-reply-prompt",
    }
    for post in (
        "I plan to buy only second-hand chisels this year, and to sharpen the ones I have.",
        "Good plan. I spent far too much on planes last year and regret most of it.",
    ):
        assert post in result.text
    assert "Click to expand" not in result.text and "Posts: 65703" not in result.text


def test_a_consent_dialog_in_its_standard_wording_goes_and_the_story_stays():
    story = [
        "The river rose two metres overnight and the old bridge was closed at dawn.",
        "Engineers said the piers had been checked in spring and were sound.",
        "The council will decide on Monday whether to reopen it to cyclists.",
    ]
    dialog = [
        "We and our 389 partners store and access personal data, like browsing data or unique identifiers, on your device.",
        "We and our partners process data to provide:",
        "Use precise geolocation data. Actively scan device characteristics for identification. Store and/or access information on a device.",
        "Store and/or access information on a device 508 partners can use this purpose",
        "Cookies, device or similar online identifiers (e.g. login-based identifiers, randomly assigned identifiers) together with other information can be stored or read on your device.",
        "Strictly Necessary Cookies",
        "These cookies are necessary for the website to function and cannot be switched off in our systems.",
    ]
    result = cleaner.clean("\n".join(story + dialog))
    assert result.text.split("\n\n") == story
    assert {rule for rule, _ in by_rules(result)} == {
        "tcf-notice",
        "tcf-partner-count",
        "tcf-purpose-text",
        "onetrust-category",
    }


def test_an_internationalised_domain_is_one_host_however_written(tmp_path):
    # "bücher.example" in a rule file, a URL with it as it reads or as IDNA: one source
    body = '[source]\ndescription = "x"\ndomains = ["bücher.example"]\n' + rule(
        "shop-menu", "line = 'Warenkorb'", remove=["Warenkorb"]
    )
    write(tmp_path / "r", "buecher.toml", body)
    book = rules.load_rulebook([tmp_path / "r"])
    for url in (
        "https://bücher.example/a",
        "https://www.BÜCHER.example/b",
        "https://xn--bcher-kva.example/c",
    ):
        assert book.select(url=url).source == "buecher"
    assert book.select(url="https://buecher.example/a").source is None
