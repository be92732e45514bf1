"""Which inputs are WARC files (part of the first stage): a few bytes of each are read,
so that the WARC reader (warc.py) is loaded only when there is one to read."""

from __future__ import annotations

import dataclasses
import os
import stat
import sys
from collections.abc import Sequence

from .. import reader
from .items import Input
from .warcframe import MAGIC


def is_warc_start(head: bytes) -> bool:
    """True when these first bytes of a file (decompressed) open a WARC record."""
    return head.startswith(MAGIC)


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
        head = reader.gzip_head(head, len(MAGIC))
    return is_warc_start(head)
