"""A rule's regex: one pattern or a list of alternatives, checked, and compiled when first used.

Every pattern is compiled with FLAGS (`^` and `$` are line anchors). `scoped`
rewrites a pattern to sit inside a larger alternation (the engine's whole-line
scan), or says that it cannot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

import regex

from . import prepared
from .needles import needles

# Every pattern is compiled with these flags; `^` and `$` are line anchors.
FLAGS = regex.MULTILINE | regex.VERSION0
# Named groups with these names capture document metadata (see Outcome.metadata).
METADATA_GROUPS = ("title", "date", "author", "sitename")

# (the standard library's re for the patterns of this module: it compiles faster)
_LEADING_FLAGS = re.compile(r"\(\?([imsx]+)\)")
# Constructs that mean something else once the pattern sits inside a larger
# alternation over the whole document: such rules are tried line by line.
_NOT_EMBEDDABLE = re.compile(
    r"\\[AZz]|\\[1-9]|\\g<\d|\(\?P=|\(\?\d|\(\?R\)|\(\?&|\(\?[a-zA-Z]*V[01]|(?<!^)\(\?[a-zA-Z]+\)"
)


class Pattern:
    """A pattern: one regex or a list of alternatives, compiled when first used.

    `embed` is the text to place inside a larger alternation (flags scoped),
    or None when the pattern cannot be embedded faithfully. A pattern is
    compiled (`compiled`, `alternatives`) the first time a document needs it,
    not when its file is read: most rules are for sources a document is not
    from, and compiling is the slow part of loading. (A plain class: it keeps
    what it compiled; nothing else about it changes.)
    """

    def __init__(self, sources: tuple[str, ...], joined: str, embed: str | None, split: bool = False):
        self.sources = sources
        self.joined = joined  # the alternatives as one regex
        self.embed = embed
        self.split = split  # also compile each alternative on its own (see `alternatives`)

    def __repr__(self) -> str:
        return f"Pattern({self.joined!r})"

    @cached_property
    def compiled(self) -> regex.Pattern:
        """The alternatives joined, compiled."""
        return regex.compile(self.joined, FLAGS)

    @cached_property
    def alternatives(self) -> tuple[regex.Pattern, ...]:
        """Each source compiled on its own when `split` (faster to search one by one),
        else the joined pattern alone."""
        if self.split and len(self.sources) > 1:
            return tuple(regex.compile(source, FLAGS) for source in self.sources)
        return (self.compiled,)

    @cached_property
    def needles(self) -> frozenset[str] | None:
        """Strings one of which every match holds (lowercased), or None (see needles.py)."""
        found: set[str] = set()
        for source in self.sources:
            one = _needles(source)
            if one is None:
                return None
            found |= one
        return frozenset(found)

    def alternatives_in(self, folded_text: str) -> list[regex.Pattern]:
        """Those of `alternatives` that may match `folded_text` (see may_match), each
        compiled only when it may."""
        if not (self.split and len(self.sources) > 1):
            return [self.compiled] if self.may_match(folded_text) else []
        compiled = self.__dict__.get("alternatives")  # all of them, if compiled already
        each = self.__dict__.setdefault("_each", {})  # else position -> compiled alternative
        out = []
        for k, source in enumerate(self.sources):
            if not _may_match(_needles(source), folded_text):
                continue
            if compiled is not None:
                out.append(compiled[k])
                continue
            if k not in each:
                each[k] = regex.compile(source, FLAGS)
            out.append(each[k])
        return out

    def may_match(self, folded_text: str) -> bool:
        """False when the pattern cannot match `folded_text` (needles.folded of a text): none
        of its needles is there. Tells without compiling the pattern."""
        return _may_match(self.needles, folded_text)


def _needles(source: str) -> frozenset[str] | None:
    found = prepared.needles_of(source)
    return needles(source) if found is prepared.UNKNOWN else found


def _may_match(found: frozenset[str] | None, folded_text: str) -> bool:
    return found is None or any(needle in folded_text for needle in found)


def scoped(source: str) -> str | None:
    """`source` rewritten to sit inside a larger alternation, or None if it cannot.

    Leading global flags become scoped ones: '(?i)abc' -> '(?i:abc)'.
    """
    if _NOT_EMBEDDABLE.search(source):
        return None
    flags = _LEADING_FLAGS.match(source)
    if flags is None:
        return f"(?:{source})"
    body = source[flags.end() :]
    if _LEADING_FLAGS.match(body):
        return None
    # In verbose mode a trailing comment would swallow the closing parenthesis.
    tail = "\n" if "x" in flags.group(1) else ""
    return f"(?{flags.group(1)}:{body}{tail})"


def compile_pattern(
    value: Any,
    what: str,
    fail: Callable[[str], None],
    nonempty: bool = False,
    split: bool = False,
    lazy: bool = False,
) -> Pattern:
    """A pattern value (a string or a list of alternative strings) as a Pattern,
    compiled and checked now unless `lazy`.

    The alternatives are compiled joined (compiling is the slow part of
    loading); one by one only to name the culprit of an error, or when `split`
    asks for them separately (fingerprints: faster to search one by one)."""
    sources = [value] if isinstance(value, str) else value
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s for s in sources):
        fail(f"`{what}` must be a regex string or a non-empty list of regex strings")
    embeds = [scoped(s) for s in sources]
    joined = (
        sources[0]
        if len(sources) == 1
        else "|".join(e if e is not None else f"(?:{s})" for e, s in zip(embeds, sources))
    )
    embed = None
    if all(e is not None for e in embeds):
        embed = embeds[0] if len(sources) == 1 else f"(?:{joined})"
    pattern = Pattern(tuple(sources), joined, embed, split)
    if not lazy:
        _check_compiled(pattern, what, fail, nonempty)
        pattern.alternatives  # noqa: B018 - compiled now
    return pattern


def _check_compiled(pattern: Pattern, what: str, fail: Callable[[str], None], nonempty: bool) -> None:
    """Compile the pattern; fail naming the alternative that does not compile or that
    matches the empty string, or a group name that is reserved or captures nothing."""
    try:
        compiled = pattern.compiled
    except regex.error:
        compiled = None
    if compiled is None or (nonempty and compiled.search("") is not None):
        for source in pattern.sources:  # find the culprit
            try:
                one = regex.compile(source, FLAGS)
            except regex.error as exc:
                fail(f"`{what}`: invalid regex {source!r}: {exc}")
            if nonempty and one.search("") is not None:
                fail(f"`{what}`: {source!r} matches the empty string, so it would match everywhere")
        fail(f"`{what}`: the alternatives do not combine into one regex")
    for source in pattern.sources:
        flags = misplaced_flags(source)
        if flags is not None:
            fail(
                f"`{what}`: {source!r} sets {flags} after the start, where it acts only on what "
                f"follows: put global flags first, or scope them: (?i:...)"
            )
    reserved = [g for g in compiled.groupindex if g.startswith("_")]
    if reserved:
        fail(f"`{what}`: group names starting with '_' are reserved ({reserved[0]})")
    unknown = [g for g in compiled.groupindex if g not in METADATA_GROUPS and not _referred_to(g, pattern)]
    if unknown:
        *most, last = METADATA_GROUPS
        fail(
            f"`{what}`: unknown group name {unknown[0]!r}: only {', '.join(most)} and {last} capture"
            " metadata; correct it, or make the group (?:...)"
        )


def _referred_to(name: str, pattern: Pattern) -> bool:
    """Whether a backreference, a call or a condition of the pattern names group `name`
    (such a group may have any name: it captures for the pattern itself)."""
    uses = (f"(?P={name})", f"\\g<{name}>", f"\\k<{name}>", f"(?&{name})", f"(?P>{name})", f"(?({name})")
    return any(use in source for source in pattern.sources for use in uses)


_FLAG_GROUP = re.compile(r"\(\?[a-zA-Z]+\)")


def misplaced_flags(source: str) -> str | None:
    """The first global flag group, `(?i)`, that is not among the pattern's leading
    ones (escapes and character classes skipped), or None. The regex module applies
    such a flag from where it stands on, not to the whole pattern as written."""
    at, verbose = 0, False
    while lead := _FLAG_GROUP.match(source, at):
        at, verbose = lead.end(), verbose or "x" in lead.group()
    while at < len(source):
        if source[at] == "\\":
            at += 2
        elif source[at] == "#" and verbose:  # a comment, to the end of its line
            end = source.find("\n", at)
            at = len(source) if end < 0 else end + 1
        elif source[at] == "[":
            at = _class_end(source, at)
        elif found := _FLAG_GROUP.match(source, at):
            return found.group()
        else:
            at += 1
    return None


def _class_end(source: str, at: int) -> int:
    """The index just past the character class that opens at `at` (a `]` first is literal)."""
    at += 1
    at += source.startswith("^", at)
    at += source.startswith("]", at)
    while at < len(source) and source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    return at + 1
