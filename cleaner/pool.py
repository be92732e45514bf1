"""Cleaning many documents in a process pool: results in input order, memory bounded.

Workers read their own files (the I/O runs in parallel too), clean, and send
back the Result without its segmented input. At most `jobs * WINDOW` documents
are in flight, so memory does not grow with the size of the batch. A document
that fails, raises, or runs past its time limit fails alone; a worker that dies
(segfault, out of memory) is replaced and the document that killed it is named;
a worker stuck past the time limit where its own alarm cannot reach (inside C
code) is killed and replaced. Workers die with the process that started them,
and never see the Ctrl-C meant for it. One document at a time, without a pool,
is `batch.run`.
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
from typing import TYPE_CHECKING

from .batch import Done, Options, Task, clean_task, finished
from .rules import RuleBook

if TYPE_CHECKING:  # the pool's modules load with the first pool: one document never needs them
    from concurrent.futures import Future, ProcessPoolExecutor

WINDOW = 4  # documents in flight per worker
KILL_GRACE = 5.0  # seconds past the time limit before the pool kills a stuck worker
_PR_SET_PDEATHSIG = 1  # prctl(2) option on Linux
_BLOCKED = {signal.SIGINT, signal.SIGTERM}  # kept from workers while they are forked

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


def run(tasks: Iterable[Task], book: RuleBook, options: Options, jobs: int) -> Iterator[Done]:
    """Clean `tasks` in `jobs` worker processes, yielding Done in input order as soon
    as each is ready."""
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
                yield finished(
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
            yield finished(
                task, None, "the worker process died while cleaning it (crash or out of memory)", options
            )
        except TimeoutError:
            pool.restart()
            yield finished(
                task,
                None,
                f"took longer than the {options.timeout:g}s time limit (its worker was stopped)",
                options,
            )
