"""Stage 4: per-source and platform rules, kept as TOML data in rules/.

Placeholder until the rules issue lands: no rule files are read yet.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .model import Line, Removal


@dataclass(frozen=True)
class Selection:
    """The rule sets that apply to one document."""

    source: str | None = None
    rulesets: tuple = ()
    prune_xpath: tuple[str, ...] = ()
    generic: bool = True  # run generic detection after the rules


@dataclass(frozen=True)
class Outcome:
    lines: list[Line]
    removals: list[Removal] = field(default_factory=list)
    protected: frozenset[int] = frozenset()
    metadata: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # e.g. a rule that timed out and was skipped


@dataclass(frozen=True)
class RuleBook:
    rulesets: tuple = ()

    def select(self, *, url: str | None = None, text: str = "", source: str | None = None) -> Selection:
        return Selection(source=source)


ENV_VAR = "CLEANER_RULES"


def shipped_rules_dir() -> Path:
    """The rules/ folder: inside the installed package, or beside it in a source tree."""
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    return installed if installed.is_dir() else here.parent / "rules"


def user_rule_dirs(extra_dirs: Sequence[str | Path] = ()) -> list[Path]:
    """Rule folders given by the user: $CLEANER_RULES (os.pathsep-separated), then --rules."""
    env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return env + [Path(p) for p in extra_dirs]


def load_rulebook(extra_dirs: Sequence[str | Path] = ()) -> RuleBook:
    return RuleBook()


def default_rulebook() -> RuleBook:
    """The shipped rules plus the user's, loaded once per process and folder list."""
    return _cached_rulebook(tuple(str(p) for p in user_rule_dirs()))


@lru_cache(maxsize=8)
def _cached_rulebook(dirs: tuple[str, ...]) -> RuleBook:
    return load_rulebook(dirs)


def apply(selection: Selection, lines: list[Line], timeout: float = 1.0) -> Outcome:
    return Outcome(lines=list(lines))
