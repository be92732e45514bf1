"""The command's stderr is for its own one-line messages: trafilatura's, courlan's and
htmldate's log warnings ("discarding data", ...) would drown them in a batch.

The command asks for quiet (`quiet_library_logs`), and the quiet is put in place when
the HTML stage loads those libraries (`libraries_loading`), so that plain text, which
never loads them, does not pay for importing `logging` at start-up. The pool's
workers are forked from the command's process and inherit both.
"""

from __future__ import annotations

import sys

_asked = False


def quiet_library_logs() -> None:
    """Called by the command: no library's log record reaches stderr."""
    global _asked
    _asked = True
    if "logging" in sys.modules:  # something loaded it already: quiet it now
        _quiet()


def libraries_loading() -> None:
    """Called by the HTML stage before it loads trafilatura and its helpers."""
    if _asked:
        _quiet()


def _quiet() -> None:
    import logging

    root = logging.getLogger()
    if not any(isinstance(handler, logging.NullHandler) for handler in root.handlers):
        root.addHandler(logging.NullHandler())  # records stop here, not at logging.lastResort
