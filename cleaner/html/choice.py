"""Which extraction of a page to trust (part of the HTML stage).

trafilatura finds one article well; on a forum thread, a Q&A page or a service
page whose content is many short blocks it often keeps only the first post or
section, and on a listing or a shop's category page, whose content is a grid
of short items, one item. Two alternatives keep more of such pages:
resiliparse's main-content extraction ("main"), and the page's text without
its navigation, header, footer and asides ("page"). None is best on
every kind of page, so each page is judged from what it is:

- the page's markup: schema.org types (a discussion, a question, a product,
  an article), how many elements are named as posts, replies or comments,
  how much of its text is link text, its lists, tables, code and headings;
- the extractions: how long each is against the page's whole text, and how
  much of each the other holds.

One small logistic model per alternative (weights in data/choice_model.json,
trained by bench/train_choice.py on the development corpora, evaluated with
one page type or one corpus left out) weighs these into the odds that the
alternative's text is better than trafilatura's; the surest alternative above
even odds is taken. Pure: no parsing, no I/O; the HTML stage computes the
signals.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import astuple, dataclass, fields
from functools import lru_cache
from importlib import resources

from .blocks import norm

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*$")

# schema.org and Open Graph types, as they are written in itemtype, JSON-LD or og:type
_DISCUSSION_TYPES = re.compile(r"DiscussionForumPosting|QAPage|\bQuestion\b|\bAnswer\b|SocialMediaPosting")
_PRODUCT_TYPES = re.compile(r"\bProduct\b|\bOffer\b|AggregateOffer|og:type[^>]{0,40}product", re.IGNORECASE)
_ARTICLE_TYPES = re.compile(r"NewsArticle|BlogPosting|\bArticle\b|ReportageNewsArticle")
# an element named as one post of a thread: post, message, reply, answer, comment
_POST_NAME = re.compile(
    r"(?:^|[\s_-])(?:post|message|reply|replies|answer|comment)(?:[\s_-]|s\b|$)", re.IGNORECASE
)


@dataclass(frozen=True)
class Alternative:
    """A text to take instead of trafilatura's, and how sure its model must be."""

    description: str
    choose_above: float  # the model's probability that it is the better text


# Taking the page's whole text is the riskier change (a news story would get all
# its teasers), so its model must be surer: with 0.5 the 98 zyte news pages fall
# from 0.970 to 0.945 on a 2-fold split, with 0.8 they stay at 0.970 while the
# WCXB pages lose 0.004 (bench/train_choice.py).
ALTERNATIVES = {
    "main": Alternative("resiliparse's main content", 0.5),
    "page": Alternative("the page's text without its navigation, header, footer and asides", 0.8),
}


@dataclass(frozen=True)
class Signals:
    """What a page and its two extractions tell about which to trust. All floats."""

    discussion_schema: float  # 1.0 if the page declares a discussion or Q&A type
    product_schema: float
    article_schema: float
    post_elements: float  # log(1 + elements named as posts, replies, comments)
    article_elements: float  # log(1 + <article> elements)
    link_share: float  # share of the page's words that are link text
    list_items: float  # log(1 + <li>)
    table_cells: float  # log(1 + <td>)
    code_blocks: float  # log(1 + <pre> and <code>)
    headings: float  # log(1 + <h2>..<h4>)
    page_words: float  # log(1 + words of the page's visible text)
    first_share: float  # words of trafilatura's (judged) text / the page's words
    second_share: float  # words of the alternative text / the page's words
    length_ratio: float  # log((1 + the alternative's words) / (1 + trafilatura's words))
    first_in_second: float  # share of trafilatura's words that the alternative holds
    second_in_first: float  # share of the alternative's words that trafilatura's text holds
    first_words: float  # log(1 + words of trafilatura's text)
    first_line_words: float  # log(1 + words per line of trafilatura's text)
    first_prose: float  # share of trafilatura's words in lines that end a sentence
    extra_line_words: float  # log(1 + words per line of the alternative's lines not in trafilatura's)
    extra_prose: float  # share of those lines' words in lines that end a sentence


@dataclass(frozen=True)
class PageMarkup:
    """Counts read off the parsed page (see html.py), before any repair or extraction."""

    typed_text: str  # itemtype values, JSON-LD and og:type of the page, joined
    post_elements: int
    article_elements: int
    link_words: int
    list_items: int
    table_cells: int
    code_blocks: int
    headings: int


@dataclass(frozen=True)
class Choice:
    """The extraction to trust, and the model's probability behind it."""

    name: str  # "first" (trafilatura's judged text) or a key of ALTERNATIVES
    probability: float  # the chosen alternative's model's (0.0 for "first")


def declares_product(markup: PageMarkup) -> bool:
    """True for a page that declares a product or an offer (schema.org, Open Graph)."""
    return bool(_PRODUCT_TYPES.search(markup.typed_text))


def post_named(name: str) -> bool:
    """True for an id or class that names one post of a thread."""
    return bool(_POST_NAME.search(name))


@dataclass(frozen=True)
class _Shape:
    """How a text's words sit in its lines."""

    words: int
    line_words: float  # mean words per line
    prose: float  # share of the words in lines that end a sentence


def _shape(lines: list[str]) -> _Shape:
    counts = [len(_WORD.findall(line)) for line in lines]
    words = sum(counts)
    prose = sum(n for n, line in zip(counts, lines) if _SENTENCE_END.search(line))
    return _Shape(words, words / len(lines) if lines else 0.0, prose / words if words else 0.0)


def _lines(text: str) -> list[str]:
    return [line for line in map(str.strip, text.split("\n")) if line]


@dataclass(frozen=True)
class _Reading:
    """A text as the signals read it: its lines, their words as keys, its words."""

    lines: list[str]
    keys: list[str]
    words: Counter

    @classmethod
    def of(cls, text: str) -> _Reading:
        lines = _lines(text)
        keys = [norm(line) for line in lines]
        return cls(lines, keys, Counter(" ".join(keys).split()))


def signals(markup: PageMarkup, page_words: int, first: str, second: str) -> Signals:
    """The signals of a page (`page_words`: the words of its whole visible text)
    and two extractions of it, `first` trafilatura's and `second` an alternative."""
    return signals_of(markup, page_words, first, {"second": second})["second"]


def signals_of(markup: PageMarkup, page_words: int, first: str, others: dict[str, str]) -> dict[str, Signals]:
    """`signals` of each of `others` against `first`, reading `first` once."""
    reading = _Reading.of(first)
    first_keys = set(reading.keys)
    first_shape = _shape(reading.lines)
    return {
        name: _signals(markup, page_words, reading, first_keys, first_shape, _Reading.of(other))
        for name, other in others.items()
    }


def _signals(
    markup: PageMarkup,
    page_words: int,
    first: _Reading,
    first_keys: set[str],
    first_shape: _Shape,
    second: _Reading,
) -> Signals:
    extra = [line for line, key in zip(second.lines, second.keys) if key not in first_keys]
    extra_shape = _shape(extra)
    n_first, n_second = sum(first.words.values()), sum(second.words.values())
    shared = sum((first.words & second.words).values())
    page = max(page_words, n_first, n_second, 1)
    return Signals(
        discussion_schema=float(bool(_DISCUSSION_TYPES.search(markup.typed_text))),
        product_schema=float(declares_product(markup)),
        article_schema=float(bool(_ARTICLE_TYPES.search(markup.typed_text))),
        post_elements=math.log1p(markup.post_elements),
        article_elements=math.log1p(markup.article_elements),
        link_share=min(1.0, markup.link_words / page),
        list_items=math.log1p(markup.list_items),
        table_cells=math.log1p(markup.table_cells),
        code_blocks=math.log1p(markup.code_blocks),
        headings=math.log1p(markup.headings),
        page_words=math.log1p(page),
        first_share=n_first / page,
        second_share=n_second / page,
        length_ratio=math.log((1 + n_second) / (1 + n_first)),
        first_in_second=shared / n_first if n_first else 0.0,
        second_in_first=shared / n_second if n_second else 0.0,
        first_words=math.log1p(n_first),
        first_line_words=math.log1p(first_shape.line_words),
        first_prose=first_shape.prose,
        extra_line_words=math.log1p(extra_shape.line_words),
        extra_prose=extra_shape.prose,
    )


SIGNAL_NAMES = tuple(f.name for f in fields(Signals))
# what the page declares changes what a longer extraction means: more posts on a
# thread, more of the shop's shelves around one product
_CROSSED = ("discussion_schema", "product_schema", "article_schema", "post_elements", "link_share")
INPUT_NAMES = SIGNAL_NAMES + tuple(f"{name}*length_ratio" for name in _CROSSED)


def model_inputs(values: tuple[float, ...]) -> tuple[float, ...]:
    """The model's inputs: the signals (in SIGNAL_NAMES order), then their products named in INPUT_NAMES."""
    named = dict(zip(SIGNAL_NAMES, values))
    return values + tuple(named[name] * named["length_ratio"] for name in _CROSSED)


@dataclass(frozen=True)
class Model:
    """A logistic model over standardised signals."""

    names: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def probability(self, values: tuple[float, ...]) -> float:
        z = self.bias + sum(
            w * (v - m) / s for w, v, m, s in zip(self.weights, values, self.means, self.scales)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_model(data: dict) -> Model:
    model = Model(
        tuple(data["names"]),
        tuple(data["means"]),
        tuple(data["scales"]),
        tuple(data["weights"]),
        data["bias"],
    )
    if model.names != INPUT_NAMES:
        raise ValueError(
            "data/choice_model.json was trained on other signals; rebuild it with bench/train_choice.py"
        )
    return model


@lru_cache(maxsize=1)
def shipped_models() -> dict[str, Model]:
    """One model per alternative, as bench/train_choice.py wrote them."""
    data = json.loads(resources.files("cleaner").joinpath("data/choice_model.json").read_text())
    return {name: load_model(data[name]) for name in ALTERNATIVES}


SAME_WORDS = 0.9  # an alternative with no more than a tenth of its words new says nothing new


def differs(found: Signals) -> bool:
    """Whether an alternative says things trafilatura's text does not. When it does not
    (the same text, or a part of it), trafilatura's is kept: its removals are traced
    block by block. (Taking such parts gains nothing on the development corpora.)"""
    return found.second_in_first < SAME_WORDS


def choose(found: dict[str, Signals], models: dict[str, Model] | None = None) -> Choice:
    """The alternative whose model is surest that it beats trafilatura's text, if one is
    sure enough and says things trafilatura's does not; else trafilatura's. `found` holds the
    signals of each alternative."""
    models = models or shipped_models()
    best = Choice("first", 0.0)
    for name, values in found.items():
        if not differs(values):
            continue
        probability = models[name].probability(model_inputs(astuple(values)))
        if probability > ALTERNATIVES[name].choose_above and probability > best.probability:
            best = Choice(name, probability)
    return best
