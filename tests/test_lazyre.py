"""Module-level regexes compiled when first used (cleaner/lazyre.py)."""

import re

import pytest
import regex

from cleaner.lazyre import lazy


def test_a_lazy_pattern_compiles_on_first_use_and_behaves_as_the_compiled_one():
    tag = lazy(r"</?(b|i)>", re.IGNORECASE)
    assert "_compiled" not in tag.__dict__
    assert tag.sub("", "<B>bold</b> and <i>it</I>") == "bold and it"
    assert tag.compiled is tag.compiled  # once
    assert tag.pattern == r"</?(b|i)>" and tag.flags & re.IGNORECASE
    assert [m.group(1) for m in tag.finditer("<b><i>")] == ["b", "i"]


def test_the_regex_module_can_compile_it():
    capital = lazy(r"\p{Lu}", compile=regex.compile)
    assert capital.findall("Élan Vital") == ["É", "V"]
    assert isinstance(capital.compiled, regex.Pattern)


def test_private_names_are_not_looked_up_in_the_compiled_pattern():
    with pytest.raises(AttributeError):
        lazy("x")._missing  # noqa: B018
