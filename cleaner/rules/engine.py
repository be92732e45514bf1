"""The rule engine: apply() runs the rules of a Selection over one document's lines.

1. `protect` rules mark lines that no rule and no detector may remove;
2. `block` and `line` rules remove lines, top to bottom (blocks first);
3. `cut_from` / `cut_before` rules remove everything after / before a marker;
4. `fragment` rules cut text out of the lines still there.

Each stage looks only at the lines the document's scans hit (scan.py) and
makes its regex calls through a Guard (guard.py), which gives each a timeout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress
from operator import attrgetter, not_
from typing import TYPE_CHECKING, NamedTuple

from ..model import Line, Removal
from .capture import capture
from .guard import DEFAULT_TIMEOUT, Guard
from .plan import Plan, Stage
from .rule import Rule
from .scan import Scan

if TYPE_CHECKING:
    from .rulebook import Selection

MAX_FRAGMENT_PASSES = 4  # fragment rules try a line again after a cut, until none cuts


class Outcome(NamedTuple):
    """What the rules did to one document: the lines they kept, their removals, the lines
    they protected, the metadata their patterns captured, and notes (a rule timed out).
    (A NamedTuple: a tenth of a frozen dataclass's cost at import.)"""

    lines: list[Line]
    removals: list[Removal]
    protected: frozenset[int]
    metadata: dict
    notes: tuple[str, ...]  # e.g. a rule that timed out and was skipped


def worth_keeping(text: str) -> bool:
    """Whether what fragments left of a line has a letter or digit (else the line goes)."""
    return any(ch.isalnum() for ch in text)


def apply(selection: Selection, lines: Sequence[Line], timeout: float | None = DEFAULT_TIMEOUT) -> Outcome:
    """Run the selected rules over the lines of one document."""
    plan = selection.plan or Plan.of(r for rs in selection.rulesets for r in rs.rules)
    lines = list(lines)
    if not lines or not any(plan.stages):
        return Outcome(lines, [], frozenset(), {}, selection.notes)
    run = _Run(plan, lines, timeout)
    run.protect()
    run.claim()
    run.cut()
    run.fragments()
    return run.outcome(selection.notes)


class _Run:
    """The working state of apply() on one document (never shared)."""

    def __init__(self, plan: Plan, lines: list[Line], timeout: float | None):
        self.lines = lines
        self.texts = list(map(str.strip, map(attrgetter("text"), lines)))
        self.n = len(lines)
        doc = "\n" + "\n".join(self.texts)  # the document as scanned: every line preceded by "\n"
        self.plan = plan.narrowed(doc)
        self.guard = Guard(timeout)
        self.scan = Scan(self.plan, self.texts, doc, self.guard)
        self.skips: dict[str, bool] = {}  # rule id -> its skip_if was found in the document
        self.protected: set[int] = set()
        self.gone: dict[int, Removal] = {}  # line index -> its line removal
        self.dropped: set[int] = set()  # lines emptied by fragments
        self.residue: dict[int, str] = {}  # line index -> text left after fragments
        self.fragment_removals: list[Removal] = []
        self.metadata: dict[str, str] = {}

    # -- a rule's conditions ----------------------------------------------------

    def fits(self, rule: Rule, idx: int) -> bool:
        """The rule's conditions besides its own pattern: prev, next, skip_if."""
        call, texts = self.guard.call, self.texts
        if rule.prev is not None and (idx == 0 or not call(rule, rule.prev, "fullmatch", texts[idx - 1])):
            return False
        if rule.next is not None and (
            idx + 1 >= self.n or not call(rule, rule.next, "fullmatch", texts[idx + 1])
        ):
            return False
        if rule.skip_if is not None:
            skip = self.skips.get(rule.id)
            if skip is None:
                skip = self.skips[rule.id] = call(rule, rule.skip_if, "search", self.scan.doc) is not None
            if skip:
                return False
        return rule.id not in self.guard.off

    def usable(self, rule: Rule, idx: int) -> bool:
        return rule.id not in self.guard.off and (rule.within is None or idx < rule.within)

    def fullmatch(self, rule: Rule, pattern, idx: int):
        return self.guard.call(rule, pattern, "fullmatch", self.texts[idx])

    # -- the four stages ------------------------------------------------------

    def protect(self) -> None:
        for idx in self.scan.lines(Stage.PROTECT):
            for rule in self.scan.candidates(idx, Stage.PROTECT):
                if (
                    self.usable(rule, idx)
                    and self.guard.call(rule, rule.pattern, "search", self.texts[idx])
                    and self.fits(rule, idx)
                ):
                    self.protected.add(idx)
                    break

    def claim(self) -> None:
        for idx in self.scan.lines(Stage.CLAIM):
            if idx in self.gone or idx in self.protected:
                continue
            for rule in self.scan.candidates(idx, Stage.CLAIM):
                if not self.usable(rule, idx):
                    continue
                if rule.kind == "block":
                    found = self._block(rule, idx)
                    if found and self.fits(rule, idx):
                        last, matches = found
                        self._remove(rule, range(idx, last + 1), matches)
                        break
                else:
                    m = self.fullmatch(rule, rule.pattern, idx)
                    if m and self.fits(rule, idx):
                        self._remove(rule, (idx,), (m,))
                        break

    def _block(self, rule: Rule, idx: int) -> tuple[int, list] | None:
        """(last line, matches) of the block the rule starts at line idx, or None."""
        block = rule.block
        m = self.fullmatch(rule, block.start, idx)
        if m is None:
            return None
        matches, last = [m], idx
        for k in range(idx + 1, min(self.n, idx + block.max_lines)):
            if k in self.gone or k in self.protected:
                break
            end, inside = self._block_line(rule, k)
            if end:
                return (k, matches + [end]) if k - idx + 1 >= block.min_lines else None
            if inside:
                last = k
                continue
            break
        if block.end is not None or last - idx + 1 < block.min_lines:
            return None
        return last, matches

    def _block_line(self, rule: Rule, k: int) -> tuple[object, bool]:
        """(the match of the block's end on line k or None, whether the line is inside it)."""
        block = rule.block
        if block.step is not None:  # end and inside in one call
            step = self.fullmatch(rule, block.step, k)
            end = step if step is not None and step.group("_end") is not None else None
            return end, step is not None and end is None
        end = block.end and self.fullmatch(rule, block.end, k)
        inside = not end and (block.inside is None or self.fullmatch(rule, block.inside, k))
        return end, inside

    def cut(self) -> None:
        markers = self._cut_markers()
        # Later tails first, so that each cut is credited with its own part only.
        tails = sorted((v for v in markers.values() if v[0].kind == "cut_from"), key=lambda v: -v[1])
        heads = sorted((v for v in markers.values() if v[0].kind == "cut_before"), key=lambda v: v[1])
        for rule, idx in tails:
            self._remove(rule, range(idx, self.n), ())
        for rule, idx in heads:
            self._remove(rule, range(0, idx), ())

    def _cut_markers(self) -> dict[str, tuple[Rule, int]]:
        """Rule id -> (rule, line) of the first marker line of each cut rule."""
        markers: dict[str, tuple[Rule, int]] = {}
        for idx in self.scan.lines(Stage.CUT):
            if idx in self.gone:
                continue
            for rule in self.scan.candidates(idx, Stage.CUT):
                if rule.id in markers or not self.usable(rule, idx):
                    continue
                m = self.fullmatch(rule, rule.pattern, idx)
                if m and self.fits(rule, idx):
                    markers[rule.id] = (rule, idx)
                    if rule.kind == "cut_from":
                        capture(m, self.metadata)
                    break
        return markers

    def fragments(self) -> None:
        for idx in self.scan.lines(Stage.FRAGMENT):
            if idx in self.gone:
                continue
            text, last = self._cut_fragments(idx)
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

    def _cut_fragments(self, idx: int) -> tuple[str, Rule | None]:
        """What is left of line idx once fragment rules have cut it, and the last rule that cut."""
        text, last = self.texts[idx], None
        trying = self.scan.candidates(idx, Stage.FRAGMENT)
        for _ in range(MAX_FRAGMENT_PASSES):
            cut = False
            for rule in trying:
                if not self.usable(rule, idx):
                    continue
                found = self.guard.findall(rule, text)
                if not found or not self.fits(rule, idx):
                    continue
                text, last, cut = self._cut_out(rule, idx, text, found), rule, True
            if not cut:
                break
            # a cut can bring another rule's piece to the edge of the line
            # (spam before a leftover marker): every fragment rule tries again
            trying = self.plan.stages[Stage.FRAGMENT]
        return text, last

    def _cut_out(self, rule: Rule, idx: int, text: str, found: list) -> str:
        """`text` without the matches `found` of the rule, each noted as a fragment removal."""
        number = self.lines[idx].number
        parts, at = [], 0
        for m in found:
            parts.append(text[at : m.start()])
            at = m.end()
            self.fragment_removals.append(Removal(rule.id, rule.category, number, m.group(), "fragment"))
            capture(m, self.metadata)
        parts.append(text[at:])
        return _join_cut(parts).strip()

    # -- the outcome ------------------------------------------------------------

    def _remove(self, rule: Rule, indexes: Iterable[int], matches: Iterable) -> None:
        for k in indexes:
            if k not in self.gone and k not in self.protected:
                self.gone[k] = Removal(rule.id, rule.category, self.lines[k].number, self.texts[k], "line")
        for m in matches:
            capture(m, self.metadata)

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
            notes=notes + tuple(self.guard.notes),
        )


def _join_cut(parts: list[str]) -> str:
    """The pieces of a line around cut-out fragments, joined; a space goes
    between two word characters so that no new word is made ('ab' + 'cd')."""
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isalnum() and part[0].isalnum():
            out += " "
        out += part
    return out
