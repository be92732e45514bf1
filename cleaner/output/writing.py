"""The one way output is written: to a stream (stdout) or to files, with write
errors turned into one WriteError, and names as they are printed: escaped where
they cannot be encoded or would break a line."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import BinaryIO

from ..errors import OutputError


class WriteError(OutputError):
    """Output could not be written: disk full, I/O error, a reader that went away."""

    def __init__(self, where: str, exc: OSError):
        self.where = where
        self.errno = exc.errno
        super().__init__(f"cannot write {display_name(where)}: {exc.strerror or exc}")


# control characters (C0, DEL, C1) and the Unicode line and paragraph separators,
# as escaped in messages: as Python writes them, the way invalid bytes are shown
_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))} | {
    ord("\t"): "\\t",
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def utf8_name(name: str) -> str:
    """A file name as text to write (a record's path): bytes that are not UTF-8 (a
    latin-1 name read as surrogate escapes) shown as \\xNN, so that writing it never fails."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def display_name(name: str) -> str:
    """A file name as printed in a message or a `==> NAME <==` header: as utf8_name,
    and control characters shown as \\n, \\r, \\t, \\x1b..., so that a name never
    breaks the line it is printed on nor drives the terminal."""
    return one_line(utf8_name(name))


def one_line(text: str) -> str:
    """`text` with its control characters and line separators escaped."""
    return text.translate(_CONTROLS)


def encode(text: str) -> bytes:
    """UTF-8, with lone surrogates (a JSON input can hold them) escaped, never an error."""
    return text.encode("utf-8", errors="backslashreplace")


class Stream:
    """A byte stream (stdout) written a piece at a time, each piece flushed, so
    that a write error shows at the write that caused it, as a WriteError."""

    def __init__(self, out: BinaryIO | None, name: str = "to stdout"):
        self.out, self.name = out, name

    def write(self, text: str) -> None:
        if self.out is None:
            raise WriteError(self.name, OSError(errno.EBADF, "the stream is closed"))
        try:
            self.out.write(encode(text))
            self.out.flush()
        except (OSError, ValueError) as exc:  # ValueError: the stream was closed under us
            if not isinstance(exc, OSError):
                exc = OSError(errno.EBADF, "the stream is closed")
            raise WriteError(self.name, exc) from None


class Files:
    """Files written whole: to a hidden temporary name in the target's folder, then
    renamed, so no reader ever sees half a file. Every temporary is recorded before
    it is created, so discard() removes them all whenever the run is interrupted.
    Files are created with mode 0666 less the umask, as any other tool's."""

    def __init__(self) -> None:
        self.temporaries: set[Path] = set()

    def write(self, target: Path, data: str) -> None:
        tmp = target.parent / f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
        self.temporaries.add(tmp)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            with os.fdopen(fd, "wb") as f:
                f.write(encode(data))
            os.replace(tmp, target)
        except OSError as exc:
            self._remove(tmp)
            raise WriteError(str(target), exc) from None
        except BaseException:
            self._remove(tmp)
            raise
        self.temporaries.discard(tmp)

    def discard(self) -> None:
        """Remove every temporary not yet renamed (after an interrupt)."""
        for tmp in list(self.temporaries):
            self._remove(tmp)

    def _remove(self, tmp: Path) -> None:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        self.temporaries.discard(tmp)


def make_folder(folder: Path) -> None:
    """Create `folder`, and its parents, unless it is there. Raises OutputError when it
    cannot be; a file (or a link to nothing) where it should be is "not a folder"."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write to {display_name(str(folder))}: not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot write to {display_name(str(folder))}: {exc.strerror or exc}") from None


def write_atomic(target: Path, data: str) -> None:
    """Write `data` to `target` through a temporary file and a rename (see Files)."""
    Files().write(target, data)
