import subprocess
import sys

import cleaner


def test_import_does_not_load_trafilatura():
    code = "import sys, cleaner; cleaner.clean('Plain text.'); print('trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_clean_returns_paragraphs_separated_by_blank_lines():
    result = cleaner.clean("First paragraph here.\r\n\r\n  Second   one.  \n")
    assert result.text == "First paragraph here.\n\nSecond one."
    assert result.kind == "text"
    assert [line.number for line in result.lines] == [1, 3]
