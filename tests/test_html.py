"""The HTML stage: extraction, its cleaning of trafilatura's blocks, fallbacks, robustness.

Every page here is written for these tests.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import html as html_stage

from conftest import HTML_PAGE

ARTICLE = [
    "The small harbour town of Westcombe switched on its first tidal power station on Tuesday "
    "morning, after nine years of planning and two failed funding rounds.",
    "The station sits under the old north pier and uses four slow turbines that turn with the "
    "incoming and outgoing tide, producing enough electricity for about three thousand homes.",
    "Engineers spent most of last summer lowering the turbine frames from a floating crane, "
    "working only during the short calm window between two tides.",
    "The mayor said the project would pay for itself within fifteen years and that the town hopes "
    "to add two more turbines if the first winter goes well.",
    "Local fishermen, who had worried about the effect on their boats, said they had noticed no "
    "change in the currents near the harbour mouth so far.",
]
TITLE = "Harbour town opens its first tidal power station"
URL = "https://ledger.example.org/2024/03/12/tidal-power-station"

HEAD = f"""<meta charset="utf-8">
<title>{TITLE} | The Coastal Ledger</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="The Coastal Ledger">
<link rel="canonical" href="{URL}">
<meta name="author" content="Maria Okafor">
<meta property="article:published_time" content="2024-03-12T08:30:00+00:00">"""


def page(article_html: str, head: str = HEAD) -> str:
    """A whole page: header, navigation and footer around an <article>."""
    return f"""<!DOCTYPE html>
<html lang="en"><head>{head}</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>{TITLE}</h1>
{article_html}
</article></main>
<footer><p>The Coastal Ledger, 4 Quay Street, Westcombe.</p></footer>
</body></html>"""


def paragraphs(*texts: str) -> str:
    return "\n".join(f"<p>{t}</p>" for t in texts)


def assert_article_kept(text: str) -> None:
    for sentence in ARTICLE:
        assert sentence in text


# --- widgets inside the article container -------------------------------------------------

WIDGET_TEXT = [
    "Pier repairs finished ahead of winter storms",
    "Council approves budget for coastal projects",
    "Fishing quotas cut again for local boats",
    "1.0842",
    "0.8531",
    "161.37",
    "Notify of",
    "guest",
    "0 Comments",
    "Oldest",
    "Newest Most Voted",
    "Inline Feedbacks",
    "View all comments",
]

RELATED_PLUGIN = """<div class="related-posts"><h3>Related articles</h3><ul>
<li><a href="/2024/01/05/pier-repairs">Pier repairs finished ahead of winter storms</a></li>
<li><a href="/2023/11/20/council-budget">Council approves budget for coastal projects</a></li>
<li><a href="/2023/09/14/fishing-quotas">Fishing quotas cut again for local boats</a></li>
</ul></div>"""
RATES_PLUGIN = """<div class="exchange-rates-box"><table>
<tr><td>USD</td><td>1.0842</td><td>+0.12%</td></tr>
<tr><td>GBP</td><td>0.8531</td><td>-0.05%</td></tr>
<tr><td>JPY</td><td>161.37</td><td>+0.31%</td></tr>
</table></div>"""
WPDISCUZ_PLUGIN = """<div class="wpdiscuz_top_clearing"></div>
<div id="wpdcom" class="wpdiscuz_unauth wpd-default wpd-layout-1">
<div class="wpd-form-head"><div class="wpd-sbs-toggle"><span class="wpd-sbs-title">Notify of</span></div></div>
<div class="wpd-thread-head">
<div class="wpd-thread-info"><span class="wpdtc">0</span> Comments</div>
<div class="wpd-thread-filter"><span>Oldest</span> <span>Newest</span> <span>Most Voted</span></div>
</div>
<div class="wpd-comment-info-bar"><div>Inline Feedbacks</div><div>View all comments</div></div>
<div class="wpd-comment-author">guest</div>
</div>"""

# The same widgets in markup whose class names say nothing (a minified or unknown theme):
# only what the blocks are (links, rates, comment-box labels) can tell them apart.
RELATED_BARE = """<h3>Related articles</h3><ul>
<li><a href="/2024/01/05/pier-repairs">Pier repairs finished ahead of winter storms</a></li>
<li><a href="/2023/11/20/council-budget">Council approves budget for coastal projects</a></li>
<li><a href="/2023/09/14/fishing-quotas">Fishing quotas cut again for local boats</a></li>
</ul>"""
RATES_BARE = """<ul class="x9">
<li>USD 1.0842 +0.12%</li><li>GBP 0.8531 -0.05%</li><li>JPY 161.37 +0.31%</li><li>CHF 0.9602 +0.02%</li>
</ul>"""
WPDISCUZ_BARE = """<div class="k1">
<p>Notify of</p><p>guest</p><p>0 Comments</p><p>Oldest</p><p>Newest Most Voted</p>
<p>Inline Feedbacks</p><p>View all comments</p>
</div>"""


@pytest.mark.parametrize(
    "related, rates, comments",
    [
        (RELATED_PLUGIN, RATES_PLUGIN, WPDISCUZ_PLUGIN),
        (RELATED_BARE, RATES_BARE, WPDISCUZ_BARE),
    ],
    ids=["plugin-markup", "bare-markup"],
)
def test_widgets_in_the_article_container_are_removed(related, rates, comments):
    body = (
        paragraphs(*ARTICLE[:2])
        + related
        + paragraphs(ARTICLE[2])
        + rates
        + paragraphs(*ARTICLE[3:])
        + comments
    )
    result = cleaner.clean(page(body).encode(), kind="html")
    assert_article_kept(result.text)
    for line in result.paragraphs:
        assert line in ARTICLE, f"not article text: {line!r}"
    for widget in WIDGET_TEXT:
        assert widget not in result.text


def test_removed_blocks_say_which_rule_and_why():
    body = paragraphs(*ARTICLE) + RELATED_BARE + WPDISCUZ_BARE
    extracted = html_stage.extract(page(body), URL)
    by = {r.by for r in extracted.removed}
    assert {"html:title", "html:link-list", "html:comment-furniture"} <= by
    categories = {r.category for r in extracted.removed}
    assert {"metadata", "related-links", "comment-box"} <= categories
    assert all(r.line >= 1 and r.text for r in extracted.removed)


def test_removals_number_the_lines_of_the_text_kept_whole():
    from cleaner.text.segment import segment

    body = (
        paragraphs(*ARTICLE[:2])
        + RELATED_BARE
        + paragraphs(ARTICLE[2])
        + RATES_BARE
        + paragraphs(*ARTICLE[3:])
    )
    whole = html_stage.extract(page(body), URL, drop=False)
    lines = {line.number: " ".join(line.text.split()) for line in segment(whole.text)}
    for removal in whole.removed:
        assert removal.text in lines[removal.line]
    gone = {r.line for r in whole.removed}
    dropped = html_stage.extract(page(body), URL)
    assert [t for n, t in lines.items() if n not in gone] == [
        " ".join(t.split()) for t in dropped.text.splitlines()
    ]


# --- title and metadata -------------------------------------------------------------------


def test_metadata_comes_from_the_page():
    result = cleaner.clean(page(paragraphs(*ARTICLE)).encode(), kind="html")
    assert result.title == TITLE
    assert result.date == "2024-03-12"
    assert result.author == "Maria Okafor"
    assert result.sitename == "The Coastal Ledger"
    assert result.url == URL


def test_body_does_not_repeat_the_title():
    result = cleaner.clean(page(paragraphs(*ARTICLE)).encode(), kind="html")
    assert TITLE not in result.text
    assert result.paragraphs[0] == ARTICLE[0]


def test_headline_worded_unlike_the_title_is_dropped_with_its_standfirst():
    head = HEAD.replace(f'content="{TITLE}"', 'content="Tidal station opens"').replace(
        f"<title>{TITLE} |", "<title>Tidal station opens |"
    )
    standfirst = "<h2>Nine years after the first plans, four turbines now turn under the north pier</h2>"
    result = cleaner.clean(page(standfirst + paragraphs(*ARTICLE), head=head).encode(), kind="html")
    assert result.paragraphs[0] == ARTICLE[0]
    assert_article_kept(result.text)


# --- line rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, rule",
    [
        ("<p>Follow the Coastal Ledger on Twitter and Facebook.</p>", "html:share-prompt"),
        ("<p>Sign up for our morning newsletter</p>", "html:newsletter-prompt"),
        ("<p>Copyright © 2024 The Coastal Ledger. All rights reserved.</p>", "html:credit-line"),
        ("<p>Leave a Reply</p>", "html:comment-furniture"),
    ],
)
def test_line_rules_after_the_text(line, rule):
    extracted = html_stage.extract(page(paragraphs(*ARTICLE) + line), URL)
    assert_article_kept(extracted.text)
    assert rule in {r.by for r in extracted.removed}


@pytest.mark.parametrize(
    "credit",
    [
        "Additional reporting by Maria Okafor in Westcombe",
        "Reporting by Maria Okafor; Editing by Tom Reyes",
        "Tom Reyes contributed to this report.",
    ],
)
def test_the_article_s_closing_credit_line_stays(credit):
    extracted = html_stage.extract(page(paragraphs(*ARTICLE, credit)), URL)
    assert credit in extracted.text


def test_related_teaser_between_paragraphs_is_removed():
    teaser = '<p>Related: <a href="/x">Pier repairs finished ahead of winter storms</a></p>'
    extracted = html_stage.extract(page(paragraphs(*ARTICLE[:3]) + teaser + paragraphs(*ARTICLE[3:])), URL)
    assert "Pier repairs" not in extracted.text
    assert_article_kept(extracted.text)
    assert "html:related-label" in {r.by for r in extracted.removed}


def test_dateline_before_the_text_is_removed():
    extracted = html_stage.extract(page("<p>Published 12 March 2024, 09:30</p>" + paragraphs(*ARTICLE)), URL)
    assert "Published" not in extracted.text
    assert_article_kept(extracted.text)


def test_dates_inside_the_text_stay():
    timeline = "<h2>March 2019</h2><p>Planning began.</p><h2>June 2021</h2><p>Funding failed twice.</p>"
    extracted = html_stage.extract(page(paragraphs(*ARTICLE[:2]) + timeline + paragraphs(*ARTICLE[2:])), URL)
    for kept in ("March 2019", "Planning began.", "June 2021", "Funding failed twice."):
        assert kept in extracted.text


def test_a_list_inside_the_text_stays_even_with_links():
    steps = """<ul><li>Check the <a href="/tides">tide table</a> before walking on the pier at night</li>
<li>Keep to the marked path on the south side of the harbour wall</li>
<li>Call the harbour office if the warning light is on</li></ul>"""
    extracted = html_stage.extract(page(paragraphs(*ARTICLE[:3]) + steps + paragraphs(*ARTICLE[3:])), URL)
    assert "tide table before walking on the pier at night" in extracted.text
    assert "Call the harbour office if the warning light is on" in extracted.text


def test_an_item_whose_markup_opens_with_a_line_break_keeps_its_marker_on_its_line():
    steps = """<ul><li>
        <div class="question">
            <div>Check the tide table before walking on the pier at night</div>
        </div></li>
<li>
        <div class="question">
            <div>Keep to the marked path on the south side of the harbour wall</div>
        </div></li></ul>"""
    extracted = html_stage.extract(page(paragraphs(*ARTICLE[:3]) + steps + paragraphs(*ARTICLE[3:])), URL)
    assert "\n- Check the tide table before walking on the pier at night\n" in extracted.text
    assert "\n-\n" not in extracted.text


def test_a_page_that_is_a_list_of_stories_keeps_them():
    items = "".join(
        f'<li><a href="/s{i}">Story number {i} of the day</a> about the harbour, the pier, the boats '
        f"and everything the town council decided this week on the coastal budget.</li>"
        for i in range(8)
    )
    extracted = html_stage.extract(page(f"<p>Good morning, here is the news.</p><ul>{items}</ul>"), URL)
    assert "Story number 7 of the day" in extracted.text


def test_text_the_page_shows_as_a_character_reference_stays_as_shown():
    """trafilatura's rendering decodes references a second time: "&amp;lt;" in the markup
    is "&lt;" on the screen, not "<"."""
    escaping = paragraphs(
        "To show a less-than sign, the page's source says &amp;lt; and an ampersand &amp;amp; "
        "written out, as the style guide of the Coastal Ledger's web desk asks of its editors."
    )
    extracted = html_stage.extract(page(paragraphs(*ARTICLE[:3]) + escaping + paragraphs(*ARTICLE[3:])), URL)
    assert "the page's source says &lt; and an ampersand &amp; written out" in extracted.text
    assert_article_kept(extracted.text)
    comments = html_stage.extract(
        page(
            paragraphs(*ARTICLE) + '<div class="comments"><div class="comment"><p>I write &amp;lt;br&amp;gt; '
            "by hand in every post I send to the Ledger.</p></div></div>"
        ),
        URL,
        comments=True,
    ).comments
    assert comments == ("I write &lt;br&gt; by hand in every post I send to the Ledger.",)


# --- the article body split by ads ----------------------------------------------------------


def test_article_body_split_in_sibling_containers_is_merged():
    chunk = '<div class="grid"><div class="article-body body-copy">{}</div><div class="rail"></div></div>'
    body = (
        '<div class="chunks">'
        + chunk.format(paragraphs(*ARTICLE[:3]))
        + '<div class="ad-slot">Advertisement</div>'
        + chunk.format(paragraphs(*ARTICLE[3:]))
        + "</div>"
    )
    extracted = html_stage.extract(page(body), URL)
    assert_article_kept(extracted.text)
    assert any("merged" in note for note in extracted.notes)


# --- fallbacks ------------------------------------------------------------------------------

# trafilatura always discards <aside>: a page whose text sits in one gives it nothing
ASIDE_ONLY = f"""<html><head><title>Opening hours</title></head><body>
<aside>{paragraphs(*ARTICLE)}</aside></body></html>"""


def test_fallback_to_whole_page_text_when_trafilatura_finds_next_to_nothing():
    extracted = html_stage.extract(ASIDE_ONLY)
    assert extracted.whole_page
    assert any(note.startswith("fallback: trafilatura extracted") for note in extracted.notes)
    assert_article_kept(extracted.text)
    result = cleaner.clean(ASIDE_ONLY.encode(), kind="html")
    assert result.text
    assert any(note.startswith("fallback:") for note in result.notes)


def test_fallback_when_trafilatura_raises(monkeypatch):
    import trafilatura

    def boom(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    extracted = html_stage.extract(page(paragraphs(*ARTICLE)), URL)
    assert extracted.whole_page
    assert "RecursionError" in extracted.notes[0]
    assert_article_kept(extracted.text)


def test_generic_detection_runs_on_whole_page_text_only(monkeypatch):
    from cleaner.text import detect

    seen = []
    monkeypatch.setattr(detect, "detect", lambda lines, protected=frozenset(): seen.append(len(lines)) or [])
    cleaner.clean(page(paragraphs(*ARTICLE)).encode(), kind="html")
    assert seen == []
    cleaner.clean(ASIDE_ONLY.encode(), kind="html")
    assert len(seen) == 1


def test_prune_xpath_from_rules_is_applied_and_a_bad_one_ignored():
    promo = '<div class="promo">Buy the Ledger mug today, all of them are on sale.</div>'
    extracted = html_stage.extract(
        page(paragraphs(*ARTICLE) + promo), URL, ("//div[@class='promo']", "//div[[[")
    )
    assert "Ledger mug" not in extracted.text
    assert not extracted.whole_page
    assert_article_kept(extracted.text)
    assert any("not valid XPath" in note for note in extracted.notes)


# --- input forms ----------------------------------------------------------------------------


def test_gzipped_page():
    result = cleaner.clean(gzip.compress(page(paragraphs(*ARTICLE)).encode()))
    assert result.kind == "html"
    assert_article_kept(result.text)


def test_legacy_encoding_declared_in_meta_charset():
    accented = (
        "À Westcombe, le café du port a servi des crêpes à l’équipe pendant toute la "
        "durée des travaux, raconte Zoë Müller, gérante naïve mais ravie."
    )
    html = page(
        paragraphs(*ARTICLE[:2], accented, *ARTICLE[2:]),
        head=HEAD.replace('<meta charset="utf-8">', '<meta charset="windows-1252">'),
    )
    data = html.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = cleaner.clean(data, kind="html")
    assert accented in result.text
    latin1 = html.replace("’", "'").replace("windows-1252", "iso-8859-1")
    result = cleaner.clean(latin1.encode("latin-1"), kind="html")
    assert accented.replace("’", "'") in result.text


# --- robustness: never raise, always return promptly -----------------------------------------


def clean_html(html: str):
    # (these pages are built to be slow: bench/hostile_inputs.py times them)
    return cleaner.clean(html, kind="html")


@pytest.mark.parametrize(
    "open_tags, close_tags", [("<div>", "</div>"), ("<b><i>", "</i></b>")], ids=["divs", "inline"]
)
def test_page_nested_30000_levels_deep(open_tags, close_tags):
    depth = 30_000 // open_tags.count("<")
    html = (
        f"<html><body><p>{ARTICLE[0]}</p>"
        + open_tags * depth
        + f"<p>{ARTICLE[1]}</p>"
        + close_tags * depth
        + f"<p>{ARTICLE[2]}</p></body></html>"
    )
    result = clean_html(html)
    assert any("nested deeper" in note for note in result.notes)
    extracted = html_stage.extract(html)  # the parser stops at depth 256: the text comes from the markup
    assert extracted.whole_page
    for sentence in ARTICLE[:3]:
        assert sentence in extracted.text


@pytest.mark.parametrize(
    "html",
    [
        page(paragraphs(*ARTICLE))[:1500],  # cut off mid-article
        "<html><body><article><p>" + ARTICLE[0] + "<p>" + ARTICLE[1] + "</div></span></table>",
        "<html><body><p>" + ARTICLE[0] + "</p><script>var a = '<p>not text</p>",  # unclosed script
        "<html><body><<<>>><p>" + ARTICLE[0] + " </p </body>",
        "<?xml version='1.0'?><html><body><p>" + ARTICLE[0] + "</p></body></html>",
        "<html><body>\x00\x01<p>" + ARTICLE[0] + "</p>\ufffd</body></html>",
    ],
    ids=["truncated", "unclosed-tags", "unclosed-script", "broken-tags", "xml-declaration", "control-chars"],
)
def test_malformed_html(html):
    result = clean_html(html)
    assert ARTICLE[0][:60] in result.text


@pytest.mark.parametrize(
    "html", ["", "   \n", "<html></html>", "<html><head><title>x</title></head><body></body></html>"]
)
def test_empty_pages(html):
    result = clean_html(html)
    assert result.text == ""


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><form><input name=q><label>Find</label></form><p>Text.</p></body></html>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>declared</p></body></html>",
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "<div>a</div><div>b</div>",  # no <html>, but a document of two blocks
        "<p>a lone fragment</p>",  # no <html>, one block: not a page (load_html's rule)
        "just text",
        "caf\udcff <html><b>x</b></html>",  # a lone surrogate: parsed from its bytes
    ],
    ids=["form", "xml-declaration", "doctype", "two-blocks", "fragment", "text", "surrogate"],
)
def test_the_page_is_parsed_as_trafilatura_parses_it(html):
    from lxml import etree
    from trafilatura.utils import load_html

    from cleaner.html import page

    ours, theirs = page.parse(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)
        assert [type(el) for el in ours.iter()] == [type(el) for el in theirs.iter()]


def test_page_with_no_article():
    html = (
        "<html><head><title>Westcombe portal</title></head><body><nav>"
        + "".join(f'<a href="/s{i}">Section {i}</a> ' for i in range(30))
        + '</nav><form><input type="search"><button>Search</button></form></body></html>'
    )
    result = clean_html(html)
    assert result.text == ""
    assert result.notes == (
        "no main content: the page has fewer than 10 words outside its navigation, "
        "header, footer and asides, and most of its text is links",
    )


def test_twenty_megabyte_page():
    filler = '<div class="card"><a href="/item">An item in a very long list</a> with some words</div>\n'
    html = page(paragraphs(*ARTICLE) + filler * (20_000_000 // len(filler)))
    assert len(html) > 20_000_000
    result = clean_html(html)
    assert_article_kept(result.text)
    assert any("too large" in note for note in result.notes)


def test_huge_script_is_cut_before_parsing():
    html = page(paragraphs(*ARTICLE)).replace(
        "</head>", "<script>" + "var x = 1;" * 300_000 + "</script></head>"
    )
    result = clean_html(html)
    assert result.paragraphs[0] == ARTICLE[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<a href='/x'>",
                "</a>",
                "<ul><li>",
                "<table><tr><td>",
                "<!--",
                "-->",
                "<script>",
                "</script>",
                "&amp;",
                "<h1>",
                "</h1>",
                "Word ",
                "A sentence of text. ",
                "\n",
                "<",
                ">",
            ]
        ),
        max_size=80,
    )
)
def test_extract_never_raises_nor_invents_words(parts):
    html = "<html><body>" + "".join(parts)
    extracted = html_stage.extract(html)
    assert not Counter(re.findall(r"\w+", extracted.text)) - Counter(re.findall(r"\w+", html))


# --- find_url -------------------------------------------------------------------------------


def test_find_url_reads_canonical_or_og_url():
    assert html_stage.find_url(page("<p>x</p>")) == URL
    assert (
        html_stage.find_url('<meta property="og:url" content="https://a.example/b">') == "https://a.example/b"
    )
    assert html_stage.find_url('<link rel="canonical" href="/relative">') is None


def test_removal_numbers_hold_when_a_block_ends_in_a_newline():
    """The page's own URL in a block whose text ends in a newline: the removal must
    point at the URL line, not at the article's first paragraph below it."""
    from cleaner import html as html_stage
    from cleaner.text.segment import segment

    url = "https://news.example.org/2024/05/cat-found-far-from-home"
    page = f"""<html><head><title>Cat found far from home</title>
    <link rel="canonical" href="{url}"></head><body><article>
    <div>
        {url}
    </div>
    <h1>Cat found far from home</h1>
    <p>SANTA FE, N.M. (AP) — A cat missing for five years in Portland has been found in Santa Fe.</p>
    <p>The shelter said a scan of the cat's microchip led them to its owner, who was overjoyed.</p>
    <p>The owner said she had never given up hope of seeing the cat again after it vanished.</p>
    </article></body></html>"""
    kept_by_drop = [" ".join(x.text.split()) for x in segment(html_stage.extract(page, url, drop=True).text)]
    numbered = html_stage.extract(page, url, drop=False)
    gone = {r.line for r in numbered.removed}
    kept_by_number = [" ".join(x.text.split()) for x in segment(numbered.text) if x.number not in gone]
    assert kept_by_number == kept_by_drop
    assert kept_by_drop[0].startswith("SANTA FE, N.M. (AP)")


def test_a_mega_menu_over_the_element_limit_goes_before_anything_is_cut():
    menu = "".join(f'<li><a href="/c/{n}">Category {n}</a></li>' for n in range(html_stage.MAX_ELEMENTS))
    page_html = page(paragraphs(*ARTICLE)).replace("<header><nav>", f"<header><nav><ul>{menu}</ul>")
    extracted = html_stage.extract(page_html, URL)
    assert_article_kept(extracted.text)
    assert not any(note.startswith("limit:") for note in extracted.notes)


def test_a_page_still_over_the_element_limit_says_so():
    filler = "<div><span>x</span></div>" * html_stage.MAX_ELEMENTS
    extracted = html_stage.extract(page(paragraphs(*ARTICLE)).replace("<main>", filler + "<main>"), URL)
    [note] = [note for note in extracted.notes if note.startswith("limit:")]
    found = re.fullmatch(
        r"limit: page has ([\d,]+) elements besides its navigation and icons, "
        rf"only its first {html_stage.MAX_ELEMENTS:,} read",
        note,
    )
    assert found and int(found.group(1).replace(",", "")) > 2 * html_stage.MAX_ELEMENTS


def test_a_table_of_years_and_figures_keeps_its_rows():
    """A data row with a year in it ("2024 | 1,200") is a row of the table, not a dateline,
    also where the table ends the article (where datelines are looked for)."""
    table = (
        "<table><tr><th>Year</th><th>Homes supplied</th></tr>"
        "<tr><td>2023</td><td>900</td></tr><tr><td>2024</td><td>1,200</td></tr></table>"
    )
    result = cleaner.clean(page(paragraphs(*ARTICLE) + table), kind="html")
    assert "2023 | 900" in result.text and "2024 | 1,200" in result.text
    assert not [r for r in result.removals if r.by == "html:dateline"]


def test_a_one_row_layout_table_with_a_date_is_still_a_dateline():
    layout = "<table><tr><td>Posted</td><td>12 March 2024</td></tr></table>"
    result = cleaner.clean(page(paragraphs(*ARTICLE) + layout), kind="html")
    assert "Posted" not in result.text
    assert [r.text for r in result.removals if r.by == "html:dateline"] == ["Posted 12 March 2024"]


def test_a_contents_label_without_its_list_is_removed():
    """The label of a table of contents a script builds (no list in the markup) is furniture."""
    result = cleaner.clean(page("<p>In this article</p>" + paragraphs(*ARTICLE)), kind="html")
    assert "In this article" not in result.text
    assert_article_kept(result.text)
    assert [r.text for r in result.removals if r.by == "html:contents-label"] == ["In this article"]


def test_a_contents_label_over_its_list_stays():
    items = [
        "How four slow turbines under the old pier turn the tide into power",
        "What the station means for the fishing fleet and the harbour's visitors",
        "When the second station on the south pier could follow",
    ]
    contents = "<p>Contents</p><ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    result = cleaner.clean(page(paragraphs(*ARTICLE[:1]) + contents + paragraphs(*ARTICLE[1:])), kind="html")
    assert items[0] in result.text  # the list stays, and so does its label
    assert "Contents" in result.text.split("\n")
    assert not [r for r in result.removals if r.by == "html:contents-label"]


@pytest.mark.parametrize(
    "credit",
    [
        "Photo: Jane Doe/Reuters",
        "Image credit: © Harbour Archive",
        "The new turbines under the north pier. Photo by: 'Sam Reyes'.",
        "The harbour at dawn (Picture credit: Getty)",
        "Sam Reyes/Getty Images",
    ],
)
def test_a_picture_credit_is_removed(credit):
    result = cleaner.clean(page(paragraphs(*ARTICLE[:2], credit, *ARTICLE[2:])), kind="html")
    assert credit not in result.text
    assert_article_kept(result.text)
    assert [r.text for r in result.removals if r.by == "html:photo-credit"] == [credit]


def test_a_line_of_configuration_naming_an_image_is_no_credit():
    line = "image: nginx:1.14.2"
    result = cleaner.clean(page(paragraphs(*ARTICLE[:2], line, *ARTICLE[2:])), kind="html")
    assert line in result.text


def test_threads_parse_with_parsers_of_their_own():
    # an lxml parser shared by threads aborted the process now and then when clean()
    # ran in a thread pool; each thread now has its own, kept for its next page
    from concurrent.futures import ThreadPoolExecutor

    from cleaner.html import page

    with ThreadPoolExecutor(4) as pool:
        parsers = list(pool.map(lambda _: id(page._html_parser()), range(4)))
    assert page._html_parser() is page._html_parser()
    assert id(page._html_parser()) not in parsers
    pages = [HTML_PAGE.replace("two kilometres", f"{k} kilometres") for k in range(16)]
    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(lambda p: cleaner.clean(p, kind="html").text, pages))
    assert texts == [cleaner.clean(p, kind="html").text for p in pages]
