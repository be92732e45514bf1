"""Stage 5: generic boilerplate detection for text from sources no rule knows.

Pure: lines in, removals out. Placeholder until the detection issue lands.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Line, Removal


def detect(lines: Sequence[Line], protected: frozenset[int] = frozenset()) -> list[Removal]:
    """Return a Removal for every line judged not to be article text.

    `protected` holds line numbers that rules have marked as article text.
    """
    return []
