"""A cleaned document as a record: the fields of JSONL and JSON output, and a CSV row."""

from __future__ import annotations

import io
import json

from ..model import Result
from .text import NO_CONTENT
from .writing import utf8_name


def _metadata_keys() -> tuple[str, ...]:
    return tuple(Result("", (), (), (), "text").metadata)


def record(
    result: Result | None,
    *,
    path: str | None,
    doc_id=None,
    url: str | None = None,
    error: str | None = None,
    comments: bool = False,
    warc_date: str | None = None,
) -> dict:
    """One document's record: its id (JSONL or WARC input), the WARC record's date, path,
    rule set (`source`), every metadata field, text, comments (when asked for), removals,
    notes and error (set, and text null, for a document that failed)."""
    rec: dict = {}
    if doc_id is not None:
        rec["id"] = doc_id
    if warc_date is not None:
        rec["warc_date"] = warc_date
    rec["path"] = utf8_name(path) if path is not None else None
    if result is None:
        rec["source"] = None
        rec.update(dict.fromkeys(_metadata_keys()))
        rec["url"] = url
        rec["text"] = None
        if comments:
            rec["comments"] = None
        rec.update({"removed": [], "notes": [], "error": error})
        return rec
    rec["source"] = result.source
    rec.update(result.metadata)
    rec["url"] = rec.get("url") or url
    rec["text"] = result.text
    if comments:
        rec["comments"] = "\n\n".join(result.comments)
    rec.update(
        {
            "removed": [
                {"id": r.by, "category": r.category, "line": r.line, "kind": r.kind, "chars": r.chars}
                for r in result.removals
            ],
            "notes": list(result.notes) + ([] if result.text else [NO_CONTENT]),
            "error": error,
        }
    )
    return rec


def csv_columns(comments: bool = False) -> list[str]:
    """A CSV row's columns: a record's fields, `removed` as characters per category."""
    return [
        "id",
        "path",
        "source",
        *_metadata_keys(),
        "text",
        *(["comments"] if comments else []),
        "removed",
        "notes",
        "error",
    ]


def csv_header(comments: bool = False) -> str:
    return _csv_line(csv_columns(comments))


def csv_row(rec: dict, comments: bool = False) -> str:
    """A record as one CSV row: `removed` as a JSON object of characters by category,
    `notes` joined with "; ", empty cells for null."""
    removed: dict[str, int] = {}
    for r in rec["removed"]:
        removed[r["category"]] = removed.get(r["category"], 0) + r["chars"]
    row = {**rec, "removed": json.dumps(removed, ensure_ascii=False), "notes": "; ".join(rec["notes"])}
    return _csv_line(["" if row.get(col) is None else str(row[col]) for col in csv_columns(comments)])


def _csv_line(cells: list[str]) -> str:
    import csv

    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue()
