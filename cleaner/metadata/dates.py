"""Dates: a date string read as the day it names, and the day most statements agree on."""

from __future__ import annotations

import re
from datetime import date as Date

from .fields import Candidates, weighted

DATE_WEIGHTS = {
    "article:published_time": 5.0,
    "meta": 3.0,
    "time": 3.0,
    "itemprop": 2.0,
    "time:published": 2.0,
    "text": 2.0,
    "htmldate": 1.0,
    "dateline": 1.0,
    "json-ld:other": 1.0,
    "json-ld:article": 0.5,
    "json-ld:page": 0.5,
    "modified": 0.0,
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])|^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_SLASHED = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def parse_day(text: str) -> str | None:
    """The calendar day a date string names, as YYYY-MM-DD; None when it names none
    (or only a month or a year: no day is invented)."""
    m = _ISO_DAY.match(text)
    if m:
        year, month, day = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
        return _day(year, month, day)
    m = _MONTH_DAY_YEAR.search(text)
    if m and m.group(1).lower() in _MONTHS:
        return _day(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    m = _DAY_MONTH_YEAR.search(text)
    if m and m.group(2).lower() in _MONTHS:
        return _day(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _SLASHED.search(text)
    if m:
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second or "." in m.group(0):  # 24/4/2000, 4.11.2025: day first
            return _day(int(m.group(3)), second, first)
        return _day(int(m.group(3)), first, second)  # 4/24/2000 or ambiguous: month first
    return None


def _day(year: int, month: int, day: int) -> str | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return Date(year, month, day).isoformat()
    except ValueError:
        return None


def judge_date(c: Candidates) -> str | None:
    """The day most sources state, a source's later statements (the dates of replies,
    of related articles) counting less than its first."""
    votes: dict[str, float] = {}
    for _, day, weight in weighted(c.dates, lambda cand: parse_day(cand.value), DATE_WEIGHTS):
        votes[day] = votes.get(day, 0.0) + weight
    if not votes:
        return None
    return max(votes, key=votes.get)
