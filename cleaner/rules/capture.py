"""Document metadata that rules capture: a named group `title`, `date`, `author`
or `sitename` in a rule's pattern (pattern.METADATA_GROUPS), its value tidied, a
date written as ISO."""

from __future__ import annotations

import re
from datetime import datetime

import regex

from .pattern import METADATA_GROUPS

_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[ T])")  # re: compiles faster than regex


def capture(m, metadata: dict[str, str]) -> None:
    """Add to `metadata` what the match's metadata groups hold (the first value of each wins)."""
    groups = m.re.groupindex
    if not groups:
        return
    for name in METADATA_GROUPS:
        if name in groups and name not in metadata:
            value = m.group(name)
            if value and value.strip():
                value = " ".join(value.split())
                metadata[name] = normalise_date(value) if name == "date" else value


def normalise_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD) for the common ways of writing one; the time
    of day is dropped. Anything else comes back as written."""
    m = _ISO_DATE.match(value)
    if m:
        try:
            return datetime(*map(int, m.groups())).date().isoformat()
        except ValueError:
            return value
    cleaned = regex.sub(r"(?<=\d)(?:st|nd|rd|th)\b|[,.]", " ", value)
    cleaned = " ".join(regex.sub(r"\bSept\b", "Sep", cleaned).split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return value
