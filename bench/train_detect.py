#!/usr/bin/env python3
"""Fit the generic detector's line model on the development corpus.

    python bench/train_detect.py [--bench PATH] [--out cleaner/data/detect_model.json]
                                 [--ids FILE] [--check]

Reads BENCH/zyte/gold.jsonl and three renderings of every page: the two plain
text ones shipped with the benchmark (text/flat, text/inscriptis) and a
Markdown one rendered here from zyte/html/ID.html.gz by `render_markdown`
(links as [text](url), # headings, * bullets, **bold**), so that the model
sees link markup. Every line is labelled article text when most of its word
4-grams occur in the gold body (the benchmark's own shingles); lines are
weighted by their words, positives and negatives each summing to one per page,
so that every page counts the same, as it does in the score.

The model is a logistic regression over `cleaner.detect.FEATURES`, fitted by
L-BFGS in pure Python (deterministic, no numpy), written as JSON with the
feature names, so that `cleaner.detect` can check it matches its features.
``--ids FILE`` fits on those pages only; ``--two-fold`` writes no model but
fits on each half of the pages (ids in sorted order, alternately) and scores
the full pipeline on the other half, in every rendering (Markdown included);
``--check`` prints the training-set accuracy and the heaviest weights.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cleaner import detect, markdown  # noqa: E402
from cleaner.segment import segment  # noqa: E402

TOKEN = re.compile(r"\w+")  # the scorer's tokens
L2 = 0.1  # ridge penalty on the standardised weights (bias not penalised): chosen by --two-fold
RENDERINGS = ("flat", "inscriptis", "markdown")


# --- a small HTML to Markdown renderer (lxml only) -------------------------

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object",
         "select", "option", "button", "canvas", "math"}
_BLOCK = {"p", "div", "section", "article", "aside", "header", "footer", "nav", "main",
          "form", "fieldset", "figure", "figcaption", "blockquote", "pre", "address",
          "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "center", "details",
          "summary", "hr", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "label"}


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

def page_text(bench: Path, rendering: str, doc_id: str) -> str | None:
    if rendering == "markdown":
        path = bench / "zyte" / "html" / f"{doc_id}.html.gz"
        if not path.exists():
            return None
        return render_markdown(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    path = bench / "zyte" / "text" / rendering / f"{doc_id}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def shingles(tokens: list[str], n: int = 4) -> list[tuple[str, ...]]:
    if len(tokens) < n:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def label_lines(lines, gold: str) -> list[float]:
    """1.0 for a line that is article text, else 0.0.

    A line of four words or more is article text when most of its 4-grams
    occur in the gold body; a shorter one when its words occur there in a row
    and it lies between the first and last long article line (a menu item
    "News" is not article text because the word occurs in the article).
    """
    gold_tokens = TOKEN.findall(gold)
    gold_set = set(shingles(gold_tokens))
    gold_str = " " + " ".join(gold_tokens) + " "
    tokens = [TOKEN.findall(markdown.visible_text(line.text)) for line in lines]
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
        labels = [y if len(words) >= 4 or first <= k <= last else 0.0
                  for k, (words, y) in enumerate(zip(tokens, labels))]
    return labels


def examples(bench: Path, ids: set[str] | None, renderings=RENDERINGS):
    """(feature rows, labels, weights) over every page and rendering."""
    rows: list[list[float]] = []
    labels: list[float] = []
    weights: list[float] = []
    with (bench / "zyte" / "gold.jsonl").open(encoding="utf-8") as f:
        golds = [json.loads(line) for line in f]
    for gold in golds:
        if ids is not None and gold["id"] not in ids:
            continue
        for rendering in renderings:
            text = page_text(bench, rendering, gold["id"])
            if not text:
                continue
            lines = segment(text)
            if not lines:
                continue
            doc = detect.document(lines)
            x = detect.vectors(doc)
            y = label_lines(lines, gold["body"])
            size = [max(info.words, 1) for info in doc.infos]
            pos = sum(s for s, t in zip(size, y) if t) or 1.0
            neg = sum(s for s, t in zip(size, y) if not t) or 1.0
            rows.extend(x)
            labels.extend(y)
            weights.extend(s / pos if t else s / neg for s, t in zip(size, y))
    mean = sum(weights) / len(weights)
    return rows, labels, [w / mean for w in weights]


# --- logistic regression by L-BFGS, pure Python -----------------------------

def _dot(a: list[float], b: list[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b))


def fit(rows: list[list[float]], labels: list[float], weights: list[float],
        l2: float = L2, iterations: int = 300) -> list[float]:
    """Weighted, ridge-penalised logistic regression; returns raw-scale coefficients."""
    n, m = len(rows), len(rows[0])
    cols = [list(c) for c in zip(*rows)]
    mean = [sum(c) / n for c in cols]
    std = [math.sqrt(sum((v - mu) ** 2 for v in c) / n) or 1.0 for c, mu in zip(cols, mean)]
    mean[0], std[0] = 0.0, 1.0  # the bias column stays 1
    z_cols = [[(v - mu) / sd for v in c] for c, mu, sd in zip(cols, mean, std)]
    z_rows = [list(r) for r in zip(*z_cols)]

    def loss_grad(beta: list[float]) -> tuple[float, list[float]]:
        loss = 0.0
        resid = []
        for row, y, w in zip(z_rows, labels, weights):
            s = _dot(row, beta)
            if s >= 0:
                e = math.exp(-s)
                p = 1.0 / (1.0 + e)
                loss += w * (math.log1p(e) + (1.0 - y) * s)
            else:
                e = math.exp(s)
                p = e / (1.0 + e)
                loss += w * (math.log1p(e) - y * s)
            resid.append(w * (p - y))
        grad = [math.fsum(map(float.__mul__, col, resid)) / n for col in z_cols]
        loss /= n
        for j in range(1, m):
            loss += 0.5 * l2 * beta[j] ** 2
            grad[j] += l2 * beta[j]
        return loss, grad

    beta = [0.0] * m
    loss, grad = loss_grad(beta)
    history: list[tuple[list[float], list[float], float]] = []
    for _ in range(iterations):
        # two-loop recursion
        q = grad[:]
        alphas = []
        for s, y, rho in reversed(history):
            a = rho * _dot(s, q)
            alphas.append(a)
            q = [qi - a * yi for qi, yi in zip(q, y)]
        if history:
            s, y, _ = history[-1]
            gamma = _dot(s, y) / _dot(y, y)
            q = [gamma * qi for qi in q]
        for (s, y, rho), a in zip(history, reversed(alphas)):
            b = rho * _dot(y, q)
            q = [qi + (a - b) * si for qi, si in zip(q, s)]
        direction = [-qi for qi in q]
        slope = _dot(direction, grad)
        if slope >= 0:
            direction, slope = [-g for g in grad], -_dot(grad, grad)
        step = 1.0
        while True:
            trial = [b + step * d for b, d in zip(beta, direction)]
            new_loss, new_grad = loss_grad(trial)
            if new_loss <= loss + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s = [t - b for t, b in zip(trial, beta)]
        y = [g1 - g0 for g1, g0 in zip(new_grad, grad)]
        sy = _dot(s, y)
        if sy > 1e-12:
            history.append((s, y, 1.0 / sy))
            history = history[-10:]
        converged = abs(loss - new_loss) < 1e-10 * max(1.0, abs(loss))
        beta, loss, grad = trial, new_loss, new_grad
        if converged or max(map(abs, grad)) < 1e-7:
            break
    coef = [b / sd for b, sd in zip(beta, std)]
    coef[0] = beta[0] - sum(b * mu / sd for b, mu, sd in zip(beta[1:], mean[1:], std[1:]))
    return coef


def two_fold(bench: Path) -> None:
    """Fit on one half of the pages, score the full pipeline on the other half, both ways.

    The halves are the ids in sorted order, alternately; the model of each fold
    is used in place of the shipped one (nothing is written).
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import tempfile

    import text_quality

    with (bench / "zyte" / "gold.jsonl").open(encoding="utf-8") as f:
        ids = sorted(json.loads(line)["id"] for line in f)
    scorer = text_quality.load_scorer(bench)
    shipped = detect.load_model
    try:
        for fold in (0, 1):
            test = ids[fold::2]
            train = set(ids) - set(test)
            model = detect.LineModel(tuple(fit(*examples(bench, train))))
            detect.load_model = lambda: model
            with tempfile.TemporaryDirectory(prefix="two-fold-") as tmp:
                gold = text_quality.subset_corpus(bench / "zyte", test, Path(tmp) / "gold")
                for rendering in text_quality.RENDERINGS + text_quality.EXTRA:
                    out = Path(tmp) / rendering
                    text_quality.run_rendering(bench / "zyte", rendering, test, out, True, cold=True)
                    p, r, f1, n = scorer.score(gold, out)
                    print(f"fold {fold} (fit on {len(train)} pages, scored on the other {n}): "
                          f"text/{rendering:<10} P={p:.3f} R={r:.3f} F1={f1:.3f}")
    finally:
        detect.load_model = shipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / "detect_model.json")
    parser.add_argument("--ids", type=Path, help="fit on the ids listed in this file only")
    parser.add_argument("--check", action="store_true", help="print accuracy and top weights")
    parser.add_argument("--two-fold", action="store_true",
                        help="report the 2-fold check instead of writing a model")
    args = parser.parse_args(argv)

    if args.two_fold:
        two_fold(args.bench)
        return 0
    ids = set(args.ids.read_text().split()) if args.ids else None
    rows, labels, weights = examples(args.bench, ids)
    coef = fit(rows, labels, weights)
    model = {
        "format": detect.MODEL_FORMAT,
        "trained_on": f"{len(rows)} lines of the renderings {', '.join(RENDERINGS)}",
        "features": list(detect.FEATURES),
        "weights": [round(c, 6) for c in coef],
    }
    detect.parse_model(model)  # what is written must load
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"train_detect: {len(rows)} lines -> {args.out}")
    if args.check:
        right = sum((_dot(r, coef) > 0) == (y > 0.5) for r, y in zip(rows, labels))
        print(f"training accuracy {right / len(rows):.3f}")
        for name, c in sorted(zip(detect.FEATURES, coef), key=lambda t: -abs(t[1]))[:20]:
            print(f"  {name:22s} {c:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
