"""Turning command-line inputs into documents: paths, globs, folders, stdin.

And the reverse question: where each document's output goes under `-o DIR`.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Input:
    """One input document as named on the command line.

    `label` is what messages call it; `path` is None for stdin; `rel` is the
    path below DIR that its output keeps (sub-folders of a folder or `**` glob);
    `error` is set when the argument named nothing readable.
    """

    label: str
    path: Path | None
    rel: Path | None
    error: str | None = None


def is_glob(arg: str) -> bool:
    return any(c in _GLOB_CHARS for c in arg)


def _walk(folder: Path) -> Iterator[Path]:
    """Every regular file below `folder`, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _glob_base(pattern: str) -> Path:
    """The literal folder a glob starts from: 'raw/**/*.txt' -> 'raw'."""
    parts = Path(pattern).parts
    base: list[str] = []
    for part in parts[:-1]:
        if is_glob(part):
            break
        base.append(part)
    return Path(*base) if base else Path(".")


def expand(args: Sequence[str]) -> list[Input]:
    """Expand arguments in order; an argument that names nothing becomes an error Input.

    The same file named twice is cleaned once.
    """
    out: list[Input] = []
    seen: set[Path] = set()

    def add(path: Path, rel: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(Input(str(path), path, rel))

    for arg in args:
        if arg == STDIN:
            out.append(Input("<stdin>", None, Path("stdin")))
            continue
        path = Path(arg)
        if path.is_dir():
            found = False
            for f in _walk(path):
                found = True
                add(f, f.relative_to(path))
            if not found:
                out.append(Input(arg, None, None, "folder holds no files"))
        elif path.exists() or path.is_symlink():
            add(path, Path(path.name))
        elif is_glob(arg):
            base = _glob_base(arg)
            matches = sorted(glob.glob(arg, recursive=True))
            files = []
            for m in matches:
                p = Path(m)
                files.extend(_walk(p) if p.is_dir() else [p])
            if not files:
                out.append(Input(arg, None, None, "no file matches this pattern"))
            for f in files:
                try:
                    rel = f.relative_to(base)
                except ValueError:
                    rel = Path(f.name)
                add(f, rel)
        else:
            out.append(Input(arg, None, None, "no such file or folder"))
    return out


def output_name(rel: Path, suffix: str = ".txt") -> Path:
    """'a/x.html.gz' -> 'a/x.txt': drop .gz, then the extension, add `suffix`."""
    name = rel.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem, dot, _ext = name.rpartition(".")
    name = (stem if dot and stem else name) + suffix
    return rel.with_name(name)


def plan_outputs(inputs: Sequence[Input], out_dir: Path, suffix: str = ".txt") -> dict[int, Path]:
    """Map each good input's index to its output path, refusing collisions and
    outputs that would overwrite an input. Raises OutputError before anything is written."""
    plan: dict[int, Path] = {}
    owner: dict[Path, str] = {}
    sources = {i.path.resolve() for i in inputs if i.path is not None and i.error is None}
    for index, item in enumerate(inputs):
        if item.error is not None or item.rel is None:
            continue
        target = out_dir / output_name(item.rel, suffix)
        key = Path(os.path.abspath(target))
        if key in owner:
            raise OutputError(
                f"{item.label} and {owner[key]} would both be written to {target}; "
                "clean them into different folders or pass their parent folder instead")
        if key.resolve() in sources:
            raise OutputError(f"output {target} would overwrite the input {item.label}")
        owner[key] = item.label
        plan[index] = target
    return plan
