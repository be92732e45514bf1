"""Stage 1: bytes in, text out. Decompression, decoding, refusal of what is not
text (binary files, WARC archives, documents over the size limit) and input-kind
sniffing.

Pure functions of the bytes; the caller does the file I/O.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
import zlib

from .errors import InputError
from .lazyre import lazy
from .text import markdown

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024  # one document, decompressed: more is refused (the
# pipeline holds about 30 times a one-line text: 8 MB peaks near 260 MB)
MB = 1024 * 1024
WARC_MAGIC = b"WARC/1."

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LEADING_SPACE = re.compile(r"[\ufeff\s]*")
_NOT_AN_ESCAPED_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")  # surrogateescape gives U+DC80..U+DCFF
# A file type's first bytes, and what the message refusing it calls it.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"PK\x03\x04", "a ZIP archive (or an Office, OpenDocument or EPUB file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls, .ppt)"),
    (b"\x7fELF", "an executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a WOFF font"),
    (b"wOF2", "a WOFF2 font"),
    (b"\x1a\x45\xdf\xa3", "a Matroska or WebM video"),
)
# Control bytes that text does not hold (tab, line ends, form feed and ESC are
# text); about one random byte in nine is one of them. NUL counts, except as
# the padding some downloads end with.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
MAX_CONTROL_SHARE = 0.003  # above this share of control bytes in the samples: binary
MIN_CONTROLS = 4  # ... and at least this many (one stray byte in a short text is text)
_SAMPLE = 8192  # bytes looked at, at the start, the middle and the end
# Legacy encodings decoded run by run inside UTF-8 text (see decode_mixed), by codecs' names.
_PER_RUN = frozenset({"cp1252", "iso8859-1", "iso8859-15"})
_META_CHARSET = lazy(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:(?P<document>!doctype\s+html|html|head|body|\?xml|meta|title)"
    r"|div|p|article|section|table|script|link)\b",
    re.IGNORECASE | re.DOTALL,
)
# Tags that hold an HTML page's text blocks: paragraphs, line breaks, list items, headings.
_TEXT_BLOCKS = lazy(r"</p\s*>|<br\s*/?>|</li\s*>|</h[1-6]\s*>", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:html|head|body|/p|/div|br\s*/?|p|div|article|/a|a\s+href)\b", re.IGNORECASE)


def gunzip(data: bytes, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
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
            raise InputError(f"gzip data expands beyond the {_mb(limit)} limit on one document")
        if not d.eof:
            raise InputError("truncated gzip data")
        out.append(chunk)
        data = d.unused_data.lstrip(b"\0")
    return b"".join(out)


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def _mb(size: int) -> str:
    return f"{size / MB:g} MB"


def gzip_head(data: bytes, size: int = 64) -> bytes:
    """The first `size` bytes that gzip data decompresses to (b"" if corrupt)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], size)
    except zlib.error:
        return b""


def is_warc(head: bytes) -> bool:
    return head.startswith(WARC_MAGIC)


def refuse_warc(head: bytes) -> None:
    """WARC archives hold many records (requests, responses, metadata): reading one
    as a single page would merge them. `cleaner clean` reads them record by record
    (inputs/warc.py); here, one document is expected."""
    if is_warc(head):
        raise InputError(
            "a WARC archive, not one document: `cleaner clean` reads it record by record (--input-format warc)"
        )


def refuse_jsonl(text: str) -> None:
    """A crawler's JSONL dump (a JSON object a line) read as one page would come out
    as one blob of JSON: its records are lost. `cleaner clean` reads a dump record
    by record when it finds one (inputs/sniff.py) or is told; here, one document is
    expected. Two lines that are JSON objects, one after the other, make a dump."""
    first = _LEADING_SPACE.match(text).end()
    if not text.startswith("{", first):
        return
    end = text.find("\n", first)
    if end < 0:
        return  # one line: a JSON document, cleaned as it is
    after = text.find("\n", end + 1)
    second = text[end + 1 : after if after >= 0 else len(text)]
    if _json_object(text[first:end]) and _json_object(second):
        raise InputError(
            "a JSONL dump, not one document: `cleaner clean` reads it line by line (--input-format jsonl)"
        )


def _json_object(line: str) -> bool:
    line = line.strip()
    if not (line.startswith("{") and line.endswith("}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def binary_kind(data: bytes) -> str | None:
    """What `data` is when it is not text in any encoding we read, else None:
    a known file signature (PDF, images, archives, Office files, executables),
    or control bytes that text does not hold, sampled at the start, middle and end."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file (WebP, WAV or AVI)"
    if data[4:8] == b"ftyp":
        return "an MP4, QuickTime or HEIF media file"
    if data[257:262] == b"ustar":
        return "a tar archive"
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "a bzip2 archive"
    if data[:2] == b"BM" and data[6:10] == b"\0\0\0\0" and len(data) > 26:
        return "a BMP image"
    body = data.rstrip(b"\0")
    if len(body) <= 3 * _SAMPLE:
        samples = [body]
    else:
        middle = len(body) // 2
        samples = [body[:_SAMPLE], body[middle : middle + _SAMPLE], body[-_SAMPLE:]]
    looked = sum(map(len, samples))
    controls = sum(len(s) - len(s.translate(None, _CONTROL_BYTES)) for s in samples)
    if controls >= MIN_CONTROLS and controls > MAX_CONTROL_SHARE * looked:
        return f"{100 * controls / looked:.1f}% control bytes"
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read."""
    return binary_kind(data) is not None


def decode(data: bytes, charset: str | None = None) -> str:
    """Decode text from bytes: BOMs first, then UTF-8 where it is valid, and a
    legacy encoding (`charset`, the one an HTTP header named, else the declared
    HTML charset, else a guess from the bytes that are not UTF-8) only for the
    bytes that are not. Never fails on undecodable bytes (they become U+FFFD).
    Raises InputError for binary data."""
    if data.startswith(codecs.BOM_UTF8):  # UTF-8 said so, but stray legacy bytes are read as below
        data = data[len(codecs.BOM_UTF8) :]
    else:
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                return data[len(bom) :].decode(encoding, errors="replace")
    given = _codec(charset)
    if given is not None and given.startswith(("utf-16", "utf-32")):  # no BOM, but declared
        return data.decode(given, errors="replace")
    kind = binary_kind(data)
    if kind:
        raise InputError(f"binary file ({kind}), not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if given is not None and given.startswith("utf"):
        given = None  # UTF-8 was declared and is not what the bytes are
    legacy = given or _declared_charset(data) or _guess_legacy(_not_utf8_lines(data))
    return decode_mixed(data, legacy)


def _codec(name: str | None) -> str | None:
    """A charset's codec name ('ISO-8859-1' -> 'iso8859-1'), None when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None


def decode_mixed(data: bytes, legacy: str) -> str:
    """UTF-8 where the bytes are valid UTF-8, `legacy` for the rest.

    A Western encoding (cp1252, latin-1, latin-9) decodes each run of bytes that
    is not UTF-8, so a UTF-8 page with a few stray latin-1 bytes keeps its "’"
    and gets its "é": text in these encodings is almost never valid UTF-8 by
    accident. Any other (cp1251, koi8-r, Shift-JIS...) decodes whole lines that
    are not UTF-8: there a pair of bytes ("М»" in cp1251) can be valid UTF-8
    by accident, and a multi-byte encoding's runs cannot be cut out byte by byte."""
    if legacy in _PER_RUN:
        return data.decode("utf-8", errors=_legacy_handler(legacy))
    out = []
    for line in data.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode(legacy, errors="replace"))
    return "".join(out)


@functools.cache
def _legacy_handler(encoding: str) -> str:
    """The name of a codec error handler that decodes what UTF-8 could not with `encoding`."""
    name = f"cleaner-legacy-{encoding}"

    def handler(exc: UnicodeDecodeError) -> tuple[str, int]:
        return exc.object[exc.start : exc.end].decode(encoding, errors="replace"), exc.end

    codecs.register_error(name, handler)
    return name


def _not_utf8_lines(data: bytes, enough: int = 65536) -> bytes:
    """The lines of `data` that are not valid UTF-8 (up to about `enough` bytes):
    what a legacy encoding is guessed from."""
    found: list[bytes] = []
    size = 0
    for line in data.splitlines():
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            found.append(line)
            size += len(line)
            if size >= enough:
                break
    return b"\n".join(found)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:16384])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    if name.startswith("utf"):
        return None  # UTF-8 has already failed; UTF-16 and 32 come with a BOM
    return name


def _guess_legacy(data: bytes) -> str:
    """The legacy encoding of bytes that are not UTF-8: cp1252 (the commonest, a
    superset of latin-1's printable range) when its reading looks like Western
    text; else charset-normalizer's guess. The guesser alone misreads short
    French or German text as cp1250."""
    if _plausible_western(data.decode("cp1252", errors="replace")):
        return "cp1252"
    try:
        from charset_normalizer import from_bytes  # a trafilatura dependency

        best = from_bytes(data[:65536]).best()
        if best is not None and best.encoding not in ("utf_8", "ascii"):
            return codecs.lookup(best.encoding).name
    except Exception:  # noqa: BLE001 - a guesser failure must never stop a read
        pass
    return "cp1252"


_IN_WORD_SYMBOL = lazy(r"[^\W\d_][^\w\s\x00-\x7f][^\W\d_]")


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


def load(data: bytes, limit: int = MAX_DOCUMENT_BYTES, charset: str | None = None) -> str:
    """Bytes of a file (gzipped or not) to text, NUL bytes turned into spaces.
    `charset`: the encoding a protocol header declared (see decode).

    Refuses (InputError) a document over `limit` bytes once decompressed, a WARC
    archive and binary data."""
    if is_gzip(data):
        refuse_warc(gzip_head(data))
        data = gunzip(data, limit)
    refuse_warc(data[: len(WARC_MAGIC)])
    if len(data) > limit:
        raise InputError(f"document too large ({len(data) / MB:.1f} MB, limit {_mb(limit)})")
    text = decode(data, charset)
    refuse_jsonl(text)
    if "\x00" in text:
        text = text.replace("\x00", " ")
    return text


def _has_surrogate(text: str) -> bool:
    """True if `text` holds a lone surrogate: the one thing UTF-8 cannot encode
    (encoding in C is several times faster than a regex search of a whole page)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def without_surrogates(text: str) -> str:
    """A str read from JSON can hold lone surrogates: a scraper's surrogateescape of
    bytes that were not UTF-8 ("caf\\udce9"). Those bytes are decoded as `decode`
    decodes a file's (UTF-8 where valid, a legacy encoding for the rest: "café");
    any other lone surrogate becomes U+FFFD. (lxml stops reading a page at one.)"""
    if not _has_surrogate(text):
        return text
    unpaired = _NOT_AN_ESCAPED_BYTE.sub("\ufffd", text)
    return decode(unpaired.encode("utf-8", "surrogateescape"))
