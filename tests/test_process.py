"""The installed `cleaner` command as a real process: pipes, early-closing readers,
signals, and what a batch leaves behind when it is interrupted."""

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ARTICLE, CLEANER, HTML_PAGE

pytestmark = pytest.mark.skipif(not os.path.exists(CLEANER), reason="cleaner not installed")


def run(*args, input=None, **kw):
    return subprocess.run([CLEANER, *args], input=input, capture_output=True, timeout=120, **kw)


def test_pipe_in_and_out():
    p = subprocess.run(
        f"printf '%s' \"$ARTICLE\" | {CLEANER} clean - | wc -w",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "ARTICLE": ARTICLE},
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    assert int(p.stdout.strip()) == len(ARTICLE.split())


def test_stdin_without_dash_when_piped():
    p = run("clean", input=ARTICLE.encode())
    assert p.returncode == 0
    assert p.stdout.decode() == ARTICLE


def test_a_jsonl_dump_piped_in_is_read_record_by_record():
    # what is read of stdin to tell a dump from a page is given to the dump's reader: nothing is lost
    import json

    lines = [json.dumps({"id": k, "text": ARTICLE}) for k in range(3)]
    p = run("clean", "-q", input=("\n".join(lines) + "\n").encode())
    assert p.returncode == 0, p.stderr
    recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert [(r["id"], r["text"]) for r in recs] == [(k, ARTICLE.rstrip()) for k in range(3)]


def test_output_is_utf8_whatever_the_locale(tmp_path):
    text = "Der Stadtrat hat am Dienstag beschlossen, den Uferweg um zwei Kilometer zu verlängern.\n"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""}
    p = run("clean", "-", input=text.encode(), env=env)
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode("utf-8") == text


def test_reader_closing_early_ends_quietly(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(300):
        (raw / f"{i:03d}.txt").write_text(ARTICLE)
    p = subprocess.run(
        f"{CLEANER} clean -j 2 '{raw}' | head -n 1", shell=True, capture_output=True, text=True, timeout=120
    )
    assert p.stdout == f"==> {raw / '000.txt'} <==\n"
    assert p.stderr == ""


def test_no_progress_bar_without_a_terminal(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(5):
        (raw / f"{i}.txt").write_text(ARTICLE)
    p = run("clean", str(raw), "-o", str(tmp_path / "out"))
    assert p.returncode == 0
    assert b"\r" not in p.stderr and b"docs/s  " not in p.stderr
    assert p.stderr.decode().startswith("cleaner: 5 documents, 0 failed in ")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_leaves_nothing_partial(tmp_path, sig):
    raw = tmp_path / "raw"
    raw.mkdir()
    page = HTML_PAGE.replace("</article>", "<p>More text for the page.</p>" * 300 + "</article>")
    for i in range(400):
        (raw / f"{i:03d}.html").write_text(page)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [CLEANER, "clean", "-j", "2", str(raw), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.txt"))) < 5:
        time.sleep(0.05)
    # Ctrl-C in a terminal signals the whole process group, workers included
    os.killpg(proc.pid, sig)
    try:
        stdout, stderr = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # hung: fail, but leave no process behind
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert stderr.decode().endswith(
        "cleaner: interrupted; finished outputs are kept, nothing partial was left\n"
    )
    names = sorted(p.name for p in out.iterdir())
    assert names, "some outputs were finished before the interrupt"
    assert len(names) < 400, "the run stopped early"
    assert not [n for n in names if n.startswith(".") or n.endswith(".tmp")]
    expected = run("clean", str(raw / "000.html")).stdout.decode()
    for name in names:
        assert (out / name).read_text() == expected
    # and no worker outlives the parent
    time.sleep(0.5)
    ps = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True)
    assert ps.stdout.strip() == ""


def test_version_and_help():
    assert run("--version").stdout.decode().startswith("cleaner, version ")
    assert b"Clean articles from files" in run("clean", "--help").stdout


def test_import_cost_stays_small():
    code = "import sys, cleaner; print(sorted(m for m in ('trafilatura', 'lxml', 'justext') if m in sys.modules))"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert p.stdout.strip() == "[]"


def test_progress_bar_on_a_terminal(tmp_path):
    import pty

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(20):
        (raw / f"{i:02d}.txt").write_text(ARTICLE)
    master, slave = pty.openpty()  # stderr is a terminal, stdout is not
    proc = subprocess.Popen(
        [CLEANER, "clean", "-j", "1", str(raw), "-o", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=60)
    os.close(master)
    assert proc.returncode == 0
    assert b"20/20 docs" in seen and b"docs/s" in seen and b"0 failed" in seen
    # the bar is cleared before the summary line
    assert b"\r\x1b[Kcleaner: 20 documents, 0 failed in " in seen


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_while_the_command_starts_is_one_line_not_a_traceback(tmp_path, sig):
    # the command's imports take a tenth of a second: a signal then used to end in a
    # traceback; now it ends as an interrupt does later (exit 130, one line)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    statuses = []
    for delay in (0.06, 0.08, 0.1, 0.12, 0.15, 0.2):
        proc = subprocess.Popen(
            [CLEANER, "clean", str(article)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(delay)
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=30)
        assert b"Traceback" not in stderr, (delay, stderr.decode())
        # 0: done before the signal; -sig: before Python could handle it (a shell says 128+n)
        assert proc.returncode in (0, 130, -sig), (delay, proc.returncode, stderr.decode())
        if proc.returncode == 130:  # one line, whichever part of the command was running
            # (click writes an empty line before it gives up on a KeyboardInterrupt)
            lines = [line for line in stderr.decode().splitlines() if line]
            assert len(lines) == 1 and lines[0].startswith("cleaner: interrupted"), lines
        statuses.append(proc.returncode)
    assert 130 in statuses, f"no signal arrived while the command was starting: {statuses}"
