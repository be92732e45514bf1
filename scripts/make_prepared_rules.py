#!/usr/bin/env python3
"""Write cleaner/data/rules_prepared.json from the shipped rule files in rules/.

    python scripts/make_prepared_rules.py

Run it (and commit the file) after changing a file in rules/: a shipped file
whose text differs from the prepared one is read as any other (slower at
start-up, same results), and tests/test_rules.py fails until the file is made
again. See cleaner/rules/prepared.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from cleaner.rules.prepared import PREPARED, build  # noqa: E402


def main() -> int:
    PREPARED.write_text(build(REPO / "rules"), encoding="utf-8")
    print(f"wrote {PREPARED.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
