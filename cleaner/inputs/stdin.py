"""Stdin, read through one owner for the whole run.

Telling a WARC file or a JSONL dump from a page (sniff.mark_inputs) reads the first
bytes of stdin. A pipe gives its bytes as they come (`curl ... | cleaner clean`), so
`head` reads until it has as many as asked for, or stdin ends; it keeps them, and
whoever reads stdin next (`read`, `stream`) gets them first and then the rest of the
stream: nothing is lost and nothing is read twice.

A closed stdin (`cleaner clean - <&-`, where Python sets sys.stdin to None) is one
error, raised here for every reader: InputError, "<stdin>: stdin is closed".
"""

from __future__ import annotations

import io
import sys
from typing import BinaryIO

from ..errors import InputError
from .items import STDIN_LABEL

CLOSED = "stdin is closed"


class Stdin:
    """The process's stdin (`source`; None when it is closed). `head` reads ahead
    without using bytes up; `read` and `stream` give those bytes first, then the rest.
    One object serves a whole run, so that what `head` kept reaches the reader."""

    def __init__(self, source: BinaryIO | None):
        self._source = source
        self._kept = b""  # read by head(), not yet given to a reader
        self._ended = False  # a read gave nothing: read no more (a terminal would wait for another ^D)

    @classmethod
    def of_process(cls) -> Stdin:
        """This process's stdin as it is now (a test runner replaces sys.stdin)."""
        if sys.stdin is None:
            return cls(None)
        return cls(sys.stdin.buffer)

    def head(self, size: int) -> bytes:
        """The next `size` bytes of stdin (fewer only when it ends first), waiting for
        a slow pipe to give them. They are kept for the next reader."""
        source = self._open()
        parts = [self._kept]
        have = len(self._kept)
        while have < size and not self._ended:
            chunk = source.read(size - have)
            if not chunk:
                self._ended = True
                break
            parts.append(chunk)
            have += len(chunk)
        self._kept = b"".join(parts)
        return self._kept[:size]

    def read(self, size: int) -> bytes:
        """The next `size` bytes of stdin (fewer only when it ends first)."""
        data = self.head(size)
        self._kept = self._kept[len(data) :]
        return data

    def stream(self) -> io.BufferedReader:
        """The rest of stdin as a binary stream (read, readline, peek), the bytes
        `head` kept first. Closing it leaves stdin open."""
        source = self._open()
        kept = self._kept
        self._kept = b""
        if self._ended:
            return io.BufferedReader(io.BytesIO(kept))
        return io.BufferedReader(_Replay(kept, source))

    def _open(self) -> BinaryIO:
        if self._source is None:
            raise InputError(CLOSED, STDIN_LABEL)
        return self._source


class _Replay(io.RawIOBase):
    """The bytes `kept`, then those of `rest` as they come: a read returns what the
    pipe has (read1), so a line of a slow pipe is not held back to fill a buffer."""

    def __init__(self, kept: bytes, rest: BinaryIO):
        super().__init__()
        self._kept = kept
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._kept:
            data = self._kept[: len(buffer)]
            self._kept = self._kept[len(data) :]
        elif hasattr(self._rest, "read1"):
            data = self._rest.read1(len(buffer))
        else:
            data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
