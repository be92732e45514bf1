#!/usr/bin/env python3
"""Peak memory and wall time of the `cleaner` command on inputs that hit its limits.

    python bench/limits.py [--size-mb 200] [--elements 100000] [--keep TMPDIR]

Each case is one `cleaner clean` run on a file made for it; one line each with
the exit status, wall time, peak RSS of the process tree (summed over the parent
and its workers, sampled every 20 ms from /proc) and the first line of stderr.
The target (issue 13): under 300 MB and 30 s, or refused with a clear message
within 10 s.

- a 200 MB one-line text file (refused: over --max-size, 8 MB by default);
- a 7 MB one-line text file and a 7 MB HTML page (just under the 8 MB limit);
- a 200 MB line in a JSONL dump (that line fails, read past in 1 MB chunks);
- the same dump gzipped (a gzip bomb: stopped by its expansion ratio);
- an HTML page of 100,000 elements (a mega menu, then the article).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
MB = 1024 * 1024
SENTENCE = "The committee met again on Thursday to discuss the plans for the harbour. "
ARTICLE = (
    "<p>The council voted on Tuesday to extend the river walk by two kilometres, after a "
    "year of public meetings that drew hundreds of residents to the town hall.</p>"
) * 8


def tree_rss_kb(root: int) -> int:
    """The summed VmRSS of `root` and every process below it."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measure(cmd: list[str]) -> tuple[int, float, int, str]:
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(0.02)
    wall = time.monotonic() - start
    err = proc.stderr.read()
    first = next((line for line in err.splitlines() if line.strip()), "")
    return proc.returncode, wall, peak, first


def one_line_text(path: Path, size: int) -> None:
    line = SENTENCE * (MB // len(SENTENCE))
    with open(path, "w") as f:
        for _ in range(size // MB):
            f.write(line)
        f.write("\n")


def jsonl_dump(path: Path, size: int, packed: bool) -> None:
    opener = gzip.open if packed else open
    good = json.dumps({"id": 1, "html": f"<html><body><article>{ARTICLE}</article></body></html>"})
    with opener(path, "wt") as f:
        f.write(good + "\n")
        f.write('{"id": 2, "text": "')
        chunk = SENTENCE * (MB // len(SENTENCE))
        for _ in range(size // MB):
            f.write(chunk)
        f.write('"}\n')
        f.write(good.replace('"id": 1', '"id": 3') + "\n")


def html_page(path: Path, elements: int) -> None:
    menu = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(elements // 2))
    path.write_text(
        f"<!DOCTYPE html><html><head><title>River walk</title></head><body>"
        f"<nav><ul>{menu}</ul></nav><article><h1>River walk to grow</h1>{ARTICLE}"
        f"</article></body></html>"
    )


def big_page(path: Path, size: int) -> None:
    """A page as heavy ones come: inline scripts and styles, a long comment thread."""
    script = "<script>var data = " + json.dumps(["x" * 60] * 2000) + ";</script>\n"
    comments = "".join(f"<div class='comment'><p>Comment {i}: {SENTENCE}</p></div>" for i in range(2000))
    body = f"<article><h1>River walk</h1>{ARTICLE}</article>{comments}"
    head = "<!DOCTYPE html><html><head><title>River walk</title>"
    filler = script * max(1, (size - len(body)) // len(script))
    path.write_text(f"{head}{filler}</head><body>{body}</body></html>")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument("--elements", type=int, default=100_000)
    ap.add_argument("--keep", help="make the inputs in this folder and keep them")
    args = ap.parse_args(argv)
    cleaner = str(BIN / "cleaner")
    with tempfile.TemporaryDirectory(prefix="cleaner-limits-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        size = args.size_mb * MB
        cases = [
            (f"{args.size_mb} MB one-line text", "big.txt", lambda p: one_line_text(p, size), []),
            ("8 MB one-line text (the limit)", "limit.txt", lambda p: one_line_text(p, 8 * MB - MB), []),
            ("8 MB HTML page (the limit)", "limit.html", lambda p: big_page(p, 8 * MB - MB), []),
            (
                f"{args.size_mb} MB JSONL line",
                "dump.jsonl",
                lambda p: jsonl_dump(p, size, False),
                ["--input-format", "jsonl"],
            ),
            (
                f"{args.size_mb} MB JSONL line, gzipped",
                "dump.jsonl.gz",
                lambda p: jsonl_dump(p, size, True),
                ["--input-format", "jsonl"],
            ),
            (
                f"HTML page, {args.elements:,} elements",
                "menu.html",
                lambda p: html_page(p, args.elements),
                [],
            ),
        ]
        print(f"{'case':<36} {'exit':>4} {'wall':>7} {'peak RSS':>9}  stderr")
        for name, file, make, extra in cases:
            path = folder / file
            if not path.exists():
                make(path)
            status, wall, peak, first = measure([cleaner, "clean", "-q", *extra, str(path)])
            print(
                f"{name:<36} {status:>4} {wall:>6.1f}s {peak / 1024:>6.0f} MB  "
                f"{first.replace(str(folder) + '/', '')[:110]}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
