#!/usr/bin/env python3
"""Rules learned from the batch (`cleaner rules learn`) on wcxb hosts with 3+ pages.

    python bench/learn.py [--bench PATH] [--min-pages 3] [--modes text,html]

For every host of the benchmark with at least --min-pages pages (host: the
gold URL's, "www." dropped), in each mode (text: the text/flat rendering;
html: the page's HTML), mean word F1 (the benchmark's score.word_prf) of:

- no cleaning (text mode only: the rendering as it is);
- cleaner as it is (shipped rules, generic detection);
- naive repeated lines: every line that occurs on at least half of the host's
  pages (and on two or more) removed, nothing else (text mode only);
- learned, learn-on-all: rules learned from all the host's pages, written to a
  temporary folder as rule files, loaded as `--rules DIR` and applied by cleaner;
- learned, leave-one-page-out: for each page, rules learned from the host's
  other pages only, applied to it: the honest figure (the page was not seen);
- ceiling of repeated lines (text mode only), an oracle that reads the gold: every
  line of a page that is also on another of the host's pages (as it is, or as a
  shape: the learner's generalisation of numbers and dates) removed, unless
  CEILING_GOLD of its words are in the page's gold. No learner of what repeats
  across a host's pages removes better; "then cleaner" is that text cleaned as
  cleaner cleans it (generic detection after a perfect learner).

It prints, per mode, pages made worse than cleaner as it is by more than 0.02
(F1), for pages of single-page hosts with rules learned from the whole corpus
in effect: for how many a learned file is selected (none should be) and how
many come out differently (and whether such a page also differs when cleaned
twice without learned rules: the HTML path is not fully reproducible within
one process), and
the CPU time learning takes per 1,000 pages beside the time cleaning them
takes, and whether every file learned from all pages passes `rules check`.
The learned rule files are never written into rules/.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cleaner import clean, learn, rulegen, rules  # noqa: E402

WORSE = 0.02
CEILING_GOLD = 0.9  # the share of a line's words in the gold that makes it content, for the ceiling


def load_scorer(bench: Path):
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page(corpus: Path, mode: str, doc_id: str) -> str:
    if mode == "html":
        return gzip.decompress((corpus / "html" / f"{doc_id}.html.gz").read_bytes()).decode(
            "utf-8", "replace"
        )
    return (corpus / "text" / "flat" / f"{doc_id}.txt").read_text(encoding="utf-8")


def naive(texts: list[str]) -> list[str]:
    """Each text without the lines that occur on at least half of the texts (and on two or more)."""
    df = Counter()
    for text in texts:
        df.update({line.strip() for line in text.splitlines() if line.strip()})
    need = max(2, len(texts) / 2)
    return [
        "\n".join(line for line in text.splitlines() if not (line.strip() and df[line.strip()] >= need))
        for text in texts
    ]


def learned_book(pages: list[tuple[str, str]], kind: str, folder: Path) -> tuple[rules.RuleBook, float]:
    """The rule book with rules learned from (host, document) pages, and the CPU seconds learning took."""
    started = time.process_time()
    learner = learn.Learner()
    for host, document in pages:
        learner.add(host, learn.page_texts(document, kind))
    sites = learner.sites()
    seconds = time.process_time() - started
    for old in folder.glob("*.toml"):
        old.unlink()
    rulegen.write(sites, folder)
    return rules.load_rulebook([folder]), seconds


def ceiling(gs: list[dict], docs: dict[str, str]) -> dict[str, str]:
    """Each page's text without its lines that are on another of the host's pages
    (as they are, or as a shape: the same words around other numbers or dates, as
    the learner generalises them) and are not content by the gold (see
    CEILING_GOLD): the best a learner of repeated lines could remove. Page id -> text."""
    keys_of = {g["id"]: {_key(line) for line in docs[g["id"]].splitlines() if line.strip()} for g in gs}
    out = {}
    for g in gs:
        elsewhere = set().union(*(keys_of[x["id"]] for x in gs if x is not g))
        gold = Counter(g["body"].lower().split())
        kept = [line for line in docs[g["id"]].splitlines() if not _template(line, elsewhere, gold)]
        out[g["id"]] = "\n".join(kept)
    return out


def _key(line: str) -> str:
    """A line as the ceiling compares it across pages: its shape, else its text."""
    text = line.strip()
    return learn.shape(text) or text


def _template(line: str, elsewhere: set[str], gold: Counter) -> bool:
    """A line also on another page whose words are not (mostly) the gold's."""
    words = line.lower().split()
    return (
        bool(words)
        and _key(line) in elsewhere
        and sum(gold[w] > 0 for w in words) < CEILING_GOLD * len(words)
    )


METHODS = (
    "no cleaning",
    "cleaner",
    "naive repeated lines",
    "learned, learn-on-all",
    "learned, leave-one-page-out",
    "ceiling of repeated lines",
    "ceiling, then cleaner",
)


def outputs(multi: dict[str, list[dict]], docs: dict[str, str], kind: str, base) -> tuple[dict, float, float]:
    """Every method's text of every page (method -> page id -> text), and the CPU
    seconds cleaning and learning (learn-on-all) took."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    clean_cpu = learn_cpu = 0.0
    for h, gs in multi.items():
        started = time.process_time()
        for g in gs:
            out["cleaner"][g["id"]] = clean(docs[g["id"]], url=g["url"], kind=kind, rulebook=base).text
        clean_cpu += time.process_time() - started
        if kind == "text":
            for g, text in zip(gs, naive([docs[g["id"]] for g in gs])):
                out["naive repeated lines"][g["id"]] = text
                out["no cleaning"][g["id"]] = docs[g["id"]]
            for page_id, text in ceiling(gs, docs).items():
                out["ceiling of repeated lines"][page_id] = text
                url = next(g["url"] for g in gs if g["id"] == page_id)
                out["ceiling, then cleaner"][page_id] = clean(text, url=url, kind=kind, rulebook=base).text
        with tempfile.TemporaryDirectory() as tmp:
            book, seconds = learned_book([(h, docs[g["id"]]) for g in gs], kind, Path(tmp))
            learn_cpu += seconds
            for g in gs:
                out["learned, learn-on-all"][g["id"]] = clean(
                    docs[g["id"]], url=g["url"], kind=kind, rulebook=book
                ).text
            for g in gs:
                book, _ = learned_book([(h, docs[x["id"]]) for x in gs if x is not g], kind, Path(tmp))
                out["learned, leave-one-page-out"][g["id"]] = clean(
                    docs[g["id"]], url=g["url"], kind=kind, rulebook=book
                ).text
    return out, clean_cpu, learn_cpu


def report(out: dict, pages: list[dict], f1) -> None:
    """Mean F1 of each method, and the pages learned rules made worse than cleaner."""
    for name in METHODS:
        if name in out:
            score = sum(f1(g, out[name][g["id"]]) for g in pages) / len(pages)
            print(f"  {name:<30} {score:.3f}")
    for name in ("learned, learn-on-all", "learned, leave-one-page-out"):
        worse = [(g["id"], f1(g, out[name][g["id"]]) - f1(g, out["cleaner"][g["id"]])) for g in pages]
        worse = [(i, d) for i, d in worse if d < -WORSE]
        shown = ", ".join(f"{i} {d:+.3f}" for i, d in worse)
        print(f"  worse than cleaner by > {WORSE} ({name}): {len(worse)}" + (f" ({shown})" if worse else ""))


def single_hosts(corpus: Path, gold: list[dict], single: list[dict], mode: str, base) -> None:
    """Rules learned from the whole corpus must leave the pages of single-page hosts
    as they were; and every learned file must pass `rules check`."""
    kind = "html" if mode == "html" else "text"
    selected = changed = unstable = 0
    with tempfile.TemporaryDirectory() as tmp:
        every = [(learn.host_of(g["url"]) or "", g) for g in gold]
        book, _ = learned_book([(h, page(corpus, mode, g["id"])) for h, g in every if h], kind, Path(tmp))
        failures = rules.check([tmp])
        for g in single:
            document = page(corpus, mode, g["id"])
            learned_run = clean(document, url=g["url"], kind=kind, rulebook=book)
            selected += learned_run.source is not None
            before = clean(document, url=g["url"], kind=kind, rulebook=base).text
            if learned_run.text != before:
                changed += 1
                # the same page cleaned again with the same rules: does it come out the same?
                unstable += clean(document, url=g["url"], kind=kind, rulebook=base).text != before
    print(
        f"  single-page hosts: {len(single)} pages; with rules learned from all {len(gold)} pages, "
        f"a learned file selected for {selected}, text changed on {changed}"
        + (f" ({unstable} of which also change when cleaned twice without them)" if changed else "")
    )
    print(
        f"  rules check on the {len(book.sources)} files learned from all pages: "
        + (f"{len(failures)} problems ({failures[0]}...)" if failures else "ok")
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    ap.add_argument("--min-pages", type=int, default=3)
    ap.add_argument("--modes", default="text,html")
    args = ap.parse_args(argv)
    corpus = args.bench / "wcxb"
    scorer = load_scorer(args.bench)
    gold = [json.loads(line) for line in (corpus / "gold.jsonl").open(encoding="utf-8")]
    hosts: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        hosts[learn.host_of(g.get("url")) or ""].append(g)
    multi = {h: gs for h, gs in hosts.items() if h and len(gs) >= args.min_pages}
    single = [gs[0] for h, gs in hosts.items() if h and len(gs) == 1]
    pages = [g for gs in multi.values() for g in gs]
    print(f"wcxb hosts with {args.min_pages}+ pages: {len(multi)} hosts, {len(pages)} pages")

    def f1(g, text):
        return scorer.word_prf(g["body"], text)[2]

    base = rules.load_rulebook([])
    for mode in args.modes.split(","):
        kind = "html" if mode == "html" else "text"
        docs = {g["id"]: page(corpus, mode, g["id"]) for g in pages}
        out, clean_cpu, learn_cpu = outputs(multi, docs, kind, base)
        print(
            f"\n{mode} ({'text/flat' if kind == 'text' else 'HTML'}), mean word F1 over {len(pages)} pages:"
        )
        report(out, pages, f1)
        print(
            f"  CPU per 1,000 pages: learning {learn_cpu / len(pages) * 1000:.1f}s, "
            f"cleaning {clean_cpu / len(pages) * 1000:.1f}s "
            f"({learn_cpu / clean_cpu:.1%} of cleaning)"
        )
        single_hosts(corpus, gold, single, mode, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
