"""Code blocks: the kept lines of a page's <pre> written as the page has them, in
text, Markdown and XML; every other line as before; never a word more or less."""

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean, codeblocks
from cleaner.model import Block, Inline, Line
from cleaner.text.segment import paragraphs, segment

WORD = re.compile(r"\w+")

PARAGRAPH_ONE = (
    "Loops are one of the most common constructs in programming, and Python gives you two "
    "of them. This guide shows the for loop with a small example you can paste into a file."
)
PARAGRAPH_TWO = (
    "The function above adds the positive numbers of a list. Indentation matters in Python: "
    "the body of the loop is indented by four spaces, and the if statement inside it by four more."
)
CODE = """\
def total(values):
    result = 0

    for value in values:
        if value > 0:
            result += value
    return result"""

PAGE = f"""<html><head><title>How to loop in Python</title></head><body>
<nav><a href="/">Home</a> <a href="/docs">Docs</a></nav>
<article><h1>How to loop in Python</h1>
<p>{PARAGRAPH_ONE}</p>
<pre><code>{CODE.replace(">", "&gt;")}
</code></pre>
<p>{PARAGRAPH_TWO}</p>
<pre>pip install cleaner</pre>
</article><footer>Copyright 2024</footer></body></html>"""


def test_a_code_block_is_one_paragraph_with_its_indentation_and_blank_lines():
    result = clean(PAGE, kind="html")
    assert result.paragraphs == (PARAGRAPH_ONE, CODE, PARAGRAPH_TWO, "pip install cleaner")
    assert result.text == "\n\n".join(result.paragraphs)


def test_markdown_and_xml_write_the_block_as_code(tmp_path, invoke):
    page = tmp_path / "loops.html"
    page.write_text(PAGE)
    markdown = invoke("clean", str(page), "--format", "markdown")
    assert markdown.exit_code == 0
    assert markdown.output == (
        f"{PARAGRAPH_ONE}\n\n```\n{CODE}\n```\n\n{PARAGRAPH_TWO}\n\n```\npip install cleaner\n```\n"
    )
    xml = invoke("clean", str(page), "--format", "xml")
    assert xml.exit_code == 0
    assert f"<code>{CODE.replace('>', '&gt;')}</code>" in xml.output


def _lines(*texts: str) -> list[Line]:
    return [Line(number, text) for number, text in enumerate(texts, start=1) if text]


def test_a_line_taken_out_inside_a_block_splits_it_in_two():
    lines = _lines("intro", "a = 1", "    b = 2", "c = 3", "d = 4")
    kept = [line for line in lines if line.number != 3]  # a rule took "b = 2"
    runs = codeblocks.find(kept, lines, ["a = 1\n    b = 2\nc = 3\nd = 4"])
    assert runs == (codeblocks.CodeRun((4, 5), "c = 3\nd = 4"),)  # "a = 1" alone stays a paragraph
    assert codeblocks.paragraphs(kept, runs) == ["intro", "a = 1", "c = 3\nd = 4"]


def test_lines_of_a_block_with_other_text_between_them_are_not_joined():
    lines = _lines("x = 1", "an ad between", "y = 2")
    assert codeblocks.find(lines[::2], lines, ["x = 1\ny = 2"]) == ()


def test_a_line_repeated_in_the_page_code_is_matched_where_the_run_is_longest():
    blocks = ["if a:\n    go()\n}", "while b:\n    step()\n}"]
    lines = _lines("while b:", "    step()", "}")
    assert codeblocks.find(lines, lines, blocks) == (
        codeblocks.CodeRun((1, 2, 3), "while b:\n    step()\n}"),
    )


def test_the_structure_holds_one_code_block_a_run():
    blocks = [Block(1, "p", "intro", (Inline("intro"),)), Block(2, "p", "x = 1"), Block(3, "p", "y = 2")]
    merged = codeblocks.merged(blocks, (codeblocks.CodeRun((2, 3), "x = 1\ny = 2"),))
    assert merged == (blocks[0], Block(2, "code", "x = 1 y = 2", (Inline("x = 1\ny = 2", "code"),)))


_CODE_LINE = st.text(st.sampled_from("ab= }(\t:"), max_size=12)
# a kept line: a line of code, or lines of code on one line (as trafilatura writes a
# block in a list item, alone or after the item's own words)
_KEPT_LINE = st.one_of(_CODE_LINE, st.lists(_CODE_LINE, min_size=2, max_size=4).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(_CODE_LINE, min_size=1, max_size=6), max_size=4),
    st.lists(_KEPT_LINE, max_size=14),
    st.lists(st.booleans(), max_size=14),
)
def test_code_runs_never_add_nor_lose_a_word(blocks, texts, keep):
    """Whatever the page's code and the kept lines, the paragraphs hold the kept
    lines' words, in their order."""
    lines = segment("\n".join(texts))
    kept = [line for line, wanted in zip(lines, keep + [True] * len(lines)) if wanted]
    runs = codeblocks.find(kept, lines, ["\n".join(block) for block in blocks])
    written = codeblocks.paragraphs(kept, runs)
    assert WORD.findall(" ".join(written)) == WORD.findall(" ".join(paragraphs(kept)))
    assert Counter(" ".join(written).split()) == Counter(" ".join(paragraphs(kept)).split())


def _page(*code: str) -> str:
    """An article: two paragraphs, and each of `code` (markup) as a <pre> between them."""
    pres = "".join(f"<pre>{markup}</pre>\n" for markup in code)
    return (
        "<html><head><title>Code</title></head><body><article><h1>Code on a page</h1>"
        f"<p>{PARAGRAPH_ONE}</p>\n{pres}<p>{PARAGRAPH_TWO}</p></article></body></html>"
    )


def test_a_block_written_with_br_line_breaks_keeps_them():
    result = clean(_page("first = 1<br>second = 2<br>  third = 3<script>var s;</script>"), kind="html")
    assert result.paragraphs == (PARAGRAPH_ONE, "first = 1\nsecond = 2\n  third = 3", PARAGRAPH_TWO)


def test_a_block_whose_first_line_is_no_structure_block_is_still_written(tmp_path, invoke):
    """A bare ">" is an empty quote to the structure, which leaves it out: the block
    was left out with it, its words and all, in Markdown and XML."""
    page = tmp_path / "reply.html"
    page.write_text(_page("&gt;\n&gt; Can we meet on Monday?\n&gt; Bring the slides."))
    markdown = invoke("clean", str(page), "--format", "markdown")
    assert markdown.output == (
        f"{PARAGRAPH_ONE}\n\n```\n>\n> Can we meet on Monday?\n> Bring the slides.\n```\n\n{PARAGRAPH_TWO}\n"
    )
    xml = invoke("clean", str(page), "--format", "xml")
    assert "<code>&gt;\n&gt; Can we meet on Monday?\n&gt; Bring the slides.</code>" in xml.output


def test_a_block_in_a_list_item_that_trafilatura_writes_on_one_line_keeps_its_lines():
    """trafilatura writes a <pre> inside an <li> (after a line break) as one line, its lines
    joined by spaces. (Right after the item's text it joins them to that text too: not
    put back.)"""
    page = _page().replace(
        "</p>\n<p>",
        "</p>\n<ol><li>Set the values:\n<pre>alpha = 1\nbeta = 2\n  gamma = 3</pre></li>"
        "<li>Restart the logger so that it reads them.</li></ol><p>",
    )
    result = clean(page, kind="html")
    assert result.paragraphs == (
        PARAGRAPH_ONE,
        "- Set the values:",
        "alpha = 1\nbeta = 2\n  gamma = 3",
        "- Restart the logger so that it reads them.",
        PARAGRAPH_TWO,
    )


def test_a_numbered_item_holding_a_block_keeps_its_number_in_markdown(tmp_path, invoke):
    """The item's own words, without its code, are what its kept line says."""
    page = tmp_path / "steps.html"
    page.write_text(
        _page().replace(
            "</p>\n<p>",
            "</p>\n<ol><li>Set the values:\n<pre>alpha = 1\nbeta = 2</pre></li>"
            "<li>Restart the logger so that it reads them.</li></ol><p>",
        )
    )
    markdown = invoke("clean", str(page), "--format", "markdown")
    assert markdown.output == (
        f"{PARAGRAPH_ONE}\n\n1. Set the values:\n\n```\nalpha = 1\nbeta = 2\n```\n\n"
        f"2. Restart the logger so that it reads them.\n\n{PARAGRAPH_TWO}\n"
    )


def test_a_block_run_on_from_a_list_item_s_words_starts_after_them():
    """trafilatura runs a <pre> right after an item's paragraph on from its words: the
    whole block ("...: alpha = 1 beta = 2"), or its first line, the others following."""
    for code, joined in (
        ("alpha = 1\nbeta = 2", "alpha = 1 beta = 2"),
        ("alpha = 1\nbeta = 2\n  gamma = 3", None),
    ):
        page = _page().replace(
            "</p>\n<p>",
            f"</p>\n<ol><li><p>Set the values:</p><pre>{code}</pre></li>"
            "<li>Restart the logger so that it reads them.</li></ol><p>",
        )
        result = clean(page, kind="html", structure=True)
        assert result.paragraphs == (
            PARAGRAPH_ONE,
            "- Set the values:",
            code,
            "- Restart the logger so that it reads them.",
            PARAGRAPH_TWO,
        ), joined
        assert [block.kind for block in result.blocks] == ["p", "item", "code", "item", "p"]
        assert result.blocks[1].text == "Set the values:"


def test_the_structure_cuts_the_block_of_a_line_that_ran_code_on_from_its_words():
    item = Block(
        2, "item", "Set the values: a = 1", (Inline("Set the "), Inline("values", "b"), Inline(": a = 1"))
    )
    run = codeblocks.CodeRun((2, 3), "a = 1\nb = 2", lead="- Set the values:", first_code="a = 1")
    merged = codeblocks.merged([item, Block(3, "p", "b = 2")], (run,))
    assert merged == (
        item._replace(text="Set the values:", runs=(Inline("Set the "), Inline("values", "b"), Inline(":"))),
        Block(2, "code", "a = 1 b = 2", (Inline("a = 1\nb = 2", "code"),)),
    )
    shell = Block(2, "item", "Run it: $ go run .", (Inline("Run it: $ go run ."),))
    run = codeblocks.CodeRun((2, 3), "$ go run .\nHello", lead="- Run it:", first_code="$ go run .")
    assert codeblocks.merged([shell], (run,))[0].runs == (Inline("Run it:"),)  # the "$" is code


def test_a_markdown_fence_is_longer_than_any_run_of_backticks_in_the_code(tmp_path, invoke):
    from markdown_it import MarkdownIt

    code = "````\n```\nx\n```\n````"
    page = tmp_path / "fences.html"
    page.write_text(_page(code))
    markdown = invoke("clean", str(page), "--format", "markdown")
    assert markdown.output == f"{PARAGRAPH_ONE}\n\n`````\n{code}\n`````\n\n{PARAGRAPH_TWO}\n"
    fences = [token.content for token in MarkdownIt().parse(markdown.output) if token.type == "fence"]
    assert fences == [code + "\n"]


def test_a_first_line_that_opens_many_blocks_is_found_in_each():
    """A line that opens every snippet of a tutorial ("<?php"): past the 64th
    snippet, it was left out of its block."""
    blocks = [f"<?php\necho {step};" for step in range(100)]
    texts = [text for step in range(100) for text in (f"Step {step}.", "<?php", f"echo {step};")]
    lines = _lines(*texts)
    runs = codeblocks.find(lines, lines, blocks)
    assert [run.text for run in runs] == blocks
    assert runs[-1].numbers == (299, 300)


def test_of_places_alike_the_run_takes_the_one_after_the_previous_run():
    """The page's code is read in order: "end", "end" after block 1 are block 2's lines."""
    blocks = ["a()\n  end\nend", "b()\n\n    end\nend"]
    lines = _lines("a()", "  end", "end", "Some text", "b()", "    end", "end")
    kept = [line for line in lines if line.text != "b()"]  # a rule took it
    assert codeblocks.find(kept, lines, blocks) == (
        codeblocks.CodeRun((1, 2, 3), "a()\n  end\nend"),
        codeblocks.CodeRun((6, 7), "    end\nend"),
    )


def test_a_block_of_150000_lines_is_one_run():
    """Every line of a long listing, not its first 200,000 characters only; and
    found at once, however alike its lines (64 places tried a line made that slow)."""
    lines = _lines(*["}"] * 150_000)
    [run] = codeblocks.find(lines, lines, ["\n".join(["}"] * 150_000)])
    assert len(run.numbers) == 150_000


def test_a_block_indented_with_no_break_spaces_is_written_with_spaces():
    """The page shows a no-break space as a space, as the other lines are written:
    code kept them, and no common indentation could be taken off."""
    code = "&nbsp;&nbsp;def f(x):\n&nbsp;&nbsp;&nbsp;&nbsp;return&nbsp;x\u3000# same"
    result = clean(_page(code), kind="html")
    assert result.paragraphs == (PARAGRAPH_ONE, "def f(x):\n  return x # same", PARAGRAPH_TWO)
