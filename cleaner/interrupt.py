"""Ctrl-C and SIGTERM during a run: one handler that remembers it was called."""

from __future__ import annotations

import contextlib
import signal


class Interrupt:
    """The SIGINT and SIGTERM handler: raise KeyboardInterrupt, and remember it, so
    that an interrupt swallowed on its way up (in a library's clean-up code, a
    finalizer, a worker's start) still stops the run at the next check()."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def __call__(self, signum, frame):
        self.signum = signum
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.signum is not None:
            raise KeyboardInterrupt

    @classmethod
    @contextlib.contextmanager
    def watching(cls):
        """The handler main() installed; or, when the command runs without main()
        (click's test runner), one installed for the block and removed after it."""
        handler = signal.getsignal(signal.SIGINT)
        if isinstance(handler, cls):
            yield handler
            return
        handler = cls()
        try:
            previous = handler.install()
        except ValueError:  # not the main thread
            yield handler
            return
        try:
            yield handler
        finally:
            for signum, old in previous.items():
                signal.signal(signum, old)

    def install(self) -> dict:
        """Handle SIGINT and SIGTERM; the handlers replaced, by signal."""
        return {signum: signal.signal(signum, self) for signum in (signal.SIGINT, signal.SIGTERM)}
