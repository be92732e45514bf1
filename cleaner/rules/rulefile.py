"""Rule files: one TOML file in, one validated, compiled RuleSet out.

The format is described in docs/rules.md. Loading is strict: an unknown key,
a missing key, a bad regex or a category outside model.CATEGORIES raises
RuleFileError naming the file and the rule. Nothing here applies rules (see
engine.py); this module only reads and checks them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import RuleFileError
from ..hosts import ascii_host
from ..model import CATEGORIES
from . import prepared
from .pattern import Pattern, compile_pattern
from .rule import KINDS, Block, Rule, RuleSet

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


def load_file(
    path: str | Path,
    origin: str = "shipped",
    *,
    lazy: bool | None = None,
    mistakes: list[RuleFileError] | None = None,
) -> RuleSet:
    """Read and validate one rule file. Raises RuleFileError (see parse for `mistakes`).

    Its patterns are compiled, and so checked, now unless `lazy`; by default
    only the shipped files are lazy (`cleaner rules check` and the tests check
    them), so that a mistake in a user's file stops a run before it starts."""
    path = Path(path)
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(where, f"cannot read the file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise RuleFileError(where, "the file is not UTF-8 text") from None
    data = prepared.parsed(text)
    if data is None:
        data = _toml(text, where)
    return parse(
        data,
        where,
        name=path.name.removesuffix(".toml"),
        origin=origin,
        lazy=origin == "shipped" if lazy is None else lazy,
        mistakes=mistakes,
    )


def _toml(text: str, where: str) -> dict[str, Any]:
    import tomllib  # (not loaded for the shipped files: see prepared.py)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(where, f"invalid TOML: {exc}") from None


def parse(
    data: dict[str, Any],
    path: str,
    name: str,
    origin: str = "shipped",
    lazy: bool = False,
    mistakes: list[RuleFileError] | None = None,
) -> RuleSet:
    """Validate the parsed TOML of a rule file (and, unless `lazy`, compile its patterns).

    The first mistake raises RuleFileError. Given a list `mistakes`, a mistake in one
    rule or one header key is added to it instead, and the rest is read without that
    rule or value (`cleaner rules check` reports every mistake of a file at once); a
    file not shaped as a rule file (no header table...) still raises."""
    check = _Checker(path, None, lazy, mistakes)
    check.keys(data, _TOP_KEYS, set(), "the file")
    heads = [k for k in ("source", "platform") if k in data]
    if len(heads) != 1:
        check.fail("the file needs exactly one header table, [source] or [platform]")
    kind = heads[0]
    head = check.table(data[kind], f"[{kind}]")
    allowed = _SOURCE_KEYS if kind == "source" else _PLATFORM_KEYS
    check.keys(head, allowed, {"description"}, f"[{kind}]")
    description = ""
    if "description" in head:  # (missing: said by keys())
        description = check.attempt(check.text, head["description"], f"[{kind}] description", default="")
    rules = _parse_rules(data.get("rules", []), check, name, origin, kind)
    if kind == "platform":
        return RuleSet(name, path, origin, "platform", description, rules)
    return RuleSet(name, path, origin, "source", description, rules, **_source_keys(head, check))


def _parse_rules(raw_rules: Any, check: _Checker, name: str, origin: str, scope: str) -> tuple[Rule, ...]:
    if not isinstance(raw_rules, list) or not all(isinstance(r, dict) for r in raw_rules):
        check.fail("`rules` must be an array of tables ([[rules]])")
    rules: list[Rule] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_rules, start=1):
        rule = check.attempt(_parse_rule, raw, number, check.path, name, origin, scope, check.lazy)
        if rule is None:
            continue
        if rule.id in seen:
            check.mistake("duplicate rule id in this file", rule.id)
            continue
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


def _source_keys(head: dict[str, Any], check: _Checker) -> dict[str, Any]:
    """The keys of a [source] header but its description, checked, as RuleSet takes them."""
    given = check.attempt(check.strings, head.get("domains", []), "[source] domains", default=[])
    domains = []
    for written in given:
        domain = ascii_host(written)  # "bücher.example" as URLs' hosts are compared
        if _DOMAIN.fullmatch(domain):
            domains.append(domain)
        else:
            check.mistake(f"[source] domains: {written!r} is not a host name")
    flags = {}
    for key, default in (("generic", True), ("learned", False)):
        flags[key] = head.get(key, default)
        if not isinstance(flags[key], bool):
            check.mistake(f"[source] {key} must be true or false")
            flags[key] = default
    fingerprints = head.get("fingerprints", [])
    if fingerprints:
        fingerprints = check.attempt(check.pattern, fingerprints, "[source] fingerprints", True, True)
    prune_xpath = check.attempt(
        check.strings, head.get("prune_xpath", []), "[source] prune_xpath", default=[]
    )
    return dict(
        domains=tuple(domains), fingerprints=fingerprints or None, prune_xpath=tuple(prune_xpath), **flags
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
        skip_if=check.pattern(raw["skip_if"], "skip_if", nonempty=True) if "skip_if" in raw else None,
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


class _Checker:
    """Validation helpers that raise RuleFileError for one file and rule; or, for
    mistakes that need not stop the reading, add it to `mistakes` when given."""

    def __init__(
        self, path: str, rule_id: str | None, lazy: bool = False, mistakes: list[RuleFileError] | None = None
    ):
        self.path = path
        self.rule_id = rule_id
        self.lazy = lazy  # patterns compiled (and checked) when first used
        self.mistakes = mistakes

    def fail(self, message: str):
        raise RuleFileError(self.path, message, self.rule_id)

    def mistake(self, message: str, rule_id: str | None = None) -> None:
        """fail(), or, when collecting mistakes, add it to them and go on."""
        error = RuleFileError(self.path, message, rule_id or self.rule_id)
        if self.mistakes is None:
            raise error
        self.mistakes.append(error)

    def attempt(self, make: Callable[..., Any], *args: Any, default: Any = None) -> Any:
        """`make(*args)`; when collecting mistakes, the one it raises is added to them and
        `default` stands for its value."""
        if self.mistakes is None:
            return make(*args)
        try:
            return make(*args)
        except RuleFileError as exc:
            self.mistakes.append(exc)
            return default

    def keys(self, table: dict, allowed: set[str], required: set[str], where: str) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            self.mistake(
                f"unknown key{'s' if len(unknown) > 1 else ''} in {where}: {', '.join(unknown)}"
                f" (allowed: {', '.join(sorted(allowed))})"
            )
        missing = [k for k in sorted(required) if k not in table]
        if missing:
            self.mistake(f"missing key{'s' if len(missing) > 1 else ''} in {where}: {', '.join(missing)}")

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
