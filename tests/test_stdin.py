"""Stdin: what is read of it to tell a WARC file or a JSONL dump from a page reaches
its reader, however slowly a pipe gives it (`curl ... | cleaner clean`); a closed
stdin is one line naming it."""

import gzip
import io
import json
import shlex
import subprocess
import time

import pytest

from cleaner.errors import InputError
from cleaner.inputs import Stdin

import warcs
from conftest import ARTICLE, CLEANER, HTML_PAGE, has_cleaner_script

SLOW = 1.0  # seconds a slow pipe waits after its first bytes: longer than cleaner takes to look at them
PAGE = HTML_PAGE.encode("utf-8")


class Trickle:
    """A pipe that gives at most `step` bytes a read, as a slow one does."""

    def __init__(self, data: bytes, step: int):
        self.data, self.step, self.at = data, step, 0

    def read(self, n: int = -1) -> bytes:
        size = self.step if n < 0 else min(n, self.step)
        chunk = self.data[self.at : self.at + size]
        self.at += len(chunk)
        return chunk


DATA = bytes(range(256)) * 8 + b"last line\n"


def test_head_waits_for_as_many_bytes_as_asked():
    stdin = Stdin(Trickle(DATA, 3))
    assert stdin.head(512) == DATA[:512]
    assert stdin.head(10) == DATA[:10]  # looking again reads nothing more
    assert Stdin(Trickle(b"short", 3)).head(512) == b"short"  # stdin ended first


def test_a_read_after_head_gets_every_byte_once():
    stdin = Stdin(Trickle(DATA, 7))
    stdin.head(100)
    assert stdin.read(40) + stdin.read(10**6) == DATA
    assert stdin.read(10) == b""


@pytest.mark.parametrize("step", [1, 5, 4096])
def test_the_stream_after_head_gives_the_kept_bytes_then_the_rest(step):
    stdin = Stdin(Trickle(DATA, step))
    stdin.head(600)
    stream = stdin.stream()
    assert stream.peek(2)[:2] == DATA[:2]
    assert stream.read(300) + b"".join(iter(stream.readline, b"")) == DATA
    assert stdin.stream().read() == b""  # nothing is given twice


class Terminal(Trickle):
    """A terminal: after the end of input (^D), a read would wait for the next."""

    def read(self, n: int = -1) -> bytes:
        assert self.at <= len(self.data), "read past the end of input"
        chunk = super().read(n)
        self.at += not chunk
        return chunk


def test_the_end_of_stdin_is_not_read_twice():
    stdin = Stdin(Terminal(b"typed\n", 4096))
    assert stdin.head(512) == b"typed\n"
    assert stdin.read(10**6) == b"typed\n"
    stdin = Stdin(Terminal(b"typed\n", 4096))
    stdin.head(512)
    assert stdin.stream().read() == b"typed\n"


def test_closing_the_stream_leaves_stdin_open():
    source = io.BytesIO(DATA)
    stdin = Stdin(source)
    stdin.head(10)
    with stdin.stream() as stream:
        stream.read(5)
    assert not source.closed


def test_a_closed_stdin_is_an_input_error_naming_it():
    stdin = Stdin(None)
    for read in (lambda: stdin.head(512), lambda: stdin.read(10), stdin.stream):
        with pytest.raises(InputError) as caught:
            read()
        assert str(caught.value) == "<stdin>: stdin is closed"


def slow_pipe(args: list[str], data: bytes, first: int) -> subprocess.CompletedProcess:
    """Run cleaner with `data` on stdin: its `first` bytes, a pause, then the rest."""
    proc = subprocess.Popen(
        [CLEANER, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        proc.stdin.write(data[:first])
        proc.stdin.flush()
        time.sleep(SLOW)
        stdout, stderr = proc.communicate(data[first:], timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def crawl() -> list[bytes]:
    return [
        warcs.warcinfo(),
        warcs.response("https://news.example.org/a", PAGE, record_id="<urn:uuid:a>"),
        warcs.response("https://news.example.org/b", PAGE, record_id="<urn:uuid:b>"),
    ]


def jsonl_dump() -> bytes:
    """Three records; the first line is longer than the first bytes looked at (512)."""
    lines = [
        json.dumps({"url": f"https://news.example.org/{k}", "id": k, "note": "x" * 600, "text": ARTICLE})
        for k in range(3)
    ]
    return ("\n".join(lines) + "\n").encode()


needs_script = pytest.mark.skipif(not has_cleaner_script(), reason="needs the installed cleaner script")


@needs_script
@pytest.mark.parametrize("packing", ["plain", "per-record gzip", "whole-file gzip"])
def test_a_warc_file_on_a_slow_pipe_is_read_record_by_record(packing):
    data = b"".join(crawl())
    if packing == "per-record gzip":
        data = warcs.per_record_gzip(crawl())
    elif packing == "whole-file gzip":
        data = gzip.compress(data)
    p = slow_pipe(["clean", "-q"], data, first=5)
    assert p.returncode == 0, p.stderr
    records = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == ["<urn:uuid:a>", "<urn:uuid:b>"]
    assert all("extend the river walk" in r["text"] for r in records)


@needs_script
@pytest.mark.parametrize("gz", [False, True])
def test_a_jsonl_dump_on_a_slow_pipe_is_read_record_by_record(gz):
    data = gzip.compress(jsonl_dump()) if gz else jsonl_dump()
    p = slow_pipe(["clean", "-q"], data, first=5 if gz else 20)
    assert p.returncode == 0, p.stderr
    records = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert [(r["id"], r["text"]) for r in records] == [(k, ARTICLE.rstrip()) for k in range(3)]


@needs_script
def test_a_page_on_a_slow_pipe_comes_whole():
    # the bytes read to tell what it is are the document's first
    p = slow_pipe(["clean"], ARTICLE.encode(), first=100)
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode() == ARTICLE


def closed_stdin(args: str) -> subprocess.CompletedProcess:
    """Run cleaner with stdin closed (`<&-`; not /dev/null, which is open and empty)."""
    return subprocess.run(f"{shlex.quote(CLEANER)} {args} <&-", shell=True, capture_output=True, timeout=60)


CLOSED = "cleaner: <stdin>: stdin is closed\n"


@needs_script
@pytest.mark.parametrize(
    "args",
    [
        "clean -",
        "clean -q --input-format warc -",
        "clean -q --input-format jsonl -",
        "explain -",
    ],
)
def test_a_closed_stdin_is_one_line_naming_it(args):
    p = closed_stdin(args)
    assert (p.returncode, p.stderr.decode()) == (1, CLOSED)


@needs_script
def test_a_closed_stdin_fails_alone_and_the_other_inputs_are_cleaned(article):
    p = closed_stdin(f"clean -q - {shlex.quote(str(article))}")
    assert (p.returncode, p.stderr.decode()) == (1, CLOSED)
    assert ARTICLE in p.stdout.decode()


@needs_script
def test_a_closed_stdin_as_the_file_list_is_a_usage_error():
    p = closed_stdin("clean --files-from -")
    assert p.returncode == 2
    assert p.stderr.decode() == (
        "Usage: cleaner clean [OPTIONS] [INPUT]...\n"
        "Try 'cleaner clean --help' for help.\n"
        "\n"
        "Error: cannot read the file list -: stdin is closed\n"
    )
