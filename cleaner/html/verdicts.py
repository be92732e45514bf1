"""The verdicts on trafilatura's blocks (part of the HTML stage): which are boilerplate, and why.

Regexes and thresholds over the blocks blocks.py found (their text, tag,
list and share of link text): each block judged boilerplate gets a rule id
(`html:...`) and a category. The word lists of the patterns come from
cleaner/vocabulary.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..vocabulary import CURRENCY_CODES, DATELINE_WORDS, FOLLOW_NETWORKS
from .blocks import _NO_SOURCE, Verdict, _Block, norm
from .page import WORDS

_LABEL = r"\s*(?:[:|»›>\-–—]\s*|$)"
_RELATED = re.compile(
    r"^\W*(?:related(?:\s+(?:articles?|stories|posts?|news|content|coverage|reading))?|see also|"
    r"read (?:more|also|next)|also read|more (?:on|from|about|stories|news|coverage|reading)(?: \w+){0,3}|"
    r"recommended(?: for you| reading| stories)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|"
    r"(?:most )?(?:popular|read|viewed|shared)(?: (?:on|in|now|stories|articles)(?: \w+){0,3})?|"
    r"trending(?: now| stories)?|top stories|latest(?: news| stories)?|further reading|explore further|"
    r"don'?t miss|more|also|also on \S+|"
    r"leia (?:também|mais)|veja (?:também|mais)|lesen sie (?:auch|mehr)|mehr zum thema|(?:à )?lire (?:aussi|également)|"
    r"voir aussi|leggi anche|lee (?:también|más)|ver (?:también|más)|zobacz (?:też|także)|"
    r"читайте также|lees ook|läs också|les også|lue myös)" + _LABEL,
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|replies|responses|comentários?|comentarios?|commenti|commentaires?|"
    r"kommentare?|reacties|komentarze?|yorumlar?|комментари[йи]|댓글|评论|コメント)\W*(?:\(\d+\))?\W*$|"
    r"^\W*(?:no|0|zero)\s+comments?\W*$|"
    r"^\W*(?:leave|post|add|write|submit|join)\s+(?:a|your|the)\s+(?:reply|comment|response|discussion|conversation)|"
    r"^\W*(?:view|show|load|loading|read|see|hide|all|display)\s+(?:all\s+|new\s+|more\s+|the\s+|user\s+|reader\s+)*"
    r"comments?\b|"
    r"^\W*(?:user|reader)\s+comments\W*$|comments? (?:are|is) (?:now )?closed|comments powered by|"
    r"^\W*(?:join|start)\s+(?:the\s+)?(?:discussion|conversation)\W*$|want to join the discussion|"
    r"^\W*(?:comment|discuss) on this (?:story|article|post)\W*$|^\W*notify of\W*$|"
    r"^\W*(?:oldest|newest|most voted|inline feedbacks?)(?:\s+(?:oldest|newest|most voted|inline feedbacks?))*\W*$|"
    r"^\W*(?:\d+\s+)?(?:guests?|anonymous)\W*$",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^\W*(?:share|tweet|email|print|pin)(?: (?:this|it|on|via|the)(?: \w+){0,3})?\W*$|"
    r"\bshare (?:this|it) with (?:a|your) friends?\b|"
    r"^\W*(?:follow|like|join)\s+(?:us|@?\w+(?:\s+\w+){0,5})\s+on\s+(?:" + "|".join(FOLLOW_NETWORKS) + r")\b|"
    r"^\W*(?:click|tap) (?:here )?to (?:tweet|share)\b|^\W*follow\b.{0,60}\bcoverage\b",
    re.IGNORECASE,
)
_FOLLOW = re.compile(r"^\W*follow\b", re.IGNORECASE)
_NEWSLETTER = re.compile(
    r"^\W*(?:sign up|subscribe|register|join|get)\b.{0,80}\b(?:newsletters?|e-?mails?|inbox|updates|"
    r"channel|alerts?|briefing|digest)\b|"
    r"^\W*(?:click here to )?subscribe\b|\bnewsletter\W*$|^\W*thanks? (?:you )?for (?:signing up|subscribing)",
    re.IGNORECASE,
)
# (an article's own closing credits, "Additional reporting by ...", "X contributed
# to this report", are part of it, as readers and annotators take them)
_CREDIT = re.compile(
    r"^\W*write to \S.{0,80}\bat \S+@\S+|"
    r"^\W*(?:reach|contact|email) (?:the )?(?:reporters?|writers?|authors?)\b|"
    r"^\W*copyright\b.{0,150}$|^\W*(?:©|\(c\))\s*(?:19|20)\d\d\b.{0,150}$|\ball rights reserved\W*$",
    re.IGNORECASE,
)
# a picture's credit, alone or ending its caption; the credited name starts with a
# capital, "©" or "@" (not YAML's "image: nginx:1.14")
_NAME = r"(?-i:[A-Z©@])"
_PHOTO_CREDIT = re.compile(
    "|".join(
        (
            # "Photo: Jane Doe", "Image credit: © Agency", "Credit: Jane Doe / Getty Images"
            r"^\W*(?:(?:photo(?:graph)?|image|picture|illustration)s?(?: credits?)?|credits?)(?: by)?\s*:\s*"
            + _NAME,
            r"^\W*(?:photo(?:graph)?|image|picture)s? (?:by|courtesy of|via) " + _NAME,  # "Photo by Jane Doe"
            # a caption ending in its credit: "The pier at dawn. Photo by: 'Jane Doe'."
            r"\b(?:photo(?:graph)?s?(?: by)?|picture credit|image credit|photo credit)\s*:\s*['\"‘“]?"
            + _NAME
            + r"[^.:]{0,60}\.?['\"’”)]*\s*$",
            r"\((?:photo|image|picture)(?: credit)?s?\s*:[^)]{1,60}\)\s*$",  # "(Picture credit: Getty)"
            r"^[^.]{0,80}/\s*(?:getty images|shutterstock|istock(?:photo)?|reuters|afp)\s*$",  # "Jane Doe/Getty Images"
        )
    ),
    re.IGNORECASE,
)
_READING_TIME = re.compile(
    r"^\W*(?:\d+\s*(?:min(?:ute)?s?|minuto?s?|minuten?)\s*(?:read|de leitura|de lectura|lesezeit|"
    r"di lettura|de lecture)|(?:reading time|read time|tempo de leitura|tiempo de lectura|lesezeit|"
    r"temps de lecture|tempo di lettura)\s*:?\s*\d+.{0,20})\W*$",
    re.IGNORECASE,
)

# the label of a page's own table of contents ("Jump to", "In this article")
_CONTENTS_LABEL = re.compile(
    r"^\W*(?:(?:table of )?contents|in this (?:article|post|guide|page|story|review)|on this page|"
    r"jump to(?: section)?|skip to|inhalt(?:sverzeichnis)?|sommaire|table des matières|índice|indice|"
    r"contenidos?|inhoudsopgave|spis treści|содержание|目次|目录)\W*$",
    re.IGNORECASE,
)
_DATE_SIGNAL = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_RELATED_LOOSE = re.compile(r"^\W*(?:also on|more on|more from|read more on)\s+\S+\s", re.IGNORECASE)
_SHORTCODE = re.compile(r"^\s*\[(\w+)\b[^\]]*\].{0,300}\[/\1\]\s*$")
_CODE = "(?:" + "|".join(CURRENCY_CODES) + ")"
_RATE_ROW = re.compile(  # a currency (or pair) and a number, nothing much else
    r"^\W{0,3}(?:" + _CODE + r"(?:\s*/\s*" + _CODE + r")?)\s*[^\W\d]{0,20}(?:\s+[^\W\d]+){0,3}"
    r"\s*[|:]?\s*[$€£¥₦₹₽₩₺₴₫₱₪฿]?\s*[-+]?\d[\d.,]*(?:\s*[|]?\s*[-+▲▼]?\s*\d[\d.,]*\s*%?)*\W{0,3}$"
)
_URL_LINE = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$", re.IGNORECASE)

LONG_BLOCK_WORDS = 25  # a block this long is article prose, not a widget's line
SHORT_LINE_WORDS = 15  # phrase rules only judge lines up to this long
JUDGED_LINE_WORDS = 2 * SHORT_LINE_WORDS  # ... and look at blocks up to this long at all
LINK_BLOCK_RATIO = 0.8  # a block with this share of link text is a link
LINK_LIST_SHARE = 0.6  # a list whose items are links at this share is a link list
TEASER_LINK_RATIO = 0.4  # outside the prose, a list item this linked is a teaser ...
TEASER_HEADLINE_RATIO = 0.2  # ... and so is one opening with a link (headline + summary)
RATE_TABLE_SHARE = 0.75  # a list or table with this share of rate rows is a rate widget
MAX_LINK_SHARE_REMOVED = 0.5  # link lists are not removed when they are most of the text
DEK_MIN_WORDS = 8  # a heading beside the title this long is its summary (dek, standfirst)
TITLE_WITHIN = 6  # the title is looked for among the first blocks only


def judge(blocks: list[_Block], meta: dict) -> dict[int, Verdict]:
    """Index of each block judged boilerplate -> (rule id, category).

    The article's prose runs from the first to the last long, unlinked block;
    what comes before it (the lead) and after it (the tail) is where widgets
    sit, and some rules only judge there. Rules run in this order, later ones
    seeing the verdicts of earlier ones.
    """
    if not blocks:
        return {}
    zones = _Zones.of(blocks)
    verdicts: dict[int, Verdict] = {}
    _judge_title(blocks, zones, norm(meta.get("title") or ""), verdicts)
    _judge_lists(blocks, zones, verdicts)
    page_url = (meta.get("url") or "").rstrip("/")
    for k, b in enumerate(blocks):
        if k not in verdicts and b.words <= JUDGED_LINE_WORDS:
            verdict = _judge_line(b, zones.outside(k), page_url)
            if verdict:
                verdicts[k] = verdict
    _judge_comment_box(blocks, verdicts)
    _judge_contents_labels(blocks, verdicts)
    _judge_empty_headings(blocks, verdicts)
    return verdicts


@dataclass(frozen=True)
class _Zones:
    first_prose: int  # index of the first block of prose (len(blocks) when none)
    last_prose: int  # index of the last (-1 when none)

    @classmethod
    def of(cls, blocks: list[_Block]) -> _Zones:
        prose = [
            k
            for k, b in enumerate(blocks)
            if b.words >= LONG_BLOCK_WORDS
            and b.tag != "head"
            and (b.link_ratio < TEASER_LINK_RATIO if b.tag in ("item", "row") else b.link_ratio < 0.5)
        ]
        return cls(prose[0], prose[-1]) if prose else cls(len(blocks), -1)

    def outside(self, k: int) -> bool:
        """In the lead (before the prose) or the tail (after it)."""
        return k < self.first_prose or k > self.last_prose


def _judge_title(blocks: list[_Block], zones: _Zones, title: str, verdicts: dict[int, Verdict]) -> None:
    """The title repeated before the text starts, and the long headings beside it (dek,
    standfirst); and any heading that is the title."""
    lead = range(min(zones.first_prose, TITLE_WITHIN, len(blocks)))
    title_at = next((k for k in lead if _is_title(blocks[k], title)), None)
    if title_at is None and lead and blocks[0].tag == "head" and blocks[0].rend == "h1":
        title_at = 0  # the headline opening the text, worded unlike the page's title
    if title_at is not None:
        verdicts[title_at] = ("html:title", "metadata")
        for k in lead:
            b = blocks[k]
            if k != title_at and b.tag == "head" and abs(k - title_at) <= 2 and b.words >= DEK_MIN_WORDS:
                verdicts[k] = ("html:dek", "metadata")
    for k, b in enumerate(blocks):
        if k not in verdicts and b.tag == "head" and title and norm(b.text) == title:
            verdicts[k] = ("html:title", "metadata")


def _is_title(b: _Block, title: str) -> bool:
    """The block repeats the page's title: exactly, or the title without its site-name part,
    or (a heading) most of its words."""
    n = norm(b.text)
    if not n or not title:
        return False
    if n == title:
        return True
    words, title_words = n.split(), title.split()
    if len(words) >= max(3, 0.6 * len(title_words)) and title.startswith(n):
        return True  # "Headline | Site" as the title
    if len(title_words) >= 3 and n.startswith(title) and len(words) <= len(title_words) + 4:
        return True
    if b.tag == "head" and len(words) >= 3:
        common = len(set(words) & set(title_words))
        return common >= 0.6 * min(len(set(words)), len(set(title_words)))
    return False


def _judge_lists(blocks: list[_Block], zones: _Zones, verdicts: dict[int, Verdict]) -> None:
    """Lists of links (related stories), tool lists above the text, rate tables, and
    headings that are links, outside the prose. Link verdicts are withdrawn when
    they would take most of the text: then the page is a list of stories."""
    for ks in _groups(blocks, ("item",)):
        out = all(zones.outside(k) for k in ks)
        linky = sum(_is_link_item(blocks[k], out) for k in ks)
        if (len(ks) >= 2 or out) and linky >= LINK_LIST_SHARE * len(ks):
            for k in ks:
                verdicts.setdefault(k, ("html:link-list", "related-links"))
        elif out and ks[-1] < zones.first_prose and all(blocks[k].words <= 3 for k in ks):
            for k in ks:  # "Share", "Print", "Order reprints"
                verdicts.setdefault(k, ("html:tool-list", "navigation"))
    for ks in _groups(blocks, ("item", "row")):
        rates = sum(bool(_RATE_ROW.match(blocks[k].text)) for k in ks)
        if rates >= 3 and rates >= RATE_TABLE_SHARE * len(ks):
            for k in ks:  # "USD 1.0842 +0.12%": an exchange-rate or ticker widget
                verdicts.setdefault(k, ("html:rate-table", "currency-widget"))
    for k, b in enumerate(blocks):
        if k not in verdicts and b.tag == "head" and zones.outside(k) and b.link_ratio >= LINK_BLOCK_RATIO:
            verdicts[k] = ("html:link-heading", "related-links")
    linked = sum(len(blocks[k].text) for k, v in verdicts.items() if v[0] in _LINK_RULES)
    if linked > MAX_LINK_SHARE_REMOVED * sum(len(b.text) for b in blocks):
        for k in [k for k, v in verdicts.items() if v[0] in _LINK_RULES]:
            del verdicts[k]


_LINK_RULES = ("html:link-list", "html:link-heading")


def _is_link_item(b: _Block, outside: bool) -> bool:
    """A list item that is a link; outside the prose, also a teaser (a headline link and
    its summary)."""
    if b.link_ratio >= LINK_BLOCK_RATIO:
        return True
    return outside and (
        b.link_ratio >= TEASER_LINK_RATIO or b.src.lead_link and b.link_ratio >= TEASER_HEADLINE_RATIO
    )


def _groups(blocks: list[_Block], tags: tuple[str, ...]) -> list[list[int]]:
    """Indexes of the blocks of each list (or table), for blocks of the given tags."""
    groups: dict[int, list[int]] = {}
    for k, b in enumerate(blocks):
        if b.tag in tags and b.list_id is not None:
            groups.setdefault(b.list_id, []).append(k)
    return list(groups.values())


@lru_cache(maxsize=4096)  # the two readings share most of their lines, and pages of a site their furniture
def line_verdict(text: str) -> Verdict | None:
    """What a line of another reading (its markup unknown) says of itself, read as
    _judge_line reads a short paragraph among the article's own."""
    words = len(WORDS.findall(text))
    if not words or words > JUDGED_LINE_WORDS:
        return None
    return _judge_line(_Block(None, "p", "", text, words, _NO_SOURCE), False, "")


def _judge_line(b: _Block, outside: bool, page_url: str) -> Verdict | None:
    """What a single (short) block says of itself."""
    text = b.text
    short = b.words <= SHORT_LINE_WORDS
    if short and _COMMENTS.search(text):
        return "html:comment-furniture", "comment-box"
    if _RELATED.search(text) and (b.link_ratio >= 0.5 or b.words <= 4 or text.startswith("[")):
        return "html:related-label", "related-links"
    if _RELATED_LOOSE.search(text) and b.link_ratio >= 0.5:
        return "html:related-label", "related-links"
    if (short or _FOLLOW.search(text)) and _SHARE.search(text):
        return "html:share-prompt", "share"
    if short and _NEWSLETTER.search(text):
        return "html:newsletter-prompt", "newsletter"
    if _CREDIT.search(text) and (outside or short):
        return "html:credit-line", "metadata"
    if b.tag not in ("item", "row") and _PHOTO_CREDIT.search(text):
        return "html:photo-credit", "metadata"
    if short and outside and (_READING_TIME.search(text) or _is_dateline(text)) and not _is_data_row(b):
        return "html:dateline", "metadata"
    if page_url and _URL_LINE.match(text) and text.strip().rstrip("/") == page_url:
        return "html:page-url", "metadata"
    if _SHORTCODE.match(text):
        return "html:shortcode", "boilerplate"
    return None


def _is_data_row(b: _Block) -> bool:
    """A row of two or more filled cells in a table of several rows ("2024 | 1,200"):
    data, not a dateline (a one-row layout table "Posted | 12 March 2024" still is one)."""
    if b.tag != "row" or b.el.getparent() is None:
        return False
    filled = sum(1 for cell in b.el if "".join(cell.itertext()).strip())
    return filled >= 2 and len(b.el.getparent().findall(".//row")) >= 2


def _is_dateline(text: str) -> bool:
    """A short line saying when (published, updated, a date, a time) and nothing else."""
    if not _DATE_SIGNAL.search(text):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in DATELINE_WORDS]
    return len(words) <= 1 and len(text) <= 80


def _judge_comment_box(blocks: list[_Block], verdicts: dict[int, Verdict]) -> None:
    """A comment box's short labels ("guest", "Subscribe", "Login") next to its furniture."""
    furniture = [k for k, v in verdicts.items() if v[0] == "html:comment-furniture"]
    for k, b in enumerate(blocks):
        if k not in verdicts and b.words <= 3 and any(0 < abs(k - f) <= 2 for f in furniture):
            verdicts[k] = ("html:comment-furniture", "comment-box")


def _next_kept(blocks: list[_Block], verdicts: dict[int, Verdict], k: int) -> int | None:
    """The index of the first block after `k` not judged boilerplate, None if none is."""
    return next((j for j in range(k + 1, len(blocks)) if j not in verdicts), None)


def _judge_contents_labels(blocks: list[_Block], verdicts: dict[int, Verdict]) -> None:
    """A table of contents' label ("Table of Contents", "In this article") whose list is
    gone (judged a link list) or was never in the text (a script builds it): what follows
    it is the article, not the contents it announces. With its list still there it stays."""
    for k, b in enumerate(blocks):
        if k in verdicts or b.words > 4 or not _CONTENTS_LABEL.match(b.text):
            continue
        nxt = _next_kept(blocks, verdicts, k)
        if nxt is None or blocks[nxt].tag != "item":
            verdicts[k] = ("html:contents-label", "navigation")


def _judge_empty_headings(blocks: list[_Block], verdicts: dict[int, Verdict]) -> None:
    """Headings left with nothing under them: at the end, before another heading, or
    over a removed list of links."""
    for k in range(len(blocks) - 1, -1, -1):
        if k in verdicts or blocks[k].tag != "head":
            continue
        nxt = _next_kept(blocks, verdicts, k)
        gone = [verdicts[j][1] for j in range(k + 1, nxt if nxt is not None else len(blocks))]
        if nxt is None or (gone and (blocks[nxt].tag == "head" or all(c == "related-links" for c in gone))):
            verdicts[k] = ("html:empty-heading", "boilerplate")
