"""Turning command-line inputs into documents: paths, globs, folders, stdin.

(Where each document's output goes under `-o DIR` is `output.plan`.)
"""

from __future__ import annotations

import dataclasses
import glob
import gzip
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import reader, warc
from .batch import MAX_INPUT_BYTES, Task

_CHUNK = 1024 * 1024  # how the rest of an over-long JSONL line is read past
MAX_GZIP_RATIO = 200  # a gzipped dump whose over-long line expands more than this: a bomb

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Input:
    """One input document as named on the command line.

    `label` is what messages call it; `path` is None for stdin; `rel` is the
    path below DIR that its output keeps (sub-folders of a folder or `**` glob);
    `error` is set when the argument named nothing readable; `skipped` when
    a folder walk passed an entry over, with a note. Plain strings, not
    Path objects: a batch of 100,000 files keeps all of them in memory.
    """

    label: str
    path: str | None
    rel: str | None
    error: str | None = None
    skipped: str | None = None  # not a document: why it was passed over (a FIFO, a loop...)
    warc: bool = False  # a WARC file: each of its records is a document (see mark_warc)


def is_glob(arg: str) -> bool:
    return any(c in _GLOB_CHARS for c in arg)


_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class _Walker:
    """Every regular file below the folders it is given, in sorted order, hidden
    files and folders skipped. Symbolic links are followed, but a folder is entered
    once (by device and inode), so a link loop ends; FIFOs, sockets and devices are
    passed over with a note (reading a FIFO would block the walk); the excluded
    folders (the output folder) are never entered."""

    def __init__(self, exclude: set[tuple[int, int]]):
        self.exclude = exclude
        self.visited: set[tuple[int, int]] = set()

    def walk(self, folder: str) -> Iterator[Input]:
        """Inputs for what is below `folder`: files (rel: their path below it),
        and skipped entries and unreadable folders with their reason."""
        yield from self._folder(folder, folder)

    def _folder(self, folder: str, top: str) -> Iterator[Input]:
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
            if key in self.exclude:
                yield Input(folder, None, None, skipped="skipped: it is the output folder")
                return
            if key in self.visited:
                yield Input(folder, None, None, skipped="skipped: a link to a folder already walked")
                return
            self.visited.add(key)
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield Input(folder, None, None, f"cannot read folder: {exc.strerror or exc}")
            return
        folders = []
        for entry in entries:
            path = entry.path
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                yield Input(
                    path,
                    None,
                    None,
                    skipped=f"skipped: {exc.strerror or exc}"
                    + (" (a broken symbolic link)" if entry.is_symlink() else ""),
                )
                continue
            if stat.S_ISDIR(mode):
                folders.append(path)
            elif stat.S_ISREG(mode):
                yield Input(path, path, os.path.relpath(path, top))
            else:
                what = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
                yield Input(path, None, None, skipped=f"skipped: {what}, not a regular file")
        for path in folders:
            yield from self._folder(path, top)


def _glob_base(pattern: str) -> str:
    """The literal folder a glob starts from: 'raw/**/*.txt' -> 'raw'."""
    parts = Path(pattern).parts
    base: list[str] = []
    for part in parts[:-1]:
        if is_glob(part):
            break
        base.append(part)
    return str(Path(*base)) if base else "."


def _glob_regex(pattern: str) -> re.Pattern:
    """A glob below its base folder as a regex on '/'-separated relative paths:
    '*' and '?' stay within one name, '**' spans any number of folders."""
    out = []
    parts = pattern.split("/")
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:.*/)?")
            continue
        i = 0
        while i < len(part):
            c = part[i]
            if c == "*":
                out.append("[^/]*")
            elif c == "?":
                out.append("[^/]")
            elif c == "[" and "]" in part[i + 2 :]:
                end = part.index("]", i + 2)
                body = part[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
            else:
                out.append(re.escape(c))
            i += 1
        if not last:
            out.append("/")
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _recursive_glob(pattern: str, base: str, walker: _Walker) -> Iterator[Input]:
    """The files a '**' glob matches, found by the loop-safe walker rather than
    glob.glob (which follows a link loop for ever). A file matches when its path,
    or one of its folders' paths, below the base matches the pattern."""
    rel_pattern = os.path.relpath(pattern, base) if base != "." else pattern
    regex = _glob_regex(rel_pattern.replace(os.sep, "/"))
    for item in walker.walk(base):
        if item.error is not None:
            yield item
            continue
        rel = item.rel if item.path is not None else os.path.relpath(item.label, base)
        parts = rel.replace(os.sep, "/").split("/")
        if any(regex.match("/".join(parts[:k])) for k in range(len(parts), 0, -1)):
            if base == "." and item.path is not None:  # 'a.txt', as glob names it, not './a.txt'
                item = Input(rel, rel, rel)
            yield item


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def expand(args: Sequence[str], *, exclude: Sequence[str | Path] = (), literal: bool = False) -> list[Input]:
    """Expand arguments in order; an argument that names nothing becomes an error
    Input, an entry a folder walk passes over a skipped one. Nothing below the
    `exclude` folders (the output folder) is taken from a folder or a glob.
    `literal`: the arguments are paths as listed (--files-from), never globs.

    The same file named twice is cleaned once.
    """
    out: list[Input] = []
    seen: set[str] = set()
    excluded = {key for key in map(_identity, map(str, exclude)) if key is not None}

    def add(path: str, rel: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(Input(path, path, rel))

    def add_found(items: Iterable[Input], base: str | None) -> bool:
        found = False
        for item in items:
            if item.path is None:
                out.append(item)
                continue
            found = True
            if base is None:
                add(item.path, item.rel)
            else:
                rel = os.path.relpath(item.path, base)
                add(item.path, rel if not rel.startswith("..") else os.path.basename(item.path))
        return found

    for arg in args:
        walker = _Walker(excluded)  # a folder twice on the command line is no loop
        if arg == STDIN:
            out.append(Input("<stdin>", None, "stdin"))
        elif os.path.isdir(arg):
            if not add_found(walker.walk(arg), None):
                out.append(Input(arg, None, None, "folder holds no files"))
        elif os.path.lexists(arg):
            add(arg, os.path.basename(arg))
        elif is_glob(arg) and not literal:
            base = _glob_base(arg)
            if "**" in arg:
                found = add_found(_recursive_glob(arg, base, walker), base)
            else:
                found = False
                for m in sorted(glob.glob(arg)):
                    if os.path.isdir(m):
                        found |= add_found(walker.walk(m), base)
                    elif _inside(m, excluded):
                        continue
                    else:
                        found |= add_found([_entry(m)], base)
            if not found:
                out.append(Input(arg, None, None, "no file matches this pattern"))
        else:
            out.append(Input(arg, None, None, "no such file or folder"))
    return out


def read_file_list(stream, null: bool) -> list[str]:
    """The paths a --files-from list names: NUL-separated (`find -print0`) when
    `null`, else one a line. Empty entries are passed over; names are decoded as
    the file system's (bytes that are not UTF-8 survive as surrogate escapes)."""
    data = stream.read()
    parts = data.split(b"\0") if null else data.split(b"\n")
    if not null:
        parts = [p[:-1] if p.endswith(b"\r") else p for p in parts]
    return [os.fsdecode(p) for p in parts if p]


def mark_warc(items: Sequence[Input], *, forced: bool = False) -> list[Input]:
    """The inputs with `warc` set on each WARC file: every one when `forced`
    (--input-format warc), else each regular file whose first bytes (decompressed,
    if it is gzipped) open a WARC record. Reads a few bytes of each; stdin is
    peeked; a FIFO is not looked at (a WARC read from one is refused, with a
    message, unless --input-format warc)."""
    out = []
    for item in items:
        if item.error is None and item.skipped is None and (forced or _starts_warc(item.path)):
            item = dataclasses.replace(item, warc=True)
        out.append(item)
    return out


def _starts_warc(path: str | None) -> bool:
    try:
        if path is None:
            stdin = sys.stdin.buffer if sys.stdin is not None else None
            head = stdin.peek(512)[:512] if hasattr(stdin, "peek") else b""
        elif not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO (`<(zcat x)`): what is read here would be lost to its reader
        else:
            with open(path, "rb") as f:
                head = f.read(512)
    except (OSError, ValueError):
        return False  # the worker that reads it reports why
    if reader.is_gzip(head):
        head = reader.gzip_head(head, len(warc.MAGIC))
    return warc.is_warc_start(head)


def _entry(path: str) -> Input:
    """A file a glob matched: read it if it is a regular file, else pass it over."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return Input(path, None, None, skipped=f"skipped: {exc.strerror or exc}")
    if stat.S_ISREG(mode):
        return Input(path, path, path)
    what = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
    return Input(path, None, None, skipped=f"skipped: {what}, not a regular file")


def _inside(path: str, folders: set[tuple[int, int]]) -> bool:
    """True when a folder above `path` is one of `folders` (by device and inode)."""
    parent = os.path.dirname(os.path.abspath(path))
    while True:
        if _identity(parent) in folders:
            return True
        up = os.path.dirname(parent)
        if up == parent:
            return False
        parent = up


def _skip_line(stream, packed) -> bool:
    """Read past the rest of a line; False (and stop) when `packed`, the gzip data
    under `stream`, expands more than MAX_GZIP_RATIO times on the way."""
    start = _tell(packed)
    size = 0
    while (chunk := stream.readline(_CHUNK)) and not chunk.endswith(b"\n"):
        size += len(chunk)
        if start is not None and size > MAX_GZIP_RATIO * max(_tell(packed) - start, 65536):
            return False
    return True


def _tell(f) -> int | None:
    try:
        return f.tell() if f is not None else None
    except (OSError, ValueError):  # a pipe
        return None


class Tasks:
    """The documents to clean, produced lazily (a JSONL dump is read as it goes)."""

    def __init__(
        self,
        items: Sequence[Input],
        plan: dict,
        *,
        jsonl_in: bool = False,
        fields: dict | None = None,
        url: str | None = None,
        skip_existing: bool = False,
        max_bytes: int = MAX_INPUT_BYTES,
    ):
        self.items, self.plan, self.jsonl_in = items, plan, jsonl_in
        self.fields = fields or {"text": "text", "html": "html", "url": "url", "id": "id"}
        self.url, self.skip_existing = url, skip_existing
        self.max_bytes = max_bytes  # one document (stdin, a JSONL line, a WARC record), as read
        self.skipped = 0
        self.warc_skipped: dict[str, int] = {}  # WARC records passed over, by reason

    def stream(self) -> Iterator[Task]:
        n = 0
        for i, item in enumerate(self.items):
            if self.skip_existing and i in self.plan and os.path.exists(self.plan[i]):
                self.skipped += 1
                continue
            if item.skipped is not None:
                continue
            if item.error is not None:
                yield Task(n, item.label, i, error=item.error)
                n += 1
            elif self.jsonl_in:
                for task in self._jsonl(item, n, i):
                    yield task
                    n += 1
            elif item.warc:
                for task in self._warc(item, n, i):
                    yield task
                    n += 1
            elif item.path is None:
                data = sys.stdin.buffer.read(self.max_bytes + 1)
                if len(data) > self.max_bytes:  # the rest is left unread
                    yield Task(n, item.label, i, error=self._too_large("stdin"))
                else:
                    yield Task(n, item.label, i, data=data, url=self.url)
                n += 1
            else:
                yield Task(n, item.label, i, path=str(item.path), url=self.url)
                n += 1

    def _too_large(self, what: str) -> str:
        return (
            f"{what} longer than the {self.max_bytes / (1024 * 1024):g} MB limit on one "
            "document (see --max-size); not read"
        )

    def _jsonl(self, item, n, i) -> Iterator[Task]:
        f = self.fields
        try:
            stream = sys.stdin.buffer if item.path is None else open(item.path, "rb")  # noqa: SIM115
            if not hasattr(stream, "peek"):
                stream = io.BufferedReader(stream)
            packed = None
            if stream.peek(2)[:2] == b"\x1f\x8b":
                packed, stream = stream, gzip.GzipFile(fileobj=stream)
        except OSError as exc:
            yield Task(n, item.label, i, error=exc.strerror or str(exc))
            return
        with stream:
            lineno = 0
            while True:
                try:
                    raw = stream.readline(self.max_bytes + 1)
                except (OSError, EOFError, gzip.BadGzipFile) as exc:  # a corrupt gzip dump
                    yield Task(n, f"{item.label}:{lineno + 1}", i, error=f"cannot read further: {exc}")
                    return
                if not raw:
                    break
                lineno += 1
                label = f"{item.label}:{lineno}"
                if len(raw) > self.max_bytes and not raw.endswith(b"\n"):
                    # read past the rest of the line, a chunk at a time: memory stays bounded
                    if not _skip_line(stream, packed):
                        yield Task(
                            n,
                            label,
                            i,
                            error=(
                                f"{self._too_large('line')}; its gzip data expands more than "
                                f"{MAX_GZIP_RATIO} times (a gzip bomb?), so the rest of the dump "
                                "was not read either"
                            ),
                        )
                        return
                    yield Task(n, label, i, error=self._too_large("line"))
                    n += 1
                    continue
                if not raw.strip():
                    continue
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
                    task = Task(n, label, i, data=html, kind="html", url=url, doc_id=doc_id)
                elif isinstance(text, str):
                    task = Task(n, label, i, data=text, url=url, doc_id=doc_id)
                else:
                    task = Task(
                        n,
                        label,
                        i,
                        url=url,
                        doc_id=doc_id,
                        error=f"no {f['text']!r} or {f['html']!r} string field",
                    )
                yield task
                n += 1

    def _warc(self, item: Input, n: int, i: int) -> Iterator[Task]:
        """One task per WARC record worth cleaning, and one per damaged record or
        stretch of the file; records passed over are counted in `warc_skipped`."""
        try:
            stream = sys.stdin.buffer if item.path is None else open(item.path, "rb")  # noqa: SIM115
        except OSError as exc:
            yield Task(n, item.label, i, error=exc.strerror or str(exc), fmt="jsonl")
            return
        with stream:
            try:
                for record in warc.read_records(stream, self.max_bytes):
                    if record.skipped is not None:
                        self.warc_skipped[record.skipped] = self.warc_skipped.get(record.skipped, 0) + 1
                        continue
                    yield Task(
                        n,
                        f"{item.label}@{record.where}",
                        i,
                        data=record.payload,
                        kind=record.kind,
                        url=record.url or self.url,
                        doc_id=record.record_id,
                        charset=record.charset,
                        warc_date=record.date,
                        error=record.error,
                        fmt="jsonl",
                    )
                    n += 1
            except OSError as exc:  # the file itself could not be read on
                yield Task(n, item.label, i, error=f"cannot read further: {exc.strerror or exc}", fmt="jsonl")
