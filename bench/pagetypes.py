#!/usr/bin/env python3
"""Quality per page type and per corpus: cleaner (HTML and text/flat) beside trafilatura.

    python bench/pagetypes.py [--bench DIR] [--tool NAME ...] [--every N] [--jobs N]
                              [--out DIR]

Runs each tool over both development corpora (BENCH/wcxb: 1,497 pages of seven
page types, word F1; BENCH/zyte: 98 news pages, shingle F1), writes one ID.txt
per page into OUT/TOOL/CORPUS/, scores them with BENCH/score.py and prints one
table: F1 (precision / recall) per page type of wcxb, wcxb overall, and zyte.

Tools:
  cleaner-html   cleaner.clean(page, kind="html")
  cleaner-text   cleaner.clean(text/flat rendering, kind="text")
  trafilatura    trafilatura.extract(page) with its defaults, as its CLI runs
  no-cleaning    the text/flat rendering as it is (the baseline)

`--every N` takes every Nth page of each corpus (sorted ids), for quick runs;
`--jobs` worker processes (default: the CPUs available; 1 runs in this
process). The last line gives each tool's seconds of library time, summed
over the workers (not process start-up, not wall time: bench/cli_speed.py
times the two command lines).

bench/gate.py uses the same functions on a fixed sample (see its docstring).

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
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = REPO.parent / "shared" / "bench"
TOOLS = ("cleaner-html", "cleaner-text", "trafilatura", "no-cleaning")
CORPORA = ("wcxb", "zyte")
PAGE_TYPES = ("article", "forum", "service", "product", "documentation", "collection", "listing")
ALL = "all"  # the group name of a whole corpus


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


@dataclass(frozen=True)
class Sample:
    """Which pages of each corpus are run: every Nth in sorted id order (a corpus
    not named in `every` is taken whole), then at most `limit` of them."""

    every: Mapping[str, int] = field(default_factory=dict)
    limit: int | None = None

    def pick(self, corpus: str, golds: list[dict]) -> list[dict]:
        picked = sorted(golds, key=lambda g: g["id"])[:: self.every.get(corpus, 1)]
        return picked if self.limit is None else picked[: self.limit]

    def describe(self, corpus: str) -> str:
        step = self.every.get(corpus, 1)
        text = "every page" if step == 1 else f"every {_ordinal(step)} page in sorted id order"
        return text if self.limit is None else f"{text}, the first {self.limit}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class ToolRun:
    """One tool over the sample: scores[corpus][page type or "all"]."""

    tool: str
    scores: Mapping[str, Mapping[str, Score]]
    seconds: float  # library time summed over the pages
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


def missing_bench(bench: Path) -> str | None:
    """Why `bench` is not a usable benchmark folder, or None when it is."""
    wanted = [bench / "score.py", *(bench / name / "gold.jsonl" for name in CORPORA)]
    absent = [str(path.relative_to(bench)) for path in wanted if not path.is_file()]
    if not absent:
        return None
    return f"no benchmark at {bench} (missing {', '.join(absent)})"


def load_golds(bench: Path, corpus: str) -> list[dict]:
    with (bench / corpus / "gold.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def score_corpus(scorer, corpus: Path, golds: list[dict], out: Path) -> dict[str, Score]:
    """Scores by page type ("all" for the corpus), with the corpus's own metric."""
    rows = []
    for gold in golds:
        path = out / f"{gold['id']}.txt"
        rows.append((gold, path.read_text(encoding="utf-8") if path.exists() else ""))
    scores: dict[str, Score] = {}
    if corpus.name == "wcxb":
        per_page = [(g.get("page_type") or "untyped", scorer.word_prf(g["body"], p)) for g, p in rows]
        for name in (*PAGE_TYPES, ALL):
            picked = [prf for kind, prf in per_page if name in (ALL, kind)]
            if picked:
                scores[name] = Score(
                    *(scorer.mean([prf[k] for prf in picked]) for k in range(3)), len(picked)
                )
    else:
        counts = [scorer.body_counts(g["body"], p) for g, p in rows]
        ps = [scorer.precision(*c) for c in counts if c[0] + c[1] > 0]
        rs = [scorer.recall(*c) for c in counts if c[0] + c[2] > 0]
        precision, recall = scorer.mean(ps), scorer.mean(rs)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[ALL] = Score(precision, recall, f1, len(rows))
    return scores


def evaluate(
    bench: Path, tools: list[str], sample: Sample, jobs: int, out_dir: Path, quiet: bool = False
) -> dict[str, ToolRun]:
    """Run every tool over the sample of both corpora and score it, by tool name."""
    scorer = load_scorer(bench)
    golds = {name: sample.pick(name, load_golds(bench, name)) for name in CORPORA}
    results: dict[str, ToolRun] = {}
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    try:
        for tool in tools:
            work = [
                Job(tool, bench / name, g["id"], out_dir / tool / name / f"{g['id']}.txt")
                for name in CORPORA
                for g in golds[name]
            ]
            spent = pool.map(run_one, work, chunksize=4) if pool else map(run_one, work)
            seconds = sum(spent)
            scores = {
                name: score_corpus(scorer, bench / name, golds[name], out_dir / tool / name)
                for name in CORPORA
            }
            results[tool] = ToolRun(tool, scores, seconds, len(work))
            if not quiet:
                print(f"# {tool}: {len(work)} pages, {seconds:.1f} s of library time", file=sys.stderr)
    finally:
        if pool:
            pool.shutdown()
    return results


def table_rows(runs: Mapping[str, ToolRun]) -> list[tuple[str, str]]:
    """(corpus, group) in the order the tables print them, as measured."""
    first = next(iter(runs.values()))
    return [
        (corpus, name)
        for corpus in CORPORA
        for name in (*PAGE_TYPES, ALL)
        if name in first.scores.get(corpus, {})
    ]


def print_table(runs: Mapping[str, ToolRun]) -> None:
    tools = list(runs)
    first = runs[tools[0]]
    print(f"{'page type':<15}{'n':>5}  " + "  ".join(f"{t:>20}" for t in tools))
    print(" " * 22 + "  ".join(f"{'F1 (P / R)':>20}" for _ in tools))
    for corpus, name in table_rows(runs):
        label = f"{corpus}:{name}" if name == ALL else name
        cells = []
        for tool in tools:
            s = runs[tool].scores[corpus][name]
            cells.append(f"{s.f1:.3f} ({s.precision:.3f}/{s.recall:.3f})")
        print(f"{label:<15}{first.scores[corpus][name].pages:>5}  " + "  ".join(f"{c:>20}" for c in cells))
    print(f"{'seconds':<20}  " + "  ".join(f"{runs[t].seconds:>20.1f}" for t in tools))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", default=str(DEFAULT_BENCH))
    parser.add_argument("--tool", action="append", choices=TOOLS)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--out", default=str(REPO / "bench" / "out" / "pagetypes"))
    args = parser.parse_args(argv)
    bench = Path(args.bench).resolve()
    if problem := missing_bench(bench):
        print(f"error: {problem}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    sample = Sample(every=dict.fromkeys(CORPORA, args.every))
    runs = evaluate(bench, args.tool or list(TOOLS), sample, args.jobs, Path(args.out))
    print_table(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
