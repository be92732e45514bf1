#!/usr/bin/env python3
"""Are cleaner's outputs on the whole development corpora what they were?

    python bench/identical.py --write REF.json [--bench DIR] [--jobs N]
    python bench/identical.py --check REF.json [--bench DIR] [--jobs N]

For a restructuring that must not change behaviour: every page of
BENCH/wcxb and BENCH/zyte is cleaned from its HTML and from its text/flat
rendering, as the library's default call does (metadata, removals and notes
included), and one SHA-256 per document is kept: of its text, every
removal (id, category, line, kind, text), its notes and its metadata.
`--write` saves them; `--check` cleans again and lists the documents whose
digest differs (exit 1 if any).

The HTML stage holds per-page time limits (rules may be skipped when a rule
times out); on a loaded machine a document can differ for that reason alone:
`--check` cleans a differing document once more, alone, before it counts it.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_BENCH = REPO.parent / "shared" / "bench"


def documents(bench: Path) -> list[tuple[str, str, str]]:
    """(name, kind, path) of every document: each page's HTML and its text/flat rendering."""
    found = []
    for corpus in ("wcxb", "zyte"):
        for page in sorted((bench / corpus / "html").glob("*.html.gz")):
            page_id = page.name.removesuffix(".html.gz")
            found.append((f"{corpus}/html/{page_id}", "html", str(page)))
            flat = bench / corpus / "text" / "flat" / f"{page_id}.txt"
            if flat.is_file():
                found.append((f"{corpus}/text/{page_id}", "text", str(flat)))
    return found


def digest(job: tuple[str, str, str]) -> tuple[str, str]:
    import cleaner

    name, kind, path = job
    raw = Path(path).read_bytes()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    result = cleaner.clean(raw, kind=kind)
    seen = {
        "text": result.text,
        "removals": [[r.by, r.category, r.line, r.kind, r.text] for r in result.removals],
        "notes": list(result.notes),
        "metadata": result.metadata,
    }
    return name, hashlib.sha256(json.dumps(seen, sort_keys=True).encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", metavar="REF.json")
    what.add_argument("--check", metavar="REF.json")
    parser.add_argument("--bench", default=str(DEFAULT_BENCH))
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args(argv)
    bench = Path(args.bench)
    if not (bench / "wcxb" / "html").is_dir():
        print(f"identical: no corpora under {bench}", file=sys.stderr)
        return 2
    jobs = documents(bench)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        digests = dict(pool.map(digest, jobs, chunksize=16))
    if args.write:
        Path(args.write).write_text(json.dumps(digests, indent=0, sort_keys=True) + "\n")
        print(f"identical: {len(digests)} documents written to {args.write}")
        return 0
    reference = json.loads(Path(args.check).read_text())
    by_name = {job[0]: job for job in jobs}
    differ = sorted(
        name for name in reference.keys() | digests.keys() if reference.get(name) != digests.get(name)
    )
    differ = [
        name
        for name in differ  # once more, alone: a time limit under load
        if name not in by_name or digest(by_name[name])[1] != reference.get(name)
    ]
    for name in differ:
        print(f"differs: {name}")
    print(f"identical: {len(digests) - len(differ)} of {len(digests)} documents as in {args.check}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
