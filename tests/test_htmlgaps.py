"""Headings and lists put back between the paragraphs of trafilatura's reading (cleaner/html/gaps.py)."""

from __future__ import annotations

import lxml.html
from lxml import etree

from cleaner.html import gaps as htmlgaps

# paragraphs long enough to read as prose (html/verdicts.py: LONG_BLOCK_WORDS)
P1 = (
    "The capsule is gold-sputtered and one inch wide, which places this model firmly among the "
    "large-diaphragm microphones of its class, with a sensitivity and a self-noise level that match "
    "the maker's other condenser models."
)
P2 = (
    "It records speech, vocals and instruments alike, and its high maximum sound pressure level "
    "suits loud sources as well as quiet ones."
)
P3 = (
    "The box holds a shock mount with an integrated pop filter, a six metre cable and a three metre "
    "cable for the digital output, so that a beginner has everything needed to record on the first day."
)

PAGE = f"""<html><body>
<nav><h2>Menu</h2><p>Home and shop</p></nav>
<div class="x">
  <h2>Flawless studio quality</h2>
  <div><p>{P1}</p></div>
  <h3>For beginners and experts</h3>
  <div><p>{P2}</p></div>
  <ul><li>Cardioid pattern</li><li>Weight: 311 g</li></ul>
  <div><p>{P3}</p></div>
  <ul><li><a href="/a">Other microphones</a></li><li><a href="/b">Cables</a></li></ul>
  <div><p>Reviews are below.</p></div>
  <h2>Customer reviews</h2>
  <p>Great microphone, five stars.</p>
</div></body></html>"""

READING = f"""<body>
<p>{P1}</p>
<p>{P2}</p>
<p>{P3}</p>
<p>Reviews are below.</p>
</body>"""


def _texts(body) -> list[str]:
    return [f"{child.tag}: {' / '.join(t.strip() for t in child.itertext() if t.strip())}" for child in body]


def test_a_heading_right_before_a_kept_paragraph_is_put_back_before_it():
    tree, body = lxml.html.fromstring(PAGE), etree.fromstring(READING)
    assert htmlgaps.restore_headings(tree, body) == 2
    assert _texts(body)[:4] == [
        "head: Flawless studio quality",
        f"p: {P1}",
        "head: For beginners and experts",
        f"p: {P2}",
    ]
    assert body[0].get("rend") == "h2" and body[2].get("rend") == "h3"


def test_a_heading_whose_paragraph_was_not_kept_stays_out():
    tree, body = lxml.html.fromstring(PAGE), etree.fromstring(READING)
    htmlgaps.restore_headings(tree, body)
    text = "\n".join(_texts(body))
    assert "Customer reviews" not in text and "Menu" not in text


def test_a_heading_the_reading_has_is_not_doubled():
    tree = lxml.html.fromstring(PAGE)
    body = etree.fromstring(READING.replace("<body>", "<body><head>Flawless studio quality</head>"))
    assert htmlgaps.restore_headings(tree, body) == 1


def test_a_list_between_two_kept_paragraphs_is_put_back_but_not_a_list_of_links():
    tree, body = lxml.html.fromstring(PAGE), etree.fromstring(READING)
    assert htmlgaps.restore_lists(tree, body) == 1
    assert _texts(body) == [
        f"p: {P1}",
        f"p: {P2}",
        "list: Cardioid pattern / Weight: 311 g",
        f"p: {P3}",
        "p: Reviews are below.",
    ]
    assert [item.tag for item in body[2]] == ["item", "item"]


def test_a_put_back_item_and_heading_keep_their_blocks_a_space_apart():
    """An item or a heading made of several blocks: their words are not run together
    ("Cardioid patternPicks up..."), as the element's text_content() runs them. (A list
    whose items hold <p>s is not put back: each such <p> counts as the page's, and
    ends the search for a list between two kept paragraphs. Taking them as the
    list's lowered product pages: bench/gate.py's product recall 0.850 -> 0.841.)"""
    page = PAGE.replace(
        "<li>Cardioid pattern</li>", "<li><div>Cardioid pattern</div><div>Picks up the front</div></li>"
    ).replace("<h3>For beginners and experts</h3>", "<h3><div>For beginners</div><div>and experts</div></h3>")
    tree, body = lxml.html.fromstring(page), etree.fromstring(READING)
    assert htmlgaps.restore_lists(tree, body) == 1
    assert htmlgaps.restore_headings(tree, body) == 2
    assert [item.text for item in body.find("list")] == [
        "Cardioid pattern Picks up the front",
        "Weight: 311 g",
    ]
    assert body.findall("head")[1].text == "For beginners and experts"


def test_no_list_is_put_back_into_a_reading_that_has_lists():
    tree = lxml.html.fromstring(PAGE)
    body = etree.fromstring(READING.replace("</body>", "<list><item>one</item></list></body>"))
    assert htmlgaps.restore_lists(tree, body) == 0


def test_a_reading_without_paragraphs_is_left_as_it_is():
    tree, body = lxml.html.fromstring(PAGE), etree.fromstring("<body><head>Only a title</head></body>")
    assert htmlgaps.restore_headings(tree, body) == 0
    assert htmlgaps.restore_lists(tree, body) == 0
    assert _texts(body) == ["head: Only a title"]


def test_the_html_stage_keeps_a_product_description_with_its_sub_headings():
    from cleaner import html

    seen = []  # trafilatura's reading, before any alternative is weighed against it
    html.extract(PAGE, metadata=False, observe=lambda markup, words, first, others: seen.append(first))
    assert "Flawless studio quality\nThe capsule is gold-sputtered and one inch wide" in seen[0]
    assert "- Cardioid pattern\n- Weight: 311 g" in seen[0]
