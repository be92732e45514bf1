#!/usr/bin/env python3
"""Score the whole plain-text pipeline on the benchmark's text renderings.

    python bench/text_quality.py [--bench PATH] [--rendering flat] [--out DIR]
                                 [--ids FILE] [--per-doc] [--no-detect] [--no-clean]

For every rendering (default: flat and inscriptis, shipped with the benchmark)
this runs ``cleaner.clean(text, kind="text")`` over
``BENCH/zyte/text/RENDERING/ID.txt``,
writes the kept text to ``OUT/RENDERING/ID.txt`` (default: a temporary folder),
scores it, as the command writes it, with the benchmark's own ``score.py``
and prints the interpreter it ran on, then one line per rendering:

    python 3.11.7 (/path/to/python3.11, GCC 12.2.0)
    text/flat        P=0.xxx R=0.xxx F1=0.xxx n=98  docs/s=...

docs/s is the single-core throughput of ``cleaner.clean`` alone: documents per
second of this process's CPU time (reading and writing files excluded; CPU
time rather than wall time, so that other work on a shared machine does not
count against it), in the steady state: the corpus is cleaned once untimed
first, so that what loads once per process (stoplists of the languages met,
rule files, the model) is not counted, then ``--repeat`` times (default 5),
and the fastest pass counts, as timeit does: on a shared machine the slower
passes measure the neighbours. ``--cold`` times the first pass of the process
instead. ``--ids FILE`` restricts the run (and the score) to
the ids listed in FILE, one per line.
``--no-detect`` measures the pipeline with generic detection switched off,
``--no-clean`` scores the pages as they are (the baseline).

Other renderings are made here from the pages' HTML (BENCH/zyte/html):
``markdown`` by bench/train_detect.render_markdown (the model is trained on
it), and, never seen in training, the renderings of real converters:
``html2text`` (its defaults: Markdown wrapped at 78 columns; ``pip install
'.[bench]'``), ``lynx`` and ``w3m`` (``-dump``, wrapped at their default
widths), and pandoc (``pandoc``: its own Markdown, with fenced divs and
attributes; ``pandoc-gfm``: GitHub Markdown, with the raw HTML it cannot
write as Markdown; ``pandoc-plain``; all wrapped at 72), the last three from
Debian packages of those names. A converter that is not installed is
reported and skipped.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RENDERINGS = ("flat", "inscriptis")  # shipped with the benchmark: the default
EXTRA = ("markdown",)  # rendered here from zyte/html by train_detect.render_markdown
CONVERTERS = ("html2text", "lynx", "w3m", "pandoc", "pandoc-gfm", "pandoc-plain")  # run here on zyte/html
COMMANDS = {  # the converter commands, reading the page on stdin
    "lynx": ["lynx", "-dump", "-nolist", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8"],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8"],
    "pandoc": ["pandoc", "-f", "html", "-t", "markdown"],
    "pandoc-gfm": ["pandoc", "-f", "html", "-t", "gfm"],
    "pandoc-plain": ["pandoc", "-f", "html", "-t", "plain"],
}


def load_scorer(bench: Path):
    """Import the benchmark's score.py from its folder (it is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"text_quality: no score.py in {bench}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_ids(path: Path | None, corpus: Path) -> list[str]:
    if path is not None:
        return [line.strip() for line in path.read_text().split() if line.strip()]
    with (corpus / "gold.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["id"] for line in f]


def subset_corpus(corpus: Path, ids: list[str], into: Path) -> Path:
    """A corpus folder holding only the gold of `ids` (score.py scores every gold row)."""
    wanted = set(ids)
    into.mkdir(parents=True, exist_ok=True)
    with (
        (corpus / "gold.jsonl").open(encoding="utf-8") as src,
        (into / "gold.jsonl").open("w", encoding="utf-8") as dst,
    ):
        for line in src:
            if json.loads(line)["id"] in wanted:
                dst.write(line)
    return into


def converter_missing(rendering: str) -> str | None:
    """Why a converter's rendering cannot be made here, or None when it can."""
    if rendering == "html2text":
        return (
            None
            if importlib.util.find_spec("html2text")
            else "html2text is not installed (pip install '.[bench]')"
        )
    if rendering in COMMANDS and shutil.which(COMMANDS[rendering][0]) is None:
        return f"{COMMANDS[rendering][0]} is not on PATH (Debian package {COMMANDS[rendering][0]})"
    return None


def convert(rendering: str, html: bytes) -> str:
    """A page's HTML rendered to text by a real converter, with its default settings."""
    if rendering == "html2text":
        import html2text

        return html2text.HTML2Text().handle(html.decode("utf-8", "replace"))
    done = subprocess.run(COMMANDS[rendering], input=html, capture_output=True, timeout=60, check=False)
    return done.stdout.decode("utf-8", "replace")


def page_text(corpus: Path, rendering: str, doc_id: str) -> str | None:
    """One page in one rendering (markdown and the converters: rendered from the page's HTML)."""
    if rendering in CONVERTERS:
        path = corpus / "html" / f"{doc_id}.html.gz"
        return convert(rendering, gzip.decompress(path.read_bytes())) if path.exists() else None
    if rendering in EXTRA:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from train_detect import page_text as rendered

        return rendered(corpus.parent, rendering, doc_id)
    path = corpus / "text" / rendering / f"{doc_id}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def run_rendering(
    corpus: Path,
    rendering: str,
    ids: list[str],
    out: Path,
    detect: bool,
    cold: bool = False,
    repeat: int = 5,
    clean: bool = True,
) -> tuple[int, float]:
    """Clean every document of one rendering into `out`; return (docs, seconds)."""
    import cleaner
    from cleaner import pipeline

    out.mkdir(parents=True, exist_ok=True)
    texts = [(i, text) for i in ids if (text := page_text(corpus, rendering, i)) is not None]
    if not clean:  # the baseline: the pages as they are
        for doc_id, text in texts:
            (out / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        return len(texts), 0.0
    saved = pipeline.detect_stage.detect
    if not detect:
        pipeline.detect_stage.detect = lambda lines, protected=frozenset(): []
    try:
        if not cold:  # the steady state: what loads on first use is loaded
            for _, text in texts:
                cleaner.clean(text, kind="text")
        seconds = float("inf")
        for _ in range(1 if cold else max(repeat, 1)):
            results = []
            start = time.process_time()  # CPU time of this process: one core, other load aside
            for doc_id, text in texts:
                results.append((doc_id, cleaner.clean(text, kind="text").text))
            seconds = min(seconds, time.process_time() - start)
    finally:
        pipeline.detect_stage.detect = saved
    for doc_id, text in results:
        (out / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    return len(texts), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--bench",
        type=Path,
        default=REPO.parent / "shared" / "bench",
        help="folder holding score.py and zyte/ (default: ../shared/bench)",
    )
    parser.add_argument(
        "--rendering",
        action="append",
        choices=RENDERINGS + EXTRA + CONVERTERS,
        help="rendering to score (repeatable; default: flat and inscriptis)",
    )
    parser.add_argument("--out", type=Path, help="write predictions here (default: temporary)")
    parser.add_argument("--ids", type=Path, help="file of ids to run and score (default: all)")
    parser.add_argument("--per-doc", action="store_true", help="also print per-document P/R")
    parser.add_argument("--no-detect", action="store_true", help="switch generic detection off")
    parser.add_argument("--no-clean", action="store_true", help="score the pages uncleaned (the baseline)")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes; the fastest counts")
    parser.add_argument(
        "--cold", action="store_true", help="time the first pass of a fresh process (loading included)"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO))
    corpus = args.bench / "zyte"
    scorer = load_scorer(args.bench)
    ids = read_ids(args.ids, corpus)
    # docs/s depends on the interpreter's build as much as on the machine: the
    # same code runs a fifth faster on a PGO-built CPython than on one without.
    print(
        f"python {platform.python_version()} ({os.path.realpath(sys.executable)}, "
        f"{platform.python_compiler()})"
    )
    with tempfile.TemporaryDirectory(prefix="text_quality-") as tmp:
        out_root = args.out if args.out is not None else Path(tmp)
        gold = corpus if args.ids is None else subset_corpus(corpus, ids, Path(tmp) / "gold")
        for rendering in args.rendering or RENDERINGS:
            missing = converter_missing(rendering)
            if missing:
                print(f"text/{rendering:<12} skipped: {missing}")
                continue
            out = out_root / rendering
            n_docs, seconds = run_rendering(
                corpus,
                rendering,
                ids,
                out,
                not args.no_detect,
                args.cold,
                args.repeat,
                clean=not args.no_clean,
            )
            p, r, f, n = scorer.score(gold, out, per_doc=args.per_doc)
            rate = f"  docs/s={n_docs / seconds:.0f}" if seconds else ""
            print(f"text/{rendering:<12} P={p:.3f} R={r:.3f} F1={f:.3f} n={n}{rate}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
