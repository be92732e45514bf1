"""Rule files: one TOML file in, one validated, compiled RuleSet out.

The format is described in docs/rules.md. Loading is strict: an unknown key,
a missing key, a bad regex or a category outside model.CATEGORIES raises
RuleFileError naming the file and the rule. Nothing here applies rules (see
rules.py); this module only reads and checks them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import regex

from .errors import RuleFileError
from .model import CATEGORIES

# What a rule does, by the key that holds its pattern. Exactly one per rule.
KINDS = ("line", "fragment", "block", "cut_before", "cut_from", "protect")
# Named groups with these names capture document metadata (see Outcome.metadata).
METADATA_GROUPS = ("title", "date", "author", "sitename")
# Every pattern is compiled with these flags; `^` and `$` are line anchors.
FLAGS = regex.MULTILINE | regex.VERSION0

_TOP_KEYS = {"source", "platform", "rules"}
_SOURCE_KEYS = {"description", "domains", "fingerprints", "prune_xpath", "generic", "learned"}
_PLATFORM_KEYS = {"description"}
_RULE_REQUIRED = ("id", "category", "why", "examples")
_RULE_OPTIONAL = {"within", "prev", "next", "skip_if"}
_BLOCK_KEYS = {"start", "end", "inside", "max_lines", "min_lines"}
_EXAMPLE_KEYS = ("remove", "keep")

# (the standard library's re for the patterns of this module: it compiles faster)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}")
_LEADING_FLAGS = re.compile(r"\(\?([imsx]+)\)")
# Constructs that mean something else once the pattern sits inside a larger
# alternation over the whole document: such rules are tried line by line.
_NOT_EMBEDDABLE = re.compile(
    r"\\[AZz]|\\[1-9]|\\g<\d|\(\?P=|\(\?\d|\(\?R\)|\(\?&|\(\?[a-zA-Z]*V[01]|(?<!^)\(\?[a-zA-Z]+\)"
)


@dataclass(frozen=True, eq=False)
class Pattern:
    """A pattern: one regex or a list of alternatives, compiled when first used.

    `embed` is the text to place inside a larger alternation (flags scoped),
    or None when the pattern cannot be embedded faithfully. A pattern is
    compiled (`compiled`, `alternatives`) the first time a document needs it,
    not when its file is read: most rules are for sources a document is not
    from, and compiling is the slow part of loading.
    """

    sources: tuple[str, ...]
    joined: str  # the alternatives as one regex
    embed: str | None
    split: bool = False  # also compile each alternative on its own (see `alternatives`)

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


@dataclass(frozen=True, eq=False)
class Block:
    """A run of lines: a `start` line, then lines matching `inside`, up to an
    `end` line (inclusive). Without `end`, the run stops at the first line
    that does not match `inside`."""

    start: Pattern
    end: Pattern | None
    inside: Pattern | None
    max_lines: int
    min_lines: int

    @cached_property
    def step(self) -> regex.Pattern | None:
        """`end` (group _end) or `inside`, tried in one call; None unless both embed."""
        if self.end is None or self.inside is None or not self.end.embed or not self.inside.embed:
            return None
        return regex.compile(f"(?P<_end>{self.end.embed})|{self.inside.embed}", FLAGS)


@dataclass(frozen=True, eq=False)
class Rule:
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


@dataclass(frozen=True, eq=False)
class RuleSet:
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


def load_file(path: str | Path, origin: str = "shipped", *, lazy: bool | None = None) -> RuleSet:
    """Read and validate one rule file. Raises RuleFileError.

    Its patterns are compiled, and so checked, now unless `lazy`; by default
    only the shipped files are lazy (`cleaner rules check` and the tests check
    them), so that a mistake in a user's file stops a run before it starts."""
    path = Path(path)
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleFileError(where, f"cannot read the file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise RuleFileError(where, "the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(where, f"invalid TOML: {exc}") from None
    return parse(
        data,
        where,
        name=path.name.removesuffix(".toml"),
        origin=origin,
        lazy=origin == "shipped" if lazy is None else lazy,
    )


def parse(data: dict[str, Any], path: str, name: str, origin: str = "shipped", lazy: bool = False) -> RuleSet:
    """Validate the parsed TOML of a rule file (and, unless `lazy`, compile its patterns)."""
    check = _Checker(path, None, lazy)
    check.keys(data, _TOP_KEYS, set(), "the file")
    heads = [k for k in ("source", "platform") if k in data]
    if len(heads) != 1:
        check.fail("the file needs exactly one header table, [source] or [platform]")
    kind = heads[0]
    head = check.table(data[kind], f"[{kind}]")
    check.keys(head, _SOURCE_KEYS if kind == "source" else _PLATFORM_KEYS, {"description"}, f"[{kind}]")
    description = check.text(head["description"], f"[{kind}] description")
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list) or not all(isinstance(r, dict) for r in raw_rules):
        check.fail("`rules` must be an array of tables ([[rules]])")
    rules: list[Rule] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_rules, start=1):
        rule = _parse_rule(raw, number, path, name, origin, kind, lazy)
        if rule.id in seen:
            raise RuleFileError(path, "duplicate rule id in this file", rule.id)
        seen.add(rule.id)
        rules.append(rule)
    if kind == "platform":
        return RuleSet(name, path, origin, "platform", description, tuple(rules))
    domains = tuple(check.strings(head.get("domains", []), "[source] domains"))
    for domain in domains:
        if not _DOMAIN.fullmatch(domain.lower()):
            check.fail(f"[source] domains: {domain!r} is not a host name")
    fingerprints = head.get("fingerprints", [])
    generic = head.get("generic", True)
    if not isinstance(generic, bool):
        check.fail("[source] generic must be true or false")
    learned = head.get("learned", False)
    if not isinstance(learned, bool):
        check.fail("[source] learned must be true or false")
    return RuleSet(
        name,
        path,
        origin,
        "source",
        description,
        tuple(rules),
        domains=tuple(d.lower() for d in domains),
        fingerprints=check.pattern(fingerprints, "[source] fingerprints", split=True)
        if fingerprints
        else None,
        prune_xpath=tuple(check.strings(head.get("prune_xpath", []), "[source] prune_xpath")),
        generic=generic,
        learned=learned,
    )


def _parse_rule(
    raw: dict[str, Any], number: int, path: str, name: str, origin: str, scope: str, lazy: bool = False
) -> Rule:
    rule_id = raw.get("id")
    check = _Checker(path, rule_id if isinstance(rule_id, str) else f"rule #{number}", lazy)
    kinds = [k for k in KINDS if k in raw]
    check.keys(raw, set(_RULE_REQUIRED) | _RULE_OPTIONAL | set(KINDS), set(_RULE_REQUIRED), "the rule")
    if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id):
        check.fail("`id` must be kebab-case: lowercase letters and digits joined by single hyphens")
    category = raw["category"]
    if category not in CATEGORIES:
        check.fail(f"category {category!r} is not one of: {', '.join(CATEGORIES)}")
    why = check.text(raw["why"], "why")
    if len(kinds) != 1:
        check.fail(
            f"the rule needs exactly one of: {', '.join(KINDS)}"
            + (f" (has {', '.join(kinds)})" if kinds else "")
        )
    kind = kinds[0]
    examples = check.table(raw["examples"], "examples")
    check.keys(examples, set(_EXAMPLE_KEYS), set(_EXAMPLE_KEYS), "examples")
    remove = check.strings(examples["remove"], "examples.remove", nonempty=True)
    keep = check.strings(examples["keep"], "examples.keep", nonempty=True)
    within = raw.get("within")
    if within is not None and (isinstance(within, bool) or not isinstance(within, int) or within < 1):
        check.fail("`within` must be a whole number of lines, 1 or more")
    block = pattern = None
    if kind == "block":
        block = _parse_block(raw["block"], check)
    else:
        pattern = check.pattern(raw[kind], kind, nonempty=True)
    return Rule(
        id=rule_id,
        category=category,
        why=why,
        kind=kind,
        pattern=pattern,
        block=block,
        within=within,
        prev=check.pattern(raw["prev"], "prev") if "prev" in raw else None,
        next=check.pattern(raw["next"], "next") if "next" in raw else None,
        skip_if=check.pattern(raw["skip_if"], "skip_if") if "skip_if" in raw else None,
        remove_examples=tuple(remove),
        keep_examples=tuple(keep),
        ruleset=name,
        path=path,
        origin=origin,
        scope=scope,
    )


def _parse_block(raw: Any, check: _Checker) -> Block:
    table = check.table(raw, "block")
    check.keys(table, _BLOCK_KEYS, {"start"}, "block")
    if "end" not in table and "inside" not in table:
        check.fail("a block needs `end`, `inside` or both")
    bounds = {}
    for key, default in (("max_lines", 40), ("min_lines", 2)):
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            check.fail(f"block.{key} must be a whole number, 1 or more")
        bounds[key] = value
    if bounds["min_lines"] > bounds["max_lines"]:
        check.fail("block.min_lines is larger than block.max_lines")
    end = check.pattern(table["end"], "block.end", nonempty=True) if "end" in table else None
    inside = check.pattern(table["inside"], "block.inside", nonempty=True) if "inside" in table else None
    block = Block(check.pattern(table["start"], "block.start", nonempty=True), end, inside, **bounds)
    if not check.lazy:
        block.step  # noqa: B018 - compiled now, as the patterns are
    return block


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
    matches the empty string, or a reserved group name."""
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
    reserved = [g for g in compiled.groupindex if g.startswith("_")]
    if reserved:
        fail(f"`{what}`: group names starting with '_' are reserved ({reserved[0]})")


class _Checker:
    """Validation helpers that raise RuleFileError for one file and rule."""

    def __init__(self, path: str, rule_id: str | None, lazy: bool = False):
        self.path = path
        self.rule_id = rule_id
        self.lazy = lazy  # patterns compiled (and checked) when first used

    def fail(self, message: str):
        raise RuleFileError(self.path, message, self.rule_id)

    def keys(self, table: dict, allowed: set[str], required: set[str], where: str) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            self.fail(
                f"unknown key{'s' if len(unknown) > 1 else ''} in {where}: {', '.join(unknown)}"
                f" (allowed: {', '.join(sorted(allowed))})"
            )
        missing = [k for k in sorted(required) if k not in table]
        if missing:
            self.fail(f"missing key{'s' if len(missing) > 1 else ''} in {where}: {', '.join(missing)}")

    def table(self, value: Any, what: str) -> dict:
        if not isinstance(value, dict):
            self.fail(f"`{what}` must be a table")
        return value

    def text(self, value: Any, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"`{what}` must be a non-empty string")
        return value.strip()

    def strings(self, value: Any, what: str, nonempty: bool = False) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"`{what}` must be a list of strings")
        if nonempty and not value:
            self.fail(f"`{what}` needs at least one example")
        return value

    def pattern(self, value: Any, what: str, nonempty: bool = False, split: bool = False) -> Pattern:
        return compile_pattern(value, what, self.fail, nonempty, split, self.lazy)
