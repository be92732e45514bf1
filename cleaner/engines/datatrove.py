"""cleaner in a datatrove pipeline: `CleanerStep` cleans each Document as
`cleaner clean` would, and `CleanerWarcReader` reads WARC and WET files as the
command does (HTTP charset honoured, pages without a payload-type header kept,
damage reported with its offset).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.engines.datatrove import CleanerStep, CleanerWarcReader

    if __name__ == "__main__":
        LocalPipelineExecutor([CleanerWarcReader("crawl/"), CleanerStep(),
                               JsonlWriter("clean/")], tasks=8, workers=4).run()

Both steps hold only their settings (paths, numbers, strings), so they pickle
for the Local, Slurm and Ray executors; the rule files are loaded by each task
where it runs. Needs `pip install 'cleaner[datatrove]'`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Sequence
from pathlib import Path

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.utils.logging import logger

from .. import batch, reader, rules
from ..errors import CleanerError, InputError
from ..inputs import warc
from ..notes import NoteKind, kind_of

KIND_KEY = "input_kind"  # metadata: "html", "text" or "auto", as the reader found the record
MB = 1024 * 1024


class MissingMainGuard(CleanerError):
    """A pipeline step was built by a script's top-level code outside
    `if __name__ == "__main__":`, or while a worker process re-imported it."""


_GUARD_ADVICE = (
    'build and run the pipeline under `if __name__ == "__main__":` '
    "(datatrove starts its workers with forkserver, and each new worker imports "
    "the main script again: unguarded, each would start the pipeline anew, "
    "for ever)"
)


def check_main_guard(what: str) -> None:
    """Raise MissingMainGuard when the step is being built where a worker process
    would build it again: by the top-level code of the script being run, outside
    `if __name__ == "__main__":`. In the script's own process, that is read from
    the script's syntax tree (the error comes before any process is started);
    in a worker that re-imports it, from the module name `__mp_main__` that
    multiprocessing (and multiprocess) give the script there.

    Code run from a notebook, `python -c` or a function is never refused."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back  # our own constructors
    if frame is None or frame.f_code.co_name != "<module>":
        return
    name = frame.f_globals.get("__name__")
    if name == "__mp_main__":
        raise MissingMainGuard(
            f"{what} was created while a worker process imported your script: {_GUARD_ADVICE}"
        )
    path = frame.f_globals.get("__file__")
    if name != "__main__" or not path:
        return
    try:
        tree = ast.parse(Path(path).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return
    line = frame.f_lineno
    if not any(
        isinstance(node, ast.If)
        and _tests_main(node.test)
        and node.lineno <= line <= (node.end_lineno or node.lineno)
        for node in tree.body
    ):
        raise MissingMainGuard(
            f"{what} was created by the top-level code of {path} (line "
            f'{line}), outside `if __name__ == "__main__":`: {_GUARD_ADVICE}'
        )


def _tests_main(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (either way round)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    values = [s.value for s in sides if isinstance(s, ast.Constant)]
    return names == ["__name__"] and values == ["__main__"]


class CleanerStep(PipelineStep):
    """Clean each Document's text (HTML or plain text) with cleaner's pipeline.

    The per-source rules are chosen by the document's URL (`doc.metadata[url_key]`,
    else its text), as `cleaner clean --url` does. The cleaned body replaces
    `doc.text`; `title`, `author`, `sitename`, the page's `date` (as `page_date`:
    `date` is the crawl date WarcReader sets), the rule set (`source`) and any
    notes go into `doc.metadata`. A document that fails or comes out empty is
    dropped and counted in the step's stats (`failed`, `dropped_empty`); one cut
    by a size or element limit is kept and counted (`cut_by_limit`).
    """

    name = "🧹 cleaner"
    type = "🛢 - EXTRAC"

    def __init__(
        self,
        *,
        source: str | None = None,
        rule_dirs: Sequence[str | Path] = (),
        kind: str = "auto",
        url_key: str = "url",
        timeout: float | None = 60.0,
        rule_timeout: float = 1.0,
        keep_markup: bool = False,
        max_size_mb: float = batch.MAX_INPUT_BYTES / MB,
    ):
        super().__init__()
        check_main_guard("CleanerStep")
        self.rule_dirs = tuple(str(d) for d in rule_dirs)
        self.url_key = url_key
        self.options = batch.Options(
            kind=kind,
            source=source,
            timeout=timeout or None,
            rule_timeout=rule_timeout,
            fmt=None,
            keep_markup=keep_markup,
            max_bytes=int(max_size_mb * MB),
        )

    def rulebook(self) -> rules.RuleBook:
        """The rules, loaded where the step runs ($CLEANER_RULES and `rule_dirs`)."""
        book = rules.load_rulebook(rules.user_rule_dirs([Path(d) for d in self.rule_dirs]))
        source = self.options.source
        if source is not None and source not in {rs.name for rs in book.sources}:
            raise CleanerError(f"no rule set for source {source!r} (see: cleaner rules list)")
        return book

    def _url(self, doc) -> str | None:
        """The document's URL; metadata that is no string is not one (said, as the
        command line says it of a JSONL record's url)."""
        url = doc.metadata.get(self.url_key)
        if url is None or isinstance(url, str):
            return url
        logger.warning(f"cleaner: {doc.id}: the {self.url_key!r} metadata is not a string: not read as a URL")
        return None

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        book = self.rulebook()
        for doc in data:
            self.stat_update("documents_in")
            with self.track_time():
                task = batch.Task(
                    0, str(doc.id), data=doc.text, kind=doc.metadata.get(KIND_KEY), url=self._url(doc)
                )
                done = batch.clean_task(task, book, self.options)
            if done.error is not None:
                self.stat_update("failed")
                logger.warning(f"cleaner: {doc.id}: {done.error}")
                continue
            result = done.result
            if not result.text:
                self.stat_update("dropped_empty")
                continue
            if any(kind_of(note) is NoteKind.LIMIT for note in result.notes):
                self.stat_update("cut_by_limit")
            doc.text = result.text
            meta = doc.metadata
            if result.url and not meta.get(self.url_key):
                meta[self.url_key] = result.url
            for key, value in (
                ("title", result.title),
                ("author", result.author),
                ("sitename", result.sitename),
                ("page_date", result.date),
                ("source", result.source),
            ):
                if value is not None:
                    meta[key] = value
            if result.notes:
                meta["cleaner_notes"] = list(result.notes)
            self.stat_update("cleaned")
            self.update_doc_stats(doc)
            yield doc


class CleanerWarcReader(BaseDiskReader):
    """Read WARC and WET files (plain, .warc.gz per record or gzipped whole) with
    cleaner's WARC reader: one Document per HTML response and per WET conversion
    record, its text decoded as `cleaner clean` decodes it (the HTTP charset
    first), `id` the WARC-Record-ID, metadata `url`, `date` (WARC-Date),
    `warc_offset` and `input_kind` (which CleanerStep reads). Other records are
    counted in the stats by reason (`skipped: request record`...), damaged ones
    as `damaged` and those over `max_size_mb` as `too_large`, each with a
    warning naming the file and offset.

    datatrove's own WarcReader needs a payload-type header or libmagic to keep a
    page, and decodes with a guess that ignores the HTTP charset.
    """

    name = "🕷 cleaner WARC"
    _requires_dependencies = []

    def __init__(
        self,
        data_folder,
        paths_file=None,
        limit: int = -1,
        skip: int = 0,
        file_progress: bool = False,
        doc_progress: bool = False,
        adapter=None,
        default_metadata: dict | None = None,
        recursive: bool = True,
        glob_pattern: str | None = None,
        shuffle_files: bool = False,
        max_size_mb: float = batch.MAX_INPUT_BYTES / MB,
    ):
        check_main_guard("CleanerWarcReader")
        super().__init__(
            data_folder,
            paths_file,
            limit,
            skip,
            file_progress,
            doc_progress,
            adapter,
            "text",
            "id",
            default_metadata,
            recursive,
            glob_pattern,
            shuffle_files,
        )
        self.max_bytes = int(max_size_mb * MB)

    def read_file(self, filepath: str) -> DocumentsPipeline:
        with self.data_folder.open(filepath, "rb", compression=None) as f:
            for item in warc.read_records(f, self.max_bytes):
                where = f"{filepath}@{item.where}"
                if item.skipped is not None:
                    self.stat_update(f"skipped: {item.skipped}")
                    continue
                if item.error is not None:  # over the size limit, or damage
                    too_large = item.error.startswith("record too large")
                    self.stat_update("too_large" if too_large else "damaged")
                    logger.warning(f"cleaner: {where}: {item.error}")
                    continue
                with self.track_time():
                    try:
                        text = reader.load(item.payload, self.max_bytes, item.charset)
                    except InputError as exc:
                        self.stat_update("failed")
                        logger.warning(f"cleaner: {where}: {exc}")
                        continue
                    data = {
                        "text": text,
                        "id": item.record_id or where,
                        "url": item.url,
                        "date": item.date,
                        "warc_offset": item.where,
                        KIND_KEY: item.kind,
                    }
                    document = self.get_document_from_dict(data, filepath, item.where)
                if document:
                    yield document
