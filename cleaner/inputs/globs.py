"""Globs the tool expands itself: `*`, `?`, `[...]` within a name, `**` across folders."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from .items import Input
from .walk import Walker

_GLOB_CHARS = frozenset("*?[")


def is_glob(arg: str) -> bool:
    return any(c in _GLOB_CHARS for c in arg)


def glob_base(pattern: str) -> str:
    """The literal folder a glob starts from: 'raw/**/*.txt' -> 'raw'."""
    parts = Path(pattern).parts
    base: list[str] = []
    for part in parts[:-1]:
        if is_glob(part):
            break
        base.append(part)
    return str(Path(*base)) if base else "."


def glob_regex(pattern: str) -> re.Pattern:
    """A glob below its base folder as a regex on '/'-separated relative paths:
    '*' and '?' stay within one name, '**' spans any number of folders."""
    out = []
    parts = pattern.split("/")
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:.*/)?")
            continue
        i = 0
        while i < len(part):
            c = part[i]
            if c == "*":
                out.append("[^/]*")
            elif c == "?":
                out.append("[^/]")
            elif c == "[" and "]" in part[i + 2 :]:
                end = part.index("]", i + 2)
                body = part[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
            else:
                out.append(re.escape(c))
            i += 1
        if not last:
            out.append("/")
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def recursive_glob(pattern: str, base: str, walker: Walker) -> Iterator[Input]:
    """The files a '**' glob matches, found by the loop-safe walker rather than
    glob.glob (which follows a link loop for ever). A file matches when its path,
    or one of its folders' paths, below the base matches the pattern."""
    rel_pattern = os.path.relpath(pattern, base) if base != "." else pattern
    regex = glob_regex(rel_pattern.replace(os.sep, "/"))
    for item in walker.walk(base):
        if item.error is not None:
            yield item
            continue
        rel = item.rel if item.path is not None else os.path.relpath(item.label, base)
        parts = rel.replace(os.sep, "/").split("/")
        if any(regex.match("/".join(parts[:k])) for k in range(len(parts), 0, -1)):
            if base == "." and item.path is not None:  # 'a.txt', as glob names it, not './a.txt'
                item = Input(rel, rel, rel)
            yield item
