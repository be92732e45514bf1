"""A page's metadata, judged from all the places a page states it.

A page states its title, author and date in several places, and they
disagree: the <title> carries the site's name, og:title a teaser, an h1 the
headline, JSON-LD a headline or the name of the whole site, a meta author a
company, a <time> the last update. Taking the first that is found (as
trafilatura does) takes the first mistake. Here every statement is gathered
(`gather`, one read of a parsed page) as a `Candidates` value, and `judge`
picks from them by agreement: the value that most sources state, each source
counted by how much it is usually worth, and a source that is usually wrong
(a <title> with its site name, an og:title naming the site) cleaned or
discounted first.

`gather` reads an lxml tree (the one the HTML stage parsed) but imports
nothing; `judge` and everything below it are pure functions of strings.

The stages are modules of their own: `fields` (what is stated and judged),
`gather` (with `jsonld`), `judge` (with `dates`). What the HTML stage, the
pipeline and the benchmarks use is here by name.
"""

from .dates import DATE_WEIGHTS, judge_date, parse_day
from .fields import FIELDS, Candidate, Candidates, PageMetadata, with_date
from .gather import BYLINE_START, gather
from .judge import (
    AUTHOR_WEIGHTS,
    TITLE_WEIGHTS,
    author_name,
    hostname_of,
    judge,
    judge_author,
    judge_pagetype,
    judge_title,
    language_code,
    norm,
    strip_site,
)

__all__ = [
    "DATE_WEIGHTS",
    "judge_date",
    "parse_day",
    "FIELDS",
    "Candidate",
    "Candidates",
    "PageMetadata",
    "with_date",
    "BYLINE_START",
    "gather",
    "AUTHOR_WEIGHTS",
    "TITLE_WEIGHTS",
    "author_name",
    "hostname_of",
    "judge",
    "judge_author",
    "judge_pagetype",
    "judge_title",
    "language_code",
    "norm",
    "strip_site",
]
