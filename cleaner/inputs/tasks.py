"""The documents of a run, as tasks for the batch: produced lazily from the inputs
(a JSONL dump or a WARC file is read as it goes)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from ..batch import MAX_INPUT_BYTES, Task
from ..errors import InputError
from . import jsonl
from .items import Input, too_large
from .stdin import Stdin


class Tasks:
    """The documents to clean, produced lazily (a JSONL dump is read as it goes)."""

    def __init__(
        self,
        items: Sequence[Input],
        plan: dict,
        *,
        stdin: Stdin,
        jsonl_in: bool = False,
        fields: dict | None = None,
        url: str | None = None,
        skip_existing: bool = False,
        max_bytes: int = MAX_INPUT_BYTES,
    ):
        self.items, self.plan, self.jsonl_in = items, plan, jsonl_in
        self.stdin = stdin  # the input "-", with what sniffing read of it (sniff.mark_inputs)
        self.fields = fields or {"text": "text", "html": "html", "url": "url", "id": "id"}
        self.url, self.skip_existing = url, skip_existing
        self.max_bytes = max_bytes  # one document (stdin, a JSONL line, a WARC record), as read
        self.skipped = 0
        self.warc_skipped: dict[str, int] = {}  # WARC records passed over, by reason

    def stream(self) -> Iterator[Task]:
        n = 0
        for i, item in enumerate(self.items):
            if self.skip_existing and i in self.plan and os.path.exists(self.plan[i]):
                self.skipped += 1
                continue
            if item.skipped is not None:
                continue
            if item.error is not None:
                yield Task(n, item.label, i, error=item.error)
                n += 1
            elif self.jsonl_in:
                dump = jsonl.read_dump(
                    item, n, i, stdin=self.stdin, fields=self.fields, url=self.url, max_bytes=self.max_bytes
                )
                for task in dump:
                    yield task
                    n += 1
            elif item.warc:
                for task in self._warc(item, n, i):
                    yield task
                    n += 1
            elif item.path is None:
                yield self._stdin_task(item, n, i)
                n += 1
            else:
                yield Task(n, item.label, i, path=str(item.path), url=self.url)
                n += 1

    def _stdin_task(self, item: Input, n: int, i: int) -> Task:
        """The document on stdin, read here (a worker process could not read it) up to
        the limit and one byte more, so that a larger one fails; the rest is left unread."""
        try:
            data = self.stdin.read(self.max_bytes + 1)
        except InputError as exc:  # a closed stdin
            return Task(n, item.label, i, error=exc.reason)
        if len(data) > self.max_bytes:
            return Task(n, item.label, i, error=too_large("stdin", self.max_bytes))
        return Task(n, item.label, i, data=data, url=self.url)

    def _warc(self, item: Input, n: int, i: int) -> Iterator[Task]:
        """One task per WARC record worth cleaning, and one per damaged record or
        stretch of the file; records passed over are counted in `warc_skipped`."""
        try:
            stream = self.stdin.stream() if item.path is None else open(item.path, "rb")  # noqa: SIM115
        except OSError as exc:
            yield Task(n, item.label, i, error=exc.strerror or str(exc), fmt="jsonl")
            return
        except InputError as exc:  # a closed stdin
            yield Task(n, item.label, i, error=exc.reason, fmt="jsonl")
            return
        from . import warc  # loaded for WARC input only

        with stream:
            try:
                for record in warc.read_records(stream, self.max_bytes):
                    if record.skipped is not None:
                        self.warc_skipped[record.skipped] = self.warc_skipped.get(record.skipped, 0) + 1
                        continue
                    yield Task(
                        n,
                        f"{item.label}@{record.where}",
                        i,
                        data=record.payload,
                        kind=record.kind,
                        url=record.url or self.url,
                        doc_id=record.record_id,
                        charset=record.charset,
                        warc_date=record.date,
                        error=record.error,
                        fmt="jsonl",
                    )
                    n += 1
            except OSError as exc:  # the file itself could not be read on
                yield Task(n, item.label, i, error=f"cannot read further: {exc.strerror or exc}", fmt="jsonl")
