#!/usr/bin/env python3
"""Count the machine instructions cleaning a plain-text page takes (valgrind).

    python bench/instructions.py [--bench PATH] [--rendering flat] [--stage clean]

Timings on a shared machine vary by a fifth from one run to the next; the
number of instructions a piece of code executes does not. This runs the
chosen stage over every page of a rendering twice under
``valgrind --tool=cachegrind`` (once with no timed passes, once with two) and
prints the difference per page, so that start-up and loading cancel out:

    text/flat       clean            24.0 M instructions a page (98 pages)

Stages: clean (the whole pipeline), segment, rules (select and apply),
detect, document (detection's line facts), model (features and probabilities).
Needs valgrind on PATH (not a dependency of the project: a developer's tool).
Takes about a minute a stage.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STAGES = ("clean", "segment", "rules", "detect", "document", "model")

# Run by the child process: load the pages, prepare, then run the stage PASSES times.
CHILD = r"""
import json, sys
sys.path.insert(0, {repo!r})
import cleaner
from cleaner import rules
from cleaner.text import detect, segment
texts = json.load(open({pages!r}, encoding="utf-8"))
stage, passes = {stage!r}, int(sys.argv[1])
book = rules.default_rulebook()
for text in texts:  # the first pass loads what loads once (stoplists, tables)
    cleaner.clean(text, kind="text")
lines = [segment.segment(t) for t in texts]
docs = [detect.document(l) for l in lines]
run = {{
    "clean": lambda: [cleaner.clean(t, kind="text") for t in texts],
    "segment": lambda: [segment.segment(t) for t in texts],
    "rules": lambda: [rules.apply(book.select(text=t), l) for t, l in zip(texts, lines)],
    "detect": lambda: [detect.detect(l) for l in lines],
    "document": lambda: [detect.document(l) for l in lines],
    "model": lambda: [detect.probabilities(d) for d in docs],
}}[stage]
for _ in range(passes):
    run()
"""


def instructions(script: Path, passes: int) -> int:
    """Instructions valgrind counts for one run of the child script."""
    # A fixed hash seed: with random ones, dict and set layouts (and so the
    # count) vary by about 1% from run to run.
    out = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            str(script),
            str(passes),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    ).stderr
    found = re.search(r"I\s+refs:\s+([\d,]+)", out)
    if not found:
        raise SystemExit(f"instructions: no count in valgrind's output:\n{out[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--bench",
        type=Path,
        default=REPO.parent / "shared" / "bench",
        help="folder holding zyte/ (default: ../shared/bench)",
    )
    parser.add_argument("--rendering", default="flat", choices=("flat", "inscriptis"))
    parser.add_argument(
        "--stage", action="append", choices=STAGES, help="stage to count (repeatable; default: clean)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=REPO / "bench" / "out" / "instructions",
        help="scratch folder (default: bench/out/instructions)",
    )
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed; nothing counted", file=sys.stderr)
        return 2
    folder = args.bench / "zyte" / "text" / args.rendering
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        print(f"instructions: no pages in {folder}", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    pages = args.work / "pages.json"
    pages.write_text(json.dumps(texts), encoding="utf-8")
    for stage in args.stage or ["clean"]:
        script = args.work / f"{stage}.py"
        script.write_text(CHILD.format(repo=str(REPO), pages=str(pages), stage=stage), encoding="utf-8")
        per_page = (instructions(script, 2) - instructions(script, 0)) / 2 / len(texts)
        print(
            f"text/{args.rendering:<12} {stage:<10} {per_page / 1e6:6.1f} M instructions a page "
            f"({len(texts)} pages)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
