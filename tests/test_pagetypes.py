"""Pages that are not news articles: a forum thread keeps its posts, a listing its
items, a news story still loses its comments; and the choice between
extractions (cleaner/html/choice.py) as a pure function.

Every page here is written for these tests.
"""

from __future__ import annotations

import json

import pytest

import cleaner
from cleaner.html import choice as htmlchoice

POSTS = [
    (
        "marta_k",
        "I replaced the pump on my 2015 boiler last winter and the pressure still drops "
        "by half a bar every night. The installer says the expansion vessel is fine. "
        "Has anybody seen this before, and what else should I check first?",
    ),
    (
        "oldplumber",
        "A pressure drop overnight with no visible leak is almost always the "
        "pressure relief valve letting by. Put a cup under the discharge pipe "
        "outside and look at it in the morning before you change anything else.",
    ),
    (
        "dave_r",
        "Same thing happened to us. In our case the filling loop was not shut off "
        "completely, so the system kept topping itself up and then venting through "
        "the relief valve. Check that both taps on the loop are fully closed.",
    ),
    (
        "marta_k",
        "Thanks both. There was water in the cup this morning, so it is the relief "
        "valve. The plumber is coming on Friday to replace it, and I will report back "
        "here if the pressure holds after that.",
    ),
    (
        "heatingnerd",
        "Before he replaces it, ask him to recharge the expansion vessel as well. "
        "A flat vessel makes the pressure climb when the heating runs, and that "
        "is what makes the relief valve open in the first place.",
    ),
]


def forum_page() -> str:
    posts = "\n".join(
        f"""<div class="post" id="post-{n}" itemprop="comment" itemscope
                 itemtype="https://schema.org/Comment">
              <div class="post-author"><a href="/members/{name}">{name}</a></div>
              <div class="post-date">12 March 2024, {9 + n}:15</div>
              <div class="post-body message"><p>{body}</p></div>
              <div class="post-actions"><a href="#">Reply</a> <a href="#">Quote</a></div>
            </div>"""
        for n, (name, body) in enumerate(POSTS)
    )
    nav = " ".join(f'<li><a href="/forum/{n}">Board {n}</a></li>' for n in range(12))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Boiler pressure drops overnight - Heating forum</title>
<script type="application/ld+json">{{"@context": "https://schema.org",
 "@type": "DiscussionForumPosting", "headline": "Boiler pressure drops overnight"}}</script>
</head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><h1>Boiler pressure drops overnight</h1>
<div class="thread">{posts}</div></main>
<footer><p>Heating forum. Terms. Privacy. Contact us.</p></footer>
</body></html>"""


def test_a_forum_thread_keeps_every_post():
    result = cleaner.clean(forum_page(), kind="html")
    for _, body in POSTS:
        assert body in " ".join(result.text.split()), body[:40]
    assert "Board 7" not in result.text


def qa_page() -> str:
    """A question in the page's <article>, its answers below it in containers named as
    comments: the markup of a news story with comments, on a page that declares a Q&A."""
    question, answers = POSTS[0], POSTS[1:]
    replies = "\n".join(
        f"""<li class="comment" id="comment-{n}"><div class="comment-author">{name}</div>
            <div class="comment-content"><p>{body}</p></div></li>"""
        for n, (name, body) in enumerate(answers)
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Boiler pressure drops overnight</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "QAPage",
 "mainEntity": {{"@type": "Question", "name": "Boiler pressure drops overnight",
 "answerCount": {len(answers)}}}}}</script>
</head><body><nav><a href="/">Home</a> <a href="/questions">Questions</a> <a href="/tags">Tags</a></nav>
<article><h1>Boiler pressure drops overnight</h1><p>{question[1]}</p></article>
<section id="comments" class="comments-area"><h2>{len(answers)} answers</h2>
<ol class="comment-list">{replies}</ol></section>
<footer>Heating questions and answers. Terms. Privacy.</footer></body></html>"""


def test_the_answers_of_a_q_and_a_page_are_content():
    result = cleaner.clean(qa_page(), kind="html")
    for _, body in POSTS:
        assert body in " ".join(result.text.split()), body[:40]


STORY = [
    "The city council approved the new tram line on Monday after a debate that ran "
    "late into the night, with twenty-one votes in favour and nine against.",
    "The line will connect the railway station with the university campus and the "
    "new hospital, and is expected to carry twelve thousand passengers a day.",
    "Construction will start next spring. The council has set aside ninety million "
    "euros, two thirds of it from a national transport fund.",
    "Shop owners along the route asked for compensation during the works, which the "
    "mayor said would be discussed at the next meeting in April.",
    "The opposition had asked for a cheaper bus lane instead, arguing that the city's "
    "debt would rise for a decade if the tram went ahead as planned.",
    "Transport officials said buses could not carry the expected numbers at peak hours "
    "and that the tram would cut journey times to the hospital by half.",
    "Residents of the old town, where the line will run through two narrow streets, "
    "will be consulted on the design of the stops before the summer.",
    "The first trams are due to run in three years, if the works keep to schedule and "
    "the national fund pays its share on time, the council said.",
]


def news_page() -> str:
    """A news story (of ordinary length: eight paragraphs) with three readers' comments
    under it. (On a story shorter than its comments, which is which is less clear.)"""
    story = " ".join(f"<p>{p}</p>" for p in STORY)
    comments = "".join(
        f'<li class="comment"><span class="comment-author">reader{n}</span>'
        f"<p>Comment number {n}: this is a waste of money and nobody asked us.</p></li>"
        for n in range(3)
    )
    return f"""<!DOCTYPE html><html><head><title>Council approves tram line</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Council approves tram line"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Council approves tram line</h1>{story}</article>
<section id="comments" class="comments-area"><h2>3 comments</h2><ol class="comment-list">{comments}</ol>
</section><footer>Copyright 2024 The Daily Example</footer></body></html>"""


def test_a_news_story_loses_its_comments():
    result = cleaner.clean(news_page(), kind="html")
    for paragraph in STORY:
        assert paragraph in result.text
    assert "waste of money" not in result.text


def test_decomposed_accents_are_composed():
    text = (
        "Das Gera\u0308t wurde am Montag gepru\u0308ft und fu\u0308r gut befunden, "
        "sagte der Leiter der Pru\u0308fstelle in Berlin.\n"
    )
    result = cleaner.clean(text, kind="text")
    assert "geprüft" in result.text and "\u0308" not in result.text


# ---------------------------------------------------------------------------
# the choice as a pure function

MARKUP = htmlchoice.PageMarkup(
    typed_text="",
    post_elements=0,
    article_elements=1,
    link_words=10,
    list_items=4,
    table_cells=0,
    code_blocks=0,
    headings=2,
)


def test_signals_measure_length_and_overlap():
    found = htmlchoice.signals(
        MARKUP, 100, "alpha beta gamma delta", "alpha beta gamma delta epsilon zeta eta theta"
    )
    assert found.first_share == pytest.approx(0.04)
    assert found.second_share == pytest.approx(0.08)
    assert found.first_in_second == 1.0
    assert found.second_in_first == 0.5
    assert found.link_share == pytest.approx(0.1)
    assert found.discussion_schema == 0.0


def test_signals_read_the_declared_page_type():
    typed = htmlchoice.PageMarkup(**{**MARKUP.__dict__, "typed_text": '{"@type": "QAPage"}'})
    assert htmlchoice.signals(typed, 10, "a", "b").discussion_schema == 1.0
    product = htmlchoice.PageMarkup(**{**MARKUP.__dict__, "typed_text": "https://schema.org/Product"})
    assert htmlchoice.signals(product, 10, "a", "b").product_schema == 1.0


def _model(weight_on: str, weight: float) -> htmlchoice.Model:
    names = htmlchoice.INPUT_NAMES
    return htmlchoice.Model(
        names,
        (0.0,) * len(names),
        (1.0,) * len(names),
        tuple(weight if n == weight_on else 0.0 for n in names),
        0.0,
    )


def test_choose_takes_the_surest_alternative_above_even_odds():
    longer = htmlchoice.signals(MARKUP, 100, "one two", "one two three four five six")
    shorter = htmlchoice.signals(MARKUP, 100, "one two three four five six", "one two")
    models = {"main": _model("length_ratio", 1.0), "page": _model("length_ratio", 3.0)}
    chosen = htmlchoice.choose({"main": longer, "page": longer}, models)
    assert chosen.name == "page" and chosen.probability > 0.9
    assert htmlchoice.choose({"main": shorter, "page": shorter}, models).name == "first"


def test_the_shipped_models_match_the_signals():
    models = htmlchoice.shipped_models()
    assert set(models) == set(htmlchoice.ALTERNATIVES)
    bad = {name: {**json.loads(json.dumps(m.__dict__)), "names": ["other"]} for name, m in models.items()}
    with pytest.raises(ValueError, match="train_choice"):
        htmlchoice.load_model(bad["main"])


@pytest.mark.parametrize("name", ["post", "post-body", "forum_post", "comment", "answers", "comment-replies"])
def test_post_names(name):
    assert htmlchoice.post_named(name)


@pytest.mark.parametrize("name", ["postcode", "poster", "composer", "commentary", "menu"])
def test_not_post_names(name):
    assert not htmlchoice.post_named(name)


def navigation_shell() -> str:
    menu = " ".join(f'<li><a href="/c/{n}">Category {n}</a></li>' for n in range(40))
    return f"""<!DOCTYPE html><html><head><title>Shop</title></head><body>
<header><nav><ul>{menu}</ul></nav></header>
<div class="menu"><a href="/login">Login</a> <a href="/cart">Cart</a></div>
<footer>Copyright 2024 Shop Inc. All rights reserved.</footer></body></html>"""


def test_a_page_of_navigation_only_has_no_main_content():
    result = cleaner.clean(navigation_shell(), kind="html")
    assert result.text == ""
    assert any(note.startswith("no main content:") for note in result.notes)
    assert {r.by for r in result.removals} == {"html:navigation-only"}


def test_a_page_of_navigation_only_is_reported_and_exits_3(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    page = tmp_path / "shell.html"
    page.write_text(navigation_shell(), encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).with_name("cleaner")), "clean", str(page)], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (3, "", f"cleaner: {page}: no main content found\n")


SINGLE_PAGE_APP = """<!DOCTYPE html><html><head><title>Clearance | Shop</title>
<script src="/static/js/main.4f2a.js"></script></head><body>
<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>"""


def test_a_single_page_app_s_script_notice_is_no_main_content(tmp_path):
    """The notice is all the HTML of a page built by scripts holds: no content, said so."""
    import subprocess
    import sys
    from pathlib import Path

    result = cleaner.clean(SINGLE_PAGE_APP, kind="html")
    assert result.text == ""
    assert [(r.by, r.text) for r in result.removals] == [
        ("javascript-notice", "You need to enable JavaScript to run this app.")
    ]
    page = tmp_path / "app.html"
    page.write_text(SINGLE_PAGE_APP, encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).with_name("cleaner")), "clean", str(page)], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (3, "", f"cleaner: {page}: no main content found\n")


def test_a_failing_second_reader_leaves_trafilatura_s_reading(monkeypatch):
    from cleaner import html as html_stage

    def broken(html, product_page=False):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(html_stage.readings, "resiliparse", broken)
    result = cleaner.clean(news_page(), kind="html")
    for paragraph in STORY:
        assert paragraph in result.text
    assert (
        "extraction: resiliparse failed (RuntimeError: parser exploded); trafilatura's reading used"
        in result.notes
    )
