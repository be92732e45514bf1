#!/usr/bin/env python3
"""Throughput and memory of the `cleaner` command on the dev corpus.

    python bench/throughput.py [--bench ../shared/bench] [--large 20000] [--skip-memory]

Prints, each as one line:
- docs/s of `cleaner clean DIR -o OUT` at --jobs 1 and 2, on the plain-text
  (flat) and the HTML corpora, and the 1 -> 2 jobs scaling; then the same on
  the corpora repeated (980 text docs, 294 pages), where start-up no longer
  dominates;
- the wall time of the HTML batch at --jobs 2 beside trafilatura's own CLI
  (`trafilatura --input-dir DIR -o OUT --parallel 2`) on the same pages, and
  the ratio (target <= 1.25);
- peak memory (the whole process tree's PSS, sampled from /proc) for a run over 500
  and over 20,000 documents (the flat corpus repeated), and their ratio
  (target <= 1.5).
Every figure is the best of --repeat runs (default 3), to damp noise.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tree_pss_kb(root: int) -> int:
    """Memory of a process and all its descendants, in kB: the sum of their PSS
    (proportional set size), which splits pages shared between processes (a
    forked worker shares the parent's pages) among them; summing RSS would
    count those pages once per process."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_kb(pid)
        stack.extend(children.get(pid, []))
    return total


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(cmd: list[str], sample_memory: bool = False) -> tuple[float, int]:
    """Run a command; return (seconds, peak tree RSS in kB, 0 unless sampled)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        if sample_memory:
            peak = max(peak, tree_pss_kb(proc.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return seconds, peak


def best_of(n: int, cmd: list[str], out: Path) -> float:
    times = []
    for _ in range(n):
        shutil.rmtree(out, ignore_errors=True)
        times.append(timed(cmd)[0])
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--large", type=int, default=20_000)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--only-memory", action="store_true")
    args = ap.parse_args(argv)
    corpus = args.bench / "zyte"
    cleaner = str(BIN / "cleaner")
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        tmp = Path(tmp)
        html_dir = tmp / "html"
        html_dir.mkdir()
        for f in sorted((corpus / "html").glob("*.html.gz")):  # both tools read plain .html
            (html_dir / f.name[:-3]).write_bytes(gzip.decompress(f.read_bytes()))
        flat = corpus / "text" / "flat"
        n_text, n_html = len(list(flat.glob("*.txt"))), len(list(html_dir.iterdir()))
        out = tmp / "out"

        rates = {}
        for name, folder, n, fmt in () if args.only_memory else (("text/flat", flat, n_text, "text"),
                                     ("html", html_dir, n_html, "html")):
            for jobs in (1, 2):
                cmd = [cleaner, "clean", "-q", "--input-format", fmt, "-j", str(jobs),
                       str(folder), "-o", str(out)]
                secs = best_of(args.repeat, cmd, out)
                rates[name, jobs] = n / secs
                print(f"{name:10s} jobs={jobs}  {n / secs:7.1f} docs/s  ({n} docs in {secs:.2f}s)")
            print(f"{name:10s} scaling 1->2 jobs: {rates[name, 2] / rates[name, 1]:.2f}x "
                  "(98 docs: start-up included)")

        # Steady state: the corpora repeated, so that the fixed start-up cost
        # (imports, rules, first-document warm-up: ~0.4 s) does not dominate.
        for name, folder, times in () if args.only_memory else (("text/flat", flat, 10),
                                                                ("html", html_dir, 3)):
            big = tmp / f"rep-{name.replace('/', '-')}"
            big.mkdir()
            files = sorted(folder.iterdir())
            for r in range(times):
                for f in files:
                    shutil.copyfile(f, big / f"{r}_{f.name}")
            n = len(files) * times
            fmt = "text" if name == "text/flat" else "html"
            steady = {}
            for jobs in (1, 2):
                cmd = [cleaner, "clean", "-q", "--input-format", fmt, "-j", str(jobs), str(big),
                       "-o", str(out)]
                steady[jobs] = n / best_of(args.repeat, cmd, out)
            print(f"{name:10s} steady state ({n} docs): jobs=1 {steady[1]:.1f} docs/s, "
                  f"jobs=2 {steady[2]:.1f} docs/s, scaling {steady[2] / steady[1]:.2f}x")
            shutil.rmtree(big)

        if not args.only_memory:
            ours = best_of(args.repeat, [cleaner, "clean", "-q", "-j", "2", str(html_dir),
                                         "-o", str(out)], out)
            theirs = best_of(args.repeat, [str(BIN / "trafilatura"), "--input-dir",
                                           str(html_dir), "-o", str(out), "--parallel", "2"], out)
            print(f"html batch, 2 processes: cleaner {ours:.2f}s, trafilatura CLI {theirs:.2f}s, "
                  f"ratio {ours / theirs:.2f} (target <= 1.25)")

        if not args.skip_memory:
            peaks = {}
            files = sorted(flat.glob("*.txt"))
            for n in (500, args.large):
                docs = tmp / f"docs{n}"
                docs.mkdir()
                for i in range(n):
                    src = files[i % len(files)]
                    sub = docs / f"{i // 1000:03d}"
                    sub.mkdir(exist_ok=True)
                    shutil.copyfile(src, sub / f"{i:06d}.txt")
                shutil.rmtree(out, ignore_errors=True)
                secs, peak = timed([cleaner, "clean", "-q", "-j", "2", "--input-format", "text",
                                    str(docs), "-o", str(out)], sample_memory=True)
                peaks[n] = peak
                print(f"memory {n:6d} docs, jobs=2: peak {peak / 1024:6.1f} MB (process tree PSS), "
                      f"{n / secs:.1f} docs/s")
                shutil.rmtree(docs)
            print(f"memory ratio {args.large} / 500 docs: {peaks[args.large] / peaks[500]:.2f} "
                  "(target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
