"""`cleaner clean`: its options, read into one `CleanArgs`, and the checks made on
them before anything is read. Running the batch is `commands.run`'s."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import click

from .. import batch, inputs, output
from ..errors import InputError, OutputError, OutputPlanError
from ..limits import LONGEST_TIME_LIMIT
from ..output import plan as output_plan
from . import run
from .common import (
    EXIT_OUTPUT,
    EXIT_USAGE,
    Command,
    Limit,
    check_source,
    err,
    load_rulebook,
    rules_options,
    sniffed_jsonl,
)

MB = 1024 * 1024
LARGEST_MAX_SIZE = 1024  # MB: a document is read whole, into a buffer the size of the limit


@dataclass(frozen=True)
class CleanArgs:
    """What `cleaner clean` was asked, by the names of its options."""

    names: tuple[str, ...]
    out_dir: Path | None
    fmt: str
    input_format: str
    files_from: str | None
    null: bool
    url: str | None
    rule_dirs: tuple[Path, ...]
    source: str | None
    learn: bool
    with_title: bool
    links: bool
    tables: bool
    comments: bool
    verbose: bool
    keep_markup: bool
    jobs: int | None
    timeout: float | None  # None or 0: no limit
    max_size: float
    rule_timeout: float | None  # None: no limit
    skip_existing: bool
    quiet: bool
    text_field: str
    html_field: str
    url_field: str
    id_field: str

    @property
    def jsonl_in(self) -> bool:
        return self.input_format == "jsonl"

    @property
    def max_bytes(self) -> int:
        return int(self.max_size * MB)

    @property
    def fields(self) -> dict[str, str]:
        """The JSONL input's field names, by what they hold."""
        return {"text": self.text_field, "html": self.html_field, "url": self.url_field, "id": self.id_field}

    def options(self) -> batch.Options:
        """The options each document is cleaned with."""
        return batch.Options(
            kind="auto" if self.input_format in ("jsonl", "warc") else self.input_format,
            timeout=self.timeout or None,
            fmt="jsonl" if self.jsonl_in else self.fmt,
            **{name: getattr(self, name) for name in _AS_GIVEN},
        )

    def tasks(
        self,
        items: list[inputs.Input],
        plan: dict[int, str],
        stdin: inputs.Stdin,
        skip_existing: bool = False,
    ) -> inputs.Tasks:
        """The documents of `items` as tasks, read as the options ask (the input "-"
        from `stdin`)."""
        return inputs.Tasks(
            items,
            plan,
            stdin=stdin,
            jsonl_in=self.jsonl_in,
            fields=self.fields,
            url=self.url,
            skip_existing=skip_existing,
            max_bytes=self.max_bytes,
        )


# the batch.Options that take the value of the clean option of the same name as it is
_AS_GIVEN = (
    "source",
    "rule_timeout",
    "with_title",
    "keep_markup",
    "max_bytes",
    "links",
    "tables",
    "comments",
    "verbose",
)


def clean_options(f):
    """The options of `cleaner clean`, in the order --help lists them."""
    for option in reversed(_OPTIONS):
        f = option(f)
    return f


def _limit_option(name: str, limit: Limit, default: float, help: str, *, metavar=None):
    """An option that sets a limit on one document, its default and range shown in --help."""
    return click.option(
        name,
        type=limit,
        default=default,
        show_default=True,
        metavar=metavar,
        help=help,
    )


_OPTIONS = [
    click.argument("names", nargs=-1, metavar="[INPUT]..."),
    click.option(
        "-o",
        "--output",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Write one file per input into this folder (sub-folders kept) instead of printing.",
    ),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(output.FORMATS),
        default="text",
        show_default=True,
        help="text: the body; markdown: the body with its headings, lists, tables and "
        "emphasis; jsonl: one JSON record a line; json: one pretty object (an array "
        "for several documents); csv: a header and one row per document; xml: one "
        "<doc> per document (under <docs> for several). Records carry the metadata "
        "and the removals.",
    ),
    click.option(
        "--input-format",
        "input_format",
        type=click.Choice(["auto", "text", "html", "jsonl", "warc"]),
        default="auto",
        show_default=True,
        help="auto decides from each document's content (a WARC file by its first "
        "bytes, a JSONL dump by its first line). jsonl reads crawler dumps: one JSON "
        "object per line with a text or html field (JSONL out). warc reads WARC and "
        "WET files: each HTML response and each text conversion record is a document "
        "(JSONL out).",
    ),
    click.option(
        "--files-from",
        "files_from",
        type=click.Path(dir_okay=False, allow_dash=True),
        metavar="FILE|-",
        help="Also clean the files listed in FILE (- for stdin), one a line, "
        "or NUL-separated with -0; listed names are never globs.",
    ),
    click.option(
        "-0",
        "--null",
        "null",
        is_flag=True,
        help="--files-from: names are separated by NUL bytes (find -print0), not lines.",
    ),
    click.option("--url", help="The document's URL, to pick its source's rules."),
    rules_options,
    click.option(
        "--learn",
        is_flag=True,
        help="First learn each site's template from the inputs (as `rules learn` does), "
        "then clean them with it: two passes over the inputs.",
    ),
    click.option("--with-title", is_flag=True, help="Print the title before the body."),
    click.option(
        "--links",
        is_flag=True,
        help="Markdown and XML output: keep link targets ([text](url), <ref target>).",
    ),
    click.option(
        "--tables/--no-tables",
        default=True,
        show_default=True,
        help="Keep table rows, or leave them out (removals by option:no-tables).",
    ),
    click.option(
        "--comments",
        is_flag=True,
        help="Keep comment sections (lines removed as comment-box, and an HTML page's "
        "comments) after the body, under a label; records get a comments field.",
    ),
    click.option(
        "-v",
        "--verbose",
        is_flag=True,
        help="Say on stderr what was decided on each document: reading, rules, removals by category, notes.",
    ),
    click.option(
        "--keep-markup",
        is_flag=True,
        help="Markdown input: keep its links, images and emphasis in the output "
        "(default: the text a reader sees).",
    ),
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Processes to clean with  [default: number of CPUs]",
    ),
    _limit_option(
        "--timeout",
        Limit(0, none_past=LONGEST_TIME_LIMIT),
        60.0,
        "Seconds one document may take before it is failed (0 or inf: no limit).",
    ),
    _limit_option(
        "--max-size",
        Limit(0, least_open=True, most=LARGEST_MAX_SIZE),
        batch.MAX_INPUT_BYTES / MB,
        "Largest document read, in MB once decompressed (a file, a gzip member, "
        "stdin, a JSONL line); a larger one fails with a message.",
        metavar="MB",
    ),
    _limit_option(
        "--rule-timeout",
        Limit(0.01, none_past=LONGEST_TIME_LIMIT),
        1.0,
        "Seconds one rule may run on one document before it is skipped there (inf: no limit).",
    ),
    click.option(
        "--skip-existing",
        is_flag=True,
        help="With -o: leave inputs whose output file already exists (resume a batch).",
    ),
    click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary line."),
    click.option("--text-field", default="text", show_default=True, help="JSONL input: text field."),
    click.option("--html-field", default="html", show_default=True, help="JSONL input: HTML field."),
    click.option("--url-field", default="url", show_default=True, help="JSONL input: URL field."),
    click.option("--id-field", default="id", show_default=True, help="JSONL input: id field."),
]


@click.command(cls=Command, short_help="Clean files, globs, folders or stdin.")
@clean_options
def clean(**given):
    """Clean articles from files, quoted globs, folders or - (stdin).

    One input prints its body on stdout; several print one after another, each
    after a `==> NAME <==` line (use --format jsonl for one record per
    document). With -o DIR each input gets DIR/NAME.txt (.md, .jsonl, .json,
    .csv, .xml by --format). Exit status: 0 when every document was cleaned, 1
    when any failed, 2 for a usage error, 3 when one came out empty or cut by a
    limit, 4 when output could not be written, 130 when interrupted (Ctrl-C,
    SIGTERM), 141 when the reader of stdout closed the pipe.

    \b
    Examples:
        cleaner clean article.txt
        cat page.html | cleaner clean - | wc -w
        cleaner clean 'raw/**/*.html.gz' -o clean/
        cleaner clean --format jsonl raw/ > out.jsonl
        cleaner clean --format markdown --links page.html
        find crawl/ -name '*.warc.gz' -print0 | cleaner clean --files-from - -0 -o out/
        cleaner clean --learn crawl.jsonl -o clean/
    """
    args = CleanArgs(**given)
    stdin = inputs.Stdin.of_process()  # read by the file list, or by sniffing and then the input "-"
    names, listed = _check_inputs(args, stdin)
    book = load_rulebook(args.rule_dirs)
    check_source(book, args.source)
    items, warc_in = _gather(names, listed, args.out_dir, args.input_format, args.fields, stdin)
    if args.input_format == "auto" and sniffed_jsonl(items):
        args = replace(args, input_format="jsonl")
    _check_output_format(args.fmt, args.jsonl_in, warc_in)
    suffix = ".jsonl" if args.jsonl_in else output.SUFFIXES[args.fmt]  # a WARC's output: .jsonl
    plan = _plan_outputs(items, args.out_dir, suffix) if args.out_dir is not None else {}
    run.clean_all(args, run.Planned(items=items, warc_in=warc_in, plan=plan, stdin=stdin), book)


def _check_inputs(args: CleanArgs, stdin: inputs.Stdin) -> tuple[tuple, list[str]]:
    """The inputs named (stdin when none and a pipe is there) and those --files-from lists,
    or a usage error."""
    names, files_from = args.names, args.files_from
    if args.null and files_from is None:
        raise click.UsageError("-0/--null goes with --files-from")
    listed = _file_list(files_from, args.null, stdin) if files_from is not None else []
    if files_from == inputs.STDIN and inputs.STDIN in names:
        raise click.UsageError("stdin cannot be both the file list (--files-from -) and an input")
    if not names and files_from is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no input given: name files, globs, folders or - for stdin")
        names = (inputs.STDIN,)
    if args.skip_existing and args.out_dir is None:
        raise click.UsageError("--skip-existing needs -o DIR")
    if args.learn and inputs.STDIN in names:
        raise click.UsageError("--learn reads the inputs twice: name files, not - (stdin)")
    return names, listed


def _file_list(name: str, null: bool, stdin: inputs.Stdin) -> list[str]:
    """The paths listed in --files-from NAME (- for `stdin`)."""
    try:
        if name == inputs.STDIN:
            return inputs.read_file_list(stdin.stream(), null)
        with open(name, "rb") as f:
            return inputs.read_file_list(f, null)
    except OSError as exc:
        raise click.UsageError(f"cannot read the file list {name}: {exc.strerror or exc}") from None
    except InputError as exc:  # a closed stdin
        raise click.UsageError(f"cannot read the file list {name}: {exc.reason}") from None


def _gather(names, listed, out_dir, input_format, fields, stdin) -> tuple[list[inputs.Input], bool]:
    """Every input to clean, WARC files and (--input-format auto) JSONL dumps marked,
    and whether there is a WARC file; those passed over are said and left out."""
    exclude = [out_dir] if out_dir is not None else []
    items = inputs.expand(names, exclude=exclude)
    if listed:
        items += inputs.expand(listed, exclude=exclude, literal=True)
    if input_format in ("auto", "warc"):
        sniff_fields = fields if input_format == "auto" else None
        items = inputs.mark_inputs(items, stdin, forced_warc=input_format == "warc", fields=sniff_fields)
    warc_in = any(item.warc for item in items)
    for item in items:
        if item.skipped is not None:
            err(f"{output.display_name(item.label)}: {item.skipped}")
    return [item for item in items if item.skipped is None], warc_in


def _check_output_format(fmt: str, jsonl_in: bool, warc_in: bool) -> None:
    if jsonl_in and fmt not in ("text", "jsonl"):
        raise click.UsageError(f"JSONL input gives JSONL output, not {fmt}")
    if warc_in and fmt not in ("text", "jsonl"):  # one record a line, whatever the file holds
        raise click.UsageError(f"WARC input gives JSONL output, not {fmt}")


def _plan_outputs(items, out_dir: Path, suffix: str) -> dict[int, str]:
    """Each input's output file under -o DIR. A plan that cannot be (collisions, an
    input overwritten) is a usage error; a folder that cannot be written, an output one."""
    try:
        plan = output_plan.plan_outputs(items, out_dir, suffix)
        _check_writable(out_dir)
    except OutputError as exc:
        err(str(exc))
        sys.exit(EXIT_USAGE if isinstance(exc, OutputPlanError) else EXIT_OUTPUT)
    return plan


def _check_writable(out_dir: Path) -> None:
    output.make_folder(out_dir)
    try:
        probe = out_dir / f".cleaner-probe-{os.getpid()}"
        try:
            probe.touch()
        finally:
            probe.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot write to {output.display_name(str(out_dir))}: {exc.strerror or exc}"
        ) from None
