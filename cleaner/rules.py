"""Stage 4: per-source and platform rules, kept as TOML data in rules/.

A RuleBook holds every rule file (rulefile.py reads them). For one document,
RuleBook.select() picks the source file that fits (by URL host, by
fingerprints found in the text, or by name) plus every platform file, and
apply() runs their rules over the document's lines:

1. `protect` rules mark lines that no rule and no detector may remove;
2. `block` and `line` rules remove lines, top to bottom (blocks first);
3. `cut_from` / `cut_before` rules remove everything after / before a marker;
4. `fragment` rules cut text out of the lines still there.

Speed: rules are not tried line by line. Each `protect` and `fragment`
pattern is searched once over the whole document, and all whole-line
patterns together in one alternation (see Plan); only the lines these scans
hit are then looked at rule by rule. Every regex call carries a timeout; a
rule that times out is skipped for the rest of the document and named in
Outcome.notes.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import IntEnum
from functools import cached_property, lru_cache
from itertools import accumulate, compress, count, repeat
from operator import add, attrgetter, not_
from pathlib import Path
from urllib.parse import urlsplit

import regex

from .errors import CleanerError, RuleFileError, RuleTimeout
from .model import Line, Removal
from .notes import warning as warning_note
from .rulefile import FLAGS, METADATA_GROUPS, Pattern, Rule, RuleSet, load_file, scoped
from .text.segment import segment

ENV_VAR = "CLEANER_RULES"
DEFAULT_TIMEOUT = 1.0  # seconds per regex call

HITS_AFTER = 3  # documents a plan scans with `lined` before it compiles `hits` (see Plan)
MAX_FRAGMENT_PASSES = 4  # fragment rules try a line again after a cut, until none cuts


class Stage(IntEnum):
    """apply()'s four passes over a document's lines, in this order (an index into
    Plan.stages); a rule's kind decides its stage (_STAGE_OF)."""

    PROTECT = 0  # protect rules mark article text, which nothing after may remove
    CLAIM = 1  # whole lines and blocks of lines
    CUT = 2  # cut_before, cut_from: everything above or below a marker line
    FRAGMENT = 3  # pieces of lines


_STAGE_OF = {
    "protect": Stage.PROTECT,
    "block": Stage.CLAIM,
    "line": Stage.CLAIM,
    "cut_before": Stage.CUT,
    "cut_from": Stage.CUT,
    "fragment": Stage.FRAGMENT,
}
# stages whose patterns are searched in a line; the others match whole lines
_SEARCHED = (Stage.PROTECT, Stage.FRAGMENT)


def worth_keeping(text: str) -> bool:
    """Whether what fragments left of a line has a letter or digit (else the line goes)."""
    return any(ch.isalnum() for ch in text)


@dataclass(frozen=True, eq=False)
class Plan:
    """The rules of one selection, compiled for fast application.

    `stages[s]` lists the rules of stage s in application order. Rules are
    found in one pass over the whole document each: `protect` and `fragment`
    rules by their own pattern, whole-line rules (`line`, `block` starts,
    cut markers) together by `lined`, where each line is preceded by "\n", a
    literal the engine finds fast, so that patterns are tried at line starts
    only. Rules with `within`, or whose pattern cannot be embedded, are tried
    line by line on the lines they reach (`direct`, `reach`).

    The document is scanned with `hits` rather than `lined`: the same
    patterns, split into their alternatives, each led by "\n" and without
    the named groups. The engine quickly drops an alternative whose first
    characters do not fit the line, where in `lined` it enters every
    rule's group on every line: the scan takes about a fifth less time.
    `hits` matches where `lined` matches (the order of alternatives does not
    change whether one matches); `lined` then names the rule at those few
    places only. Compiling `hits` costs as much as compiling `lined`, more
    than scanning a few documents with `lined` saves: it is compiled for the
    plan's HITS_AFTER-th document, so one document never pays for it.
    """

    stages: tuple[tuple[Rule, ...], ...]
    lined: regex.Pattern | None
    leaves: tuple[str, ...]  # the alternatives of `hits` (see above)
    groups: dict[str, tuple[int, int]]  # group name in `lined` -> (stage, position in stage)
    cut_tester: regex.Pattern | None  # the cut markers of `lined`, for one line
    scanned: tuple[tuple[int, ...], ...]  # per stage: positions of the rules found by scanning
    direct: tuple[tuple[int, ...], ...]  # per stage: positions of the rules tried line by line
    reach: tuple[int | None, ...]  # per stage: how many top lines direct rules reach (None: all)
    uses: Iterator[int] = field(default_factory=count, compare=False, repr=False)  # documents scanned

    @cached_property
    def hits(self) -> regex.Pattern | None:
        """Where `lined` matches, found faster (see above)."""
        if self.lined is None:
            return None
        # A repeated alternative can only fail where its first copy failed.
        return _compile_alternation([f"\n{leaf}$" for leaf in dict.fromkeys(self.leaves)]) or self.lined

    def scanner(self) -> regex.Pattern | None:
        """What to scan the next document with: `lined` for the first documents, then `hits`."""
        return self.hits if next(self.uses) >= HITS_AFTER else self.lined

    @classmethod
    def of(cls, rules: Iterable[Rule]) -> Plan:
        stages: list[list[Rule]] = [[] for _ in Stage]
        for rule in rules:
            stages[_STAGE_OF[rule.kind]].append(rule)
        stages[Stage.CLAIM].sort(key=lambda r: r.kind != "block")  # blocks before lines, order kept
        groups: dict[str, tuple[int, int]] = {}
        pieces: dict[int, list[str]] = {Stage.CLAIM: [], Stage.CUT: []}
        leaves: list[str] = []  # each alternative of each scanned whole-line pattern
        scanned: list[list[int]] = [[] for _ in Stage]
        direct: list[list[int]] = [[] for _ in Stage]
        reach: list[int | None] = [0 for _ in Stage]
        for s, rules_s in enumerate(stages):
            for j, rule in enumerate(rules_s):
                embed = rule.trigger.embed
                if embed is None or rule.within is not None:
                    direct[s].append(j)
                    reach[s] = None if rule.within is None or reach[s] is None else max(reach[s], rule.within)
                    continue
                scanned[s].append(j)
                if s not in _SEARCHED:
                    groups[f"_{s}_{j}"] = (s, j)
                    pieces[s].append(f"(?P<_{s}_{j}>{embed}$)")
                    leaves.extend(scoped(source) for source in rule.trigger.sources)
        lined = _compile_alternation(pieces[Stage.CLAIM] + pieces[Stage.CUT], "\n(?:{})")
        if lined is None and groups:  # the pieces did not combine (should not happen)
            for s in (Stage.CLAIM, Stage.CUT):
                direct[s], scanned[s], reach[s] = list(range(len(stages[s]))), [], None
            groups = {}
        return cls(
            tuple(tuple(r) for r in stages),
            lined,
            tuple(leaves),
            groups,
            _compile_alternation(pieces[Stage.CUT], "^(?:{})"),
            tuple(map(tuple, scanned)),
            tuple(map(tuple, direct)),
            tuple(reach),
        )

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for stage in self.stages for r in stage)


def _compile_alternation(pieces: list[str], frame: str = "{}") -> regex.Pattern | None:
    if not pieces:
        return None
    try:
        return regex.compile(frame.format("|".join(pieces)), FLAGS)
    except regex.error:
        return None


@dataclass(frozen=True)
class Selection:
    """The rule sets that apply to one document."""

    source: str | None = None
    rulesets: tuple[RuleSet, ...] = ()
    prune_xpath: tuple[str, ...] = ()
    generic: bool = True  # run generic detection after the rules
    plan: Plan | None = field(default=None, compare=False, repr=False)
    notes: tuple[str, ...] = ()  # e.g. a fingerprint that timed out
    learned: bool = False  # the source's rules were learned: detection reads the lines they remove


@dataclass(frozen=True)
class Outcome:
    lines: list[Line]
    removals: list[Removal] = field(default_factory=list)
    protected: frozenset[int] = frozenset()
    metadata: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # e.g. a rule that timed out and was skipped


@dataclass(frozen=True)
class RuleBook:
    """Every rule file in effect, in name order (a user file replaces the
    shipped file of the same name)."""

    rulesets: tuple[RuleSet, ...] = ()
    # Compiled plans and fingerprints, built on first use (per book, not global).
    _memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

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
            host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
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
        for rs in self.sources:
            if rs.fingerprints is None:
                continue
            for fingerprint in rs.fingerprints.alternatives:  # one by one: faster than joined
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


def apply(selection: Selection, lines: Sequence[Line], timeout: float = DEFAULT_TIMEOUT) -> Outcome:
    """Run the selected rules over the lines of one document."""
    plan = selection.plan or Plan.of(r for rs in selection.rulesets for r in rs.rules)
    lines = list(lines)
    if not lines or not any(plan.stages):
        return Outcome(lines=lines, notes=selection.notes)
    run = _Run(plan, lines, timeout)
    run.protect()
    run.claim()
    run.cut()
    run.fragments()
    return run.outcome(selection.notes)


class _Run:
    """The working state of apply() on one document (never shared)."""

    def __init__(self, plan: Plan, lines: list[Line], timeout: float):
        self.plan = plan
        self.lines = lines
        self.timeout = timeout
        self.texts = list(map(str.strip, map(attrgetter("text"), lines)))
        self.n = len(lines)
        # The document as scanned: every line preceded by "\n".
        self.doc = "\n" + "\n".join(self.texts)
        self.starts = list(accumulate(map(add, map(len, self.texts[:-1]), repeat(1)), initial=1))
        self.off: set[str] = set()  # rules that timed out
        self.notes: list[str] = []
        self.skips: dict[str, bool] = {}
        self.protected: set[int] = set()
        self.gone: dict[int, Removal] = {}  # line index -> its line removal
        self.dropped: set[int] = set()  # lines emptied by fragments
        self.residue: dict[int, str] = {}  # line index -> text left after fragments
        self.fragment_removals: list[Removal] = []
        self.metadata: dict[str, str] = {}
        # Where the scans found something: per searched stage, line -> rule positions;
        # for whole-line rules, line -> (stage, position) of the first rule found.
        self.found: dict[int, dict[int, list[int]]] = {s: {} for s in _SEARCHED}
        for s in _SEARCHED:
            for j in plan.scanned[s]:
                rule = plan.stages[s][j]
                for idx, _ in self._sweep(rule.pattern.compiled, rule):
                    self.found[s].setdefault(idx, []).append(j)
        self.lined: dict[int, tuple[int, int]] = {}
        self.fallback = False  # the whole-line scan timed out: try those rules line by line
        if plan.lined is not None:
            for idx, m in self._sweep(plan.scanner(), None, lined=True):
                hit = None if self.fallback else self._whole_line_rule(m)
                if hit is None:  # a timeout: every line gets every rule instead
                    break
                self.lined.setdefault(idx, hit)

    # -- regex calls, all with a timeout --------------------------------------

    def call(self, rule: Rule, pattern: Pattern | regex.Pattern, method: str, text: str):
        if rule.id in self.off:
            return None
        if isinstance(pattern, Pattern):
            pattern = pattern.compiled
        try:
            return getattr(pattern, method)(text, timeout=self.timeout)
        except TimeoutError:
            self._timed_out(rule)
            return None

    def findall(self, rule: Rule, text: str) -> list:
        if rule.id in self.off:
            return []
        try:
            return [
                m for m in rule.pattern.compiled.finditer(text, timeout=self.timeout) if m.end() > m.start()
            ]
        except TimeoutError:
            self._timed_out(rule)
            return []

    def _timed_out(self, rule: Rule) -> None:
        self.off.add(rule.id)
        self.notes.append(warning_note(f"{RuleTimeout(rule.id, self.timeout)}; skipped for this document"))

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
                for m in pattern.finditer(self.doc, pos, timeout=self.timeout):
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
                    self._timed_out(rule)
                return found
            if restart is None or restart >= self.n:
                return found
            pos = self.starts[restart] - lined

    def _whole_line_rule(self, m) -> tuple[int, int] | None:
        """(stage, position) of the first whole-line rule that matches where the
        scan found `m`: the grouped pattern, run at that one position, names it."""
        if m.re is not self.plan.lined:
            try:
                m = self.plan.lined.match(self.doc, m.start(), timeout=self.timeout)
            except TimeoutError:
                m = None
            if m is None:  # a timeout (or, should it ever happen, no rule found there)
                self.fallback = True
                return None
        return self.plan.groups[m.lastgroup]

    # -- which rules to try where ---------------------------------------------

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
        if self.plan.cut_tester is None:  # a claim rule matched first: ask the cut rules
            return None
        try:
            m = self.plan.cut_tester.search(self.texts[idx], timeout=self.timeout)
        except TimeoutError:
            self.fallback = True
            return 0
        return None if m is None else self.plan.groups[m.lastgroup][1]

    def candidates(self, idx: int, s: int) -> list[Rule]:
        """The rules of stage s to try on line idx, in order."""
        stage, direct = self.plan.stages[s], self.plan.direct[s]
        if s in _SEARCHED:
            positions = (
                sorted({*direct, *self.found[s].get(idx, ())}) if direct else self.found[s].get(idx, ())
            )
            return [stage[j] for j in positions]
        first = self._first(idx, s)
        if first is None:
            return [stage[j] for j in direct]
        return [stage[j] for j in direct if j < first] + list(stage[first:])

    def each_line(self, s: int) -> Iterator[int]:
        """The lines stage s must look at, top to bottom."""
        if self.fallback and s not in _SEARCHED:
            yield from range(self.n)
            return
        reach = self.plan.reach[s]
        if s in _SEARCHED:
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
            if self.fallback and s not in _SEARCHED:  # a tester timed out: look at everything left
                yield from (i for i in range(idx + 1, self.n) if i not in seen)
                return

    def fits(self, rule: Rule, idx: int) -> bool:
        """The rule's conditions besides its own pattern: prev, next, skip_if."""
        if rule.prev is not None and (
            idx == 0 or not self.call(rule, rule.prev, "fullmatch", self.texts[idx - 1])
        ):
            return False
        if rule.next is not None and (
            idx + 1 >= self.n or not self.call(rule, rule.next, "fullmatch", self.texts[idx + 1])
        ):
            return False
        if rule.skip_if is not None:
            skip = self.skips.get(rule.id)
            if skip is None:
                skip = self.skips[rule.id] = self.call(rule, rule.skip_if, "search", self.doc) is not None
            if skip:
                return False
        return rule.id not in self.off

    def usable(self, rule: Rule, idx: int) -> bool:
        return rule.id not in self.off and (rule.within is None or idx < rule.within)

    # -- the four stages ------------------------------------------------------

    def protect(self) -> None:
        for idx in self.each_line(Stage.PROTECT):
            for rule in self.candidates(idx, Stage.PROTECT):
                if (
                    self.usable(rule, idx)
                    and self.call(rule, rule.pattern, "search", self.texts[idx])
                    and self.fits(rule, idx)
                ):
                    self.protected.add(idx)
                    break

    def claim(self) -> None:
        for idx in self.each_line(Stage.CLAIM):
            if idx in self.gone or idx in self.protected:
                continue
            for rule in self.candidates(idx, Stage.CLAIM):
                if not self.usable(rule, idx):
                    continue
                if rule.kind == "block":
                    found = self._block(rule, idx)
                    if found and self.fits(rule, idx):
                        last, matches = found
                        self._remove(rule, range(idx, last + 1), matches)
                        break
                else:
                    m = self.call(rule, rule.pattern, "fullmatch", self.texts[idx])
                    if m and self.fits(rule, idx):
                        self._remove(rule, (idx,), (m,))
                        break

    def _block(self, rule: Rule, idx: int) -> tuple[int, list] | None:
        block = rule.block
        m = self.call(rule, block.start, "fullmatch", self.texts[idx])
        if m is None:
            return None
        matches, last = [m], idx
        for k in range(idx + 1, min(self.n, idx + block.max_lines)):
            if k in self.gone or k in self.protected:
                break
            if block.step is not None:  # end and inside in one call
                step = self.call(rule, block.step, "fullmatch", self.texts[k])
                end = step if step is not None and step.group("_end") is not None else None
                inside = step is not None and end is None
            else:
                end = block.end and self.call(rule, block.end, "fullmatch", self.texts[k])
                inside = not end and (
                    block.inside is None or self.call(rule, block.inside, "fullmatch", self.texts[k])
                )
            if end:
                return (k, matches + [end]) if k - idx + 1 >= block.min_lines else None
            if inside:
                last = k
                continue
            break
        if block.end is not None or last - idx + 1 < block.min_lines:
            return None
        return last, matches

    def cut(self) -> None:
        markers: dict[str, tuple[Rule, int]] = {}
        for idx in self.each_line(Stage.CUT):
            if idx in self.gone:
                continue
            for rule in self.candidates(idx, Stage.CUT):
                if rule.id in markers or not self.usable(rule, idx):
                    continue
                m = self.call(rule, rule.pattern, "fullmatch", self.texts[idx])
                if m and self.fits(rule, idx):
                    markers[rule.id] = (rule, idx)
                    if rule.kind == "cut_from":
                        self._capture(m)
                    break
        # Later tails first, so that each cut is credited with its own part only.
        tails = sorted((v for v in markers.values() if v[0].kind == "cut_from"), key=lambda v: -v[1])
        heads = sorted((v for v in markers.values() if v[0].kind == "cut_before"), key=lambda v: v[1])
        for rule, idx in tails:
            self._remove(rule, range(idx, self.n), ())
        for rule, idx in heads:
            self._remove(rule, range(0, idx), ())

    def fragments(self) -> None:
        for idx in self.each_line(Stage.FRAGMENT):
            if idx in self.gone:
                continue
            text, last = self.texts[idx], None
            trying = self.candidates(idx, Stage.FRAGMENT)
            for _ in range(MAX_FRAGMENT_PASSES):
                cut = False
                for rule in trying:
                    if not self.usable(rule, idx):
                        continue
                    found = self.findall(rule, text)
                    if not found or not self.fits(rule, idx):
                        continue
                    number = self.lines[idx].number
                    parts, at = [], 0
                    for m in found:
                        parts.append(text[at : m.start()])
                        at = m.end()
                        self.fragment_removals.append(
                            Removal(rule.id, rule.category, number, m.group(), "fragment")
                        )
                        self._capture(m)
                    parts.append(text[at:])
                    text, last, cut = _join_cut(parts).strip(), rule, True
                if not cut:
                    break
                # a cut can bring another rule's piece to the edge of the line
                # (spam before a leftover marker): every fragment rule tries again
                trying = self.plan.stages[Stage.FRAGMENT]
            if last is None:
                continue
            if worth_keeping(text):
                self.residue[idx] = text.strip()
                continue
            self.dropped.add(idx)  # nothing left worth keeping: the line goes
            if text.strip():
                self.fragment_removals.append(
                    Removal(last.id, last.category, self.lines[idx].number, text.strip(), "fragment")
                )

    def _remove(self, rule: Rule, indexes: Iterable[int], matches: Iterable) -> None:
        for k in indexes:
            if k not in self.gone and k not in self.protected:
                self.gone[k] = Removal(rule.id, rule.category, self.lines[k].number, self.texts[k], "line")
        for m in matches:
            self._capture(m)

    def _capture(self, m) -> None:
        groups = m.re.groupindex
        if not groups:
            return
        for name in METADATA_GROUPS:
            if name in groups and name not in self.metadata:
                value = m.group(name)
                if value and value.strip():
                    value = " ".join(value.split())
                    self.metadata[name] = normalise_date(value) if name == "date" else value

    def _kept(self, idx: int, line: Line) -> Line:
        indent = line.text[: len(line.text) - len(line.text.lstrip())]
        return Line(line.number, indent + self.residue[idx], line.span)

    def outcome(self, notes: tuple[str, ...]) -> Outcome:
        kept = self.lines
        if self.residue:
            kept = [self._kept(idx, line) if idx in self.residue else line for idx, line in enumerate(kept)]
        if self.gone or self.dropped:
            out = self.gone.keys() | self.dropped
            kept = list(compress(kept, map(not_, map(out.__contains__, range(self.n)))))
        removals = sorted([*self.gone.values(), *self.fragment_removals], key=lambda r: r.line)
        return Outcome(
            lines=kept,
            removals=removals,
            protected=frozenset(self.lines[i].number for i in self.protected),
            metadata=dict(self.metadata),
            notes=notes + tuple(self.notes),
        )


_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[ T])")  # re: compiles faster than regex


def _join_cut(parts: list[str]) -> str:
    """The pieces of a line around cut-out fragments, joined; a space goes
    between two word characters so that no new word is made ('ab' + 'cd')."""
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isalnum() and part[0].isalnum():
            out += " "
        out += part
    return out


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


# -- loading ------------------------------------------------------------------


def shipped_rules_dir() -> Path:
    """The rules/ folder: inside the installed package, or beside it in a source tree."""
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    return installed if installed.is_dir() else here.parent / "rules"


def user_rule_dirs(extra_dirs: Sequence[str | Path] = ()) -> list[Path]:
    """Rule folders given by the user: $CLEANER_RULES (os.pathsep-separated), then --rules."""
    env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return env + [Path(p) for p in extra_dirs]


def rule_files(extra_dirs: Sequence[str | Path] = ()) -> list[tuple[Path, str]]:
    """(path, origin) of every rule file in effect: the shipped folder, then each
    folder of `extra_dirs` in order; a later file replaces an earlier one of the
    same name. Sorted by name. Raises RuleFileError for a missing folder."""
    chosen: dict[str, tuple[Path, str]] = {}
    folders = [(shipped_rules_dir(), "shipped")] + [(Path(d), "user") for d in extra_dirs]
    for folder, origin in folders:
        if not folder.is_dir():
            raise RuleFileError(str(folder), "no such rule folder")
        for path in sorted(folder.glob("*.toml")):
            if not path.name.startswith("."):
                chosen[path.name.removesuffix(".toml")] = (path, origin)
    return [chosen[name] for name in sorted(chosen)]


def load_rulebook(extra_dirs: Sequence[str | Path] = ()) -> RuleBook:
    """The shipped rules plus the rule folders in `extra_dirs` (read in that
    order; the environment is not read here: pass user_rule_dirs(...))."""
    rulesets = tuple(load_file(path, origin) for path, origin in rule_files(extra_dirs))
    _unique_ids(rulesets)
    return RuleBook(rulesets)


def _unique_ids(rulesets: Iterable[RuleSet]) -> None:
    """Refuse an id used twice, naming the user's file rather than the shipped one."""
    first: dict[str, str] = {}
    for rs in sorted(rulesets, key=lambda rs: rs.origin == "shipped", reverse=True):
        for rule in rs.rules:
            if rule.id in first:
                raise RuleFileError(rs.path, f"duplicate rule id (also in {first[rule.id]})", rule.id)
            first[rule.id] = rs.path


def default_rulebook() -> RuleBook:
    """The shipped rules plus the user's, loaded once per process and folder list."""
    return _cached_rulebook(tuple(str(p) for p in user_rule_dirs()))


@lru_cache(maxsize=8)
def _cached_rulebook(dirs: tuple[str, ...]) -> RuleBook:
    return load_rulebook(dirs)


# -- for `cleaner rules show` and `cleaner rules check` -----------------------


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


@dataclass(frozen=True)
class CheckFailure:
    """One problem found by check(): a file that does not load, or an example
    that does not behave as its rule says."""

    path: str
    rule_id: str | None
    message: str
    example: str | None = None

    def __str__(self) -> str:
        where = f"{self.path} [{self.rule_id}]" if self.rule_id else self.path
        shown = f": {self.example!r}" if self.example is not None else ""
        return f"{where}: {self.message}{shown}"


def check(dirs: Sequence[str | Path] = (), timeout: float = DEFAULT_TIMEOUT) -> list[CheckFailure]:
    """Validate rule files and run every rule's examples.

    The files are validated exactly as `clean --rules DIR...` loads them: the
    shipped folder, the user's ($CLEANER_RULES), then `dirs`, a later file
    replacing one of the same name, every file loaded, ids unique across all
    of them. Examples are run for the files of `dirs`, or without `dirs` for
    every file in effect. A remove example must be acted on by its rule
    alone; a keep example must come through every rule of its file untouched."""
    failures: list[CheckFailure] = []
    try:
        files = rule_files(user_rule_dirs(dirs))
    except RuleFileError as exc:
        return [CheckFailure(exc.path, exc.rule_id, exc.reason)]
    loaded: list[RuleSet] = []
    for path, origin in files:
        try:
            loaded.append(load_file(path, origin, lazy=False))
        except RuleFileError as exc:
            failures.append(CheckFailure(exc.path, exc.rule_id, exc.reason))
    try:
        _unique_ids(loaded)
    except RuleFileError as exc:
        failures.append(CheckFailure(exc.path, exc.rule_id, exc.reason))
    named = {Path(d).resolve() for d in dirs}
    for rs in loaded:
        if named and Path(rs.path).resolve().parent not in named:
            continue
        failures.extend(_check_xpath(rs))
        failures.extend(_check_examples(rs, timeout))
    return failures


def _check_xpath(rs: RuleSet) -> list[CheckFailure]:
    if not rs.prune_xpath:
        return []
    from lxml import etree  # a trafilatura dependency; only needed here

    failures = []
    for expression in rs.prune_xpath:
        try:
            etree.XPath(expression)
        except etree.XPathSyntaxError as exc:
            failures.append(
                CheckFailure(rs.path, None, f"[source] prune_xpath: invalid XPath ({exc})", expression)
            )
    return failures


def _check_examples(rs: RuleSet, timeout: float) -> list[CheckFailure]:
    failures = []
    whole = Selection(rulesets=(rs,), plan=Plan.of(rs.rules))
    for rule in rs.rules:
        alone = Selection(rulesets=(replace(rs, rules=(rule,)),), plan=Plan.of((rule,)))
        for example in rule.remove_examples:
            problem = _remove_problem(rule, example, alone, timeout)
            if problem:
                failures.append(CheckFailure(rs.path, rule.id, problem, example))
        for example in rule.keep_examples:
            lines = segment(example)
            out = apply(whole, lines, timeout)
            if out.removals:
                by = ", ".join(sorted({r.by for r in out.removals}))
                failures.append(CheckFailure(rs.path, rule.id, f"keep example altered by {by}", example))
            elif rule.kind == "protect" and out.protected:
                failures.append(
                    CheckFailure(rs.path, rule.id, "keep example protected by this rule", example)
                )
            failures.extend(CheckFailure(rs.path, rule.id, note, example) for note in out.notes)
    return failures


def _remove_problem(rule: Rule, example: str, alone: Selection, timeout: float) -> str | None:
    """Why the rule, alone, fails to act on a remove example (None if it does)."""
    lines = segment(example)
    if not lines:
        return "remove example is empty"
    out = apply(alone, lines, timeout)
    if out.notes:
        return "; ".join(out.notes)
    numbers = [line.number for line in lines]
    kept = {line.number for line in out.lines}
    gone = [n for n in numbers if n not in kept]
    contextual = rule.prev is not None or rule.next is not None
    if rule.kind == "protect":
        ok = out.protected and (contextual or len(out.protected) == len(numbers))
        return None if ok else "remove example (a line to protect) not protected by this rule"
    if rule.kind == "fragment":
        return None if out.removals else "remove example: no fragment removed by this rule"
    if rule.kind == "cut_before":
        if len(numbers) < 2:
            return "cut_before example needs the lines to cut and then the marker line"
        return (
            None if gone == numbers[:-1] else "remove example: the lines before the marker were not all cut"
        )
    if contextual:
        return None if gone else "remove example not removed by this rule"
    return None if gone == numbers else "remove example not (entirely) removed by this rule"
