"""Markdown input (cleaner.text.markdown): recognised from its links, given back as the text a reader sees."""

import pytest

import cleaner
from cleaner.text import markdown


@pytest.mark.parametrize(
    "line, text",
    [
        ("# Heat wave expected to last until the weekend", "Heat wave expected to last until the weekend"),
        ("### A third-level heading", "A third-level heading"),
        ("> > A quote in a quote", "A quote in a quote"),
        ('The [weather service](https://example.com/met "Met") said so.', "The weather service said so."),
        ("See [the report][1] for details.", "See the report for details."),
        (
            "![A satellite picture](https://example.com/sat.jpg) Clouds over the coast.",
            "Clouds over the coast.",
        ),
        ("[![logo](/logo.png)](/)", ""),
        (
            "It was **very** hot and _humid_, said `met office`.",
            "It was very hot and humid, said met office.",
        ),
        ("snake_case and 2*3*4 are left as they are", "snake_case and 2*3*4 are left as they are"),
        (
            "1\\. Not a list \\- and \\*not\\* emphasis \\[no link\\]",
            "1. Not a list - and *not* emphasis [no link]",
        ),
        (
            "Write to <mailto:desk@example.com> or see <https://example.com/a>.",
            "Write to desk@example.com or see https://example.com/a.",
        ),
        ("* a list item keeps its bullet", "* a list item keeps its bullet"),
        ("Bare URLs stay: www.example.com", "Bare URLs stay: www.example.com"),
    ],
)
def test_plain_is_what_a_reader_sees(line, text):
    assert markdown.plain(line) == text


def test_private_use_characters_are_left_alone():
    # escapes are held as private-use characters while links are read: never the text's own
    assert markdown.plain("\ue02a and \ue05f, \\*emphasis\\*").startswith("\ue02a and \ue05f, ")
    assert markdown.plain("\\[not a link\\](x)") == "[not a link](x)"


def test_looks_like_markdown_needs_links_on_several_lines():
    assert markdown.looks_like_markdown("[Home](/)\ntext\n[News](/n)\n[Sport](/s)")
    assert not markdown.looks_like_markdown("[Home](/) [News](/n) [Sport](/s)\ntext")
    assert not markdown.looks_like_markdown("Plain text (with brackets](and parentheses)\n" * 5)


PAGE = (
    "\n\n".join(
        [
            "[Home](/) | [News](/news) | [Sport](/sport) | [Weather](/weather)",
            "# Heat wave expected to last until the weekend",
            "Temperatures will stay above 35 degrees in most of the country until Sunday, the "
            "[national weather service](https://met.example.org/news) said on Thursday, and could "
            "reach 40 degrees in the south.",
            "Hospitals have been asked to prepare for more patients, and **several cities** have opened "
            "cool rooms in libraries and town halls for people who cannot keep their homes cool.",
            "The service advised people to drink water regularly, to avoid going out in the afternoon "
            "and to check on elderly neighbours.",
            "## Related",
            "  * [Drought hits farmers in the east](/drought)\n"
            "  * [Water restrictions announced for the capital](/water)",
        ]
    )
    + "\n"
)


def test_markdown_page_comes_out_as_plain_text():
    result = cleaner.clean(PAGE, kind="text")
    assert result.paragraphs == (
        "Temperatures will stay above 35 degrees in most of the country until Sunday, the "
        "national weather service said on Thursday, and could reach 40 degrees in the south.",
        "Hospitals have been asked to prepare for more patients, and several cities have opened "
        "cool rooms in libraries and town halls for people who cannot keep their homes cool.",
        "The service advised people to drink water regularly, to avoid going out in the afternoon "
        "and to check on elderly neighbours.",
    )


def test_keep_markup_keeps_the_markdown():
    result = cleaner.clean(PAGE, kind="text", keep_markup=True)
    assert "[national weather service](https://met.example.org/news)" in result.text
    assert "**several cities**" in result.text


def test_plain_text_is_not_touched():
    # Not Markdown (no links): underscores, asterisks and URLs are the text's own.
    text = (
        "The file_name field and the 2*3 rule were set out at www.example.org by the "
        "*committee* on Tuesday, after a long debate among its members.\n"
    ) * 3
    assert cleaner.clean(text, kind="text").text.startswith("The file_name field and the 2*3 rule")
    assert "*committee*" in cleaner.clean(text, kind="text").text


def test_cli_keep_markup(invoke, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    plain = invoke("clean", str(page))
    kept = invoke("clean", "--keep-markup", str(page))
    assert plain.exit_code == kept.exit_code == 0
    assert "national weather service said" in plain.output and "](" not in plain.output
    assert "[national weather service](https://met.example.org/news)" in kept.output


# --- markup converters leave in the text: raw HTML (pandoc's gfm), pandoc's attributes

GFM_PAGE = """<div class="header">

<a href="/" class="logo">Daily Example</a> <a href="/news" class="nav">News</a>

</div>

# Heat wave expected to last until the weekend

<span class="date">12 July 2024</span>

Temperatures will stay above 35 degrees in most of the country until
Sunday, the <a href="https://met.example.org/news"
class="inline">national weather service</a> said on Thursday.

<!-- ad slot
     top -->
<script>window.ads = [];</script>

Hospitals have been asked to prepare for more patients &amp; several
cities have opened cool rooms in libraries.

- [Drought hits farmers](/drought)
- [Water restrictions announced](/water)
"""


def test_strip_markup_keeps_every_line_and_its_text():
    text, pieces = markdown.strip_markup(GFM_PAGE)
    assert pieces == 12
    assert text.count("\n") == GFM_PAGE.count("\n")  # line numbers stay
    assert "<" not in text and "window.ads" not in text and "ad slot" not in text
    assert "Sunday, the \nnational weather service said on Thursday." in text  # inline tags leave no space
    assert "more patients & several" in text  # character references read


def test_pandoc_attributes_and_fences_go():
    page = "\n".join(
        [
            "::: {.header}",
            "[Daily Example]{.logo} [News](/news){.nav}",
            ":::",
            "",
            "# Heat wave {#heat .title}",
            "",
            "Temperatures will stay high.{.x}",
            '![](/sun.png){width="50%"}',
            "::: {#footer",
            'class="wide"}',
            ":::",
            '[Network]{.nav ga="[[\\"Network\\",{\\"metric\\":1}]]"}',
        ]
    )
    text, pieces = markdown.strip_markup(page)
    assert text.split("\n") == [
        "",
        "Daily Example [News](/news)",
        "",
        "",
        "# Heat wave ",
        "",
        "Temperatures will stay high.",
        "![](/sun.png)",
        "",
        "",
        "",
        "Network",
    ]
    assert pieces == 12  # eight attribute blocks (one with braces in a quoted value), four fences


@pytest.mark.parametrize(
    "text",
    [
        "Plain text about <b>bold</b> and <i>italic</i> tags.",  # fewer than MIN_MARKUP: quoted, not residue
        "Costs {#1} and {.5} and a < b > c",
        "",
    ],
)
def test_text_with_little_markup_is_left_as_it_is(text):
    assert markdown.strip_markup(text) == (text, 0)


@pytest.mark.parametrize(
    "head, markup, left, removed",
    [
        ("<!--" * 50000, "<b>x</b>" * 5, "xxxxx", 10),
        ("<script" * 50000, "<b>x</b>" * 5, "xxxxx", 10),
        ("<div " + "a" * 100000, "<b>x</b>" * 5, "xxxxx", 10),
        ("{#" * 50000, "{.a}" * 5, "", 5),
        ("", ":::\n" * 50000, "\n" * 50000, 50000),
    ],
    ids=["comments", "scripts", "open-tag", "attributes", "fences"],
)
def test_strip_markup_on_hostile_input(head, markup, left, removed):
    # an unclosed run of openers stays as text, the markup after it still goes
    # (quadratic scanning would hang here: bench/hostile_inputs.py times it)
    assert markdown.strip_markup(head + markup) == (head + left, removed)


def test_markdown_with_raw_html_is_read_as_text_and_comes_out_plain():
    from cleaner import reader

    assert reader.sniff_kind(GFM_PAGE) == "text"
    result = cleaner.clean(GFM_PAGE)
    assert result.kind == "text"
    assert "national weather service said on Thursday" in result.text
    assert "<" not in result.text and "](" not in result.text
    assert result.notes == ("markup: 12 raw HTML tags, comments or pandoc attributes removed",)


def test_html_fragments_are_still_html():
    from cleaner import reader

    paras = "".join(f"<p>Paragraph {n} of the article, with some words.</p>\n" for n in range(8))
    fragment = "<div>" + paras + "</div>"
    assert reader.sniff_kind(fragment) == "html"
    assert reader.sniff_kind("<!DOCTYPE html>\n# A heading\n- a\n- b\n- c\n[x](y)\n") == "html"
