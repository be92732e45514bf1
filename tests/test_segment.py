"""Text to numbered lines (cleaner.text.segment)."""

from cleaner.model import Line
from cleaner.text.segment import paragraphs, segment


def test_blank_lines_keep_their_numbers():
    assert segment("one\n\n  two  \r\nthree\u2028four") == [
        Line(1, "one"),
        Line(3, "  two"),
        Line(4, "three"),
        Line(5, "four"),
    ]


def test_a_line_of_byte_order_marks_is_a_blank_line():
    # it used to come out as an empty Line, which later stages had to survive
    assert segment("one\n\ufeff\n\ufefftwo\n") == [Line(1, "one"), Line(3, "two")]


def test_control_characters_become_spaces():
    assert segment("a\x00b\x1fc") == [Line(1, "a b c")]


def test_paragraphs_collapse_inner_whitespace():
    assert paragraphs([Line(1, "  a \t b  "), Line(2, "c")]) == ["a b", "c"]


def test_a_line_of_zero_width_spaces_is_blank():
    assert segment("one\n\u200b\n \u200b\u200c\u2003\ntwo\u200bthree\n") == [
        Line(1, "one"),
        Line(4, "two\u200bthree"),
    ]
