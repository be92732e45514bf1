"""The one-line progress display of a batch, on stderr."""

from __future__ import annotations

import sys
import time


class Progress:
    """A one-line progress display on stderr, only when stderr is a terminal."""

    def __init__(self, total: int | None, enabled: bool):
        self.total, self.enabled = total, enabled
        self.start = self.last = time.monotonic()
        self.shown = False

    def update(self, done: int, failed: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and done != self.total):
            return
        self.last = now
        rate = done / (now - self.start) if now > self.start else 0.0
        of = f"/{self.total}" if self.total else ""
        bar = ""
        if self.total:
            filled = int(30 * done / self.total)
            bar = "[" + "#" * filled + "-" * (30 - filled) + "] "
        self.shown = _write(f"\r{bar}{done}{of} docs  {rate:.1f} docs/s  {failed} failed\x1b[K") or self.shown

    def clear(self) -> None:
        if self.shown:
            _write("\r\x1b[K")
            self.shown = False


def _write(text: str) -> bool:
    """Write `text` on stderr, and say whether it was. A display that cannot be
    written (a full disk, a closed stream) is dropped: it never stops the run."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True
