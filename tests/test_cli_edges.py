"""Edges of the command line an audit found: option values the range checks let
through, output and messages that cannot be written, names that would break
"one line per message", and usage errors reported as something else."""

import importlib.metadata
import json
import os
import shlex
import subprocess
from pathlib import Path

import pytest

from cleaner.cli import cli

from conftest import ARTICLE, CLEANER_HERE

PROMO = f"Share on Facebook\n\n{ARTICLE}\nSubscribe to our newsletter\n"  # two lines shipped rules remove


has_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
NO_SPACE = "cleaner: cannot write to stdout: No space left on device\n"
CLOSED = "cleaner: cannot write to stdout: the stream is closed\n"


def sh(command: str) -> subprocess.CompletedProcess:
    """`cleaner COMMAND` run by the shell (for its redirections), from the code under test."""
    return subprocess.run(
        f"{shlex.join(CLEANER_HERE)} {command}", shell=True, capture_output=True, text=True, timeout=60
    )


def clean(runner, *args):
    return runner.invoke(cli, ["clean", "-q", "-j", "1", *map(str, args)], prog_name="cleaner")


def bad_value(option: str, why: str) -> str:
    return (
        "Usage: cleaner clean [OPTIONS] [INPUT]...\n"
        "Try 'cleaner clean --help' for help.\n\n"
        f"Error: Invalid value for '{option}': {why}\n"
    )


# -- option values: nan refused, inf a time limit of none, no size beyond reason ---


@pytest.mark.parametrize("option", ["--timeout", "--rule-timeout", "--max-size"])
@pytest.mark.parametrize("nan", ["nan", "NaN", "-nan"])
def test_nan_is_a_usage_error_naming_the_option(runner, article, option, nan):
    result = clean(runner, option, nan, article)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == bad_value(option, f"{nan!r} is not a number.")


@pytest.mark.parametrize("size, shown", [("inf", "inf"), ("1e30", "1e+30"), ("1025", "1025.0")])
def test_a_size_limit_past_reason_is_a_usage_error(runner, article, size, shown):
    result = clean(runner, "--max-size", size, article)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == bad_value("--max-size", f"{shown} is not in the range 0<x<=1024.")


def test_the_largest_size_limit_is_honoured(runner, article):
    result = clean(runner, "--max-size", "1024", article)
    assert (result.exit_code, result.stdout, result.stderr) == (0, ARTICLE, "")


@pytest.mark.parametrize("seconds", ["inf", "1e10", "1e300", "0"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_timeout_of_inf_or_past_any_timer_is_no_limit(runner, article, seconds, jobs):
    result = clean(runner, "--timeout", seconds, "-j", jobs, article)
    assert (result.exit_code, result.stdout, result.stderr) == (0, ARTICLE, "")


@pytest.mark.parametrize("seconds", ["inf", "1e300", "1e15"])
def test_a_rule_timeout_of_inf_is_no_limit_and_every_rule_runs(runner, tmp_path, seconds):
    page = tmp_path / "promo.txt"
    page.write_text(PROMO)
    result = clean(runner, "--rule-timeout", seconds, page)
    assert (result.exit_code, result.stdout, result.stderr) == (0, ARTICLE, "")


def test_the_limits_say_what_no_limit_is_and_how_far_they_go(runner):
    help = " ".join(runner.invoke(cli, ["clean", "--help"]).stdout.split())
    assert "failed (0 or inf: no limit). [default: 60.0; x>=0]" in help
    assert "message. [default: 8.0; 0<x<=1024]" in help
    assert "skipped there (inf: no limit). [default: 1.0; x>=0.01]" in help


# -- --help and --version: written as any output is, and fail as it does ---------

HELP_AND_VERSION = [
    "--help",
    "-h",
    "--version",
    "clean --help",
    "explain -h",
    "rules --help",
    "rules learn --help",
]


@has_dev_full
@pytest.mark.parametrize("args", HELP_AND_VERSION)
def test_help_and_version_on_a_full_disk_are_one_line_and_exit_4(args):
    p = sh(f"{args} > /dev/full")
    assert (p.returncode, p.stderr) == (4, NO_SPACE)


@pytest.mark.parametrize("args", ["--help", "--version", "clean --help"])
def test_help_and_version_into_a_closed_stdout_are_not_lost_silently(args):
    p = sh(f"{args} >&-")
    assert (p.returncode, p.stderr) == (4, CLOSED)


def test_help_and_version_print_as_before():
    p = sh("--version")
    assert (p.returncode, p.stdout, p.stderr) == (
        0,
        f"cleaner, version {importlib.metadata.version('cleaner')}\n",
        "",
    )
    p = sh("--help")
    assert (p.returncode, p.stderr) == (0, "")
    assert p.stdout.startswith("Usage: cleaner [OPTIONS] COMMAND [ARGS]...\n")
    assert p.stdout.endswith("  rules    List, show and check rule files.\n")


# -- stderr that cannot be written: messages are dropped, the run goes on ---------


@pytest.fixture
def batch_with_a_failure(tmp_path):
    """A folder of five articles and one empty file, which fails."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "000.txt").write_text("")
    for i in range(1, 6):
        (raw / f"{i}.txt").write_text(ARTICLE)
    return raw


@has_dev_full
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unwritable_stderr_neither_stops_a_batch_nor_changes_its_status(
    tmp_path, batch_with_a_failure, jobs
):
    out = tmp_path / "out"
    p = sh(f"clean -j {jobs} {shlex.quote(str(batch_with_a_failure))} -o {shlex.quote(str(out))} 2>/dev/full")
    assert p.returncode == 1  # earned by the empty file, whose message could not be written
    assert {f.name: f.read_text() for f in out.iterdir()} == {f"{i}.txt": ARTICLE for i in range(1, 6)}


@has_dev_full
def test_an_unwritable_stderr_leaves_a_good_run_at_0(tmp_path, batch_with_a_failure):
    first, second = (shlex.quote(str(batch_with_a_failure / name)) for name in ("1.txt", "2.txt"))
    p = sh(f"clean {first} {second} -o {shlex.quote(str(tmp_path / 'out'))} 2>/dev/full")  # a summary line
    assert p.returncode == 0
    assert sorted(f.name for f in (tmp_path / "out").iterdir()) == ["1.txt", "2.txt"]
    p = sh(f"clean {first} {second} 2>/dev/full")
    assert p.returncode == 0
    heads = [f"==> {batch_with_a_failure / name} <==\n" for name in ("1.txt", "2.txt")]
    assert p.stdout == f"{heads[0]}{ARTICLE}\n{heads[1]}{ARTICLE}"


@has_dev_full
@pytest.mark.parametrize("args, status", [("clean --timeout nan x", 2), ("", 2), ("clean /no/such/file", 1)])
def test_an_unwritable_stderr_keeps_the_status_of_an_error(args, status):
    assert sh(f"{args} 2>/dev/full").returncode == status


def test_a_progress_display_that_cannot_be_written_is_dropped(monkeypatch):
    from cleaner.output.progress import Progress

    class Full:
        def write(self, text):
            raise OSError(28, "No space left on device")

        flush = write

    monkeypatch.setattr("sys.stderr", Full())
    progress = Progress(total=2, enabled=True)
    progress.update(2, 0)
    progress.clear()
    assert not progress.shown


# -- names with control characters: escaped, one line per message -----------------


def test_display_name_escapes_control_characters_as_it_escapes_bad_bytes():
    from cleaner.output import display_name
    from cleaner.output.writing import utf8_name

    name = "a\nb\rc\td\x1b[31me\x7ff\x9bg\u2028h\u2029i caf\u00e9 \u200c.txt"
    assert display_name(name) == "a\\nb\\rc\\td\\x1b[31me\\x7ff\\x9bg\\u2028h\\u2029i caf\u00e9 \u200c.txt"
    assert display_name(os.fsdecode(b"caf\xe9\n.txt")) == "caf\\xe9\\n.txt"
    assert utf8_name(name) == name  # a record's path is data: only bad bytes are escaped there


@pytest.fixture
def crafted(tmp_path):
    """A folder of one empty file whose name would print a second, fake message, and
    one article whose name would colour the terminal."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "bad\ncleaner: all went well.txt").write_text("")
    (raw / "red\x1b[31m.txt").write_text(ARTICLE)
    return raw


def test_a_name_with_control_characters_is_one_line_in_messages_and_headers(runner, crafted):
    result = clean(runner, crafted)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"cleaner: {crafted}/bad\\ncleaner: all went well.txt: empty document, nothing to clean\n"
    )
    assert result.stdout == f"==> {crafted}/red\\x1b[31m.txt <==\n{ARTICLE}"


def test_a_record_keeps_the_name_as_it_is(runner, crafted):
    result = clean(runner, "--format", "jsonl", crafted)
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert paths == [f"{crafted}/bad\ncleaner: all went well.txt", f"{crafted}/red\x1b[31m.txt"]


def test_a_name_with_control_characters_is_one_line_everywhere_it_is_named(runner, tmp_path, crafted):
    result = runner.invoke(cli, ["explain", str(crafted / "bad\ncleaner: all went well.txt")])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"cleaner: {crafted}/bad\\ncleaner: all went well.txt: empty document, nothing to clean\n"
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x\n.txt").write_text(ARTICLE)
    (tmp_path / "b" / "x\n.html").write_text(ARTICLE)
    result = clean(runner, tmp_path / "a" / "x\n.txt", tmp_path / "b" / "x\n.html", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == (
        f"cleaner: {tmp_path}/b/x\\n.html and {tmp_path}/a/x\\n.txt would both be written to "
        f"{tmp_path}/out/x\\n.txt; clean them into different folders or pass their parent folder instead\n"
    )
    (tmp_path / "file\n").write_text("")
    result = clean(runner, tmp_path / "a" / "x\n.txt", "-o", tmp_path / "file\n" / "out")
    assert result.exit_code == 4
    assert result.stderr == f"cleaner: cannot write to {tmp_path}/file\\n/out: Not a directory\n"


def test_a_message_is_one_line_whatever_it_holds(runner, monkeypatch, article):
    from cleaner import batch

    def broken(task, *args):
        return batch.finished(task, None, "internal error: ValueError: two\nlines", batch.Options())

    monkeypatch.setattr(batch, "clean_task", broken)
    result = clean(runner, article)
    assert result.stderr == f"cleaner: {article}: internal error: ValueError: two\\nlines\n"


# -- explain takes one file: a folder or a glob of several is a usage error --------


def explain_usage_error(why: str) -> str:
    return f"Usage: cleaner explain [OPTIONS] FILE\nTry 'cleaner explain --help' for help.\n\nError: {why}\n"


@pytest.mark.parametrize("n_files", [0, 1, 2])
def test_explain_of_a_folder_is_a_usage_error(runner, tmp_path, n_files):
    for i in range(n_files):
        (tmp_path / f"{i}.txt").write_text(ARTICLE)
    result = runner.invoke(cli, ["explain", str(tmp_path)], prog_name="cleaner")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == explain_usage_error(f"{tmp_path} is a folder: explain takes one file")


def test_explain_of_a_glob_of_several_files_is_a_usage_error(runner, tmp_path):
    for i in range(2):
        (tmp_path / f"{i}.txt").write_text(ARTICLE)
    result = runner.invoke(cli, ["explain", f"{tmp_path}/*.txt"], prog_name="cleaner")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == explain_usage_error(f"{tmp_path}/*.txt matches 2 files: explain takes one file")


# -- a file where a folder should be is "not a folder" -----------------------------


def test_a_rule_folder_that_is_a_file_is_not_a_folder(runner, monkeypatch, article):
    monkeypatch.setenv("CLEANER_RULES", str(article))
    result = clean(runner, article)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"cleaner: {article}: not a folder\n")
    monkeypatch.setenv("CLEANER_RULES", str(article.with_name("missing")))
    result = clean(runner, article)
    assert result.stderr == f"cleaner: {article.with_name('missing')}: no such rule folder\n"


def test_an_output_folder_that_is_a_file_or_a_link_to_nothing_is_not_a_folder(runner, tmp_path, article):
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    blockers = [dangling] + [Path(os.devnull)] * os.path.exists(os.devnull)
    for blocker in blockers:
        result = clean(runner, article, "-o", blocker)
        assert (result.exit_code, result.stderr) == (4, f"cleaner: cannot write to {blocker}: not a folder\n")


def test_rules_learn_into_a_file_is_not_a_folder(article):
    from cleaner import rulegen
    from cleaner.errors import OutputError

    with pytest.raises(OutputError) as raised:
        rulegen.write([], article)
    assert str(raised.value) == f"cannot write to {article}: not a folder"
