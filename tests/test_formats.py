"""Output formats and the options that shape them: every format read back by its
standard parser (json, csv, xml.etree, markdown-it-py), exact output where it is
short, --links, --tables/--no-tables, --comments, -v."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cleaner import clean, structure
from cleaner.html import structure as htmlstructure
from cleaner.model import Block, Inline, Line, Result
from cleaner.output import formats, lists
from cleaner.output import markdown as markdown_out

from conftest import COMMENTED_STORY

HERE = Path(__file__).resolve().parent
PAGE = HERE / "page_formats.html"  # heading, emphasis, a link, a list, a table, a quote
UNKNOWN_SITE = HERE / "page_unknown_site.txt"

PAGE_MARKDOWN = """\
The small harbour town of Vestvik switched on its **first tidal power station** on Monday, \
the council said in a statement that was long enough.

## How it works

Turbines on the sea floor turn with the tide, and the station feeds the grid *twice a day* \
when the water moves fastest through the narrow channel.

- Four turbines of 500 kW each
- Cables run 2 km to the shore

| Item | Figure |
| --- | --- |
| Turbines | Four of **500 kW** |
| Homes supplied | About 3,000 |

> We waited ten years for this day, said the mayor to the crowd gathered at the quay.

The station cost 12 million euros and was paid for by the town, the region and a grant from \
the national energy fund.
"""

MARKDOWN_TEXT = """\
[Home](/) [News](/news) [Sport](/sport)

# Harbour town opens tidal station

The small harbour town of **Vestvik** switched on its first tidal power station on Monday, \
the [council](https://example.com/council) said in a statement.

## How it works

Turbines on the sea floor turn with the tide and feed the grid *twice a day* when the water \
moves fastest, said the [engineer](https://example.com/eng).

- Four turbines of 500 kW each
- Cables run 2 km to the shore

| Year | Output |
|---|---|
| 2024 | 1,200 |
| 2025 | 3,400 |

The station cost 12 million euros and was paid for by the town and the region.
"""

PLAIN_TEXT = (
    "The small harbour town of Vestvik switched on its first tidal power station on Tuesday, "
    "after eight years of planning.\n"
    "How the turbines work\n"
    "The four turbines sit on the seabed at the mouth of the harbour, where the tide runs "
    "fastest, and cover 3,000 homes.\n"
    "\u2022 Four turbines of 500 kW each\n"
    "\u2022 Cables run 2 km to the shore\n"
    "The station cost 12 million euros and was paid for by the town, the region and a national "
    "grant.\n"
)

THREAD = "\n\n".join(COMMENTED_STORY) + "\n"


def tokens(markdown: str) -> list[str]:
    """The block and inline token types a CommonMark parser (with tables) reads."""
    out = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        out.append(token.type if token.type != "heading_open" else f"heading_open:{token.tag}")
        for child in token.children or ():
            out.append(child.type)
    return out


def plain_of(markdown: str) -> str:
    """The words a reader of the rendered Markdown sees."""
    md = MarkdownIt("commonmark").enable("table")
    words = []
    for token in md.parse(markdown):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
    return " ".join(" ".join(words).split())


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --- Markdown -----------------------------------------------------------------


def test_markdown_from_html_keeps_headings_lists_tables_quotes_and_emphasis(invoke):
    result = invoke("clean", "--format", "markdown", str(PAGE))
    assert result.exit_code == 0
    assert result.stdout == PAGE_MARKDOWN
    found = tokens(result.stdout)
    for kind in (
        "heading_open:h2",
        "bullet_list_open",
        "table_open",
        "blockquote_open",
        "strong_open",
        "em_open",
    ):
        assert kind in found
    assert "link_open" not in found  # no --links


def test_markdown_links_only_with_links(invoke):
    result = invoke("clean", "--format", "markdown", "--links", str(PAGE))
    assert "the [council](https://example.com/council) said" in result.stdout
    assert tokens(result.stdout).count("link_open") == 1


def test_markdown_has_the_words_of_the_text_output(invoke):
    """Markdown adds structure, never words: what a reader sees is the text output."""
    text = invoke("clean", str(PAGE)).stdout
    markdown = invoke("clean", "--format", "markdown", "--links", str(PAGE)).stdout
    as_text = " ".join(
        line.lstrip("- ").strip("| ")
        for line in text.split("\n")
        if line.strip() and line.strip() != "|---|---|"
    )
    assert plain_of(markdown).replace(" | ", " ").split() == " ".join(as_text.split(" | ")).split()


def test_markdown_from_markdown_text(invoke, tmp_path):
    p = write(tmp_path, "page.md", MARKDOWN_TEXT)
    result = invoke("clean", "--format", "markdown", str(p))
    assert result.stdout == (
        "The small harbour town of **Vestvik** switched on its first tidal power station on "
        "Monday, the council said in a statement.\n\n"
        "## How it works\n\n"
        "Turbines on the sea floor turn with the tide and feed the grid *twice a day* when the "
        "water moves fastest, said the engineer.\n\n"
        "- Four turbines of 500 kW each\n- Cables run 2 km to the shore\n\n"
        "| Year | Output |\n| --- | --- |\n| 2024 | 1,200 |\n| 2025 | 3,400 |\n\n"
        "The station cost 12 million euros and was paid for by the town and the region.\n"
    )
    linked = invoke("clean", "--format", "markdown", "--links", str(p)).stdout
    assert "[engineer](https://example.com/eng)" in linked
    assert tokens(linked).count("tr_open") == 3


def test_markdown_from_plain_text_finds_headings_and_bullets(invoke, tmp_path):
    p = write(tmp_path, "page.txt", PLAIN_TEXT)
    result = invoke("clean", "--format", "markdown", str(p))
    assert result.stdout == (
        "The small harbour town of Vestvik switched on its first tidal power station on "
        "Tuesday, after eight years of planning.\n\n"
        "## How the turbines work\n\n"
        "The four turbines sit on the seabed at the mouth of the harbour, where the tide runs "
        "fastest, and cover 3,000 homes.\n\n"
        "- Four turbines of 500 kW each\n- Cables run 2 km to the shore\n\n"
        "The station cost 12 million euros and was paid for by the town, the region and a "
        "national grant.\n"
    )
    assert tokens(result.stdout).count("list_item_open") == 2


def test_markdown_escapes_what_would_read_as_markup():
    runs = (Inline("2024. A year of *stars* and [brackets] <b> snake_case _x_"),)
    result = Result("", (), (), (), "text", blocks=(Block(1, "p", "", runs),))
    out = formats.markdown_of(result)
    assert out == "2024\\. A year of \\*stars\\* and \\[brackets\\] \\<b> snake_case \\_x\\_\n"
    assert plain_of(out) == "2024. A year of *stars* and [brackets] <b> snake_case _x_"
    assert tokens(out) == ["paragraph_open", "inline", "text", "paragraph_close"]


def test_markdown_several_documents_like_text(invoke, tmp_path):
    a = write(tmp_path, "a.txt", PLAIN_TEXT)
    result = invoke("clean", "-q", "--format", "markdown", str(a), str(PAGE))
    assert result.stdout.startswith(f"==> {a} <==\n")
    assert f"\n\n==> {PAGE} <==\nThe small harbour" in result.stdout


# --- records: JSON, JSONL, CSV ------------------------------------------------


def test_json_one_document_is_one_object(invoke):
    result = invoke("clean", "--format", "json", str(UNKNOWN_SITE))
    assert result.stdout.startswith('{\n  "path": ')
    rec = json.loads(result.stdout)
    assert rec["title"] == "Harbour town opens its first tidal power station"
    assert rec["date"] == "2024-03-12"
    assert rec["text"] == clean(UNKNOWN_SITE.read_text()).text
    assert {r["category"] for r in rec["removed"]} == {
        "navigation",
        "newsletter",
        "metadata",
        "share",
        "boilerplate",
    }


def test_json_several_documents_are_an_array_with_failures_in_it(invoke, tmp_path):
    result = invoke(
        "clean", "-q", "--format", "json", str(UNKNOWN_SITE), str(PAGE), str(tmp_path / "nope.txt")
    )
    assert result.exit_code == 1
    recs = json.loads(result.stdout)
    assert result.stdout == json.dumps(recs, ensure_ascii=False, indent=2) + "\n"  # as json would write it
    assert [r["path"] for r in recs] == [str(UNKNOWN_SITE), str(PAGE), str(tmp_path / "nope.txt")]
    assert recs[2]["error"] == "no such file or folder" and recs[2]["text"] is None
    assert recs[1]["title"] == "Harbour town opens tidal station"


def test_json_and_jsonl_records_are_the_same(invoke):
    jsonl = json.loads(invoke("clean", "--format", "jsonl", str(PAGE)).stdout)
    assert json.loads(invoke("clean", "--format", "json", str(PAGE)).stdout) == jsonl


def test_csv_has_one_header_and_a_row_per_document(invoke, tmp_path):
    result = invoke(
        "clean", "-q", "--format", "csv", str(UNKNOWN_SITE), str(PAGE), str(tmp_path / "nope.txt")
    )
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "id,path,source,title,author,date,url,hostname,sitename,language,pagetype,text,removed,notes,error"
    )
    assert result.stdout.count("id,path,") == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    assert rows[0]["text"] == clean(UNKNOWN_SITE.read_text()).text
    assert json.loads(rows[0]["removed"]) == {
        "navigation": 37,
        "newsletter": 27,
        "metadata": 83,
        "share": 33,
        "boilerplate": 130,
    }
    assert rows[2]["error"] == "no such file or folder" and rows[2]["text"] == ""


def test_metadata_fields_are_whatever_the_result_holds(monkeypatch, invoke):
    """Fields added to Result.metadata (language, hostname...) reach every record format."""
    plain = Result.metadata
    monkeypatch.setattr(Result, "metadata", property(lambda self: {**plain.fget(self), "language": "en"}))
    assert json.loads(invoke("clean", "--format", "json", str(PAGE)).stdout)["language"] == "en"
    assert json.loads(invoke("clean", "--format", "jsonl", str(PAGE)).stdout)["language"] == "en"
    rows = list(csv.DictReader(io.StringIO(invoke("clean", "--format", "csv", str(PAGE)).stdout)))
    assert rows[0]["language"] == "en"
    doc = ET.fromstring(invoke("clean", "--format", "xml", str(PAGE)).stdout)
    assert doc.get("language") == "en"


# --- XML ----------------------------------------------------------------------


def test_xml_one_document(invoke):
    result = invoke("clean", "--format", "xml", "--links", str(PAGE))
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<doc path=')
    doc = ET.fromstring(result.stdout)
    assert doc.tag == "doc" and doc.get("title") == "Harbour town opens tidal station"
    main = doc.find("main")
    assert [el.tag for el in main] == ["p", "head", "p", "list", "table", "quote", "p"]
    assert main.find("head").get("rend") == "h2"
    assert [item.text for item in main.find("list")] == [
        "Four turbines of 500 kW each",
        "Cables run 2 km to the shore",
    ]
    assert [[c.text for c in row] for row in main.find("table")][0] == ["Item", "Figure"]
    assert main[0].find("ref").get("target") == "https://example.com/council"
    assert "".join(main[0].itertext()) == clean(PAGE.read_text()).paragraphs[0]
    assert [r.get("id") for r in doc.find("removed")] == ["html:title"]


def test_xml_several_documents_under_one_root(invoke, tmp_path):
    result = invoke(
        "clean", "-q", "--format", "xml", str(UNKNOWN_SITE), str(PAGE), str(tmp_path / "nope.txt")
    )
    root = ET.fromstring(result.stdout)
    assert root.tag == "docs" and [d.tag for d in root] == ["doc", "doc", "doc"]
    assert root[2].get("error") == "no such file or folder"
    assert root[0].get("date") == "2024-03-12"


def test_xml_holds_text_xml_cannot_say(tmp_path):
    result = clean(
        "A line with a form feed \x0c and \ufffe in it, long enough to be kept as "
        "article text by the cleaner.\n",
        kind="text",
        structure=True,
    )
    rec = formats.record(result, path="x.txt")
    out = formats.standalone("xml", formats.render(result, "xml", path="x.txt"))
    ET.fromstring(out)
    assert rec["path"] == "x.txt"


# --- -o DIR -------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, suffix",
    [
        ("markdown", ".md"),
        ("json", ".json"),
        ("csv", ".csv"),
        ("xml", ".xml"),
        ("jsonl", ".jsonl"),
        ("text", ".txt"),
    ],
)
def test_output_folder_uses_each_formats_extension(invoke, tmp_path, fmt, suffix):
    out = tmp_path / "out"
    a = write(tmp_path, "a.txt", PLAIN_TEXT)
    result = invoke("clean", "-q", "--format", fmt, str(a), str(PAGE), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(["a" + suffix, "page_formats" + suffix])
    data = (out / ("page_formats" + suffix)).read_text()
    if fmt == "json":
        assert json.loads(data)["title"] == "Harbour town opens tidal station"
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(data)))) == 1
    elif fmt == "xml":
        assert ET.fromstring(data).tag == "doc"
    elif fmt == "markdown":
        assert data == PAGE_MARKDOWN


def test_jsonl_input_gives_jsonl_only(invoke, tmp_path):
    dump = write(tmp_path, "dump.jsonl", '{"text": "x"}\n')
    result = invoke("clean", "--input-format", "jsonl", "--format", "csv", str(dump))
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: JSONL input gives JSONL output, not csv\n")
    # a dump found by --input-format auto: the same
    result = invoke("clean", "--format", "csv", str(dump))
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: JSONL input gives JSONL output, not csv\n")


# --- options ------------------------------------------------------------------


def test_no_tables_leaves_table_rows_out(invoke):
    result = invoke("clean", "--no-tables", str(PAGE))
    assert "|" not in result.stdout and "Homes supplied" not in result.stdout
    assert "Four turbines of 500 kW each" in result.stdout
    markdown = invoke("clean", "--format", "markdown", "--no-tables", str(PAGE)).stdout
    assert "table_open" not in tokens(markdown)
    rec = json.loads(invoke("clean", "--format", "json", "--no-tables", str(PAGE)).stdout)
    assert [r["id"] for r in rec["removed"] if r["category"] == "table"] == ["option:no-tables"] * 3


def test_tables_are_kept_by_default_from_text_too(invoke, tmp_path):
    p = write(tmp_path, "page.md", MARKDOWN_TEXT)
    assert "| 2024 | 1,200 |" in invoke("clean", str(p)).stdout
    assert "2024" not in invoke("clean", "--no-tables", str(p)).stdout


def test_comments_from_text_follow_the_body_under_a_label(invoke, tmp_path):
    p = write(tmp_path, "thread.txt", THREAD)
    plain = invoke("clean", str(p)).stdout
    assert "Comments:" not in plain and "lived here" not in plain
    result = invoke("clean", "--comments", str(p))
    body, comments = result.stdout.split("\n\nComments:\n\n")
    assert body + "\n" == plain
    assert comments.split("\n\n")[:3] == [
        "12 Comments",
        "jsmith says:",
        "I have lived here for twenty years and this is the first time anyone has listened to us.",
    ]
    assert "Leave a Reply" not in comments  # the comment form's labels are no comments
    markdown = invoke("clean", "--format", "markdown", "--comments", str(p)).stdout
    assert "\n\n## Comments\n\n12 Comments\n\n" in markdown
    rec = json.loads(invoke("clean", "--format", "json", "--comments", str(p)).stdout)
    assert rec["comments"].startswith("12 Comments\n\njsmith says:")
    assert "comments" not in json.loads(invoke("clean", "--format", "json", str(p)).stdout)


def test_comments_of_an_html_page_leave_the_body(invoke, tmp_path):
    page = PAGE.read_text().replace(
        "</article>",
        '</article><section id="comments" class="comments"><h3>2 comments</h3>'
        '<div class="comment"><p>Great news for the town, we have waited long enough for this '
        'station.</p></div><div class="comment"><p>Will the turbines harm the fish in the fjord? '
        "I would like to know more.</p></div></section>",
    )
    p = write(tmp_path, "page.html", page)
    result = invoke("clean", "--comments", str(p))
    body, comments = result.stdout.split("\n\nComments:\n\n")
    assert "fjord" not in body
    assert comments.endswith("Will the turbines harm the fish in the fjord? I would like to know more.\n")
    doc = ET.fromstring(invoke("clean", "--format", "xml", "--comments", str(p)).stdout)
    assert [c.text for c in doc.find("comments")][-1].startswith("Will the turbines")


def test_verbose_says_what_was_decided_on_each_document(invoke):
    result = invoke("clean", "-v", str(UNKNOWN_SITE))
    assert result.stdout == invoke("clean", str(UNKNOWN_SITE)).stdout
    assert result.stderr == (
        f"cleaner: {UNKNOWN_SITE}: text; kept 4 paragraphs, 593 chars; removed: boilerplate 3 "
        "(130 chars), metadata 3 (83 chars), navigation 5 (37 chars), newsletter 1 (27 chars), "
        "share 3 (33 chars)\n"
    )
    html = invoke("clean", "-v", "-q", str(PAGE))
    assert html.stderr == (
        f"cleaner: {PAGE}: html, reading: trafilatura; kept 11 paragraphs, 644 chars; "
        "removed: metadata 1 (32 chars)\n"
    )


# --- properties: Markdown and XML say the words given, whatever they hold ------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cleaner.structure import tidy  # noqa: E402

_CHARS = st.sampled_from(list("ab é1.-*_#>[]()<>!`\\|&;=+~:\"' \x0c") + ["&amp;", "1. ", "- ", "\ufffe"])
_TEXT = st.lists(_CHARS, min_size=1, max_size=12).map("".join)
_RUN = st.builds(
    Inline,
    _TEXT,
    st.sampled_from(["", "b", "i", "code"]),
    st.sampled_from([None, "https://example.com/a_b(c)", "/p q"]),
)
_MD = MarkdownIt("commonmark").enable("table")


def _seen(markdown: str) -> str:
    found = [
        child.content
        for token in _MD.parse(markdown)
        for child in token.children or ()
        if child.type in ("text", "code_inline")
    ]
    return "".join("".join(found).split())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_RUN, min_size=1, max_size=5),
    st.sampled_from(["p", "item", "quote", "heading", "row"]),
    st.booleans(),
)
# an escaped backslash before "!" left the "!" bare, and "![" made the link an image
@example([Inline("\\!"), Inline("a", "", "/p q")], "p", True)
# text that reads as an HTML tag is raw HTML to a reader, not words: it must be escaped
@example([Inline("a <div> b")], "p", False)
def test_markdown_reads_back_as_the_words_given(runs, kind, links):
    runs = tidy([r._replace(text=r.text.replace("\x0c", " ").replace("\ufffe", "")) for r in runs])
    if not runs:
        return
    words = "".join("".join(r.text for r in runs).split())
    if kind == "row":
        block, words = Block(1, "row", "", cells=(runs, (Inline("x"),))), words + "x"
    else:
        block = Block(1, kind, "", runs, 2 if kind == "heading" else 0)
    out = formats.markdown_of(Result("", (), (), (), "text", blocks=(block,)), formats.Style(links=links))
    assert _seen(out) == words, out
    if kind in ("heading", "item", "row"):
        assert {"heading": "heading_open:h2", "item": "list_item_open", "row": "table_open"}[kind] in tokens(
            out
        )


@settings(max_examples=200, deadline=None)
@given(st.lists(_RUN, min_size=1, max_size=5), st.booleans())
def test_xml_is_well_formed_and_holds_the_words_given(runs, links):
    runs = tidy(runs)
    if not runs:
        return
    result = Result("", (), (), (), "text", blocks=(Block(1, "p", "", runs),), title="a\x0b<b>")
    doc = ET.fromstring(
        formats.standalone("xml", formats.render(result, "xml", formats.Style(links=links), path="x"))
    )
    expected = "".join(r.text for r in runs).replace("\x0c", " ").replace("\ufffe", " ")
    assert "".join(doc.find("main/p").itertext()) == expected
    assert doc.get("title") == "a <b>"


TRIP = (
    "<!DOCTYPE html><html><body><article><h1>The trip</h1>"
    "<p>We leave for the mountains on Friday morning, and there are a few things to do before the train goes.</p>"
    "<ul><li>Pack the bags<ul><li>Clothes for a week</li><li>Maps of the valley</li></ul></li>"
    '<li>Book the <b>train</b><ol start="3"><li>Pick a seat</li><li>Pay for the tickets</li></ol></li>'
    "<li>Leave the keys with the neighbours</li></ul>"
    "<p>The hut has no shop, so everything we need for the week has to come up with us on the first day.</p>"
    "</article></body></html>"
)


def test_a_list_in_an_item_stays_in_it(invoke, tmp_path):
    # the items of a nested list came out as items of the list around it; and an item
    # holding a list was not found in the page (its words were those of both): its
    # emphasis was lost
    page = write(tmp_path, "trip.html", TRIP)
    markdown = invoke("clean", "--format", "markdown", str(page)).stdout
    assert markdown.split("\n\n", 1)[1] == (
        "- Pack the bags\n"
        "  - Clothes for a week\n"
        "  - Maps of the valley\n"
        "- Book the **train**\n"
        "\n"  # (a list numbered from 3 cannot open inside the item's paragraph)
        "  3. Pick a seat\n"
        "  4. Pay for the tickets\n"
        "- Leave the keys with the neighbours\n\n"
        "The hut has no shop, so everything we need for the week has to come up with us on the first day.\n"
    )
    assert _items_read(markdown) == [
        (0, None, ["Pack the bags"]),
        (1, None, ["Clothes for a week"]),
        (1, None, ["Maps of the valley"]),
        (0, None, ["Book the train"]),
        (1, 3, ["Pick a seat"]),
        (1, 4, ["Pay for the tickets"]),
        (0, None, ["Leave the keys with the neighbours"]),
    ]
    xml = invoke("clean", "--format", "xml", str(page)).stdout
    assert xml.split("<main>\n", 1)[1].split("    <p>The hut")[0].split("\n", 1)[1] == (
        '    <list rend="ul">\n'
        "      <item>Pack the bags\n"
        '        <list rend="ul">\n'
        "          <item>Clothes for a week</item>\n"
        "          <item>Maps of the valley</item>\n"
        "        </list>\n"
        "      </item>\n"
        '      <item>Book the <hi rend="#b">train</hi>\n'
        '        <list rend="ol">\n'
        '          <item n="3">Pick a seat</item>\n'
        '          <item n="4">Pay for the tickets</item>\n'
        "        </list>\n"
        "      </item>\n"
        "      <item>Leave the keys with the neighbours</item>\n"
        "    </list>\n"
    )


def test_an_item_of_several_paragraphs_keeps_them_apart(invoke, tmp_path):
    # "<li><p>coat.</p><p>Nights" came out as "coat.Nights" in Markdown and XML, where the
    # text output says "coat. Nights"; Markdown now writes the paragraphs under the item
    page = write(
        tmp_path,
        "hut.html",
        TRIP.replace(
            "<li>Leave the keys with the neighbours</li>",
            "<li><p>Bring a warm coat.</p><p>Nights in the hut are <i>cold</i>, even in summer.</p></li>",
        ),
    )
    assert (
        "- Bring a warm coat. Nights in the hut are cold, even in summer.\n"
        in invoke("clean", str(page)).stdout
    )
    markdown = invoke("clean", "--format", "markdown", str(page)).stdout
    assert markdown.split("  4. Pay for the tickets\n")[1] == (
        "- Bring a warm coat.\n"
        "\n"
        "  Nights in the hut are *cold*, even in summer.\n"
        "\n"
        "The hut has no shop, so everything we need for the week has to come up with us on the first day.\n"
    )
    assert _items_read(markdown)[-1] == (
        0,
        None,
        ["Bring a warm coat.", "Nights in the hut are cold, even in summer."],
    )
    xml = ET.fromstring(invoke("clean", "--format", "xml", str(page)).stdout)
    last = xml.find("main/list")[-1]
    assert "".join(last.itertext()) == "Bring a warm coat. Nights in the hut are cold, even in summer."


def test_an_item_of_several_paragraphs_with_other_punctuation_says_the_lines_words():
    # the line's words replace the element's: so must they its paragraphs
    page = htmlstructure.index("<html><body><ul><li><p>Coat,</p><p>torch</p></li></ul></body></html>")
    found = structure.blocks([Line(1, "- Coat torch")], page=page)
    assert formats.markdown_of(Result("", (), (), (), "html", blocks=found)) == "- Coat torch\n"


def _items_read(markdown: str) -> list[tuple[int, int | None, list[str]]]:
    """(depth, number or None, paragraphs) of each list item a CommonMark reader sees."""
    lists, items, open_items = [], [], []  # lists: [start (None: bullets), items so far]
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([token.attrs.get("start", 1) if token.type == "ordered_list_open" else None, 0])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            start, count = lists[-1]
            lists[-1][1] += 1
            open_items.append(len(items))
            items.append([len(lists) - 1, None if start is None else start + count, []])
        elif token.type == "list_item_close":
            open_items.pop()
        elif token.type == "inline" and open_items:
            said = "".join(c.content for c in token.children if c.type in ("text", "code_inline"))
            items[open_items[-1]][2].append(" ".join(said.split()))
    return [tuple(item) for item in items]


def _items_in_xml(el: ET.Element, depth: int = -1) -> list[tuple[int, str | None, str]]:
    """(depth, n, text) of each <item> under `el`, depth counted in <list>s."""
    out = []
    for child in el:
        if child.tag == "list":
            out += _items_in_xml(child, depth + 1)
        elif child.tag == "item":
            out.append((depth, child.get("n"), " ".join((child.text or "").split())))
            out += _items_in_xml(child, depth)
    return out


_ITEM = st.tuples(
    st.integers(0, 3),
    st.one_of(st.none(), st.integers(-2, 12)),
    st.lists(
        st.sampled_from(["a", "b c", "1. d", "- e", "*f*", "# g", "> h", "10) i", "+ j"]),
        min_size=1,
        max_size=3,
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ITEM, min_size=1, max_size=8))
def test_nested_lists_read_back_as_the_items_given(found):
    # a nested list was flattened, an item's paragraphs run together; a reader must
    # see each item at its depth, with its number and its paragraphs
    items = tuple(
        Block(
            k,
            "item",
            " ".join(texts),
            tidy([Inline(" ".join(texts))]),
            number=number,
            depth=depth,
            paragraphs=tuple((Inline(text),) for text in texts) if len(texts) > 1 else (),
        )
        for k, (depth, number, texts) in enumerate(found)
    )
    depths = lists.depths(items)
    out = formats.markdown_of(Result("", (), (), (), "html", blocks=items))
    shown = [None if b.number is None else min(max(b.number, 0), 999_999_999) for b in items]
    paragraphs = [texts for _, _, texts in found]
    assert _items_read(out) == list(zip(depths, shown, paragraphs)), out
    doc = ET.fromstring(formats.render(Result("", (), (), (), "html", blocks=items), "xml", path="x"))
    numbers = [None if b.number is None else str(b.number) for b in items]
    assert _items_in_xml(doc.find("main")) == list(zip(depths, numbers, (b.text for b in items)))


def test_the_depths_of_items_are_counted_from_the_first():
    # a layout list around the article makes its lists one deeper; an item between
    # taken out leaves a nested list two deeper than the item before it
    items = [Block(k, "item", "x", depth=depth) for k, depth in enumerate((1, 3, 2, 1, 0, 2))]
    assert lists.depths(items) == (0, 1, 1, 0, 0, 1)


def test_numbered_items_keep_their_numbers_and_a_dash_is_no_bullet(invoke, tmp_path):
    p = write(
        tmp_path,
        "list.txt",
        PLAIN_TEXT.replace("\u2022 Four", "3) Four").replace("\u2022 Cables", "4) Cables"),
    )
    out = invoke("clean", "--format", "markdown", str(p)).stdout
    assert "\n\n3. Four turbines of 500 kW each\n4. Cables run 2 km to the shore\n\n" in out
    found = [t for t in MarkdownIt("commonmark").parse(out) if t.type == "ordered_list_open"]
    assert found[0].attrs.get("start") == 3
    (quote,) = structure.blocks([Line(1, "\u2014 The Vestvik council (@vestvik) March 12, 2024")])
    assert (quote.kind, quote.text) == ("p", "\u2014 The Vestvik council (@vestvik) March 12, 2024")


def test_an_element_with_other_punctuation_gives_its_kind_not_its_words():
    page = htmlstructure.index(
        "<html><body><ul><li>Review,</li></ul><table><tr><td>A</td><td>B</td></tr></table></body></html>"
    )
    item, row = structure.blocks([Line(1, "Review"), Line(2, "| A | B |")], page=page)
    assert (item.kind, item.text, item.runs) == ("item", "Review", (Inline("Review"),))
    assert (row.kind, row.cells) == ("row", ((Inline("A"),), (Inline("B"),)))


def test_markdown_with_title_from_stdin(invoke):
    result = invoke("clean", "--format", "markdown", "--with-title", "-", input=PAGE.read_bytes())
    assert result.stdout == "# Harbour town opens tidal station\n\n" + PAGE_MARKDOWN


def test_emphasis_with_spaces_inside_its_element_and_a_bar_in_a_link_in_a_table():
    runs = (Inline("a"), Inline(" bold", "b"), Inline(" c"))
    assert markdown_out.inline_markdown(runs, links=False) == "a **bold** c"
    cell = markdown_out.inline_markdown((Inline("see"), Inline(" it", "", "http://x.org/?a|b")), True, True)
    assert cell == "see [it](http://x.org/?a%7Cb)"


def test_an_html_paragraph_that_opens_like_markup_keeps_its_sign(invoke, tmp_path):
    # "- 3 degrees" is a paragraph of the page: its minus sign is a word of it, not a
    # list marker (Markdown escapes it, XML keeps it); dropped, the meaning flipped
    tail = "of the week in the valley, the weather service said on Friday after a long night."
    opening = ["+ 15 more people joined", "- 3 degrees was the coldest", "1. The first", "# The hash"]
    body = "".join(f"<p>{start} {tail}</p>" for start in opening)
    page = tmp_path / "cold.html"
    page.write_text(
        f"<!DOCTYPE html><html><body><article><h1>Cold week</h1><p>A {tail}</p>{body}</article></body></html>"
    )
    markdown = invoke("clean", "--format", "markdown", str(page)).stdout
    escaped = ["\\+ 15 more people joined", "\\- 3 degrees was the coldest", "1\\. The first", "\\# The hash"]
    assert [f"{start} {tail}" for start in escaped] == markdown.rstrip("\n").split("\n\n")[1:5]
    xml = ET.fromstring(invoke("clean", "--format", "xml", str(page)).stdout)
    assert [f"{start} {tail}" for start in opening] == [p.text for p in xml.iter("p")][1:5]


def test_a_bar_inside_a_table_cell_stays_in_its_cell(invoke, tmp_path):
    # the reading escapes it ("1 \| 2"); split at it, the row had a cell too many
    page = tmp_path / "ops.html"
    page.write_text(
        "<!DOCTYPE html><html><body><article><h1>Operators</h1>"
        "<p>The table below lists the operators of the shell that every user of the command line should know.</p>"
        "<table><tr><th>Name</th><th>Value | pipe</th></tr><tr><td>or</td><td>1 | 2</td></tr></table>"
        "<p>Each of them is explained in the chapters that follow, with examples taken from everyday work.</p>"
        "</article></body></html>"
    )
    markdown = invoke("clean", "--format", "markdown", str(page)).stdout
    assert "| Name | Value \\| pipe |\n| --- | --- |\n| or | 1 \\| 2 |\n" in markdown
    xml = ET.fromstring(invoke("clean", "--format", "xml", str(page)).stdout)
    assert [c.text for c in xml.iter("cell")] == ["Name", "Value | pipe", "or", "1 | 2"]


def test_a_heading_or_quote_that_opens_like_markup_keeps_its_opening():
    # "1. Protein" in an <h4> is the heading's own number, not a list marker: it was
    # dropped (the line read as an item, then given the heading's kind), a word lost
    page = htmlstructure.index(
        "<html><body><h4><b>1. Protein stays</b></h4><blockquote>- 3 degrees at night</blockquote></body></html>"
    )
    heading, quote = structure.blocks(
        [Line(1, "1. Protein stays"), Line(2, "- 3 degrees at night")], page=page
    )
    assert (heading.kind, heading.level, heading.text) == ("heading", 4, "1. Protein stays")
    assert (quote.kind, quote.text) == ("quote", "- 3 degrees at night")
    out = formats.markdown_of(Result("", (), (), (), "html", blocks=(heading, quote)))
    assert out == "#### 1. Protein stays\n\n> \\- 3 degrees at night\n"


def test_a_table_is_as_wide_as_its_widest_row():
    # cells beyond the first row's were dropped (and a GFM reader drops a row's cells
    # beyond its header's): the header and the rule are as wide as the widest row
    rows = (
        Block(1, "row", "", cells=((Inline("Variable"),), (Inline("Baseline"),))),
        Block(2, "row", "", cells=((Inline("PSS"),), (Inline("41"),), (Inline("23.11"),))),
    )
    out = formats.markdown_of(Result("", (), (), (), "html", blocks=rows))
    assert out == "| Variable | Baseline |   |\n| --- | --- | --- |\n| PSS | 41 | 23.11 |\n"
    assert plain_of(out) == "Variable Baseline PSS 41 23.11"


def test_numbered_items_that_do_not_follow_each_other_keep_their_numbers():
    # Markdown numbers a list's items one by one from its first: "1. 1. 2. 2." read as
    # 1 2 3 4 (a nested list flattened); a number that does not follow starts a new list
    numbers = (1, 1, 2, 2, 4)
    items = tuple(
        Block(k, "item", f"step {n}", (Inline(f"step {n}"),), number=n) for k, n in enumerate(numbers)
    )
    out = formats.markdown_of(Result("", (), (), (), "html", blocks=items))
    assert out == "1. step 1\n1) step 1\n2) step 2\n2. step 2\n4) step 4\n"
    starts = [
        t.attrs.get("start", 1) for t in MarkdownIt("commonmark").parse(out) if t.type == "ordered_list_open"
    ]
    assert starts == [1, 1, 2, 4]


def test_xml_numbered_items_say_their_numbers():
    # <list rend="ol"> alone counts 1, 2, 3: items numbered 3 and 5 (or a list the
    # page starts at 4) read as 1 and 2, numbers of the text output lost
    items = tuple(
        Block(k, "item", f"step {n}", (Inline(f"step {n}"),), number=n) for k, n in enumerate((3, 5))
    )
    bullet = Block(3, "item", "a bullet", (Inline("a bullet"),))
    doc = ET.fromstring(
        formats.render(Result("", (), (), (), "html", blocks=(*items, bullet)), "xml", path="x")
    )
    assert [(item.get("n"), item.text) for item in doc.iter("item")] == [
        ("3", "step 3"),
        ("5", "step 5"),
        (None, "a bullet"),
    ]


COUNTDOWN = (
    "<!DOCTYPE html><html><body><article><h1>Countdown</h1>"
    "<p>The launch team reads the steps of the countdown aloud, and every one of them is checked twice.</p>"
    '<ol start="0"><li>Fuel the tanks</li><li>Close the hatch</li></ol>'
    "<p>After the hatch is closed the crew waits for the weather report from the station on the coast.</p>"
    '<ol><li value="7">Arm the engines</li><li>Start the clock</li></ol>'
    "<ol reversed><li>Three left</li><li>Two left</li><li>One left</li></ol>"
    "<p>Then the rocket leaves the pad, and the team goes back to the hall to watch the pictures.</p>"
    "</article></body></html>"
)


def test_items_have_the_numbers_the_page_gives_them(invoke, tmp_path):
    # <ol start="0"> came out as 1, 2 (and the reading's "1." hid the page's item: its
    # links and emphasis too), <li value="7"> and <ol reversed> counted from 1 as well
    page = write(tmp_path, "countdown.html", COUNTDOWN)
    assert "1. Fuel the tanks" in invoke("clean", str(page)).stdout  # the reading's own number
    markdown = invoke("clean", "--format", "markdown", str(page)).stdout
    assert markdown == (
        "The launch team reads the steps of the countdown aloud, and every one of them is checked twice.\n\n"
        "0. Fuel the tanks\n1. Close the hatch\n\n"
        "After the hatch is closed the crew waits for the weather report from the station on the coast.\n\n"
        "7. Arm the engines\n8. Start the clock\n3) Three left\n2. Two left\n1) One left\n\n"
        "Then the rocket leaves the pad, and the team goes back to the hall to watch the pictures.\n"
    )
    starts = [
        t.attrs.get("start", 1)
        for t in MarkdownIt("commonmark").parse(markdown)
        if t.type == "ordered_list_open"
    ]
    assert starts == [0, 7, 3, 2, 1]
    xml = ET.fromstring(invoke("clean", "--format", "xml", str(page)).stdout)
    assert [(item.get("n"), item.text) for item in xml.iter("item")] == [
        ("0", "Fuel the tanks"),
        ("1", "Close the hatch"),
        ("7", "Arm the engines"),
        ("8", "Start the clock"),
        ("3", "Three left"),
        ("2", "Two left"),
        ("1", "One left"),
    ]


def test_an_items_number_is_read_as_html_reads_it():
    # a value with a tail ("3rd") is its number; a list's reversed count starts at its
    # number of items; a number that says nothing ("x") is no number
    page = htmlstructure.index(
        '<ol start=" 10x"><li>ten</li><li value="3rd">three</li><li>four</li></ol>'
        '<ol reversed start="x"><li>two</li><li value="-5">minus five</li><li>minus six</li></ol>'
        "<ul><li>bullet</li></ul>"
    )
    lines = ["ten", "three", "four", "two", "minus five", "minus six", "bullet"]
    found = structure.blocks([Line(k, f"- {text}") for k, text in enumerate(lines, 1)], page=page)
    assert [(b.text, b.number) for b in found] == [
        ("ten", 10),
        ("three", 3),
        ("four", 4),
        ("two", 3),
        ("minus five", -5),
        ("minus six", -6),
        ("bullet", None),
    ]
    # Markdown numbers no item below 0: "-5." would read as text
    out = formats.markdown_of(Result("", (), (), (), "html", blocks=found))
    assert out == "10. ten\n3) three\n4) four\n3. two\n0) minus five\n0. minus six\n\n- bullet\n"


def test_a_number_markdown_would_write_otherwise_is_no_item():
    # "01." and "0." were items numbered 1: Markdown and XML said 1 where the text says 01
    found = structure.blocks(
        [Line(1, "01. Intro"), Line(2, "0. Zero"), Line(3, "12. Twelve")], plain_text=True
    )
    assert [(b.kind, b.number, b.text) for b in found] == [
        ("p", None, "01. Intro"),
        ("p", None, "0. Zero"),
        ("item", 12, "Twelve"),
    ]
    out = formats.markdown_of(Result("", (), (), (), "text", blocks=found))
    assert out == "01\\. Intro\n\n0\\. Zero\n\n12. Twelve\n"


def test_markdown_input_that_structure_reads_otherwise_says_the_text_outputs_words():
    # the text output reads "**a __init__**" as bold "a init" and "[x][ref]" as a
    # link "x"; structure read "a __init__" and "[x][ref]" and Markdown wrote them
    # escaped: words the text output does not have
    lines = ["Some **snake_case and __init__** here", "See [x][ref] now", "Keep **bold** and [a link](/a)"]
    found = structure.blocks([Line(k, line) for k, line in enumerate(lines, 1)], markdown_input=True)
    assert [b.runs for b in found] == [
        (Inline("Some snake_case and init here"),),
        (Inline("See x now"),),
        (Inline("Keep "), Inline("bold", "b"), Inline(" and "), Inline("a link", "", "/a")),
    ]
    out = formats.markdown_of(Result("", (), (), (), "text", blocks=found))
    assert out == "Some snake_case and init here\n\nSee x now\n\nKeep **bold** and a link\n"


def test_markdown_title_keeps_its_closing_hashes():
    # a heading's closing hashes were escaped, the title's not: "Learn C #" read as "Learn C"
    result = Result("Body.", ("Body.",), (), (), "text", title="Learn C #")
    out = formats.markdown_of(result, formats.Style(with_title=True))
    assert out == "# Learn C \\#\n\nBody.\n"
    assert plain_of(out) == "Learn C # Body."


def test_every_line_of_a_comment_reads_as_text():
    # only a comment's first line was escaped: a later "~~~" opened a code block that
    # ran to the end of the document, taking the next comments into it
    result = Result(
        "Body.", ("Body.",), (), (), "text", comments=("jsmith says:\n~~~\n  # me too", "anna says:\nYes")
    )
    out = formats.markdown_of(result)
    assert out == "Body.\n\n## Comments\n\njsmith says:\n\\~~~\n\\# me too\n\nanna says:\nYes\n"
    assert tokens(out).count("paragraph_open") == 3 and "fence" not in tokens(out)


def test_a_dash_the_reading_wrote_before_a_heading_is_no_part_of_it():
    # a heading inside a list item comes as "- Promise()": the dash is the reading's
    # list marker, not the heading's text; "# Tag" in an <h2> is the heading's own
    page = htmlstructure.index(
        "<html><body><ul><li><h3>Promise()</h3><p>Makes one.</p></li></ul><h2># Tag</h2></body></html>"
    )
    first, second = structure.blocks([Line(1, "- Promise()"), Line(2, "# Tag")], page=page)
    assert (first.kind, first.text, second.kind, second.text) == ("heading", "Promise()", "heading", "# Tag")


def test_a_row_matched_to_one_of_its_cells_keeps_its_words():
    # the row's line ("| 12–14 Months | | ▢ |": its list cell read as empty) has the words
    # of its first cell; given the cell's kind (p) and the row's runs (none), it was empty
    page = htmlstructure.index(
        "<html><body><table><tr><td><p>12–14 Months</p></td><td><ul><li>Insure ring</li></ul></td>"
        "<td>▢</td></tr></table></body></html>"
    )
    (block,) = structure.blocks([Line(1, "| 12–14 Months | | ▢ |")], page=page)
    assert (block.kind, block.text, block.runs) == (
        "p",
        "| 12–14 Months | | ▢ |",
        (Inline("| 12–14 Months | | ▢ |"),),
    )
