"""Generic boilerplate detection (cleaner.text.detect) and its stoplists (cleaner.text.lang).

Hand-written pages, each with exactly which lines must go and which must stay;
the seed articles in samples/raw; and a property test over arbitrary text.
"""

import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import vocabulary
from cleaner.model import CATEGORIES
from cleaner.text import detect, lang, markdown
from cleaner.text.segment import segment

from conftest import COMMENTED_STORY

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "samples" / "raw"


def removed(text: str, protected: frozenset[int] = frozenset()) -> dict[int, str]:
    """Line number -> detector name of every line detection removes from `text`."""
    return {r.line: r.by for r in detect.detect(segment(text), protected)}


def numbered(text: str) -> list[int]:
    return [line.number for line in segment(text)]


def seed(prefix: str) -> str:
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


ARTICLE = [
    "The city council voted on Tuesday to build twelve kilometres of protected cycling lanes "
    "through the centre, ending a debate that had lasted more than two years.",
    "Supporters said the lanes would make the streets safer for children and older residents, "
    "while several shop owners warned that the loss of parking spaces could hurt their business.",
    "Work on the first section, along the river, is expected to begin in March and to last about "
    "six months, according to the city's transport department.",
]


def page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


# --- hand-written pages ----------------------------------------------------


def test_teaser_list_goes_article_stays():
    text = page(
        *ARTICLE,
        "More from Local News",
        "Bus fares to rise by ten cents in January\n"
        "The transport authority says higher fuel costs have left it with no choice but to raise ...",
        "New library opens its doors in the old station building\n"
        "After three years of work, the renovated building now houses more than forty thousand books ...",
        "Schools prepare for a cold winter as heating costs climb\n"
        "Head teachers across the region are looking for ways to cut their energy bills without ...",
    )
    gone = removed(text)
    assert set(numbered(text)) - set(gone) == {1, 3, 5}  # the three paragraphs
    assert gone[7] == "detect:related-links"  # "More from Local News"
    assert {gone[n] for n in (9, 10, 12, 13, 15, 16)} == {"detect:teaser-list"}


def test_footer_goes():
    text = page(
        "Firefighters said on Sunday that they had contained a forest fire that burned for three days "
        "in the hills above the coast and forced hundreds of people to leave their homes.",
        "No one was hurt, but at least four houses and several barns were destroyed, the regional "
        "fire service said in a statement.",
        "Residents were allowed to return on Sunday afternoon, although some roads will stay closed "
        "while crews check for hot spots.",
        "About Us\nContact\nAdvertise\nPrivacy Policy\nTerms of Use\n"
        "\u00a9 2024 Example Media Group. All rights reserved.",
    )
    gone = removed(text)
    assert set(numbered(text)) - set(gone) == {1, 3, 5}
    assert {gone[n] for n in range(7, 12)} == {"detect:navigation"}
    assert gone[12] == "detect:copyright-footer"


def test_comment_thread_goes():
    text = page(*COMMENTED_STORY)
    gone = removed(text)
    assert set(numbered(text)) - set(gone) == {1, 3, 5}
    assert set(gone.values()) == {"detect:comment-thread"}
    assert len(gone) == 11


def test_cookie_banner_goes():
    text = page(
        "We use cookies to improve your experience on our site and to show you personalised "
        "advertising. By continuing to browse, you agree to our use of cookies.\nAccept\nManage settings",
        "Train drivers will walk out on Friday after talks between their union and the rail "
        "operator broke down late on Wednesday night.",
        "The union said the operator had refused to improve its pay offer, while the company said "
        "the demands were unaffordable.",
        "Passengers have been told to expect almost no services on Friday and a reduced timetable "
        "on Saturday morning.",
    )
    gone = removed(text)
    assert gone == {1: "detect:cookie-banner", 2: "detect:cookie-banner", 3: "detect:cookie-banner"}


@pytest.mark.parametrize(
    "paragraphs",
    [
        [
            "The bridge on Mill Road will be closed for repairs from Monday, the council said.",
            "Drivers are asked to use the bypass.",
            "The work should take two weeks.",
        ],
        ["Heavy snow closed the mountain pass on Friday night.", "It reopened on Saturday."],
        ARTICLE,
    ],
)
def test_short_clean_article_loses_nothing(paragraphs):
    # a short paragraph of a short article is still article text
    assert removed(page(*paragraphs)) == {}


def test_short_article_inside_page_furniture_keeps_its_paragraphs():
    text = page(
        "Home\nNews\nSport\nWeather",
        "Heavy snow closed the mountain pass on Friday night.",
        "It reopened on Saturday.",
        "About Us\nContact\nPrivacy Policy\n\u00a9 2024 Example Media",
    )
    gone = removed(text)
    assert set(numbered(text)) - set(gone) == {6, 8}
    assert set(gone.values()) == {"detect:navigation", "detect:copyright-footer"}


def test_one_word_paragraph_is_kept():
    text = page(*ARTICLE[:2], "Devastating.")
    assert removed(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Plain text.",
        "First paragraph here.\n\nSecond one.",
        "\u4e2d\u56fd\u5916\u4ea4\u90e8\u53d1\u8a00\u4eba\u8868\u793a\uff0c\u53cc\u65b9\u5c06\u52a0\u5f3a\u5408\u4f5c\u3002",
    ],
)
def test_tiny_text_is_left_alone(text):
    # a line or two is no page: nothing is removed for lying outside a main region
    assert removed(text) == {}


def test_tiny_text_of_furniture_goes():
    assert set(removed("Share\nFacebook\nTwitter").values()) == {"detect:share-prompt"}


def test_german_page():
    text = page(
        "Startseite\nPolitik\nWirtschaft\nSport\nSuche",
        "Stadt plant neue Radwege im Zentrum",
        "Der Stadtrat hat am Dienstag beschlossen, im Zentrum zw\u00f6lf Kilometer gesch\u00fctzte "
        "Radwege zu bauen, und damit eine Debatte beendet, die mehr als zwei Jahre gedauert hatte.",
        "Die Bef\u00fcrworter sagen, dass die Stra\u00dfen dadurch f\u00fcr Kinder und \u00e4ltere "
        "Menschen sicherer werden, w\u00e4hrend einige Gesch\u00e4ftsleute vor dem Verlust von "
        "Parkpl\u00e4tzen warnen.",
        "Die Arbeiten am ersten Abschnitt entlang des Flusses sollen im M\u00e4rz beginnen und etwa "
        "sechs Monate dauern, teilte das Verkehrsamt der Stadt mit.",
        "Teilen\nFacebook\nTwitter",
        "Newsletter abonnieren\nErhalten Sie jeden Morgen die wichtigsten Nachrichten aus Ihrer Stadt.",
        "Kommentare (3)",
        "Impressum\nDatenschutz\n\u00a9 2024 Beispiel Verlag GmbH. Alle Rechte vorbehalten.",
    )
    lines = segment(text)
    assert detect.document(lines).language == "German"
    gone = removed(text)
    assert set(numbered(text)) - set(gone) == {9, 11, 13}
    assert {gone[n] for n in range(1, 6)} == {"detect:navigation"}
    assert {gone[n] for n in (15, 16, 17)} == {"detect:share-prompt"}
    assert {gone[n] for n in (19, 20)} == {"detect:newsletter-prompt"}
    assert gone[22] == "detect:comment-thread"
    assert gone[26] == "detect:copyright-footer"


def test_french_article_loses_nothing():
    text = page(
        "Le conseil municipal a approuv\u00e9 mardi la construction de douze kilom\u00e8tres de pistes "
        "cyclables prot\u00e9g\u00e9es dans le centre, apr\u00e8s un d\u00e9bat de plus de deux ans.",
        "Les partisans du projet estiment que les rues seront plus s\u00fbres pour les enfants et les "
        "personnes \u00e2g\u00e9es, tandis que plusieurs commer\u00e7ants craignent la perte de places "
        "de stationnement.",
        "Les travaux commenceront en mars et devraient durer environ six mois.",
        "Partager\nFacebook\nTwitter",
        "\u00c0 lire aussi",
        "\u00a9 2024 Journal Exemple. Tous droits r\u00e9serv\u00e9s.",
    )
    assert detect.document(segment(text)).language == "French"
    gone = removed(text)
    assert set(numbered(text)) - set(gone) == {1, 3, 5}


def test_markdown_page():
    text = page(
        "[Home](/) | [News](/news) | [Sport](/sport) | [Weather](/weather)",
        "# Heat wave expected to last until the weekend",
        "*By Jane Doe, 12 July 2024*",
        "Temperatures will stay above 35 degrees in most of the country until Sunday, the national "
        "weather service said on Thursday, and could reach 40 degrees in the south.",
        "Hospitals have been asked to prepare for more patients, and several cities have opened cool "
        "rooms in libraries and town halls for people who cannot keep their homes cool.",
        "The service advised people to drink water regularly, to avoid going out in the afternoon "
        "and to check on elderly neighbours.",
        "**Read more:** [How to keep your home cool](/cool-home)",
        "  * [Share on Facebook](https://facebook.com/sharer?u=https%3A%2F%2Fexample.com%2Fheat)\n"
        "  * [Share on Twitter](https://twitter.com/intent/tweet?url=https%3A%2F%2Fexample.com%2Fheat)",
        "## Related",
        "  * [Drought hits farmers in the east](/drought)\n"
        "  * [Water restrictions announced for the capital](/water)",
        "\u00a9 2024 Daily Example",
    )
    gone = removed(text)
    assert set(numbered(text)) - set(gone) == {7, 9, 11}
    assert gone[1] == "detect:navigation"
    assert gone[3] == "detect:headline"
    assert gone[5] == "detect:byline"
    assert gone[13] == "detect:related-links"
    assert gone[15] == gone[16] == "detect:share-prompt"
    assert gone[20] == gone[21] == "detect:headline-list"
    assert gone[23] == "detect:copyright-footer"


def test_markdown_line_is_read_as_its_link_text():
    assert markdown.visible_text("  * [Share on **Facebook**](https://facebook.com/x)") == "Share on Facebook"
    (info,) = detect.document(segment("[Home](/) | [News](/news)")).infos
    assert info.link > 0.5 and info.words == 2


def test_protected_lines_are_never_removed():
    text = page(*ARTICLE, "Share\nFacebook\nTwitter", "\u00a9 2024 Example Media Group.")
    everything = frozenset(numbered(text))
    assert removed(text, protected=everything) == {}
    assert set(removed(text, protected=frozenset({9}))) == {7, 8, 11}


def test_every_removal_names_its_detector_and_a_known_category():
    text = seed("004")
    for r in detect.detect(segment(text)):
        assert r.by.startswith("detect:") and len(r.by) > len("detect:")
        assert r.category in CATEGORIES


def test_repeated_copy_of_the_article_goes():
    body = " ".join(ARTICLE)
    text = page(*ARTICLE, body)  # a page's second copy (meta description, JSON body)
    assert removed(text) == {7: "detect:duplicate-text"}


@pytest.mark.parametrize(
    "line",
    [
        "a" * 50000 + "@",
        "[" * 50000 + "](",
        "[a](" + "(" * 50000,
        "[a](" * 20000,
        '[a](b "' + "x" * 50000,
        "_a" * 25000,
        " | " * 20000,
        "http://" + "a" * 50000,
    ],
)
def test_pathological_lines_do_not_backtrack(line):
    # no pattern may go quadratic on a long odd line (this would hang, not fail)
    text = page(*ARTICLE, line)
    assert set(numbered(text)) - set(removed(text)) >= {1, 3, 5}


def test_empty_input():
    assert detect.detect([]) == []


# Whole pages as a scraper flattens them (one block a line, no blank lines), in
# two more of the languages held-back pages come in: only the article stays.
POLISH_PAGE = [
    "Strona główna",
    "Wiadomości",
    "Sport",
    "Biznes",
    "Kultura",
    "Zaloguj się",
    "Rada miasta zdecydowała o budowie nowych ścieżek rowerowych",
    "Autor: Jan Kowalski",
    "12 marca 2024, 09:41",
    "Rada miasta zdecydowała we wtorek zdecydowaną większością głosów, że w centrum "
    "powstanie dwanaście kilometrów chronionych ścieżek rowerowych. Kończy to debatę, która"
    " trwała ponad dwa lata.",
    "Zwolennicy projektu mówili, że nowe ścieżki sprawią, iż ulice będą bezpieczniejsze dla"
    " dzieci i osób starszych. Kilku właścicieli sklepów ostrzegało jednak, że likwidacja "
    "miejsc parkingowych może zaszkodzić ich interesom.",
    "Prace na pierwszym odcinku, wzdłuż rzeki, mają się rozpocząć w marcu i potrwać około "
    "sześciu miesięcy – poinformował wydział transportu.",
    "Udostępnij",
    "Facebook",
    "Twitter",
    "Czytaj także",
    "Nowa linia autobusowa połączy północ i południe miasta",
    "Opłaty za parkowanie wzrosną od lipca",
    "Komentarze",
    "Dodaj komentarz",
    "Twój adres e-mail nie zostanie opublikowany.",
    "Zapisz się do newslettera",
    "Polityka prywatności",
    "© 2024 Gazeta Miejska. Wszelkie prawa zastrzeżone.",
]
SPANISH_PAGE = [
    "Inicio",
    "Nacional",
    "Internacional",
    "Deportes",
    "Cultura",
    "Suscríbete",
    "El ayuntamiento aprueba doce kilómetros de carriles bici en el centro",
    "Por María García",
    "12 de marzo de 2024 - 09:41 CET",
    "El pleno del ayuntamiento aprobó el martes por amplia mayoría la construcción de doce "
    "kilómetros de carriles bici protegidos en el centro de la ciudad, poniendo fin a un "
    "debate que se prolongaba desde hace más de dos años.",
    "Los defensores del proyecto aseguraron que los nuevos carriles harán las calles más "
    "seguras para los niños y las personas mayores, mientras que varios comerciantes "
    "advirtieron de que la pérdida de plazas de aparcamiento podría perjudicar a sus "
    "negocios.",
    "Las obras del primer tramo, junto al río, comenzarán en marzo y durarán unos seis "
    "meses, según el departamento de transporte.",
    "Compartir en Facebook",
    "Compartir en Twitter",
    "Te puede interesar",
    "Nueva línea de autobús entre el norte y el sur",
    "Las tarifas de aparcamiento suben en julio",
    "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa "
    "navegando, consideramos que acepta su uso.",
    "Aceptar",
    "Aviso legal",
    "Política de privacidad",
    "© 2024 Diario Local. Todos los derechos reservados.",
]


@pytest.mark.parametrize(
    "lines, language, article",
    [
        (POLISH_PAGE, "Polish", {10, 11, 12}),
        (SPANISH_PAGE, "Spanish", {10, 11, 12}),
    ],
)
def test_whole_page_in_another_language_keeps_only_its_article(lines, language, article):
    text = "\n".join(lines) + "\n"
    assert detect.document(segment(text)).language == language
    gone = removed(text)
    assert set(numbered(text)) - set(gone) == article
    assert (gone[7], gone[8], gone[9]) == ("detect:headline", "detect:byline", "detect:timestamp")
    assert gone[max(gone)] == "detect:copyright-footer"


# --- the seed articles -------------------------------------------------------


def test_clean_article_003_loses_nothing():
    assert removed(seed("003")) == {}


def test_000_keeps_every_line():
    # its first line starts " date 2023-12-05 Abuja ..." (a rule strips the marker) and its
    # last paragraph ends "(AP)": both are article text
    assert removed(seed("000")) == {}


def test_002_keeps_every_sentence():
    text = seed("002")
    gone = removed(text)
    assert set(gone) <= {8}  # at most the spam line "... !– /wp:paragraph –>"
    assert all(line.number in gone or line.text.rstrip().endswith((".", "”", '"')) for line in segment(text))


@pytest.mark.parametrize("prefix, body", [("001", range(5, 16)), ("004", range(9, 18, 2))])
def test_boilerplate_heavy_seeds_keep_their_article(prefix, body):
    text = seed(prefix)
    gone = removed(text)
    assert not set(body) & set(gone)
    assert len(gone) >= 30  # related lists, rankings, comment boxes, widgets, prompts


# --- language ----------------------------------------------------------------


def test_language_guess_and_stopwords():
    words = "der stadtrat hat am dienstag beschlossen und die stadt".split()
    assert lang.guess(words) == "German"
    assert lang.guess(["xq", "zzv"]) is None
    assert lang.guess([]) is None
    assert "the" in lang.stopwords("English")
    assert lang.stopwords(None) == frozenset() == lang.stopwords("Klingon")


def test_detection_never_imports_justext_lxml_or_trafilatura():
    code = (
        "import sys; from cleaner.text import detect; from cleaner.text.segment import segment; "
        "detect.detect(segment('Le chat est sur la table et il dort.\\nPartager')); "
        "print(sorted(m for m in ('justext', 'lxml', 'trafilatura') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the page judgement: an article, or a page whose content is no run of prose ---

DOCS_PAGE = """Docs
Guides
API reference
Blog
Quick start
Install the package from PyPI, then clean a page in two lines of Python.
pip install cleaner
import cleaner
result = cleaner.clean(open("page.txt").read(), kind="text")
print(result.text)
Each removal says which rule or detector took it out:
for removal in result.removals:
    print(removal.by, removal.text)
Options
kind: "auto", "text" or "html"
url: the page's address, used to pick per-site rules
Edit this page on GitHub
Previous: Installation
Next: Rules
Copyright 2024 The Cleaner Authors
"""

PRODUCT_GRID = """Shop
Men
Women
Sale
Shirts
Showing 1-6 of 48 products
Sort by: price
Oxford cotton shirt
$49.00
Add to cart
Linen summer shirt
$59.00
Add to cart
Flannel check shirt
$45.00
Add to cart
Denim work shirt
$65.00
Add to cart
Next page
Newsletter: sign up for 10% off
Privacy policy
"""


def kept_texts(text: str) -> set[str]:
    gone = removed(text)
    return {line.text.strip() for line in segment(text) if line.number not in gone}


def test_a_product_grid_is_no_article_and_keeps_its_products():
    assert detect.article_probability(detect.document(segment(PRODUCT_GRID))) < detect.ARTICLE
    kept = kept_texts(PRODUCT_GRID)
    assert {"Oxford cotton shirt", "Linen summer shirt", "Flannel check shirt", "Denim work shirt"} <= kept
    assert not kept & {"Newsletter: sign up for 10% off", "Privacy policy", "Shop", "Men"}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_the_seed_news_pages_are_judged_articles(prefix):
    text = seed(prefix)
    assert detect.article_probability(detect.document(segment(text))) >= detect.ARTICLE


def test_a_docs_page_keeps_its_code():
    kept = kept_texts(DOCS_PAGE)
    assert {
        "pip install cleaner",
        "import cleaner",
        "print(result.text)",
        'result = cleaner.clean(open("page.txt").read(), kind="text")',
    } <= kept
    assert "Copyright 2024 The Cleaner Authors" not in kept


POSTS = (
    "jsmith says:\nMarch 3, 2024 at 9:15 am\nI moved here in 2004 and the mill has stood empty since.\nReply\n"
    "anna_k says:\nMarch 3, 2024 at 10:02 am\nGreat news, but I will believe it when I see it.\nReply"
)


def test_comments_below_an_article_are_found_and_posts_without_one_are_not():
    article = (
        "The town council has agreed to buy the old mill on the river and turn it into a "
        "community centre with a library, a cafe and rooms for local clubs."
    )
    below = segment(article + "\n" + POSTS)
    doc = detect.document(below)
    found = detect.comments_below(doc, [True] * len(below), 0)
    assert [below[k].text for k in found][:2] == ["jsmith says:", "March 3, 2024 at 9:15 am"]
    assert found[-1] == len(below) - 1
    alone = segment(POSTS)  # a thread with no article above it: its posts are no comments
    assert detect.comments_below(detect.document(alone), [True] * len(alone), 0) == []


def test_a_call_in_code_is_no_print_button():
    doc = detect.document(segment("print(result.text)\nPrint\nshare.url = x"))
    assert [info.lead for info in doc.infos] == [0, vocabulary.SHARE, 0]


# --- the shipped model -------------------------------------------------------


def test_shipped_model_matches_features():
    model = detect.load_model()
    assert len(model.page) == len(detect.PAGE_FEATURES)
    assert len(model.article.weights) == len(model.other.weights) == len(detect.FEATURES)


def test_model_file_is_checked_strictly():
    good = {
        "format": detect.MODEL_FORMAT,
        "features": list(detect.FEATURES),
        "page_features": list(detect.PAGE_FEATURES),
        "page": [0.0] * len(detect.PAGE_FEATURES),
        "article": [0.0] * len(detect.FEATURES),
        "other": [1.0] * len(detect.FEATURES),
    }
    model = detect.parse_model(json.loads(json.dumps(good)))
    assert model.page == (0.0,) * len(detect.PAGE_FEATURES)
    assert model.other.weights == (1.0,) * len(detect.FEATURES)
    for bad in (
        {**good, "extra": 1},
        {**good, "format": 1},
        {**good, "features": ["bias"]},
        {**good, "page_features": ["bias"]},
        {**good, "article": [0.0]},
        {**good, "other": ["x"] * len(detect.FEATURES)},
        {**good, "page": [float("nan")] * 16},
        {k: v for k, v in good.items() if k != "other"},
        [],
    ):
        with pytest.raises(detect.ModelFileError):
            detect.parse_model(bad)


# --- property: never crashes, never invents a word ---------------------------

LINE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(LINE, max_size=25).map("\n".join),
    st.lists(
        st.sampled_from(
            [
                *ARTICLE,
                "Share",
                "\u00a9 2024",
                "* [Home](/)",
                "# Title",
                "Reply",
                "...",
                "\u00c2",
                "   ",
                "\t",
                "\u2028",
                "\ufeff",
                "\u58ef\u967d\u85e5",
                "x" * 3000,
            ]
        ),
        max_size=30,
    ).map("\n".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_clean_never_raises_nor_invents_words(text):
    result = cleaner.clean(text, kind="text")
    # no word invented or repeated (rules may cut fragments out of a line, so
    # compare words, not whole lines); the input as the pipeline reads it, in NFC
    # ("A" and a combining grave are the word "À")...
    text = unicodedata.normalize("NFC", text)
    assert not Counter(_WORDS.findall(result.text)) - Counter(_WORDS.findall(text))
    # ...and each paragraph's words come from one input line
    line_words = [Counter(_WORDS.findall(line.text)) for line in result.lines]
    for p in result.paragraphs:
        assert any(not Counter(_WORDS.findall(p)) - words for words in line_words)


_WORDS = re.compile(r"\w+")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_detect_removes_whole_input_lines_only(text):
    lines = segment(text)
    by_number = {line.number: line.text for line in lines}
    found = detect.detect(lines)
    assert len({r.line for r in found}) == len(found)
    for r in found:
        assert by_number[r.line] == r.text and r.kind == "line"
        assert r.by.startswith("detect:") and r.category in CATEGORIES


def test_a_page_without_lines_has_no_facts_and_loses_nothing():
    doc = detect.document([])
    assert (doc.infos, detect.vectors(doc), detect.probabilities(doc)) == ((), [], [])
    assert detect.keep_mask(doc, []) == ([], (0, 0))
    assert detect.detect([]) == []


def test_lines_holding_newlines_are_read_as_one_line_each():
    # segment() never makes such lines, but detect() takes any Line: the page-wide
    # scans join lines with "\n", so a newline inside one must not shift the others.
    from cleaner.model import Line

    lines = [
        Line(1, "Menu"),
        Line(2, "The council met on Tuesday.\nIt approved the budget after a long debate."),
        Line(3, "Share"),
    ]
    doc = detect.document(lines)
    assert len(doc.infos) == 3
    assert doc.infos[1].words == 13 and doc.infos[2].words == 1


def test_a_long_sentence_opening_with_a_boilerplate_word_stays_whatever_the_model_says():
    # "Comments ..." and "Share ..." open page furniture, and also plain sentences.
    # Inside the main region a sentence of LEAD_WORDS words or more stays even when
    # the model is unsure of it; a short "Share this story." still needs the model.
    text = (
        "The council approved the new budget on Tuesday after a long debate.\n"
        "Comments from residents reached by phone described heavy traffic in the town centre.\n"
        "Share this story.\n"
        "The mayor said the work would start in the spring and last two years."
    )
    doc = detect.document(segment(text))
    probs = [0.9, 0.3, 0.3, 0.9]  # unsure of the two lines that open with a boilerplate word
    keep, region = detect.keep_mask(doc, probs)
    assert region == (0, 4)
    assert keep == [True, True, False, True]


# Letters, digits and ASCII punctuation, with non-ASCII punctuation (read like
# ASCII once made "?") and non-ASCII word characters and capitals (read by the regex).
_MIXED = st.text(
    alphabet="abcXYZ019 .,;'\"()-!?"
    "\u2019\u201c\u201d\u2014\u2013\u2026\u00a0\u00a9\u00ab\u00bb\u2022"
    "\u00e9\u00c9\u00df\u24b6\u00b2\u216b",
    max_size=80,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_MIXED, min_size=1, max_size=6))
def test_word_capital_and_number_counts_are_the_regex_ones(texts):
    # Lines are tokenised by str.translate when they are ASCII or their other
    # characters are punctuation, by the regex otherwise: both must count alike.
    doc = detect.document(segment("\n".join(texts)))
    for visible, info in zip(doc.visible, doc.infos):
        tokens = re.findall(r"\w+", visible.lower())
        some = max(len(tokens), 1)
        capitals = len(detect._capitals().findall(visible))
        assert info.words == len(tokens)
        assert info.caps == min(1.0, capitals / some)
        assert info.digits == sum(map(str.isdigit, tokens)) / some


def test_a_single_line_of_prose_is_no_main_region_that_sweeps_the_page_away():
    """A listing with one sentence above it (its blurb, or a stray consent sentence):
    the sentence alone is no evidence that the items around it are outside the
    page's text (they are still judged one by one: short title-case lines may go
    as navigation)."""
    items = [
        "Easy Slow-Cooker Pork Ragù",
        "Spaghetti and Meatballs",
        "Sweet and Spicy Tomato Chutney",
        "Pasta With Spicy Tomato Sauce",
        "Butter Chicken",
        "Marinara Sauce",
        "Shakshuka With Feta",
        "Tomato Soup With Grilled Cheese",
        "Chicken Cacciatore",
        "Eggplant Parmesan",
        "Pizza Margherita",
        "Baked Ziti",
    ]
    blurb = (
        "Our collection of tomato sauce recipes has something for every type of dish, whether you "
        "want to enjoy a big plate of pasta on a weeknight or a slow Provençal vegetable tian with "
        "friends on a long summer weekend at home."
    )
    result = cleaner.clean("\n".join(["Tomato Sauce Recipes", blurb, *items]))
    assert blurb in result.text
    assert "Easy Slow-Cooker Pork Ragù" in result.text  # (without the guard, the blurb alone stays)
    assert "Sweet and Spicy Tomato Chutney" in result.text
