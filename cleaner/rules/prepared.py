"""The shipped rule files read ahead of time, so that a run does not read them again.

Reading a rule file means parsing its TOML, and the engine's prefilter reads
every pattern with the standard library's regex parser (needles.py): for
the shipped files, both are done once, when the files change, by
scripts/make_prepared_rules.py, which writes data/rules_prepared.json (each
file's text, its parsed TOML, and every pattern's needles); the tests check
that the committed file is what the script makes of rules/. What is prepared
is looked up by the file's whole text and by the pattern's own source, so a
rule file that differs from the prepared one in any way (a user's, or a
shipped one edited since) is read as any other.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

PREPARED = Path(__file__).resolve().parent.parent / "data" / "rules_prepared.json"
UNKNOWN = object()  # a pattern source that was not prepared


@lru_cache(maxsize=1)
def _prepared() -> tuple[dict[str, dict[str, Any]], dict[str, frozenset[str] | None]]:
    try:
        raw = json.loads(PREPARED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    files = {entry["text"]: entry["data"] for entry in raw["files"].values()}
    found = {source: None if n is None else frozenset(n) for source, n in raw["needles"].items()}
    return files, found


def parsed(text: str) -> dict[str, Any] | None:
    """The parsed TOML of a rule file's text, if it is a prepared file's (do not change it)."""
    return _prepared()[0].get(text)


def needles_of(source: str) -> frozenset[str] | None | object:
    """The needles of a pattern source (see needles.py), or UNKNOWN if it was not prepared."""
    return _prepared()[1].get(source, UNKNOWN)


def build(folder: Path) -> str:
    """The text of data/rules_prepared.json for the rule files in `folder`."""
    import tomllib

    from .needles import needles
    from .rulefile import load_file

    files: dict[str, Any] = {}
    sources: set[str] = set()
    for path in sorted(folder.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        files[path.name] = {"text": text, "data": tomllib.loads(text)}
        ruleset = load_file(path, lazy=True)
        for rule in ruleset.rules:
            for pattern in rule.patterns.values():
                sources.update(pattern.sources)
        if ruleset.fingerprints is not None:
            sources.update(ruleset.fingerprints.sources)
    found = {}
    for source in sorted(sources):
        one = needles(source)
        found[source] = None if one is None else sorted(one)
    prepared = {"made_by": "scripts/make_prepared_rules.py", "files": files, "needles": found}
    return json.dumps(prepared, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
