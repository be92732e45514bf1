"""Stage 1: bytes in, text out. Decompression, decoding and input-kind sniffing.

Pure functions of the bytes; the caller does the file I/O.
"""

from __future__ import annotations

import codecs
import re
import zlib

from . import markdown
from .errors import InputError

MAX_DECOMPRESSED = 512 * 1024 * 1024  # a gzip bomb stops here, with a message

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:(?P<document>!doctype\s+html|html|head|body|\?xml|meta|title)"
    r"|div|p|article|section|table|script|link)\b",
    re.IGNORECASE | re.DOTALL)
# Tags that hold an HTML page's text blocks: paragraphs, line breaks, list items, headings.
_TEXT_BLOCKS = re.compile(r"</p\s*>|<br\s*/?>|</li\s*>|</h[1-6]\s*>", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:html|head|body|/p|/div|br\s*/?|p|div|article|/a|a\s+href)\b", re.IGNORECASE)


def gunzip(data: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    """Decompress gzip data (several members allowed), refusing more than `limit` bytes."""
    out = []
    size = 0
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(data, limit - size + 1)
        except zlib.error as exc:
            raise InputError(f"corrupt gzip data ({exc})") from None
        size += len(chunk)
        if size > limit or d.unconsumed_tail:
            raise InputError(f"gzip data expands beyond {limit // (1024 * 1024)} MB")
        if not d.eof:
            raise InputError("truncated gzip data")
        out.append(chunk)
        data = d.unused_data.lstrip(b"\0")
    return b"".join(out)


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (images, archives, executables)."""
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.10


def decode(data: bytes) -> str:
    """Decode text from bytes: BOMs first, then UTF-8, then a declared HTML charset,
    then a guess from the bytes. Never fails on undecodable bytes (they become U+FFFD).
    Raises InputError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    if looks_binary(data):
        raise InputError("binary file, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    return _guess_decode(data)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:16384])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    if name in ("utf-8", "utf8"):
        return None  # the declaration was wrong: UTF-8 has already failed
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _guess_decode(data: bytes) -> str:
    """Mostly-UTF-8 text with a few bad bytes stays UTF-8. Otherwise cp1252 (the
    commonest legacy encoding, a superset of latin-1's printable range) when its
    reading looks like Western text; else charset-normalizer's guess. The guesser
    alone misreads short French or German text as cp1250."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad and sum(1 for b in data if b >= 0x80) > 4 * bad:
        return text  # valid multi-byte sequences dominate: a few stray bytes only
    western = data.decode("cp1252", errors="replace")
    if _plausible_western(western):
        return western
    try:
        from charset_normalizer import from_bytes  # a trafilatura dependency
        best = from_bytes(data[:65536]).best()
        if best is not None and best.encoding not in ("utf_8", "ascii"):
            return data.decode(best.encoding, errors="replace")
    except Exception:  # noqa: BLE001 - a guesser failure must never stop a read
        pass
    return western


_IN_WORD_SYMBOL = re.compile(r"[^\W\d_][^\w\s\x00-\x7f][^\W\d_]")


def _plausible_western(text: str) -> bool:
    """Western European text read as cp1252: accented letters are a minority of
    letters, no undefined bytes, no symbols (like '³' for Polish 'ł') inside words."""
    if "\ufffd" in text:
        return False
    letters = sum(1 for c in text if c.isalpha())
    high = sum(1 for c in text if c.isalpha() and ord(c) > 0x7F)
    if not letters or high > 0.25 * letters:
        return False
    return len(_IN_WORD_SYMBOL.findall(text)) <= max(1, high // 50)


def sniff_kind(text: str) -> str:
    """'html' when the text is markup, else 'text'. Decided from the content.

    A document that starts as one (<!doctype html>, <html>, <head>...) is
    HTML. So is a fragment that starts with an element or holds five tags
    or more, unless it reads as Markdown that a converter left raw HTML in
    (pandoc's gfm and commonmark do): its paragraphs, list items and headings
    are Markdown, more than twice as many as the tags that would hold them.
    """
    head = text[:4096]
    start = _HTML_START.match(head)
    if start and start.group("document"):
        return "html"
    if not start and len(_HTML_TAGS.findall(head)) < 5:
        return "text"
    blocks = markdown.block_lines(text)
    return "text" if blocks >= 3 and blocks > 2 * len(_TEXT_BLOCKS.findall(text)) else "html"


def load(data: bytes) -> str:
    """Bytes of a file (gzipped or not) to text, NUL bytes turned into spaces."""
    if is_gzip(data):
        data = gunzip(data)
    text = decode(data)
    if "\x00" in text:
        text = text.replace("\x00", " ")
    return text
