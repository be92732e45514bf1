"""The `cleaner` command's entry point, before anything heavy is imported.

Importing the command (click, regex, the pipeline) takes a tenth of a second or
more. A Ctrl-C or SIGTERM in that time used to end in a traceback; now it is
noted, the import finishes, and the command ends as an interrupt later does:
one line, exit status 130.
"""

from __future__ import annotations

import signal
import sys

EXIT_INTERRUPTED = 130  # as commands.common.EXIT_INTERRUPTED
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_default_unraisable_hook = sys.unraisablehook


def _quiet_interrupts(unraisable) -> None:
    """An interrupt raised inside a finalizer (regex's parser has one) is not an error
    to print: the command's handler has noted it and stops the run at its next check."""
    if unraisable.exc_type is KeyboardInterrupt:
        return
    _default_unraisable_hook(unraisable)


def main() -> None:
    received: list[int] = []
    previous = {
        signum: signal.signal(signum, lambda signum, frame: received.append(signum)) for signum in _SIGNALS
    }
    sys.unraisablehook = _quiet_interrupts
    from .cli import main as cli_main

    for signum, handler in previous.items():
        signal.signal(signum, handler)
    if received:
        try:
            sys.stderr.write("cleaner: interrupted\n")
        except (OSError, ValueError, AttributeError):  # no stderr to say it on: the status says it
            pass
        sys.exit(EXIT_INTERRUPTED)
    cli_main()
