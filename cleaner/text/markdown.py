"""Markdown in plain-text input: how a line reads, and the text a reader sees.

Scrapers often hand over pages converted by html2text, markdownify or the
like: links as [text](url), images as ![alt](src), # headings, * bullets,
**emphasis**, backslash escapes. Detection reads every line through
`visible` (its link share, bullet and heading are features); the output of a
page that `looks_like_markdown` is given as `plain` text, the words a reader
of the rendered page sees, unless the caller keeps the markup.

Converters also leave markup that Markdown cannot write: pandoc's gfm keeps
raw HTML, its own Markdown `::: {.class}` fences and `{#id}` attributes.
`strip_markup` takes it out of plain-text input before it is segmented, and
`block_lines` lets the reader tell such Markdown from an HTML fragment.

Pure functions; every pattern's repeats are bounded or cannot overlap the
next one, so that no line, however long or odd, makes them backtrack more
than linearly.
"""

from __future__ import annotations

import re

from ..lazyre import lazy

# A list bullet, a Markdown heading or quote, a numbered item, at the line start.
_PREFIX = lazy(
    r"(?:(?P<bullet>[*+\-\u2022\u00b7\u25aa\u25ba\u2013\u2014]|\d{1,3}[.)])"
    r"|(?P<heading>#{1,6})|(?P<quote>>))\s+"
)
# Markdown links and images: [text](target "title"), ![alt](src), [text][ref].
_TARGET = r"\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}(?:\s{1,5}\"[^\"\n]{0,300}\")?\s{0,5}\)"
_LINK = lazy(r"!?\[([^\[\]\n]{0,500})\]" + _TARGET + r"|!?\[([^\[\]\n]{0,500})\]\[[^\[\]\n]{0,100}\]")
_IMAGE = lazy(r"!\[[^\[\]\n]{0,500}\](?:" + _TARGET + r"|\[[^\[\]\n]{0,100}\])")
_URL = lazy(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}")
_AUTOLINK = lazy(r"<(?:mailto:)?(https?://[^<>\s]{1,2000}|[\w.+-]{1,64}@[\w.-]{1,255})>")
# Emphasis markers: ** and __ anywhere, a * or _ that opens (not after a word,
# before a non-space: _"quoted"_) or closes (after a non-space, not before a
# word), and backticks. Inside words (snake_case, 2*3) they are the text's own.
_EMPHASIS = lazy(r"\*\*|__|(?<![\w*_])[*_](?=[^\s*_])|(?<=[^\s*_])[*_](?![\w*_])|`")
_ESCAPE = lazy(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
# An escaped character is held as a private-use one while the markup is read.
_HELD = 0xE000
_RELEASE = {_HELD + ord(c): c for c in "\\`*_{}[]()#+-.!|<>~"}
_PRIVATE = lazy("[\ue000-\ue07f]")  # a text holding such characters has its escapes read as they are
# Markers a plain reading drops at a line's start: a heading's hashes, a quote's ">".
_BLOCK_MARK = lazy(r"^(?:#{1,6}|>(?:\s{0,3}>){0,10})\s+")
MIN_LINK_LINES = 3  # a text with Markdown links on fewer lines is not read as Markdown


def _label(match: re.Match) -> str:
    return match.group(1) if match.group(1) is not None else match.group(2) or ""


def _unlinked(text: str) -> tuple[str, int]:
    """`text` with every link replaced by its label, and the characters of those labels."""
    labels = 0
    for _ in range(3):  # an image inside a link: [![alt](src)](href)
        if "](" not in text and "][" not in text:
            break
        found = _LINK.findall(text)
        if not found:
            break
        labels += sum(len(a or b) for a, b in found)
        text = _LINK.sub(_label, text)
    return text, labels


def visible(text: str) -> tuple[str, bool, bool, int, int]:
    """A line as detection reads it: bullet/heading markers, link targets,
    bare URLs and emphasis removed.

    Returns (visible text, bullet, heading, characters of link text in it,
    characters of the bare URLs and e-mail addresses taken out of it).
    """
    bullet = heading = False
    m = _PREFIX.match(text)
    if m:
        bullet = m.group("bullet") is not None
        heading = m.group("heading") is not None
        text = text[m.end() :]
    text, labels = _unlinked(text)
    urls = 0
    if "://" in text or "www." in text or "@" in text:
        found = _URL.findall(text)
        if found:
            urls = sum(map(len, found))
            text = _URL.sub(" ", text)
    if "*" in text or "_" in text or "`" in text:
        text = _EMPHASIS.sub("", text)
    return text.strip(), bullet, heading, labels, urls


def visible_text(text: str) -> str:
    """A line as a reader sees it: Markdown link targets, bullets and emphasis removed."""
    return visible(text.strip())[0]


def looks_like_markdown(text: str) -> bool:
    """The text is Markdown: MIN_LINK_LINES of its lines or more hold a [text](url) link."""
    if text.count("](") < MIN_LINK_LINES:  # most plain text: settled without a regex
        return False
    return sum(1 for line in text.splitlines() if "](" in line and _LINK.search(line)) >= MIN_LINK_LINES


# A line that is Markdown's way of writing a block or a link: a heading, a list
# item, a quote, a pandoc fence, or a line holding a [link]( or an ![image].
_BLOCK_LINE = lazy(r"^(?:#{1,6}\s|\s{0,3}[-*+]\s|\s{0,3}\d{1,3}[.)]\s|\s{0,3}>\s|:::)|\]\(|!\[", re.MULTILINE)


def block_lines(text: str) -> int:
    """How many Markdown headings, list items, quotes, fences and links the text holds."""
    return len(_BLOCK_LINE.findall(text))


def plain(text: str) -> str:
    """A paragraph of Markdown as its reader sees it: images gone, links as their
    text, no heading or quote marker, no emphasis or escapes. List bullets and
    bare URLs stay: the reader sees them too."""
    text = text.strip()
    held = "\\" in text and not _PRIVATE.search(text)
    if held:
        text = _ESCAPE.sub(lambda m: chr(_HELD + ord(m.group(1))), text)
    text = _BLOCK_MARK.sub("", text, count=1)
    if "![" in text:
        text = _IMAGE.sub(" ", text)
    text = _unlinked(text)[0]
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text:
        text = _EMPHASIS.sub("", text)
    if held:
        text = text.translate(_RELEASE)
    return " ".join(text.split())


# --- markup left in the text: raw HTML, pandoc's attributes and fenced divs ------

_ELEMENTS = (
    "a abbr address article aside audio b bdi bdo blockquote body br button canvas caption "
    "center cite code col colgroup data dd del details dfn dialog div dl dt em embed fieldset "
    "figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img "
    "input ins kbd label legend li link main mark meta meter nav noscript object ol optgroup "
    "option output p param picture pre progress q s samp script section select small source "
    "span strong style sub summary sup svg table tbody td template textarea tfoot th thead "
    "time title tr track u ul var video wbr !doctype"
).split()
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data dfn em font i ins kbd mark q s samp small span "
    "strong sub sup time u var".split()
)
# An HTML element's tag, its attributes possibly over several lines (bounded).
_TAG = lazy(
    r"</?(%s)(?=[\s/>])(?:\s[^<>]{0,4000})?/?>"  # noqa: UP031 - braces are the regex's
    % "|".join(sorted(_ELEMENTS, key=len, reverse=True)),
    re.IGNORECASE,
)
# Pandoc: "::: {.class}" fenced divs, "[text]{.class}" spans, "{#id .class key=value}" after
# links, images and headings.
_FENCE = lazy(r"^ {0,3}:{3,}.*$", re.MULTILINE)
_SPAN = lazy(r"\[([^\[\]\n]{0,500})\](?=\{(?:[#.]|[\w-]+=))")
# One of pandoc's attributes: #id, .class, key=value or key="quoted \"value\" {with braces}".
_ATTRIBUTE = r'(?:[#.][\w:-]+|[\w:-]+=(?:"(?:[^"\\]|\\.){0,4000}"|[^\s{}"]{0,2000}))'
_ATTRIBUTES = lazy(r"\{\s{0,20}" + _ATTRIBUTE + r"(?:\s{1,200}" + _ATTRIBUTE + r"){0,100}\s{0,20}\}")
_HIDDEN = (
    ("<!--", "-->"),
    ("<script", "</script"),
    ("<style", "</style"),
    ("<noscript", "</noscript"),
    ("<template", "</template"),
)  # what holds no text a reader sees
MIN_MARKUP = 5  # a text with fewer tags or attribute blocks is left as it is (it may quote them)


def _lines_of(match: re.Match) -> str:
    """What a removed piece of markup leaves: its line breaks, so that lines keep their numbers."""
    return "\n" * match.group().count("\n")


def _tag_gap(match: re.Match) -> str:
    """A tag leaves its line breaks; else an inline tag goes without a trace, a block tag leaves a space."""
    return _lines_of(match) or ("" if match.group(1).lower() in _INLINE else " ")


def strip_markup(text: str) -> tuple[str, int]:
    """`text` without the raw HTML tags, HTML comments and pandoc attributes and
    fences that converters leave in Markdown, and how many pieces went.

    Every line keeps its number (a piece spanning lines leaves its line
    breaks); the text between tags stays, its character references read. A
    text holding fewer than MIN_MARKUP pieces comes back as it is.
    """
    if "<" not in text and "{" not in text and ":::" not in text:
        return text, 0
    tags = len(_TAG.findall(text)) if "<" in text else 0
    pandoc = (
        (len(_ATTRIBUTES.findall(text)) + len(_FENCE.findall(text))) if ("{" in text or ":::" in text) else 0
    )
    if tags < MIN_MARKUP and pandoc < MIN_MARKUP:
        return text, 0
    count = 0
    if tags >= MIN_MARKUP:
        text, comments = _without_comments(text)
        text, n = _TAG.subn(_tag_gap, text)
        count += comments + n
        import html  # its entity table loads only for text with raw HTML in it

        text = html.unescape(text)
    if pandoc >= MIN_MARKUP:
        text = _SPAN.sub(r"\1", text)
        text, n = _ATTRIBUTES.subn(_lines_of, text)
        text, m = _FENCE.subn("", text)
        count += n + m
    return text, count


def _without_comments(text: str) -> tuple[str, int]:
    """`text` without its <!-- comments --> and the code inside <script>, <style>,
    <noscript> and <template> (line breaks kept), and how many went.

    One pass with str.find, each opener's next place remembered until passed:
    linear however many there are, closed or not.
    """
    lower = text.lower()
    found = {opener: lower.find(opener) for opener, _ in _HIDDEN}
    closers = dict(_HIDDEN)
    out, at, count = [], 0, 0
    while True:
        for opener, place in found.items():
            if 0 <= place < at:
                found[opener] = lower.find(opener, at)
        places = [(place, opener) for opener, place in found.items() if place >= 0]
        if not places:
            break
        start, opener = min(places)
        end = lower.find(closers[opener], start + len(opener))
        if end < 0:  # never closed: the rest of the text is left as it is
            break
        end = lower.find(">", end) + 1 or len(text)  # the closing tag's ">"
        out += (text[at:start], "\n" * text.count("\n", start, end))
        at, count = end, count + 1
    out.append(text[at:])
    return "".join(out), count
