"""Library log records kept off the command's stderr (cleaner/logs.py)."""

import subprocess
import sys


def test_the_command_quiets_library_logs_only_once_the_html_stage_loads():
    """Plain text never imports logging; HTML gets a root NullHandler before trafilatura
    loads, so its warnings never reach the command's stderr (cleaner/logs.py)."""
    probe = (
        "import sys\n"
        "from cleaner import logs\n"
        "logs.quiet_library_logs()\n"
        "import cleaner\n"
        "cleaner.clean('Some text.\\nShare on Facebook', kind='text')\n"
        "print('logging' in sys.modules)\n"
        "import cleaner.html, logging\n"
        "print([type(h).__name__ for h in logging.getLogger().handlers])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.split("\n")[:2] == ["False", "['NullHandler']"], done.stderr
