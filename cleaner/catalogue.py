"""The catalogue of built-in removal ids: what generic detection (``detect:*``), the
HTML stage (``html:*``) and the clean options (``option:*``) write in a removal's
`by`, each with its category, why and an example. Kept as data in
cleaner/data/catalogue.toml; rule ids live in their rule files instead."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from .errors import CleanerError

# The stage that makes the removals of each id prefix (as explain.STAGES names them).
STAGES = {"detect": "generic detection", "html": "HTML block judging", "option": "clean options"}
_KEYS = {"category", "why", "example"}


@dataclass(frozen=True)
class Entry:
    id: str
    category: str
    why: str
    example: str

    @property
    def stage(self) -> str:
        return STAGES[self.id.split(":", 1)[0]]


def load() -> dict[str, Entry]:
    """Every built-in id, in the catalogue's order. A malformed catalogue raises
    CleanerError (an unknown key, a missing one, an id of no known stage)."""
    text = resources.files("cleaner").joinpath("data/catalogue.toml").read_text(encoding="utf-8")
    return parse(text)


def parse(text: str) -> dict[str, Entry]:
    entries = {}
    for entry_id, fields in tomllib.loads(text).items():
        prefix = entry_id.split(":", 1)[0]
        if ":" not in entry_id or prefix not in STAGES:
            raise CleanerError(f"catalogue: {entry_id!r} is not of the form {'|'.join(STAGES)}:NAME")
        if not isinstance(fields, dict) or set(fields) != _KEYS:
            raise CleanerError(
                f"catalogue: {entry_id!r} must have exactly the keys {', '.join(sorted(_KEYS))}"
            )
        entries[entry_id] = Entry(entry_id, fields["category"], fields["why"], fields["example"])
    return entries


def describe(entry: Entry) -> str:
    """An entry in plain text, for `cleaner rules show ID`, laid out as a rule is."""
    return "\n".join(
        [
            f"id:        {entry.id}",
            f"category:  {entry.category}",
            f"stage:     {entry.stage} (built in)",
            f"why:       {entry.why}",
            "example:",
            f"  - {entry.example}",
        ]
    )
