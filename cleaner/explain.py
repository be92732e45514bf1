"""The "explain" view of a cleaned document: every line, and what removed what.

Pure functions of a Result: `render` for people (text, optional ANSI
colour), `records` for machines (one dict per line, for JSON lines).
"""

from __future__ import annotations

import re

from .model import CATEGORIES, Line, Removal, Result
from .rules import worth_keeping

WIDTH = 70  # removed text is shortened to about this many characters

_RED, _YELLOW, _DIM, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[0m"


def shorten(text: str, width: int = WIDTH) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _removals_by_line(result: Result) -> dict[int, list[Removal]]:
    by_line: dict[int, list[Removal]] = {}
    for removal in result.removals:
        by_line.setdefault(removal.line, []).append(removal)
    return by_line


def _left(line: Line, fragments: list[Removal]) -> str:
    """What a line keeps once its fragments are cut out ("" when nothing worth keeping)."""
    text = line.text
    for fragment in fragments:
        text = text.replace(fragment.text, "", 1)
    text = " ".join(text.split())
    return text if worth_keeping(text) else ""


def _fate(line: Line, removals: list[Removal]) -> tuple[Removal | None, list[Removal], str]:
    """(the removal that took the whole line or None, its fragment removals, text kept)."""
    whole = next((r for r in removals if r.kind == "line"), None)
    fragments = [r for r in removals if r.kind != "line"]
    if whole is not None:
        return whole, fragments, ""
    return None, fragments, _left(line, fragments)


def render(result: Result, color: bool = False) -> str:
    """The document line by line, every removal marked, then counts per category.

    12 - [comment-box] wpdiscuz-box: Notify of      (a removed line)
     1 ~ [metadata] scraper-date-marker: date 20…    (a fragment cut out of a line)
     1   Abuja (Nigeria), Dec 5 (AP) Niger's junta…  (what the line keeps)
    """

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    by_line = _removals_by_line(result)
    labels = [_numbers(line) for line in result.lines]
    width = max(map(len, labels), default=1)
    out = []
    head = [
        f"{key}: {value}"
        for key, value in (("source", result.source), ("title", result.title), ("date", result.date))
        if value
    ]
    if head:
        out.append(paint(_DIM, "# " + " | ".join(head)))
    for line, label in zip(result.lines, labels):
        whole, fragments, left = _fate(line, by_line.get(line.number, []))
        number = f"{label:>{width}}"
        if whole is not None:
            out.append(paint(_RED, f"{number} - [{whole.category}] {whole.by}: {shorten(whole.text)}"))
            continue
        for fragment in fragments:
            out.append(
                paint(_YELLOW, f"{number} ~ [{fragment.category}] {fragment.by}: {shorten(fragment.text)}")
            )
        if left:
            out.append(f"{number}   {left}")
    out.append("")
    out.extend(summary(result))
    if result.kind == "html":
        out.append("")
        out.extend(stages(result))
    for note in result.notes:
        out.append(paint(_YELLOW, f"note: {note}"))
    return "\n".join(out)


def _numbers(line: Line) -> str:
    """A line's number, or the range of input lines a wrapped paragraph joined back covers."""
    return str(line.number) if line.span == 1 else f"{line.number}-{line.last}"


def summary(result: Result) -> list[str]:
    """A table of removed lines, fragments and characters per category, then
    totals and what was kept."""
    counts: dict[str, list[int]] = {}
    for removal in result.removals:
        row = counts.setdefault(removal.category, [0, 0, 0])
        row[0 if removal.kind == "line" else 1] += 1
        row[2] += removal.chars
    order = sorted(counts, key=lambda c: (CATEGORIES.index(c) if c in CATEGORIES else len(CATEGORIES), c))
    total = [sum(row[i] for row in counts.values()) for i in range(3)]
    out = [f"{'removed':<18}{'lines':>6}{'fragments':>11}{'chars':>9}"]
    for label, (lines, fragments, chars) in [*((c, counts[c]) for c in order), ("total", total)]:
        out.append(f"{label:<18}{lines:>6}{fragments:>11}{chars:>9,}")
    out.append(f"{'kept':<18}{len(result.paragraphs):>6}{'':>11}{_chars(result):>9,}")
    return out


def _chars(result: Result) -> int:
    return sum(len(p) for p in result.paragraphs)


def records(result: Result) -> list[dict]:
    """One record per line of the input, for `--format jsonl`:

        {"line": 12, "last_line": 12, "kept": false, "by": "wpdiscuz-box",
         "category": "comment-box", "stage": "rules", "text": "Notify of", "fragments": []}

    `by`/`category` name what removed the whole line (for a line emptied by
    fragments: its first fragment), `stage` the stage it belongs to (see
    stage_of); `fragments` lists text cut out of it;
    `last_line` is the last input line it covers (a wrapped paragraph joined
    back covers several, see text/reflow.py).
    """
    by_line = _removals_by_line(result)
    out = []
    for line in result.lines:
        whole, fragments, left = _fate(line, by_line.get(line.number, []))
        taker = whole or (fragments[0] if fragments and not left else None)
        out.append(
            {
                "line": line.number,
                "last_line": line.last,
                "kept": taker is None,
                "by": taker.by if taker else None,
                "category": taker.category if taker else None,
                "stage": stage_of(taker) if taker else None,
                "text": line.stripped,
                "fragments": [{"by": f.by, "category": f.category, "text": f.text} for f in fragments],
            }
        )
    return out


# The stages that remove text, by the prefix of a removal's id; any other id is a rule's.
STAGES = (("html:", "html rules"), ("detect:", "detectors"), ("option:", "options"))
_WORDS = re.compile(r"\w+")


def stage_of(removal: Removal) -> str:
    """The stage that made a removal: "html rules", "detectors", "options" or "rules"."""
    return next((name for prefix, name in STAGES if removal.by.startswith(prefix)), "rules")


def reading_of(result: Result) -> str:
    """Which reading of an HTML page the text came from, as its notes tell."""
    for note in result.notes:
        if note.startswith("fallback:"):
            return "the page's whole visible text (fallback)"
        if "taken over trafilatura's text" in note:
            return note.removeprefix("extraction: ").split(" taken over", 1)[0]
    return "trafilatura"


def stages(result: Result) -> list[str]:
    """An HTML page's removals by stage, after what its chosen reading left out:

    not in the reading: 412 of the page's 1,030 words (trafilatura)
    html rules          2 lines      229 chars
    """
    out = []
    if result.page_words is not None:
        read = sum(len(_WORDS.findall(line.text)) for line in result.lines)
        missing = max(result.page_words - read, 0)
        out.append(
            f"not in the reading: {missing:,} of the page's {result.page_words:,} words "
            f"({reading_of(result)})"
        )
    else:
        out.append(f"reading: {reading_of(result)}")
    counts: dict[str, list[int]] = {}
    for removal in result.removals:
        row = counts.setdefault(stage_of(removal), [0, 0])
        row[0] += 1
        row[1] += removal.chars
    for name in ("html rules", "rules", "detectors", "options"):
        if name in counts:
            lines, chars = counts[name]
            out.append(f"{name:<18}{lines:>6} removal{'s' * (lines != 1):<1}{chars:>9,} chars")
    return out


def decisions(result: Result) -> tuple[str, ...]:
    """What was decided on a document, for `--verbose`: one line of what it was read
    as and what was kept and removed, then its notes."""
    what = result.kind
    if result.kind == "html":
        what += f", reading: {reading_of(result)}"
    if result.source:
        what += f", rules: {result.source}"
    kept = sum(len(p) for p in result.paragraphs)
    line = f"{what}; kept {len(result.paragraphs)} paragraphs, {kept:,} chars"
    counts: dict[str, list[int]] = {}
    for removal in result.removals:
        row = counts.setdefault(removal.category, [0, 0])
        row[0] += 1
        row[1] += removal.chars
    if counts:
        line += "; removed: " + ", ".join(
            f"{cat} {n} ({chars:,} chars)" for cat, (n, chars) in sorted(counts.items())
        )
    return (line, *(f"note: {note}" for note in result.notes))
