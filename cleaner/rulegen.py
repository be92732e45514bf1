"""Writing learned rules (learn.py's specs) as rule files in the normal TOML format.

Pure text in `render`; `write` puts one file per host in a folder. The files
load with rules.load_file and pass `cleaner rules check`: patterns are
TOML literal strings (a quote inside one is written \\x27), examples come
from the pages.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import regex

from .errors import OutputError
from .learn import LearnedRule, LearnedSite
from .output import display_name, make_folder
from .rules.pattern import FLAGS


def _literal(pattern: str) -> str:
    """A regex as a TOML literal string (no escaping needed, a quote as \\x27)."""
    return "'" + pattern.replace("'", r"\x27") + "'"


def _string(text: str) -> str:
    """Any text as a TOML string: literal when it can be, else basic (JSON escapes are TOML's)."""
    if "'" not in text and not any(ord(c) < 32 or c == "\x7f" for c in text):
        return "'" + text + "'"
    return json.dumps(text, ensure_ascii=False)


def _list(items, quote) -> str:
    if len(items) == 1:
        return f"[{quote(items[0])}]"
    return "[\n" + "".join(f"    {quote(item)},\n" for item in items) + "]"


def checked(site: LearnedSite) -> LearnedSite:
    """The site's rules with only keep examples that no rule of the file matches
    (`rules check` demands it); a rule left without one takes a line of its own
    file's other examples that survives, else a neutral sentence."""
    compiled = [regex.compile("|".join(f"(?:{p})" for p in rule.patterns), FLAGS) for rule in site.rules]

    def survives(text: str) -> bool:
        stripped = text.strip()
        return not any(c.fullmatch(stripped) for c in compiled)

    rules = []
    for rule in site.rules:
        keep = tuple(t for t in rule.keep if survives(t))
        if not keep:
            keep = (FALLBACK_KEEP,)
        rules.append(replace(rule, keep=keep))
    return replace(site, rules=tuple(rules))


# A keep example when the pages gave none: a sentence no learned line rule matches
# (a learned line is a line seen on several pages of one site; this one is on none).
FALLBACK_KEEP = "This sentence is the text of one page only; a rule learned from repeated lines leaves it."


def render(site: LearnedSite) -> str:
    """The rule file of one host, as TOML text."""
    site = checked(site)
    out = [
        f"# Learned by `cleaner rules learn` from {site.pages} pages of {site.host}.",
        "# Review before use: every rule removes whole lines that repeated across the pages.",
        "",
        "[source]",
        f"description = {_string(f'{site.host}: template lines learned from {site.pages} of its pages.')}",
        f"domains = [{_string(site.host)}]",
        "learned = true  # generic detection reads the lines these rules remove, and adds its removals",
    ]
    for rule in site.rules:
        out += ["", *_rule(rule)]
    return "\n".join(out) + "\n"


def _rule(rule: LearnedRule) -> list[str]:
    return [
        "[[rules]]",
        f"id = {_string(rule.id)}",
        f"category = {_string(rule.category)}",
        f"why = {_string(rule.why)}",
        f"line = {_list(rule.patterns, _literal)}",
        *([f"within = {rule.within}"] if rule.within else []),
        f"examples.remove = {_list(rule.remove, _string)}",
        f"examples.keep = {_list(rule.keep, _string)}",
    ]


def file_name(host: str) -> str:
    return f"{host}.toml"


def write(sites: list[LearnedSite], out_dir: Path) -> list[Path]:
    """One rule file per host that has rules, in `out_dir` (created); the paths written.
    Raises OutputError when the folder cannot be written."""
    written = []
    make_folder(out_dir)
    try:
        for site in sites:
            if not site.rules:
                continue
            path = out_dir / file_name(site.host)
            path.write_text(render(site), encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise OutputError(f"cannot write to {display_name(str(out_dir))}: {exc.strerror or exc}") from None
    return written
