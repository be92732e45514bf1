"""Turning command-line inputs into documents: paths, globs, folders, stdin.

And the reverse question: where each document's output goes under `-o DIR`.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .batch import Task
from .errors import OutputError

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Input:
    """One input document as named on the command line.

    `label` is what messages call it; `path` is None for stdin; `rel` is the
    path below DIR that its output keeps (sub-folders of a folder or `**` glob);
    `error` is set when the argument named nothing readable. Plain strings, not
    Path objects: a batch of 100,000 files keeps all of them in memory.
    """

    label: str
    path: str | None
    rel: str | None
    error: str | None = None


def is_glob(arg: str) -> bool:
    return any(c in _GLOB_CHARS for c in arg)


def _walk(folder: str) -> Iterator[str]:
    """Every regular file below `folder`, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _glob_base(pattern: str) -> str:
    """The literal folder a glob starts from: 'raw/**/*.txt' -> 'raw'."""
    parts = Path(pattern).parts
    base: list[str] = []
    for part in parts[:-1]:
        if is_glob(part):
            break
        base.append(part)
    return str(Path(*base)) if base else "."


def expand(args: Sequence[str]) -> list[Input]:
    """Expand arguments in order; an argument that names nothing becomes an error Input.

    The same file named twice is cleaned once.
    """
    out: list[Input] = []
    seen: set[str] = set()

    def add(path: str, rel: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(Input(path, path, rel))

    for arg in args:
        if arg == STDIN:
            out.append(Input("<stdin>", None, "stdin"))
        elif os.path.isdir(arg):
            found = False
            for f in _walk(arg):
                found = True
                add(f, os.path.relpath(f, arg))
            if not found:
                out.append(Input(arg, None, None, "folder holds no files"))
        elif os.path.lexists(arg):
            add(arg, os.path.basename(arg))
        elif is_glob(arg):
            base = _glob_base(arg)
            found = False
            for m in sorted(glob.glob(arg, recursive=True)):
                for f in _walk(m) if os.path.isdir(m) else [m]:
                    found = True
                    rel = os.path.relpath(f, base)
                    add(f, rel if not rel.startswith("..") else os.path.basename(f))
            if not found:
                out.append(Input(arg, None, None, "no file matches this pattern"))
        else:
            out.append(Input(arg, None, None, "no such file or folder"))
    return out


def output_name(rel: str, suffix: str = ".txt") -> str:
    """'a/x.html.gz' -> 'a/x.txt': drop .gz, then the extension, add `suffix`."""
    folder, name = os.path.split(rel)
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem, dot, _ext = name.rpartition(".")
    return os.path.join(folder, (stem if dot and stem else name) + suffix)


def plan_outputs(inputs: Sequence[Input], out_dir: Path, suffix: str = ".txt") -> dict[int, str]:
    """Map each good input's index to its output path (a str: a batch keeps one per
    input), refusing collisions and outputs that would overwrite an input.
    Raises OutputError before anything is written."""
    plan: dict[int, str] = {}
    owner: dict[str, str] = {}
    sources = {os.path.realpath(i.path) for i in inputs if i.path is not None and i.error is None}
    out = str(out_dir)
    for index, item in enumerate(inputs):
        if item.error is not None or item.rel is None:
            continue
        target = os.path.join(out, output_name(item.rel, suffix))
        key = os.path.abspath(target)
        if key in owner:
            raise OutputError(
                f"{item.label} and {owner[key]} would both be written to {target}; "
                "clean them into different folders or pass their parent folder instead")
        if os.path.realpath(target) in sources:
            raise OutputError(f"output {target} would overwrite the input {item.label}")
        owner[key] = item.label
        plan[index] = target
    return plan


class Tasks:
    """The documents to clean, produced lazily (a JSONL dump is read as it goes)."""

    def __init__(self, items: Sequence[Input], plan: dict, *, jsonl_in: bool = False,
                 fields: dict | None = None, url: str | None = None,
                 skip_existing: bool = False):
        self.items, self.plan, self.jsonl_in = items, plan, jsonl_in
        self.fields = fields or {"text": "text", "html": "html", "url": "url", "id": "id"}
        self.url, self.skip_existing = url, skip_existing
        self.skipped = 0

    def stream(self) -> Iterator[Task]:
        n = 0
        for i, item in enumerate(self.items):
            if self.skip_existing and i in self.plan and os.path.exists(self.plan[i]):
                self.skipped += 1
                continue
            if item.error is not None:
                yield Task(n, item.label, i, error=item.error)
                n += 1
            elif self.jsonl_in:
                for task in self._jsonl(item, n, i):
                    yield task
                    n += 1
            elif item.path is None:
                yield Task(n, item.label, i, data=sys.stdin.buffer.read(), url=self.url)
                n += 1
            else:
                yield Task(n, item.label, i, path=str(item.path), url=self.url)
                n += 1

    def _jsonl(self, item, n, i) -> Iterator[Task]:
        f = self.fields
        try:
            stream = sys.stdin.buffer if item.path is None else open(item.path, "rb")
            if not hasattr(stream, "peek"):
                stream = io.BufferedReader(stream)
            if stream.peek(2)[:2] == b"\x1f\x8b":
                stream = gzip.GzipFile(fileobj=stream)
        except OSError as exc:
            yield Task(n, item.label, i, error=exc.strerror or str(exc))
            return
        with stream:
            for lineno, raw in enumerate(stream, start=1):
                if not raw.strip():
                    continue
                label = f"{item.label}:{lineno}"
                try:
                    rec = json.loads(raw)
                    if not isinstance(rec, dict):
                        raise ValueError("not a JSON object")
                except ValueError as exc:
                    yield Task(n, label, i, error=f"invalid JSON line ({exc})")
                    n += 1
                    continue
                doc_id, url = rec.get(f["id"]), rec.get(f["url"]) or self.url
                html, text = rec.get(f["html"]), rec.get(f["text"])
                if isinstance(html, str) and html.strip():
                    task = Task(n, label, i, data=html, kind="html", url=url,
                                      doc_id=doc_id)
                elif isinstance(text, str):
                    task = Task(n, label, i, data=text, url=url, doc_id=doc_id)
                else:
                    task = Task(n, label, i, url=url, doc_id=doc_id,
                                      error=f"no {f['text']!r} or {f['html']!r} string field")
                yield task
                n += 1
