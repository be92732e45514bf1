"""cleaner for Spark's `mapPartitions` (or any map over WARC paths): a partition of
WARC/WET file paths in, one JSONL record (a dict, the fields of `cleaner clean
--format jsonl`) per document or damaged record out. Imports no Spark: the
function runs in each executor's Python worker.

    records = sc.parallelize(paths, len(paths)).mapPartitions(clean_warc_paths)

See docs/spark.md for the whole recipe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .. import batch, rules
from ..inputs import warc
from ..output import records

MB = 1024 * 1024


def clean_warc_paths(
    paths: Iterable[str],
    *,
    source: str | None = None,
    rule_dirs: Sequence[str] = (),
    timeout: float | None = 60.0,
    max_size_mb: float = batch.MAX_INPUT_BYTES / MB,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[dict]:
    """Clean every HTML response and WET conversion record of each WARC file in
    `paths` (local paths, or any path `open` reads: a mounted bucket). A record
    that fails or a stretch of a file that cannot be read is a record with
    `error` set and `text` null, as `cleaner clean` writes it; records passed over
    (requests, metadata, non-HTML payloads...) are reported to `on_skip(path,
    reason)`, e.g. to add to a Spark accumulator. The rules are loaded once per
    call, in the worker that runs it."""
    book = rules.load_rulebook(rules.user_rule_dirs([Path(d) for d in rule_dirs]))
    max_bytes = int(max_size_mb * MB)
    options = batch.Options(source=source, timeout=timeout or None, max_bytes=max_bytes)
    for path in paths:
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by the `with` below
        except OSError as exc:
            yield records.record(None, path=path, error=exc.strerror or str(exc))
            continue
        with stream:
            for item in warc.read_records(stream, max_bytes):
                if item.skipped is not None:
                    if on_skip is not None:
                        on_skip(path, item.skipped)
                    continue
                task = batch.Task(
                    0,
                    f"{path}@{item.where}",
                    data=item.payload,
                    kind=item.kind,
                    url=item.url,
                    doc_id=item.record_id,
                    charset=item.charset,
                    warc_date=item.date,
                    error=item.error,
                )
                done = batch.clean_task(task, book, options)
                yield records.record(
                    done.result,
                    path=task.label,
                    doc_id=task.doc_id,
                    url=task.url,
                    error=done.error,
                    warc_date=task.warc_date,
                )
