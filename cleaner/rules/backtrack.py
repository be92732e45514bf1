"""`cleaner rules check`'s probe for catastrophic backtracking: every pattern of a
rule searched, with its time limit, on long lines made of one character or one word
of the rule's examples over and over (a line of a real page can be like that).

A pattern that must match fixed text first (`Buy our magazine(?: ...)*$`) fails
fast on such a line and never reaches its slow part, so each pattern is also tried
on the same lines led by the text it requires, as its examples show it: where it
matches an example line, the match up to its needle (needles.py, the literal text
every match holds) and the separator that follows it there."""

from __future__ import annotations

import regex

from ..lazyre import lazy
from ..text.segment import segment
from .needles import folded, needles
from .pattern import FLAGS, Pattern

# A probe line's length: a long paragraph of a real page.
_PROBE_LENGTH = 1000
# What may follow a pattern's fixed text before its repeats: spaces and punctuation.
_SEPARATOR = lazy(r"\W*")


def backtracking_problem(
    patterns: dict[str, Pattern], examples: tuple[str, ...], timeout: float
) -> str | None:
    """The first of `patterns` (by key: a rule's, or a source's fingerprints) that runs
    past `timeout` on a probe line made from `examples` (catastrophic backtracking, which
    would get the rule skipped on such a page), said as `cleaner rules check` says it,
    or None."""
    units = _units(examples)
    lines = [line.text.strip() for example in examples for line in segment(example)]
    for key, pattern in patterns.items():
        for source in pattern.sources:
            compiled = regex.compile(source, FLAGS)
            for lead in ("", *_leads(source, compiled, lines, timeout)):
                for unit in units:
                    probe = lead + unit * (_PROBE_LENGTH // len(unit)) + "\x00"
                    try:
                        compiled.search(probe, timeout=timeout)
                    except TimeoutError:
                        shown = f"{lead!r} then {unit!r}" if lead else repr(unit)
                        return (
                            f"`{key}`: {source!r} backtracks catastrophically: over {timeout:g}s"
                            f" on a line of {shown} repeated; simplify its nested repeats"
                        )
    return None


def _units(examples: tuple[str, ...]) -> list[str]:
    """What probe lines repeat: each character and each word (up to 40) of the examples.
    Each probe line ends in a character no pattern expects."""
    text = " ".join(examples)
    return sorted(set(text) - {"\n"}) + [word + " " for word in sorted(set(text.split()))[:40]]


def _leads(source: str, compiled: regex.Pattern, lines: list[str], timeout: float) -> list[str]:
    """The fixed text `source` starts its matches with, as the example lines show it: each
    match up to the end of its first needle, with the separator that follows in the line
    (a space where the line ends). None for a pattern with no needles: it needs no text
    that the probe lines lack."""
    found = needles(source)
    if not found:
        return []
    leads: list[str] = []
    for line in lines:
        try:
            m = compiled.search(line, timeout=timeout)
        except TimeoutError:  # (the examples' own check says so)
            continue
        held = folded(m.group()) if m else ""
        ends = [held.find(needle) + len(needle) for needle in found if needle in held]
        if not ends or len(held) != len(m.group()):  # (folding changed the length: positions differ)
            continue
        end = m.start() + min(ends)
        separator = _SEPARATOR.match(line, end).group() if end < len(line) else " "
        lead = line[m.start() : end] + separator
        if lead not in leads:
            leads.append(lead)
    return leads
