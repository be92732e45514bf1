"""Learning over a batch of documents: read each, find its host, feed the learner.

The reading side of `cleaner rules learn` and `cleaner clean --learn`: tasks
(inputs.Tasks) in, learned sites out. One pass; the learner keeps hashes and
counts, not pages (learn.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from . import learn, reader
from .batch import MAX_INPUT_BYTES, Task, read_file
from .errors import InputError


@dataclass(frozen=True)
class Skipped:
    """A document the learner could not use, and why."""

    label: str
    reason: str


@dataclass(frozen=True)
class LearnRun:
    sites: tuple[learn.LearnedSite, ...]
    pages: int  # documents learned from
    skipped: tuple[Skipped, ...]


def host_for(task: Task) -> str | None:
    """The host a document belongs to: its URL's, else its folder's name when that is a host name."""
    host = learn.host_of(task.url)
    if host is None and task.path is not None:
        host = learn.as_host(Path(task.path).parent.name)
    return host


def page_texts(task: Task, kind: str = "auto", max_bytes: int = MAX_INPUT_BYTES) -> list[str]:
    """The lines of one document (a task without an error) as learning reads them.
    Raises InputError."""
    raw = task.data if task.data is not None else read_file(task.path, max_bytes)
    text = raw if isinstance(raw, str) else reader.load(raw, max_bytes)
    kind = task.kind or kind
    if kind == "auto":
        kind = reader.sniff_kind(text)
    return learn.page_texts(text, kind)


def learn_tasks(
    tasks: Iterable[Task],
    kind: str = "auto",
    settings: learn.Settings | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    skip_host: Callable[[str], bool] | None = None,
) -> LearnRun:
    """Learn every host's rules from the documents of `tasks`; the pages of a host
    for which `skip_host(host)` is true are passed over."""
    learner = learn.Learner(settings)
    skipped: list[Skipped] = []
    pages = 0
    for task in tasks:
        if task.error is not None:  # (a damaged WARC record, a line that is not JSON...)
            skipped.append(Skipped(task.label, task.error))
            continue
        host = host_for(task)
        if host is None:
            skipped.append(
                Skipped(
                    task.label,
                    "no URL to tell its host (use --url, a JSONL url field or a folder named after the host)",
                )
            )
            continue
        if skip_host is not None and skip_host(host):
            continue
        try:
            texts = page_texts(task, kind, max_bytes)
        except InputError as exc:
            skipped.append(Skipped(task.label, exc.reason))
            continue
        learner.add(host, texts)
        pages += 1
    return LearnRun(tuple(learner.sites()), pages, tuple(skipped))


def with_folder_sources(stream: Callable[[], Iterable[Task]], book) -> Callable[[], Iterable[Task]]:
    """`stream` with each document that has no URL, in a folder named after a host
    whose source `book` holds, cleaned with that source (as it was learned)."""

    def tasks():
        for task in stream():
            if task.url is None and task.path is not None:
                host = learn.as_host(Path(task.path).parent.name)
                chosen = book.ruleset(host) if host is not None else None
                if chosen is not None and chosen.kind == "source":
                    task = replace(task, source=host)
            yield task

    return tasks
