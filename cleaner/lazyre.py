"""Module-level regexes compiled when first used, not when their module is imported.

Compiling is most of what importing a module of patterns costs, and most
documents use only some of them (a plain-text page rarely needs the Markdown
or CJK patterns): `cleaner clean one.txt` should not pay for the others.

    _TAG = lazy(r"</?\\w+>", re.IGNORECASE)
    _TAG.sub("", text)  # compiled here, once

A LazyPattern stands for the compiled pattern wherever one of its attributes
is used (`search`, `sub`, `pattern`...); the first use of each attribute
fetches it from the compiled pattern and keeps it, so later calls cost what
they cost on the compiled pattern. It cannot be passed where a compiled
pattern itself is wanted (`re.sub(_TAG, ...)`, `m.re is _TAG`): use its
methods, or `.compiled`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


class LazyPattern:
    def __init__(self, pattern: str | bytes, flags: int, compile: Callable[..., Any]):
        self._source = (pattern, flags)
        self._compile = compile

    @property
    def compiled(self) -> Any:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = self._compile(*self._source)
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Only reached for an attribute not yet kept on the instance.
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str | bytes, flags: int = 0, compile: Callable[..., Any] = re.compile) -> LazyPattern:
    """`compile(pattern, flags)` when first used (pass regex.compile for the regex module)."""
    return LazyPattern(pattern, flags, compile)
