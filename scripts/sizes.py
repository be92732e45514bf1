"""Modules over 400 lines and functions over 60, as issue 16 counts them.

    python scripts/sizes.py [PATH...]   # default: cleaner/

Lines are physical lines of the file as it is (run `ruff format` first); a
function's length runs from its first decorator to its last line. Prints one
line per module or function over its limit and exits 1 when there is any,
unless every one is listed with --allow (a path, or PATH:FUNCTION).
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


@dataclass(frozen=True)
class Oversize:
    path: str
    name: str | None  # None: the module itself
    lines: int
    limit: int

    @property
    def key(self) -> str:
        return self.path if self.name is None else f"{self.path}:{self.name}"

    def __str__(self) -> str:
        return f"{self.key}: {self.lines} lines (limit {self.limit})"


def _functions(tree: ast.AST, prefix: str = ""):
    """(qualified name, node) for every function, methods and nested ones included."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + node.name
            yield name, node
            yield from _functions(node, name + ".")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, prefix + node.name + ".")
        else:
            yield from _functions(node, prefix)


def oversize(path: Path, shown: str) -> list[Oversize]:
    text = path.read_text(encoding="utf-8")
    found = []
    n_lines = len(text.splitlines())
    if n_lines > MAX_MODULE_LINES:
        found.append(Oversize(shown, None, n_lines, MAX_MODULE_LINES))
    for name, node in _functions(ast.parse(text)):
        length = node.end_lineno - node.lineno + 1
        if length > MAX_FUNCTION_LINES:
            found.append(Oversize(shown, name, length, MAX_FUNCTION_LINES))
    return found


def scan(paths: list[Path]) -> list[Oversize]:
    found = []
    for top in paths:
        files = sorted(top.rglob("*.py")) if top.is_dir() else [top]
        for path in files:
            found += oversize(path, path.as_posix())
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("cleaner")])
    parser.add_argument("--allow", action="append", default=[], metavar="PATH[:FUNCTION]")
    args = parser.parse_args(argv)
    found = scan(args.paths)
    for item in found:
        allowed = item.key in args.allow or item.path in args.allow
        print(f"{item}{'  (allowed)' if allowed else ''}")
    return 1 if any(i.key not in args.allow and i.path not in args.allow for i in found) else 0


if __name__ == "__main__":
    sys.exit(main())
