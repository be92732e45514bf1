"""Walking a folder for its files: loop-safe, hidden entries and special files passed over."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

from .items import Input

_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class Walker:
    """Every regular file below the folders it is given, in sorted order, hidden
    files and folders skipped. Symbolic links are followed, but a folder is entered
    once (by device and inode), so a link loop ends; FIFOs, sockets and devices are
    passed over with a note (reading a FIFO would block the walk); the excluded
    folders (the output folder) are never entered."""

    def __init__(self, exclude: set[tuple[int, int]]):
        self.exclude = exclude
        self.visited: set[tuple[int, int]] = set()

    def walk(self, folder: str) -> Iterator[Input]:
        """Inputs for what is below `folder`: files (rel: their path below it),
        and skipped entries and unreadable folders with their reason."""
        yield from self._folder(folder, folder)

    def _folder(self, folder: str, top: str) -> Iterator[Input]:
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
            if key in self.exclude:
                yield Input(folder, None, None, skipped="skipped: it is the output folder")
                return
            if key in self.visited:
                yield Input(folder, None, None, skipped="skipped: a link to a folder already walked")
                return
            self.visited.add(key)
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield Input(folder, None, None, f"cannot read folder: {exc.strerror or exc}")
            return
        folders = []
        for entry in entries:
            path = entry.path
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                yield Input(
                    path,
                    None,
                    None,
                    skipped=f"skipped: {exc.strerror or exc}"
                    + (" (a broken symbolic link)" if entry.is_symlink() else ""),
                )
                continue
            if stat.S_ISDIR(mode):
                folders.append(path)
            elif stat.S_ISREG(mode):
                yield Input(path, path, os.path.relpath(path, top))
            else:
                what = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
                yield Input(path, None, None, skipped=f"skipped: {what}, not a regular file")
        for path in folders:
            yield from self._folder(path, top)


def matched_file(path: str) -> Input:
    """A file a glob matched: read it if it is a regular file, else pass it over."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return Input(path, None, None, skipped=f"skipped: {exc.strerror or exc}")
    if stat.S_ISREG(mode):
        return Input(path, path, path)
    what = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
    return Input(path, None, None, skipped=f"skipped: {what}, not a regular file")
