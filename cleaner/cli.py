"""The `cleaner` command. Click lives here only; the library does the work."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import sys
import time
from pathlib import Path

import click

from . import batch, inputs, output, rules
from .errors import CleanerError, OutputError, OutputPlanError, RuleFileError
from .interrupt import Interrupt
from .output import plan as output_plan
from .output.progress import Progress
from .output.sink import Sink

EXIT_FAILED = 1  # some document failed; the others were cleaned
EXIT_USAGE = 2  # bad command line or bad rule file: nothing was cleaned
EXIT_INCOMPLETE = 3  # none failed, but some came out empty or cut by a limit
EXIT_OUTPUT = 4  # output could not be written (disk full, I/O error): the run stopped
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
MB = 1024 * 1024


def _err(message: str) -> None:
    click.echo(f"cleaner: {message}", err=True)


def _out(text: str) -> None:
    """Everything printed on stdout goes through here (and Sink): one encoding,
    one way a write error ends the run."""
    output.Stream(_stdout_buffer()).write(text)


def _stdout_buffer():
    return getattr(sys.stdout, "buffer", None) if sys.stdout is not None else None


def _write_failed(exc: output.WriteError) -> None:
    """End the run after a write error: quietly for a reader that closed the pipe."""
    if exc.errno == errno.EPIPE:
        _quiet_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    _err(str(exc))
    sys.exit(EXIT_OUTPUT)


def rules_options(f):
    """--rules and --source, shared by the commands that clean."""
    f = click.option(
        "--source", metavar="NAME", help="Apply this source's rule set, whatever the URL or text says."
    )(f)
    f = click.option(
        "--rules",
        "rule_dirs",
        multiple=True,
        metavar="DIR",
        type=click.Path(file_okay=False, path_type=Path),
        help="A folder of rule files of your own (repeatable; also $CLEANER_RULES). "
        "Its sources override shipped ones of the same name.",
    )(f)
    return f


def _check_source(book: rules.RuleBook, source: str | None) -> None:
    if source is not None and source not in {rs.name for rs in book.sources}:
        raise click.UsageError(f"no rule set for source {source!r} (see: cleaner rules list)")


def _load_rulebook(rule_dirs) -> rules.RuleBook:
    try:
        return rules.load_rulebook(rules.user_rule_dirs(rule_dirs))
    except RuleFileError as exc:
        _err(str(exc))
        sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleaner")
def cli():
    """Strip boilerplate from scraped news articles: plain text or HTML in,
    the article body out.

    \b
    Example:
        cleaner clean article.txt
    """


@cli.command(short_help="Clean files, globs, folders or stdin.")
@click.argument("names", nargs=-1, metavar="[INPUT]...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one file per input into this folder (sub-folders kept) instead of printing.",
)
@click.option(
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
)
@click.option(
    "--input-format",
    "input_format",
    type=click.Choice(["auto", "text", "html", "jsonl", "warc"]),
    default="auto",
    show_default=True,
    help="auto decides from each document's content (a WARC file by its first "
    "bytes). jsonl reads crawler dumps: one JSON object per line with a text or "
    "html field. warc reads WARC and WET files: each HTML response and each "
    "text conversion record is a document (JSONL out).",
)
@click.option(
    "--files-from",
    "files_from",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="FILE|-",
    help="Also clean the files listed in FILE (- for stdin), one a line, "
    "or NUL-separated with -0; listed names are never globs.",
)
@click.option(
    "-0",
    "--null",
    "null",
    is_flag=True,
    help="--files-from: names are separated by NUL bytes (find -print0), not lines.",
)
@click.option("--url", help="The document's URL, to pick its source's rules.")
@rules_options
@click.option(
    "--learn",
    is_flag=True,
    help="First learn each site's template from the inputs (as `rules learn` does), "
    "then clean them with it: two passes over the inputs.",
)
@click.option("--with-title", is_flag=True, help="Print the title before the body.")
@click.option(
    "--links", is_flag=True, help="Markdown and XML output: keep link targets ([text](url), <ref target>)."
)
@click.option(
    "--tables/--no-tables",
    default=True,
    show_default=True,
    help="Keep table rows, or leave them out (removals by option:no-tables).",
)
@click.option(
    "--comments",
    is_flag=True,
    help="Keep comment sections (lines removed as comment-box, and an HTML page's "
    "comments) after the body, under a label; records get a comments field.",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Say on stderr what was decided on each document: reading, rules, removals by category, notes.",
)
@click.option(
    "--keep-markup",
    is_flag=True,
    help="Markdown input: keep its links, images and emphasis in the output "
    "(default: the text a reader sees).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to clean with  [default: number of CPUs]",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    help="Seconds one document may take before it is failed (0: no limit).",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    default=batch.MAX_INPUT_BYTES / MB,
    show_default=True,
    metavar="MB",
    help="Largest document read, in MB once decompressed (a file, a gzip member, "
    "stdin, a JSONL line); a larger one fails with a message.",
)
@click.option(
    "--rule-timeout",
    type=click.FloatRange(min=0.01),
    default=1.0,
    show_default=True,
    help="Seconds one rule may run on one document before it is skipped there.",
)
@click.option(
    "--skip-existing",
    is_flag=True,
    help="With -o: leave inputs whose output file already exists (resume a batch).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary line.")
@click.option("--text-field", default="text", show_default=True, help="JSONL input: text field.")
@click.option("--html-field", default="html", show_default=True, help="JSONL input: HTML field.")
@click.option("--url-field", default="url", show_default=True, help="JSONL input: URL field.")
@click.option("--id-field", default="id", show_default=True, help="JSONL input: id field.")
def clean(
    names,
    out_dir,
    fmt,
    input_format,
    files_from,
    null,
    url,
    rule_dirs,
    source,
    learn,
    with_title,
    links,
    tables,
    comments,
    verbose,
    keep_markup,
    jobs,
    timeout,
    max_size,
    rule_timeout,
    skip_existing,
    quiet,
    text_field,
    html_field,
    url_field,
    id_field,
):
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
        cleaner clean --learn crawl.jsonl --input-format jsonl -o clean/
    """
    names, listed = _check_inputs(names, files_from, null, skip_existing, out_dir, learn)
    book = _load_rulebook(rule_dirs)
    _check_source(book, source)
    items, warc_in = _gather(names, listed, out_dir, input_format)
    jsonl_in = input_format == "jsonl"
    _check_output_format(fmt, jsonl_in, warc_in)
    suffix = ".jsonl" if jsonl_in else output.SUFFIXES[fmt]  # a WARC's output: .jsonl
    plan = _plan_outputs(items, out_dir, suffix) if out_dir is not None else {}
    max_bytes = int(max_size * MB)
    options = batch.Options(
        kind="auto" if input_format in ("jsonl", "warc") else input_format,
        source=source,
        timeout=timeout or None,
        rule_timeout=rule_timeout,
        fmt="jsonl" if jsonl_in else fmt,
        with_title=with_title,
        keep_markup=keep_markup,
        max_bytes=max_bytes,
        links=links,
        tables=tables,
        comments=comments,
        verbose=verbose,
    )
    fields = {"text": text_field, "html": html_field, "url": url_field, "id": id_field}
    tasks = inputs.Tasks(
        items,
        plan,
        jsonl_in=jsonl_in,
        fields=fields,
        url=url,
        skip_existing=skip_existing,
        max_bytes=max_bytes,
    )
    n_docs = None if jsonl_in or warc_in else len(items)
    with contextlib.ExitStack() as stack:
        stream = tasks.stream
        if learn:
            from . import learnbatch  # (learning loads only for --learn)

            book = _learned_rulebook(
                stack,
                book,
                rule_dirs,
                inputs.Tasks(items, {}, jsonl_in=jsonl_in, fields=fields, url=url, max_bytes=max_bytes),
                "auto" if jsonl_in or warc_in else input_format,
                max_bytes,
                quiet,
            )
            if source is None:
                stream = learnbatch.with_folder_sources(tasks.stream, book)
        _clean_all(
            stream=stream,
            items=items,
            out_dir=out_dir,
            plan=plan,
            tasks=tasks,
            book=book,
            options=options,
            fmt=fmt,
            jsonl_in=jsonl_in,
            warc_in=warc_in,
            comments=comments,
            n_docs=n_docs,
            jobs=jobs,
            quiet=quiet,
        )


def _check_inputs(names, files_from, null, skip_existing, out_dir, learn) -> tuple[tuple, list[str]]:
    """The inputs named (stdin when none and a pipe is there) and those --files-from lists,
    or a usage error."""
    if null and files_from is None:
        raise click.UsageError("-0/--null goes with --files-from")
    listed = _file_list(files_from, null) if files_from is not None else []
    if files_from == inputs.STDIN and inputs.STDIN in names:
        raise click.UsageError("stdin cannot be both the file list (--files-from -) and an input")
    if not names and files_from is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no input given: name files, globs, folders or - for stdin")
        names = (inputs.STDIN,)
    if skip_existing and out_dir is None:
        raise click.UsageError("--skip-existing needs -o DIR")
    if learn and inputs.STDIN in names:
        raise click.UsageError("--learn reads the inputs twice: name files, not - (stdin)")
    return names, listed


def _gather(names, listed, out_dir, input_format) -> tuple[list[inputs.Input], bool]:
    """Every input to clean, WARC files marked (and whether there is one); those passed
    over are said and left out."""
    exclude = [out_dir] if out_dir is not None else []
    items = inputs.expand(names, exclude=exclude)
    if listed:
        items += inputs.expand(listed, exclude=exclude, literal=True)
    if input_format in ("auto", "warc"):
        items = inputs.mark_warc(items, forced=input_format == "warc")
    warc_in = any(item.warc for item in items)
    for item in items:
        if item.skipped is not None:
            _err(f"{output.display_name(item.label)}: {item.skipped}")
    return [item for item in items if item.skipped is None], warc_in


def _check_output_format(fmt: str, jsonl_in: bool, warc_in: bool) -> None:
    if jsonl_in and fmt not in ("text", "jsonl"):
        raise click.UsageError(f"--input-format jsonl gives JSONL output, not {fmt}")
    if warc_in and fmt not in ("text", "jsonl"):  # one record a line, whatever the file holds
        raise click.UsageError(f"WARC input gives JSONL output, not {fmt}")


def _plan_outputs(items, out_dir: Path, suffix: str) -> dict[int, str]:
    """Each input's output file under -o DIR. A plan that cannot be (collisions, an
    input overwritten) is a usage error; a folder that cannot be written, an output one."""
    try:
        plan = output_plan.plan_outputs(items, out_dir, suffix)
        _check_writable(out_dir)
    except OutputError as exc:
        _err(str(exc))
        sys.exit(EXIT_USAGE if isinstance(exc, OutputPlanError) else EXIT_OUTPUT)
    return plan


def _learned_rulebook(stack, book, rule_dirs, tasks, kind, max_bytes, quiet) -> rules.RuleBook:
    """The rule book with the rules learned from `tasks` (first pass of --learn), written
    to a temporary folder that lives as long as `stack`. Hosts that a rule file
    already covers are not learned."""
    import tempfile

    from . import learnbatch, rulegen

    def covered(host: str) -> bool:
        return book.select(url=f"https://{host}/").source is not None

    run = learnbatch.learn_tasks(tasks.stream(), kind=kind, max_bytes=max_bytes, skip_host=covered)
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cleaner-learned-")))
    written = rulegen.write(list(run.sites), folder)
    if not quiet:
        _err(
            f"learned: {len(written)} rule file{'s' * (len(written) != 1)} from {run.pages} "
            f"page{'s' * (run.pages != 1)} of {len(run.sites)} host{'s' * (len(run.sites) != 1)}"
        )
    if not written:
        return book
    return _load_rulebook([*rule_dirs, folder])


def _clean_all(
    *,
    stream,
    items,
    out_dir,
    plan,
    tasks,
    book,
    options,
    fmt,
    jsonl_in,
    warc_in,
    comments,
    n_docs,
    jobs,
    quiet,
):
    jobs = _jobs(jobs, n_docs, quiet)
    sink = Sink(
        fmt=fmt,
        plan=plan,
        many=len(items) > 1 or jsonl_in or warc_in,
        jsonl_in=jsonl_in,
        comments=comments,
        say=_err,
        stdout=output.Stream(_stdout_buffer()),
    )
    progress = Progress(total=n_docs, enabled=not quiet and _stderr_is_tty())
    started = time.monotonic()
    with Interrupt.watching() as interrupt:
        _run(sink, progress, batch.run(stream(), book, options, jobs), interrupt)
    progress.clear()
    batch_run = len(items) > 1 or jsonl_in or warc_in or out_dir is not None
    if not quiet and batch_run:
        _err(sink.summary(time.monotonic() - started, tasks.skipped, tasks.warc_skipped))
    if sink.failures:
        sys.exit(EXIT_FAILED)
    if sink.incomplete:
        sys.exit(EXIT_INCOMPLETE)


@cli.command(short_help="Show every removal in a file, and what made it.")
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
    book = _load_rulebook(rule_dirs)
    _check_source(book, source)
    items = [i for i in inputs.expand([input_file]) if i.skipped is None]
    item = items[0] if items else inputs.Input(input_file, None, None, "nothing to read")
    if len(items) != 1 or item.error:
        _err(f"{input_file}: {item.error or 'explain takes one file'}")
        sys.exit(EXIT_FAILED)
    # stdin read up to the limit and one byte more: load() refuses what is over it
    data = sys.stdin.buffer.read(batch.MAX_INPUT_BYTES + 1) if item.path is None else None
    task = batch.Task(0, item.label, path=item.path, data=data, url=url)
    done = batch.clean_task(task, book, batch.Options(kind=input_format, source=source))
    if done.error:
        _err(f"{item.label}: {done.error}")
        sys.exit(EXIT_FAILED)
    from . import explain as explain_view

    if fmt == "jsonl":
        lines = [output.jsonl_line(rec) for rec in explain_view.records(done.result)]
        _out("".join(lines))
    else:
        if color is None:
            color = _isatty(sys.stdout)
        _out(explain_view.render(done.result, color=color) + "\n")


@cli.group(name="rules", short_help="List, show and check rule files.")
def rules_group():
    """List, show and check rule files.

    \b
    Example:
        cleaner rules check my-rules/
    """


@rules_group.command(name="list", short_help="Every rule file in effect.")
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Add a rule folder.",
)
@click.option(
    "--all",
    "every_id",
    is_flag=True,
    help="List every removal id instead: each rule's, then the built-in detector, HTML and option ids.",
)
def rules_list(rule_dirs, every_id):
    """Every rule file in effect: name, kind, number of rules, origin and path.
    With --all, every id a removal can carry: id, category, and the rule file
    or built-in stage it comes from (cleaner rules show ID tells more).

    \b
    Examples:
        cleaner rules list
        cleaner rules list --all | grep detect:
    """
    book = _load_rulebook(rule_dirs)
    if every_id:
        from . import catalogue

        head = ("ID", "CATEGORY", "FROM")
        rows = [(rule.id, rule.category, rule.ruleset) for rule in book.rules]
        rows += [(e.id, e.category, e.stage) for e in catalogue.load().values()]
    else:
        head = ("NAME", "KIND", "RULES", "ORIGIN", "PATH")
        rows = [(rs.name, rs.kind, str(len(rs.rules)), rs.origin, str(rs.path)) for rs in book.rulesets]
    _out(_table([head, *rows]))


def _table(rows: list[tuple[str, ...]]) -> str:
    """Rows in left-aligned columns two spaces apart; the last column is not padded."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] + "\n" for row in rows
    )


@rules_group.command(name="show", short_help="One rule or built-in id: why, examples.")
@click.argument("rule_id")
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Add a rule folder.",
)
def rules_show(rule_id, rule_dirs):
    """A rule's id, category, file, pattern(s), why and examples; for a built-in
    id (detect:..., html:..., option:...), its category, stage, why and an
    example. Exit status 1 when no rule has that id, 2 for a bad rule file.

    \b
    Examples:
        cleaner rules show wpdiscuz-box
        cleaner rules show detect:byline
    """
    book = _load_rulebook(rule_dirs)
    rule = book.get(rule_id)
    if rule is not None:
        _out(rules.describe(rule) + "\n")
        return
    from . import catalogue

    entry = catalogue.load().get(rule_id)
    if entry is None:
        _err(f"no rule with id {rule_id!r} (see: cleaner rules list --all)")
        sys.exit(EXIT_FAILED)
    _out(catalogue.describe(entry) + "\n")


@rules_group.command(name="check", short_help="Validate rule files, run their examples.")
@click.argument("folders", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
def rules_check(folders):
    """Validate rule files and run every rule's examples: each remove example
    must be removed by its rule, each keep example must survive every rule of
    its file. Without FOLDERS, the rules in effect (shipped and $CLEANER_RULES).
    Exit status 1 when anything fails, 0 when all is well.

    \b
    Example:
        cleaner rules check my-rules/
    """
    failures = rules.check(folders)
    _out("".join(f"FAIL {failure}\n" for failure in failures))
    if failures:
        _err(f"{len(failures)} problem{'s' * (len(failures) != 1)} in the rule files")
        sys.exit(EXIT_FAILED)
    _out("ok: every rule file loads and every example behaves\n")


@rules_group.command(name="learn", short_help="Learn each site's template from its pages.")
@click.argument("names", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one rule file per host into this folder.",
)
@click.option(
    "--input-format",
    "input_format",
    type=click.Choice(["auto", "text", "html", "jsonl"]),
    default="auto",
    show_default=True,
    help="As for clean; jsonl reads crawler dumps with a url field.",
)
@click.option("--url", help="The host of every input without a URL of its own (a URL of the site).")
@click.option("--text-field", default="text", show_default=True, help="JSONL input: text field.")
@click.option("--html-field", default="html", show_default=True, help="JSONL input: HTML field.")
@click.option("--url-field", default="url", show_default=True, help="JSONL input: URL field.")
def rules_learn(names, out_dir, input_format, url, text_field, html_field, url_field):
    """Learn each site's template from its pages and write one rule file per host.

    Pages are grouped by host: the URL of a JSONL record, --url, or the name of
    the folder a file is in (one folder per host). Lines that repeat above or
    below the pages' own text on at least half of a host's pages (and on two or
    more) become rules; review them, then clean with --rules DIR. Exit status
    1 when a page could not be read or has no host (the others are learned from).

    \b
    Example:
        cleaner rules learn crawl.jsonl --input-format jsonl -o learned/
        cleaner clean crawl.jsonl --input-format jsonl --rules learned/ -o clean/
    """
    from . import learnbatch, rulegen

    items = [item for item in inputs.expand(names, exclude=[out_dir]) if item.skipped is None]
    fields = {"text": text_field, "html": html_field, "url": url_field, "id": "id"}
    jsonl_in = input_format == "jsonl"
    tasks = inputs.Tasks(items, {}, jsonl_in=jsonl_in, fields=fields, url=url)
    run = learnbatch.learn_tasks(tasks.stream(), kind="auto" if jsonl_in else input_format)
    for skipped in run.skipped:
        _err(f"{output.display_name(skipped.label)}: {skipped.reason}")
    try:
        written = rulegen.write(list(run.sites), out_dir)
    except OutputError as exc:
        _err(str(exc))
        sys.exit(EXIT_OUTPUT)
    learned = {site.host: site for site in run.sites}
    for path in written:
        site = learned[path.name.removesuffix(".toml")]
        n_rules = len(site.rules)
        n_lines = sum(len(rule.patterns) for rule in site.rules)
        _out(
            f"{path}: {n_rules} rule{'s' * (n_rules != 1)}, {n_lines} line pattern"
            f"{'s' * (n_lines != 1)}, from {site.pages} pages\n"
        )
    for site in run.sites:
        if not site.rules:
            why = site.skipped or "nothing repeated where a template sits"
            _out(f"{site.host}: no rules ({why})\n")
    hosts = len(run.sites)
    _err(
        f"learned from {run.pages} page{'s' * (run.pages != 1)} of {hosts} host{'s' * (hosts != 1)}: "
        f"{len(written)} rule file{'s' * (len(written) != 1)} in {out_dir}"
    )
    if run.skipped:
        sys.exit(EXIT_FAILED)


def _stderr_is_tty() -> bool:
    return _isatty(sys.stderr)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _file_list(name: str, null: bool) -> list[str]:
    """The paths listed in --files-from NAME (- for stdin)."""
    try:
        if name == inputs.STDIN:
            return inputs.read_file_list(sys.stdin.buffer, null)
        with open(name, "rb") as f:
            return inputs.read_file_list(f, null)
    except OSError as exc:
        raise click.UsageError(f"cannot read the file list {name}: {exc.strerror or exc}") from None


def _check_writable(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".cleaner-probe-{os.getpid()}"
        try:
            probe.touch()
        finally:
            probe.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from None


def _quiet_stdout() -> None:
    """After a reader closed the pipe: point stdout at /dev/null so the
    interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run(sink: Sink, progress: Progress, results, interrupt: Interrupt) -> None:
    """Take every result into the sink; stop at once on Ctrl-C or a write error."""
    try:
        for done in results:
            sink.take(done)
            progress.update(sink.done, sink.failures)
            interrupt.check()  # a Ctrl-C swallowed on its way up still stops the run
        sink.finish()
        interrupt.check()
    except output.WriteError as exc:
        _stop(sink, results, progress)
        _write_failed(exc)
    except KeyboardInterrupt:
        _stop(sink, results, progress)
        _err("interrupted; finished outputs are kept, nothing partial was left")
        sys.exit(EXIT_INTERRUPTED)


def _jobs(asked: int | None, n_docs: int | None, quiet: bool) -> int:
    """Worker processes: as asked, but no more than the CPUs this process may use
    (a note says so) nor than the documents."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpus = cpus or 1
    jobs = asked or cpus
    if jobs > cpus:
        if not quiet:
            _err(
                f"note: --jobs {jobs} is more than the {cpus} CPU{'s' * (cpus != 1)} available; using {cpus}"
            )
        jobs = cpus
    if n_docs is not None:
        jobs = max(1, min(jobs, n_docs))
    return jobs


def _stop(sink: Sink, results, progress: Progress) -> None:
    """The run ends early: further Ctrl-C and SIGTERM are ignored while the temporary
    files go first (nothing partial is left, however impatient the user), then
    the workers."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread
            signal.signal(signum, signal.SIG_IGN)
    sink.abort()
    results.close()
    progress.clear()


def main() -> None:
    # stderr carries our one-line messages; trafilatura's and courlan's log
    # warnings ("discarding data", ...) would drown them in a batch
    logging.getLogger().addHandler(logging.NullHandler())
    interrupt = Interrupt()
    interrupt.install()  # Ctrl-C and SIGTERM: exit 130 from here on, one line, no traceback
    try:
        status = cli.main(prog_name="cleaner", standalone_mode=False)
        interrupt.check()
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        _err("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except output.WriteError as exc:  # explain, rules list/show/check
        _write_failed(exc)
    except CleanerError as exc:  # anything the commands did not turn into a message
        _err(str(exc))
        sys.exit(EXIT_FAILED)
    if isinstance(status, int):  # --help, --version
        sys.exit(status)
