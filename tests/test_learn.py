"""Learning a site's template from its pages: learn.py, learnjudge.py, rulegen.py (the commands: test_learn_cli.py)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from learnsite import DATES, FOOTER, GOLDEN, HEADER, STORIES, removed_texts, site_page

import cleaner
from cleaner import learn, rulegen, rules


def learned(pages: list[str], host: str = "news.example.com") -> learn.LearnedSite:
    sites = learn.learn((host, learn.page_texts(p, "text")) for p in pages)
    assert len(sites) == 1
    return sites[0]


# -- the learner ---------------------------------------------------------------


def test_header_footer_and_date_shape_are_learned():
    site = learned([site_page(k) for k in range(4)])
    gone = removed_texts(site, site_page(0))
    assert gone == {*HEADER, *FOOTER, DATES[0]}
    # the shape covers dates the pages never showed
    assert removed_texts(site, "Posted on November 30, 2025") == {"Posted on November 30, 2025"}


def test_header_rules_act_near_the_top_only(tmp_path):
    # a header of 4 lines: header rules act on the first 8 lines of a page, so that
    # "Sports" as a heading far down a page's text stays
    book = book_with(tmp_path, [site_page(k) for k in range(4)])
    title, body = STORIES[3]
    page = "\n".join(
        [
            *HEADER,
            title,
            *body,
            *(f"Paragraph {k} of the story, with its own words." for k in range(6)),
            "Sports",
            "The season starts in May with six teams.",
            DATES[3],
            *FOOTER,
        ]
    )
    result = cleaner.clean(page, url="https://news.example.com/long", rulebook=book)
    assert [r.text for r in result.removals if r.by.startswith("learned-")][:4] == HEADER
    assert "Sports" in result.paragraphs


def test_a_repeated_line_among_the_pages_own_lines_is_not_learned():
    # "Specifications" is on two pages, but between their own paragraphs: a heading, not furniture
    site = learned([site_page(k) for k in range(4)])
    assert "Specifications" not in removed_texts(site, "Specifications")


def category_of(site: learn.LearnedSite, line: str) -> str | None:
    """The category of the rule of `site` that removes `line`, if one does."""
    for rule in site.rules:
        if removed_texts(learn.LearnedSite(site.host, site.pages, (rule,)), line):
            return rule.category
    return None


def test_categories_come_from_the_words_and_the_place():
    extra = ["More stories", "See the archive for more information."]
    site = learned([site_page(k) + "\n".join(extra) + "\n" for k in range(4)])
    assert {line: category_of(site, line) for line in (*HEADER, *FOOTER, *extra)} == {
        **dict.fromkeys(HEADER, "navigation"),
        FOOTER[0]: "newsletter",
        FOOTER[1]: "footer",
        "More stories": "related-links",
        "See the archive for more information.": "footer",
    }  # "more" in a sentence says nothing


def test_never_learns_from_one_page():
    site = learned([site_page(0)])
    assert site.rules == ()
    assert site.skipped == "1 page: learning needs 2"
    with pytest.raises(learn.LearnError):
        learn.Learner(learn.Settings(min_pages=1))


def test_a_line_on_fewer_than_half_the_pages_is_not_learned():
    pages = [site_page(k) for k in range(4)]
    pages[0] = "Special offer\n" + pages[0]  # on one page only, above its text
    pages[1] = "Special offer\n" + pages[1]  # two of four: half, learned
    assert "Special offer" in removed_texts(learned(pages), "Special offer")
    pages.append(site_page(2).replace("Local team", "Our team"))  # two of five: not half
    assert "Special offer" not in removed_texts(learned(pages), "Special offer")


@pytest.mark.parametrize(
    "quote",
    [
        "The mayor said the town would never forget what happened that winter.",
        # five words between spaces, nine to generic detection: read as prose all the same
        "The long-awaited state-of-the-art bridge opened.",
    ],
)
def test_prose_is_learned_only_when_always_at_the_edges(quote):
    pages = [site_page(k) for k in range(4)]
    pages[2] += quote + "\n"  # below the text of two pages: enough to learn a menu item ...
    pages[3] += quote + "\n"
    title, body = STORIES[0]  # ... but inside the text of a third: a sentence, maybe content
    pages[0] = "\n".join([*HEADER, title, body[0], quote, *body[1:], DATES[0], *FOOTER])
    assert quote not in removed_texts(learned(pages), quote)
    pages[0] = site_page(0) + quote + "\n"  # always below the text: a footer line
    assert quote in removed_texts(learned(pages), quote)


def test_pages_that_are_copies_are_not_emptied():
    # three copies of one page: every line repeats, and nothing is learned from it
    site = learned([site_page(0)] * 3)
    assert site.rules == ()
    assert (
        site.skipped == "its pages are copies of one another: what they share is their text, not a template"
    )


def test_a_copied_page_keeps_its_text_and_loses_the_template_the_other_pages_show():
    # two copies of one story among other pages: the copies would be emptied, so what
    # they share is not learned from them; the pages with text of their own still
    # show the menu, the date line and the footer as the template
    site = learned([site_page(0), site_page(0), site_page(1), site_page(2)])
    assert removed_texts(site, site_page(0)) == {*HEADER, *FOOTER, DATES[0]}


def test_a_shell_page_of_the_template_does_not_stop_the_learning():
    # a page that is the template and a word of its own (a search page, a sign-in
    # shell): the template is more than 95% of it, yet the other pages learn it
    header = [f"Menu entry number {k}, with its own long name" for k in range(12)]
    shell = "\n".join([*header, "Search", *FOOTER]) + "\n"
    pages = ["\n".join([*header, title, *body, *FOOTER]) + "\n" for title, body in STORIES[:3]]
    gone = removed_texts(learned([shell, *pages]), shell)
    assert gone == {*header, *FOOTER}


def test_the_learner_keeps_the_text_of_repeated_lines_only():
    learner = learn.Learner()
    for k in range(4):
        learner.add("news.example.com", learn.page_texts(site_page(k), "text"))
    site = learner.hosts["news.example.com"]
    assert sorted(site.texts.values()) == sorted([*HEADER, *FOOTER, "Specifications"])
    # lines of a shape are kept from their second page on, a few of them
    assert sorted(t for texts in site.shape_texts.values() for t in texts) == sorted([*DATES[1:], FOOTER[1]])
    assert all(isinstance(value, int) for value in site.shape_first.values())


def test_host_names():
    assert learn.host_of("https://www.Example.COM/a/b") == "example.com"
    assert learn.host_of("https://news.example.com/") == "news.example.com"
    assert learn.host_of("not a url") is None
    assert learn.as_host("www.example.org") == "example.org"
    assert learn.as_host("my pages") is None
    # an internationalised host, as written and as IDNA: one host, in its ASCII form
    assert learn.host_of("https://www.Bücher.example/a") == "xn--bcher-kva.example"
    assert learn.host_of("https://xn--bcher-kva.example/a") == "xn--bcher-kva.example"
    assert learn.as_host("bücher.example") == "xn--bcher-kva.example"


def test_shape_keeps_words_and_generalises_numbers_and_months():
    assert learn.shape("Posted on 3 May 2024") == "Posted on 0 MONTH 0"
    assert learn.shape("1385") is None  # a bare number says nothing of what it is
    assert learn.shape("Home") is None


SHAPED_LINE = st.text(alphabet="ab MayJun.0123\u0663\u00e9\n", max_size=130)


@settings(max_examples=300, deadline=None)
@given(st.lists(SHAPED_LINE, max_size=12))
def test_shapes_of_a_page_are_the_shapes_of_its_lines(texts):
    # a page at a time (the learner's way) gives what `shape` gives line by line,
    # lines with a line break of their own, long lines and non-ASCII digits included
    expected = [(k, shape) for k, shape in enumerate(map(learn.shape, texts)) if shape is not None]
    assert [(k, general) for k, general in learn.generalised(texts) if learn.worded(general)] == expected


LINE = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(LINE, min_size=1, max_size=8), min_size=2, max_size=5))
def test_a_line_on_one_page_only_is_never_learned(pages):
    texts = ["\n".join(lines) for lines in pages]
    site = learned(texts, host="example.com")
    for k, lines in enumerate(pages):
        others = {" ".join(line.split()) for j, other in enumerate(pages) if j != k for line in other}
        for line in lines:
            if " ".join(line.split()) not in others:
                assert not removed_texts(site, line), line


# -- rule files ------------------------------------------------------------------


def test_learned_file_matches_golden(tmp_path):
    site = learned([site_page(k) for k in range(4)])
    text = rulegen.render(site)
    # Regenerate on purpose only, and review the diff:
    #   .venv/bin/python -c "import tests.test_learn as t; t.GOLDEN.write_text(
    #       t.rulegen.render(t.learned([t.site_page(k) for k in range(4)])))"
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_learned_file_passes_rules_check(tmp_path):
    rulegen.write([learned([site_page(k) for k in range(4)])], tmp_path)
    assert rules.check([tmp_path]) == []


def test_keep_examples_that_a_rule_would_remove_are_replaced():
    site = learned([site_page(k) for k in range(4)])
    bad = learn.LearnedSite(
        site.host, site.pages, tuple(r.__class__(**{**r.__dict__, "keep": ("Home",)}) for r in site.rules)
    )
    assert all(rule.keep == (rulegen.FALLBACK_KEEP,) for rule in rulegen.checked(bad).rules)


def test_keep_examples_are_lines_a_reviewer_can_read():
    long_paragraph = " ".join(["A paragraph that runs on and on about the council's plans."] * 10)
    pages = [
        site_page(k).replace(STORIES[k][1][0], STORIES[k][1][0] + "\n" + long_paragraph + f" Page {k}.")
        for k in range(4)
    ]
    site = learned(pages)
    assert site.rules and all(0 < len(text) <= 200 for rule in site.rules for text in rule.keep)


def test_patterns_with_quotes_load(tmp_path):
    pages = [site_page(k).replace("Weather", "Today's weather") for k in range(3)]
    rulegen.write([learned(pages)], tmp_path)
    assert rules.check([tmp_path]) == []


# -- applying learned rules -----------------------------------------------------


def book_with(tmp_path, pages) -> rules.RuleBook:
    rulegen.write([learned(pages)], tmp_path)
    return rules.load_rulebook([tmp_path])


def test_learned_file_is_selected_by_the_url_host_only(tmp_path):
    book = book_with(tmp_path, [site_page(k) for k in range(4)])
    assert book.select(url="https://news.example.com/x").source == "news.example.com"
    assert book.select(url="https://www.news.example.com/x").source == "news.example.com"
    assert book.select(url="https://other.example.com/x").source is None
    # learned from news.example.com's pages: says nothing of its subdomains' pages
    assert book.select(url="https://sport.news.example.com/x").source is None


def test_clean_names_the_learned_rule_for_each_removal(tmp_path):
    book = book_with(tmp_path, [site_page(k) for k in range(3)])
    result = cleaner.clean(site_page(3), url="https://news.example.com/library", rulebook=book)
    by = {r.text: r.by for r in result.removals}
    assert by["Home"] == "learned-news-example-com-navigation-1"
    assert by["Posted on June 1, 2024"].startswith("learned-news-example-com-")
    assert "The central library will stay open until ten on Fridays from next month." in result.text


def test_detection_reads_the_lines_learned_rules_removed(tmp_path, monkeypatch):
    """Detection judges the whole page, template included (learned = true); the
    learned removals add to its own."""
    from cleaner.text import detect

    book = book_with(tmp_path, [site_page(k) for k in range(4)])
    read = []
    real = detect.detect

    def spy(lines, protected=frozenset()):
        read.extend(line.stripped for line in lines)
        return real(lines, protected)

    monkeypatch.setattr(detect, "detect", spy)
    result = cleaner.clean(site_page(1), url="https://news.example.com/b", rulebook=book)
    assert read[:4] == HEADER
    assert [r.by for r in result.removals if r.text == "Home"] == ["learned-news-example-com-navigation-1"]


def test_learned_flag_must_be_a_boolean(tmp_path):
    (tmp_path / "x.example.toml").write_text('[source]\ndescription = "x"\nlearned = "yes"\n')
    assert [str(f) for f in rules.check([tmp_path])] == [
        f"{tmp_path / 'x.example.toml'}: [source] learned must be true or false"
    ]
