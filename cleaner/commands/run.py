"""Running `cleaner clean` once its inputs are known: the rules learned first with
--learn, the documents cleaned by the batch and taken by the sink, progress and the
summary line on stderr, and the exit status. Ctrl-C and write errors stop the run."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import batch, inputs, output, rules
from ..interrupt import Interrupt
from ..output.progress import Progress
from ..output.sink import Sink
from .common import (
    EXIT_FAILED,
    EXIT_INCOMPLETE,
    EXIT_INTERRUPTED,
    err,
    isatty,
    load_rulebook,
    plural,
    stdout_buffer,
    write_failed,
)

if TYPE_CHECKING:
    from .clean import CleanArgs


@dataclass(frozen=True)
class Planned:
    """The inputs a run cleans (those passed over left out), whether a WARC file is
    among them, each one's output file under -o DIR (empty without -o), and stdin,
    with what was read of it to tell what it is."""

    items: list[inputs.Input]
    warc_in: bool
    plan: dict[int, str]
    stdin: inputs.Stdin

    def many(self, args: CleanArgs) -> bool:
        """Several documents in one stream: several inputs, or a JSONL dump or WARC file."""
        return len(self.items) > 1 or args.jsonl_in or self.warc_in


def clean_all(args: CleanArgs, planned: Planned, book: rules.RuleBook) -> None:
    """Clean every document (after learning from them all, with --learn) and exit
    with the run's status when it is not 0."""
    tasks = args.tasks(planned.items, planned.plan, planned.stdin, args.skip_existing)
    with contextlib.ExitStack() as stack:
        stream = tasks.stream
        if args.learn:
            book = _learned_rulebook(stack, book, args, planned)
        if args.source is None:  # pages in a folder per host: that host's rules (learned from such a folder)
            from .. import learnbatch

            stream = learnbatch.with_folder_sources(tasks.stream, book)
        _clean_stream(args, planned, tasks, stream, book)


def _learned_rulebook(stack, book: rules.RuleBook, args: CleanArgs, planned: Planned) -> rules.RuleBook:
    """The rule book with the rules learned from the inputs (first pass of --learn),
    written to a temporary folder that lives as long as `stack`. Hosts that a rule
    file already covers are not learned."""
    import tempfile

    from .. import learnbatch, rulegen

    def covered(host: str) -> bool:
        return book.select(url=f"https://{host}/").source is not None

    tasks = args.tasks(planned.items, {}, planned.stdin)
    kind = "auto" if args.jsonl_in or planned.warc_in else args.input_format
    run = learnbatch.learn_tasks(tasks.stream(), kind=kind, max_bytes=args.max_bytes, skip_host=covered)
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cleaner-learned-")))
    written = rulegen.write(list(run.sites), folder)
    if not args.quiet:
        err(
            f"learned: {plural(len(written), 'rule file')} from {plural(run.pages, 'page')} "
            f"of {plural(len(run.sites), 'host')}"
        )
    if not written:
        return book
    return load_rulebook([*args.rule_dirs, folder])


def _clean_stream(args: CleanArgs, planned: Planned, tasks: inputs.Tasks, stream, book) -> None:
    """Clean what `stream()` gives into the sink, with progress and a summary."""
    n_docs = None if args.jsonl_in or planned.warc_in else len(planned.items)
    jobs = _jobs(args.jobs, n_docs, args.quiet)
    sink = Sink(
        fmt=args.fmt,
        plan=planned.plan,
        many=planned.many(args),
        jsonl_in=args.jsonl_in,
        comments=args.comments,
        say=err,
        stdout=output.Stream(stdout_buffer()),
    )
    progress = Progress(total=n_docs, enabled=not args.quiet and isatty(sys.stderr))
    started = time.monotonic()
    with Interrupt.watching() as interrupt:
        _run(sink, progress, batch.run(stream(), book, args.options(), jobs), interrupt)
    progress.clear()
    if not args.quiet and (planned.many(args) or args.out_dir is not None):
        err(sink.summary(time.monotonic() - started, tasks.skipped, tasks.warc_skipped))
    if sink.failures:
        sys.exit(EXIT_FAILED)
    if sink.incomplete:
        sys.exit(EXIT_INCOMPLETE)


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
        write_failed(exc)
    except KeyboardInterrupt:
        _stop(sink, results, progress)
        err("interrupted; finished outputs are kept, nothing partial was left")
        sys.exit(EXIT_INTERRUPTED)


def _jobs(asked: int | None, n_docs: int | None, quiet: bool) -> int:
    """Worker processes: as asked, but no more than the CPUs this process may use
    (a note says so) nor than the documents."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpus = cpus or 1
    jobs = asked or cpus
    if jobs > cpus:
        if not quiet:
            err(f"note: --jobs {jobs} is more than the {plural(cpus, 'CPU')} available; using {cpus}")
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
