"""Last stage: a Result as text or as a JSONL record, and safe writing of files."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .model import Result

FORMATS = ("text", "jsonl")


def text_of(result: Result, with_title: bool = False) -> str:
    """The body as printed: paragraphs separated by a blank line, one final newline,
    nothing at all for an empty body."""
    parts = list(result.paragraphs)
    if with_title and result.title:
        parts.insert(0, result.title)
    return "\n\n".join(parts) + "\n" if parts else ""


def record(result: Result | None, *, path: str | None, doc_id=None, url: str | None = None,
           error: str | None = None) -> dict:
    """One JSONL record. `error` is set (and text null) for a document that failed."""
    rec: dict = {}
    if doc_id is not None:
        rec["id"] = doc_id
    rec["path"] = path
    if result is None:
        rec.update({"source": None, "url": url, "title": None, "date": None, "author": None,
                    "sitename": None, "text": None, "removed": [], "notes": [], "error": error})
        return rec
    rec.update({
        "source": result.source,
        "url": result.url or url,
        "title": result.title,
        "date": result.date,
        "author": result.author,
        "sitename": result.sitename,
        "text": result.text,
        "removed": [{"id": r.by, "category": r.category, "line": r.line, "kind": r.kind,
                     "chars": r.chars} for r in result.removals],
        "notes": list(result.notes),
        "error": error,
    })
    return rec


def jsonl_line(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False) + "\n"


def write_atomic(target: Path, data: str) -> None:
    """Write `data` to `target` through a temporary file in the same folder and a
    rename, so that no reader ever sees a half-written file. An interrupted write
    leaves only the hidden temporary, which is removed on the way out."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
