"""The batch runner: faults stay with their document, order stays the input's."""

import os
import signal
import time

import pytest

from cleaner import batch, pipeline
from cleaner.output import plan
from cleaner.rules import load_rulebook

BOOK = load_rulebook()
TEXT = "A sentence long enough to stand as the paragraph of an article about a vote.\n"


def tasks(texts):
    return [batch.Task(i, f"doc{i}", i, data=t) for i, t in enumerate(texts)]


@pytest.fixture
def faulty_clean(monkeypatch):
    """pipeline.clean that misbehaves on documents holding a marker word."""
    real = pipeline.clean

    def clean(raw, *args, **kwargs):
        text = raw.decode() if isinstance(raw, bytes) else raw
        if "RAISE" in text:
            raise ValueError("injected detector bug")
        if "SLOW" in text:
            time.sleep(30)
        if "DIE" in text:
            if "LATER" in text:
                time.sleep(0.3)
            os.kill(os.getpid(), signal.SIGKILL)
        return real(raw, *args, **kwargs)

    monkeypatch.setattr(pipeline, "clean", clean)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_raising_document_fails_alone(faulty_clean, jobs):
    docs = [TEXT, "RAISE " + TEXT, TEXT]
    done = list(batch.run(tasks(docs), BOOK, batch.Options(), jobs=jobs))
    assert [d.task.label for d in done] == ["doc0", "doc1", "doc2"]
    assert [d.error for d in done] == [None, "internal error: ValueError: injected detector bug", None]
    assert done[2].result.text == TEXT.strip()


@pytest.mark.parametrize("jobs", [1, 2])
def test_time_limit_fails_the_slow_document_only(faulty_clean, jobs):
    docs = [TEXT, "SLOW " + TEXT, TEXT]
    done = list(batch.run(tasks(docs), BOOK, batch.Options(timeout=0.5), jobs=jobs))
    assert [d.error for d in done] == [None, "took longer than the 0.5s time limit", None]


def test_a_worker_that_dies_is_named_and_replaced(faulty_clean):
    docs = [TEXT] * 5 + ["DIE " + TEXT] + [TEXT] * 5
    done = list(batch.run(tasks(docs), BOOK, batch.Options(), jobs=2))
    assert [d.task.index for d in done] == list(range(11))
    errors = {d.task.index: d.error for d in done if d.error}
    assert errors == {5: "the worker process died while cleaning it (crash or out of memory)"}


def test_a_worker_dying_while_the_consumer_is_busy(faulty_clean):
    """The pool breaks between two results: the next submit finds it broken."""
    docs = [TEXT, "DIE LATER " + TEXT] + [TEXT] * 10
    done = []
    for d in batch.run(tasks(docs), BOOK, batch.Options(), jobs=2):
        done.append(d)
        if len(done) == 1:
            time.sleep(1.0)  # a slow consumer: the worker dies meanwhile
    assert [d.task.index for d in done] == list(range(12))
    assert [d.task.index for d in done if d.error] == [1]


def test_order_is_the_input_order_whatever_the_timing(monkeypatch):
    real = pipeline.clean

    def clean(raw, *args, **kwargs):  # the first documents are the slowest
        time.sleep(0.2 if "slow" in raw else 0)
        return real(raw, *args, **kwargs)

    monkeypatch.setattr(pipeline, "clean", clean)
    docs = [f"Doc {i} {'slow' if i < 3 else 'fast'}: {TEXT}" for i in range(12)]
    done = list(batch.run(tasks(docs), BOOK, batch.Options(), jobs=2))
    assert [d.result.text.split(":")[0] for d in done] == [
        f"Doc {i} {'slow' if i < 3 else 'fast'}" for i in range(12)
    ]


def test_results_stream_before_the_batch_ends():
    def endless():
        i = 0
        while True:
            yield batch.Task(i, f"doc{i}", i, data=TEXT)
            i += 1

    run = batch.run(endless(), BOOK, batch.Options(), jobs=2)
    first = [next(run) for _ in range(3)]  # an endless input still yields
    run.close()
    assert [d.task.index for d in first] == [0, 1, 2]


def test_output_name():
    assert plan.output_name("a/x.html.gz") == "a/x.txt"
    assert plan.output_name("x.txt") == "x.txt"
    assert plan.output_name("README") == "README.txt"
    assert plan.output_name(".hidden") == ".hidden.txt"
    assert plan.output_name("dump.jsonl.gz", ".jsonl") == "dump.jsonl"


def test_stopping_early_never_hangs_the_interpreter_exit():
    """Workers killed while sending a big result used to leave half a message in
    the result pipe, and the executor's thread waited for the rest for ever."""
    import subprocess
    import sys

    script = """
from cleaner import batch, pipeline
from cleaner.model import Result
from cleaner.rules import load_rulebook
huge = "x" * 50_000_000
# workers (forked) spend their time sending 50 MB results through the pipe
pipeline.clean = lambda *a, **k: Result(huge, (huge,), (), (), "text")
tasks = (batch.Task(i, str(i), i, data="doc") for i in range(40))
run = batch.run(tasks, load_rulebook(), batch.Options(kind="text"), jobs=2)
next(run)
run.close()  # stop early: the pool is killed while a result is half sent
print("closed", flush=True)
"""
    for _ in range(3):
        p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, p.stderr
        assert p.stdout == "closed\n"
