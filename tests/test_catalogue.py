"""The catalogue of built-in removal ids (cleaner/data/catalogue.toml): complete, and
shown by `cleaner rules show ID` and `cleaner rules list --all`."""

import ast
import re
from pathlib import Path

import pytest

from cleaner import catalogue
from cleaner.errors import CleanerError
from cleaner.model import CATEGORIES

PACKAGE = Path(catalogue.__file__).parent
BUILT_IN_ID = re.compile(r"(?:detect|html|option):[a-z][a-z-]*")
NAME = re.compile(r"[a-z][a-z-]*")


def _strings(*nodes) -> list[str] | None:
    values = [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return values if len(values) == len(nodes) else None


def emitted_ids() -> dict[str, str | None]:
    """Every built-in id the code can put in a removal, with its category where the code
    names it beside the id, found in every module under cleaner/ (whatever the layout):
    - a string constant "detect:...", "html:..." or "option:...";
    - a pair (NAME, CATEGORY) of string constants, as a tuple, a call's first two
      arguments or a dict's key and value: ("html:title", "metadata"),
      Removal("html:...", "navigation", ...), or a detector's bare name ("byline",
      "metadata"), which detection prefixes with "detect:".
    """
    found: dict[str, str | None] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and BUILT_IN_ID.fullmatch(node.value)
            ):
                found.setdefault(node.value, None)
            pairs = []
            if isinstance(node, ast.Tuple) and len(node.elts) == 2:
                pairs.append(_strings(*node.elts))
            elif isinstance(node, ast.Call) and len(node.args) >= 2:
                pairs.append(_strings(*node.args[:2]))
            elif isinstance(node, ast.Dict):  # a table of names: {"byline": "metadata", ...}
                pairs.extend(_strings(k, v) for k, v in zip(node.keys, node.values) if k is not None)
            for pair in filter(None, pairs):
                name, category = pair
                if category in CATEGORIES and (BUILT_IN_ID.fullmatch(name) or NAME.fullmatch(name)):
                    full = name if ":" in name else f"detect:{name}"
                    found[full] = category
    return found


def test_every_emitted_id_is_in_the_catalogue_with_its_category():
    entries = catalogue.load()
    emitted = emitted_ids()
    assert sorted(set(emitted) - set(entries)) == []
    assert {i: c for i, c in emitted.items() if c is not None} == {
        i: entries[i].category for i, c in emitted.items() if c is not None
    }


def test_every_catalogue_entry_is_emitted_somewhere():
    emitted = emitted_ids()
    assert sorted(set(catalogue.load()) - set(emitted)) == []


def test_the_scan_finds_each_kind_of_id():
    """The scan itself: detectors' bare names, html verdicts and options are all seen."""
    emitted = emitted_ids()
    assert emitted["detect:byline"] == "metadata"  # ("byline", "metadata") in detection
    assert emitted["html:navigation-only"] == "navigation"  # Removal("html:...", ...)
    assert "option:no-tables" in emitted
    assert len([i for i in emitted if i.startswith("detect:")]) >= 15


def test_entries_are_well_formed():
    for entry in catalogue.load().values():
        assert entry.category in (*CATEGORIES, "table"), entry.id
        assert entry.why.endswith("."), entry.id
        assert entry.example.strip(), entry.id


@pytest.mark.parametrize(
    "text, message",
    [
        ('["detect:x"]\ncategory = "promo"\nwhy = "."\n', "must have exactly the keys"),
        (
            '["detect:x"]\ncategory = "promo"\nwhy = "."\nexample = "x"\nexamples = []\n',
            "must have exactly the keys",
        ),
        ('["rule:x"]\ncategory = "promo"\nwhy = "."\nexample = "x"\n', "is not of the form"),
    ],
)
def test_a_malformed_catalogue_is_refused(text, message):
    with pytest.raises(CleanerError, match=message):
        catalogue.parse(text)


BYLINE = """\
id:        detect:byline
category:  metadata
stage:     generic detection (built in)
why:       A short line that names the author ('By ...'), judged not article text; \
its name becomes the record's author when the page declares none.
example:
  - By Maria Jensen
"""


def test_rules_show_a_detector(invoke):
    result = invoke("rules", "show", "detect:byline")
    assert (result.exit_code, result.stdout, result.stderr) == (0, BYLINE, "")


def test_rules_show_an_html_rule_and_an_option(invoke):
    result = invoke("rules", "show", "html:rate-table")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "id:        html:rate-table\ncategory:  currency-widget\nstage:     HTML block judging (built in)\n"
    )
    result = invoke("rules", "show", "option:no-tables")
    assert result.exit_code == 0
    assert "stage:     clean options (built in)\n" in result.stdout


def test_rules_list_all(invoke):
    result = invoke("rules", "list", "--all")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "CATEGORY", "FROM"]
    rows = {line.split()[0]: line.split(maxsplit=2)[1:] for line in lines[1:]}
    assert rows["wpdiscuz-box"] == ["comment-box", "wordpress"]
    assert rows["detect:byline"] == ["metadata", "generic detection"]
    assert rows["option:comments"] == ["comment-box", "clean options"]
    assert set(catalogue.load()) <= set(rows)
    assert lines[-1].startswith("option:comments ")
    assert lines[-1].index("comment-box") == lines[0].index("CATEGORY")
