"""Which inputs are WARC files or JSONL dumps (part of the first stage): a few bytes
of each are read, so that the WARC reader (warc.py) is loaded only when there is
one to read, and a crawler's JSONL dump is read record by record, not as one page."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
from collections.abc import Sequence

from .. import reader
from ..errors import InputError
from .items import Input
from .stdin import Stdin
from .warcframe import MAGIC

HEAD = 512  # bytes read of each input to tell what it is
JSONL_HEAD = 65536  # bytes read of an input that opens with "{", to read its first line


def is_warc_start(head: bytes) -> bool:
    """True when these first bytes of a file (decompressed) open a WARC record."""
    return head.startswith(MAGIC)


def is_jsonl_start(head: bytes, fields: dict, *, whole: bool = False) -> bool:
    """True when these first bytes of a file (decompressed) open a JSONL dump: its
    first line is a JSON object with a string field named `fields["text"]` or
    `fields["html"]`. When the line runs past `head` (and `head` is not the `whole`
    input), the object must open with such a field or name one before that point.
    A JSON document laid out over many lines, or text that opens with a brace, is not one."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if not text.startswith("{"):
        return False
    line, newline, _ = text.partition("\n")
    names = [fields["text"], fields["html"]]
    if newline or whole:
        try:
            record = json.loads(line)
        except ValueError:
            return False
        return isinstance(record, dict) and any(isinstance(record.get(name), str) for name in names)
    return any(re.search(r"[{,]\s*" + re.escape(json.dumps(name)) + r'\s*:\s*"', line) for name in names)


def mark_inputs(
    items: Sequence[Input], stdin: Stdin, *, forced_warc: bool = False, fields: dict | None = None
) -> list[Input]:
    """The inputs with `warc` set on each WARC file (every one when `forced_warc`:
    --input-format warc) and, when JSONL `fields` are given, `jsonl` on each JSONL
    dump (is_jsonl_start); `blank` on an input with nothing but white space. Reads a
    few bytes of each regular file (more of one that opens with a brace), and of
    `stdin`, which keeps them for its reader; a FIFO is not looked at (a WARC or a
    dump read from one is refused, with a message, unless --input-format says it)."""
    out = []
    for item in items:
        if item.error is None and item.skipped is None:
            head, whole = (b"", True) if forced_warc and fields is None else _head(item.path, HEAD, stdin)
            if forced_warc or is_warc_start(head):
                item = dataclasses.replace(item, warc=True)
            elif whole and not head.strip():
                item = dataclasses.replace(item, blank=True)
            elif fields is not None and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
                if not whole:
                    head, whole = _head(item.path, JSONL_HEAD, stdin)
                if is_jsonl_start(head, fields, whole=whole):
                    item = dataclasses.replace(item, jsonl=True)
        out.append(item)
    return out


def _head(path: str | None, size: int, stdin: Stdin) -> tuple[bytes, bool]:
    """The first `size` bytes of an input (decompressed, if it is gzipped), and whether
    they are all of it; b"" for a FIFO or an input that cannot be read here (the
    reader of its documents reports why)."""
    try:
        if path is None:
            raw = stdin.head(size + 1)  # (waits for a slow pipe; its reader gets them too)
        elif not stat.S_ISREG(os.stat(path).st_mode):
            return b"", False  # a FIFO (`<(zcat x)`): what is read here would be lost to its reader
        else:
            with open(path, "rb") as f:
                raw = f.read(size + 1)
    except (OSError, ValueError, InputError):
        return b"", False
    whole = len(raw) <= size
    raw = raw[:size]
    if reader.is_gzip(raw):
        data = reader.gzip_head(raw, size)
        return data, whole and len(data) < size
    return raw, whole
