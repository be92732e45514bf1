"""Names of a package loaded from its modules on first use (PEP 562), so that importing
the package costs nothing until a name is wanted (`from cleaner import clean` still works)."""

from __future__ import annotations

import sys
from importlib import import_module


def lazy_names(package: str, table: dict[str, str]):
    """The `__getattr__` and `__dir__` of `package`: each name in `table` comes from the
    module the table gives (relative to the package), imported when the name is first wanted."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str):
        if name not in table:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{table[name]}", package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted([*namespace, *table])

    return __getattr__, __dir__
