import subprocess
import sys

import cleaner


def test_import_does_not_load_trafilatura():
    code = "import sys, cleaner; cleaner.clean('Plain text.'); print('trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_clean_returns_paragraphs_separated_by_blank_lines():
    result = cleaner.clean("First paragraph here.\r\n\r\n  Second   one.  \n")
    assert result.text == "First paragraph here.\n\nSecond one."
    assert result.kind == "text"
    assert [line.number for line in result.lines] == [1, 3]


def test_unknown_site_page_gives_body_title_and_date():
    """A whole page from a site no rule knows: generic detection finds the body,
    and what it removed as headline and timestamp becomes metadata."""
    from pathlib import Path

    page = (Path(__file__).parent / "page_unknown_site.txt").read_text()
    result = cleaner.clean(page)
    assert result.source is None
    assert [p[:30] for p in result.paragraphs] == [
        "The small harbour town of Vest",
        "The station's four turbines si",
        '"We have always lived from the',
        "Engineers said the turbines wo",
    ]
    assert result.title == "Harbour town opens its first tidal power station"
    assert result.date == "2024-03-12"
    assert all(r.by.startswith("detect:") or r.category in ("newsletter", "share") for r in result.removals)


def test_the_library_s_errors_cross_a_process_boundary_whole():
    """A worker process hands its exception back pickled: every field must survive."""
    import pickle

    errors = [
        cleaner.InputError("not UTF-8 text", path="pages/a.txt"),
        cleaner.InputError("empty input"),
        cleaner.RuleFileError("rules/x.toml", "invalid TOML: line 3", rule_id="my-rule"),
        cleaner.RuleFileError("rules/y.toml", "no such rule folder"),
        cleaner.RuleTimeout("slow-rule", 0.5),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert vars(copy) == vars(error)
