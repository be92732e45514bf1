"""Which of a host's repeated lines are its template, and the rule specs that say so.

The judging half of learning (learn.py collects the pages): from what the
Learner kept of a host's pages, the repeated lines (and shapes) that sit above
or below each page's own text (_page_evidence), less the prose that is not
always there (_judge), and those among the pages' own text that sit beside
the same line like a widget's (_inside), less the lines of pages they would
all but empty (_capped), grouped into LearnedRules by where they sit and
what they are.
The rules and thresholds are learn.py's (its docstring tells them).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import not_, or_

from .learn import (
    ANCHOR_CHARS,
    BOTTOM,
    COPIES,
    HEADER_REACH,
    INSIDE,
    INSIDE_PROSE_PAGES,
    INSIDE_PROSE_SHARE,
    INSIDE_SHARE,
    KEEP_EXAMPLES,
    LABEL_WORDS,
    PROSE_WORDS,
    REMOVE_EXAMPLES,
    SHAPE_LETTERS,
    TOP,
    KeptHost,
    KeptPage,
    LearnedRule,
    LearnedSite,
    Settings,
    line_pattern,
    shape,
    shape_pattern,
)
from .model import CATEGORIES, Line
from .text import detect  # the detectors' own reading of a line
from .vocabulary import COOKIE, COPYRIGHT, NEWSLETTER, RELATED, SHARE, STRONG

_WORD = re.compile(r"\w+")
# A line with SHAPE_LETTERS letters or more (a name, a label; not a price, a count, a bullet).
_WORDED = re.compile(rf"(?:[\W\d_]*[^\W\d_]){{{SHAPE_LETTERS}}}")
# A line of code (_code): braces, semicolons, operators; a call; a bracket opened at its end or closed at its start.
_CODE_MARK = re.compile(r"[{};=<>]")
_CALL = re.compile(r"\w\(")
_OPENED = ("(", "[", "(\n", "[\n")  # a bracket at the end (or before a final line break, as a regex $)
_CLOSED = (")", "]")
# A line with a colon that is no label: a prompt more than LABEL_WORDS words long, ending with it.
_PROMPT = re.compile(rf"[^\w:]*(?:\w+[^\w:]+){{{LABEL_WORDS},}}\w+\s*:")

# The category of a learned line whose words say nothing finer, from where it sits.
_REGION_CATEGORY = {TOP: "navigation", BOTTOM: "footer", INSIDE: "template"}


@dataclass
class _Evidence:
    """What the pages say about one repeated line (or shape)."""

    pages: int = 0  # pages where it sits above or below the page's own text (inside: beside the same line)
    top: int = 0
    bottom: int = 0
    text: str = ""  # its text (a shape: its first line seen), once judged
    seen: int = 0  # the pages it is on, wherever it sits, once judged
    inside: int = 0  # pages where it sits beside the same line, among the page's own text


def learn_host(host: str, site: KeptHost, settings: Settings | None = None) -> LearnedSite:
    """The rules for one host, from what the learner kept of its pages."""
    settings = settings or Settings()
    n = len(site.pages)
    if n < settings.min_pages:
        return LearnedSite(host, n, (), f"{n} page{'s' * (n != 1)}: learning needs {settings.min_pages}")
    needed = settings.needed(n)
    repeated = {key for key, count in site.seen.items() if count >= needed}
    shaped = {
        h
        for h, count in site.shape_seen.items()
        if count >= needed and h in site.shape_varies and shape(next(iter(site.shape_texts[h]))) is not None
    }
    edges = _Edges()
    for page in site.pages:
        _page_evidence(page, repeated, shaped, edges)
    learned = _judge(site, edges.evidence(needed))
    learned.update(_inside(site, learned, settings))
    kept = _capped(site, learned, settings, repeated, shaped)
    within = HEADER_REACH * edges.header_lines or None
    return LearnedSite(host, n, _rules(host, site, kept, n, within), COPIES if learned and not kept else None)


@dataclass
class _Edges:
    """On how many pages each repeated line (or shape) sits above the page's own
    text, and on how many below it. Keys: ("line", key) or ("shape", key)."""

    top: Counter = field(default_factory=Counter)
    bottom: Counter = field(default_factory=Counter)
    header_lines: int = 0  # the most lines a page had above its own text

    def evidence(self, needed: int) -> dict[tuple[str, int], _Evidence]:
        """The lines seen at the edges of at least `needed` pages."""
        out = {}
        top_of, bottom_of = self.top.get, self.bottom.get  # (a Counter's [] of a missing key runs Python)
        for key in self.top.keys() | self.bottom.keys():
            top, bottom = top_of(key, 0), bottom_of(key, 0)
            if top + bottom >= needed:
                out[key] = _Evidence(pages=top + bottom, top=top, bottom=bottom)
        return out


def _page_evidence(page: KeptPage, repeated: set[int], shaped: set[int], edges: _Edges) -> None:
    """Count the repeated lines above the page's first and below its last line of
    its own (a line not repeated, ANCHOR_CHARS long or more); a line at both edges
    counts once, for the top. Sets and maps throughout: pages have hundreds of lines."""
    n = len(page.keys)
    # the first own line from the top, and from the bottom: only the edges are read
    first = _first_own(page, range(n), repeated, shaped)
    last = _first_own(page, range(n - 1, first - 1, -1), repeated, shaped) if first < n else n - 1
    edges.header_lines = max(edges.header_lines, first)
    top = _edge_keys(page, slice(0, first), repeated, shaped)
    edges.top.update(top)
    if last + 1 < n:
        edges.bottom.update(_edge_keys(page, slice(last + 1, n), repeated, shaped) - top)


def _first_own(page: KeptPage, order: range, repeated: set[int], shaped: set[int]) -> int:
    """The first line in `order` that is the page's own (not repeated, ANCHOR_CHARS
    long or more); len(page.keys) if none. Only the long lines are looked up."""
    keys, shapes, chars = page.keys, page.shapes, page.chars
    for k in compress(order, map(ANCHOR_CHARS.__le__, map(chars.__getitem__, order))):
        if keys[k] not in repeated and shapes[k] not in shaped:
            return k
    return len(keys)


def _edge_keys(page: KeptPage, part: slice, repeated: set[int], shaped: set[int]) -> set[tuple[str, int]]:
    """The repeated lines of one edge: by their own text, else by their shape."""
    keys = page.keys[part]
    lines = set(keys) & repeated
    shapes = set()
    if shaped:  # (many hosts have no repeated shape)
        shapes = set(compress(page.shapes[part], map(not_, map(repeated.__contains__, keys)))) & shaped
    return set(zip(repeat("line"), lines)) | set(zip(repeat("shape"), shapes))


def _judge(site: KeptHost, chosen: dict[tuple[str, int], _Evidence]) -> dict[tuple[str, int], _Evidence]:
    """The lines seen at the pages' edges that may be learned: all but the prose
    (as generic detection reads it) that is not always there."""
    for key, ev in chosen.items():
        ev.text = _text_of(site, key)
        ev.seen = _pages_with(site, key)
    # lines also seen among some page's own lines: are they sentences?
    prose = _prose([key for key, ev in chosen.items() if ev.pages < ev.seen], chosen)
    return {key: ev for key, ev in chosen.items() if key not in prose}


def _words(text: str) -> int:
    """Words of a line, counted generously (runs of letters or of non-spaces, the more)."""
    return max(len(text.split()), len(_WORD.findall(text)))


def _pages_with(site: KeptHost, key: tuple[str, int]) -> int:
    """The pages a line (or shape) is on, wherever it sits."""
    return site.seen[key[1]] if key[0] == "line" else site.shape_seen[key[1]]


def _text_of(site: KeptHost, key: tuple[str, int]) -> str:
    if key[0] == "line":
        return site.texts[key[1]]
    return next(iter(site.shape_texts[key[1]]))


def _capped(
    site: KeptHost,
    learned: dict[tuple[str, int], _Evidence],
    settings: Settings,
    repeated: set[int],
    shaped: set[int],
):
    """Without the lines of pages the learned lines would (almost) empty (copies: they
    share their text, not a template), but for those the pages with text of their own
    learn by themselves at their edges (the template of a shell page)."""
    lines = {key for kind, key in learned if kind == "line"}
    shapes = {key for kind, key in learned if kind == "shape"}
    spared: set[tuple[str, int]] = set()
    own_text: list[KeptPage] = []
    for page in site.pages:
        gone = map(lines.__contains__, page.keys)
        if shapes:  # (most hosts learn no shape)
            gone = map(or_, gone, map(shapes.__contains__, page.shapes))
        gone = list(gone)
        total = sum(page.chars)
        if total and sum(compress(page.chars, gone)) > settings.max_share * total:
            for k in compress(range(len(gone)), gone):
                spared.add(("line", page.keys[k]))
                spared.add(("shape", page.shapes[k]))
        else:
            own_text.append(page)
    if spared and len(own_text) >= settings.min_pages:
        edges = _Edges()
        for page in own_text:
            _page_evidence(page, repeated, shaped, edges)
        spared -= edges.evidence(settings.needed(len(own_text))).keys()
    return {key: ev for key, ev in learned.items() if key not in spared}


def _region(ev: _Evidence) -> str:
    if ev.inside:
        return INSIDE
    return TOP if ev.top >= ev.bottom else BOTTOM


def _category(region: str, text: str) -> str:
    """The category of a learned line: from its words (detect's vocabulary) when
    they say it ("related" words in a sentence do not), else from where it sits."""
    bits = detect.line_vocabulary(text)
    if bits & COOKIE:
        return "cookie"
    if bits & NEWSLETTER:
        return "newsletter"
    if bits & SHARE and region != BOTTOM:
        return "share"
    if bits & COPYRIGHT and region == BOTTOM:
        return "footer"
    if bits & RELATED and region != TOP and not text.endswith((".", "!", "?")):
        return "related-links"
    return _REGION_CATEGORY[region]


def _slug(host: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")


def _rules(
    host: str, site: KeptHost, learned: dict[tuple[str, int], _Evidence], n: int, within: int | None
) -> tuple[LearnedRule, ...]:
    """Learned lines grouped by where they sit (top, bottom), then by category."""
    groups: dict[str, list[tuple[tuple[str, int], _Evidence]]] = {TOP: [], BOTTOM: [], INSIDE: []}
    for key, ev in learned.items():
        groups[_region(ev)].append((key, ev))
    keep = _keep_examples(site)
    rules: list[LearnedRule] = []
    counts: dict[str, int] = {}
    for region in (TOP, BOTTOM, INSIDE):
        members = groups[region]
        if not members:
            continue
        by_category: dict[str, list[tuple[tuple[str, int], _Evidence]]] = {}
        for key, ev in members:
            by_category.setdefault(_category(region, ev.text), []).append((key, ev))
        for category, items in sorted(by_category.items(), key=lambda item: CATEGORIES.index(item[0])):
            items.sort(key=lambda item: (-item[1].pages, item[1].text))
            patterns, removes = [], []
            for (kind, _key), ev in items:
                text = ev.text
                patterns.append(line_pattern(text) if kind == "line" else shape_pattern(text))
                if len(removes) < REMOVE_EXAMPLES:
                    removes.append(text)
            counts[category] = counts.get(category, 0) + 1
            seen = [ev.seen for _, ev in items]
            rules.append(
                LearnedRule(
                    id=f"learned-{_slug(host)}-{category}-{counts[category]}",
                    category=category,
                    region=region,
                    patterns=tuple(dict.fromkeys(patterns)),
                    pages_min=min(seen),
                    pages_max=max(seen),
                    of=n,
                    remove=tuple(removes),
                    keep=keep,
                    within=within if region == TOP else None,
                )
            )
    return tuple(rules)


def _keep_examples(site: KeptHost) -> tuple[str, ...]:
    """Lines of the pages' own text (seen on one page only), longest first."""
    out = [text for _, key, text in site.own if site.seen.get(key, 0) == 1]
    return tuple(out[:KEEP_EXAMPLES])


def _inside(
    site: KeptHost, learned: dict[tuple[str, int], _Evidence], settings: Settings
) -> dict[tuple[str, int], _Evidence]:
    """The repeated lines among the pages' own text that are furniture, as
    learn.py's docstring tells: beside the same worded line on INSIDE_SHARE of
    the pages (or on `min_pages` with boilerplate vocabulary), no label, no
    code, and a sentence only from INSIDE_PROSE_PAGES pages and INSIDE_PROSE_SHARE
    of them (or with boilerplate vocabulary)."""
    n, fewest = len(site.pages), settings.min_pages
    edge = {key for kind, key in learned if kind == "line"}
    texts, seen = site.texts, site.seen
    pool = texts.keys() - edge  # (the texts are those of the lines seen on two pages or more)
    candidates = {key for key in pool if seen[key] >= fewest and _widget(texts[key])}
    if not candidates:
        return {}
    needed = max(fewest, math.ceil(INSIDE_SHARE * n))
    out = {}
    for key, pages in _beside(site, candidates, fewest).items():
        text = texts[key]
        if pages < needed and not detect.line_vocabulary(text) & STRONG:
            continue
        out[("line", key)] = _Evidence(pages=pages, inside=pages, text=text, seen=seen[key])
    always = max(fewest, INSIDE_PROSE_PAGES, math.ceil(INSIDE_PROSE_SHARE * n))
    # (in the order of their texts: generic detection reads them as one document, whose
    # language it guesses from them, and the order of `out` follows the lines' hashes)
    rare = sorted((key for key, ev in out.items() if ev.pages < always), key=lambda key: out[key].text)
    sentences = _sentences(rare, out)
    return {
        key: ev
        for key, ev in out.items()
        if key not in sentences or (ev.pages >= INSIDE_PROSE_PAGES and sentences[key] & STRONG)
    }


def _widget(text: str) -> bool:
    """Whether a line may be a widget's: worded (SHAPE_LETTERS letters or more),
    not a label ("Weight:", "Battery Type: Lithium Ion"), not a line of code."""
    return (
        _WORDED.match(text) is not None
        and (":" not in text or _PROMPT.fullmatch(text) is not None)
        and not _code(text)
    )


def _code(text: str) -> bool:
    """Whether a line reads as code. Each sign is looked for on its own: one regex
    of them all is tried at every character of the line, and most lines have none."""
    return (
        _CODE_MARK.search(text) is not None
        or ("(" in text and _CALL.search(text) is not None)
        or text.endswith(_OPENED)
        or text.startswith(_CLOSED)
    )


def _beside(site: KeptHost, candidates: set[int], fewest: int) -> dict[int, int]:
    """Per candidate line: on how many pages, at most, it sits next to one same
    worded line (SHAPE_LETTERS letters or more: a price or a count beside a
    product's name is a grid of content, not a widget)."""
    pairs: Counter = Counter()  # (a line, the line after it) -> pages
    for page in site.pages:
        keys = page.keys
        end = len(keys) - 1
        here = set()
        for k in compress(range(len(keys)), map(candidates.__contains__, keys)):
            if k:
                here.add((keys[k - 1], keys[k]))
            if k < end:
                here.add((keys[k], keys[k + 1]))
        pairs.update(here)
    texts = site.texts
    worded: dict[int, bool] = {}
    out: dict[int, int] = {}
    for a, b in compress(pairs.keys(), map(fewest.__le__, pairs.values())):
        for k in (a, b):
            if k not in worded:
                worded[k] = k in candidates or _WORDED.match(texts[k]) is not None
        if not (worded[a] and worded[b]):
            continue
        pages = pairs[a, b]
        for k in (a, b):
            if k in candidates and pages > out.get(k, 0):
                out[k] = pages
    return out


def _prose(keys: list[tuple[str, int]], evidence: dict[tuple[str, int], _Evidence]) -> set[tuple[str, int]]:
    """Those of the lines that read as prose to generic detection: sentences
    (`_sentences`) without boilerplate vocabulary."""
    return {key for key, vocab in _sentences(keys, evidence).items() if not vocab & STRONG}


def _sentences(
    keys: list[tuple[str, int]], evidence: dict[tuple[str, int], _Evidence]
) -> dict[tuple[str, int], int]:
    """Those of the lines that generic detection reads as sentences of PROSE_WORDS
    words or more, with their vocabulary. (Only lines of PROSE_WORDS words can be:
    the others need not be read.)"""
    keys = [key for key in keys if _words(evidence[key].text) >= PROSE_WORDS]
    if not keys:
        return {}
    doc = detect.document([Line(k + 1, evidence[key].text) for k, key in enumerate(keys)])
    return {
        key: info.vocab
        for key, info in zip(keys, doc.infos)
        if detect.sentence_like(info, doc.ref_stop) and info.words >= PROSE_WORDS
    }
