"""`cleaner rules check`: every rule file loaded strictly, ids unique across
them, and every rule's examples run (a remove example must be acted on by its
rule alone, a keep example must come through its whole file untouched)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from ..errors import RuleFileError
from ..model import Line
from ..text.segment import segment
from .backtrack import backtracking_problem
from .engine import apply
from .guard import DEFAULT_TIMEOUT
from .pattern import FLAGS
from .plan import Plan
from .rule import Block, Rule, RuleSet
from .rulebook import Selection, duplicate_ids, rule_files, user_rule_dirs
from .rulefile import load_file


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
    of them; every mistake of a file is reported, not only its first, and its
    rules that load are checked. Examples are run for the files of `dirs`, or
    without `dirs` for every file in effect. A remove example must be acted on
    by its rule alone; a keep example must come through every rule of its file
    untouched."""
    failures: list[CheckFailure] = []
    try:
        files = rule_files(user_rule_dirs(dirs))
    except RuleFileError as exc:
        return [CheckFailure(exc.path, exc.rule_id, exc.reason)]
    loaded: list[RuleSet] = []
    mistakes: list[RuleFileError] = []
    for path, origin in files:
        try:  # every mistake of the file said; its rules that load are checked
            loaded.append(load_file(path, origin, lazy=False, mistakes=mistakes))
        except RuleFileError as exc:
            mistakes.append(exc)
    mistakes.extend(duplicate_ids(loaded))
    failures.extend(CheckFailure(exc.path, exc.rule_id, exc.reason) for exc in mistakes)
    named = {Path(d).resolve() for d in dirs}
    for rs in loaded:
        if named and Path(rs.path).resolve().parent not in named:
            continue
        failures.extend(_check_xpath(rs))
        failures.extend(_check_fingerprints(rs, timeout))
        failures.extend(_check_backtracking(rs, timeout))
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


def _check_backtracking(rs: RuleSet, timeout: float) -> list[CheckFailure]:
    failures = []
    for rule in rs.rules:
        problem = backtracking_problem(rule.patterns, rule.remove_examples + rule.keep_examples, timeout)
        if problem:
            failures.append(CheckFailure(rs.path, rule.id, problem))
    return failures


def _check_fingerprints(rs: RuleSet, timeout: float) -> list[CheckFailure]:
    """A source's fingerprints recognise its text, and its rules' examples are that text:
    each fingerprint must be found in one of them, in time, and must not backtrack on the
    probe lines that rules' patterns are tried on. (A file without rules has no examples.)"""
    if rs.fingerprints is None or not rs.rules:
        return []
    examples = tuple(e for rule in rs.rules for e in rule.remove_examples + rule.keep_examples)
    failures = []
    what = "`[source] fingerprints`"
    for source in rs.fingerprints.sources:
        compiled = regex.compile(source, FLAGS)
        for example in examples:
            try:
                if compiled.search(example, timeout=timeout):
                    break
            except TimeoutError:
                failures.append(
                    CheckFailure(rs.path, None, f"{what}: {source!r} timed out after {timeout:g}s", example)
                )
                break
        else:
            failures.append(
                CheckFailure(
                    rs.path,
                    None,
                    f"{what}: {source!r} is found in none of the file's examples, so nothing shows"
                    " that it recognises the site: add an example that holds it",
                )
            )
    problem = backtracking_problem({"[source] fingerprints": rs.fingerprints}, examples, timeout)
    if problem:
        failures.append(CheckFailure(rs.path, None, problem))
    return failures


def _check_examples(rs: RuleSet, timeout: float) -> list[CheckFailure]:
    failures = []
    whole = Selection(rulesets=(rs,), plan=Plan.of(rs.rules))
    for rule in rs.rules:
        alone = Selection(rulesets=(rs._replace(rules=(rule,)),), plan=Plan.of((rule,)))
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
    if gone == numbers:
        return None
    return (rule.block and _unmatched_bound(rule.block, lines, timeout)) or (
        "remove example not (entirely) removed by this rule"
    )


def _unmatched_bound(block: Block, lines: list[Line], timeout: float) -> str | None:
    """Why a block did not take its remove example, when one of its bounds tells: its
    start matches none of the lines, or its end none after the start."""
    texts = [line.text.strip() for line in lines]
    try:
        starts = [k for k, text in enumerate(texts) if block.start.compiled.fullmatch(text, timeout=timeout)]
        if not starts:
            return "remove example: `block.start` matches none of its lines"
        after = texts[starts[0] + 1 :]
        if block.end is not None and not any(block.end.compiled.fullmatch(t, timeout=timeout) for t in after):
            return "remove example: `block.end` matches no line after the `block.start` line"
    except TimeoutError:  # (the example's run has said so)
        pass
    return None
