#!/usr/bin/env python3
"""Metadata (title, author, date) of cleaner beside trafilatura's, on the WCXB pages.

    python bench/metadata.py [--bench ../shared/bench] [--limit N] [--jobs N]

For every page of wcxb/ (HTML), each tool's title, author and date are compared
with the gold's (gold.jsonl: "title", "author", "date"):
- trafilatura 2.x: `trafilatura.bare_extraction(page, url=URL, with_metadata=True)`,
  the values its own CLI prints;
- cleaner: `cleaner.clean(page, url=URL, kind="html")`, its Result's fields.
Both are given the page's URL from the gold, as a crawler would give it.

A value matches when it equals the gold's with spacing collapsed and case
folded; a date matches on the day (the gold's "YYYY-MM" on the month). A
page counts for a field only where its gold has a value for it (every page for
title; 739 for author, 782 for date): the rates are exact matches over those
pages. That is the counting that gives trafilatura the figures of issue 15
(title 0.485, author 0.559, date 0.830); the pages without a gold value are
not scored, so the table also says on how many of them each tool states a
value anyway (the gold has no author or date there, but some do have one:
the gold's annotators did not fill every field).

Beside the rates over all pages, the figures on the pages of even and odd id
number (w0002, w0004 ... and w0001, w0003 ...): cleaner/metadata's weights were
chosen by looking at all pages, so the two halves show how far a figure
depends on the pages it was chosen on (bench/metadata_fit.py fits on one half
and scores the other).

Then the cost of cleaner's metadata per page: the mean time of the HTML
stage's metadata search (`html.pagemeta.found_by_trafilatura` and `html.pagemeta.judged`
on the parsed page) with `metadata=True` (json, csv, xml, jsonl output) and
with `metadata=False` (text output).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIELDS = ("title", "author", "date")
TOOLS = ("trafilatura", "cleaner")


def norm(value: str | None) -> str:
    return re.sub(r"\s+", " ", value or "").strip().casefold()


def matches(field: str, gold: str, found: str | None) -> bool:
    if field == "date":
        return bool(found) and found[: len(gold[:10])] == gold[:10]
    return norm(found) == norm(gold)


def read_page(corpus: Path, page_id: str) -> bytes:
    return gzip.decompress((corpus / "html" / f"{page_id}.html.gz").read_bytes())


def values_of(job: tuple[str, str, str]) -> dict:
    """Each tool's title, author and date of one page."""
    corpus, page_id, url = job
    raw = read_page(Path(corpus), page_id)
    import trafilatura

    import cleaner

    found = {}
    try:
        doc = trafilatura.bare_extraction(raw.decode("utf-8", "replace"), url=url, with_metadata=True)
        found["trafilatura"] = {f: getattr(doc, f, None) for f in FIELDS} if doc else {}
    except Exception:  # noqa: BLE001 - a failure is no value
        found["trafilatura"] = {}
    result = cleaner.clean(raw, url=url, kind="html")
    found["cleaner"] = {f: getattr(result, f) for f in FIELDS}
    return found


def table(golds: list[dict], found: list[dict]) -> list[str]:
    lines = [
        f"{'field':<8}{'pages':>6}  "
        + "  ".join(f"{t:>11}" for t in TOOLS)
        + "   cleaner even / odd"
        + "   stated without gold (trafilatura, cleaner)"
    ]
    for field in FIELDS:
        scored = [(g, f) for g, f in zip(golds, found) if g.get(field)]
        rates = []
        for tool in TOOLS:
            hits = [matches(field, g[field], f[tool].get(field)) for g, f in scored]
            rates.append(sum(hits) / len(hits))
        halves = []
        for parity in (0, 1):
            part = [(g, f) for g, f in scored if int(g["id"][1:]) % 2 == parity]
            halves.append(sum(matches(field, g[field], f["cleaner"].get(field)) for g, f in part) / len(part))
        unscored = [f for g, f in zip(golds, found) if not g.get(field)]
        stated = [sum(bool(f[tool].get(field)) for f in unscored) for tool in TOOLS]
        lines.append(
            f"{field:<8}{len(scored):>6}  "
            + "  ".join(f"{r:>11.3f}" for r in rates)
            + f"   {halves[0]:.3f} / {halves[1]:.3f}"
            + f"   {stated[0]} and {stated[1]} of {len(unscored)}"
        )
    return lines


def cost(corpus: Path, golds: list[dict]) -> list[str]:
    """Mean milliseconds per page of the HTML stage's metadata search, both ways, and of
    its parts: trafilatura's title, url and (with metadata) htmldate's date; the
    gathering and judging of cleaner/metadata."""
    from trafilatura.utils import load_html

    from cleaner import html as html_stage

    trees = []
    for g in golds:
        tree = load_html(read_page(corpus, g["id"]).decode("utf-8", "replace"))
        if tree is not None:
            trees.append((tree, g["url"]))
    html_stage.pagemeta.found_by_trafilatura(*trees[0], True)  # imports, outside the timing
    spent = {(full, part): 0.0 for full in (False, True) for part in ("trafilatura", "judged")}
    for tree, url in trees:
        for full in (False, True):
            start = time.perf_counter()
            meta = html_stage.pagemeta.found_by_trafilatura(tree, url, full)
            middle = time.perf_counter()
            html_stage.pagemeta.judged(tree, url, meta, full)
            spent[full, "trafilatura"] += middle - start
            spent[full, "judged"] += time.perf_counter() - middle
    lines = []
    for full, name in ((True, "with metadata (json, csv, xml, jsonl)"), (False, "without (text output)")):
        parts = [1000 * spent[full, part] / len(trees) for part in ("trafilatura", "judged")]
        lines.append(
            f"metadata search {name}: {sum(parts):.1f} ms per page "
            f"(trafilatura and htmldate {parts[0]:.1f}, cleaner.metadata {parts[1]:.1f})"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-cost", action="store_true")
    args = parser.parse_args(argv)
    corpus = args.bench / "wcxb"
    if not (corpus / "gold.jsonl").is_file():
        print(f"metadata: no {corpus / 'gold.jsonl'}", file=sys.stderr)
        return 2
    golds = [json.loads(line) for line in (corpus / "gold.jsonl").open(encoding="utf-8")]
    if args.limit:
        golds = golds[: args.limit]
    jobs = [(str(corpus), g["id"], g["url"]) for g in golds]
    with ProcessPoolExecutor(args.jobs) as pool:
        found = list(pool.map(values_of, jobs, chunksize=8))
    print(f"metadata on wcxb: {len(golds)} pages, exact matches over the pages whose gold has the field")
    for line in table(golds, found):
        print(line)
    if not args.skip_cost:
        for line in cost(corpus, golds):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
