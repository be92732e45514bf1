#!/usr/bin/env python3
"""Throughput of WARC input: cleaner's own process pool beside datatrove.

    python bench/warc_throughput.py [--bench ../shared/bench] [--corpus zyte|wcxb]
                                    [--records 1000] [--files 8] [--repeat 1]

Builds WARC files (one gzip member per record, a request record before each
response, as a crawler writes them) from the HTML pages of one corpus of
../shared/bench (zyte: 98 news pages, 161 KB on average, repeated to reach
--records), into a temporary folder that is removed afterwards (no page is
kept). Then prints, one line each:

- the readers alone over those files (every record's payload read): cleaner's
  (our framing with FastWARC per record), with and without decoding the
  payloads to text, then FastWARC's and warcio's own iterators (bytes);
- `cleaner clean -q --input-format warc -j 2 FILES -o OUT`: wall time, records/s;
- a datatrove LocalPipelineExecutor with 2 workers (one task per file):
  CleanerWarcReader -> CleanerStep -> JsonlWriter, run as a script: the same;
- the ratio datatrove / own pool in records/s (goal >= 0.9), and the reader's
  share of the own pool's run (reader time over the CPU time of the run).

Records/s count the response records read (the CLI writes a record for a page
that comes out empty, datatrove's CleanerStep drops it: "records out" differ
by those). CPU time is given for the own pool only: datatrove's workers are
forked by its forkserver, whose children this script cannot account for.

Both runs include interpreter start-up and imports. Needs the datatrove extra
(`pip install -e '.[datatrove]'`, which `make test` installs).
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATATROVE_RUN = """
import sys
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.writers import JsonlWriter
from cleaner.engines.datatrove import CleanerStep, CleanerWarcReader

if __name__ == "__main__":
    crawl, out, logs, tasks = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    LocalPipelineExecutor([CleanerWarcReader(crawl), CleanerStep(),
                           JsonlWriter(out, compression=None)],
                          tasks=tasks, workers=2, logging_dir=logs).run()
"""


def record(rtype: str, url: str, block: bytes, n: int) -> bytes:
    head = (
        f"WARC/1.1\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{rtype}-{n}>\r\n"
        f"Content-Type: application/http; msgtype={rtype}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def build(pages_dir: Path, folder: Path, records: int, files: int) -> int:
    pages = sorted(pages_dir.glob("*.html*"))
    if not pages:
        sys.exit(f"warc_throughput: no pages in {pages_dir}")
    handles = [open(folder / f"crawl-{i:02d}.warc.gz", "wb") for i in range(files)]  # noqa: SIM115 - closed below
    size = 0
    for n in range(records):
        page = pages[n % len(pages)]
        body = page.read_bytes()
        if page.suffix == ".gz":
            body = gzip.decompress(body)
        url = f"https://bench.example/{page.name.split('.')[0]}/{n}"
        http = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)
        ) + body
        out = handles[n % files]
        out.write(gzip.compress(record("request", url, b"GET / HTTP/1.1\r\n\r\n", n)))
        out.write(gzip.compress(record("response", url, http, n)))
        size += len(body)
    for f in handles:
        f.close()
    return size


def time_readers(files: list[Path]) -> dict[str, tuple[float, int]]:
    from cleaner import reader
    from cleaner.inputs import warc

    results = {}
    start, n = time.perf_counter(), 0
    for path in files:
        with open(path, "rb") as f:
            for item in warc.read_records(f, reader.MAX_DOCUMENT_BYTES):
                if item.payload is not None:
                    reader.load(item.payload, reader.MAX_DOCUMENT_BYTES, item.charset)
                    n += 1
    results["cleaner (framing + FastWARC, decoded to text)"] = (time.perf_counter() - start, n)
    start, n = time.perf_counter(), 0
    for path in files:
        with open(path, "rb") as f:
            n += sum(1 for item in warc.read_records(f, reader.MAX_DOCUMENT_BYTES) if item.payload)
    results["cleaner (framing + FastWARC, bytes only)"] = (time.perf_counter() - start, n)
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    start, n = time.perf_counter(), 0
    for path in files:
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f, record_types=WarcRecordType.response):
                rec.reader.read()
                n += 1
    results["FastWARC ArchiveIterator"] = (time.perf_counter() - start, n)
    try:
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator
    except ImportError:
        return results
    start, n = time.perf_counter(), 0
    for path in files:
        with open(path, "rb") as f:
            for rec in WarcioIterator(f):
                if rec.rec_type == "response":
                    rec.content_stream().read()
                    n += 1
    results["warcio ArchiveIterator"] = (time.perf_counter() - start, n)
    return results


def run_timed(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall time and CPU time (user + sys of the process and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 3):
        sys.exit(f"warc_throughput: {cmd[0]} failed ({proc.returncode}):\n" + proc.stderr.decode()[-2000:])
    return wall, cpu, proc


def count_jsonl(folder: Path) -> int:
    return sum(1 for f in folder.rglob("*.jsonl") for line in f.open() if line.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    ap.add_argument("--corpus", choices=["zyte", "wcxb"], default="zyte")
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--files", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs of each")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="warc-bench-") as tmp:
        tmp = Path(tmp)
        crawl = tmp / "crawl"
        crawl.mkdir()
        pages_dir = args.bench / args.corpus / "html"
        size = build(pages_dir, crawl, args.records, args.files)
        files = sorted(crawl.iterdir())
        packed = sum(p.stat().st_size for p in files)
        print(
            f"{args.records} response records (+ as many requests) from "
            f"{pages_dir} in {len(files)} .warc.gz files: "
            f"{size / 1e6:.1f} MB of HTML, {packed / 1e6:.1f} MB gzipped"
        )
        readers = time_readers(files)
        for name, (seconds, n) in readers.items():
            print(f"reader  {name:50s} {seconds:6.2f} s  {n / seconds:8.0f} records/s")

        own = dt = None
        for _ in range(args.repeat):
            out = tmp / "own"
            shutil.rmtree(out, ignore_errors=True)
            wall, cpu, _proc = run_timed(
                [
                    str(BIN / "cleaner"),
                    "clean",
                    "-q",
                    "--input-format",
                    "warc",
                    "-j",
                    "2",
                    *map(str, files),
                    "-o",
                    str(out),
                ]
            )
            got = count_jsonl(out)
            if own is None or wall < own[0]:
                own = (wall, cpu, got)
            script = tmp / "pipeline.py"
            script.write_text(DATATROVE_RUN)
            out = tmp / "dt"
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(tmp / "logs", ignore_errors=True)
            wall, cpu, _proc = run_timed(
                [sys.executable, str(script), str(crawl), str(out), str(tmp / "logs"), str(len(files))]
            )
            got = count_jsonl(out)
            if dt is None or wall < dt[0]:
                dt = (wall, cpu, got)
        n = args.records
        print(
            f"run     {'own pool, cleaner clean -j 2':50s} {own[0]:6.2f} s  {n / own[0]:8.1f} "
            f"records/s ({own[2]} records out, {own[1]:.1f} s CPU)"
        )
        print(
            f"run     {'datatrove LocalPipelineExecutor, 2 workers':50s} {dt[0]:6.2f} s  "
            f"{n / dt[0]:8.1f} records/s ({dt[2]} records out)"
        )
        ratio = own[0] / dt[0]
        print(f"ratio   datatrove / own pool: {ratio:.2f}x (goal >= 0.9)")
        ours = next(iter(readers.values()))[0]
        print(
            f"share   the reader is {100 * ours / own[1]:.1f}% of the own pool's CPU time "
            f"({ours:.2f} s of {own[1]:.1f} s)"
        )


if __name__ == "__main__":
    main()
