#!/usr/bin/env python3
"""HTML stage quality and speed: cleaner.clean(kind="html") against trafilatura alone.

    python bench/html_quality.py [--bench DIR] [--out DIR] [--rounds N]

Runs both over the benchmark's pages (BENCH/zyte/html/ID.html.gz), writes one
ID.txt per page for each into OUT/cleaner and OUT/trafilatura, scores both with
BENCH/score.py, and prints precision, recall, F1 and documents per second side
by side: on all pages, and on the two halves of a fixed 2-fold split of the ids
(A: even positions in sorted order, B: odd), so that settings chosen on one half
can be reported on the other.

Speed is library time per document, without process start-up or file I/O:
each page is timed with both tools in every round (in alternating order), and
a page's time is its best round. The ratio is cleaner's total over
trafilatura's. trafilatura runs with its defaults, as its CLI does.

Example:
    python bench/html_quality.py --rounds 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    bench = Path(args.bench).resolve()
    corpus = bench / "zyte"
    scorer = bench / "score.py"
    if not (corpus / "gold.jsonl").is_file() or not scorer.is_file():
        print(f"error: no benchmark at {bench} (expected zyte/gold.jsonl and score.py)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    import trafilatura

    import cleaner

    golds = [json.loads(line) for line in (corpus / "gold.jsonl").open(encoding="utf-8")]
    ids = sorted(g["id"] for g in golds)
    if args.limit:
        ids = ids[: args.limit]
    pages = {i: (corpus / "html" / f"{i}.html.gz").read_bytes() for i in ids}

    tools = {
        "cleaner": lambda data: cleaner.clean(data, kind="html").text,
        "trafilatura": lambda data: trafilatura.extract(gzip.decompress(data)) or "",
    }
    for run in tools.values():  # warm-up: imports, rule loading, caches
        run(pages[ids[0]])

    out = Path(args.out).resolve()
    best: dict[str, dict[str, float]] = {name: {} for name in tools}
    for rnd in range(args.rounds):
        for n, i in enumerate(ids):
            order = list(tools) if (n + rnd) % 2 == 0 else list(tools)[::-1]
            for name in order:
                start = time.perf_counter()
                text = tools[name](pages[i])
                spent = time.perf_counter() - start
                best[name][i] = min(spent, best[name].get(i, spent))
                if rnd == 0:
                    folder = out / name
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / f"{i}.txt").write_text(text, encoding="utf-8")

    folds = {"all": ids, "fold A": ids[0::2], "fold B": ids[1::2]}
    print(f"{len(ids)} pages from {corpus}; predictions in {out}; best of {args.rounds} round(s)\n")
    print(f"{'':8} {'':12} {'P':>6} {'R':>6} {'F1':>6}")
    for fold, fold_ids in folds.items():
        for name in tools:
            p, r, f = _score(scorer, golds, set(fold_ids), out / name)
            print(f"{fold:8} {name:12} {p:6.3f} {r:6.3f} {f:6.3f}")
    worse = _worse_pages(scorer, corpus, out / "trafilatura", out / "cleaner", set(ids))
    print(
        f"\npages where cleaner's F1 is below trafilatura's (by > 0.005): {len(worse)}"
        + (f" ({', '.join(worse)})" if worse else "")
    )

    print(f"\n{'speed':12} {'ms/doc':>8} {'docs/s':>8}")
    totals = {name: sum(times.values()) for name, times in best.items()}
    for name, total in totals.items():
        print(f"{name:12} {1000 * total / len(ids):8.1f} {len(ids) / total:8.1f}")
    print(f"time ratio cleaner / trafilatura: {totals['cleaner'] / totals['trafilatura']:.2f}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--bench",
        default=str(REPO.parent / "shared" / "bench"),
        help="folder holding score.py and zyte/ (default: ../shared/bench)",
    )
    parser.add_argument(
        "--out",
        default=str(REPO / "bench" / "out" / "html_quality"),
        help="where predictions go (default: bench/out/html_quality)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (default 3)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (for a quick look)")
    return parser


def _score(scorer: Path, golds: list[dict], ids: set[str], preds: Path) -> tuple[float, float, float]:
    """score.py's P, R, F1 on a subset of the pages (a corpus folder holding their gold only)."""
    with tempfile.TemporaryDirectory() as tmp:
        with (Path(tmp) / "gold.jsonl").open("w", encoding="utf-8") as fh:
            for g in golds:
                if g["id"] in ids:
                    fh.write(json.dumps(g) + "\n")
        line = (
            subprocess.run(
                [sys.executable, str(scorer), tmp, str(preds)], capture_output=True, text=True, check=True
            )
            .stdout.strip()
            .splitlines()[-1]
        )
    fields = dict(part.split("=") for part in line.split())
    return float(fields["P"]), float(fields["R"]), float(fields["F1"])


def _worse_pages(scorer: Path, corpus: Path, base: Path, ours: Path, ids: set[str]) -> list[str]:
    def per_doc(preds: Path) -> dict[str, float]:
        out = subprocess.run(
            [sys.executable, str(scorer), str(corpus), str(preds), "--per-doc"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        scores = {}
        for line in out.splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[0] in ids:
                p, r = (float(x.split("=")[1]) for x in parts[1:])
                scores[parts[0]] = 2 * p * r / (p + r) if p + r else 0.0
        return scores

    a, b = per_doc(base), per_doc(ours)
    return sorted(i for i in a if b.get(i, 0.0) < a[i] - 0.005)


if __name__ == "__main__":
    sys.exit(main())
