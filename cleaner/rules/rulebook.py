"""The rule book: every rule file in effect (shipped, $CLEANER_RULES, --rules),
loaded and checked for unique ids, and the choice of the rule sets that apply
to one document (RuleBook.select: a source by name, URL host or fingerprint,
then every platform file)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from ..errors import CleanerError, RuleFileError
from ..hosts import ascii_host
from ..notes import warning as warning_note
from .guard import DEFAULT_TIMEOUT
from .needles import folded
from .plan import Plan
from .rule import Rule, RuleSet
from .rulefile import load_file

ENV_VAR = "CLEANER_RULES"


class Selection(NamedTuple):
    """The rule sets that apply to one document (a NamedTuple: one is made per document)."""

    source: str | None = None
    rulesets: tuple[RuleSet, ...] = ()
    prune_xpath: tuple[str, ...] = ()
    generic: bool = True  # run generic detection after the rules
    plan: Plan | None = None
    notes: tuple[str, ...] = ()  # e.g. a fingerprint that timed out
    learned: bool = False  # the source's rules were learned: detection reads the lines they remove


class RuleBook:
    """Every rule file in effect, in name order (a user file replaces the
    shipped file of the same name).

    (A plain class: it keeps the plans and fingerprints it compiled, per book.)"""

    def __init__(self, rulesets: tuple[RuleSet, ...] = ()):
        self.rulesets = rulesets
        self._memo: dict = {}  # compiled plans, built on first use

    def __repr__(self) -> str:
        return f"RuleBook({', '.join(rs.name for rs in self.rulesets)})"

    @property
    def sources(self) -> tuple[RuleSet, ...]:
        return tuple(rs for rs in self.rulesets if rs.kind == "source")

    @property
    def platforms(self) -> tuple[RuleSet, ...]:
        return tuple(rs for rs in self.rulesets if rs.kind == "platform")

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for rs in self.rulesets for r in rs.rules)

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id, or None."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def ruleset(self, name: str) -> RuleSet | None:
        """The rule file with this name (file name without .toml), or None."""
        return next((rs for rs in self.rulesets if rs.name == name), None)

    def select(
        self,
        *,
        url: str | None = None,
        text: str = "",
        source: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Selection:
        """The rules for one document: a source file chosen by name (`source`),
        else by the URL's host, else by fingerprints found in `text`; then
        every platform file. Raises CleanerError for an unknown source name."""
        notes: tuple[str, ...] = ()
        if source:
            chosen = self.ruleset(source)
            if chosen is None or chosen.kind != "source":
                known = ", ".join(rs.name for rs in self.sources) or "none"
                raise CleanerError(f"unknown source {source!r} (known sources: {known})")
        else:
            chosen = self._by_host(url) if url else None
            if chosen is None and text:
                chosen, notes = self._by_fingerprint(text, timeout)
        rulesets = ((chosen,) if chosen else ()) + self.platforms
        key = ("plan", chosen.name if chosen else None)
        plan = self._memo.get(key)
        if plan is None:
            plan = self._memo[key] = Plan.of(r for rs in rulesets for r in rs.rules)
        if chosen is None:
            return Selection(None, rulesets, plan=plan, notes=notes)
        return Selection(
            chosen.name, rulesets, chosen.prune_xpath, chosen.generic, plan, notes, learned=chosen.learned
        )

    def _by_host(self, url: str) -> RuleSet | None:
        """The source whose domain is the URL's host or a parent of it (the longest wins);
        for a learned source, the host itself (with or without "www.")."""
        try:
            host = ascii_host((urlsplit(url.strip()).hostname or "").rstrip("."))
        except ValueError:
            return None
        best, best_len = None, 0
        for rs in self.sources:
            for domain in rs.domains:
                # a learned file knows the pages of its own host only (www. aside), not its subdomains'
                if rs.learned and host.removeprefix("www.") != domain:
                    continue
                if (host == domain or host.endswith("." + domain)) and len(domain) > best_len:
                    best, best_len = rs, len(domain)
        return best

    def _by_fingerprint(self, text: str, timeout: float) -> tuple[RuleSet | None, tuple[str, ...]]:
        """The source whose fingerprint occurs first in the text (ties: name order)."""
        notes, best, best_at = [], None, len(text) + 1
        text_folded = folded(text)
        for rs in self.sources:
            if rs.fingerprints is None:
                continue
            # one by one (faster than joined), and only those that may match (needles.py)
            for fingerprint in rs.fingerprints.alternatives_in(text_folded):
                try:
                    # Only text before the best match so far can still win.
                    m = fingerprint.search(text, 0, best_at, timeout=timeout)
                except TimeoutError:
                    notes.append(
                        warning_note(
                            f"a fingerprint of source {rs.name} timed out after {timeout:g}s; not used"
                        )
                    )
                    continue
                if m and m.start() < best_at:
                    best, best_at = rs, m.start()
        return best, tuple(notes)


def shipped_rules_dir() -> Path:
    """The rules/ folder: inside the installed package, or beside it in a source tree."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "_rules"
    return installed if installed.is_dir() else here.parent / "rules"


def user_rule_dirs(extra_dirs: Sequence[str | Path] = ()) -> list[Path]:
    """Rule folders given by the user: $CLEANER_RULES (os.pathsep-separated), then --rules."""
    env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return env + [Path(p) for p in extra_dirs]


def rule_files(extra_dirs: Sequence[str | Path] = ()) -> list[tuple[Path, str]]:
    """(path, origin) of every rule file in effect: the shipped folder, then each
    folder of `extra_dirs` in order; a later file replaces an earlier one of the
    same name. Sorted by name. Raises RuleFileError for a folder that is missing or
    is not a folder."""
    chosen: dict[str, tuple[Path, str]] = {}
    folders = [(shipped_rules_dir(), "shipped")] + [(Path(d), "user") for d in extra_dirs]
    for folder, origin in folders:
        if not folder.is_dir():
            raise RuleFileError(str(folder), "not a folder" if folder.exists() else "no such rule folder")
        for path in sorted(folder.glob("*.toml")):
            if not path.name.startswith("."):
                chosen[path.name.removesuffix(".toml")] = (path, origin)
    return [chosen[name] for name in sorted(chosen)]


def load_rulebook(extra_dirs: Sequence[str | Path] = ()) -> RuleBook:
    """The shipped rules plus the rule folders in `extra_dirs` (read in that
    order; the environment is not read here: pass user_rule_dirs(...))."""
    rulesets = tuple(load_file(path, origin) for path, origin in rule_files(extra_dirs))
    unique_ids(rulesets)
    return RuleBook(rulesets)


def unique_ids(rulesets: Iterable[RuleSet]) -> None:
    """Refuse an id used twice, naming the user's file rather than the shipped one."""
    errors = duplicate_ids(rulesets)
    if errors:
        raise errors[0]


def duplicate_ids(rulesets: Iterable[RuleSet]) -> list[RuleFileError]:
    """Each use of an id after its first, as an error naming the user's file rather than
    the shipped one."""
    first: dict[str, str] = {}
    errors = []
    for rs in sorted(rulesets, key=lambda rs: rs.origin == "shipped", reverse=True):
        for rule in rs.rules:
            if rule.id in first:
                errors.append(
                    RuleFileError(rs.path, f"duplicate rule id (also in {first[rule.id]})", rule.id)
                )
            else:
                first[rule.id] = rs.path
    return errors


def default_rulebook() -> RuleBook:
    """The shipped rules plus the user's, loaded once per process and folder list."""
    return _cached_rulebook(tuple(str(p) for p in user_rule_dirs()))


@lru_cache(maxsize=8)
def _cached_rulebook(dirs: tuple[str, ...]) -> RuleBook:
    return load_rulebook(dirs)
