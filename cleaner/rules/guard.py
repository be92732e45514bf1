"""Every regex call the engine makes on a document, with a timeout: a rule that
times out is off for the rest of that document, and a warning note names it."""

from __future__ import annotations

import regex

from ..errors import RuleTimeout
from ..limits import settable
from ..notes import warning as warning_note
from .pattern import Pattern
from .rule import Rule

DEFAULT_TIMEOUT = 1.0  # seconds per regex call (None: no limit)


class Guard:
    """The regex calls of one document (never shared), and the rules that timed out."""

    def __init__(self, timeout: float | None):
        self.timeout = settable(timeout)
        self.off: set[str] = set()  # ids of the rules that timed out
        self.notes: list[str] = []

    def call(self, rule: Rule, pattern: Pattern | regex.Pattern, method: str, text: str):
        """`pattern.method(text)` for `rule`; None once the rule has timed out."""
        if rule.id in self.off:
            return None
        if isinstance(pattern, Pattern):
            pattern = pattern.compiled
        try:
            return getattr(pattern, method)(text, timeout=self.timeout)
        except TimeoutError:
            self.timed_out(rule)
            return None

    def findall(self, rule: Rule, text: str) -> list:
        """The non-empty matches of the rule's pattern in `text`."""
        if rule.id in self.off:
            return []
        try:
            return [
                m for m in rule.pattern.compiled.finditer(text, timeout=self.timeout) if m.end() > m.start()
            ]
        except TimeoutError:
            self.timed_out(rule)
            return []

    def timed_out(self, rule: Rule) -> None:
        self.off.add(rule.id)
        self.notes.append(warning_note(f"{RuleTimeout(rule.id, self.timeout)}; skipped for this document"))
