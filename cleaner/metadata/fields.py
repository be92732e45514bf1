"""What a page states of itself (`Candidates`: each statement a `Candidate`, with
where it is made) and what is judged of it (`PageMetadata`), and the two helpers
every stage uses: text squashed to single spaces, statements counted by weight."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..model import METADATA_FIELDS

MAX_VALUE_CHARS = 300  # a longer "title" or "author" is a paragraph, not a name

FIELDS = METADATA_FIELDS  # a page's, as a Result holds them


@dataclass(frozen=True)
class PageMetadata:
    """What is known of a page; None where the page does not say."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601, the day: YYYY-MM-DD
    url: str | None = None
    hostname: str | None = None
    sitename: str | None = None
    language: str | None = None  # the language the page declares, as its ISO 639 code ("en")
    pagetype: str | None = None  # as the page declares it (og:type, JSON-LD @type), lowercased

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in FIELDS}


class Candidate(NamedTuple):
    """One statement of a value, and where the page makes it."""

    source: str  # e.g. "og:title", "json-ld", "h1", "title", "meta", "time", "byline"
    value: str


@dataclass(frozen=True)
class Candidates:
    """Everything a page says of its title, author, date, site, language and type."""

    titles: tuple[Candidate, ...] = ()
    authors: tuple[Candidate, ...] = ()
    dates: tuple[Candidate, ...] = ()
    sitenames: tuple[Candidate, ...] = ()
    languages: tuple[Candidate, ...] = ()
    pagetypes: tuple[Candidate, ...] = ()
    url: str | None = None


def with_date(c: Candidates, date: Candidate) -> Candidates:
    """The candidates and one more statement of the date (another reader's finding)."""
    return replace(c, dates=c.dates + (date,))


_SPACE = re.compile(r"\s+")


def squash(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


REPEAT_WEIGHT = 0.2  # a source's later statements (more posts, related articles) count this share


def weighted(candidates, read, weights: dict[str, float]):
    """Each candidate that `read` makes a value of, with that value and its source's
    weight; a source's later statements (more posts, related articles) count
    REPEAT_WEIGHT of its first."""
    seen: set[str] = set()
    for cand in candidates:
        value = read(cand)
        if value is None:
            continue
        weight = weights.get(cand.source, 1.0)
        if cand.source in seen:
            weight *= REPEAT_WEIGHT
        seen.add(cand.source)
        yield cand, value, weight
