"""Where each input's output goes under `-o DIR`, decided before anything is written."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputPlanError
from .writing import display_name

if TYPE_CHECKING:
    from ..inputs import Input


def output_name(rel: str, suffix: str = ".txt") -> str:
    """'a/x.html.gz' -> 'a/x.txt': drop .gz, then the extension, add `suffix`."""
    folder, name = os.path.split(rel)
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem, dot, _ext = name.rpartition(".")
    return os.path.join(folder, (stem if dot and stem else name) + suffix)


def plan_outputs(inputs: Sequence[Input], out_dir: Path, suffix: str = ".txt") -> dict[int, str]:
    """Map each good input's index to its output path (a str: a batch keeps one per
    input), refusing collisions and outputs that would overwrite an input.
    Raises OutputPlanError before anything is written."""
    plan: dict[int, str] = {}
    owner: dict[str, str] = {}
    sources = {os.path.realpath(i.path): i.label for i in inputs if i.path is not None and i.error is None}
    out = str(out_dir)
    for index, item in enumerate(inputs):
        if item.error is not None or item.rel is None:
            continue
        target = os.path.join(out, output_name(item.rel, ".jsonl" if item.warc else suffix))
        key = os.path.abspath(target)
        if key in owner:
            raise OutputPlanError(
                f"{display_name(item.label)} and {display_name(owner[key])} would both be written to "
                f"{display_name(target)}; "
                "clean them into different folders or pass their parent folder instead"
            )
        overwritten = sources.get(os.path.realpath(target))
        if overwritten is not None:
            raise OutputPlanError(
                f"the output of {display_name(item.label)}, {display_name(target)}, would overwrite "
                f"the input {display_name(overwritten)}"
            )
        owner[key] = item.label
        plan[index] = target
    return plan
