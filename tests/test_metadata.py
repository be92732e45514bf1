"""Metadata: gathered from every place a page states it, judged by agreement (cleaner/metadata/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from trafilatura.utils import load_html

from cleaner import clean
from cleaner import metadata as md

ARTICLE = """<!doctype html>
<html lang="en-GB"><head>
<title>Harbour town opens tidal station | Coastal News</title>
<meta property="og:title" content="Harbour town opens tidal station">
<meta property="og:site_name" content="Coastal News">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-12T09:41:00+00:00">
<meta property="article:modified_time" content="2024-05-01T10:00:00+00:00">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Coastal News"},
  {"@type": "NewsArticle", "headline": "Harbour town opens tidal station",
   "author": {"@type": "Person", "name": "Maria Jensen"}, "datePublished": "2024-03-12"}]}
</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour town opens tidal station</h1>
<p class="byline">By Maria Jensen - 12 March 2024</p>
<p>The small harbour town of Vestvik switched on its first tidal power station on Tuesday,
after four years of building work and a long fight over the permits for the turbines.</p>
<p>The station will supply around two thousand homes, the operator said, and more turbines
are planned for the next stage if the first winter goes well.</p>
</article>
<footer>&copy; 2024 Coastal News</footer>
</body></html>"""


def judged(page: str, url: str | None = "https://www.coastalnews.example/2024/harbour") -> md.PageMetadata:
    return md.judge(md.gather(load_html(page), url))


def candidates(**stated) -> md.Candidates:
    """Candidates from {field: [(source, value), ...]}."""
    return md.Candidates(
        **{name: tuple(md.Candidate(*pair) for pair in pairs) for name, pairs in stated.items()},
        url="https://www.coastalnews.example/a",
    )


def test_an_article_page_gives_every_field():
    assert judged(ARTICLE) == md.PageMetadata(
        title="Harbour town opens tidal station",
        author="Maria Jensen",
        date="2024-03-12",
        url="https://www.coastalnews.example/2024/harbour",
        hostname="www.coastalnews.example",
        sitename="Coastal News",
        language="en",
        pagetype="article",
    )


def test_the_result_carries_the_metadata_under_trafilaturas_names():
    result = clean(ARTICLE, url="https://www.coastalnews.example/2024/harbour", kind="html")
    assert result.metadata == {
        "title": "Harbour town opens tidal station",
        "author": "Maria Jensen",
        "date": "2024-03-12",
        "url": "https://www.coastalnews.example/2024/harbour",
        "hostname": "www.coastalnews.example",
        "sitename": "Coastal News",
        "language": "en",
        "pagetype": "article",
    }


def test_without_metadata_only_title_and_url_are_read():
    result = clean(ARTICLE, url="https://www.coastalnews.example/2024/harbour", kind="html", metadata=False)
    assert result.metadata == {
        "title": "Harbour town opens tidal station",
        "author": None,
        "date": None,
        "url": "https://www.coastalnews.example/2024/harbour",
        "hostname": None,
        "sitename": None,
        "language": None,
        "pagetype": None,
    }


def test_title_drops_the_site_name_of_the_title_element():
    page = (
        "<html><head><title>Tidal power: a guide - Coastal News</title>"
        "<meta property='og:site_name' content='Coastal News'></head><body><p>x</p></body></html>"
    )
    assert judged(page).title == "Tidal power: a guide"


def test_title_drops_a_site_named_only_by_its_host():
    page = "<html><head><title>Coastalnews.example | Tidal power: a guide</title></head><body></body></html>"
    assert judged(page).title == "Tidal power: a guide"


def test_title_agreement_beats_a_lone_og_title_teaser():
    c = candidates(
        titles=[
            ("og:title", "You won't believe this harbour"),
            ("h1", "Harbour opens tidal station"),
            ("title", "Harbour opens tidal station | Coastal News"),
        ],
        sitenames=[("og:site_name", "Coastal News")],
    )
    assert md.judge(c).title == "Harbour opens tidal station"


def test_an_h1_that_is_the_site_name_is_not_the_title():
    c = candidates(
        titles=[("h1", "Coastal News"), ("title", "Ferry timetable changes | Coastal News")],
        sitenames=[("og:site_name", "Coastal News")],
    )
    assert md.judge(c).title == "Ferry timetable changes"


@pytest.mark.parametrize(
    "byline, name",
    [
        ("By Maria Jensen - 12 March 2024", "Maria Jensen"),
        ("Written by: Maria Jensen | Edited by Ole Berg", "Maria Jensen"),
        ("Posted by maria_j » Sat Feb 24, 2024 12:41 pm", "maria_j"),
        ("Maria Jensen Last updated on 17 December 2025", "Maria Jensen"),
        ("Dec 17, 2025 Maria Jensen", "Maria Jensen"),
        ("By", None),
        ("https://www.facebook.com/coastalnews", None),
    ],
)
def test_author_name_of_a_byline(byline, name):
    assert md.author_name(byline, "byline") == name


def test_a_person_in_the_byline_outweighs_the_site_as_json_ld_author():
    c = candidates(
        authors=[
            ("json-ld:article", "Coastal News"),
            ("byline", "By Maria Jensen"),
            ("text", "By Maria Jensen, 12 March 2024"),
        ],
        sitenames=[("og:site_name", "Coastal News")],
    )
    assert md.judge(c).author == "Maria Jensen"


def test_later_posts_of_a_thread_do_not_outvote_its_first():
    c = candidates(
        authors=[("itemprop", "maria_j"), ("itemprop", "ole"), ("itemprop", "ole"), ("itemprop", "ole")]
    )
    assert md.judge(c).author == "maria_j"


def test_the_published_date_beats_the_modified_one():
    c = candidates(
        dates=[
            ("modified", "2024-05-01T10:00:00Z"),
            ("article:published_time", "2024-03-12T09:41:00Z"),
            ("time", "2024-05-01"),
        ]
    )
    assert md.judge(c).date == "2024-03-12"


@pytest.mark.parametrize(
    "stated, day",
    [
        ("2024-03-12T09:41:00+00:00", "2024-03-12"),
        ("20240312", "2024-03-12"),
        ("March 12th, 2024", "2024-03-12"),
        ("Tue, 12 Mar 2024 09:41", "2024-03-12"),
        ("4/24/2000", "2000-04-24"),
        ("24/4/2000", "2000-04-24"),
        ("12.03.2024", "2024-03-12"),
        ("March 2024", None),  # a month, no day: none is invented
        ("© 2024 Coastal News", None),
        ("2024-02-30", None),
        ("March 12, 1850", None),  # not a date a web page was published on
    ],
)
def test_parse_day(stated, day):
    assert md.parse_day(stated) == day


def test_no_date_where_the_page_states_none():
    page = (
        "<html><head><title>Ferry timetable</title></head><body><h1>Ferry timetable</h1>"
        "<p>Boats leave every hour from 6 to 22.</p><footer>© 2024 Coastal News</footer></body></html>"
    )
    found = judged(page)
    assert (found.date, found.author) == (None, None)


def test_a_date_shown_under_the_headline_counts():
    page = (
        "<html><body><h1>Ferry timetable changes</h1><div><span>By Ole Berg</span>"
        "<span>March 3, 2025</span></div><p>From next month boats leave every hour.</p></body></html>"
    )
    found = judged(page)
    assert (found.author, found.date) == ("Ole Berg", "2025-03-03")


@pytest.mark.parametrize(
    "tag, code", [("en-US", "en"), ("pt_BR", "pt"), ("de", "de"), ("x", None), ("", None)]
)
def test_language_code(tag, code):
    assert md.language_code(tag) == code


def test_pagetype_prefers_json_ld_to_a_catch_all_og_type():
    c = candidates(pagetypes=[("og:type", "website"), ("json-ld:other", "Product")])
    assert md.judge(c).pagetype == "product"


def test_broken_json_ld_is_read_when_only_a_trailing_comma_spoils_it():
    page = (
        '<html><head><script type="application/ld+json">{"@type": "BlogPosting", '
        '"headline": "Ferry timetable changes", "author": {"name": "Ole Berg"},}</script></head>'
        "<body></body></html>"
    )
    found = judged(page, url=None)
    assert (found.title, found.author) == ("Ferry timetable changes", "Ole Berg")


def test_text_input_gives_what_its_lines_say_and_nothing_more():
    result = clean((Path(__file__).parent / "page_unknown_site.txt").read_text(encoding="utf-8"))
    assert {k: v for k, v in result.metadata.items() if v} == {
        "title": "Harbour town opens its first tidal power station",
        "author": "Maria Jensen",
        "date": "2024-03-12",
        "language": "en",
    }


def test_text_without_byline_or_date_has_none():
    result = clean(
        "Boats leave every hour from six in the morning until ten at night, all year round.\n"
        "The timetable changes next month, when two more boats join the route to the island."
    )
    assert (result.author, result.date) == (None, None)
