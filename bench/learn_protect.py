#!/usr/bin/env python3
"""Would protecting a page's own lines from generic detection help? (issue 17)

    python bench/learn_protect.py [--bench PATH] [--min-pages 3]

Learned rules only remove template; the idea measured here is the other use of
a host's template: a line found on no other page of the host (20 characters or
more, not removed by a learned rule) is the page's own text, so detection
should not remove it. Nothing here changes cleaner: each variant is computed
from one leave-one-page-out run (rules learned from the host's other pages,
`--rules DIR` as bench/learn.py does), by giving back some of the lines
generic detection removed. On the wcxb hosts with --min-pages pages or more,
text/flat, mean word F1 and pages worse than cleaner as it is by more than
0.02, for:

- cleaner as it is, and with the learned rules (bench/learn.py's figures);
- learned rules without generic detection (only the learned removals);
- the page's own lines protected everywhere;
- only between the learned header (its last line above the first own line)
  and the first learned footer line below it;
- only on pages detection does not read as articles (article probability
  below ARTICLE_BELOW: detection's own page-level judgement);
- per page, the better of cleaner and learned-without-detection (an oracle
  that reads the gold: a ceiling for choosing per page whether to detect);
- learned rules, and every line above the page's first and below its last line
  of gold text removed (an oracle: a ceiling for anything that removes a
  page's header and footer, as learned rules do).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cleaner import clean, learn, rulegen, rules  # noqa: E402
from cleaner.text import detect  # noqa: E402

_SPEC = importlib.util.spec_from_file_location("bench_learn", REPO / "bench" / "learn.py")
bench_learn = importlib.util.module_from_spec(_SPEC)  # bench/learn.py: its page reader, scorer, WORSE
_SPEC.loader.exec_module(bench_learn)

OWN_CHARS = 20  # a line of the page's own this long at least (learn.ANCHOR_CHARS)
ARTICLE_BELOW = 0.30  # protect on pages detection reads as articles less than this

VARIANTS = (
    "cleaner",
    "learned",
    "learned, no detection",
    "own lines protected",
    "own lines protected between header and footer",
    f"own lines protected, article probability < {ARTICLE_BELOW}",
    "oracle: better of cleaner and learned without detection",
    "oracle: learned, and all above and below the gold text removed",
)
_WORD = re.compile(r"\w+")
GOLD_LINE = 0.9  # a line of 3 words or more, this share of them in the gold text, is gold text


def kept_sets(result, cleaner_result, others: Counter, regions: dict[str, str]) -> dict[str, set[int]]:
    """The numbers of the lines each variant keeps, for one page (`regions`: learned
    rule id -> learn.TOP or learn.BOTTOM)."""
    numbers = [line.number for line in result.lines]
    text = {line.number: line.text.strip() for line in result.lines}
    removed = {r.line: r.by for r in result.removals if r.kind == "line"}
    learned = {n for n, by in removed.items() if by in regions}
    kept = {n for n in numbers if n not in removed}
    own = [n for n in numbers if n not in learned and len(text[n]) >= OWN_CHARS and not others[text[n]]]
    doc = detect.document(list(result.lines))
    article = detect.article_probability(doc)
    return {
        "cleaner": {
            n for n in numbers if n not in {r.line for r in cleaner_result.removals if r.kind == "line"}
        },
        "learned": kept,
        "learned, no detection": {n for n in numbers if n not in learned},
        "own lines protected": kept | set(own),
        "own lines protected between header and footer": kept | set(_between(own, removed, regions)),
        f"own lines protected, article probability < {ARTICLE_BELOW}": kept
        | (set(own) if article < ARTICLE_BELOW else set()),
    }


def _between(own: list[int], removed: dict[int, str], regions: dict[str, str]) -> list[int]:
    """The own lines below the learned header and above the first learned footer line after it."""
    top = sorted(n for n, by in removed.items() if regions.get(by) == learn.TOP)
    bottom = sorted(n for n, by in removed.items() if regions.get(by) == learn.BOTTOM)
    if not own or not top:
        return []
    header = max((n for n in top if n < own[0]), default=None)
    if header is None:
        return []
    footer = min((n for n in bottom if n > header), default=None)
    return [n for n in own if header < n and (footer is None or n < footer)]


def _gold_span(texts: dict[int, str], body: str) -> range:
    """The line numbers from the page's first line of gold text to its last."""
    gold = set(_WORD.findall(body.lower()))
    lines = [
        n
        for n, text in sorted(texts.items())
        if len(words := _WORD.findall(text.lower())) >= 3
        and sum(w in gold for w in words) > GOLD_LINE * len(words)
    ]
    return (
        range(lines[0], lines[-1] + 1) if lines else range(min(texts, default=0), max(texts, default=0) + 1)
    )


def run_host(h: str, gs: list[dict], docs: dict[str, str], base, f1) -> dict[str, list[float]]:
    """Every variant's F1 on each page of one host, leave-one-page-out."""
    scores: dict[str, list[float]] = defaultdict(list)
    lines = {g["id"]: Counter(set(learn.page_texts(docs[g["id"]], "text"))) for g in gs}
    for g in gs:
        others = sum((lines[x["id"]] for x in gs if x is not g), Counter())
        learner = learn.Learner()
        for x in gs:
            if x is not g:
                learner.add(h, learn.page_texts(docs[x["id"]], "text"))
        sites = learner.sites()
        regions = {rule.id: rule.region for site in sites for rule in site.rules}
        with tempfile.TemporaryDirectory() as tmp:
            rulegen.write(sites, Path(tmp))
            book = rules.load_rulebook([Path(tmp)])
        result = clean(docs[g["id"]], url=g["url"], kind="text", rulebook=book)
        before = clean(docs[g["id"]], url=g["url"], kind="text", rulebook=base)
        texts = {line.number: line.text for line in result.lines}
        for name, kept in kept_sets(result, before, others, regions).items():
            scores[name].append(f1(g, "\n".join(texts[n] for n in sorted(kept))))
        both = (scores["cleaner"][-1], scores["learned, no detection"][-1])
        scores["oracle: better of cleaner and learned without detection"].append(max(both))
        inside = _gold_span(texts, g["body"])
        gone = {r.line for r in result.removals if r.kind == "line"}
        kept = [n for n in sorted(texts) if n in inside and n not in gone]
        scores[VARIANTS[-1]].append(f1(g, "\n".join(texts[n] for n in kept)))
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    ap.add_argument("--min-pages", type=int, default=3)
    args = ap.parse_args(argv)
    corpus = args.bench / "wcxb"
    scorer = bench_learn.load_scorer(args.bench)
    gold = [json.loads(line) for line in (corpus / "gold.jsonl").open(encoding="utf-8")]
    hosts: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        hosts[learn.host_of(g.get("url")) or ""].append(g)
    multi = {h: gs for h, gs in hosts.items() if h and len(gs) >= args.min_pages}
    docs = {g["id"]: bench_learn.page(corpus, "text", g["id"]) for gs in multi.values() for g in gs}
    base = rules.load_rulebook([])

    def f1(g, text):
        return scorer.word_prf(g["body"], text)[2]

    scores: dict[str, list[float]] = defaultdict(list)
    for h, gs in multi.items():
        for name, values in run_host(h, gs, docs, base, f1).items():
            scores[name] += values
    n = len(scores["cleaner"])
    print(f"wcxb text/flat, {len(multi)} hosts with {args.min_pages}+ pages, {n} pages, leave-one-page-out:")
    for name in VARIANTS:
        worse = sum(a < b - bench_learn.WORSE for a, b in zip(scores[name], scores["cleaner"]))
        print(f"  {name:<64} {sum(scores[name]) / n:.3f}  worse than cleaner on {worse}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
