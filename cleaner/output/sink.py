"""The sink of a batch: each cleaned document's output written to stdout or to its
file under -o DIR, its messages said, and the counts the summary line reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import batch
from ..model import Result
from ..notes import NoteKind, kind_of
from .text import NO_CONTENT
from .writing import Files, Stream, display_name


@dataclass(frozen=True)
class Said:
    """What the command line says of a cleaned document, and whether it came out
    empty or cut by a limit (exit status 3)."""

    messages: tuple[str, ...]
    incomplete: bool


def to_say(result: Result) -> Said:
    """A rule of the user's that was skipped (a warning), a limit that cut the
    document, and that no main content was found; plain remarks are not said."""
    messages, incomplete = [], False
    for note in result.notes:
        kind = kind_of(note)
        if kind is NoteKind.WARNING:  # a rule of the user's that needs fixing
            messages.append(f"warning: {note}")
        elif kind is NoteKind.LIMIT:  # part of the document was not read
            messages.append(note)
            incomplete = True
    if not result.text:
        messages.append(NO_CONTENT)
        incomplete = True
    return Said(tuple(messages), incomplete)


class Sink:
    """Where results go: stdout (text or JSONL) or files under -o DIR. Every write
    goes through Stream or Files and fails as WriteError.
    `say` prints one message about a document (on stderr, for the command line)."""

    def __init__(
        self, *, fmt, plan, many, jsonl_in, say: Callable[[str], None], stdout: Stream, comments=False
    ):
        self.fmt, self.plan, self.comments = fmt, plan, comments
        self.framing = None  # what frames several documents in one stream (JSON, CSV, XML)
        if fmt in ("json", "csv", "xml") and not jsonl_in:
            from . import formats

            self.framing = formats.framing(fmt, many, comments)
            self.standalone = formats.framing(fmt, False, comments)
        self.many, self.jsonl_in = many, jsonl_in
        self.stdout, self.say = stdout, say
        self.files = Files()
        self.failures = 0
        self.incomplete = 0  # cleaned, but empty or cut by a limit
        self.done = 0
        self.removed: dict[str, int] = {}
        self.first = True
        self.open_jsonl: tuple[int, Path, list[str]] | None = None  # -o with JSONL input

    def take(self, done: batch.Done) -> None:
        self.done += 1
        name = display_name(done.task.label)
        for line in done.log:  # --verbose
            self.say(f"{name}: {line}")
        if done.error is not None:
            self.failures += 1
            self.say(f"{name}: {done.error}")
        else:
            said = to_say(done.result)
            for message in said.messages:
                self.say(f"{name}: {message}")
            self.incomplete += said.incomplete
            for cat, chars in done.removed.items():
                self.removed[cat] = self.removed.get(cat, 0) + chars
        if self.plan:
            self._to_file(done)
        else:
            self._to_stdout(done)

    def _to_stdout(self, done) -> None:
        data = done.output
        if data is None:
            return
        if self.framing is not None:
            data = self.framing.frame(data, self.first)
        elif (
            self.many and self.fmt in ("text", "markdown") and not self.jsonl_in and done.task.fmt is None
        ):  # a WARC record is a JSONL line, never headed
            header = f"==> {display_name(done.task.label)} <==\n"
            data = ("" if self.first else "\n") + header + data
        self.first = False
        self.stdout.write(data)

    def _to_file(self, done) -> None:
        i = done.task.origin
        if i not in self.plan:  # the input itself failed (no such file...)
            return
        if self.jsonl_in or done.task.fmt == "jsonl":
            # all records of one dump or WARC go to one file, written at its end
            if self.open_jsonl and self.open_jsonl[0] != i:
                self._flush_jsonl()
            if self.open_jsonl is None:
                self.open_jsonl = (i, Path(self.plan[i]), [])
            self.open_jsonl[2].append(done.output)
            return
        if done.result is None:
            return
        data = done.output
        if self.framing is not None:  # each file holds one document, framed as one
            data = self.standalone.frame(data, True) + self.standalone.tail
        self.files.write(Path(self.plan[i]), data)

    def _flush_jsonl(self) -> None:
        if self.open_jsonl is None:
            return
        _, target, lines = self.open_jsonl
        self.open_jsonl = None
        self.files.write(target, "".join(lines))

    def finish(self) -> None:
        self._flush_jsonl()
        if not self.plan and self.framing is not None:
            self.stdout.write((self.framing.head if self.first else "") + self.framing.tail)

    def abort(self) -> None:
        """The run stops: an unfinished JSONL output is not written at all, and no
        temporary file is left behind."""
        self.open_jsonl = None
        self.files.discard()

    def summary(self, seconds: float, skipped: int, warc_skipped: dict | None = None) -> str:
        rate = self.done / seconds if seconds > 0 else 0.0
        parts = [f"{self.done} document{'s' * (self.done != 1)}", f"{self.failures} failed"]
        if self.incomplete:
            parts.append(f"{self.incomplete} empty or cut by a limit")
        if skipped:
            parts.append(f"{skipped} skipped (output exists)")
        if warc_skipped:
            total = sum(warc_skipped.values())
            reasons = sorted(warc_skipped.items(), key=lambda kv: (-kv[1], kv[0]))
            parts.append(
                f"{total} WARC record{'s' * (total != 1)} skipped ("
                + ", ".join(f"{n} {plural(why, n)}" for why, n in reasons)
                + ")"
            )
        line = ", ".join(parts) + f" in {seconds:.1f}s ({rate:.1f} docs/s)"
        if self.removed:
            cats = sorted(self.removed.items(), key=lambda kv: -kv[1])
            line += "; removed: " + ", ".join(f"{c} {n:,} chars" for c, n in cats)
        return line


def plural(reason: str, n: int) -> str:
    """A skip reason counted: "2 warcinfo records", "3 non-HTML payloads", "2 HTTP status 4xx"."""
    return reason + "s" if n != 1 and reason.endswith(("record", "payload")) else reason
