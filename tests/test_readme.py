"""The README says only what is true: every command of its Usage section runs
(on inputs built from samples/ in a temporary folder), every `$ command` shown
with its output prints that output, and its Library session runs as a doctest.
--help texts are not cut short and name every exit status."""

import doctest
import gzip
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CLEANER, ROOT, SAMPLES

README = (ROOT / "README.md").read_text(encoding="utf-8")
BENCH = ROOT.parent / "shared" / "bench"
MARKDOWN_PAGE = """\
[Home](/) [News](/news) [Sport](/sport)

# Harbour town opens tidal station

The small harbour town of **Vestvik** switched on its first tidal power station on Monday, \
the [council](https://example.com/council) said in a statement.

The station cost 12 million euros and was paid for by the town and the region, the \
[mayor](https://example.com/mayor) said.

See the [map](https://example.com/map) of the fjord.
"""


def section(title: str) -> str:
    """The README's text from a heading to the next heading of any level."""
    start = README.index(f"\n{title}\n") + len(title) + 2
    end = re.compile(r"^#{2,3} ", re.MULTILINE).search(README, start)
    return README[start : end.start() if end else len(README)]


def usage_commands() -> list[str]:
    """The commands of the Usage section's first code block, without their comments."""
    text = section("## Usage")
    block = re.search(r"\n\n((?:    .*\n)+)", "\n" + text).group(1)
    commands = []
    for line in block.splitlines():
        command = re.sub(r"\s+# .*$", "", line.strip())
        commands.append(command)
    return commands


def shown_examples() -> list[tuple[str, list[str]]]:
    """Every `    $ command` in the README, with the output lines shown under it."""
    lines = README.splitlines()
    found = []
    for k, line in enumerate(lines):
        if not line.startswith("    $ "):
            continue
        out = []
        for after in lines[k + 1 :]:
            if after.startswith("    $ ") or (after and not after.startswith("    ")):
                break
            out.append(after[4:])
        while out and not out[-1].strip():
            out.pop()
        found.append((line[6:], out))
    return found


def env() -> dict:
    return {
        **os.environ,
        "PATH": str(Path(CLEANER).parent) + os.pathsep + os.environ["PATH"],
        "COLUMNS": "80",
        "NO_COLOR": "1",
    }


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """A folder holding every input the Usage section names, made from samples/ and tests/."""
    where = tmp_path_factory.mktemp("usage")
    raws = sorted((SAMPLES / "raw").glob("*.txt"))
    shutil.copy(raws[1], where / "article.txt")
    page = (ROOT / "tests" / "page_formats.html").read_bytes()
    (where / "page.html").write_bytes(page)
    (where / "page.html.gz").write_bytes(gzip.compress(page))
    (where / "page.md").write_text(MARKDOWN_PAGE, encoding="utf-8")
    raw = where / "raw"
    (raw / "more").mkdir(parents=True)
    for p in raws[:3]:
        shutil.copy(p, raw / p.name)
    shutil.copy(raws[3], raw / "more" / raws[3].name)
    (raw / "page.html").write_bytes(page)
    with open(where / "dump.jsonl", "w", encoding="utf-8") as f:
        for n, p in enumerate(raws[:3]):
            f.write(json.dumps({"id": n, "text": p.read_text(encoding="utf-8")}) + "\n")
    for host in ("news.example.com", "shop.example.org"):  # a folder per host: rules learn
        (where / "pages" / host).mkdir(parents=True)
        for p in raws[:3]:  # the site's template around each story
            body = p.read_text(encoding="utf-8")
            (where / "pages" / host / p.name).write_text(
                f"Home | News | Sport | Contact\nSubscribe to our newsletter\n{body}\n"
                f"Follow {host} on social media\n(c) 2024 {host}. All rights reserved.\n",
                encoding="utf-8",
            )
    (where / "my-rules").mkdir()
    shutil.copy(ROOT / "rules" / "wordpress.toml", where / "my-rules" / "wordpress.toml")
    return where


def test_the_usage_section_names_commands():
    commands = usage_commands()
    assert len(commands) >= 15
    assert all(c.startswith(("cleaner ", "cat ")) for c in commands)


@pytest.mark.parametrize("command", usage_commands())
def test_every_usage_command_runs(inputs, command):
    """Exit status 0, and output: on stdout, in the file it is sent to, or in its -o folder."""
    p = subprocess.run(["bash", "-c", command], cwd=inputs, env=env(), capture_output=True, timeout=120)
    assert p.returncode == 0, (command, p.stderr.decode())
    assert "Traceback" not in p.stderr.decode()
    redirect = re.search(r">\s*(\S+)\s*$", command)
    out_dir = re.search(r"-o\s+(\S+)", command)
    if redirect:
        assert (inputs / redirect.group(1)).stat().st_size > 0, command
    elif out_dir:
        assert any(f.stat().st_size > 0 for f in (inputs / out_dir.group(1)).rglob("*")), command
    else:
        assert p.stdout.strip(), command


def _matches(shown: str, actual: str) -> bool:
    """A line as the README shows it: whole, or cut short with an ellipsis."""
    if shown.endswith("…"):
        return actual.rstrip().startswith(shown[:-1].rstrip())
    return shown.rstrip() == actual.rstrip()


def _elided(line: str) -> bool:
    return line.strip() in ("...", "…")


@pytest.mark.parametrize("command, shown", shown_examples(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_example_prints_what_the_readme_shows(tmp_path, command, shown):
    if "../shared/bench" in command and not BENCH.exists():
        pytest.skip("no benchmark corpus beside the repository")
    for name in ("tests", "samples"):
        (tmp_path / name).symlink_to(ROOT / name)
    command = command.replace("../shared/bench", str(BENCH))
    p = subprocess.run(
        ["bash", "-c", "{ " + command + "; } 2>&1"], cwd=tmp_path, env=env(), capture_output=True, timeout=300
    )
    actual = p.stdout.decode("utf-8").splitlines()
    assert p.returncode == 0, (command, actual)
    if "--format jsonl" in command:  # one record, shown wrapped: its fields must agree
        rec = json.loads(actual[0])
        text = "\n".join(shown)
        for key, value in re.findall(r'"(\w+)": ("[^"…]*"|null)', text):
            if key in rec and key not in ("id", "category", "line", "kind", "chars"):
                assert rec[key] == json.loads(value), key
        return
    if " -o " in command:  # a batch: its summary, the time and rate aside

        def untimed(line):
            return re.sub(r"in [\d.]+s \([\d.]+ docs/s\)", "in Ts (R docs/s)", line)

        assert [untimed(x) for x in actual] == [untimed(x) for x in shown]
        return
    expected = [line for line in shown if not _elided(line)]
    if len(expected) == len(shown):
        assert len(actual) == len(shown), (command, actual)
    at = 0
    for line in expected:
        while at < len(actual) and not _matches(line, actual[at]):
            at += 1
        assert at < len(actual), (command, line, actual)
        at += 1


def test_the_library_session_runs():
    text = section("## Library")
    # prose between two code blocks ends the one above (its expected output)
    session = "\n".join(line[4:] if line.startswith("    ") else "" for line in text.splitlines())
    assert ">>> from cleaner import clean" in session
    test = doctest.DocTestParser().get_doctest(session, {}, "README Library", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        runner.run(test)
    finally:
        os.chdir(old)
    assert runner.summarize(verbose=False).failed == 0
    assert runner.summarize(verbose=False).attempted >= 8


@pytest.mark.parametrize("args", [[], ["rules"]])
def test_command_lists_are_not_cut_short(args):
    """click cuts a command's docstring short to fit the list; short_help= is never cut."""
    p = subprocess.run(
        [CLEANER, *args, "--help"], capture_output=True, text=True, env={**env(), "COLUMNS": "60"}
    )
    listed = p.stdout.split("Commands:\n", 1)[1]
    assert "..." not in listed
    for line in listed.splitlines():
        assert line.rstrip().endswith("."), line


def test_help_names_every_exit_status():
    p = subprocess.run([CLEANER, "clean", "--help"], capture_output=True, text=True, env=env())
    text = " ".join(p.stdout.split())
    for status in ("0 when", "1 when", "2 for", "3 when", "4 when", "130 when", "141 when"):
        assert status in text
    statuses = re.findall(r"^\| (\d+) ", section("### Exit status"), re.MULTILINE)
    assert statuses == ["0", "1", "2", "3", "4", "130", "141"]


def test_the_shipped_rules_table_names_every_shipped_rule():
    """docs/rules.md's table of shipped rules lists each file's rules as the file has them."""
    import tomllib

    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    table = doc.split("## Shipped rules", 1)[1]
    listed = {
        row.group(1): re.findall(r"`([^`]+)`", row.group(2))
        for row in re.finditer(r"^\| `([^`]+\.toml)` \|[^|]*\| (.*) \|$", table, re.MULTILINE)
    }
    shipped = {
        path.name: [rule["id"] for rule in tomllib.loads(path.read_text(encoding="utf-8")).get("rules", [])]
        for path in sorted((ROOT / "rules").glob("*.toml"))
    }
    assert listed == shipped
