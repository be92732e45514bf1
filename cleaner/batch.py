"""Cleaning documents one at a time: the options of a run, a document as a task, its
outcome, and the limits on one document (its size, its time).

A task fails alone: every failure becomes `Done.error`, never an exception. Many
documents at once, in a process pool, are `cleaner.pool`'s; `run` hands them to it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from . import output, pipeline, reader
from .errors import InputError
from .limits import settable
from .model import Result
from .rules import RuleBook

MAX_INPUT_BYTES = reader.MAX_DOCUMENT_BYTES  # the default per-document limit
ALARM_REPEAT = 0.25  # seconds between alarms once a document is past its time: one
# alarm can be lost (raised inside a finalizer, "Exception ignored in ..."), the next is not


@dataclass(frozen=True)
class Options:
    """How every document of a batch is cleaned and rendered."""

    kind: str = "auto"
    source: str | None = None
    timeout: float | None = 60.0  # per document, seconds; None for no limit
    rule_timeout: float | None = 1.0  # per regex call, seconds; None for no limit
    fmt: str | None = None  # one of formats.FORMATS: render each output where it is cleaned
    #   (text and Markdown show no author, date or site name: an HTML page's are not searched for)
    with_title: bool = False
    links: bool = False  # Markdown and XML output: keep link targets
    tables: bool = True  # False: table rows are left out
    comments: bool = False  # keep comment sections, after the main text
    verbose: bool = False  # Done.log: the decisions made on each document
    keep_markup: bool = False  # Markdown input: keep links and emphasis in the output
    max_bytes: int = MAX_INPUT_BYTES  # one document, decompressed: larger is refused


@dataclass(frozen=True)
class Task:
    """One document to clean: a file to read, or content already in hand."""

    index: int
    label: str
    origin: int = 0  # which command-line input it came from (its -o output)
    path: str | None = None
    data: bytes | str | None = None
    kind: str | None = None  # overrides Options.kind (e.g. a JSONL 'html' field)
    url: str | None = None
    doc_id: Any = None  # a JSONL record's id or a WARC-Record-ID, carried to the output
    charset: str | None = None  # the encoding an HTTP header declared (a WARC record)
    warc_date: str | None = None  # a WARC record's WARC-Date, carried to the output
    fmt: str | None = None  # overrides Options.fmt: a WARC's records are always JSONL
    error: str | None = None  # the document failed before cleaning (e.g. no such file)
    source: str | None = None  # a source rule set for this document (overrides Options.source)
    notes: tuple[
        str, ...
    ] = ()  # what reading it found to say (a JSONL url that is no string), for Result.notes


@dataclass(frozen=True)
class Done:
    """One document's outcome: its result or its error, and its output as rendered."""

    task: Task
    result: Result | None
    error: str | None = None
    output: str | None = None  # the document rendered as Options.fmt asks
    removed: dict | None = None  # characters removed, by category
    log: tuple[str, ...] = ()  # with Options.verbose: what was decided on it


class DocumentTimeout(BaseException):
    """A document ran past its time limit. Not an Exception, like KeyboardInterrupt:
    library code that catches Exception to carry on (trafilatura does, around
    each extraction step) must not swallow it."""

    def __init__(self, seconds: float):
        super().__init__(f"took longer than the {seconds:g}s time limit")
        self.reason = str(self)


def read_file(path: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """A file's bytes, never more than `limit` (+1, to tell that there was more)."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise InputError(_too_large(size, limit))
            data = f.read(limit + 1)
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if len(data) > limit:  # a pipe or a file that grew
        raise InputError(_too_large(None, limit))
    return data


def _too_large(size: int | None, limit: int) -> str:
    mb = 1024 * 1024
    what = f"{size / mb:.1f} MB" if size is not None else f"more than {limit / mb:g} MB"
    return f"document too large ({what}, limit {limit / mb:g} MB: see --max-size)"


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise DocumentTimeout in this thread after `seconds`, and again every
    ALARM_REPEAT seconds until the block ends, so that an alarm swallowed where
    exceptions cannot propagate (a finalizer) is followed by one that is not
    (main thread only, Unix)."""
    seconds = settable(seconds)
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def clean_task(task: Task, book: RuleBook, options: Options) -> Done:
    """Clean one task; every failure becomes Done.error, never an exception."""
    if task.error is not None:
        return finished(task, None, task.error, options)
    try:
        with time_limit(options.timeout):
            raw = task.data if task.data is not None else read_file(task.path, options.max_bytes)
            if not (raw.strip() if isinstance(raw, str) else raw.strip(b" \t\r\n\x00")):
                raise InputError("empty document, nothing to clean")
            if isinstance(raw, str):
                if len(raw) > options.max_bytes:
                    raise InputError(_too_large(len(raw), options.max_bytes))
            else:
                raw = reader.load(raw, options.max_bytes, task.charset)
            result = pipeline.clean(
                raw,
                url=task.url,
                source=task.source or options.source,
                kind=task.kind or options.kind,
                rulebook=book,
                rule_timeout=options.rule_timeout,
                keep_markup=options.keep_markup,
                metadata=(task.fmt or options.fmt) not in ("text", "markdown"),
                structure=(task.fmt or options.fmt) in ("markdown", "xml"),
                tables=options.tables,
                comments=options.comments,
            )
    except (InputError, DocumentTimeout) as exc:
        return finished(task, None, getattr(exc, "reason", None) or str(exc), options)
    except RecursionError:
        return finished(task, None, "document too deeply nested to clean", options)
    except MemoryError:
        return finished(task, None, "out of memory while cleaning", options)
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop a batch
        return finished(task, None, f"internal error: {type(exc).__name__}: {exc}", options)
    if task.notes:
        result = replace(result, notes=task.notes + result.notes)
    return finished(task, result, None, options)


def finished(task: Task, result: Result | None, error: str | None, options: Options) -> Done:
    """The outcome, with its output rendered here: in a worker, that work runs
    in parallel and one string travels back instead of every removal."""
    rendered = None
    fmt = task.fmt or options.fmt  # a WARC record's is always jsonl
    if fmt == "text":  # the default: nothing more to import
        rendered = output.text_of(result, options.with_title) if result is not None else None
    elif fmt is not None:
        from .output import formats

        style = formats.Style(with_title=options.with_title, links=options.links, comments=options.comments)
        path = None if task.label == "<stdin>" else task.label
        rendered = formats.render(
            result,
            fmt,
            style,
            path=path,
            doc_id=task.doc_id,
            url=task.url,
            error=error,
            warc_date=task.warc_date,
        )
    removed = result.removed_chars_by_category() if result is not None else {}
    log: tuple[str, ...] = ()
    if options.verbose and result is not None:
        from . import explain

        log = explain.decisions(result)
    return Done(task, result, error, rendered, removed, log)


def run(tasks: Iterable[Task], book: RuleBook, options: Options, jobs: int = 1) -> Iterator[Done]:
    """Clean `tasks`, yielding Done in input order as soon as each is ready: here, one
    after another, or with `jobs` > 1 in a pool of processes (see cleaner.pool)."""
    if jobs <= 1:
        for task in tasks:
            yield clean_task(task, book, options)
        return
    from . import pool

    yield from pool.run(tasks, book, options, jobs)
