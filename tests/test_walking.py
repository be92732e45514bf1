"""Issue 13, walking inputs: link loops end, FIFOs and other special files are
passed over with a note, the output folder is never read back as input, and a
refused plan names the right files. A real `cleaner` process on real folders
(a walk that blocks or loops would hang: the timeout turns that into a failure)."""

import json
import os
import subprocess

import pytest

from conftest import ARTICLE, CLEANER

pytestmark = pytest.mark.skipif(not os.path.exists(CLEANER), reason="cleaner not installed")


def run(*args):
    return subprocess.run([CLEANER, *map(str, args)], capture_output=True, text=True, timeout=30)


@pytest.fixture
def looped(tmp_path):
    """raw/a.txt and raw/sub/b.txt, and two links in raw/sub that lead back up."""
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "a.txt").write_text(ARTICLE)
    (raw / "sub" / "b.txt").write_text(ARTICLE)
    os.symlink("..", raw / "sub" / "up")
    os.symlink(".", raw / "sub" / "here")
    return raw


@pytest.mark.parametrize("as_glob", [True, False])
def test_a_symlink_loop_is_walked_once(looped, as_glob):
    arg = f"{looped}/**/*.txt" if as_glob else looped
    p = run("clean", "-q", "--format", "jsonl", arg)
    assert p.returncode == 0, p.stderr
    paths = [json.loads(line)["path"] for line in p.stdout.splitlines()]
    assert paths == [f"{looped}/a.txt", f"{looped}/sub/b.txt"]
    if not as_glob:
        assert p.stderr == (
            f"cleaner: {looped}/sub/here: skipped: a link to a folder already walked\n"
            f"cleaner: {looped}/sub/up: skipped: a link to a folder already walked\n"
        )


def test_a_folder_and_its_sub_folder_both_named_are_no_loop(tmp_path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "a.txt").write_text(ARTICLE)
    (raw / "sub" / "b.txt").write_text(ARTICLE)
    p = run("clean", "-q", "--format", "jsonl", raw, raw / "sub")
    assert (p.returncode, p.stderr) == (0, "")
    paths = [json.loads(line)["path"] for line in p.stdout.splitlines()]
    assert paths == [f"{raw}/a.txt", f"{raw}/sub/b.txt"]


def test_a_fifo_in_a_folder_is_skipped_with_a_note(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(ARTICLE)
    os.mkfifo(raw / "pipe")
    p = run("clean", "-q", raw)
    assert p.returncode == 0, p.stderr
    assert p.stdout == ARTICLE
    assert p.stderr == f"cleaner: {raw}/pipe: skipped: a FIFO, not a regular file\n"


def test_the_output_folder_inside_the_input_folder_is_never_read(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(ARTICLE)
    out = raw / "clean"
    for _ in range(2):
        p = run("clean", "-q", raw, "-o", out)
        assert p.returncode == 0, p.stderr
    assert sorted(str(f.relative_to(out)) for f in out.rglob("*")) == ["a.txt"]
    assert p.stderr == f"cleaner: {out}: skipped: it is the output folder\n"
    p = run("clean", "-q", f"{raw}/**", "-o", out)
    assert p.returncode == 0, p.stderr
    assert sorted(str(f.relative_to(out)) for f in out.rglob("*")) == ["a.txt"]


def test_an_output_that_would_overwrite_an_input_names_that_input(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    page, old = tmp_path / "in" / "x.html", tmp_path / "out" / "x.txt"
    page.write_text("<html><body><p>" + ARTICLE + "</p></body></html>")
    old.write_text(ARTICLE)
    p = run("clean", page, old, "-o", tmp_path / "out")
    assert p.returncode == 2
    assert p.stderr == (f"cleaner: the output of {page}, {old}, would overwrite the input {old}\n")
