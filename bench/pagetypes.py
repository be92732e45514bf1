#!/usr/bin/env python3
"""Quality per page type and per corpus: cleaner (HTML and text/flat) beside trafilatura.

    python bench/pagetypes.py [--bench DIR] [--tool NAME ...] [--every N] [--jobs N]
                              [--out DIR] [--per-doc]

Runs each tool over both development corpora (BENCH/wcxb: 1,497 pages of seven
page types, word F1; BENCH/zyte: 98 news pages, shingle F1), writes one ID.txt
per page into OUT/TOOL/CORPUS/, scores them with BENCH/score.py and prints one
table: precision, recall and F1 per page type of wcxb, wcxb overall, and zyte.

Tools:
  cleaner-html   cleaner.clean(page, kind="html")
  cleaner-text   cleaner.clean(text/flat rendering, kind="text")
  trafilatura    trafilatura.extract(page) with its defaults, as its CLI runs
  no-cleaning    the text/flat rendering as it is (the baseline)

`--every N` takes every Nth page of each corpus (sorted ids), for quick runs;
`--jobs` worker processes (default: the CPUs available). Wall time per tool is
printed too (library time in the workers, not process start-up).

Example:
    python bench/pagetypes.py --tool cleaner-html --tool trafilatura --every 5
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("cleaner-html", "cleaner-text", "trafilatura", "no-cleaning")
CORPORA = ("wcxb", "zyte")
PAGE_TYPES = ("article", "forum", "service", "product", "documentation", "collection", "listing")


@dataclass(frozen=True)
class Job:
    tool: str
    corpus: Path
    page_id: str
    out: Path


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    pages: int


def run_one(job: Job) -> float:
    """Run one tool on one page, write its output, return the seconds it took."""
    if job.tool in ("cleaner-text", "no-cleaning"):
        data = (job.corpus / "text" / "flat" / f"{job.page_id}.txt").read_text(encoding="utf-8")
    else:
        data = gzip.decompress((job.corpus / "html" / f"{job.page_id}.html.gz").read_bytes())
    start = time.perf_counter()
    if job.tool == "cleaner-html":
        import cleaner
        text = cleaner.clean(data, kind="html").text
    elif job.tool == "cleaner-text":
        import cleaner
        text = cleaner.clean(data, kind="text").text
    elif job.tool == "trafilatura":
        import trafilatura
        text = trafilatura.extract(data) or ""
    else:
        text = data
    spent = time.perf_counter() - start
    job.out.parent.mkdir(parents=True, exist_ok=True)
    job.out.write_text(text, encoding="utf-8")
    return spent


def load_scorer(bench: Path):
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_corpus(scorer, corpus: Path, golds: list[dict], out: Path) -> dict[str, Score]:
    """Scores by page type ("all" for the corpus), with the corpus's own metric."""
    rows = []
    for gold in golds:
        path = out / f"{gold['id']}.txt"
        rows.append((gold, path.read_text(encoding="utf-8") if path.exists() else ""))
    scores: dict[str, Score] = {}
    if corpus.name == "wcxb":
        per_page = [(g.get("page_type") or "untyped", scorer.word_prf(g["body"], p)) for g, p in rows]
        for name in (*PAGE_TYPES, "all"):
            picked = [prf for kind, prf in per_page if name in ("all", kind)]
            if picked:
                scores[name] = Score(*(scorer.mean([prf[k] for prf in picked]) for k in range(3)),
                                     len(picked))
    else:
        counts = [scorer.body_counts(g["body"], p) for g, p in rows]
        ps = [scorer.precision(*c) for c in counts if c[0] + c[1] > 0]
        rs = [scorer.recall(*c) for c in counts if c[0] + c[2] > 0]
        precision, recall = scorer.mean(ps), scorer.mean(rs)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores["all"] = Score(precision, recall, f1, len(rows))
    return scores


def evaluate(bench: Path, tools: list[str], every: int, jobs: int, out_dir: Path,
             quiet: bool = False) -> dict:
    """{tool: {"wcxb": {type: Score}, "zyte": {"all": Score}, "seconds": float}}."""
    scorer = load_scorer(bench)
    golds = {}
    for name in CORPORA:
        rows = [json.loads(line) for line in (bench / name / "gold.jsonl").open(encoding="utf-8")]
        rows.sort(key=lambda g: g["id"])
        golds[name] = rows[::every]
    results: dict = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for tool in tools:
            work = [Job(tool, bench / name, g["id"], out_dir / tool / name / f"{g['id']}.txt")
                    for name in CORPORA for g in golds[name]]
            seconds = sum(pool.map(run_one, work, chunksize=4))
            results[tool] = {name: score_corpus(scorer, bench / name, golds[name], out_dir / tool / name)
                             for name in CORPORA}
            results[tool]["seconds"] = seconds
            if not quiet:
                print(f"# {tool}: {len(work)} pages, {seconds:.1f} s of library time", file=sys.stderr)
    return results


def print_table(results: dict) -> None:
    tools = list(results)
    header = f"{'page type':<15}{'n':>5}  " + "  ".join(f"{t:>20}" for t in tools)
    print(header)
    print(" " * 22 + "  ".join(f"{'F1 (P / R)':>20}" for _ in tools))
    first = results[tools[0]]
    for corpus, names in (("wcxb", (*PAGE_TYPES, "all")), ("zyte", ("all",))):
        for name in names:
            if name not in first[corpus]:
                continue
            label = f"{corpus}:{name}" if name == "all" else name
            cells = []
            for tool in tools:
                s = results[tool][corpus][name]
                cells.append(f"{s.f1:.3f} ({s.precision:.2f}/{s.recall:.2f})")
            print(f"{label:<15}{first[corpus][name].pages:>5}  " + "  ".join(f"{c:>20}" for c in cells))
    print(f"{'seconds':<20}  " + "  ".join(f"{results[t]['seconds']:>20.1f}" for t in tools))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", default=str(REPO.parent / "shared" / "bench"))
    parser.add_argument("--tool", action="append", choices=TOOLS)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--out", default=str(REPO / "bench" / "out" / "pagetypes"))
    args = parser.parse_args(argv)
    bench = Path(args.bench).resolve()
    if not (bench / "score.py").is_file():
        print(f"error: no benchmark at {bench} (expected score.py, wcxb/ and zyte/)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    results = evaluate(bench, args.tool or list(TOOLS), args.every, args.jobs, Path(args.out))
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
