"""WARC and WET files: the records worth cleaning, and what the rest of the file held.

One pure generator, `read_records`, over a binary stream: each `response`
record with an HTML payload and each WET `conversion` record comes out as a
`WarcItem` with its payload, URL, record id, date and HTTP charset; every other
record comes out as a skipped item with its reason (so the caller counts it);
a stretch of the file that cannot be read comes out as an error item with its
byte offset, and reading goes on at the next record.

The framing (record boundaries, offsets, resynchronising after damage, the size
limit) is done here, over the bytes of each gzip member that `warcframe` gives;
each record's own headers, its HTTP headers and the decoding of chunked or
compressed HTTP bodies are FastWARC's (`WarcRecord.from_bytes`), which comes
with resiliparse. Its own iterator stops at the first damaged record and reports
no offset, hence the framing. `sniff.mark_inputs` tells which inputs are WARC files.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .warcframe import GZIP_MAGIC, MAGIC, Corrupt, Raw, Segment

MAX_HEADER_BYTES = 64 * 1024  # a record's WARC headers: more is damage, not a record
HTTP_ALLOWANCE = 64 * 1024  # a record's block may exceed the payload limit by its HTTP headers
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CONTENT_LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)[ \t\r]*$", re.IGNORECASE | re.MULTILINE)
_RECORD_END = b"\r\n\r\n"


@dataclass(frozen=True)
class WarcItem:
    """One record of a WARC file, or one stretch of it that could not be read.

    `offset` is the byte offset in the file of the record, or of the gzip member
    it starts (as a CDX index gives it); `inner` is how far into that member's
    decompressed data the record starts (0 unless a member holds several
    records, as a whole-file .gz does). Exactly one of three holds:
    a document (`payload` set), a record `skipped` (the reason, to be counted),
    or an `error` (a damaged record or stretch of the file, and what was done).
    """

    offset: int
    inner: int = 0
    payload: bytes | None = None
    kind: str | None = None  # "html" (an HTTP response), "text" (a WET conversion), "auto"
    charset: str | None = None  # from the HTTP Content-Type, if it names one
    url: str | None = None
    record_id: str | None = None
    date: str | None = None  # WARC-Date, as written in the record
    skipped: str | None = None
    error: str | None = None

    @property
    def where(self) -> str:
        """'1234', or '1234+567' for a record inside a gzip member holding several."""
        return f"{self.offset}+{self.inner}" if self.inner else str(self.offset)


def read_records(stream: BinaryIO, max_bytes: int) -> Iterator[WarcItem]:
    """Every record of a WARC file (plain, gzipped per record, or gzipped whole),
    as items in file order. Never raises for bad data: damage is an error item
    with its offset, and reading goes on after it."""
    raw = Raw(stream)
    found = False
    if not raw.head(len(GZIP_MAGIC)).startswith(GZIP_MAGIC):
        for item in _records(Segment(raw, None), max_bytes):
            found = True
            yield item
    else:
        for item in _members(raw, max_bytes):
            found = True
            yield item
    if not found:
        yield WarcItem(0, error=("empty file: " if raw.pos == 0 else "") + "no WARC record in it")


def _members(raw: Raw, max_bytes: int) -> Iterator[WarcItem]:
    """The records of each gzip member in turn; damage between members reported."""
    while True:
        head = raw.head(len(GZIP_MAGIC))
        if not head.strip(b"\0") and not raw.data.strip(b"\0"):
            if raw.eof or not raw.fill():
                return
            continue
        if not head.startswith(GZIP_MAGIC):
            start = raw.pos
            skipped = raw.skip_to_gzip()
            yield WarcItem(
                start, error=_skipped("not gzip data", skipped, f"byte {raw.pos}" if raw.data else None)
            )
            continue
        segment = Segment(raw, zlib.decompressobj(16 + zlib.MAX_WBITS))
        try:
            yield from _records(segment, max_bytes)
        except Corrupt as exc:
            raw.skip_to_gzip()
            after = (
                f"reading on at the next gzip member (byte {raw.pos})"
                if raw.data
                else "no gzip member after it"
            )
            yield WarcItem(segment.offset, error=f"corrupt gzip data ({exc}); {after}")
            continue
        segment.finish()


def _skipped(what: str, skipped: int, next_at: str | None) -> str:
    count = f"{skipped:,} byte{'s' * (skipped != 1)}"
    if next_at is None:
        return f"{what}: {count} skipped to the end of the file, no record after them"
    return f"{what}: {count} skipped up to the next record at {next_at}"


def _records(seg: Segment, max_bytes: int) -> Iterator[WarcItem]:
    """The records of one segment. A corrupt gzip member raises Corrupt."""
    gzipped = seg.inflater is not None
    while True:
        # records end with a blank line; tolerate extra line ends (and NUL padding)
        while seg.peek(1) in (b"\r", b"\n", b"\0"):
            seg.read(1)
        offset, inner = (seg.offset, seg.pos) if gzipped else (seg.pos, 0)
        if not seg.peek(1):
            if seg.truncated and not seg.told:
                yield WarcItem(offset, inner, error="truncated gzip data: the file ends inside a gzip member")
            return
        if seg.peek(len(MAGIC)) != MAGIC:
            skipped = seg.skip_to_record()
            yield WarcItem(
                offset, inner, error=_skipped("not a WARC record", skipped, seg.at() if seg.peek(1) else None)
            )
            continue
        if not (yield from _record(seg, offset, inner, max_bytes)):
            return


def _record(seg: Segment, offset: int, inner: int, max_bytes: int) -> Generator[WarcItem, None, bool]:
    """The record that starts here: its item, or an error item for its damage, the
    segment left at the next record. Returns False when nothing can follow it."""
    end = seg.find(b"\r\n\r\n", MAX_HEADER_BYTES)
    if end < 0:
        if seg.ended:
            yield WarcItem(offset, inner, error=_truncated(seg, "inside its headers"))
            seg.read(seg.available())
            return False
        seg.skip_to_record()
        yield WarcItem(
            offset,
            inner,
            error=f"WARC headers longer than {MAX_HEADER_BYTES:,} "
            "bytes: not a record; reading on at the next one",
        )
        return True
    head = seg.read(end + 4)
    m = _CONTENT_LENGTH.search(head)
    if m is None:
        seg.unread(head)
        seg.skip_to_record()
        yield WarcItem(
            offset, inner, error="WARC record without a Content-Length; reading on at the next record"
        )
        return True
    length = int(m.group(1))
    if length > max_bytes + HTTP_ALLOWANCE:
        gone = seg.discard(length)
        if gone < length:
            yield WarcItem(
                offset,
                inner,
                error=_truncated(seg, f"its Content-Length declares {length:,} bytes, {gone:,} are left"),
            )
            return False
        yield WarcItem(offset, inner, error=_too_large(length, max_bytes))
        return True
    block = seg.read(length)
    error = _block_error(seg, block, length)
    if error is not None:
        yield WarcItem(offset, inner, error=error)
        seg.unread(block)  # a record that its declared length ran into is still read
        seg.skip_to_record()
        return True
    yield _item(head + block, offset, inner, max_bytes)
    return True


def _block_error(seg: Segment, block: bytes, length: int) -> str | None:
    """What is wrong with a record's block as read, if anything: cut short by the end
    of the file, or not followed by the blank line that ends a record."""
    if len(block) < length:
        return _truncated(seg, f"its Content-Length declares {length:,} bytes, {len(block):,} are left")
    if not _ends_record(seg.peek(4 + len(MAGIC))):
        return (
            f"its Content-Length ({length:,}) does not end the record (no blank line "
            "after it): record not cleaned, reading on at the next record"
        )
    return None


def _ends_record(after: bytes) -> bool:
    """What follows a record's block: a blank line (or a lone line end, or none at
    the end of the file), then the next record or nothing."""
    if after.startswith(_RECORD_END):
        return True
    rest = after.lstrip(b"\r\n")
    return not rest.strip(b"\0") or rest.startswith(MAGIC) or MAGIC.startswith(rest)


def _truncated(seg: Segment, detail: str) -> str:
    seg.told = seg.told or seg.truncated
    what = "truncated gzip data" if seg.truncated else "truncated record"
    return f"{what}: the file ends inside this record ({detail})"


def _too_large(size: int, limit: int) -> str:
    """`size`: the record's; a payload that only decoding (gzip) took past the limit is
    said to be more than the limit."""
    mb = 1024 * 1024
    what = f"{size / mb:.1f} MB" if size > limit else f"more than {limit / mb:g} MB once decoded"
    return f"record too large ({what}, limit {limit / mb:g} MB: see --max-size); not read"


def _item(raw: bytes, offset: int, inner: int, max_bytes: int) -> WarcItem:
    """A whole record's bytes to an item: FastWARC reads its headers and HTTP part."""
    from fastwarc.warc import WarcRecord

    try:
        record = WarcRecord.from_bytes(raw)
    except Exception as exc:  # noqa: BLE001 - FastWARC raises plain errors on bad headers
        return WarcItem(offset, inner, error=f"unreadable WARC headers ({exc})")
    headers = record.headers
    base = {
        "offset": offset,
        "inner": inner,
        "url": headers.get("WARC-Target-URI"),
        "record_id": headers.get("WARC-Record-ID"),
        "date": headers.get("WARC-Date"),
    }
    rtype = (headers.get("WARC-Type") or "").strip().lower()
    if rtype == "conversion":
        payload = record.reader.read(max_bytes + 1)
        if len(payload) > max_bytes:
            return WarcItem(**base, error=_too_large(record.content_length, max_bytes))
        return WarcItem(**base, payload=payload, kind="text", charset=_charset(headers.get("Content-Type")))
    if rtype != "response":
        return WarcItem(**base, skipped=f"{rtype or 'untyped'} record")
    if not (headers.get("Content-Type") or "").lower().startswith("application/http"):
        return WarcItem(**base, skipped="response record without an HTTP message")
    try:
        record.parse_http(auto_decode="all")
    except Exception as exc:  # noqa: BLE001 - FastWARC raises plain errors on bad HTTP
        return WarcItem(**base, error=f"unreadable HTTP message ({exc})")
    status = record.http_headers.status_code
    if status is not None and not 200 <= status < 300:
        return WarcItem(**base, skipped=f"HTTP status {status // 100}xx")
    ctype = (record.http_content_type or "").lower()
    if ctype and ctype not in HTML_TYPES:
        return WarcItem(**base, skipped="non-HTML payload")
    try:
        payload = record.reader.read(max_bytes + 1)
    except Exception as exc:  # noqa: BLE001 - a damaged chunked or gzipped HTTP body
        return WarcItem(**base, error=f"unreadable HTTP body ({exc})")
    if len(payload) > max_bytes:
        return WarcItem(**base, error=_too_large(record.content_length, max_bytes))
    return WarcItem(**base, payload=payload, kind="html" if ctype else "auto", charset=record.http_charset)


_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", re.IGNORECASE)


def _charset(content_type: str | None) -> str | None:
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None
