"""Property tests: any bytes either clean or fail with InputError; cleaning never
invents text."""

import gzip
import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import InputError, reader

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORD = re.compile(r"\w+")


@FAST
@given(st.binary(max_size=4000))
def test_any_bytes_clean_or_raise_input_error(data):
    try:
        result = cleaner.clean(data, kind="text")
    except InputError:
        return
    assert isinstance(result.text, str)


@FAST
@given(st.binary(max_size=2000))
def test_any_gzip_payload(data):
    try:
        cleaner.clean(gzip.compress(data), kind="text")
    except InputError:
        pass


@FAST
@given(st.binary(min_size=2, max_size=200))
def test_corrupt_gzip_is_an_input_error(data):
    try:
        reader.load(b"\x1f\x8b" + data)
    except InputError as exc:
        assert "gzip" in str(exc)


@FAST
@given(st.text(max_size=3000))
def test_output_words_all_come_from_the_input(text):
    result = cleaner.clean(text, kind="text")
    # as a multiset: nothing invented, nothing duplicated
    assert not Counter(WORD.findall(result.text)) - Counter(WORD.findall(text))


@FAST
@given(st.lists(st.sampled_from([
    "<html>", "<body>", "<div>", "</div>", "<p>", "</p>", "<script>", "</script>",
    "<!--", "-->", "<meta charset='bogus'>", "&amp;", "&#0;", "text ", "más ",
    "\x00", "<![CDATA[", "]]>", "<table><tr><td>", "\ud7ff", "<a href='x'>", "</a>",
]), max_size=200))
def test_html_soup_never_raises(parts):
    result = cleaner.clean("".join(parts), kind="html")
    assert isinstance(result.text, str)
