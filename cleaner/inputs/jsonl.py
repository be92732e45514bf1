"""JSONL input: a crawler's dump, one JSON object a line, each a document."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator

from ..batch import Task
from ..errors import InputError
from ..notes import warning
from .items import Input, too_large
from .stdin import Stdin

_CHUNK = 1024 * 1024  # how the rest of an over-long JSONL line is read past
MAX_GZIP_RATIO = 200  # a gzipped dump whose over-long line expands more than this: a bomb


def read_dump(
    item: Input, first: int, origin: int, *, stdin: Stdin, fields: dict, url: str | None, max_bytes: int
) -> Iterator[Task]:
    """A task for each line of a JSONL dump (a file or `stdin`, gzipped or not) that holds
    anything, numbered from `first`: a document, or the error of a line that is not one.
    A line over `max_bytes` fails and is read past; a dump that cannot be read further
    ends with an error task."""
    try:
        stream, packed = _open(item.path, stdin)
    except OSError as exc:
        yield Task(first, item.label, origin, error=exc.strerror or str(exc))
        return
    except InputError as exc:  # a closed stdin
        yield Task(first, item.label, origin, error=exc.reason)
        return
    n = first
    with stream:
        lineno = 0
        while True:
            try:
                raw = stream.readline(max_bytes + 1)
            except (OSError, EOFError, gzip.BadGzipFile) as exc:  # a corrupt gzip dump
                yield Task(n, f"{item.label}:{lineno + 1}", origin, error=f"cannot read further: {exc}")
                return
            if not raw:
                break
            lineno += 1
            label = f"{item.label}:{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                # read past the rest of the line, a chunk at a time: memory stays bounded
                if not _skip_line(stream, packed):
                    yield Task(n, label, origin, error=_bomb(max_bytes))
                    return
                yield Task(n, label, origin, error=too_large("line", max_bytes))
                n += 1
                continue
            if not raw.strip():
                continue
            yield _line_task(raw, Task(n, label, origin, url=url), fields)
            n += 1


def _open(path: str | None, stdin: Stdin):
    """The dump's stream (`stdin` when `path` is None), decompressed if it is gzipped,
    and the gzip data under it (None for a plain dump)."""
    stream = stdin.stream() if path is None else open(path, "rb")  # noqa: SIM115
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)
    if stream.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=stream), stream
    return stream, None


def _bomb(max_bytes: int) -> str:
    return (
        f"{too_large('line', max_bytes)}; its gzip data expands more than "
        f"{MAX_GZIP_RATIO} times (a gzip bomb?), so the rest of the dump "
        "was not read either"
    )


def _not_json(name: str):
    """NaN, Infinity and -Infinity, which Python's parser takes and JSON has not: an
    id read as one would be written back out as it is, a line no JSON reader takes."""
    raise ValueError(f"{name} is not JSON")


def _line_task(raw: bytes, at: Task, fields: dict) -> Task:
    """One line's task: `at` (its number, label, input and the run's URL) with the
    record's HTML or text, URL and id, or an error."""
    try:
        rec = json.loads(raw, parse_constant=_not_json)
        if not isinstance(rec, dict):
            raise ValueError("not a JSON object")
    except ValueError as exc:
        return Task(at.index, at.label, at.origin, error=f"invalid JSON line ({exc})")
    doc_id, url = rec.get(fields["id"]), rec.get(fields["url"])
    notes = ()
    if url is not None and not isinstance(url, str):
        notes = (
            warning(
                f"the {fields['url']!r} field is not a string ({json.dumps(url)[:60]}): not read as a URL"
            ),
        )
        url = None
    url = url or at.url
    html, text = rec.get(fields["html"]), rec.get(fields["text"])
    if isinstance(html, str) and html.strip():
        return Task(
            at.index, at.label, at.origin, data=html, kind="html", url=url, doc_id=doc_id, notes=notes
        )
    if isinstance(text, str):
        return Task(at.index, at.label, at.origin, data=text, url=url, doc_id=doc_id, notes=notes)
    return Task(
        at.index,
        at.label,
        at.origin,
        url=url,
        doc_id=doc_id,
        error=f"no {fields['text']!r} or {fields['html']!r} string field",
    )


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
