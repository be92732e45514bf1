"""WARC and WET files for tests, written with FastWARC (the library cleaner reads them with)."""

import gzip
import io

from fastwarc.warc import WarcRecord, WarcRecordType


def _record(rtype, headers: dict, block: bytes, record_id: str | None = None) -> bytes:
    rec = WarcRecord()
    # record_urn is wrapped as <urn:...>: "<urn:uuid:a>" is given as "uuid:a"
    urn = record_id.strip("<>").removeprefix("urn:").encode() if record_id else None
    rec.init_headers(rtype, record_urn=urn)
    for key, value in headers.items():
        rec.headers[key] = value
    rec.set_bytes_content(block)
    out = io.BytesIO()
    rec.write(out)
    return out.getvalue()


def response(
    url: str,
    body: bytes,
    content_type: str | None = "text/html; charset=utf-8",
    status: str = "200 OK",
    record_id: str | None = None,
) -> bytes:
    head = f"HTTP/1.1 {status}\r\n"
    if content_type is not None:
        head += f"Content-Type: {content_type}\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return _record(
        WarcRecordType.response,
        {"WARC-Target-URI": url, "Content-Type": "application/http; msgtype=response"},
        head.encode("latin-1") + body,
        record_id,
    )


def request(url: str) -> bytes:
    return _record(
        WarcRecordType.request,
        {"WARC-Target-URI": url, "Content-Type": "application/http; msgtype=request"},
        f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode(),
    )


def warcinfo() -> bytes:
    return _record(
        WarcRecordType.warcinfo,
        {"Content-Type": "application/warc-fields"},
        b"software: cleaner tests\r\nformat: WARC File Format 1.1\r\n",
    )


def metadata(url: str) -> bytes:
    return _record(
        WarcRecordType.metadata,
        {"WARC-Target-URI": url, "Content-Type": "application/warc-fields"},
        b"fetchTimeMs: 12\r\n",
    )


def revisit(url: str) -> bytes:
    return _record(
        WarcRecordType.revisit,
        {
            "WARC-Target-URI": url,
            "Content-Type": "application/http; msgtype=response",
            "WARC-Profile": "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
        },
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
    )


def conversion(url: str, text: str, record_id: str | None = None) -> bytes:
    return _record(
        WarcRecordType.conversion,
        {"WARC-Target-URI": url, "Content-Type": "text/plain"},
        text.encode("utf-8"),
        record_id,
    )


def per_record_gzip(records: list[bytes]) -> bytes:
    """One gzip member per record, as Common Crawl writes .warc.gz files."""
    return b"".join(gzip.compress(r) for r in records)
