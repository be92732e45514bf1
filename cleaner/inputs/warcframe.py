"""The framing of a WARC file, below its records: the file's bytes as read, and the
decompressed bytes of one gzip member (or of a whole plain file), read forward with
pushback so that damage can be scanned past to the next record or member."""

from __future__ import annotations

import zlib
from typing import BinaryIO

MAGIC = b"WARC/1."
GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 256 * 1024


class Corrupt(Exception):
    """A gzip member could not be decompressed."""


class Raw:
    """The file's bytes as read, not yet decompressed, and the offset of the first."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.data = b""
        self.pos = 0  # file offset of data[0]
        self.eof = False

    def fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.data += chunk
        return True

    def head(self, n: int) -> bytes:
        while len(self.data) < n and self.fill():
            pass
        return self.data[:n]

    def take(self, n: int) -> None:
        self.data = self.data[n:]
        self.pos += n

    def skip_to_gzip(self) -> int:
        """Drop bytes up to the next gzip member (after the first byte) that opens a
        WARC record; how many went. Three bytes of gzip magic turn up by chance in
        compressed data, so a candidate counts only if it decompresses to 'WARC/1.'."""
        dropped = 0
        start = 1
        while True:
            found = self.data.find(GZIP_MAGIC, start)
            while found >= 0 and len(self.data) < found + 4096 and self.fill():
                pass
            if found >= 0 and not opens_record(self.data[found : found + 4096]):
                start = found + 1
                continue
            if found >= 0:
                self.take(found)
                return dropped + found
            gone = max(0, len(self.data) - (len(GZIP_MAGIC) - 1))
            self.take(gone)
            dropped += gone
            start = 0
            if not self.fill():
                dropped += len(self.data)
                self.take(len(self.data))
                return dropped


def opens_record(packed: bytes) -> bool:
    """True when gzip data starts a member that decompresses to a WARC record."""
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(packed, len(MAGIC))
    except zlib.error:
        return False
    return head == MAGIC


class Segment:
    """The decompressed bytes of one gzip member (or of a whole plain file), read
    forward with pushback, so that damage can be scanned past."""

    def __init__(self, raw: Raw, inflater):
        self.raw, self.inflater = raw, inflater
        self.offset = raw.pos if inflater is not None else 0  # the gzip member's offset
        self.buf = bytearray()  # buf[i:] is what is left to read
        self.i = 0
        self.pos = 0  # decompressed offset of buf[i] within the segment
        self.ended = False  # no more bytes
        self.truncated = False  # a gzip member that the file ends inside
        self.told = False  # its truncation was reported

    def _append(self, data: bytes) -> None:
        if self.i >= _CHUNK and self.i * 2 >= len(self.buf):  # drop what was read
            del self.buf[: self.i]
            self.i = 0
        self.buf += data

    def available(self) -> int:
        return len(self.buf) - self.i

    def _more(self) -> bool:
        if self.ended:
            return False
        raw = self.raw
        if self.inflater is None:  # a plain file
            if not raw.data and not raw.fill():
                self.ended = True
                return False
            self._append(raw.data)
            raw.take(len(raw.data))
            return True
        while True:
            if not raw.data and not raw.fill():
                self.ended, self.truncated = True, not self.inflater.eof
                return False
            try:
                out = self.inflater.decompress(raw.data, _CHUNK)
            except zlib.error as exc:
                self.ended = True
                raise Corrupt(str(exc)) from None
            if self.inflater.eof:
                raw.take(len(raw.data) - len(self.inflater.unused_data))
                self.ended = True
            else:
                raw.take(len(raw.data) - len(self.inflater.unconsumed_tail))
            if out:
                self._append(out)
                return True
            if self.ended:
                return False

    def peek(self, n: int) -> bytes:
        while self.available() < n and self._more():
            pass
        return bytes(self.buf[self.i : self.i + n])

    def read(self, n: int) -> bytes:
        data = self.peek(n)
        self.i += len(data)
        self.pos += len(data)
        return data

    def discard(self, n: int) -> int:
        """Read past `n` bytes without keeping them; how many there were."""
        gone = 0
        while gone < n:
            chunk = self.read(min(_CHUNK, n - gone))
            if not chunk:
                break
            gone += len(chunk)
        return gone

    def unread(self, data: bytes) -> None:
        """Put back bytes just read, to be read again."""
        if self.i >= len(data):
            self.i -= len(data)
            self.buf[self.i : self.i + len(data)] = data
        else:
            self.buf[self.i : self.i] = data
        self.pos -= len(data)

    def find(self, needle: bytes, limit: int) -> int:
        """Index of `needle` in what is left, looking no further than `limit` bytes; -1."""
        start = 0
        while True:
            found = self.buf.find(needle, self.i + start, self.i + limit)
            if found >= 0:
                return found - self.i
            start = max(0, self.available() - len(needle) + 1)  # before more bytes come
            if self.available() >= limit or not self._more():
                return -1

    def skip_to_record(self) -> int:
        """Drop bytes up to the next line that starts a WARC record (not one starting
        right here); how many went."""
        dropped = 0
        while True:
            at = self.buf.find(b"\n" + MAGIC, self.i)
            if at >= 0:
                n = at - self.i + 1
                self.read(n)
                return dropped + n
            gone = max(0, self.available() - len(MAGIC))
            self.read(gone)
            dropped += gone
            if not self._more():
                return dropped + len(self.read(self.available()))

    def at(self) -> str:
        """Where the next byte is, as messages say it."""
        return f"byte {self.offset}+{self.pos}" if self.inflater is not None else f"byte {self.pos}"

    def finish(self) -> None:
        """Read to the end of the member, so the next one starts where it should."""
        try:
            while self._more():
                self.buf.clear()
                self.i = 0
        except Corrupt:
            pass
