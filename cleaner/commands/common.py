"""What every command of the command line shares: exit statuses, the one way it
prints (--help and --version included), the rule book it loads and the options
that choose rules or set limits."""

from __future__ import annotations

import contextlib
import errno
import importlib.metadata
import math
import os
import sys
from pathlib import Path

import click

from .. import output, rules
from ..errors import RuleFileError

EXIT_FAILED = 1  # some document failed; the others were cleaned
EXIT_USAGE = 2  # bad command line or bad rule file: nothing was cleaned
EXIT_INCOMPLETE = 3  # none failed, but some came out empty or cut by a limit
EXIT_OUTPUT = 4  # output could not be written (disk full, I/O error): the run stopped
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


# what writing to stderr raises when it cannot be written: a full disk, a reader gone,
# a stream closed under us
STDERR_ERRORS = (OSError, ValueError)


def err(message: str) -> None:
    """One line on stderr (whatever control characters `message` holds: names in it
    are display_names, and this is the net under them). A line that cannot be written
    is dropped: a message never stops a run nor changes its exit status."""
    with contextlib.suppress(*STDERR_ERRORS):
        click.echo(f"cleaner: {output.one_line(message)}", err=True)


def out(text: str) -> None:
    """Everything printed on stdout goes through here (and Sink): one encoding,
    one way a write error ends the run."""
    output.Stream(stdout_buffer()).write(text)


def show_help(ctx: click.Context, param, value: bool) -> None:
    """--help: the help printed as all output is (out), so that a write that fails
    ends the run as it ends any other command."""
    if value and not ctx.resilient_parsing:
        out(ctx.get_help() + "\n")
        ctx.exit()


def show_version(ctx: click.Context, param, value: bool) -> None:
    """--version, printed as --help is."""
    if value and not ctx.resilient_parsing:
        out(f"{ctx.find_root().info_name}, version {importlib.metadata.version('cleaner')}\n")
        ctx.exit()


def version_option(f):
    """--version, for the group of all commands."""
    return click.option(
        "--version",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=show_version,
        help="Show the version and exit.",
    )(f)


class _HelpThroughOut:
    """A click command whose --help is printed by show_help."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.callback = show_help
        return option


class Command(_HelpThroughOut, click.Command):
    """Every command of `cleaner` (cls=Command): its --help printed by show_help."""


class Group(_HelpThroughOut, click.Group):
    """Every group of `cleaner` (cls=Group): its --help, and its commands', printed by show_help."""

    command_class = Command
    group_class = type  # a group's groups are Groups too


def stdout_buffer():
    return getattr(sys.stdout, "buffer", None) if sys.stdout is not None else None


def write_failed(exc: output.WriteError) -> None:
    """End the run after a write error: quietly for a reader that closed the pipe."""
    if exc.errno == errno.EPIPE:
        quiet_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    err(str(exc))
    sys.exit(EXIT_OUTPUT)


def quiet_stdout() -> None:
    """After a reader closed the pipe: point stdout at /dev/null so the
    interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def sniffed_jsonl(items) -> bool:
    """Whether inputs read with --input-format auto are JSONL dumps (inputs.mark_inputs
    marked them), to be read as --input-format jsonl reads them: when all of them are
    (those in error aside, and empty ones: a dump with no line). Some but not all is a
    usage error: a run reads one document a line, or one a file."""
    dumps = [item for item in items if item.jsonl]
    if not dumps:
        return False
    others = [item for item in items if not (item.jsonl or item.blank) and item.error is None]
    if others:
        raise click.UsageError(
            f"{output.display_name(dumps[0].label)} reads as a JSONL dump (a document a line) and "
            f"{output.display_name(others[0].label)} does not: clean them in separate runs, "
            "or give --input-format"
        )
    return True


def plural(n: int, word: str) -> str:
    """'1 page', '2 pages'."""
    return f"{n} {word}{'s' * (n != 1)}"


def rule_dirs_option(help: str):
    """--rules DIR (repeatable), with the help a command gives it."""
    return click.option(
        "--rules",
        "rule_dirs",
        multiple=True,
        metavar="DIR",
        type=click.Path(file_okay=False, path_type=Path),
        help=help,
    )


def rules_options(f):
    """--rules and --source, shared by the commands that clean."""
    f = click.option(
        "--source", metavar="NAME", help="Apply this source's rule set, whatever the URL or text says."
    )(f)
    return rule_dirs_option(
        "A folder of rule files of your own (repeatable; also $CLEANER_RULES). "
        "Its sources override shipped ones of the same name."
    )(f)


class Limit(click.FloatRange):
    """A limit on one document, given as a number in a range and never nan. A time
    limit (`none_past` given, in seconds) takes inf, or any number above `none_past`,
    as no limit at all: None."""

    def __init__(self, least: float, *, least_open=False, most: float | None = None, none_past=None):
        super().__init__(min=least, min_open=least_open, max=most)
        self.none_past = none_past

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number.", param, ctx)
        if self.none_past is not None and number > self.none_past:
            return None
        return number


def check_source(book: rules.RuleBook, source: str | None) -> None:
    """A --source that names no source file is a usage error naming the known ones."""
    known = [rs.name for rs in book.sources]
    if source is not None and source not in known:
        raise click.UsageError(
            f"no rule set for source {source!r} (known sources: {', '.join(known) or 'none'})"
        )


def load_rulebook(rule_dirs) -> rules.RuleBook:
    try:
        return rules.load_rulebook(rules.user_rule_dirs(rule_dirs))
    except RuleFileError as exc:
        err(str(exc))
        sys.exit(EXIT_USAGE)
