"""Cleaning many documents: a process pool, results in input order, memory bounded.

Workers read their own files (the I/O runs in parallel too), clean, and send
back the Result without its segmented input. At most `jobs * WINDOW` documents
are in flight, so memory does not grow with the size of the batch. A document
that fails, raises, or runs past its time limit fails alone; a worker that dies
(segfault, out of memory) is replaced and the document that killed it is named;
a worker stuck past the time limit where its own alarm cannot reach (inside C
code) is killed and replaced. Workers die with the process that started them,
and never see the Ctrl-C meant for it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import output, pipeline, reader
from .errors import InputError
from .model import Result
from .rules import RuleBook

if TYPE_CHECKING:  # the pool's modules load with the first pool: one document never needs them
    from concurrent.futures import Future, ProcessPoolExecutor

MAX_INPUT_BYTES = reader.MAX_DOCUMENT_BYTES  # the default per-document limit
WINDOW = 4  # documents in flight per worker
ALARM_REPEAT = 0.25  # seconds between alarms once a document is past its time: one
# alarm can be lost (raised inside a finalizer, "Exception ignored in ..."), the next is not
KILL_GRACE = 5.0  # seconds past the time limit before the pool kills a stuck worker
_PR_SET_PDEATHSIG = 1  # prctl(2) option on Linux
_BLOCKED = {signal.SIGINT, signal.SIGTERM}  # kept from workers while they are forked


@dataclass(frozen=True)
class Options:
    kind: str = "auto"
    source: str | None = None
    timeout: float | None = 60.0  # per document, seconds; None for no limit
    rule_timeout: float = 1.0
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


@dataclass(frozen=True)
class Done:
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
        return _done(task, None, task.error, options)
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


# -- the pool ------------------------------------------------------------------

_worker: dict = {}  # set once per worker process by _init_worker, read by _work


def _init_worker(book: RuleBook, options: Options, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and terminate() must just end us
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _BLOCKED)  # blocked while we were forked
    _die_with(parent)
    _worker["book"], _worker["options"] = book, options


def _die_with(parent: int) -> None:
    """End this worker when `parent` ends, even by kill -9: the kernel's parent-death
    signal on Linux, else a thread that watches the parent id."""
    armed = False
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if os.getppid() != parent:  # it died before the signal was armed
        os._exit(1)
    if not armed:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="parent-watch").start()


@contextlib.contextmanager
def _signals_blocked():
    """SIGINT and SIGTERM held back in this thread: a worker forked meanwhile starts
    with them blocked, so a Ctrl-C as it starts cannot land in its start-up code
    (where the pool would log it and carry on); the parent gets it on the way out."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _BLOCKED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _work(task: Task) -> Done:
    done = clean_task(task, _worker["book"], _worker["options"])
    if done.result is not None and done.output is not None:
        # rendered already: the parent needs neither the segmented input nor the removals
        done = dataclasses.replace(
            done, result=dataclasses.replace(done.result, lines=(), removals=(), blocks=())
        )
    elif done.result is not None:  # the parent does not need the segmented input back
        done = dataclasses.replace(done, result=dataclasses.replace(done.result, lines=()))
    # no need to send the input back either
    return dataclasses.replace(done, task=dataclasses.replace(done.task, data=None))


class _Pool:
    def __init__(self, jobs: int, book: RuleBook, options: Options):
        self.args = (jobs, book, options)
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        jobs, book, options = self.args
        return ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(book, options, os.getpid()),
        )

    def submit(self, task: Task) -> Future | None:
        """The task's future, or None when the pool broke since the last look
        (a worker died while we were away): the caller isolates it then."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            with _signals_blocked():  # the executor forks its workers in submit()
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
                proc.kill()  # SIGKILL: a worker stuck in C code ignores nothing else faster
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
    from concurrent.futures.process import BrokenProcessPool

    pool = _Pool(jobs, book, options)
    pending: deque[tuple[Task, Future | None]] = deque()
    source = iter(tasks)
    window = jobs * WINDOW
    # The oldest document in flight is running: every one before it is done, and
    # the queue is first in, first out. Once it has waited this long, its own
    # alarm has failed (C code that never returns to Python): kill its worker.
    stuck_after = options.timeout + KILL_GRACE if options.timeout else None
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
                done = future.result(timeout=stuck_after)
            except BrokenProcessPool:
                yield from _isolate(pool, pending)
                continue
            except TimeoutError:
                pending.popleft()
                yield _done(
                    task,
                    None,
                    f"took longer than the {options.timeout:g}s time limit (its worker was stopped)",
                    options,
                )
                _resubmit(pool, pending)
                continue
            pending.popleft()
            yield done
    except BaseException:  # interrupted, or the consumer stopped early: stop now
        pool.kill()
        raise
    pool.close()


def _resubmit(pool: _Pool, pending: deque) -> None:
    """After a stuck worker: a fresh pool, and the documents in flight sent again."""
    tasks = [task for task, _ in pending]
    pending.clear()
    pool.restart()
    pending.extend((task, pool.submit(task)) for task in tasks)


def _isolate(pool: _Pool, pending: deque) -> Iterator[Done]:
    """A worker died. Re-run the documents that were in flight one at a time in a
    fresh pool, so the one that kills its worker is named and fails alone."""
    from concurrent.futures.process import BrokenProcessPool

    suspects = [task for task, _ in pending]
    pending.clear()
    pool.restart()
    options = pool.args[2]
    stuck_after = options.timeout + KILL_GRACE if options.timeout else None
    for task in suspects:
        try:
            future = pool.submit(task)
            if future is None:
                raise BrokenProcessPool
            yield future.result(timeout=stuck_after)
        except BrokenProcessPool:
            pool.restart()
            yield _done(
                task, None, "the worker process died while cleaning it (crash or out of memory)", options
            )
        except TimeoutError:
            pool.restart()
            yield _done(
                task,
                None,
                f"took longer than the {options.timeout:g}s time limit (its worker was stopped)",
                options,
            )
