"""What resiliparse's readings leave out: a later copy of a run of blocks given twice
(cleaner/html/copies.py) and a product page's review and other-product sections
(cleaner/html/shop.py)."""

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


CHORUS = [
    "Oh the harbour lights are burning",
    "and the tide is turning home",
    "every sailor's heart is yearning",
    "for the shore he used to roam",
    "sing it loud and sing it slowly",
    "till the morning finds us here",
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
        # a song's chorus, sung twice: verse, not prose
        [*CHORUS, "Second verse, a line of its own", "and another after it", *CHORUS],
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


REVIEW = "Love it, this mug is just what I needed for my morning coffee and it keeps it warm."
SHOP_PAGE = f"""<html><body class="template-product reviews-enabled">
<main>
  <h1>White speckle mug</h1>
  <div class="product-description">{"".join(f"<p>{line}</p>" for line in DESCRIPTION)}</div>
  <div class="Product-Reviews"><h2>Customer reviews</h2>
    <div class="review-item"><p>{REVIEW}</p></div></div>
  <section class="related-products"><h2>You may also like</h2><p>Black speckle mug, a darker glaze.</p></section>
  <div id="reviews"><p>Reviews are moderated before they appear here.</p></div>
</main></body></html>"""


def test_a_product_page_loses_its_review_and_other_product_sections_by_class():
    texts = readings.resiliparse(SHOP_PAGE, product_page=True).texts
    for text in texts.values():
        assert DESCRIPTION[1] in text
        assert REVIEW not in text
        assert "You may also like" not in text
        assert "Reviews are moderated" in text  # an id is an anchor, not a section's name


def test_other_pages_keep_those_sections():
    page = readings.resiliparse(SHOP_PAGE).texts["page"]
    assert REVIEW in page
    assert "You may also like" in page


def test_a_section_name_on_a_wrapper_of_most_of_the_page_is_not_a_section():
    page = SHOP_PAGE.replace("<main>", '<main class="related-wrapper">')
    text = readings.resiliparse(page, product_page=True).texts["page"]
    assert DESCRIPTION[1] in text
    assert REVIEW not in text  # the sections within it still go
