#!/usr/bin/env python3
"""Train the HTML stage's choice between trafilatura's text and its alternatives.

    python bench/train_choice.py [--bench DIR] [--reuse] [--jobs N] [--write]

Every page of both development corpora (BENCH/wcxb, BENCH/zyte) goes through
cleaner's HTML stage, which hands over every extraction and the signals the
choice is made on (cleaner/html/choice.py). Each extraction is scored against
the page's gold with WCXB's word F1; for each alternative a logistic model
learns the odds that it scores higher than trafilatura's text, each page
weighted by how much the choice matters on it (the difference of the F1s).

Printed: word F1 per page type and per corpus for trafilatura's text alone,
each alternative alone, the choice, and the best of all (the ceiling), for
three evaluations: the model trained on all pages (in-sample), each page type
and corpus left out in turn (trained on the others, scored on it), and a
2-fold split (even/odd ids). `--write` saves the all-pages model to
cleaner/data/choice_model.json. `--reuse` reads the extractions cached in
bench/out/choice_records.jsonl by an earlier run instead of extracting again.

The gold's page type is used to report and to leave groups out, never as a
signal.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import math
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, astuple, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CACHE = REPO / "bench" / "out" / "choice_records.jsonl"  # (rm it when the HTML stage changes)
MODEL = REPO / "cleaner" / "data" / "choice_model.json"
L2 = 1.0  # ridge penalty on the standardised weights
EPOCHS = 400
STEP = 0.5


@dataclass(frozen=True)
class Page:
    page_id: str
    group: str  # the page type (wcxb) or "zyte": what leave-one-out leaves out
    inputs: dict[str, tuple[float, ...]]  # per alternative: the model's inputs
    differs: dict[str, bool]  # per alternative: htmlchoice.differs
    first_f1: float  # trafilatura's judged text
    f1: dict[str, float]  # per alternative


@dataclass(frozen=True)
class Sample:
    """One page as one alternative's model sees it."""

    signals: tuple[float, ...]
    first_f1: float
    second_f1: float


def _scorer(bench: Path):
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract_one(job: tuple[str, str, str, str, str]) -> dict | None:
    bench, corpus, page_id, group, gold = job
    from cleaner import html as html_stage
    from cleaner import reader

    raw = gzip.decompress((Path(bench) / corpus / "html" / f"{page_id}.html.gz").read_bytes())
    seen = []
    html_stage.extract(
        reader.load(raw),
        observe=lambda markup, page_words, first, texts: seen.append((markup, page_words, first, texts)),
    )
    if not seen:  # extraction fell back to the whole page: no choice was made
        return None
    markup, page_words, first, texts = seen[0]
    scorer = _scorer(Path(bench))
    return {
        "id": page_id,
        "group": group,
        "markup": asdict(markup),
        "page_words": page_words,
        "first": first,
        "texts": texts,
        "first_f1": scorer.word_prf(gold, first)[2],
        "f1": {name: scorer.word_prf(gold, text)[2] for name, text in texts.items()},
    }


def extract_all(bench: Path, jobs: int, cache: Path) -> list[Page]:
    work = []
    for corpus in ("wcxb", "zyte"):
        for line in (bench / corpus / "gold.jsonl").open(encoding="utf-8"):
            gold = json.loads(line)
            group = gold.get("page_type") or corpus
            work.append((str(bench), corpus, gold["id"], group, gold["body"]))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        records = [r for r in pool.map(_extract_one, work, chunksize=8) if r is not None]
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    return [_page(r) for r in records]


def _page(record: dict) -> Page:
    """A cached extraction, its signals computed as the shipped code computes them."""
    from cleaner.html.choice import PageMarkup, differs, model_inputs, signals

    markup = PageMarkup(**record["markup"])
    found = {
        name: signals(markup, record["page_words"], record["first"], text)
        for name, text in record["texts"].items()
    }
    return Page(
        record["id"],
        record["group"],
        {name: model_inputs(astuple(values)) for name, values in found.items()},
        {name: differs(values) for name, values in found.items()},
        record["first_f1"],
        record["f1"],
    )


def fit_all(pages: list[Page]) -> dict[str, dict]:
    """One model per alternative."""
    from cleaner.html.choice import ALTERNATIVES

    return {
        name: fit([Sample(p.inputs[name], p.first_f1, p.f1[name]) for p in pages]) for name in ALTERNATIVES
    }


def fit(pages: list[Sample]) -> dict:
    """Weighted logistic regression on standardised signals, by gradient descent."""
    from cleaner.html.choice import INPUT_NAMES

    n = len(INPUT_NAMES)
    means = [sum(p.signals[k] for p in pages) / len(pages) for k in range(n)]
    scales = []
    for k in range(n):
        var = sum((p.signals[k] - means[k]) ** 2 for p in pages) / len(pages)
        scales.append(math.sqrt(var) or 1.0)
    rows = [[(p.signals[k] - means[k]) / scales[k] for k in range(n)] for p in pages]
    labels = [1.0 if p.second_f1 > p.first_f1 else 0.0 for p in pages]
    weights_of = [abs(p.second_f1 - p.first_f1) for p in pages]
    total = sum(weights_of) or 1.0
    w, b = [0.0] * n, 0.0
    for _ in range(EPOCHS):
        grad, grad_b = [L2 * wk / total for wk in w], 0.0
        for x, y, c in zip(rows, labels, weights_of):
            if not c:
                continue
            z = b + sum(wk * xk for wk, xk in zip(w, x))
            err = (1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - y) * c / total
            grad_b += err
            for k in range(n):
                grad[k] += err * x[k]
        w = [wk - STEP * gk for wk, gk in zip(w, grad)]
        b -= STEP * grad_b
    return {"names": list(INPUT_NAMES), "means": means, "scales": scales, "weights": w, "bias": b}


def _chosen(models: dict[str, dict], pages: list[Page]) -> list[float]:
    """The F1 of the text the shipped decision rule (htmlchoice.choose) takes on each page."""
    from cleaner.html.choice import ALTERNATIVES, load_model

    loaded = {name: load_model(data) for name, data in models.items()}
    out = []
    for p in pages:
        best, f1 = 0.0, p.first_f1
        for name, model in loaded.items():
            if not p.differs[name]:
                continue
            probability = model.probability(p.inputs[name])
            if probability > ALTERNATIVES[name].choose_above and probability > best:
                best, f1 = probability, p.f1[name]
        out.append(f1)
    return out


def _table(title: str, pages: list[Page], chosen: dict[str, float]) -> None:
    from cleaner.html.choice import ALTERNATIVES

    print(f"\n{title}")
    print(
        f"{'group':<15}{'n':>5}{'trafilatura':>13}"
        + "".join(f"{name:>9}" for name in ALTERNATIVES)
        + f"{'chosen':>9}{'ceiling':>9}"
    )
    groups = sorted({p.group for p in pages})
    for group in (*groups, "all wcxb", "all"):
        picked = [
            p
            for p in pages
            if group == "all" or p.group == group or (group == "all wcxb" and p.group != "zyte")
        ]
        if not picked:
            continue

        def mean(values, picked=picked):
            return sum(values) / len(picked)

        print(
            f"{group:<15}{len(picked):>5}{mean(p.first_f1 for p in picked):>13.3f}"
            + "".join(f"{mean(p.f1[name] for p in picked):>9.3f}" for name in ALTERNATIVES)
            + f"{mean(chosen[p.page_id] for p in picked):>9.3f}"
            f"{mean(max(p.first_f1, *p.f1.values()) for p in picked):>9.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", default=str(REPO.parent / "shared" / "bench"))
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--cache", default=str(CACHE), help="where extractions are cached")
    args = parser.parse_args(argv)
    cache = Path(args.cache)
    bench = Path(args.bench).resolve()
    if args.reuse and cache.is_file():
        pages = [_page(json.loads(line)) for line in cache.open(encoding="utf-8")]
    else:
        pages = extract_all(bench, args.jobs, cache)
    print(f"{len(pages)} pages with both extractions (score: word F1)")

    model = fit_all(pages)
    _table(
        "in-sample (trained on all pages)",
        pages,
        dict(zip((p.page_id for p in pages), _chosen(model, pages))),
    )

    left_out: dict[str, float] = {}
    for group in sorted({p.group for p in pages}):
        held = [p for p in pages if p.group == group]
        trained = fit_all([p for p in pages if p.group != group])
        left_out.update(zip((p.page_id for p in held), _chosen(trained, held)))
    _table("each page type (and zyte) left out in turn", pages, left_out)

    folds: dict[str, float] = {}
    ordered = sorted(pages, key=lambda p: p.page_id)
    halves = (ordered[0::2], ordered[1::2])
    for k, held in enumerate(halves):
        trained = fit_all(halves[1 - k])
        folds.update(zip((p.page_id for p in held), _chosen(trained, held)))
    _table("2-fold (even / odd ids)", pages, folds)

    for alternative, data in model.items():
        print(f"\nweights of {alternative!r} (standardised signals):")
        for name, weight in sorted(zip(data["names"], data["weights"]), key=lambda nw: -abs(nw[1])):
            print(f"  {name:<32}{weight:+.3f}")
    if args.write:
        MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"\nwritten: {MODEL.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
