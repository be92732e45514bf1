import gzip
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# the installed console script, beside the interpreter running the tests
CLEANER = str(Path(sys.executable).with_name("cleaner"))

ARTICLE = (
    "The council voted on Tuesday to extend the river walk by two kilometres, "
    "after a year of public meetings.\n\n"
    "Residents who spoke at the final meeting said the new path would connect "
    "two neighbourhoods that have long been cut off from each other.\n\n"
    "Work is expected to begin in the spring and to last about eighteen months.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>River walk to grow</title>
<link rel="canonical" href="https://news.example.org/2024/river-walk"></head>
<body><nav><a href="/">Home</a> <a href="/city">City</a></nav>
<article><h1>River walk to grow</h1>
<p>The council voted on Tuesday to extend the river walk by two kilometres, after a year of public meetings.</p>
<p>Residents who spoke at the final meeting said the new path would connect two neighbourhoods that have long been cut off from each other.</p>
<p>Work is expected to begin in the spring and to last about eighteen months, the council said in a statement.</p>
</article><footer>Copyright 2024 Example News</footer></body></html>
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def invoke(runner):
    def run(*args, input=None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


@pytest.fixture
def html_gz(tmp_path):
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(HTML_PAGE.encode("utf-8")))
    return p


@pytest.fixture
def env_no_rules(monkeypatch):
    monkeypatch.delenv("CLEANER_RULES", raising=False)


def has_cleaner_script() -> bool:
    return os.path.exists(CLEANER) or shutil.which("cleaner") is not None
