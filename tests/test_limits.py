"""Issue 13, bounded memory: every way a document comes in (a file, a gzip member,
stdin, a JSONL line) has one per-document limit, --max-size, and a document over
it fails with a message naming it, while the rest of the batch goes on."""

import gzip
import json
import os
import subprocess

import pytest

from conftest import ARTICLE, CLEANER

pytestmark = pytest.mark.skipif(not os.path.exists(CLEANER), reason="cleaner not installed")
MB = 1024 * 1024
SENTENCE = "The committee met again on Thursday to discuss the plans. "


def run(*args, input=None):
    return subprocess.run([CLEANER, *map(str, args)], input=input, capture_output=True, timeout=60)


def test_a_file_over_the_limit_is_refused_by_name(tmp_path):
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text(SENTENCE * (2 * MB // len(SENTENCE)))
    small.write_text(ARTICLE)
    p = run("clean", "-q", "--max-size", "1", big, small)
    assert p.returncode == 1
    assert p.stderr.decode() == (f"cleaner: {big}: document too large (2.0 MB, limit 1 MB: see --max-size)\n")
    assert p.stdout.decode() == f"==> {small} <==\n{ARTICLE}"


def test_a_gzip_member_over_the_limit_is_refused(tmp_path):
    page = tmp_path / "page.txt.gz"
    page.write_bytes(gzip.compress((SENTENCE * (2 * MB // len(SENTENCE))).encode()))
    p = run("clean", "-q", "--max-size", "1", page)
    assert p.returncode == 1
    assert p.stderr.decode() == (
        f"cleaner: {page}: gzip data expands beyond the 1 MB limit on one document\n"
    )


def test_stdin_over_the_limit_is_refused_unread(tmp_path):
    p = run("clean", "--max-size", "1", "-", input=(SENTENCE * (2 * MB // len(SENTENCE))).encode())
    assert p.returncode == 1
    assert p.stderr.decode() == (
        "cleaner: <stdin>: stdin longer than the 1 MB limit on one document (see --max-size); not read\n"
    )


def test_a_jsonl_line_over_the_limit_fails_alone(tmp_path):
    dump = tmp_path / "dump.jsonl"
    with open(dump, "w") as f:
        f.write(json.dumps({"id": 1, "text": ARTICLE}) + "\n")
        f.write(json.dumps({"id": 2, "text": SENTENCE * (2 * MB // len(SENTENCE))}) + "\n")
        f.write(json.dumps({"id": 3, "text": ARTICLE}) + "\n")
    p = run("clean", "-q", "--max-size", "1", "--input-format", "jsonl", dump)
    assert p.returncode == 1
    recs = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r.get("id") for r in recs] == [1, None, 3]
    assert recs[0]["text"] == recs[2]["text"] == ARTICLE.strip()
    message = "line longer than the 1 MB limit on one document (see --max-size); not read"
    assert recs[1]["error"] == message
    assert p.stderr.decode() == f"cleaner: {dump}:2: {message}\n"


def test_a_gzip_bomb_as_a_jsonl_dump_is_a_message_not_memory_error(tmp_path):
    dump = tmp_path / "bomb.jsonl.gz"
    with gzip.open(dump, "wb", compresslevel=1) as f:
        f.write(json.dumps({"id": 1, "text": ARTICLE}).encode() + b"\n")
        f.write(b'{"id": 2, "text": "')
        zeros = b"0" * MB
        for _ in range(64):
            f.write(zeros)
        f.write(b'"}\n')
        f.write(json.dumps({"id": 3, "text": ARTICLE}).encode() + b"\n")
    p = run("clean", "-q", "--max-size", "1", "--input-format", "jsonl", dump)
    assert p.returncode == 1
    assert b"Traceback" not in p.stderr and b"MemoryError" not in p.stderr
    assert p.stderr.decode() == (
        f"cleaner: {dump}:2: line longer than the 1 MB limit on one document (see --max-size); "
        "not read; its gzip data expands more than 200 times (a gzip bomb?), so the rest of "
        "the dump was not read either\n"
    )
    assert [json.loads(line).get("id") for line in p.stdout.splitlines()] == [1, None]
