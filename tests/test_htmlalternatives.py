"""What resiliparse's readings leave out: a later copy of a run of blocks given twice
(cleaner/html/copies.py)."""

from __future__ import annotations

import pytest

from cleaner.html import readings
from cleaner.html.copies import repeated_runs
from cleaner.model import Removal

pytest.importorskip("resiliparse")

DESCRIPTION = [
    "Make each cup of tea or coffee feel special with a wheel thrown stoneware mug.",
    "Handmade stoneware with a matte speckled glaze on the outside.",
    "Suitable for use in dishwashers and microwave ovens, with care when stacking.",
]


def test_a_run_given_twice_keeps_its_first_copy():
    lines = ["White speckle mug", *DESCRIPTION, "Add to cart", *DESCRIPTION, "Share"]
    assert repeated_runs(lines) == [6, 7, 8]


def test_copies_are_found_across_lines_without_words():
    lines = [*DESCRIPTION, "—", *DESCRIPTION[:2], "*", DESCRIPTION[2]]
    assert repeated_runs(lines) == [5, 6, 8]


@pytest.mark.parametrize(
    "lines",
    [
        # one paragraph repeated (a refrain, a pull quote): not a copy of a run
        [DESCRIPTION[0], "Chorus line", DESCRIPTION[0], "Another"],
        # two blocks only
        [*DESCRIPTION[:2], "between", *DESCRIPTION[:2]],
        # a grid's repeated labels: three blocks, too few words
        [
            "Screen size: 43",
            "Weight: 5 kg",
            "In stock",
            "Arm B",
            "Screen size: 43",
            "Weight: 5 kg",
            "In stock",
        ],
        # the same three blocks in another order
        [*DESCRIPTION, DESCRIPTION[2], DESCRIPTION[0], DESCRIPTION[1]],
    ],
)
def test_what_is_not_a_copy_of_a_run_stays(lines):
    assert repeated_runs(lines) == []


def test_judged_again_names_the_copy_beside_the_judging_of_trafilatura_blocks():
    text = "\n".join(["White speckle mug", *DESCRIPTION, *DESCRIPTION])
    judged = (Removal("html:title", "metadata", 1, "White speckle mug"),)
    _, gone = readings.judged_again(text, judged)
    assert [(r.by, r.line) for r in gone] == [
        ("html:title", 1),
        ("html:repeated-copy", 5),
        ("html:repeated-copy", 6),
        ("html:repeated-copy", 7),
    ]
