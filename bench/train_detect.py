#!/usr/bin/env python3
"""Fit the generic detector's models on both development corpora.

    python bench/train_detect.py [--bench PATH] [--out cleaner/data/detect_model.json]
                                 [--corpus zyte|wcxb] [--check] [--l2 X]
                                 [--held-out two-fold|page-type|corpus]

Reads BENCH/zyte (98 news pages: text/flat, text/inscriptis and a Markdown
rendering made here from the HTML by `render_markdown`, links as [text](url))
and BENCH/wcxb (1,497 pages of seven page types: text/flat and
text/inscriptis). Every line is labelled main text when most of its word
4-grams occur in the gold body; lines are weighted by their words, positives
and negatives each summing to one per page and rendering, so that every page
counts the same, as it does in the scores.

Three logistic regressions, written together as JSON with their feature names
(`cleaner.text.detect` checks they match): the page model over
`cleaner.text.detect.PAGE_FEATURES` (article against the other page types, from
the page's text alone), and two line models over `cleaner.text.detect.FEATURES`,
one fitted on the article pages and one on the others. wcxb's page_type is
used here only, as a training label: detection never sees it. Fitted by
Newton's method with numpy (`pip install '.[bench]'`; deterministic).

``--held-out`` writes no model but fits on some pages and scores the full
text pipeline on the flat renderings of the others: ``two-fold`` (ids
alternately), ``page-type`` (each type left out in turn) or ``corpus``.
``--check`` prints the page model's training accuracy, its heaviest weights
and the scores on the training pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cleaner.text import detect, markdown, reflow  # noqa: E402
from cleaner.text.segment import segment  # noqa: E402

TOKEN = re.compile(r"\w+")  # the scorer's tokens
PAGE_L2 = 0.1  # the same for the page model
ZYTE_PAGE_WEIGHT = 5.0  # a zyte page counts this many times in the page model
ZYTE_LINE_WEIGHT = 2.0  # ... and in the article line model
L2 = 0.1  # ridge penalty on the standardised weights (bias not penalised): chosen by --two-fold
RENDERINGS = ("flat", "inscriptis", "markdown")


# --- a small HTML to Markdown renderer (lxml only) -------------------------

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "iframe",
    "object",
    "select",
    "option",
    "button",
    "canvas",
    "math",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "address",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "center",
    "details",
    "summary",
    "hr",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "label",
}


def render_markdown(html: str) -> str:
    """Whole-page Markdown, the way HTML-to-Markdown converters write it."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    out: list[str] = []
    current: list[str] = []
    prefix = [""]

    def flush(blank: bool = True) -> None:
        text = " ".join("".join(current).split())
        current.clear()
        if text:
            out.append(prefix[0] + text)
            if blank:
                out.append("")

    def walk(el, depth: int) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            if el.tail:
                current.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
        saved = prefix[0]
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            prefix[0] = "#" * int(tag[1]) + " "
        elif tag == "li":
            prefix[0] = "  " * depth + "* "
        if tag == "br":
            flush()
        elif tag == "img":
            alt = " ".join((el.get("alt") or "").split())
            current.append(f"![{alt}]({el.get('src') or ''})")
        elif tag == "a" and el.get("href"):
            inner: list[str] = []
            current_backup = current[:]
            current.clear()
            if el.text:
                current.append(el.text)
            for child in el:
                walk(child, depth)
            inner = current[:]
            current.clear()
            current.extend(current_backup)
            label = " ".join("".join(inner).split())
            current.append(f"[{label}]({el.get('href')})" if label else "")
        else:
            if tag in ("strong", "b"):
                current.append("**")
            if el.text:
                current.append(el.text)
            for child in el:
                walk(child, depth + (1 if tag in ("ul", "ol") else 0))
            if tag in ("strong", "b"):
                current.append("**")
            if tag in ("td", "th"):
                current.append(" | ")
        if block:
            flush(blank=tag != "li")
        prefix[0] = saved
        if el.tail:
            current.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root, 0)
    flush()
    return re.sub(r"\*\*\s*\*\*", "", "\n".join(out))


# --- corpus ------------------------------------------------------------------

CORPORA = ("zyte", "wcxb")
# Renderings trained on, per corpus: zyte's three (Markdown rendered here), wcxb's two.
CORPUS_RENDERINGS = {"zyte": RENDERINGS, "wcxb": ("flat", "inscriptis")}


@dataclass(frozen=True)
class Page:
    """One benchmark page and its gold. `page_type` is for training and evaluation only:
    detection never sees it."""

    corpus: str
    page_id: str
    page_type: str
    body: str


def load_pages(bench: Path, corpora=CORPORA) -> list[Page]:
    """Every page of the corpora, sorted by corpus and id (zyte's pages are articles)."""
    pages = []
    for corpus in corpora:
        with (bench / corpus / "gold.jsonl").open(encoding="utf-8") as f:
            golds = [json.loads(line) for line in f]
        pages.extend(
            Page(corpus, g["id"], g.get("page_type") or "article", g["body"])
            for g in sorted(golds, key=lambda g: g["id"])
        )
    return pages


def page_text(bench: Path, rendering: str, doc_id: str, corpus: str = "zyte") -> str | None:
    if rendering == "markdown":
        path = bench / corpus / "html" / f"{doc_id}.html.gz"
        if not path.exists():
            return None
        return render_markdown(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    path = bench / corpus / "text" / rendering / f"{doc_id}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def shingles(tokens: list[str], n: int = 4) -> list[tuple[str, ...]]:
    if len(tokens) < n:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def label_lines(lines, gold: str) -> list[float]:
    """1.0 for a line that is article text, else 0.0.

    A line of four words or more is article text when most of its 4-grams
    occur in the gold body; a shorter one when its words occur there in a row
    and it lies between the first and last long article line (a menu item
    "News" is not article text because the word occurs in the article).
    """
    gold_tokens = TOKEN.findall(gold.lower())
    gold_set = set(shingles(gold_tokens))
    gold_str = " " + " ".join(gold_tokens) + " "
    tokens = [TOKEN.findall(markdown.visible_text(line.text).lower()) for line in lines]
    labels = []
    for words in tokens:
        if len(words) >= 4:
            grams = shingles(words)
            labels.append(1.0 if sum(g in gold_set for g in grams) >= 0.5 * len(grams) else 0.0)
        else:
            labels.append(1.0 if words and " " + " ".join(words) + " " in gold_str else 0.0)
    long_text = [k for k, (words, y) in enumerate(zip(tokens, labels)) if y and len(words) >= 4]
    if long_text:
        first, last = long_text[0], long_text[-1]
        labels = [
            y if len(words) >= 4 or first <= k <= last else 0.0
            for k, (words, y) in enumerate(zip(tokens, labels))
        ]
    return labels


@dataclass(frozen=True)
class Examples:
    """Feature rows, labels and weights of many pages' lines; `page` says whose line each row is."""

    rows: np.ndarray
    labels: np.ndarray
    weights: np.ndarray
    page: np.ndarray  # index into the page list


@dataclass(frozen=True)
class Corpus:
    """Lines of many pages (`lines`) and the pages themselves in every rendering
    (`pages`: page_vector rows, labelled 1.0 for an article)."""

    lines: Examples
    pages: Examples


def examples(bench: Path, pages: list[Page], renderings=None) -> Corpus:
    """Every line of every page in every rendering of its corpus, labelled and
    weighted, and every page's page_vector.

    Lines are weighted by their words, positives and negatives each summing to one
    per page and rendering, so that every page counts the same, as it does in the scores.
    """
    import numpy as np

    rows, labels, weights, owner = [], [], [], []
    page_rows, page_owner = [], []
    for index, page in enumerate(pages):
        for rendering in renderings or CORPUS_RENDERINGS[page.corpus]:
            text = page_text(bench, rendering, page.page_id, page.corpus)
            lines = segment(text) if text else []
            if not lines:
                continue
            lines = reflow.unwrap(lines)
            doc = detect.document(lines)
            y = label_lines(lines, page.body)
            size = [max(info.words, 1) for info in doc.infos]
            pos = sum(s for s, t in zip(size, y) if t) or 1.0
            neg = sum(s for s, t in zip(size, y) if not t) or 1.0
            rows.extend(detect.vectors(doc))
            labels.extend(y)
            weights.extend(s / pos if t else s / neg for s, t in zip(size, y))
            owner.extend([index] * len(y))
            page_rows.append(detect.page_vector(doc))
            page_owner.append(index)
    w = np.array(weights)
    page_owner = np.array(page_owner)
    article = np.array([pages[k].page_type == "article" for k in page_owner], dtype=float)
    return Corpus(
        Examples(np.array(rows, dtype=float), np.array(labels), w / w.mean(), np.array(owner)),
        Examples(np.array(page_rows), article, np.ones(len(page_owner)), page_owner),
    )


def reweighted(data: Examples, pages: list[Page], corpus: str, factor: float) -> Examples:
    """The same rows, the pages of `corpus` weighing `factor` times as much."""
    import numpy as np

    boost = np.array([factor if p.corpus == corpus else 1.0 for p in pages])[data.page]
    w = data.weights * boost
    return Examples(data.rows, data.labels, w / w.mean(), data.page)


def fit_model(data: Corpus, pages: list[Page], keep=None, l2: float = L2) -> detect.Model:
    """The page model and the two line models, fitted on the pages `keep` marks (default: all).

    The page model learns article against the rest from every page; the article
    line model from the articles, the other from the other pages. zyte's news
    pages (heavy with comments, teasers and related links) weigh more than their
    number among wcxb's 793 mostly blog-like articles: ZYTE_PAGE_WEIGHT in the
    page model, ZYTE_LINE_WEIGHT in the article line model.
    """
    import numpy as np

    if keep is None:
        keep = np.ones(len(pages), dtype=bool)
    article = np.array([p.page_type == "article" for p in pages])
    # A kind of page left out altogether (--held-out page-type) is stood in for by all pages kept.
    articles = keep & article if (keep & article).any() else keep
    others = keep & ~article if (keep & ~article).any() else keep
    return detect.Model(
        tuple(fit(reweighted(subset(data.pages, keep), pages, "zyte", ZYTE_PAGE_WEIGHT), PAGE_L2)),
        detect.LineModel(
            tuple(fit(reweighted(subset(data.lines, articles), pages, "zyte", ZYTE_LINE_WEIGHT), l2))
        ),
        detect.LineModel(tuple(fit(subset(data.lines, others), l2))),
    )


def model_json(model: detect.Model, trained_on: str) -> dict:
    return {
        "format": detect.MODEL_FORMAT,
        "trained_on": trained_on,
        "features": list(detect.FEATURES),
        "page_features": list(detect.PAGE_FEATURES),
        "page": [round(c, 6) for c in model.page],
        "article": [round(c, 6) for c in model.article.weights],
        "other": [round(c, 6) for c in model.other.weights],
    }


def subset(data: Examples, keep) -> Examples:
    """The rows of the pages whose index `keep` holds (a boolean array over pages)."""
    mask = keep[data.page]
    w = data.weights[mask]
    return Examples(data.rows[mask], data.labels[mask], w / w.mean(), data.page[mask])


# --- logistic regression by Newton's method (numpy) --------------------------


def fit(data: Examples, l2: float = L2, iterations: int = 50) -> list[float]:
    """Weighted, ridge-penalised logistic regression; returns raw-scale coefficients.

    Newton's method on standardised features (the bias not penalised):
    deterministic, and a few seconds for a few hundred thousand lines.
    """
    import numpy as np

    x, y, w = data.rows, data.labels, data.weights
    n, m = x.shape
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    mean[0], std[0] = 0.0, 1.0  # the bias column stays 1
    z = (x - mean) / std
    penalty = np.full(m, l2)
    penalty[0] = 0.0
    beta = np.zeros(m)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        grad = z.T @ (w * (p - y)) / n + penalty * beta
        hess = (z.T * (w * p * (1.0 - p))) @ z / n + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    coef = beta / std
    coef[0] = beta[0] - float(np.sum(beta[1:] * mean[1:] / std[1:]))
    return [float(c) for c in coef]


# --- held-out evaluation: the full pipeline with a given model ----------------


def word_f1(gold: str, pred: str) -> tuple[float, float, float]:
    """WCXB's word metric of one page (lowercase words as a bag)."""
    g, p = Counter(TOKEN.findall(gold.lower())), Counter(TOKEN.findall(pred.lower()))
    if not g:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return (0.0, 0.0, 0.0)
    overlap = sum((g & p).values())
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return precision, recall, (2 * precision * recall / (precision + recall) if overlap else 0.0)


def shingle_counts(gold: str, pred: str) -> tuple[float, float, float]:
    """zyte's metric of one page: (tp, fp, fn) of word 4-gram shingles, normalised."""
    g, p = Counter(shingles(TOKEN.findall(gold))), Counter(shingles(TOKEN.findall(pred)))
    tp, fp, fn = sum((g & p).values()), sum((p - g).values()), sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def evaluate(
    bench: Path, pages: list[Page], model: detect.Model | None = None, rendering: str = "flat"
) -> dict[str, tuple[float, float, float, int]]:
    """(P, R, F1, pages) per wcxb page type, "wcxb" overall and "zyte", of the full
    text pipeline on `pages` with `model` in place of the shipped one."""
    import cleaner
    from cleaner.text.detection import model as model_module  # where probabilities() reads the model

    shipped = model_module.load_model
    if model is not None:
        model_module.load_model = lambda: model
    per: dict[str, list] = {}
    zyte: list = []
    try:
        for page in pages:
            text = page_text(bench, rendering, page.page_id, page.corpus) or ""
            pred = cleaner.clean(text, kind="text").text
            if page.corpus == "zyte":
                zyte.append(shingle_counts(page.body, pred))
            else:
                prf = word_f1(page.body, pred)
                per.setdefault(page.page_type, []).append(prf)
                per.setdefault("wcxb", []).append(prf)
    finally:
        model_module.load_model = shipped

    def mean(xs):
        return sum(xs) / len(xs) if xs else 0.0

    out = {
        name: (mean([t[0] for t in ts]), mean([t[1] for t in ts]), mean([t[2] for t in ts]), len(ts))
        for name, ts in per.items()
    }
    if zyte:
        ps = [tp / (tp + fp) if tp + fp else 1.0 for tp, fp, _ in zyte]
        rs = [tp / (tp + fn) if tp + fn else 1.0 for tp, _, fn in zyte]
        p, r = mean(ps), mean(rs)
        out["zyte"] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, len(zyte))
    return out


ORDER = ("article", "forum", "service", "product", "documentation", "collection", "listing", "wcxb", "zyte")


def print_scores(title: str, scores: dict) -> None:
    cells = "  ".join(f"{name} {scores[name][2]:.3f}" for name in ORDER if name in scores)
    print(f"{title}: {cells}", flush=True)


def held_out(bench: Path, how: str, l2: float = L2) -> None:
    """Fit on some pages, score the full pipeline on the others' flat renderings.

    how: "two-fold" (ids alternately, within each corpus), "page-type" (each wcxb
    type left out in turn; zyte's articles are left out with the articles) or "corpus".
    """
    import numpy as np

    pages = load_pages(bench)
    data = examples(bench, pages)
    if how == "two-fold":
        folds = [(f"fold {k}", np.array([i % 2 == k for i in range(len(pages))])) for k in (0, 1)]
    elif how == "corpus":
        folds = [(f"without {c}", np.array([p.corpus == c for p in pages])) for c in CORPORA]
    else:
        types = sorted({p.page_type for p in pages})
        folds = [(f"without {t}", np.array([p.page_type == t for p in pages])) for t in types]
    for title, test in folds:
        model = fit_model(data, pages, ~test, l2)
        scores = evaluate(bench, [p for p, t in zip(pages, test) if t], model)
        print_scores(f"{title} (scored on {int(test.sum())} held-out pages)", scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / "detect_model.json")
    parser.add_argument(
        "--corpus", action="append", choices=CORPORA, help="fit on this corpus (repeatable; default: all)"
    )
    parser.add_argument("--check", action="store_true", help="print accuracy, top weights and scores")
    parser.add_argument(
        "--held-out",
        choices=("two-fold", "page-type", "corpus"),
        help="report held-out scores instead of writing a model",
    )
    parser.add_argument("--l2", type=float, default=L2)
    args = parser.parse_args(argv)

    if args.held_out:
        held_out(args.bench, args.held_out, args.l2)
        return 0
    pages = load_pages(args.bench, tuple(args.corpus or CORPORA))
    data = examples(args.bench, pages)
    model = fit_model(data, pages, l2=args.l2)
    written = model_json(
        model,
        f"{len(data.lines.labels)} lines of {len(pages)} pages "
        f"({', '.join(args.corpus or CORPORA)}) in their renderings",
    )
    detect.parse_model(written)  # what is written must load
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
    print(
        f"train_detect: {len(data.lines.labels)} lines, {len(data.pages.labels)} page renderings "
        f"-> {args.out}"
    )
    if args.check:
        import numpy as np

        right = float(np.mean(((data.pages.rows @ np.array(model.page)) > 0) == (data.pages.labels > 0.5)))
        print(f"page model: training accuracy {right:.3f}")
        for name, c in sorted(zip(detect.PAGE_FEATURES, model.page), key=lambda t: -abs(t[1]))[:8]:
            print(f"  {name:22s} {c:+.3f}")
        print_scores("training pages", evaluate(args.bench, pages, model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
