"""Where a document's rules may act, found by scanning the whole document once per
pattern rather than trying every rule on every line.

Each `protect` and `fragment` pattern is searched over the document on its
own; all whole-line patterns together, in the plan's one alternation (see
Plan). The engine then looks, rule by rule, at the lines these scans hit
only (`Scan.lines`, `Scan.candidates`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate, repeat
from operator import add

import regex

from .guard import Guard
from .plan import SEARCHED, Plan, Stage
from .rule import Rule


class Scan:
    """The scans of one document: which lines each stage must look at, and which
    rules to try on each.

    `found[s]`, for a searched stage, maps a line to the positions of the
    rules found on it; `lined` maps a line to (stage, position) of the first
    whole-line rule found on it. If the whole-line scan times out
    (`fallback`), whole-line rules are tried on every line instead.
    """

    def __init__(self, plan: Plan, texts: list[str], doc: str, guard: Guard):
        self.plan = plan
        self.layout = layout = plan.layout
        self.texts = texts
        self.n = len(texts)
        self.guard = guard
        self.doc = doc  # every line preceded by "\n"
        self.starts = list(accumulate(map(add, map(len, texts[:-1]), repeat(1)), initial=1))
        self.fallback = False
        self.found: dict[int, dict[int, list[int]]] = {s: {} for s in SEARCHED}
        for s in SEARCHED:
            for j in layout.scanned[s]:
                rule = plan.stages[s][j]
                for idx, _ in self._sweep(rule.pattern.compiled, rule):
                    self.found[s].setdefault(idx, []).append(j)
        self.lined: dict[int, tuple[int, int]] = {}
        if layout.lined is not None:
            for idx, m in self._sweep(layout.scanner(), None, lined=True):
                hit = None if self.fallback else self._whole_line_rule(m)
                if hit is None:  # a timeout: every line gets every rule instead
                    break
                self.lined.setdefault(idx, hit)

    def _sweep(
        self, pattern: regex.Pattern, rule: Rule | None, lined: bool = False
    ) -> list[tuple[int, object]]:
        """(line index, match) of the first match on each line, over the whole document.

        A scan that times out names its rule; the whole-line scan, shared by
        many rules, switches to trying them line by line instead."""
        found: list[tuple[int, object]] = []
        pos, last = 0, -1
        while True:
            restart = None
            try:
                for m in pattern.finditer(self.doc, pos, timeout=self.guard.timeout):
                    # A whole-line match starts at the "\n" before its line.
                    idx = max(0, bisect_right(self.starts, m.start() + lined) - 1)
                    if idx != last:
                        found.append((idx, m))
                        last = idx
                    if self.doc.find("\n", m.start() + lined, m.end()) >= 0:
                        restart = idx + 1  # the match ran into the next line: look at that line afresh
                        break
            except TimeoutError:
                if rule is None:
                    self.fallback = True
                else:
                    self.guard.timed_out(rule)
                return found
            if restart is None or restart >= self.n:
                return found
            pos = self.starts[restart] - lined

    def _whole_line_rule(self, m) -> tuple[int, int] | None:
        """(stage, position) of the first whole-line rule that matches where the
        scan found `m`: the grouped pattern, run at that one position, names it."""
        if m.re is not self.layout.lined:
            try:
                m = self.layout.lined.match(self.doc, m.start(), timeout=self.guard.timeout)
            except TimeoutError:
                m = None
            if m is None:  # a timeout (or, should it ever happen, no rule found there)
                self.fallback = True
                return None
        return self.layout.groups[m.lastgroup]

    def _first(self, idx: int, s: int) -> int | None:
        """Position in whole-line stage s of the first scanned rule that may act
        on line idx (None: none can)."""
        if self.fallback:
            return 0
        hit = self.lined.get(idx)
        if hit is None or hit[0] > s:
            return None
        if hit[0] == s:
            return hit[1]
        if self.layout.cut_tester is None:  # a claim rule matched first: ask the cut rules
            return None
        try:
            m = self.layout.cut_tester.search(self.texts[idx], timeout=self.guard.timeout)
        except TimeoutError:
            self.fallback = True
            return 0
        return None if m is None else self.layout.groups[m.lastgroup][1]

    def candidates(self, idx: int, s: int) -> list[Rule]:
        """The rules of stage s to try on line idx, in order."""
        stage, direct = self.plan.stages[s], self.layout.direct[s]
        if s in SEARCHED:
            positions = (
                sorted({*direct, *self.found[s].get(idx, ())}) if direct else self.found[s].get(idx, ())
            )
            return [stage[j] for j in positions]
        first = self._first(idx, s)
        if first is None:
            return [stage[j] for j in direct]
        return [stage[j] for j in direct if j < first] + list(stage[first:])

    def lines(self, s: int) -> Iterator[int]:
        """The lines stage s must look at, top to bottom."""
        if self.fallback and s not in SEARCHED:
            yield from range(self.n)
            return
        reach = self.layout.reach[s]
        if s in SEARCHED:
            todo = set(self.found[s])
        elif s == Stage.CLAIM:
            todo = {i for i, (hs, _) in self.lined.items() if hs == Stage.CLAIM}
        else:
            todo = set(self.lined)
        todo.update(range(self.n if reach is None else min(reach, self.n)))
        seen = set()
        for idx in sorted(todo):
            seen.add(idx)
            yield idx
            if self.fallback and s not in SEARCHED:  # a tester timed out: look at everything left
                yield from (i for i in range(idx + 1, self.n) if i not in seen)
                return
