"""Property tests: any bytes either clean or fail with InputError; cleaning never
invents text."""

import gzip
import re
import textwrap
import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import InputError, reader

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORD = re.compile(r"\w+")


@FAST
@given(st.binary(max_size=4000))
def test_any_bytes_clean_or_raise_input_error(data):
    try:
        decoded = reader.load(data)
    except InputError:
        with pytest.raises(InputError):
            cleaner.clean(data, kind="text")
        return
    result = cleaner.clean(data, kind="text")
    assert result.text == cleaner.clean(decoded, kind="text").text  # bytes are read as load reads them
    decoded = unicodedata.normalize("NFC", decoded)
    assert not Counter(WORD.findall(result.text)) - Counter(WORD.findall(decoded))


def _outcome(data: bytes):
    try:
        return cleaner.clean(data, kind="text").text
    except InputError as exc:
        return ("InputError", str(exc))


@FAST
@given(st.binary(max_size=2000))
def test_any_gzip_payload_cleans_as_the_payload_itself(data):
    assume(not reader.is_gzip(data))  # one layer is opened: gzip in gzip is not read as its payload
    assert _outcome(gzip.compress(data)) == _outcome(data)


@FAST
@given(st.binary(min_size=2, max_size=200))
def test_corrupt_gzip_is_an_input_error(data):
    with pytest.raises(InputError, match="gzip"):
        reader.load(b"\x1f\x8b" + data)


@FAST
@given(st.text(max_size=3000))
def test_output_words_all_come_from_the_input(text):
    result = cleaner.clean(text, kind="text")
    # as a multiset: nothing invented, nothing duplicated (the input in NFC, as
    # the pipeline reads it: "A" and a combining grave are one word, "À")
    text = unicodedata.normalize("NFC", text)
    assert not Counter(WORD.findall(result.text)) - Counter(WORD.findall(text))


@FAST
@given(
    st.lists(
        st.sampled_from(
            [
                "<html>",
                "<body>",
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<meta charset='bogus'>",
                "&amp;",
                "&#0;",
                "text ",
                "más ",
                "\x00",
                "<![CDATA[",
                "]]>",
                "<table><tr><td>",
                "\ud7ff",
                "<a href='x'>",
                "</a>",
            ]
        ),
        max_size=200,
    )
)
# text after a script in a page with no body of its own: its tail was read twice
@example(parts=["<body>", "<html>", "<script>", "</script>", "text "])
def test_html_soup_never_raises_nor_invents_words(parts):
    html = "".join(parts)
    result = cleaner.clean(html, kind="html")
    assert not Counter(WORD.findall(result.text)) - Counter(WORD.findall(html))


PIECES = st.sampled_from(
    [
        "the",
        "council",
        "voted",
        "on",
        "Tuesday",
        "well-known",
        "river",
        "walk,",
        "said.",
        "2024",
        "[a link](https://example.com/a)",
        "![an image](/i.png)",
        "[ref][1]",
        "**bold**",
        "_it_",
        "`code`",
        "\\*",
        "\\[",
        "<https://example.com>",
        "<desk@example.com>",
        "](",
        "[",
        "|",
        "—",
        "\u00e9t\u00e9",
        "\u4e2d\u6587",
        "\ue02a",
        "\\",
        "\ufeff",
    ]
)
LINE = st.lists(PIECES, max_size=30).map(" ".join)
MARKERS = st.sampled_from(["", "", "", "* ", "# ", "> ", "> > ", "1. ", "   "])


@FAST
@given(st.lists(st.tuples(MARKERS, LINE), max_size=40), st.integers(20, 120), st.booleans())
def test_wrapped_markdown_never_raises_nor_invents_words(blocks, width, blank_between):
    # pages as html2text, lynx or w3m write them: markers, links, wrapped at some width
    text = ("\n\n" if blank_between else "\n").join(
        textwrap.fill(line, width, initial_indent=marker, subsequent_indent=marker.replace("* ", "  "))
        for marker, line in blocks
    )
    letters = re.compile(r"[^\W_]+")  # words without the underscores of _emphasis_
    for keep_markup in (False, True):
        result = cleaner.clean(text, kind="text", keep_markup=keep_markup)
        text_read = unicodedata.normalize("NFC", text)
        assert not Counter(letters.findall(result.text)) - Counter(letters.findall(text_read))
