"""Learning the furniture that sits among a page's own text (learnjudge._inside):
a widget beside the same line on most pages is learned; spec labels, headings,
code and a product family's shared sentences are not."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from learnsite import removed_texts

import cleaner
from cleaner import learn, learnjudge, rulegen, rules

HOST = "shop.example.com"
HEADER = ["Shop", "Cart", "Sign in"]
FOOTER = ["Contact us", "© 2024 Example Shop. All rights reserved."]
# a review widget: two lines, always together, between the product's text and its reviews
WIDGET = ["Show reviews in selected display order", "Help & report"]
PRODUCTS = [
    ("Trail lamp", "A small lamp that clips to a tent pole or a backpack strap.", '4" × 2" × 1"', "120 g"),
    ("Camp stove", "A one-burner stove that folds into its own cooking pot.", '6" × 6" × 4"', "410 g"),
    ("Water filter", "A squeeze filter cleans a litre of stream water a minute.", '7" × 2" × 2"', "85 g"),
    ("Sleeping mat", "An inflatable mat that packs down to the size of a bottle.", '9" × 4" × 4"', "390 g"),
    ("Rain shell", "A light jacket with taped seams and a hood that rolls away.", '8" × 6" × 2"', "230 g"),
]
REVIEWS = [
    "Bright enough to read by, and the battery lasted the whole trip.",
    "Boiled water in four minutes even in the wind at the lake.",
    "Took a while to get used to, but the water tasted clean every time.",
    "Comfortable on rocky ground, though it squeaks a little at night.",
    "Kept me dry through a whole afternoon of heavy rain on the ridge.",
]


def shop_page(k: int, extra: tuple[str, ...] = ()) -> str:
    """Page k of a small shop: menu, a product with its spec labels and values,
    the review widget among the page's own text, a review, footer."""
    name, text, dims, weight = PRODUCTS[k]
    spec = ["Dimensions (L × W × D)", dims, "Weight:", weight]
    return "\n".join([*HEADER, name, text, *spec, *extra, *WIDGET, REVIEWS[k], *FOOTER]) + "\n"


def learned(pages: list[str]) -> learn.LearnedSite:
    (site,) = learn.learn((HOST, learn.page_texts(p, "text")) for p in pages)
    return site


def test_a_widget_among_the_pages_own_text_is_learned():
    site = learned([shop_page(k) for k in range(5)])
    inside = [rule for rule in site.rules if rule.region == learn.INSIDE]
    assert [rule.category for rule in inside] == ["template"]
    assert removed_texts(site, "\n".join(WIDGET)) == set(WIDGET)
    assert inside[0].why == (
        "Learned from the pages of this host: each of these 2 lines was seen on 5 of its 5 pages, "
        "among the page's own text, next to the same line."
    )
    assert inside[0].within is None  # not a header rule: it acts anywhere on a page


def test_spec_labels_beside_other_values_are_not_learned():
    # "Dimensions (L × W × D)" is on every page, between the product's text and its
    # own value; "Weight:" is a label by its colon
    site = learned([shop_page(k) for k in range(5)])
    assert removed_texts(site, "Dimensions (L × W × D)\nWeight:") == set()


def test_a_label_with_a_colon_is_not_learned_beside_the_same_line():
    # the same label beside the same line on every page: still a label ("Battery Type: Lithium Ion")
    extra = ("Battery Type: Lithium Ion", "Languages:", "English, French")
    site = learned([shop_page(k, extra) for k in range(5)])
    assert removed_texts(site, "\n".join(extra[:2])) == set()
    # a long prompt ending with a colon is no label
    prompt = ("Filter reviews by the user's playtime when the review was written:",)
    site = learned([shop_page(k, prompt) for k in range(5)])
    assert removed_texts(site, prompt[0]) == {prompt[0]}


def test_code_is_not_learned():
    code = ("function handleClick() {", "return (", "setCount(count + 1);", "}")
    site = learned([shop_page(k, code) for k in range(5)])
    assert removed_texts(site, "\n".join(code)) == set()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab(){}[];=<> \n\u00e9_1\u0663:", max_size=10))
def test_code_is_read_as_one_regex_of_its_signs_reads_it(text):
    # learnjudge._code looks for each sign on its own (speed): the same lines as the one regex
    signs = re.compile(r"[{};=<>]|\w\(|[(\[]$|^[)\]]")
    assert learnjudge._code(text) == (signs.search(text) is not None)


def test_a_line_on_too_few_pages_needs_boilerplate_words():
    # beside the same line on two pages of five: a shared line of two products ...
    pages = [shop_page(k, ("Ships in two days", "Free returns") if k < 2 else ()) for k in range(5)]
    assert removed_texts(learned(pages), "Ships in two days\nFree returns") == set()
    # ... unless its words say what it is (an ad's label)
    pages = [shop_page(k, ("Sponsored", "Why you're seeing this ad") if k < 2 else ()) for k in range(5)]
    assert removed_texts(learned(pages), "Why you're seeing this ad") == {"Why you're seeing this ad"}


@pytest.mark.parametrize("pages", [3, 5])
def test_a_shared_sentence_is_learned_only_from_many_pages(pages):
    # a sentence beside the same line on every page: a product family's description
    # on three pages, a promotion on five
    promo = ("Members earn ten percent back on every purchase they make this month.",)
    site = learned([shop_page(k, promo) for k in range(pages)])
    assert (promo[0] in removed_texts(site, promo[0])) == (pages >= learn.INSIDE_PROSE_PAGES)


def test_clean_and_explain_name_the_learned_rule(tmp_path, invoke):
    rulegen.write([learned([shop_page(k) for k in range(4)])], tmp_path / "rules")
    book = rules.load_rulebook([tmp_path / "rules"])
    assert rules.check([tmp_path / "rules"]) == []
    page = tmp_path / "rain-shell.txt"
    page.write_text(shop_page(4), encoding="utf-8")
    result = cleaner.clean(shop_page(4), url=f"https://{HOST}/rain-shell", rulebook=book)
    by = {r.text: r.by for r in result.removals}
    assert by["Help & report"] == "learned-shop-example-com-template-1"
    assert REVIEWS[4] in result.text
    shown = invoke("explain", "--rules", str(tmp_path / "rules"), "--url", f"https://{HOST}/x", str(page))
    assert shown.exit_code == 0
    assert "[template] learned-shop-example-com-template-1" in shown.stdout
