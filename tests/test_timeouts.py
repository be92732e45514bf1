"""Issue 13, timeouts: the per-document time limit always fires and is always
reported: an alarm lost inside a finalizer is followed by another, and a worker
stuck where no alarm reaches is killed and replaced; the URL finder is linear."""

import signal
import subprocess
import sys
import time

import pytest

from cleaner import batch, pipeline, pool
from cleaner.rules import load_rulebook

BOOK = load_rulebook()
TEXT = "A sentence long enough to stand as the paragraph of an article about a vote.\n"


def tasks(texts):
    return [batch.Task(i, f"doc{i}", i, data=t) for i, t in enumerate(texts)]


class _SlowFinalizer:
    """An object whose clean-up runs for a second: an alarm that lands in it is
    printed as 'Exception ignored in ...' and lost."""

    def __del__(self):
        end = time.monotonic() + 1.0
        while time.monotonic() < end:
            pass


@pytest.fixture
def misbehaving(monkeypatch):
    real = pipeline.clean

    def clean(raw, *args, **kwargs):
        if "SWALLOW" in raw:
            _SlowFinalizer()  # freed at once: the first alarm goes off in its __del__
            end = time.monotonic() + 20
            while time.monotonic() < end:  # then plain Python work, long past the limit
                pass
        if "CATCHALL" in raw:  # library code that carries on after any Exception
            end = time.monotonic() + 20
            while time.monotonic() < end:
                try:
                    sum(range(10_000))
                except Exception:  # noqa: BLE001 - the point of the test
                    pass
        if "DEAF" in raw:  # like C code that never returns to the interpreter
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(20)
        return real(raw, *args, **kwargs)

    monkeypatch.setattr(pipeline, "clean", clean)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("jobs", [1, 2])
def test_an_alarm_swallowed_in_a_finalizer_is_followed_by_one_that_is_not(misbehaving, jobs):
    done = list(
        batch.run(tasks([TEXT, "SWALLOW " + TEXT, TEXT]), BOOK, batch.Options(timeout=0.3), jobs=jobs)
    )
    assert [d.error for d in done] == [None, "took longer than the 0.3s time limit", None]


@pytest.mark.parametrize("jobs", [1, 2])
def test_code_that_catches_every_exception_cannot_swallow_the_time_limit(misbehaving, jobs):
    done = list(
        batch.run(tasks([TEXT, "CATCHALL " + TEXT, TEXT]), BOOK, batch.Options(timeout=0.3), jobs=jobs)
    )
    assert [d.error for d in done] == [None, "took longer than the 0.3s time limit", None]


def test_a_worker_deaf_to_its_alarm_is_killed_and_replaced(misbehaving, monkeypatch):
    monkeypatch.setattr(pool, "KILL_GRACE", 0.5)
    docs = [TEXT, "DEAF " + TEXT] + [TEXT] * 6
    done = list(batch.run(tasks(docs), BOOK, batch.Options(timeout=0.3), jobs=2))
    assert [d.task.index for d in done] == list(range(8))
    assert {d.task.index: d.error for d in done if d.error} == {
        1: "took longer than the 0.3s time limit (its worker was stopped)"
    }
    assert all(d.result.text == TEXT.strip() for d in done if d.task.index != 1)


def test_finding_the_url_is_linear_in_unclosed_link_tags():
    """30,000 unclosed '<link ' tags took the old regex about half a minute; the
    subprocess timeout only guards against that, the bench measures."""
    code = (
        "from cleaner.html import find_url; import sys; "
        "sys.stdout.write(str(find_url('<html><head>' + '<link ' * 30000)))"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=10)
    assert p.stdout == "None"


def test_the_url_is_found_past_other_tags_and_unclosed_ones():
    from cleaner.html import find_url

    page = (
        '<html><head><link rel="stylesheet" href="https://news.example/s.css">'
        '<meta property="og:title" content="T"><link rel="canonical" href="/relative">'
        + "<link " * 100
        + '<meta property="og:url" content="https://news.example/a">'
    )
    assert find_url(page) == "https://news.example/a"
