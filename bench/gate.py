#!/usr/bin/env python3
"""Quality gate: fail when cleaner's scores on a fixed benchmark sample drop below floors.

    python bench/gate.py [--bench DIR] [--floors FILE] [--jobs N]
    python bench/gate.py --write-floors [--margin 0.005]

The sample (fixed, so runs compare): every 5th WCXB page in sorted id order
(300 of 1,497, all seven page types) and all 98 zyte pages, from
../shared/bench beside the repository (--bench to point elsewhere). Each page
is cleaned twice, from its HTML (tool `html`: cleaner.clean(page, kind="html"))
and from its whole-page text (`text`: text/flat, kind="text"), and scored
with the benchmark's score.py: word F1 per page type on wcxb, shingle F1 on zyte.

The figures are F1 and recall of each tool on each wcxb page type, on wcxb
overall and on zyte overall. Their floors are in bench/gate_floors.toml
(format: bench/floors.py). Each figure below its floor prints one line, as
`gate: html wcxb/forum F1 0.481 < floor 0.487`.

`--write-floors` rewrites the floors file from this run: each floor is the
measured figure less --margin (default 0.005), rounded down to 3 decimals.
Run it when results rise, and commit the file with the change that raised them.

Exit status: 0 every figure at or above its floor (or floors written), 1 a
figure below its floor, 2 no benchmark folder, a bad floors file, or a floor
with no figure in this run.

`--tool NAME` runs one tool only (the floors of the other are not checked).
`--every CORPUS=N` and `--limit N` change the sample; they exist for the
gate's own tests (a tiny sample against floors of their own).

Example:
    python bench/gate.py                 # what `make gate` runs
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import floors as fl
import pagetypes as pt

TOOLS = {"html": "cleaner-html", "text": "cleaner-text"}  # gate name -> pagetypes tool
SAMPLE = pt.Sample(every={"wcxb": 5, "zyte": 1})
DEFAULT_FLOORS = Path(__file__).resolve().parent / "gate_floors.toml"
MARGIN = 0.005


def figures_of(runs: Mapping[str, pt.ToolRun], tools: list[str]) -> list[fl.Figure]:
    """F1 and recall of each gate tool on each (corpus, group) of the tables."""
    figures = []
    for name in tools:
        tool = TOOLS[name]
        for corpus, group in pt.table_rows(runs):
            score = runs[tool].scores[corpus][group]
            for metric in fl.METRICS:
                figures.append(fl.Figure(fl.Key(name, corpus, group, metric), getattr(score, metric)))
    return figures


def print_table(runs: Mapping[str, pt.ToolRun], tools: list[str], floors: tuple[fl.Floor, ...]) -> None:
    by_key = {floor.key: floor.value for floor in floors}

    def floor_cell(key: fl.Key) -> str:
        return f"{by_key[key]:.3f}" if key in by_key else "-"

    print(
        f"{'tool':<5} {'corpus/type':<19}{'n':>4}  {'P':>5}  {'R':>5}  {'F1':>5}"
        f"  {'floor R':>7}  {'floor F1':>8}"
    )
    for name in tools:
        for corpus, group in pt.table_rows(runs):
            s = runs[TOOLS[name]].scores[corpus][group]
            recall, f1 = (fl.Key(name, corpus, group, metric) for metric in ("recall", "f1"))
            low = any(
                key in by_key and fl.as_printed(value) < by_key[key]
                for key, value in ((recall, s.recall), (f1, s.f1))
            )
            print(
                f"{name:<5} {corpus + '/' + group:<19}{s.pages:>4}  {s.precision:.3f}  "
                f"{s.recall:.3f}  {s.f1:.3f}  {floor_cell(recall):>7}  {floor_cell(f1):>8}"
                + ("  BELOW" if low else "")
            )


def floors_header(sample: pt.Sample, margin: float) -> str:
    return (
        "Floors of the quality gate (bench/gate.py, `make gate`): F1 and recall per tool\n"
        "(html, text), corpus and page type. Written by `python bench/gate.py --write-floors`\n"
        f"from a run on wcxb: {sample.describe('wcxb')}; zyte: {sample.describe('zyte')};\n"
        f"each floor is the measured figure less {margin}, rounded down to 3 decimals.\n"
        "Raise them when results rise; lower one only with a reason in the commit message."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--bench",
        type=Path,
        default=pt.DEFAULT_BENCH,
        help="benchmark folder (default: ../shared/bench beside the repository)",
    )
    parser.add_argument(
        "--floors", type=Path, default=DEFAULT_FLOORS, help="floors file (default: bench/gate_floors.toml)"
    )
    parser.add_argument(
        "--write-floors",
        action="store_true",
        help="rewrite the floors file from this run instead of checking it",
    )
    parser.add_argument(
        "--margin",
        type=float,
        default=MARGIN,
        help=f"with --write-floors: floor = figure - margin (default {MARGIN})",
    )
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument(
        "--tool",
        action="append",
        choices=list(TOOLS),
        help="run and check only this tool (repeatable; default: all)",
    )
    parser.add_argument(
        "--every",
        action="append",
        default=[],
        metavar="CORPUS=N",
        help="tests only: every Nth page of CORPUS instead of the fixed sample",
    )
    parser.add_argument("--limit", type=int, help="tests only: at most N pages of each corpus")
    parser.add_argument("--out", type=Path, help="keep the outputs here (default: a temporary folder)")
    args = parser.parse_args(argv)

    every = dict(SAMPLE.every)
    for item in args.every:
        corpus, _, step = item.partition("=")
        if corpus not in pt.CORPORA or not step.isdigit() or int(step) < 1:
            parser.error(
                f"--every {item}: expected CORPUS=N with CORPUS one of {', '.join(pt.CORPORA)} and N >= 1"
            )
        every[corpus] = int(step)
    sample = pt.Sample(every=every, limit=args.limit)
    tools = args.tool or list(TOOLS)

    if (
        args.write_floors
        and args.floors.resolve() == DEFAULT_FLOORS
        and (sample != SAMPLE or set(tools) != set(TOOLS))
    ):
        parser.error(
            "--write-floors into the gate's own floors file needs the fixed sample "
            "and every tool (no --every, --limit or --tool)"
        )
    bench = args.bench.resolve()
    if problem := pt.missing_bench(bench):
        print(f"gate: {problem}; pass --bench DIR", file=sys.stderr)
        return 2
    floors: tuple[fl.Floor, ...] = ()
    if not args.write_floors:
        try:
            floors = fl.parse_floors(args.floors.read_text(encoding="utf-8"))
            floors = tuple(floor for floor in floors if floor.key.tool in tools)
        except (OSError, fl.FloorsError) as err:
            print(f"gate: floors file {args.floors}: {err}", file=sys.stderr)
            return 2

    sys.path.insert(0, str(pt.REPO))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cleaner-gate-") as tmp:
        runs = pt.evaluate(bench, [TOOLS[name] for name in tools], sample, args.jobs, args.out or Path(tmp))
    print(
        f"gate sample: wcxb {sample.describe('wcxb')}, zyte {sample.describe('zyte')}; "
        f"{time.perf_counter() - start:.0f} s"
    )
    figures = figures_of(runs, tools)

    if args.write_floors:
        written = fl.floors_from(figures, args.margin)
        args.floors.write_text(
            fl.render_floors(written, floors_header(sample, args.margin)), encoding="utf-8"
        )
        print_table(runs, tools, written)
        print(f"gate: wrote {len(written)} floors to {args.floors} (margin {args.margin})")
        return 0

    print_table(runs, tools, floors)
    verdict = fl.compare(figures, floors)
    for failure in verdict.failures:
        print(failure.line())
    for floor in verdict.unmeasured:
        print(f"gate: floor for {floor.key} ({floor.value:.3f}) has no figure in this run")
    if verdict.unmeasured:
        return 2
    if verdict.failures:
        return 1
    print(
        f"gate: ok, {len(figures) - len(verdict.unguarded)} figures at or above their floors"
        + (f", {len(verdict.unguarded)} without a floor" if verdict.unguarded else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
