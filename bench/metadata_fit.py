#!/usr/bin/env python3
"""How far cleaner/metadata's weights depend on the pages they were chosen on: two folds.

    python bench/metadata_fit.py [--bench ../shared/bench] [--field title|author|date ...]

The candidates of every WCXB page are gathered once (metadata.gather and
htmldate's date, as the HTML stage does). For each field, the weights of its
sources (TITLE_WEIGHTS, AUTHOR_WEIGHTS, DATE_WEIGHTS) are fitted by a
coordinate search over GRID on the pages of even id number and scored on the
odd ones, then the other way round; the shipped weights are scored on both
halves beside them. Matching and counting are bench/metadata.py's. Nothing is
written: the shipped weights are set by hand, this only shows whether weights
fitted on half the pages hold on the other half.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from metadata import matches, read_page

from cleaner import html as html_stage
from cleaner import metadata as md

REPO = Path(__file__).resolve().parent.parent
GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
WEIGHTS = {"title": md.TITLE_WEIGHTS, "author": md.AUTHOR_WEIGHTS, "date": md.DATE_WEIGHTS}


def gathered(corpus: Path, golds: list[dict]) -> list[tuple[dict, md.Candidates]]:
    from trafilatura.utils import load_html

    rows = []
    for g in golds:
        tree = load_html(read_page(corpus, g["id"]).decode("utf-8", "replace"))
        found = md.Candidates(url=g["url"])
        if tree is not None:
            found = md.gather(tree, g["url"])
            day = html_stage.pagemeta.found_by_trafilatura(tree, g["url"], True).get("date")
            if day:
                found = md.with_date(found, md.Candidate("htmldate", day))
        rows.append((g, found))
    return rows


def rate(rows, field: str, parity: int) -> float:
    scored = [(g, c) for g, c in rows if g.get(field) and int(g["id"][1:]) % 2 == parity]
    return sum(matches(field, g[field], getattr(md.judge(c), field)) for g, c in scored) / len(scored)


def fit(rows, field: str, parity: int) -> dict:
    weights = WEIGHTS[field]
    shipped = dict(weights)
    for _ in range(2):
        for source in list(weights):
            best, best_rate = weights[source], -1.0
            for value in GRID:
                weights[source] = value
                found = rate(rows, field, parity)
                if found > best_rate:
                    best, best_rate = value, found
            weights[source] = best
    fitted = dict(weights)
    weights.clear()
    weights.update(shipped)
    return fitted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--field", action="append", choices=sorted(WEIGHTS))
    args = parser.parse_args(argv)
    corpus = args.bench / "wcxb"
    golds = [json.loads(line) for line in (corpus / "gold.jsonl").open(encoding="utf-8")]
    rows = gathered(corpus, golds)
    for field in args.field or ["title", "author", "date"]:
        print(f"{field}: shipped weights, even {rate(rows, field, 0):.3f} / odd {rate(rows, field, 1):.3f}")
        for train, test in ((0, 1), (1, 0)):
            weights = WEIGHTS[field]
            shipped = dict(weights)
            weights.update(fit(rows, field, train))
            print(
                f"  fitted on {('even', 'odd')[train]}: {rate(rows, field, train):.3f} there, "
                f"{rate(rows, field, test):.3f} on {('even', 'odd')[test]}"
            )
            weights.clear()
            weights.update(shipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
