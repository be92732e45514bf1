"""Cleaning many documents: a process pool, results in input order, memory bounded.

Workers read their own files (the I/O runs in parallel too), clean, and send
back the Result without its segmented input. At most `jobs * WINDOW` documents
are in flight, so memory does not grow with the size of the batch. A document
that fails, raises, or runs past its time limit fails alone; a worker that dies
(segfault, out of memory) is replaced and the document that killed it is named.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from . import output, pipeline
from .errors import CleanerError, InputError
from .model import Result
from .rules import RuleBook

MAX_INPUT_BYTES = 256 * 1024 * 1024
WINDOW = 4  # documents in flight per worker


@dataclass(frozen=True)
class Options:
    kind: str = "auto"
    source: str | None = None
    timeout: float | None = 60.0  # per document, seconds; None for no limit
    rule_timeout: float = 1.0
    fmt: str | None = None  # "text" or "jsonl": render each output where it is cleaned
    with_title: bool = False
    keep_markup: bool = False  # Markdown input: keep links and emphasis in the output


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
    doc_id: Any = None  # a JSONL record's id, carried to the output
    error: str | None = None  # the document failed before cleaning (e.g. no such file)


@dataclass(frozen=True)
class Done:
    task: Task
    result: Result | None
    error: str | None = None
    output: str | None = None  # the document rendered as Options.fmt asks
    removed: dict | None = None  # characters removed, by category


class DocumentTimeout(CleanerError):
    pass


def read_file(path: str) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > MAX_INPUT_BYTES:
            raise InputError(f"file too large ({size // (1024 * 1024)} MB, limit "
                             f"{MAX_INPUT_BYTES // (1024 * 1024)} MB)")
        with open(path, "rb") as f:
            return f.read()
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise DocumentTimeout in this thread after `seconds` (main thread only, Unix)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise DocumentTimeout(f"took longer than the {seconds:g}s time limit")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def clean_task(task: Task, book: RuleBook, options: Options) -> Done:
    """Clean one task; every failure becomes Done.error, never an exception."""
    if task.error is not None:
        return _done(task, None, task.error, options)
    try:
        with time_limit(options.timeout):
            raw = task.data if task.data is not None else read_file(task.path)
            if not (raw.strip() if isinstance(raw, str) else raw.strip(b" \t\r\n\x00")):
                raise InputError("empty document, nothing to clean")
            result = pipeline.clean(raw, url=task.url, source=options.source,
                                    kind=task.kind or options.kind, rulebook=book,
                                    rule_timeout=options.rule_timeout,
                                    keep_markup=options.keep_markup)
    except (InputError, DocumentTimeout) as exc:
        return _done(task, None, getattr(exc, "reason", None) or str(exc), options)
    except RecursionError:
        return _done(task, None, "document too deeply nested to clean", options)
    except MemoryError:
        return _done(task, None, "out of memory while cleaning", options)
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop a batch
        return _done(task, None, f"internal error: {type(exc).__name__}: {exc}", options)
    return _done(task, result, None, options)


def _done(task: Task, result: Result | None, error: str | None, options: Options) -> Done:
    """The outcome, with its output rendered here: in a worker, that work runs
    in parallel and one string travels back instead of every removal."""
    rendered = None
    if options.fmt == "jsonl":
        path = None if task.label == "<stdin>" else task.label
        rendered = output.jsonl_line(output.record(result, path=path, doc_id=task.doc_id,
                                                   url=task.url, error=error))
    elif options.fmt == "text" and result is not None:
        rendered = output.text_of(result, options.with_title)
    removed = result.removed_chars_by_category() if result is not None else {}
    return Done(task, result, error, rendered, removed)


# -- the pool ------------------------------------------------------------------

_worker: dict = {}  # set once per worker process by _init_worker, read by _work


def _init_worker(book: RuleBook, options: Options) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and terminate() must just end us
    _worker["book"], _worker["options"] = book, options


def _work(task: Task) -> Done:
    done = clean_task(task, _worker["book"], _worker["options"])
    if done.result is not None and done.output is not None:
        # rendered already: the parent needs neither the segmented input nor the removals
        done = dataclasses.replace(done, result=dataclasses.replace(done.result, lines=(),
                                                                    removals=()))
    elif done.result is not None:  # the parent does not need the segmented input back
        done = dataclasses.replace(done, result=dataclasses.replace(done.result, lines=()))
    # no need to send the input back either
    return dataclasses.replace(done, task=dataclasses.replace(done.task, data=None))


class _Pool:
    def __init__(self, jobs: int, book: RuleBook, options: Options):
        self.args = (jobs, book, options)
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        jobs, book, options = self.args
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_init_worker, initargs=(book, options))

    def submit(self, task: Task) -> Future | None:
        """The task's future, or None when the pool broke since the last look
        (a worker died while we were away): the caller isolates it then."""
        try:
            return self.executor.submit(_work, task)
        except BrokenProcessPool:
            return None

    def restart(self) -> None:
        self.kill()
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True)

    def kill(self) -> None:
        """Stop now: terminate the workers rather than wait for their documents.

        A worker terminated while sending a result leaves half a message in the
        result pipe; the executor's manager thread would wait for the rest for
        ever (this process holds the pipe's write end too, so no end-of-file
        comes) and hang the interpreter's exit. Closing our write end after the
        workers are gone turns that wait into an end-of-file."""
        executor = self.executor
        procs = list((getattr(executor, "_processes", None) or {}).values())
        # shutdown() forgets the queue, so take hold of its write end first
        writer = getattr(getattr(executor, "_result_queue", None), "_writer", None)
        for proc in procs:
            with contextlib.suppress(Exception):
                proc.terminate()
        for proc in procs:
            with contextlib.suppress(Exception):
                proc.join(timeout=2)
        executor.shutdown(wait=False, cancel_futures=True)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()


def run(tasks: Iterable[Task], book: RuleBook, options: Options, jobs: int = 1) -> Iterator[Done]:
    """Clean `tasks`, yielding Done in input order as soon as each is ready."""
    if jobs <= 1:
        for task in tasks:
            yield clean_task(task, book, options)
        return
    pool = _Pool(jobs, book, options)
    pending: deque[tuple[Task, Future | None]] = deque()
    source = iter(tasks)
    window = jobs * WINDOW
    try:
        while True:
            while len(pending) < window:
                task = next(source, None)
                if task is None:
                    break
                pending.append((task, pool.submit(task)))
            if not pending:
                break
            task, future = pending[0]
            try:
                if future is None:
                    raise BrokenProcessPool
                done = future.result()
            except BrokenProcessPool:
                yield from _isolate(pool, pending)
                continue
            pending.popleft()
            yield done
    except BaseException:  # interrupted, or the consumer stopped early: stop now
        pool.kill()
        raise
    pool.close()


def _isolate(pool: _Pool, pending: deque) -> Iterator[Done]:
    """A worker died. Re-run the documents that were in flight one at a time in a
    fresh pool, so the one that kills its worker is named and fails alone."""
    suspects = [task for task, _ in pending]
    pending.clear()
    pool.restart()
    for task in suspects:
        try:
            future = pool.submit(task)
            if future is None:
                raise BrokenProcessPool
            yield future.result()
        except BrokenProcessPool:
            pool.restart()
            yield Done(task, None, "the worker process died while cleaning it "
                                   "(crash or out of memory)")
