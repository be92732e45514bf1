"""Hard-wrapped text joined back into one block a line (cleaner.text.reflow).

The wrapped pages are written here with the standard library's textwrap, as
html2text does at its default width of 78; lynx's layout (every line indented
by three spaces, 75 columns) and w3m's (80) are the same thing at other widths.
"""

import re
import textwrap
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.model import Line
from cleaner.text import reflow
from cleaner.text.segment import segment

PARAGRAPHS = [
    "The small harbour town of Vestvik switched on its first tidal power station on Tuesday, "
    "after eight years of planning and two years of construction in the fjord, where the "
    "tide runs fastest.",
    "The station's four turbines sit on the seabed at the mouth of the harbour and are "
    "expected to cover the electricity needs of about 3,000 homes, the operator said in a "
    "statement issued after the opening ceremony.",
    '"We have always lived from the sea, and now the sea will light our homes as well," '
    "the mayor told a crowd of residents gathered on the quay, many of whom had opposed the "
    "project when it was first proposed.",
    "Engineers said the turbines would be inspected every spring, when divers check the "
    "blades for damage from drifting ice and from the storms of the late winter, which have "
    "sunk two fishing boats in the past decade.",
    # wrapped at 78, its first line ends "well-": the word is joined back without a space
    "The harbour master, who has run the port for nearly three decades, is a well-known "
    "figure in the town and said the quay would stay open to visitors throughout the works.",
]
MENU = ["* [Home](/)", "* [World](/world)", "* [Business](/business)", "* [Sport](/sport)"]
RELATED = [
    "## Related stories",
    "* [Wind farm plan for the northern coast approved](/wind)",
    "* [Ferry timetable changes from next month](/ferry)",
]


def wrapped_page(width: int = 78, indent: str = "") -> str:
    """A whole page as html2text writes it: menu, headline, wrapped paragraphs, related links."""
    body = [textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent) for p in PARAGRAPHS]
    return (
        "\n\n".join(
            [
                "\n".join(MENU),
                "# Harbour town opens its first tidal power station",
                *body,
                "\n".join(RELATED),
                "(C) 2024 Coastal News Ltd. All rights reserved.",
            ]
        )
        + "\n"
    )


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


@pytest.mark.parametrize("width, indent", [(78, ""), (75, "   "), (80, ""), (60, "")])
def test_wrapped_paragraphs_are_one_line_again(width, indent):
    lines = segment(wrapped_page(width, indent))
    assert reflow.wrap_width(lines) is not None
    joined = reflow.unwrap(lines)
    texts = [line.text.strip() for line in joined]
    for paragraph in PARAGRAPHS:
        assert paragraph in texts  # "well-" / "known" is "well-known" again
    # list items, headings and the footer stay lines of their own
    for line in (*MENU, *RELATED):
        assert line in texts
    assert len(joined) == len(MENU) + 1 + len(PARAGRAPHS) + len(RELATED) + 1


def test_a_word_broken_at_its_hyphen_is_joined_without_a_space():
    assert textwrap.wrap(PARAGRAPHS[-1], 78)[0].endswith(" well-")  # the case is there
    texts = [line.text for line in reflow.unwrap(segment(wrapped_page()))]
    assert PARAGRAPHS[-1] in texts


def test_a_wrapped_quote_is_one_line_without_its_inner_markers():
    quote = textwrap.fill(PARAGRAPHS[1], 78, initial_indent="> ", subsequent_indent="> ")
    text = wrapped_page().replace(textwrap.fill(PARAGRAPHS[1], 78), quote)
    texts = [line.text for line in reflow.unwrap(segment(text))]
    assert "> " + PARAGRAPHS[1] in texts
    # two quotes one under the other stay two lines: the first ends where it ends
    two = "> A short quote.\n> Another short quote.\n\n"
    texts = [line.text for line in reflow.unwrap(segment(two + wrapped_page()))]
    assert texts[:2] == ["> A short quote.", "> Another short quote."]


def test_a_joined_line_keeps_its_first_number_and_spans_its_lines():
    lines = segment(wrapped_page())
    first = next(line for line in lines if line.text.startswith("The small harbour"))
    joined = next(line for line in reflow.unwrap(lines) if line.text.startswith("The small harbour"))
    wrapped_lines = textwrap.wrap(PARAGRAPHS[0], 78)
    assert joined.number == first.number
    assert joined.span == len(wrapped_lines) > 1
    assert joined.last == first.number + len(wrapped_lines) - 1


def test_text_that_is_not_wrapped_comes_back_as_it_was():
    text = (
        "\n".join(
            [
                "Home",
                "World",
                "Harbour town opens its first tidal power station",
                *PARAGRAPHS,
                "Share this article",
                "Related stories",
            ]
        )
        + "\n"
    )
    lines = segment(text)
    assert reflow.wrap_width(lines) is None
    assert reflow.unwrap(lines) is lines


def test_one_sentence_a_line_is_not_taken_for_wrapping():
    # Lines of one length, each ending a sentence: no wrapper breaks there.
    sentence = "The council met again on Tuesday evening and voted to close the old harbour road."
    lines = segment("\n".join([sentence] * 12))
    assert reflow.wrap_width(lines) is None


def test_short_lines_below_each_other_are_not_joined():
    # A menu between wrapped paragraphs: its items would have fitted on one line.
    menu = "\n".join(["World", "Business", "Sport", "Culture"])
    text = wrapped_page().replace("# Harbour", menu + "\n\n# Harbour")
    joined = [line.text for line in reflow.unwrap(segment(text))]
    assert joined[len(MENU) : len(MENU) + 4] == ["World", "Business", "Sport", "Culture"]


def test_clean_gives_the_paragraphs_unwrapped():
    result = cleaner.clean(wrapped_page(), kind="text")
    assert result.paragraphs == tuple(PARAGRAPHS)


def test_clean_gives_lynx_layout_unwrapped():
    result = cleaner.clean(wrapped_page(75, "   "), kind="text")
    assert result.paragraphs == tuple(PARAGRAPHS)


def test_html_extraction_is_not_reflowed(monkeypatch):
    # trafilatura's output is one paragraph a line already; reflow is for plain text.
    monkeypatch.setattr(reflow, "unwrap", lambda lines: pytest.fail("unwrap called on HTML"))
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
    assert cleaner.clean(html, kind="html").text


LINE_TEXT = st.text(st.sampled_from("ab c-.\u00e9 "), min_size=0, max_size=90).map(str.rstrip)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE_TEXT, min_size=0, max_size=40), st.integers(40, 100))
def test_unwrap_keeps_every_word_in_order(texts, width):
    text = "\n".join(textwrap.fill(t, width) if t else "" for t in texts)
    lines = segment(text)
    joined = reflow.unwrap(lines)
    # the same words in the same order; numbers still increase, spans tile the input
    assert re.findall(r"\w+", " ".join(line.text for line in joined)) == re.findall(
        r"\w+", " ".join(line.text for line in lines)
    )
    covered = [n for line in joined for n in range(line.number, line.last + 1)]
    assert covered == [line.number for line in lines]


def test_unwrap_of_nothing():
    assert reflow.unwrap([]) == []
    assert reflow.unwrap([Line(1, "x")]) == [Line(1, "x")]


def test_a_hyphenated_word_moved_down_whole_is_a_wrap():
    # lynx and w3m move "self-declared" down whole where "self-" alone would have fitted
    head = "   Three people have died during protests in Bolivia against the"
    text = "\n".join(
        [
            head,
            "   self-declared interim government, after violent clashes erupted between",
            "   the leader's supporters and the security forces.",
        ]
    )
    joined = reflow.unwrap(segment(wrapped_page(75, "   ") + "\n" + text))
    assert (
        joined[-1].text == head + " self-declared interim government, after violent clashes "
        "erupted between the leader's supporters and the security forces."
    )


def test_a_link_title_is_no_place_to_break():
    # pandoc leaves '[Twitter](url "Follow Example News on Twitter")' whole, however
    # long: the spaces of its title do not argue against the width, nor is the next
    # line its continuation
    links = [
        f'[Network{n}](https://example.com/social/{n} "Follow Example News on network number {n}")'
        for n in range(8)
    ]
    text = "\n".join(links) + "\n\n" + wrapped_page()
    lines = segment(text)
    assert reflow.wrap_width(lines) == 78
    assert [line.text for line in reflow.unwrap(lines)][:8] == links


def test_headings_left_whole_on_lines_of_their_own_do_not_hide_the_width():
    # pandoc -t plain wraps paragraphs at 72 but leaves headings whole, however long
    headings = [
        f"Heading number {n} of the page, far longer than the seventy-two columns of the text"
        for n in range(4)
    ]
    body = [textwrap.fill(p, 72) for p in PARAGRAPHS]
    text = "\n\n".join(x for pair in zip(headings, body) for x in pair) + "\n"
    lines = segment(text)
    assert reflow.wrap_width(lines) == 72
    assert [line.text for line in reflow.unwrap(lines)] == [
        x for pair in zip(headings, PARAGRAPHS) for x in pair
    ]
