"""The `cleaner` command: its group of commands and its entry point, which turns
whatever ends a run (an error, an interrupt, a write that failed) into one line
and an exit status. The commands are in `cleaner/commands/`; click lives there and
here only; the library does the work."""

from __future__ import annotations

import contextlib
import sys

import click

from . import logs, output
from .commands.clean import clean
from .commands.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    STDERR_ERRORS,
    Group,
    err,
    version_option,
    write_failed,
)
from .commands.explain import explain
from .commands.rules import rules_group
from .errors import CleanerError
from .interrupt import Interrupt


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@version_option
def cli():
    """Strip boilerplate from scraped news articles: plain text or HTML in,
    the article body out.

    \b
    Example:
        cleaner clean article.txt
    """


cli.add_command(clean)
cli.add_command(explain)
cli.add_command(rules_group)


def main() -> None:
    logs.quiet_library_logs()  # stderr carries our one-line messages only
    interrupt = Interrupt()
    interrupt.install()  # Ctrl-C and SIGTERM: exit 130 from here on, one line, no traceback
    try:
        status = cli.main(prog_name="cleaner", standalone_mode=False)
        interrupt.check()
    except click.ClickException as exc:
        with contextlib.suppress(*STDERR_ERRORS):  # as err(): an unwritable stderr changes nothing
            exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        err("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except output.WriteError as exc:  # explain, rules list/show/check
        write_failed(exc)
    except CleanerError as exc:  # anything the commands did not turn into a message
        err(str(exc))
        sys.exit(EXIT_FAILED)
    if isinstance(status, int):  # --help, --version
        sys.exit(status)
