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
# the command as that script starts it, run from the code under test (as imported here:
# PYTHONPATH, a checkout), for tests of its real stdout, stderr and exit status
CLEANER_HERE = (sys.executable, "-c", "from cleaner._entry import main; main()")

ARTICLE = (
    "The council voted on Tuesday to extend the river walk by two kilometres, "
    "after a year of public meetings.\n\n"
    "Residents who spoke at the final meeting said the new path would connect "
    "two neighbourhoods that have long been cut off from each other.\n\n"
    "Work is expected to begin in the spring and to last about eighteen months.\n"
)

# a short news story with a comment thread under it, one block per item
COMMENTED_STORY = (
    "The town council has agreed to buy the old mill on the river and turn it into a community "
    "centre with a library, a caf\u00e9 and rooms for local clubs.",
    "The building has been empty for almost fifteen years and several plans to convert it into "
    "flats have failed.",
    "The mayor said the town would pay for the work with a regional grant and a loan, and that "
    "the centre should open in two years.",
    "12 Comments",
    "jsmith says:\nMarch 3, 2024 at 9:15 am\n"
    "I have lived here for twenty years and this is the first time anyone has listened to us.\nReply",
    "anna_k says:\nMarch 3, 2024 at 10:02 am\nGreat news, but I will believe it when I see it.\nReply",
    "Leave a Reply\nYour email address will not be published. Required fields are marked *",
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
