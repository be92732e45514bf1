"""Turning command-line inputs into documents to read: paths, globs, folders, stdin,
and the lists of names --files-from gives."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .globs import glob_base, is_glob, recursive_glob
from .items import STDIN, STDIN_LABEL, Input
from .walk import Walker, matched_file


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def expand(args: Sequence[str], *, exclude: Sequence[str | Path] = (), literal: bool = False) -> list[Input]:
    """Expand arguments in order; an argument that names nothing becomes an error
    Input, an entry a folder walk passes over a skipped one. Nothing below the
    `exclude` folders (the output folder) is taken from a folder or a glob.
    `literal`: the arguments are paths as listed (--files-from), never globs.

    The same file named twice is cleaned once.
    """
    out: list[Input] = []
    seen: set[str] = set()
    excluded = {key for key in map(_identity, map(str, exclude)) if key is not None}

    def add(path: str, rel: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(Input(path, path, rel))

    def add_found(items: Iterable[Input], base: str | None) -> bool:
        found = False
        for item in items:
            if item.path is None:
                out.append(item)
                continue
            found = True
            if base is None:
                add(item.path, item.rel)
            else:
                rel = os.path.relpath(item.path, base)
                add(item.path, rel if not rel.startswith("..") else os.path.basename(item.path))
        return found

    for arg in args:
        walker = Walker(excluded)  # a folder twice on the command line is no loop
        if arg == STDIN:
            out.append(Input(STDIN_LABEL, None, "stdin"))
        elif os.path.isdir(arg):
            if not add_found(walker.walk(arg), None):
                out.append(Input(arg, None, None, "folder holds no files"))
        elif os.path.lexists(arg):
            add(arg, os.path.basename(arg))
        elif is_glob(arg) and not literal:
            base = glob_base(arg)
            if "**" in arg:
                found = add_found(recursive_glob(arg, base, walker), base)
            else:
                found = False
                for m in sorted(glob.glob(arg)):
                    if os.path.isdir(m):
                        found |= add_found(walker.walk(m), base)
                    elif _inside(m, excluded):
                        continue
                    else:
                        found |= add_found([matched_file(m)], base)
            if not found:
                out.append(Input(arg, None, None, "no file matches this pattern"))
        else:
            out.append(Input(arg, None, None, "no such file or folder"))
    return out


def read_file_list(stream, null: bool) -> list[str]:
    """The paths a --files-from list names: NUL-separated (`find -print0`) when
    `null`, else one a line. Empty entries are passed over; names are decoded as
    the file system's (bytes that are not UTF-8 survive as surrogate escapes)."""
    data = stream.read()
    parts = data.split(b"\0") if null else data.split(b"\n")
    if not null:
        parts = [p[:-1] if p.endswith(b"\r") else p for p in parts]
    return [os.fsdecode(p) for p in parts if p]


def _inside(path: str, folders: set[tuple[int, int]]) -> bool:
    """True when a folder above `path` is one of `folders` (by device and inode)."""
    parent = os.path.dirname(os.path.abspath(path))
    while True:
        if _identity(parent) in folders:
            return True
        up = os.path.dirname(parent)
        if up == parent:
            return False
        parent = up
