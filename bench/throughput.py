#!/usr/bin/env python3
"""Start-up, throughput and memory of the `cleaner` command on the dev corpora.

    python bench/throughput.py [--bench ../shared/bench] [--large 20000] [--skip-memory]
    python bench/throughput.py --only-startup [--runs 15] [--repeat 3]

Prints, each as one line:
- start-up: the median wall time of --runs runs of `cleaner clean FILE` on one
  plain-text seed (../shared/seeds), beside the median of as many runs of a bare
  `python -c "import click, regex"` (the two run alternately, so that other work on
  the machine slows both alike), and their ratio (target <= 2.0); the
  bytecode of the package is written first (`python -m compileall`), as pip
  does when it installs a wheel (an environment with PYTHONDONTWRITEBYTECODE
  set would otherwise compile every module on every run);
- the text batch of the 1,497 WCXB text/flat pages, `cleaner clean -q
  --input-format text -j N DIR -o OUT` at N = 1 and 2, --repeat runs each
  (interleaved), their median and best, and the 1 -> 2 jobs scaling of both
  (target >= 1.7);
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
Every other figure is the best of --repeat runs (default 3), to damp noise.
On a machine shared with other work, run it when the load is low: start-up and
scaling are both sensitive to CPUs taken away.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
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


def timed(cmd: list[str], sample_memory: bool = False, ok: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Run a command; return (seconds, peak tree RSS in kB, 0 unless sampled). An exit
    status outside `ok` stops the bench."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        if sample_memory:
            peak = max(peak, tree_pss_kb(proc.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return seconds, peak


def clean_command(cleaner: str, fmt: str, jobs: int, folder: Path, out: Path) -> list[str]:
    """`cleaner clean` of a folder into OUT, quietly, in `jobs` processes."""
    return [cleaner, "clean", "-q", "--input-format", fmt, "-j", str(jobs), str(folder), "-o", str(out)]


def best_of(n: int, cmd: list[str], out: Path) -> float:
    times = []
    for _ in range(n):
        shutil.rmtree(out, ignore_errors=True)
        times.append(timed(cmd)[0])
    return min(times)


def median_walls(cmds: list[list[str]], runs: int) -> list[float]:
    """The median wall time of each command over `runs` rounds, their outputs discarded.
    Each round runs every command once, one after the other, so that a burst of other
    work on the machine hits all of them alike (not the whole series of one)."""
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, series in zip(cmds, times):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            series.append(time.perf_counter() - start)
    return [statistics.median(series) for series in times]


def startup(bench: Path, runs: int, repeat: int) -> None:
    """Issue 15's figures: one text file's wall time beside a bare import of click and
    regex, and the text batch of WCXB's flat pages at 1 and 2 jobs."""
    import cleaner

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(cleaner.__file__).parent)],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    seed = sorted((bench.parent / "seeds").glob("*.txt"))[0]
    bare, one = median_walls(
        [[sys.executable, "-c", "import click, regex"], [str(BIN / "cleaner"), "clean", str(seed)]], runs
    )
    print(
        f"start-up: cleaner clean {seed.name}: {one * 1000:.0f} ms, bare `import click, regex`: "
        f"{bare * 1000:.0f} ms (medians of {runs}, run alternately), ratio {one / bare:.2f} (target <= 2.0)"
    )
    flat = bench / "wcxb" / "text" / "flat"
    n = len(list(flat.glob("*.txt")))
    times: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        out = Path(tmp) / "out"
        for _ in range(repeat):  # interleaved, so that a burst of other work hits both alike
            for jobs in (1, 2):
                shutil.rmtree(out, ignore_errors=True)
                # exit status 1: 26 of the pages are blank (white space only), refused as such
                times[jobs].append(
                    timed(
                        [
                            str(BIN / "cleaner"),
                            "clean",
                            "-q",
                            "--input-format",
                            "text",
                            "-j",
                            str(jobs),
                            str(flat),
                            "-o",
                            str(out),
                        ],
                        ok=(0, 1, 3),
                    )[0]
                )
    for jobs in (1, 2):
        print(
            f"text batch, wcxb text/flat ({n} files), jobs={jobs}: median {statistics.median(times[jobs]):.2f} s, "
            f"best {min(times[jobs]):.2f} s of {repeat} runs"
        )
    print(
        f"text batch scaling 1 -> 2 jobs: {statistics.median(times[1]) / statistics.median(times[2]):.2f}x "
        f"of the medians, {min(times[1]) / min(times[2]):.2f}x of the best runs (target >= 1.7)"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--large", type=int, default=20_000)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--only-memory", action="store_true")
    ap.add_argument("--only-startup", action="store_true", help="the start-up and text batch figures only")
    ap.add_argument("--runs", type=int, default=15, help="runs of each start-up measurement")
    args = ap.parse_args(argv)
    if not args.only_memory:
        startup(args.bench, args.runs, args.repeat)
    if args.only_startup:
        return 0
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
        for name, folder, n, fmt in (
            ()
            if args.only_memory
            else (("text/flat", flat, n_text, "text"), ("html", html_dir, n_html, "html"))
        ):
            for jobs in (1, 2):
                cmd = clean_command(cleaner, fmt, jobs, folder, out)
                secs = best_of(args.repeat, cmd, out)
                rates[name, jobs] = n / secs
                print(f"{name:10s} jobs={jobs}  {n / secs:7.1f} docs/s  ({n} docs in {secs:.2f}s)")
            print(
                f"{name:10s} scaling 1->2 jobs: {rates[name, 2] / rates[name, 1]:.2f}x "
                "(98 docs: start-up included)"
            )

        # Steady state: the corpora repeated, so that the fixed start-up cost
        # (imports, rules, first-document warm-up: ~0.4 s) does not dominate.
        for name, folder, times in (
            () if args.only_memory else (("text/flat", flat, 10), ("html", html_dir, 3))
        ):
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
                cmd = clean_command(cleaner, fmt, jobs, big, out)
                steady[jobs] = n / best_of(args.repeat, cmd, out)
            print(
                f"{name:10s} steady state ({n} docs): jobs=1 {steady[1]:.1f} docs/s, "
                f"jobs=2 {steady[2]:.1f} docs/s, scaling {steady[2] / steady[1]:.2f}x"
            )
            shutil.rmtree(big)

        if not args.only_memory:
            ours = best_of(
                args.repeat, [cleaner, "clean", "-q", "-j", "2", str(html_dir), "-o", str(out)], out
            )
            theirs = best_of(
                args.repeat,
                [str(BIN / "trafilatura"), "--input-dir", str(html_dir), "-o", str(out), "--parallel", "2"],
                out,
            )
            print(
                f"html batch, 2 processes: cleaner {ours:.2f}s, trafilatura CLI {theirs:.2f}s, "
                f"ratio {ours / theirs:.2f} (target <= 1.25)"
            )

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
                secs, peak = timed(
                    [cleaner, "clean", "-q", "-j", "2", "--input-format", "text", str(docs), "-o", str(out)],
                    sample_memory=True,
                )
                peaks[n] = peak
                print(
                    f"memory {n:6d} docs, jobs=2: peak {peak / 1024:6.1f} MB (process tree PSS), "
                    f"{n / secs:.1f} docs/s"
                )
                shutil.rmtree(docs)
            print(
                f"memory ratio {args.large} / 500 docs: {peaks[args.large] / peaks[500]:.2f} (target <= 1.5)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
