"""The explain view: every line, every removal with its rule, and the counts."""

import json
import textwrap
from pathlib import Path

import cleaner
from cleaner import explain
from cleaner.model import Line, Removal, Result

RAW = Path(__file__).resolve().parent.parent / "samples" / "raw"


def result_of(lines, removals, paragraphs, **meta) -> Result:
    return Result(
        text="\n\n".join(paragraphs),
        paragraphs=tuple(paragraphs),
        removals=tuple(removals),
        lines=tuple(Line(n, t) for n, t in lines),
        kind="text",
        **meta,
    )


SMALL = result_of(
    lines=[
        (1, "date 2023-12-05 Abuja (AP) The story begins."),
        (3, "Share:"),
        (4, "It goes on."),
        (5, "x" * 100),
    ],
    removals=[
        Removal("scraper-date-marker", "metadata", 1, "date 2023-12-05 ", "fragment"),
        Removal("share-label", "share", 3, "Share:"),
        Removal("detect:long", "boilerplate", 5, "x" * 100),
    ],
    paragraphs=["Abuja (AP) The story begins.", "It goes on."],
    date="2023-12-05",
)


def test_render_marks_every_removal_in_line_order():
    lines = explain.render(SMALL).splitlines()
    assert lines[:6] == [
        "# date: 2023-12-05",
        "1 ~ [metadata] scraper-date-marker: date 2023-12-05",
        "1   Abuja (AP) The story begins.",
        "3 - [share] share-label: Share:",
        "4   It goes on.",
        "5 - [boilerplate] detect:long: " + "x" * 69 + "…",
    ]


def test_render_counts_lines_and_chars_per_category():
    text = explain.render(SMALL)
    table = text.split("\n\n", 1)[1].splitlines()
    assert table[0].split() == ["removed", "lines", "fragments", "chars"]
    rows = {row.split()[0]: row.split()[1:] for row in table[1:]}
    assert rows["share"] == ["1", "0", "6"]
    assert rows["metadata"] == ["0", "1", "16"]
    assert rows["boilerplate"] == ["1", "0", "100"]
    assert rows["total"] == ["2", "1", "122"]
    assert rows["kept"] == ["2", str(len("Abuja (AP) The story begins.") + len("It goes on."))]


def test_removed_text_is_shortened():
    assert explain.shorten("word " * 40) == ("word " * 14).strip()[:69].rstrip() + "…"
    assert len(explain.shorten("y" * 500)) == 70
    assert explain.shorten("  a \n b ") == "a b"


def test_colour_only_when_asked():
    assert "\x1b[" not in explain.render(SMALL)
    coloured = explain.render(SMALL, color=True)
    assert "\x1b[31m3 - [share] share-label: Share:\x1b[0m" in coloured
    assert "\x1b[33m1 ~ [metadata]" in coloured
    assert "4   It goes on.\n" in coloured  # kept lines stay plain


def test_line_emptied_by_fragments_is_shown_removed():
    result = cleaner.clean((RAW / "002_70571204d3049d9c.txt").read_text(encoding="utf-8"))
    rendered = explain.render(result).splitlines()
    assert "8 ~ [spam] cjk-spam-run: 壯陽藥" in rendered
    assert "8 ~ [boilerplate] wp-block-comment: !– /wp:paragraph –>" in rendered
    assert not any(line.startswith("8   ") for line in rendered)
    last = explain.records(result)[-1]
    assert last["line"] == 8 and last["kept"] is False and last["by"] == "cjk-spam-run"
    assert [f["by"] for f in last["fragments"]] == ["cjk-spam-run", "wp-block-comment"]


def test_render_of_a_seed_names_the_rules():
    result = cleaner.clean((RAW / "004_a5140b123398de33.txt").read_text(encoding="utf-8"))
    text = explain.render(result)
    assert "# source: wapress.africa | title: Niger’s junta revokes" in text
    assert "21 - [comment-box] wpdiscuz-box: Notify of" in text
    assert " 9   Niger’s military junta has taken further steps" in text
    rows = {row.split()[0]: row.split()[1:] for row in text.split("\n\n")[-1].splitlines()[1:]}
    assert rows["currency-widget"][0] == "14" and rows["comment-box"][0] == "8"
    assert rows["kept"][0] == "5"


def test_notes_are_shown():
    result = result_of(
        lines=[(1, "Text.")], removals=[], paragraphs=["Text."], notes=("rule x timed out after 1s",)
    )
    assert explain.render(result).endswith("note: rule x timed out after 1s")


def test_records_one_per_line():
    records = explain.records(SMALL)
    assert [r["line"] for r in records] == [1, 3, 4, 5]
    assert records[0] == {
        "line": 1,
        "last_line": 1,
        "kept": True,
        "by": None,
        "category": None,
        "stage": None,
        "text": "date 2023-12-05 Abuja (AP) The story begins.",
        "fragments": [{"by": "scraper-date-marker", "category": "metadata", "text": "date 2023-12-05 "}],
    }
    assert records[1] == {
        "line": 3,
        "last_line": 3,
        "kept": False,
        "by": "share-label",
        "category": "share",
        "stage": "rules",
        "text": "Share:",
        "fragments": [],
    }
    assert records[3]["by"] == "detect:long" and records[3]["stage"] == "detectors"
    for record in records:
        json.dumps(record, ensure_ascii=False)


def test_empty_result():
    result = result_of(lines=[], removals=[], paragraphs=[])
    assert explain.records(result) == []
    assert "kept" in explain.render(result)


def test_a_wrapped_paragraph_joined_back_shows_its_lines():
    paragraphs = [
        "The small harbour town of Vestvik switched on its first tidal power station on Tuesday, "
        "after eight years of planning and two years of construction in the fjord.",
        "The station's four turbines sit on the seabed at the mouth of the harbour, where the tide "
        "runs fastest, and are expected to cover the electricity needs of about 3,000 homes.",
        "Engineers said the turbines would be inspected every spring, when divers check the blades "
        "for damage from drifting ice and from the storms of the late winter.",
    ]
    wrapped = [textwrap.wrap(p, 60) for p in paragraphs]
    text = "\n\n".join("\n".join(lines) for lines in wrapped) + "\n"
    result = cleaner.clean(text, kind="text")
    assert result.paragraphs == tuple(paragraphs)
    spans, first = [], 1  # each paragraph's input lines, a blank line between
    for lines in wrapped:
        spans.append((first, first + len(lines) - 1))
        first += len(lines) + 1
    assert all(last > first for first, last in spans)
    assert [(line.number, line.last) for line in result.lines] == spans
    labels = [f"{first}-{last}" for first, last in spans]
    rendered = explain.render(result).splitlines()
    assert rendered[0] == labels[0].rjust(max(map(len, labels))) + "   " + paragraphs[0]
    record = explain.records(result)[1]
    assert (record["line"], record["last_line"]) == spans[1]


# --- HTML ---------------------------------------------------------------------

PAGE = Path(__file__).resolve().parent / "page_formats.html"


def test_html_explain_shows_each_judged_block_and_the_stages():
    out = explain.render(cleaner.clean(PAGE.read_text()))
    lines = out.splitlines()
    assert lines[:2] == [
        "# title: Harbour town opens tidal station",
        " 1 - [metadata] html:title: Harbour town opens tidal station",
    ]
    assert lines[-2:] == [
        "not in the reading: 5 of the page's 130 words (trafilatura)",
        "html rules             1 removal        32 chars",
    ]


def test_html_explain_names_the_reading_taken_and_each_stage():
    page = PAGE.read_text().replace(
        "</article>",
        '</article><section class="comments"><h3>Two readers wrote</h3><div class="comment">'
        "<p>Great news for the town, we have waited long enough for this station.</p></div></section>",
    )
    result = cleaner.clean(page, tables=False)
    out = explain.render(result).splitlines()
    assert "not in the reading: 18 of the page's 146 words (resiliparse's main content)" in out
    assert " 5 - [table] option:no-tables: Item Figure" in out
    assert out[-3:-1] == [
        "html rules             1 removal        32 chars",
        "options                3 removals       60 chars",
    ]
    recs = explain.records(result)
    assert {r["stage"] for r in recs} == {None, "html rules", "options"}


def test_html_fallback_is_cleaned_by_detectors_and_says_so():
    result = Result(
        text="",
        paragraphs=(),
        lines=(Line(1, "Home"), Line(2, "Story.")),
        kind="html",
        removals=(Removal("detect:navigation", "navigation", 1, "Home"),),
        notes=("fallback: trafilatura extracted 0 chars of 400; whole-page text used",),
    )
    assert explain.stages(result) == [
        "reading: the page's whole visible text (fallback)",
        "detectors              1 removal         4 chars",
    ]
