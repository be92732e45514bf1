"""The quality gate's floors: read, compare, write. Pure functions, no I/O.

A floors file is TOML, one table per figure group, keyed tool.corpus.group,
with a floor per metric:

    [html.wcxb.forum]
    f1 = 0.487
    recall = 0.512

Unknown metric keys, values that are not numbers in [0, 1] and tables that
are not three levels deep are errors. Figures are compared as they are
printed, to 3 decimals: 0.4866 shows as 0.487 and meets a floor of 0.487.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

METRICS = ("f1", "recall")
LABELS = {"f1": "F1", "recall": "recall"}


class FloorsError(ValueError):
    """A floors file that cannot be read as floors."""


@dataclass(frozen=True)
class Key:
    """What a figure measures: a tool's metric over one group of one corpus."""

    tool: str  # "html" or "text"
    corpus: str  # "wcxb" or "zyte"
    group: str  # a page type, or "all" for the whole corpus
    metric: str  # "f1" or "recall"

    def __str__(self) -> str:
        return f"{self.tool} {self.corpus}/{self.group} {LABELS[self.metric]}"


@dataclass(frozen=True)
class Valued:
    """A value for one key: the shape a figure and a floor share."""

    key: Key
    value: float


class Figure(Valued):
    """What a run measured for a key."""


class Floor(Valued):
    """The least a key's figure may be."""


@dataclass(frozen=True)
class Failure:
    figure: Figure
    floor: Floor

    def line(self) -> str:
        return f"gate: {self.figure.key} {self.figure.value:.3f} < floor {self.floor.value:.3f}"


@dataclass(frozen=True)
class Verdict:
    failures: tuple[Failure, ...]  # figures below their floor
    unmeasured: tuple[Floor, ...]  # floors whose figure this run did not produce
    unguarded: tuple[Figure, ...]  # figures with no floor

    @property
    def passed(self) -> bool:
        return not self.failures and not self.unmeasured


def as_printed(value: float) -> float:
    return float(f"{value:.3f}")


def compare(figures: Iterable[Figure], floors: Iterable[Floor]) -> Verdict:
    by_key = {floor.key: floor for floor in floors}
    measured = {figure.key: figure for figure in figures}
    failures = tuple(
        Failure(figure, by_key[key])
        for key, figure in measured.items()
        if key in by_key and as_printed(figure.value) < by_key[key].value
    )
    unmeasured = tuple(floor for key, floor in by_key.items() if key not in measured)
    unguarded = tuple(figure for key, figure in measured.items() if key not in by_key)
    return Verdict(failures, unmeasured, unguarded)


def floor_below(value: float, margin: float) -> float:
    """`margin` below `value`, rounded down to 3 decimals, never below 0."""
    lowered = Decimal(f"{value:.9f}") - Decimal(str(margin))
    return max(0.0, float(lowered.quantize(Decimal("0.001"), rounding=ROUND_FLOOR)))


def floors_from(figures: Iterable[Figure], margin: float) -> tuple[Floor, ...]:
    return tuple(Floor(figure.key, floor_below(figure.value, margin)) for figure in figures)


def parse_floors(text: str) -> tuple[Floor, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise FloorsError(f"not TOML: {err}") from None
    floors = []
    for tool, corpora in data.items():
        for corpus, groups in _table(corpora, tool).items():
            for group, metrics in _table(groups, f"{tool}.{corpus}").items():
                where = f"{tool}.{corpus}.{group}"
                for metric, value in _table(metrics, where).items():
                    if metric not in METRICS:
                        raise FloorsError(f"{where}: unknown metric {metric!r} (known: {', '.join(METRICS)})")
                    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                        raise FloorsError(f"{where}.{metric}: {value!r} is not a number in [0, 1]")
                    floors.append(Floor(Key(tool, corpus, group, metric), float(value)))
    return tuple(floors)


def _table(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise FloorsError(
            f"{where}: expected a table of tool.corpus.group with "
            f"{' and '.join(METRICS)} floors, found {value!r}"
        )
    return value


def render_floors(floors: Iterable[Floor], header: str) -> str:
    """The TOML text of `floors`, grouped by tool.corpus.group in the order given,
    after `header` as comment lines."""
    groups: dict[tuple[str, str, str], list[Floor]] = {}
    for floor in floors:
        groups.setdefault((floor.key.tool, floor.key.corpus, floor.key.group), []).append(floor)
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    for (tool, corpus, group), members in groups.items():
        lines += ["", f"[{tool}.{corpus}.{group}]"]
        lines += [f"{floor.key.metric} = {floor.value:.3f}" for floor in members]
    return "\n".join(lines) + "\n"
