"""`cleaner explain` and `cleaner rules ...` through CliRunner."""

import json

import click
import pytest

from cleaner.cli import cli
from cleaner.model import CATEGORIES

from conftest import ROOT, SAMPLES

SEED_004 = next((SAMPLES / "raw").glob("004_*.txt"))

BAD_RULE = """
[source]
description = "a site"
domains = ["bad.example"]

[[rules]]
id = "broken-pattern"
category = "promo"
why = "has an unbalanced bracket"
line = 'Buy now ('
examples.remove = ["Buy now ("]
examples.keep = ["A sentence."]
"""

FAILING_EXAMPLE = """
[source]
description = "a site"
domains = ["ok.example"]

[[rules]]
id = "promo-line"
category = "promo"
why = "the site's own advert line"
line = 'Buy our magazine'
examples.remove = ["Buy our magazine", "Get our magazine"]
examples.keep = ["Readers buy our magazine for its long features, the editor said."]
"""


def all_commands(group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, (*prefix, name))


@pytest.mark.parametrize(
    "path,cmd", list(all_commands(cli)), ids=lambda x: " ".join(x) if isinstance(x, tuple) else ""
)
def test_every_command_has_help_with_an_example(invoke, path, cmd):
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    assert cmd.help and "Example" in cmd.help, f"{' '.join(path)} needs help with an example"


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for path, cmd in all_commands(cli):
        if not isinstance(cmd, click.Group):
            assert f"cleaner {' '.join(path)}" in readme


def test_explain_marks_removals_plain_when_piped(invoke):
    result = invoke("explain", str(SEED_004))
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out
    assert " - [comment-box] wpdiscuz-box: Notify of\n" in out
    assert " - [currency-widget] " in out
    lines = out.splitlines()
    numbers = [int(line.split()[0]) for line in lines if line[:5].strip().isdigit()]
    assert numbers == sorted(numbers)


def test_explain_color_on_request(invoke):
    assert "\x1b[" in invoke("explain", "--color", str(SEED_004)).stdout


def test_explain_jsonl(invoke):
    result = invoke("explain", "--format", "jsonl", str(SEED_004))
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    removed = [r for r in recs if r.get("by") == "wpdiscuz-box"]
    assert removed and all(r["category"] == "comment-box" for r in removed)


def test_explain_jsonl_says_its_limits_and_no_content_on_stderr(invoke, tmp_path):
    # the records are the lines; what the text format says after them that a user
    # must know (a limit hit, no main content found) is said on stderr as `clean` says it
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>T</title></head></html>")
    result = invoke("explain", "--format", "jsonl", str(page))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"cleaner: {page}: no main content found\n"


def test_explain_missing_file(invoke, tmp_path):
    result = invoke("explain", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert result.stderr == f"cleaner: {tmp_path / 'nope.txt'}: no such file or folder\n"


def test_rules_list(invoke):
    result = invoke("rules", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["NAME", "KIND", "RULES", "ORIGIN", "PATH"]
    assert any(line.split()[:2] == ["wordpress", "platform"] for line in lines)


def test_rules_show(invoke):
    result = invoke("rules", "show", "wpdiscuz-box")
    assert result.exit_code == 0
    assert result.stdout.startswith("id:        wpdiscuz-box\ncategory:  comment-box\n")


def test_rules_show_unknown(invoke):
    result = invoke("rules", "show", "no-such-rule")
    assert result.exit_code == 1
    assert result.stderr == "cleaner: no rule with id 'no-such-rule' (see: cleaner rules list --all)\n"


def test_rules_check_shipped(invoke):
    result = invoke("rules", "check")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "ok: every rule file loads and every example behaves\n"


def test_rules_check_names_the_failing_rule(invoke, tmp_path):
    (tmp_path / "ok.example.toml").write_text(FAILING_EXAMPLE)
    result = invoke("rules", "check", str(tmp_path))
    assert result.exit_code == 1
    assert "[promo-line]" in result.stdout and "Get our magazine" in result.stdout
    assert result.stderr == "cleaner: 1 problem in the rule files\n"


def _checked_with_line(invoke, tmp_path, line: str):
    """`rules check` of FAILING_EXAMPLE's file with its rule's `line` field replaced."""
    path = tmp_path / "ok.example.toml"
    path.write_text(FAILING_EXAMPLE.replace("line = 'Buy our magazine'", line))
    return invoke("rules", "check", str(tmp_path)), path


def test_rules_check_refuses_a_flag_that_is_not_first(invoke, tmp_path):
    result, path = _checked_with_line(invoke, tmp_path, "line = 'Buy our(?i) magazine'")
    assert result.exit_code == 1
    assert result.stdout == (
        f"FAIL {path} [promo-line]: `line`: 'Buy our(?i) magazine' sets (?i)"
        " after the start, where it acts only on what follows: put global flags first, or scope them:"
        " (?i:...)\n"
    )


def test_rules_check_finds_catastrophic_backtracking_the_examples_miss(invoke, tmp_path):
    result, path = _checked_with_line(invoke, tmp_path, "line = ['Buy our magazine', '(?:\\w+\\s?)+$']")
    assert result.exit_code == 1
    assert result.stdout == (
        f"FAIL {path} [promo-line]: `line`: '(?:\\\\w+\\\\s?)+$'"
        " backtracks catastrophically: over 1s on a line of 'B' repeated; simplify its nested repeats\n"
    )


def test_rules_check_finds_catastrophic_backtracking_behind_fixed_text(invoke, tmp_path):
    # the slow repeat is reached only after ' our magazine', which no line of one repeated
    # character or word holds: the probe lines also start with it, as the examples show it
    result, path = _checked_with_line(
        invoke, tmp_path, "line = '(?:Buy|Get) our magazine(?: (?:\\w|\\w\\w)+)?$'"
    )
    assert result.exit_code == 1
    assert result.stdout == (
        f"FAIL {path} [promo-line]: `line`: '(?:Buy|Get) our magazine(?: (?:\\\\w|\\\\w\\\\w)+)?$'"
        " backtracks catastrophically: over 1s on a line of 'Buy our magazine ' then 'B' repeated;"
        " simplify its nested repeats\n"
    )


FINGERPRINTED = """
[source]
description = "a site"
domains = ["ok.example"]
fingerprints = ['The Okay Times', 'Buy our magazine']

[[rules]]
id = "promo-line"
category = "promo"
why = "the site's own advert line"
line = 'Buy our magazine'
examples.remove = ["Buy our magazine"]
examples.keep = ["Readers buy our magazine for its long features, the editor said."]
"""


def test_rules_check_refuses_a_fingerprint_that_no_example_shows(invoke, tmp_path):
    # a fingerprint is what recognises the site's text: its examples are that text
    path = tmp_path / "ok.example.toml"
    path.write_text(FINGERPRINTED)
    result = invoke("rules", "check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"FAIL {path}: `[source] fingerprints`: 'The Okay Times' is found in none of the file's"
        " examples, so nothing shows that it recognises the site: add an example that holds it\n"
    )


def test_rules_check_probes_fingerprints_for_catastrophic_backtracking(invoke, tmp_path):
    path = tmp_path / "ok.example.toml"
    path.write_text(FINGERPRINTED.replace("'The Okay Times'", "'Buy our (?:\\w|\\w\\w)+$'"))
    result = invoke("rules", "check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"FAIL {path}: `[source] fingerprints`: 'Buy our (?:\\\\w|\\\\w\\\\w)+$' backtracks"
        " catastrophically: over 1s on a line of 'Buy our ' then 'B' repeated; simplify its nested repeats\n"
    )


def test_a_misspelled_metadata_group_is_refused_by_check_and_clean(invoke, tmp_path):
    result, path = _checked_with_line(
        invoke, tmp_path, "line = ['Buy our (?P<magazin>magazine)', 'Get our magazine']"
    )
    message = (
        f"{path} [promo-line]: `line`: unknown group name 'magazin': only title, date, author and"
        " sitename capture metadata; correct it, or make the group (?:...)"
    )
    assert (result.exit_code, result.stdout) == (1, f"FAIL {message}\n")
    clean = invoke("clean", "--rules", str(tmp_path), str(SEED_004))
    assert (clean.exit_code, clean.stdout, clean.stderr) == (2, "", f"cleaner: {message}\n")


def test_a_group_that_a_backreference_uses_may_have_any_name(invoke, tmp_path):
    result, _ = _checked_with_line(
        invoke, tmp_path, "line = ['(?P<verb>Buy|Get) our magazine(?:, (?P=verb) it)?']"
    )
    assert result.exit_code == 0, result.stdout


SHARE_BAR = '''
[source]
description = "a site"
domains = ["ok.example"]

[[rules]]
id = "share-bar"
category = "share"
why = "The share bar prints 'Share this', one line per network and 'Copy link'."
block.start = 'Share this'
block.inside = ['Facebook', 'WhatsApp']
block.end = 'Copy link'
examples.remove = ["""Share this
Facebook
WhatsApp
Copy link"""]
examples.keep = ["Share this with your family, the minister said."]
'''


@pytest.mark.parametrize(
    "change,message",
    [
        (("'Copy link'", "'Copy lnk'"), "`block.end` matches no line after the `block.start` line"),
        (("'Share this'", "'Share it'"), "`block.start` matches none of its lines"),
    ],
)
def test_rules_check_says_which_end_of_a_block_never_matches(invoke, tmp_path, change, message):
    path = tmp_path / "ok.example.toml"
    path.write_text(SHARE_BAR.replace(*change))
    result = invoke("rules", "check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"FAIL {path} [share-bar]: remove example: {message}:"
        " 'Share this\\nFacebook\\nWhatsApp\\nCopy link'\n"
    )


MANY_MISTAKES = """
[source]
description = "a site"
domains = ["ok.example"]
generic = "no"

[[rules]]
id = "broken-pattern"
category = "promo"
why = "has an unbalanced bracket"
line = 'Buy now ('
examples.remove = ["Buy now ("]
examples.keep = ["A sentence."]

[[rules]]
id = "unknown-category"
category = "advert"
why = "a category that does not exist"
line = 'Buy now'
examples.remove = ["Buy now"]
examples.keep = ["A sentence."]

[[rules]]
id = "promo-line"
category = "promo"
why = "the site's own advert line: loaded, so its examples are run"
line = 'Buy our magazine'
examples.remove = ["Buy our magazine", "Get our magazine"]
examples.keep = ["Readers buy our magazine for its long features, the editor said."]
"""


def test_rules_check_reports_every_mistake_of_a_file_in_one_run(invoke, tmp_path):
    path = tmp_path / "ok.example.toml"
    path.write_text(MANY_MISTAKES)
    result = invoke("rules", "check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"FAIL {path} [broken-pattern]: `line`: invalid regex 'Buy now (': missing ) at position 9\n"
        f"FAIL {path} [unknown-category]: category 'advert' is not one of: " + ", ".join(CATEGORIES) + "\n"
        f"FAIL {path}: [source] generic must be true or false\n"
        f"FAIL {path} [promo-line]: remove example not (entirely) removed by this rule: 'Get our magazine'\n"
    )
    assert result.stderr == "cleaner: 4 problems in the rule files\n"
    # `clean` stops at the first, as before
    clean = invoke("clean", "--rules", str(tmp_path), str(SEED_004))
    assert (clean.exit_code, clean.stderr) == (
        2,
        f"cleaner: {path} [broken-pattern]: `line`: invalid regex 'Buy now (': missing ) at position 9\n",
    )


def test_bad_rule_file_stops_clean_with_one_line(invoke, tmp_path):
    (tmp_path / "bad.example.toml").write_text(BAD_RULE)
    result = invoke("clean", "--rules", str(tmp_path), str(SEED_004))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "bad.example.toml" in result.stderr and "broken-pattern" in result.stderr


def test_bad_rule_file_from_the_environment(runner, tmp_path, monkeypatch):
    (tmp_path / "bad.example.toml").write_text("this is = = not toml")
    monkeypatch.setenv("CLEANER_RULES", str(tmp_path))
    result = runner.invoke(cli, ["clean", str(SEED_004)])
    assert result.exit_code == 2
    assert "bad.example.toml" in result.stderr and "Traceback" not in result.stderr


def test_source_must_name_a_source_not_a_platform_file(invoke):
    result = invoke("clean", "--source", "wordpress", str(SEED_004))
    assert result.exit_code == 2
    assert "no rule set for source 'wordpress'" in result.stderr


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_an_unknown_source_is_a_usage_error_naming_the_known_ones(invoke, command):
    result = invoke(command, "--source", "nope.example", str(SEED_004))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: no rule set for source 'nope.example' (known sources: stocksource, wapress.africa)"
    )


def test_source_forces_a_rule_set(invoke, tmp_path):
    result = invoke("clean", "--format", "jsonl", "--source", "wapress.africa", str(SEED_004))
    assert json.loads(result.stdout)["source"] == "wapress.africa"


def test_readme_rule_example_passes_check(invoke, tmp_path):
    readme = (ROOT / "README.md").read_text()
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.com.toml").write_text(example)
    result = invoke("rules", "check", str(tmp_path))
    assert result.exit_code == 0, result.stdout


HOSTILE = r"""
[platform]
description = "a careless user's rule"

[[rules]]
id = "careless-backtracking"
category = "promo"
why = "nested alternation that backtracks catastrophically on a run of a's"
line = '(a|aa)+$'
examples.remove = ["aaaa"]
examples.keep = ["A sentence."]
"""


def test_catastrophic_rule_times_out_and_the_batch_goes_on(invoke, tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "careless.toml").write_text(HOSTILE)
    raw = tmp_path / "raw"
    raw.mkdir()
    article = "The council voted on Tuesday to extend the river walk by two kilometres.\n"
    (raw / "1.txt").write_text(article)
    (raw / "2.txt").write_text(article + "a" * 60 + "b\n")
    (raw / "3.txt").write_text(article)
    out = tmp_path / "out"
    result = invoke(
        "clean", "--rules", str(tmp_path / "rules"), "--rule-timeout", "0.2", str(raw), "-o", str(out)
    )
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["1.txt", "2.txt", "3.txt"]
    assert (out / "3.txt").read_text() == article
    assert (
        f"cleaner: {raw / '2.txt'}: warning: rule careless-backtracking timed out after 0.2s"
    ) in result.stderr


# -- `rules check DIR` validates exactly what `clean --rules DIR` loads ---------

SHADOWING = """
[source]
description = "A site of mine"
domains = ["mine.example"]

[[rules]]
id = "wpdiscuz-box"
category = "promo"
why = "Shares its id with a shipped rule: which one would `rules show` mean?"
line = '(?i)^Get our magazine$'
examples.remove = ["Get our magazine"]
examples.keep = ["The magazine was read by millions."]
"""


def test_a_user_rule_with_a_shipped_rules_id_is_refused_by_check_and_clean(invoke, tmp_path):
    (tmp_path / "mine.example.toml").write_text(SHADOWING)
    check = invoke("rules", "check", str(tmp_path))
    assert check.exit_code == 1
    assert f"FAIL {tmp_path / 'mine.example.toml'} [wpdiscuz-box]: duplicate rule id" in check.stdout
    clean = invoke("clean", "--rules", str(tmp_path), str(SEED_004))
    assert clean.exit_code == 2
    assert f"{tmp_path / 'mine.example.toml'} [wpdiscuz-box]: duplicate rule id" in clean.stderr


def test_a_user_file_replacing_a_shipped_file_may_keep_its_ids(invoke, tmp_path):
    shipped = (ROOT / "rules" / "wordpress.toml").read_text()
    (tmp_path / "wordpress.toml").write_text(shipped)
    assert invoke("rules", "check", str(tmp_path)).exit_code == 0
    assert invoke("clean", "--rules", str(tmp_path), str(SEED_004)).exit_code == 0
