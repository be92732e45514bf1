"""The HTML stage's steps in order (see the package's docstring): a page in, its
reading and what is known of it out (`Extracted`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from operator import attrgetter

from ..model import Removal
from ..notes import limit as limit_note
from . import blocks as htmlblocks
from . import choice as htmlchoice
from . import gaps as htmlgaps
from . import page, pagemeta, readings
from . import repair as htmlrepair
from . import verdicts as htmlverdicts
from .page import MAX_ELEMENTS, MAX_HTML_CHARS, PARSER_MAX_DEPTH, SHRINK_ABOVE

_LINE = attrgetter("line")  # a removal's line number

FALLBACK_MAX_CHARS = 100  # an extraction shorter than this ...
FALLBACK_PAGE_RATIO = 10  # ... from a page with this many times more text -> whole page


@dataclass(frozen=True)
class Extracted:
    """What the HTML stage hands on: text (one block per line) and what it knows of it.

    `metadata` holds the fields of metadata.PageMetadata the page states (no None).
    `whole_page` is True when `text` is the page's whole visible text (the
    fallback), not an extracted article: generic detection should then run.
    `removed` lists the blocks the HTML stage dropped from trafilatura's output,
    and why; their `line` numbers refer to trafilatura's text before that
    cleaning (one line per block), not to `text` (0 if unknown).
    """

    text: str
    metadata: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    whole_page: bool = False
    removed: tuple[Removal, ...] = ()
    comments: tuple[str, ...] = ()  # the comments trafilatura found, when asked for
    page_words: int | None = None  # words of the page's whole visible text (resiliparse), if read
    code: tuple[str, ...] = ()  # the text of each <pre> of the page (codeblocks.py)


def extract(
    html: str,
    url: str | None = None,
    prune_xpath: tuple[str, ...] = (),
    *,
    clean_blocks: bool = True,
    drop: bool = True,
    metadata: bool = True,
    observe=None,
    comments: bool = False,
) -> Extracted:
    """The article text of an HTML page (one paragraph per line) and its metadata.

    Never raises. `clean_blocks=False` returns trafilatura's blocks unjudged.
    `drop=False` keeps the judged blocks in `text` (`removed` then numbers the
    lines of `text` to take out), for a caller that records removals per line.
    `metadata=False` finds only the title and url (what the judging needs).
    `observe(markup, page_words, first, texts)`, if given, sees every extraction
    and what the choice between them is made on (bench/train_choice.py).
    `comments=True` also extracts the page's comments (Extracted.comments).
    """
    try:
        extracted = _extract(html, url, tuple(prune_xpath), clean_blocks, drop, metadata, observe)
        if comments:
            extracted = dataclasses.replace(extracted, comments=readings.comments(html, url))
        return extracted
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - a page must never stop a batch
        try:
            text = page.markup_text(page.shrink(html))
        except (Exception, RecursionError):  # noqa: BLE001
            text = ""
        return _whole_page(
            text,
            [f"fallback: extraction failed ({type(exc).__name__}: {str(exc)[:80]}); whole-page text used"],
        )


def _extract(
    html: str,
    url: str | None,
    prune_xpath: tuple[str, ...],
    clean_blocks: bool,
    drop: bool,
    metadata: bool = True,
    observe=None,
) -> Extracted:
    notes: list[str] = []
    if not html.strip():
        return Extracted("", {}, ("extraction: empty page",))
    html = _within_size(html, notes)

    tree = page.parse(html)
    if tree is None:
        return _whole_page(page.markup_text(html), notes + ["fallback: the page did not parse as HTML"])
    meta = pagemeta.found_by_trafilatura(tree, url, metadata)  # what the blocks are judged with
    shown = pagemeta.judged(tree, url or meta.get("url"), meta, metadata)
    if page.too_deep(tree):
        return _whole_page(
            page.markup_text(html),
            notes + [f"fallback: page nested deeper than {PARSER_MAX_DEPTH} levels; whole-page text used"],
            shown,
        )
    _within_elements(tree, notes)
    markup = page.markup_counts(tree)  # before the repairs change the tree
    code = page.code_texts(tree) if markup.code_blocks else ()
    prune_xpath, bad = readings.valid_xpaths(prune_xpath)
    if bad:
        notes.append(f"extraction: prune_xpath ignored, not valid XPath: {', '.join(map(repr, bad))}")
    if htmlrepair.merge_split_bodies(tree):
        notes.append("extraction: article body split in several containers, merged")
    htmlrepair.prune_widgets(tree)

    doc = readings.trafilatura(tree, url or meta.get("url"), prune_xpath)
    got = len(doc.raw_text or "") if doc is not None else 0
    if got < FALLBACK_MAX_CHARS:
        whole = page.tree_text(tree)
        if doc is None or len(whole) > FALLBACK_PAGE_RATIO * max(got, 1):
            note = f"fallback: trafilatura extracted {got:,} chars of {len(whole):,}; whole-page text used"
            return dataclasses.replace(_whole_page(whole, notes + [note], shown), code=code)
    text, removed = _judged_reading(tree, doc.body, meta, clean_blocks, drop)
    return dataclasses.replace(
        _chosen(html, markup, _Judged(text, removed, shown, notes, drop), observe), code=code
    )


def _within_size(html: str, notes: list[str]) -> str:
    """The markup, without its scripts when huge, and only its first MAX_HTML_CHARS."""
    if len(html) > SHRINK_ABOVE:
        html = page.shrink(html)
    if len(html) > MAX_HTML_CHARS:
        notes.append(
            limit_note(
                f"page too large ({len(html):,} characters of markup without scripts), "
                f"only its first {MAX_HTML_CHARS:,} read"
            )
        )
        cut = max(html.rfind(">", 0, MAX_HTML_CHARS), html.rfind(" ", 0, MAX_HTML_CHARS))
        html = html[: cut + 1 if cut > 0 else MAX_HTML_CHARS]  # lxml closes what is left open
    return html


def _within_elements(tree, notes: list[str]) -> None:
    """Cut a page of more than MAX_ELEMENTS elements: its furniture first, then its end."""
    elements = int(tree.xpath("count(//*)"))
    if elements > MAX_ELEMENTS:  # navigation, icons and menus go first, whole
        from trafilatura.xml import delete_element

        for el in tree.xpath(page.FURNITURE_XPATH):
            if el.getparent() is not None:
                delete_element(el, keep_tail=True)
        elements = int(tree.xpath("count(//*)"))
    if elements > MAX_ELEMENTS:
        page.truncate_tree(tree, MAX_ELEMENTS)
        notes.append(
            limit_note(
                f"page has {elements:,} elements besides its navigation and icons, "
                f"only its first {MAX_ELEMENTS:,} read"
            )
        )


def _judged_reading(
    tree, body, meta: dict, clean_blocks: bool, drop: bool
) -> tuple[str, tuple[Removal, ...]]:
    """trafilatura's reading with what it left out between its paragraphs put back, its
    blocks judged: its text (without the judged blocks if `drop`) and the removals."""
    htmlgaps.restore_lists(tree, body)
    htmlgaps.restore_headings(tree, body)
    found = htmlblocks.blocks(
        body, (lambda wanted: htmlblocks.sources(tree, wanted)) if clean_blocks else None
    )
    verdicts = htmlverdicts.judge(found, meta) if clean_blocks else {}
    return htmlblocks.render(body, found, verdicts, drop=drop)


@dataclass(frozen=True)
class _Judged:
    """trafilatura's judged reading, and what goes out with whichever reading is taken."""

    text: str
    removed: tuple[Removal, ...]
    shown: dict  # the metadata handed on
    notes: list[str]
    drop: bool


def _chosen(html: str, markup, judged: _Judged, observe) -> Extracted:
    """The reading to hand on: trafilatura's judged one, an alternative the choice
    takes over it, or nothing from a navigation shell."""
    text, removed, shown, notes, drop = judged.text, judged.removed, judged.shown, judged.notes, judged.drop
    try:
        others = readings.resiliparse(html, htmlchoice.declares_product(markup))
    except Exception as exc:  # noqa: BLE001 - trafilatura's reading stands on its own
        others = None
        notes.append(
            f"extraction: resiliparse failed ({type(exc).__name__}: {str(exc)[:80]}); "
            f"trafilatura's reading used"
        )
    if others is None:
        return Extracted(text, shown, tuple(notes), removed=removed)
    if readings.navigation_only(markup, others):
        return _shell(judged, others.page_words)
    kept = readings.without(text, removed) if not drop else text
    judged_kept = frozenset(map(htmlblocks.norm, kept.split("\n")))
    again = {name: readings.judged_again(other, removed, judged_kept) for name, other in others.texts.items()}
    kept_of = {name: readings.without(*pair) for name, pair in again.items()}
    found = htmlchoice.signals_of(markup, others.page_words, kept, kept_of)
    if observe is not None:
        observe(markup, others.page_words, kept, kept_of)
    choice = htmlchoice.choose(found)
    if choice.name != "first" and kept_of[choice.name].strip():
        notes.append(
            f"extraction: {htmlchoice.ALTERNATIVES[choice.name].description} taken over trafilatura's "
            f"text (odds {choice.probability:.2f} that it holds more of the page's content)"
        )
        if drop:
            return Extracted(kept_of[choice.name], shown, tuple(notes), page_words=others.page_words)
        taken, gone = again[choice.name]
        return Extracted(taken, shown, tuple(notes), removed=gone, page_words=others.page_words)
    return Extracted(text, shown, tuple(notes), removed=removed, page_words=others.page_words)


def _shell(judged: _Judged, page_words: int) -> Extracted:
    """A page with no main content: every line of the reading removed, with a note."""
    notes = judged.notes + [
        f"no main content: the page has fewer than {readings.SHELL_MAX_WORDS} words outside its "
        f"navigation, header, footer and asides, and most of its text is links"
    ]
    gone = set(map(_LINE, judged.removed))
    # numbered by the lines of `text` as it stands with the judged blocks (not when dropped: 0)
    everything = judged.removed + tuple(
        Removal("html:navigation-only", "navigation", 0 if judged.drop else number, line)
        for number, line in enumerate(judged.text.split("\n"), start=1)
        if line.strip() and (judged.drop or number not in gone)
    )
    return Extracted(
        "" if judged.drop else judged.text,
        judged.shown,
        tuple(notes),
        removed=tuple(sorted(everything, key=_LINE)),
        page_words=page_words,
    )


def _whole_page(text: str, notes: list[str], meta: dict | None = None) -> Extracted:
    if len(text) > page.MAX_FALLBACK_CHARS:
        cut = text.rfind("\n", 0, page.MAX_FALLBACK_CHARS)
        text = text[: cut if cut > 0 else page.MAX_FALLBACK_CHARS]
        notes = notes + [f"limit: whole-page text cut to its first {len(text):,} characters"]
    return Extracted(text, meta or {}, tuple(notes), whole_page=True)
