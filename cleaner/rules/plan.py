"""A Plan: the rules of one selection, sorted into the engine's four stages and
compiled for scanning a whole document at once."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from functools import cached_property
from itertools import count

import regex

from .needles import folded
from .pattern import FLAGS, scoped
from .rule import Rule

HITS_AFTER = 3  # documents a layout scans with `lined` before it compiles `hits` (see Layout)
NARROW_FOR = 3  # documents a plan narrows to the rules that may match them (see Plan)
# ... and on a document of at most this many lines, its whole-line rules are tried line by
# line: compiling their scan (each pattern once more) costs more than trying them on so few
BY_LINE_UP_TO = 200


class Stage(IntEnum):
    """apply()'s four passes over a document's lines, in this order (an index into
    Plan.stages); a rule's kind decides its stage (STAGE_OF)."""

    PROTECT = 0  # protect rules mark article text, which nothing after may remove
    CLAIM = 1  # whole lines and blocks of lines
    CUT = 2  # cut_before, cut_from: everything above or below a marker line
    FRAGMENT = 3  # pieces of lines


STAGE_OF = {
    "protect": Stage.PROTECT,
    "block": Stage.CLAIM,
    "line": Stage.CLAIM,
    "cut_before": Stage.CUT,
    "cut_from": Stage.CUT,
    "fragment": Stage.FRAGMENT,
}
# stages whose patterns are searched in a line; the others match whole lines
SEARCHED = (Stage.PROTECT, Stage.FRAGMENT)


class Plan:
    """The rules of one selection, in the order the engine applies them.

    `stages[s]` lists the rules of stage s in application order. How they
    are found in a document (`layout`) is compiled when a document first
    needs it, not when the plan is made.

    Compiling every rule costs more than cleaning a document, and most rules
    cannot match most documents (see needles.py). For its first NARROW_FOR
    documents, a plan gives way to a plan of only the rules that may match
    the document (`narrowed`), whose whole-line rules, on a short document,
    are tried line by line (`by_line`: as when the scan times out); from
    then on, when one compiled layout serves many documents, the whole plan
    is used. The outcome is the same: a rule left out could not have matched
    anywhere in the document, and the scan only spares the engine lines
    where no rule can match.

    (A plain class, not a frozen dataclass: it counts its documents and keeps
    what it compiled and narrowed.)
    """

    def __init__(self, stages: tuple[tuple[Rule, ...], ...], by_line: bool = False):
        self.stages = stages
        self.by_line = by_line  # whole-line rules are tried on every line, not found by a compiled scan
        self._narrowings = count()  # documents narrowed for
        self._narrowed: dict[tuple[tuple[tuple[Rule, ...], ...], bool], Plan] = {}

    @classmethod
    def of(cls, rules: Iterable[Rule]) -> Plan:
        stages: list[list[Rule]] = [[] for _ in Stage]
        for rule in rules:
            stages[STAGE_OF[rule.kind]].append(rule)
        stages[Stage.CLAIM].sort(key=lambda r: r.kind != "block")  # blocks before lines, order kept
        return cls(tuple(tuple(r) for r in stages))

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for stage in self.stages for r in stage)

    @cached_property
    def layout(self) -> Layout:
        return Layout.of(self.stages, self.by_line)

    def narrowed(self, doc: str) -> Plan:
        """The plan for the document `doc` (its lines, as scanned): this one, or for
        one of its first NARROW_FOR documents, its rules that may match there."""
        if "layout" in self.__dict__ or next(self._narrowings) >= NARROW_FOR:
            return self
        text = folded(doc)
        stages = tuple(tuple(r for r in stage if r.trigger.may_match(text)) for stage in self.stages)
        by_line = doc.count("\n") <= BY_LINE_UP_TO
        if stages == self.stages and not by_line:
            return self
        plan = self._narrowed.get((stages, by_line))
        if plan is None:
            plan = self._narrowed[stages, by_line] = Plan(stages, by_line)
        return plan


class Layout:
    """A plan's rules compiled for fast application.

    Rules are found in one pass over the whole document each: `protect` and
    `fragment` rules by their own pattern, whole-line rules (`line`, `block`
    starts, cut markers) together by `lined`, where each line is preceded by
    "\n", a literal the engine finds fast, so that patterns are tried at line
    starts only. Rules with `within`, or whose pattern cannot be embedded, are
    tried line by line on the lines they reach (`direct`, `reach`).

    The document is scanned with `hits` rather than `lined`: the same
    patterns, split into their alternatives, each led by "\n" and without
    the named groups. The engine quickly drops an alternative whose first
    characters do not fit the line, where in `lined` it enters every
    rule's group on every line: the scan takes about a fifth less time.
    `hits` matches where `lined` matches (the order of alternatives does not
    change whether one matches); `lined` then names the rule at those few
    places only. Compiling `hits` costs as much as compiling `lined`, more
    than scanning a few documents with `lined` saves: it is compiled for the
    layout's HITS_AFTER-th document, so one document never pays for it.
    """

    def __init__(
        self,
        lined: regex.Pattern | None,
        leaves: tuple[str, ...],
        groups: dict[str, tuple[int, int]],
        cut_tester: regex.Pattern | None,
        scanned: tuple[tuple[int, ...], ...],
        direct: tuple[tuple[int, ...], ...],
        reach: tuple[int | None, ...],
    ):
        self.lined = lined
        self.leaves = leaves  # the alternatives of `hits` (see above)
        self.groups = groups  # group name in `lined` -> (stage, position in stage)
        self.cut_tester = cut_tester  # the cut markers of `lined`, for one line
        self.scanned = scanned  # per stage: positions of the rules found by scanning
        self.direct = direct  # per stage: positions of the rules tried line by line
        self.reach = reach  # per stage: how many top lines direct rules reach (None: all)
        self.uses = count()  # documents scanned

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
    def of(cls, stages: tuple[tuple[Rule, ...], ...], by_line: bool = False) -> Layout:
        groups: dict[str, tuple[int, int]] = {}
        pieces: dict[int, list[str]] = {Stage.CLAIM: [], Stage.CUT: []}
        leaves: list[str] = []  # each alternative of each scanned whole-line pattern
        scanned: list[list[int]] = [[] for _ in Stage]
        direct: list[list[int]] = [[] for _ in Stage]
        reach: list[int | None] = [0 for _ in Stage]
        for s, rules_s in enumerate(stages):
            for j, rule in enumerate(rules_s):
                embed = rule.trigger.embed
                if embed is None or rule.within is not None or (by_line and s not in SEARCHED):
                    direct[s].append(j)
                    reach[s] = None if rule.within is None or reach[s] is None else max(reach[s], rule.within)
                    continue
                scanned[s].append(j)
                if s not in SEARCHED:
                    groups[f"_{s}_{j}"] = (s, j)
                    pieces[s].append(f"(?P<_{s}_{j}>{embed}$)")
                    leaves.extend(scoped(source) for source in rule.trigger.sources)
        lined = _compile_alternation(pieces[Stage.CLAIM] + pieces[Stage.CUT], "\n(?:{})")
        if lined is None and groups:  # the pieces did not combine (should not happen)
            for s in (Stage.CLAIM, Stage.CUT):
                direct[s], scanned[s], reach[s] = list(range(len(stages[s]))), [], None
            groups = {}
        return cls(
            lined,
            tuple(leaves),
            groups,
            _compile_alternation(pieces[Stage.CUT], "^(?:{})"),
            tuple(map(tuple, scanned)),
            tuple(map(tuple, direct)),
            tuple(reach),
        )


def _compile_alternation(pieces: list[str], frame: str = "{}") -> regex.Pattern | None:
    if not pieces:
        return None
    try:
        return regex.compile(frame.format("|".join(pieces)), FLAGS)
    except regex.error:
        return None
