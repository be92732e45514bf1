"""Time limits as the library takes them: seconds, or None for no limit.

The timers that enforce a limit cannot be set to any length: the interval timer
of a document's time limit fails past about 9.2e9 s, and the regex library
takes a rule's timeout of 1e15 s or more as already expired. A limit longer
than LONGEST_TIME_LIMIT (a year; inf among them) is no limit at all.
"""

from __future__ import annotations

import math

LONGEST_TIME_LIMIT = 366 * 24 * 3600.0  # seconds


def settable(seconds: float | None) -> float | None:
    """`seconds` as a timer can be set to it: None for no limit (None, inf, or
    longer than LONGEST_TIME_LIMIT). Raises ValueError for nan."""
    if seconds is None:
        return None
    if math.isnan(seconds):
        raise ValueError("a time limit is a number of seconds, not nan")
    return None if seconds > LONGEST_TIME_LIMIT else seconds
