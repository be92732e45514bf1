#!/usr/bin/env python3
"""Wall time of the two command lines on the same HTML pages: cleaner beside trafilatura.

    python bench/cli_speed.py [--bench DIR] [--every N] [--jobs 2] [--repeat 1]

Ungzips the pages of each corpus (BENCH/wcxb: every Nth page in sorted id
order, the same pages bench/pagetypes.py --every N takes; BENCH/zyte: all 98)
into a temporary folder of ID.html files, then times, one corpus at a time,

    cleaner clean -q --input-format html -j JOBS DIR -o OUT
    trafilatura --input-dir DIR --output-dir OUT --parallel JOBS

and prints the seconds of each (the best of --repeat runs, the two commands
taking turns), the ratio cleaner / trafilatura (issue 18's target: <= 1.25),
and how many output files each wrote. Wall time includes each command's
start-up, as a user sees it. Timings on a shared machine vary: read them as
ranges, and never as a test.

Example:
    python bench/cli_speed.py --every 5      # 300 wcxb pages and zyte's 98
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pagetypes as pt

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Timing:
    seconds: float  # the best of the runs
    outputs: int  # files written by the last run
    failed: bool  # a run exited non-zero


@dataclass(frozen=True)
class Row:
    corpus: str
    pages: int
    cleaner: Timing
    trafilatura: Timing


def unpack(bench: Path, corpus: str, sample: pt.Sample, into: Path) -> int:
    into.mkdir(parents=True)
    golds = sample.pick(corpus, pt.load_golds(bench, corpus))
    for gold in golds:
        page = bench / corpus / "html" / f"{gold['id']}.html.gz"
        (into / f"{gold['id']}.html").write_bytes(gzip.decompress(page.read_bytes()))
    return len(golds)


def commands(pages: Path, out: Path, jobs: int) -> dict[str, list[str]]:
    return {
        "cleaner": [
            str(BIN / "cleaner"),
            "clean",
            "-q",
            "--input-format",
            "html",
            "-j",
            str(jobs),
            str(pages),
            "-o",
            str(out),
        ],
        "trafilatura": [
            str(BIN / "trafilatura"),
            "--input-dir",
            str(pages),
            "--output-dir",
            str(out),
            "--parallel",
            str(jobs),
        ],
    }


# exit statuses that are not failures: cleaner's 3 says that some page came out empty
# (a navigation shell with no main content), every page having been cleaned
OK_EXITS = {"cleaner": (0, 3), "trafilatura": (0,)}


def time_both(pages: Path, out: Path, jobs: int, repeat: int) -> dict[str, Timing]:
    seconds: dict[str, list[float]] = {"cleaner": [], "trafilatura": []}
    outputs: dict[str, int] = {}
    failed: dict[str, bool] = {"cleaner": False, "trafilatura": False}
    for _ in range(repeat):
        for name, command in commands(pages, out, jobs).items():
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            seconds[name].append(time.perf_counter() - start)
            if run.returncode not in OK_EXITS[name]:
                failed[name] = True
                print(f"# {name} exited {run.returncode}: {run.stderr.decode()[-300:]}", file=sys.stderr)
            outputs[name] = sum(1 for path in out.rglob("*") if path.is_file()) if out.exists() else 0
    return {name: Timing(min(seconds[name]), outputs[name], failed[name]) for name in seconds}


def print_rows(rows: list[Row], jobs: int) -> None:
    print(f"CLI wall time, {jobs} processes each, the same ungzipped .html pages")
    print(
        f"{'corpus':<8}{'pages':>6}{'cleaner s':>11}{'trafilatura s':>15}{'ratio':>7}"
        "   outputs (cleaner/trafilatura)"
    )
    for row in rows:
        ratio = row.cleaner.seconds / row.trafilatura.seconds
        flags = "".join(
            f"  ({name} failed on some pages)"
            for name, t in (("cleaner", row.cleaner), ("trafilatura", row.trafilatura))
            if t.failed
        )
        print(
            f"{row.corpus:<8}{row.pages:>6}{row.cleaner.seconds:>11.1f}{row.trafilatura.seconds:>15.1f}"
            f"{ratio:>7.2f}   {row.cleaner.outputs}/{row.trafilatura.outputs}{flags}"
        )
    ours = sum(row.cleaner.seconds for row in rows)
    theirs = sum(row.trafilatura.seconds for row in rows)
    print(
        f"{'both':<8}{sum(row.pages for row in rows):>6}{ours:>11.1f}{theirs:>15.1f}{ours / theirs:>7.2f}"
        "   (ratio target <= 1.25)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=pt.DEFAULT_BENCH)
    parser.add_argument("--every", type=int, default=1, help="every Nth wcxb page (zyte is taken whole)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs of each")
    args = parser.parse_args(argv)
    bench = args.bench.resolve()
    if problem := pt.missing_bench(bench):
        print(f"error: {problem}", file=sys.stderr)
        return 2
    sample = pt.Sample(every={"wcxb": args.every, "zyte": 1})
    rows = []
    with tempfile.TemporaryDirectory(prefix="cleaner-cli-speed-") as tmp:
        for corpus in pt.CORPORA:
            pages = Path(tmp) / corpus
            n = unpack(bench, corpus, sample, pages)
            timings = time_both(pages, Path(tmp) / "out", args.jobs, args.repeat)
            rows.append(Row(corpus, n, timings["cleaner"], timings["trafilatura"]))
    print_rows(rows, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
