"""The quality gate (bench/gate.py, `make gate`): its floor arithmetic, and that the
real script fails on a regression and passes without one.

The script tests run bench/gate.py as a subprocess on a tiny sample of
../shared/bench (text path only: its start-up is a second, the HTML path's
several), against floors files of their own, never bench/gate_floors.toml.
"""

import importlib.util
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GATE = ROOT / "bench" / "gate.py"
BENCH = ROOT.parent / "shared" / "bench"
TINY = ["--tool", "text", "--every", "wcxb=150", "--every", "zyte=25", "--jobs", "1"]


def _load_floors():
    spec = importlib.util.spec_from_file_location("gate_floors", ROOT / "bench" / "floors.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


fl = _load_floors()

needs_bench = pytest.mark.skipif(
    not (BENCH / "score.py").is_file(), reason=f"no benchmark folder at {BENCH} (../shared/bench)"
)


def key(group="all", metric="f1", tool="html", corpus="wcxb"):
    return fl.Key(tool, corpus, group, metric)


# -- floors: comparison, writing, reading ----------------------------------------


def test_a_figure_below_its_floor_fails_with_one_named_line():
    forum = key("forum")
    verdict = fl.compare(
        [fl.Figure(forum, 0.4812), fl.Figure(key("article"), 0.95)],
        [fl.Floor(forum, 0.487), fl.Floor(key("article"), 0.9)],
    )
    assert not verdict.passed
    assert [f.line() for f in verdict.failures] == ["gate: html wcxb/forum F1 0.481 < floor 0.487"]


def test_recall_failures_name_recall():
    k = key(metric="recall", tool="text", corpus="zyte")
    verdict = fl.compare([fl.Figure(k, 0.5)], [fl.Floor(k, 0.9)])
    assert [f.line() for f in verdict.failures] == ["gate: text zyte/all recall 0.500 < floor 0.900"]


def test_a_figure_at_its_floor_as_printed_passes():
    k = key()
    assert fl.compare([fl.Figure(k, 0.487)], [fl.Floor(k, 0.487)]).passed
    assert fl.compare([fl.Figure(k, 0.4866)], [fl.Floor(k, 0.487)]).passed  # shows as 0.487
    assert not fl.compare([fl.Figure(k, 0.4864)], [fl.Floor(k, 0.487)]).passed  # shows as 0.486


def test_a_floor_without_a_figure_is_not_a_pass():
    verdict = fl.compare([fl.Figure(key("article"), 0.9)], [fl.Floor(key("forum"), 0.4)])
    assert not verdict.passed
    assert verdict.failures == ()
    assert verdict.unmeasured == (fl.Floor(key("forum"), 0.4),)


def test_a_figure_without_a_floor_is_reported_but_passes():
    verdict = fl.compare([fl.Figure(key("article"), 0.9)], [])
    assert verdict.passed
    assert verdict.unguarded == (fl.Figure(key("article"), 0.9),)


@pytest.mark.parametrize(
    "value, margin, floor",
    [
        (0.9186, 0.005, 0.913),
        (0.5, 0.005, 0.495),  # exact in decimal, not 0.494 through binary floats
        (0.0031, 0.005, 0.0),  # never below zero
        (1.0, 0.0, 1.0),
    ],
)
def test_floor_below_rounds_down_after_the_margin(value, margin, floor):
    assert fl.floor_below(value, margin) == floor


def test_written_floors_read_back_the_same():
    floors = fl.floors_from(
        [
            fl.Figure(key("forum", "f1"), 0.4871),
            fl.Figure(key("forum", "recall"), 0.52),
            fl.Figure(key(tool="text", corpus="zyte"), 0.926),
        ],
        margin=0.005,
    )
    text = fl.render_floors(floors, "a header\nof two lines")
    assert text.startswith("# a header\n# of two lines\n\n[html.wcxb.forum]\nf1 = 0.482\nrecall = 0.515\n")
    assert fl.parse_floors(text) == floors


@pytest.mark.parametrize(
    "text, message",
    [
        ("[html.wcxb.forum]\nprecision = 0.5\n", "html.wcxb.forum: unknown metric 'precision'"),
        ("[html.wcxb.forum]\nf1 = 1.5\n", "html.wcxb.forum.f1: 1.5 is not a number in [0, 1]"),
        ("[html.wcxb.forum]\nf1 = '0.5'\n", "html.wcxb.forum.f1: '0.5' is not a number in [0, 1]"),
        ("[html.wcxb]\nf1 = 0.5\n", "html.wcxb.f1: expected a table"),
        ("[html.wcxb.forum\n", "not TOML"),
    ],
)
def test_bad_floors_files_are_errors(text, message):
    with pytest.raises(fl.FloorsError, match=re.escape(message)):
        fl.parse_floors(text)


# -- the script, as CI runs it ---------------------------------------------------


def gate(*args, python_code=None):
    """Run bench/gate.py (or `python_code`, which runs it itself) in a fresh interpreter."""
    command = (
        [sys.executable, "-c", python_code, *args] if python_code else [sys.executable, str(GATE), *args]
    )
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_a_missing_benchmark_folder_is_an_error_not_a_pass(tmp_path):
    run = gate("--bench", str(tmp_path / "nowhere"))
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        f"gate: no benchmark at {tmp_path / 'nowhere'} (missing score.py, wcxb/gold.jsonl, "
        "zyte/gold.jsonl); pass --bench DIR"
    ]


def test_floors_from_a_partial_run_never_overwrite_the_gates_own(tmp_path):
    own = GATE.parent / "gate_floors.toml"
    before = own.read_bytes()
    run = gate("--write-floors", *TINY)
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == (
        "gate.py: error: --write-floors into the gate's own floors file needs the fixed sample "
        "and every tool (no --every, --limit or --tool)"
    )
    assert own.read_bytes() == before


@needs_bench
def test_a_bad_floors_file_is_an_error(tmp_path):
    floors = tmp_path / "floors.toml"
    floors.write_text("[text.wcxb.all]\nf1 = 2\n")
    run = gate("--floors", str(floors), *TINY)
    assert run.returncode == 2
    assert run.stderr.strip() == f"gate: floors file {floors}: text.wcxb.all.f1: 2 is not a number in [0, 1]"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Floors written by the gate from an honest run of the tiny sample, and its table."""
    floors = tmp_path_factory.mktemp("gate") / "floors.toml"
    run = gate("--write-floors", "--floors", str(floors), *TINY)
    assert run.returncode == 0, run.stderr
    return floors, run.stdout


def measured(table: str, row: str, column: str) -> str:
    """One figure of the gate's table, as printed."""
    header, *lines = table.splitlines()[1:]
    columns = header.split()
    for line in lines:
        cells = line.split()
        if " ".join(cells[:2]) == row:
            return cells[columns.index(column)]
    raise AssertionError(f"no row {row!r} in\n{table}")


@needs_bench
def test_floors_written_from_a_run_pass_that_run(written):
    floors, table = written
    assert "gate: wrote 10 floors" in table  # 2 metrics x (3 wcxb types + wcxb + zyte)
    run = gate("--floors", str(floors), *TINY)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-1] == "gate: ok, 10 figures at or above their floors"


@needs_bench
def test_a_floor_above_the_figure_fails_with_its_line(written, tmp_path):
    floors, table = written
    strict = tmp_path / "strict.toml"
    text = floors.read_text()
    strict.write_text(re.sub(r"(\[text\.wcxb\.all\]\nf1 = )[0-9.]+", r"\g<1>0.999", text))
    run = gate("--floors", str(strict), *TINY)
    assert run.returncode == 1
    f1 = measured(table, "text wcxb/all", "F1")
    assert [line for line in run.stdout.splitlines() if line.startswith("gate:")] == [
        f"gate: text wcxb/all F1 {f1} < floor 0.999"
    ]
    assert re.search(r"^text  wcxb/all .* 0\.999  BELOW$", run.stdout, re.MULTILINE)


REGRESSED = textwrap.dedent(f"""
    # The text path loses the second half of every document it cleans: a real
    # loss of content, in the library the gate runs, not in the gate's numbers.
    import runpy, sys, types
    import cleaner
    honest = cleaner.clean
    def regressed(data, **options):
        lines = honest(data, **options).text.splitlines()
        return types.SimpleNamespace(text="\\n".join(lines[: len(lines) // 2]))
    cleaner.clean = regressed
    sys.path.insert(0, {str(GATE.parent)!r})
    sys.argv[0] = {str(GATE)!r}
    runpy.run_path({str(GATE)!r}, run_name="__main__")
""")


@needs_bench
def test_a_real_regression_fails_the_gate(written):
    floors, _ = written
    run = gate("--floors", str(floors), *TINY, python_code=REGRESSED)
    assert run.returncode == 1, run.stdout + run.stderr
    failures = [line for line in run.stdout.splitlines() if line.startswith("gate:")]
    assert any(line.startswith("gate: text wcxb/all recall ") for line in failures), failures
    assert any(line.startswith("gate: text zyte/all F1 ") for line in failures), failures
    for line in failures:
        assert re.fullmatch(r"gate: text (wcxb|zyte)/\w+ (F1|recall) \d\.\d{3} < floor \d\.\d{3}", line)
