"""Issue 13, the output half: every write goes through one sink, and a write that
fails, a name that cannot be printed, an empty result or a limit that cut a
document is one line on stderr and an exit status, never a traceback or silence."""

import json
import os
import subprocess

import pytest

from cleaner import pipeline
from cleaner.model import Result
from cleaner.notes import limit as limit_note

from conftest import ARTICLE, CLEANER

pytestmark = pytest.mark.skipif(not os.path.exists(CLEANER), reason="cleaner not installed")


def sh(command, **kw):
    return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60, **kw)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["clean"], ["clean", "--format", "jsonl"], ["explain"]])
def test_stdout_on_a_full_disk_is_one_line_and_exit_4(article, args):
    p = sh(f"{CLEANER} {' '.join(args)} '{article}' > /dev/full")
    assert p.returncode == 4, p.stderr
    assert p.stderr == "cleaner: cannot write to stdout: No space left on device\n"


def test_rules_list_on_a_full_disk(tmp_path):
    p = sh(f"{CLEANER} rules list > /dev/full")
    assert (p.returncode, p.stderr) == (4, "cleaner: cannot write to stdout: No space left on device\n")


def test_closed_stdout_is_one_line_not_a_traceback(article):
    p = sh(f"{CLEANER} clean '{article}' >&-")
    assert p.returncode == 4
    assert p.stderr == "cleaner: cannot write to stdout: the stream is closed\n"


def test_explain_into_a_closed_pipe_ends_quietly(article):
    p = sh(f"{CLEANER} explain '{article}' | head -c 0")
    assert p.stderr == ""


def test_a_file_name_that_is_not_utf8_is_escaped(tmp_path):
    raw = os.fsencode(tmp_path) + b"/raw"
    os.mkdir(raw)
    for name in (b"caf\xe9.txt", b"plain.txt"):
        with open(raw + b"/" + name, "wb") as f:
            f.write(ARTICLE.encode())
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    p = subprocess.run([CLEANER, "clean", raw], capture_output=True, timeout=60, env=env)
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode("utf-8")
    assert out == (
        f"==> {tmp_path}/raw/caf\\xe9.txt <==\n{ARTICLE}\n==> {tmp_path}/raw/plain.txt <==\n{ARTICLE}"
    )
    p = subprocess.run([CLEANER, "clean", "--format", "jsonl", raw], capture_output=True, timeout=60, env=env)
    assert p.returncode == 0, p.stderr
    paths = [json.loads(line)["path"] for line in p.stdout.decode("utf-8").splitlines()]
    assert paths == [f"{tmp_path}/raw/caf\\xe9.txt", f"{tmp_path}/raw/plain.txt"]


def test_lone_surrogates_from_a_jsonl_input_are_escaped_not_a_traceback(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": 1, "text": ARTICLE.replace("spring", "spr\ud800ing")}) + "\n")
    p = subprocess.run(
        [CLEANER, "clean", "--input-format", "jsonl", "-q", str(dump)], capture_output=True, timeout=60
    )
    assert p.returncode == 0, p.stderr
    rec = json.loads(p.stdout)
    assert "spr\ud800ing" in rec["text"]  # written as the JSON escape \\ud800


NAVIGATION = "Home\nNews\nSport\nWeather\nContact us\nLog in\n"


def test_no_main_content_is_a_note_per_document_and_exit_3(invoke, tmp_path, article):
    nav = tmp_path / "nav.txt"
    nav.write_text(NAVIGATION)
    result = invoke("clean", "-q", str(nav), str(article))
    assert result.exit_code == 3
    assert result.stderr == f"cleaner: {nav}: no main content found\n"
    result = invoke("clean", "-q", "--format", "jsonl", str(nav), str(article))
    assert result.exit_code == 3
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["notes"] for r in recs] == [["no main content found"], []]
    assert recs[0]["text"] == "" and recs[0]["error"] is None


def test_a_failure_outranks_an_empty_result(invoke, tmp_path):
    nav = tmp_path / "nav.txt"
    nav.write_text(NAVIGATION)
    result = invoke("clean", "-q", str(nav), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1


def test_a_limit_note_is_printed_per_document_and_exit_3(invoke, tmp_path, article, monkeypatch):
    real = pipeline.clean

    def cut(raw, *args, **kw):
        result = real(raw, *args, **kw)
        # a typed note, as the HTML stage makes it: the CLI goes by its kind, not its words
        notes = (limit_note("the page has more than 8,000 elements; only the first 8,000 were read"),)
        return Result(**{**result.__dict__, "notes": result.notes + notes})

    monkeypatch.setattr(pipeline, "clean", cut)
    result = invoke("clean", "-q", "-j", "1", str(article))
    assert result.exit_code == 3
    assert result.stdout == ARTICLE
    assert result.stderr == (
        f"cleaner: {article}: limit: the page has more than 8,000 elements; only the first 8,000 were read\n"
    )
