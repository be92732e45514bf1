"""`cleaner explain`: every removal in one file, and what made it."""

from __future__ import annotations

import os
import sys

import click

from .. import batch, inputs, output
from ..errors import InputError
from ..output.sink import to_say
from .common import EXIT_FAILED, Command, check_source, err, isatty, load_rulebook, out, rules_options


@click.command(cls=Command, short_help="Show every removal in a file, and what made it.")
@click.argument("input_file", metavar="FILE")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="Annotated text, or one JSON record per line.",
)
@click.option(
    "--input-format",
    "input_format",
    type=click.Choice(["auto", "text", "html"]),
    default="auto",
    show_default=True,
)
@click.option("--url", help="The document's URL, to pick its source's rules.")
@rules_options
@click.option("--color/--no-color", default=None, help="Colour the removals  [default: on a terminal only]")
def explain(input_file, fmt, input_format, url, rule_dirs, source, color):
    """Show every removal in FILE (or -): line number, [category] rule or
    detector id, and the removed text, then counts per category. For HTML, the
    lines are those of the reading chosen; after the counts, how many of the
    page's words that reading left out, and the removals by stage (html rules,
    rules, detectors). Ids name the stage: html:... the HTML stage's judging of
    blocks, detect:... generic detection, anything else a rule (cleaner rules
    show ID). Exit status: 0, 1 when FILE cannot be read or cleaned, 2 for a
    usage error or a bad rule file, 4 when output could not be written, 130
    when interrupted, 141 when the reader of stdout closed the pipe.

    \b
    Example:
        cleaner explain article.txt | less -R
    """
    if os.path.isdir(input_file):
        raise click.UsageError(f"{output.display_name(input_file)} is a folder: explain takes one file")
    book = load_rulebook(rule_dirs)
    check_source(book, source)
    items = [i for i in inputs.expand([input_file]) if i.skipped is None]
    if len(items) > 1:  # a glob
        raise click.UsageError(
            f"{output.display_name(input_file)} matches {len(items)} files: explain takes one file"
        )
    item = items[0] if items else inputs.Input(input_file, None, None, "nothing to read")
    if item.error:
        err(f"{output.display_name(input_file)}: {item.error}")
        sys.exit(EXIT_FAILED)
    try:
        data = _stdin_document() if item.path is None else None
    except InputError as exc:  # a closed stdin
        err(str(exc))
        sys.exit(EXIT_FAILED)
    task = batch.Task(0, item.label, path=item.path, data=data, url=url)
    done = batch.clean_task(task, book, batch.Options(kind=input_format, source=source))
    if done.error:
        err(f"{output.display_name(item.label)}: {done.error}")
        sys.exit(EXIT_FAILED)
    from .. import explain as explain_view

    if fmt == "jsonl":
        lines = [output.jsonl_line(rec) for rec in explain_view.records(done.result)]
        out("".join(lines))
        _say_notes(item.label, done.result)  # (the records are lines; the text format ends with its notes)
    else:
        if color is None:
            color = isatty(sys.stdout)
        out(explain_view.render(done.result, color=color) + "\n")


def _say_notes(label: str, result) -> None:
    """On stderr, as `cleaner clean` says them (output.sink.to_say)."""
    name = output.display_name(label)
    for message in to_say(result).messages:
        err(f"{name}: {message}")


def _stdin_document() -> bytes:
    """The document on stdin, read up to the limit and one byte more: load() refuses
    what is over it."""
    return inputs.Stdin.of_process().read(batch.MAX_INPUT_BYTES + 1)
