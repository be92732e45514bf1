"""What resiliparse's readings leave out: a later copy of a run of blocks given twice
(cleaner/html/copies.py), the sections a page names as furniture and a product page's
review and other-product sections (cleaner/html/sections.py)."""

from __future__ import annotations

import pytest
from trafilatura.utils import load_html

from cleaner.html import page as htmlpage
from cleaner.html import readings
from cleaner.html.blocks import norm
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
    assert repeated_runs([norm(line) for line in lines]) == [6, 7, 8]


def test_copies_are_found_across_lines_without_words():
    lines = [*DESCRIPTION, "—", *DESCRIPTION[:2], "*", DESCRIPTION[2]]
    assert repeated_runs([norm(line) for line in lines]) == [5, 6, 8]


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
    assert repeated_runs([norm(line) for line in lines]) == []


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


def test_judged_again_takes_out_the_short_lines_that_say_what_they_are():
    """A prompt, a credit, a comment box's label in an alternative reading go, named as
    they would be in trafilatura's text, though its judging never saw them."""
    prompts = ["Share this story", "Sign up for our newsletter", "Photo: Jane Doe/Reuters", "Leave a comment"]
    text = "\n".join([DESCRIPTION[0], *prompts, *DESCRIPTION[1:]])
    _, gone = readings.judged_again(text, ())
    assert [(r.by, r.text) for r in gone] == [
        ("html:share-prompt", "Share this story"),
        ("html:newsletter-prompt", "Sign up for our newsletter"),
        ("html:photo-credit", "Photo: Jane Doe/Reuters"),
        ("html:comment-furniture", "Leave a comment"),
    ]


REVIEW = "Love it, this mug is just what I needed for my morning coffee and it keeps it warm."
SHOP_PAGE = f"""<html><body class="template-product reviews-enabled">
<main>
  <h1>White speckle mug</h1>
  <div class="product-description">{"".join(f"<p>{line}</p>" for line in DESCRIPTION)}</div>
  <div class="Product-Reviews"><h2>Customer reviews</h2>
    <div class="review-item"><p>{REVIEW}</p></div></div>
  <section class="recommended-products"><h2>You may also like</h2><p>Black speckle mug, a darker glaze.</p></section>
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


STORY = "The harbour town switched on its tidal power station on Monday, after four years of work."
FURNISHED_PAGE = f"""<html><body><div class="page">
  <div class="cookie-notice">We use cookies to improve your experience. Accept all cookies</div>
  <article><h1>Tidal power for the harbour</h1><p>{STORY}</p>
    <div class="newsletter-box">Get the morning briefing in your inbox every day.</div></article>
  <div id="related_stories"><p>Ferry timetable changes from next month for the islands.</p></div>
  <div class="Modal signup">Create a free account to keep reading our stories.</div>
  <div class="mini-cart"><p>Your basket holds two harbour tour tickets.</p></div>
  <div class="unrelated-offers"><p>Harbour festival tickets on sale at the quay.</p></div>
  <div class="trending-now"><p>Storm closes the coastal road for a second night.</p></div>
  <div class="post-navigation"><a href="/p">Previous: lighthouse keeper retires after forty years</a></div>
  <span class="visually-hidden">Opens in a new window for screen readers</span>
  <div class="share_toolbar">Share this story with your friends and family</div>
</div></body></html>"""


def test_every_page_loses_the_sections_it_names_as_furniture():
    texts = readings.resiliparse(FURNISHED_PAGE).texts
    for text in texts.values():
        assert STORY in text
        assert "We use cookies" not in text
        assert "Ferry timetable" not in text  # related, in an id
        assert "Create a free account" not in text  # a modal, in any case
        assert "Your basket" not in text  # a shopping cart
        assert "festival tickets" in text  # a name must be a whole word: "unrelated" is not one
        assert "coastal road" not in text  # trending stories
        assert "lighthouse keeper" not in text  # the links to the previous and next post
        assert "screen readers" not in text  # text no reader sees on the screen
        assert "Share this story" not in text  # a toolbar
    # a newsletter box may be a subscriber's body: not named furniture (resiliparse's
    # main content judges it on its own)
    assert "morning briefing" in texts["page"]


def test_a_shell_is_judged_before_named_sections_go():
    """A page whose only text outside its furniture is a cookie banner is judged as it
    was before named sections were taken out (the shell rule's words were set so)."""
    links = "".join(f'<a href="/{n}">Section number {n}</a> ' for n in range(12))
    page = (
        f"<html><body><nav>{links}</nav><div class='cookie-bar'>We use cookies on this "
        "site to measure our audience and to show you offers</div></body></html>"
    )
    others = readings.resiliparse(page)
    assert others.texts["page"].strip() == ""
    assert others.outside_words >= readings.SHELL_MAX_WORDS
    markup = htmlpage.markup_counts(load_html(page))
    assert markup.link_words >= readings.SHELL_MIN_LINK_SHARE * others.page_words  # links enough
    assert not readings.navigation_only(markup, others)


def test_what_a_figure_holds_is_read_but_not_an_image_s_alt_text():
    """resiliparse leaves <figure> out whole unless asked for images' alt texts: a
    WordPress table, a pull quote and a caption are content all the same."""
    page = """<html><body><main><h1>Tide tables for the harbour</h1>
    <p>The harbour master publishes the times of the tides for each week of the season.</p>
    <figure class="wp-block-table"><table><tr><td>Monday high water</td><td>06:42</td></tr></table></figure>
    <FIGURE class="wp-block-pullquote"><blockquote><p>The sea keeps its own timetable.</p></blockquote></FIGURE>
    <figure><img src="quay.jpg" alt="A photo of the quay at dawn"><figcaption>The quay at dawn</figcaption></figure>
    <p>Boats should leave the inner basin an hour before low water at the latest.</p>
    </main></body></html>"""
    for text in readings.resiliparse(page).texts.values():
        assert "Monday high water" in text
        assert "own timetable" in text
        assert "The quay at dawn" in text
        assert "A photo of" not in text
