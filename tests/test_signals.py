"""Issue 13, the process half: Ctrl-C stops a batch with exit 130 and leaves no
temporary file, however it lands; workers die with their parent; --jobs is
capped at the CPUs; files get the user's umask. Real signals, real processes."""

import os
import signal
import stat
import subprocess
import time

import pytest

from cleaner import pipeline

from conftest import ARTICLE, CLEANER

pytestmark = pytest.mark.skipif(not os.path.exists(CLEANER), reason="cleaner not installed")


def folder(tmp_path, n, text=ARTICLE):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(n):
        (raw / f"{i:03d}.txt").write_text(text)
    return raw


def test_ctrl_c_just_after_a_temporary_is_created_leaves_none(invoke, tmp_path, monkeypatch):
    """The worst moment: the temporary output exists, its name not yet returned."""
    raw = folder(tmp_path, 3)
    out = tmp_path / "out"
    real_open = os.open
    created = []

    def open_then_interrupt(path, flags, *args, **kw):
        fd = real_open(path, flags, *args, **kw)
        if os.path.basename(os.fspath(path)).endswith(".tmp"):
            created.append(path)
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C lands here
        return fd

    monkeypatch.setattr(os, "open", open_then_interrupt)
    result = invoke("clean", "-j", "1", str(raw), "-o", str(out))
    monkeypatch.undo()
    assert created, "a temporary file was created"
    assert result.exit_code == 130
    assert result.stderr.endswith(
        "cleaner: interrupted; finished outputs are kept, nothing partial was left\n"
    )
    assert list(out.iterdir()) == []


def test_a_swallowed_ctrl_c_still_stops_the_batch(invoke, tmp_path, monkeypatch):
    """Library code that catches KeyboardInterrupt (a clean-up handler, a logging
    call) must not turn Ctrl-C into a finished batch and exit 0."""
    raw = folder(tmp_path, 6)
    real = pipeline.clean
    calls = []

    def clean(raw, *args, **kw):
        calls.append(1)
        if len(calls) == 2:
            try:
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.5)
            except KeyboardInterrupt:
                pass  # swallowed
        return real(raw, *args, **kw)

    monkeypatch.setattr(pipeline, "clean", clean)
    result = invoke("clean", "-j", "1", str(raw), "-o", str(tmp_path / "out"))
    assert result.exit_code == 130, result.stderr
    assert len(calls) == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["000.txt", "001.txt"]


def _alive(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return "\nState:\tZ" not in f.read()
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
def test_workers_die_with_their_parent(tmp_path):
    page = (
        "<html><body><article>"
        + "<p>"
        + ARTICLE
        + "</p>" * 1
        + "</article>"
        + "<div><a href='/x'>link</a></div>" * 2000
        + "</body></html>"
    )
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(200):
        (raw / f"{i:03d}.html").write_text(page)
    proc = subprocess.Popen(
        [CLEANER, "clean", "-q", "-j", "2", str(raw), "-o", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.05)
        p = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
        workers = [int(w) for w in p.stdout.split()]
    assert len(workers) == 2, "the workers started"
    proc.kill()  # kill -9: no chance to clean up
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(map(_alive, workers)):
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert left == []


def test_jobs_is_capped_at_the_cpus_with_a_note(invoke, tmp_path):
    raw = folder(tmp_path, 4)
    cpus = len(os.sched_getaffinity(0))
    result = invoke("clean", "-j", "1000", str(raw), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    note = (
        f"cleaner: note: --jobs 1000 is more than the {cpus} CPU{'s' * (cpus != 1)} available; using {cpus}\n"
    )
    assert result.stderr.startswith(note)


@pytest.mark.parametrize("umask", [0o002, 0o027])
def test_output_files_get_the_users_umask(tmp_path, umask):
    raw = folder(tmp_path, 2)
    out = tmp_path / "out"
    p = subprocess.run(
        [CLEANER, "clean", "-q", str(raw), "-o", str(out)],
        capture_output=True,
        timeout=60,
        preexec_fn=lambda: os.umask(umask),
    )
    assert p.returncode == 0, p.stderr
    for f in out.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o666 & ~umask


def test_ctrl_c_as_a_worker_starts_does_not_break_the_pool(monkeypatch):
    """A Ctrl-C that reaches a worker before it has set itself up (the group gets
    it) used to land in its start-up code, where the pool logs it and breaks."""
    from cleaner import batch, pool
    from cleaner.rules import load_rulebook

    real_init = pool._init_worker

    def init(*args):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, as the worker starts
        real_init(*args)

    monkeypatch.setattr(pool, "_init_worker", init)
    tasks = [batch.Task(i, f"doc{i}", i, data=ARTICLE) for i in range(4)]
    done = list(batch.run(tasks, load_rulebook(), batch.Options(), jobs=2))
    assert [d.error for d in done] == [None] * 4
