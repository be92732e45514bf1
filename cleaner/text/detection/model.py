"""Step 3, the model: three logistic regressions shipped as package data, and their probabilities.

A page model turns PageFeatures into the probability that the page is an
article rather than a forum thread, a product or docs page, a listing or a
service page. Two line models (one fitted on article pages, one on the others;
all three by bench/train_detect.py on the development corpora) give each line a
probability of being main text, mixed by the page's.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import compress, repeat
from operator import add, mul
from pathlib import Path
from typing import NamedTuple

from ...errors import CleanerError
from .document import Document
from .features import FEATURES, vectors
from .page import PAGE_FEATURES, page_vector

MODEL_FORMAT = 2
MODEL_FILE = "data/detect_model.json"  # under the cleaner package
MIX_EPSILON = 1e-3  # a page model this sure uses one line model alone


class ModelFileError(CleanerError):
    """The shipped detection model is missing, unreadable or does not match FEATURES."""


# (NamedTuples: a tenth of a frozen dataclass's cost at import)
class LineModel(NamedTuple):
    """Weights of FEATURES (same order); a line's article probability is sigmoid(w . x)."""

    weights: tuple[float, ...]


class Model(NamedTuple):
    """The page model and two line models, one for each kind of page.

    `page` weighs PAGE_FEATURES: sigmoid(page . page_vector) is how much the
    page reads as an article. `article` is the line model for such pages (fitted
    on every page), `other` the one for pages that are no article (threads,
    products, docs, listings: fitted on those). A line's probability is the
    two models' mixed by the page's.
    """

    page: tuple[float, ...]
    article: LineModel
    other: LineModel


def _weights(data: dict, key: str, names: tuple[str, ...]) -> tuple[float, ...]:
    weights = data.get(key)
    if (
        not isinstance(weights, list)
        or len(weights) != len(names)
        or not all(isinstance(w, (int, float)) and math.isfinite(w) for w in weights)
    ):
        raise ModelFileError(f"model file: {key} must be one finite number per feature")
    return tuple(float(w) for w in weights)


def parse_model(data: object) -> Model:
    """Check a decoded model file strictly: known format, exactly FEATURES and
    PAGE_FEATURES, finite weights."""
    if not isinstance(data, dict):
        raise ModelFileError("model file: not a JSON object")
    unknown = set(data) - {"format", "trained_on", "features", "page_features", "page", "article", "other"}
    if unknown:
        raise ModelFileError(f"model file: unknown keys {sorted(unknown)}")
    if data.get("format") != MODEL_FORMAT:
        raise ModelFileError(f"model file: format {data.get('format')!r}, expected {MODEL_FORMAT}")
    if tuple(data.get("features", ())) != FEATURES or tuple(data.get("page_features", ())) != PAGE_FEATURES:
        raise ModelFileError(
            "model file: its features differ from cleaner.text.detect.FEATURES or "
            "PAGE_FEATURES; retrain with bench/train_detect.py"
        )
    return Model(
        _weights(data, "page", PAGE_FEATURES),
        LineModel(_weights(data, "article", FEATURES)),
        LineModel(_weights(data, "other", FEATURES)),
    )


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, read once per process."""
    try:
        raw = (Path(__file__).parent.parent.parent / MODEL_FILE).read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"model file {MODEL_FILE}: {exc}") from exc
    return parse_model(data)


def sigmoid(s: float) -> float:
    if s >= 0:
        return 1.0 / (1.0 + math.exp(-s))
    e = math.exp(s)
    return e / (1.0 + e)


def article_probability(doc: Document) -> float:
    """How much the page reads as an article (one body of prose), from PAGE_FEATURES."""
    return sigmoid(sum(map(mul, load_model().page, page_vector(doc))))


def probabilities(doc: Document, article: float | None = None) -> list[float]:
    """The probability that each line is main text: the article and the other
    line model mixed by `article` (default: the page model's judgement)."""
    model = load_model()
    if article is None:
        article = article_probability(doc)
    rows = vectors(doc)
    if article >= 1.0 - MIX_EPSILON:
        return line_probabilities(model.article.weights, rows)
    if article <= MIX_EPSILON:
        return line_probabilities(model.other.weights, rows)
    as_article = line_probabilities(model.article.weights, rows)
    as_other = line_probabilities(model.other.weights, rows)
    # a * article + o * (1 - article), with map() over built-ins: no Python-level step per line
    return list(map(add, map(mul, as_article, repeat(article)), map(mul, as_other, repeat(1.0 - article))))


def line_probabilities(weights: tuple[float, ...], rows: list[tuple[float, ...]]) -> list[float]:
    """sigmoid(w . x) of every row."""
    # Kept in its fast form (this is the hottest loop of detection): w . x over
    # the non-zero features only, in FEATURES order. A zero feature adds a signed
    # zero to a sum that already holds the (non-zero) bias, which changes nothing,
    # so the sums are the very ones of sum(map(mul, weights, row)).
    scores = map(
        sum, map(map, repeat(mul), map(compress, repeat(weights), rows), map(filter, repeat(None), rows))
    )
    return list(map(sigmoid, scores))
