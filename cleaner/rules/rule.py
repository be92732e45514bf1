"""What a rule file holds once read: its rules (Rule, with a Block for block rules)
and the file itself (RuleSet); and a rule in plain text, for `cleaner rules show`.

rulefile.py makes these from TOML; the engine applies them.
"""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

import regex

from .pattern import FLAGS, Pattern

# What a rule does, by the key that holds its pattern. Exactly one per rule.
KINDS = ("line", "fragment", "block", "cut_before", "cut_from", "protect")


class Block:
    """A run of lines: a `start` line, then lines matching `inside`, up to an
    `end` line (inclusive). Without `end`, the run stops at the first line
    that does not match `inside`. (A plain class, as Pattern: it keeps `step`
    once compiled.)"""

    def __init__(
        self, start: Pattern, end: Pattern | None, inside: Pattern | None, max_lines: int, min_lines: int
    ):
        self.start = start
        self.end = end
        self.inside = inside
        self.max_lines = max_lines
        self.min_lines = min_lines

    def __repr__(self) -> str:
        return f"Block(start={self.start!r}, end={self.end!r}, inside={self.inside!r})"

    @cached_property
    def step(self) -> regex.Pattern | None:
        """`end` (group _end) or `inside`, tried in one call; None unless both embed."""
        if self.end is None or self.inside is None or not self.end.embed or not self.inside.embed:
            return None
        return regex.compile(f"(?P<_end>{self.end.embed})|{self.inside.embed}", FLAGS)


class Rule(NamedTuple):
    """One rule of a rule file: what it matches (`kind`, its pattern or block), where
    (`within`, `prev`, `next`, `skip_if`), why, and its examples. (Rule and RuleSet are
    NamedTuples: immutable records, a tenth of a frozen dataclass's cost at import.)"""

    id: str
    category: str
    why: str
    kind: str  # one of KINDS
    pattern: Pattern | None  # None for blocks
    block: Block | None
    within: int | None  # applies only to the first `within` lines
    prev: Pattern | None  # the line before must match
    next: Pattern | None  # the line after must match
    skip_if: Pattern | None  # found anywhere in the document: the rule is off
    remove_examples: tuple[str, ...]
    keep_examples: tuple[str, ...]
    ruleset: str  # the name of the file that holds it
    path: str
    origin: str  # "shipped" or "user"
    scope: str  # the file's kind: "source" or "platform"

    @property
    def trigger(self) -> Pattern:
        """The pattern that decides where the rule starts acting."""
        return self.block.start if self.block is not None else self.pattern

    @property
    def patterns(self) -> dict[str, Pattern]:
        """Every pattern of the rule by its key, for display."""
        out: dict[str, Pattern] = {}
        if self.block is not None:
            for key in ("start", "inside", "end"):
                if getattr(self.block, key) is not None:
                    out[f"block.{key}"] = getattr(self.block, key)
        else:
            out[self.kind] = self.pattern
        for key in ("prev", "next", "skip_if"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


class RuleSet(NamedTuple):
    """One rule file. `kind` is "source" (applies to one site) or "platform"
    (applies to every document)."""

    name: str  # the file name without .toml: a site's domain for sources
    path: str
    origin: str
    kind: str
    description: str
    rules: tuple[Rule, ...]
    domains: tuple[str, ...] = ()
    fingerprints: Pattern | None = None
    prune_xpath: tuple[str, ...] = ()
    generic: bool = True
    learned: bool = False  # written by `cleaner rules learn`: its removals add to generic detection's


def describe(rule: Rule) -> str:
    """A rule in plain text, for `cleaner rules show ID`: id, category, file,
    kind, pattern(s), why and examples."""
    kind = rule.kind
    if rule.block is not None:
        kind += f" ({rule.block.min_lines} to {rule.block.max_lines} lines)"
    if rule.within:
        kind += f", first {rule.within} line{'s' if rule.within > 1 else ''} only"
    out = [
        f"id:        {rule.id}",
        f"category:  {rule.category}",
        f"file:      {rule.path} ({rule.scope} {rule.ruleset!r}, {rule.origin})",
        f"kind:      {kind}",
    ]
    for key, pattern in rule.patterns.items():
        if len(pattern.sources) == 1:
            out.append(f"{key + ':':<10} {pattern.sources[0].strip()}")
        else:
            out.append(f"{key}:")
            out.extend(f"  - {source}" for source in pattern.sources)
    out.append(f"why:       {rule.why}")
    for label, examples in (("remove", rule.remove_examples), ("keep", rule.keep_examples)):
        out.append(f"examples.{label}:")
        for example in examples:
            first, *more = example.splitlines() or [""]
            out.append(f"  - {first}")
            out.extend(f"    {line}" for line in more)
    return "\n".join(out)
