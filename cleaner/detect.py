"""Stage 5: generic boilerplate detection for text from sources no rule knows.

Pure: lines in, removals out. Nothing is read or built at import time; the
model (cleaner/data/detect_model.json) and the stoplists are read once, when
first needed.

How a page is read, in five steps:

1. Features (`document`): shallow, language-aware facts about every line, in
   the spirit of Kohlschuetter et al. (2010) and jusText: how many words, the
   share of stopwords of the page's language (relative to the page's own
   prose), sentence punctuation, capitalised, number-heavy or link-like text
   (Markdown links, bare URLs), list bullets and headings (plain, layout-keeping
   and Markdown renderings), lines repeated elsewhere on the page, and generic
   boilerplate vocabulary (share, newsletter, cookie, copyright, comments,
   advertising, related links, navigation, dates) in several languages.
2. Context (`vectors`): the same facts of the neighbouring lines, the density
   of running text and of links around each line, blank lines, section headers
   ("Related", "Comments") above a line, reader-comment markers nearby.
3. The page (`page_vector`, `article_probability`): what kind of page this is,
   from its text alone: how much of it is running prose and how concentrated,
   how short its lines, how many mark posts, questions, prices, code,
   timestamps or breadcrumbs. A page model (logistic regression) turns them into
   the probability that the page is an article rather than a forum thread, a
   product or docs page, a listing or a service page. Two line models
   (logistic regressions, one fitted on article pages, one on the others;
   all three by bench/train_detect.py on the development corpora) give each
   line a probability of being main text, mixed by the page's.
4. Decoding. On an article (`keep_mask`): the main region is the run of lines
   that maximises sum(words * (p - t)): the article's contiguous body, with t
   lower the less the page reads as an article. Its edges lose short lines the
   model is unsure of (headline, byline, "About us") and take in the plain
   sentences that border it. Lines outside it go unless the model is sure of
   them; inside it only lines the model is sure are not text go, and a plain
   sentence never does. A reader-comment thread under the article goes
   (`comments_below`). A page with no region worth the name (a line or two)
   loses only furniture. On a page that is no article (`loose_mask`): its
   content need not be one run of prose (posts, code, list items, product
   rows), so a line goes only when the model is sure it is no content or it is
   page furniture. Everywhere, a kept line repeating earlier kept text goes.
5. Naming (`_name`): every removal says which detector made it: a specific
   one when its signal is there (cookie-banner, copyright-footer,
   newsletter-prompt, share-prompt, comment-thread, advertisement, byline,
   timestamp, teaser-list, related-links, image-credit, navigation,
   headline-list, headline, duplicate-text), else outside-main-region or
   low-text-density.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from pathlib import Path
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, and_, attrgetter, eq, ge, gt, itemgetter, le, lt, mul, not_, or_, sub, truediv
from types import MappingProxyType
from typing import NamedTuple

import regex

from . import lang
from .errors import CleanerError
from .markdown import visible as _visible
from .model import Line, Removal

# --- vocabulary: generic boilerplate words, several languages -------------
# Each group is a bit; a line's `vocab` is the OR of its words' bits.

SHARE, NEWSLETTER, COOKIE, COPYRIGHT, COMMENT, AD, RELATED, NAV, CREDIT, DATE = (
    1 << n for n in range(10))
_STRONG = SHARE | NEWSLETTER | COOKIE | COPYRIGHT | COMMENT | AD  # words that mark page furniture
VOCAB_NAMES = MappingProxyType({
    SHARE: "share", NEWSLETTER: "newsletter", COOKIE: "cookie", COPYRIGHT: "copyright",
    COMMENT: "comment", AD: "ad", RELATED: "related", NAV: "nav", CREDIT: "credit", DATE: "date"})

VOCAB_GROUPS = MappingProxyType({
    SHARE: """share shares shared sharing tweet retweet facebook twitter whatsapp pinterest
        linkedin reddit telegram messenger flipboard tumblr email print follow
        teilen partager compartir compartilhar partilhar condividi condividere udostępnij
        podziel delen""",
    NEWSLETTER: """newsletter newsletters subscribe subscribed subscription subscriptions subscriber
        subscribers signup inbox unsubscribe alerts abonnieren abonnement abonnez abonner
        abonnieren suscríbete suscribirse suscripción suscribete boletín iscriviti
        iscrizione abbonati abbonamento assine assinatura inscreva inscrever zapisz
        subskrypcja prenumerata prenumeruj nieuwsbrief abonneer""",
    COOKIE: """cookie cookies consent gdpr privacy datenschutz datenschutzerklärung
        confidentialité privacidad privacidade riservatezza prywatności prywatność
        rodo""",
    COPYRIGHT: """copyright impressum imprint trademark trademarks urheberrecht vorbehalten
        réservés reservados riservati zastrzeżone""",
    COMMENT: """comment comments commenting commented reply replies discussion disqus
        kommentar kommentare kommentieren antworten commentaire commentaires répondre
        comentario comentarios responder commento commenti rispondi comentário
        comentários komentarz komentarze komentarzy odpowiedz reacties""",
    AD: """advertisement advertisements advertising advertiser sponsored sponsor promoted
        promotion ad ads anzeige werbung publicité publicidad pubblicità publicidade
        reklama patrocinado sponsorisé""",
    RELATED: """related popular trending recommended recommendations latest more stories
        headlines beliebt meistgelesen populaires relacionados relacionadas populares
        correlati polecane""",
    NAV: """home menu search login logout signin register navigation skip sections contact
        startseite suche anmelden abmelden kontakt accueil recherche connexion inicio
        buscar contacto cerca accedi contatti início pesquisar entrar szukaj zaloguj""",
    CREDIT: """photo photos photograph image images picture pictures caption credit getty
        shutterstock reuters afp ap epa video videos gallery foto fotos bild bilder
        imagen imágenes immagine immagini imagem zdjęcie zdjęcia""",
    DATE: """january february march april june july august september october november
        december jan feb apr jun jul aug sep sept oct nov updated published posted ago
        gmt utc edt pst pdt cest bst januar februar märz april mai
        juni juli oktober dezember janvier février mars avril juin juillet août
        septembre octobre novembre décembre enero febrero marzo abril mayo junio julio
        agosto septiembre octubre noviembre diciembre gennaio febbraio aprile maggio
        giugno luglio settembre ottobre dicembre janeiro fevereiro março maio junho
        julho setembro outubro novembro dezembro stycznia lutego marca kwietnia maja
        czerwca lipca sierpnia września października listopada grudnia aktualisiert
        veröffentlicht publié publicado actualizado pubblicato aggiornato opublikowano""",
})

# Phrases that single words cannot tell ("all rights reserved", "read more"), as
# word sequences: matched on a line's lowercased words.
PHRASES = (
    "rights reserved", "alle rechte vorbehalten", "tous droits réservés", "derechos reservados",
    "diritti riservati", "direitos reservados", "prawa zastrzeżone", "mentions légales", "aviso legal",
    "terms and conditions", "read more", "read next", "see also", "sign up", "log in", "sign in",
    "you may like", "you may also like", "you might like", "you might also like", "more from",
    "most read", "most popular", "most viewed", "most shared", "most commented", "top stories",
    "related articles", "related stories", "related posts", "related topics", "related content",
    "related coverage", "recommended for you", "follow us", "share this", "click here",
    "terms of use", "terms of service", "privacy policy", "cookie policy", "required fields",
    "will not be published", "your email", "email address", "personal data", "by clicking",
    "by continuing", "by using this", "leave a reply", "leave a comment", "post a comment",
    "continue reading", "load more", "show more", "view all", "see all", "sponsored content",
    "paid content", "weiterlesen", "mehr zum thema", "lesen sie auch", "das könnte sie auch",
    "à lire aussi", "lire la suite", "vous aimerez aussi", "sur le même sujet", "leer más",
    "te puede interesar", "también te puede", "leia mais", "leia também", "pode gostar",
    "leggi anche", "potrebbe interessarti", "czytaj więcej", "czytaj także",
)


@lru_cache(maxsize=1)
def _vocab() -> dict[str, int]:
    """Word -> OR of the VOCAB_GROUPS bits it belongs to."""
    index: dict[str, int] = {}
    for bit, words in VOCAB_GROUPS.items():
        for word in words.split():
            index[word.lower()] = index.get(word.lower(), 0) | bit
    return index


def line_vocabulary(text: str) -> int:
    """OR of the VOCAB_GROUPS bits of one line's words, and COPYRIGHT for a
    copyright sign: a cheap reading of a line alone (rule learning names the
    lines it learns with it)."""
    vocab = _vocab()
    bits = 0
    for word in _WORD.findall(text.lower()):
        bits |= vocab.get(word, 0)
    if _COPYRIGHT_SIGN.search(text):
        bits |= COPYRIGHT
    return bits


@lru_cache(maxsize=1)
def _phrase_index() -> tuple[frozenset[str], dict[tuple[str, str], tuple[str, ...]]]:
    """One-word phrases, and longer ones keyed by their first two words."""
    singles = set()
    pairs: dict[tuple[str, str], list[str]] = {}
    for phrase in PHRASES:
        words = tuple(_WORD.findall(phrase.lower()))
        if len(words) == 1:
            singles.add(words[0])
        else:
            pairs.setdefault(words[:2], []).append(" " + " ".join(words) + " ")
    return frozenset(singles), {k: tuple(v) for k, v in pairs.items()}


_STOP = "s"  # a stopword's code (see _codes)
_SINGLE, _FIRST, _CODE = 1 << 10, 1 << 11, 1 << 12  # code bits above the VOCAB_GROUPS bits


@lru_cache(maxsize=16)
def _codes(language: str | None) -> dict[str, str]:
    """Word -> what detection knows of it, as a short string (one dict lookup a token).

    "s" for a stopword of `language`, then for a vocabulary word one character
    chr(_CODE | bits): its VOCAB_GROUPS bits, _SINGLE for a one-word phrase,
    _FIRST for the first word of a longer one. A line's codes, joined, give
    all its word-level facts at once (_code_facts).
    """
    bits = dict(_vocab())
    singles, pairs = _phrase_index()
    for word in singles:
        bits[word] = bits.get(word, 0) | _SINGLE
    for first, _ in pairs:
        bits[first] = bits.get(first, 0) | _FIRST
    table = dict.fromkeys(lang.stopwords(language), _STOP)
    for word, value in bits.items():
        table[word] = table.get(word, "") + chr(_CODE | value)
    return table


@lru_cache(maxsize=4096)
def _code_facts(codes: str) -> tuple[int, int, int, bool, bool]:
    """A line's (stopwords, vocabulary bits, strong-group words, one-word phrase,
    phrase start) from its words' codes (see _codes)."""
    stops = codes.count(_STOP)
    if stops == len(codes):
        return stops, 0, 0, False, False
    found = [ord(c) for c in codes if c != _STOP]
    bits = reduce(or_, found)
    hits = sum(1 for b in found if b & _STRONG)
    return stops, bits & (_SINGLE - 1), hits, bool(bits & _SINGLE), bool(bits & _FIRST)


# --- line shapes -----------------------------------------------------------

_WORD = re.compile(r"\w+")
# str.translate tables for ASCII lines: word characters (what \w matches in ASCII)
# kept, the rest made spaces; and capitals "A", digits "0", other word characters
# "a". Both keep "\n", which separates the lines translated together.
_ASCII_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_ASCII_WORDS = {c: (chr(c) if chr(c) in _ASCII_WORD_CHARS or c == 10 else " ") for c in range(128)}
_ASCII_CAPS = {c: ("A" if chr(c).isupper() else "0" if chr(c).isdigit() else "a" if chr(c) in _ASCII_WORD_CHARS
                   else "\n" if c == 10 else " ") for c in range(128)}
# Han, Hiragana and Katakana: scripts written without spaces between words.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# What calls for the full _visible() treatment: a list/heading marker at the
# start (then markdown.visible decides), link brackets, emphasis, URLs and e-mail addresses.
_MARKER_STARTS = tuple("*+-\u2022\u00b7\u25aa\u25ba\u2013\u2014#>0123456789")
_MARKS = ("]", "*", "_", "`", "@", "://", "www.")
_CLOSERS = "\"'\u201d\u2019\u00bb)]*_ "  # stripped before looking at a line's last character
_TERMINAL = frozenset(".!?\u3002\uff01\uff1f")
_COLON = frozenset(":\uff1a")
_ELLIPSES = ("...", "\u2026")  # a truncated teaser's end (after _CLOSERS are stripped)
# A "|", or one of the other separators between spaces. Written to start with
# one character class (the same matches as r"\||(?<=\s)[...](?=\s)"): the regex
# engine then skips ahead to the candidate characters.
_SEPARATORS = re.compile(r"[|\u00b7\u2022/\u00bb\u203a>\u2013-]"
                         r"(?:(?<=\|)|(?<=\s[\u00b7\u2022/\u00bb\u203a>\u2013-])(?=\s))")
_CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# "By Jane Doe", "Von Max Muster", "Par ...", "Por ...": a byline's first words.
_BYLINE = regex.compile(r"(?:by|written by|posted by|von|par|por|di|door|przez|av|af|autor|author)"
                        r"[:\s]+\p{Lu}", regex.IGNORECASE)
HEAD = 200  # characters of a line that its word-level facts are read from
PHRASE_WORDS = 30  # longer lines are not searched for phrases of several words
_BYLINE_WORDS = frozenset("by written posted von par por di door przez av af autor author".split())
# A word directly followed by "(", "[" or ".name": a call or an attribute in code.
_CALL = re.compile(r"\w+(?:[(\[]|\.\w)")
_COPYRIGHT_SIGN = re.compile(r"\u00a9|\([cC]\)\s*\d{4}")


@lru_cache(maxsize=1)
def _capitals() -> re.Pattern:
    """A word's first letter when it is a capital, in any script (built once, when first used)."""
    upper = "".join(re.escape(c) for c in map(chr, range(0x10000)) if c.isupper())
    # The same matches as (?<!\w)[...], but starting with the character class:
    # the regex engine then skips ahead to capitals instead of testing every position.
    return re.compile(rf"[{upper}](?<!\w[\s\S])")


class LineInfo(NamedTuple):
    """What detection knows about one line."""

    words: int  # word tokens of its visible text (CJK characters count as half words)
    chars: int  # characters of its visible text
    stop: float  # stopword share of its words
    caps: float  # share of its words that start with a capital
    digits: float  # share of its words that are numbers
    link: float  # share of its characters in Markdown link text or bare URLs
    sentences: int  # sentence breaks inside the line (its first HEAD characters)
    terminal: bool  # ends like a sentence (. ! ? after closing quotes)
    colon: bool  # ends with a colon
    ellipsis: bool  # ends with "..." or "[...]": a truncated teaser
    bullet: bool  # a list item ("* ", "- ", "1. ")
    heading: bool  # a Markdown heading ("## ")
    separators: int  # " | ", " / ", " » " ...: breadcrumbs and inline menus
    indent: int
    repeated: bool  # the same text occurs on another line of the page
    vocab: int  # OR of the VOCAB_GROUPS bits of its words
    phrase: bool  # a boilerplate phrase ("all rights reserved", "read more") occurs
    hits: int  # words of the share/newsletter/cookie/copyright/comment/ad groups
    lead: int  # VOCAB_GROUPS bits of its first word ("Share ...", "Subscribe ...")
    copyright: bool  # a copyright sign
    clock: bool  # a time or a numeric date
    byline: bool  # starts like a byline ("By Jane Doe")


class Columns(NamedTuple):
    """The same facts as LineInfo, one list per fact over all lines (fast to compute on)."""

    words: list[int]
    chars: list[int]
    stop: list[float]
    caps: list[float]
    digits: list[float]
    link: list[float]
    sentences: list[int]
    terminal: list[bool]
    colon: list[bool]
    ellipsis: list[bool]
    bullet: list[bool]
    heading: list[bool]
    separators: list[int]
    indent: list[int]
    repeated: list[bool]
    vocab: list[int]
    phrase: list[bool]
    hits: list[int]
    lead: list[int]
    copyright: list[bool]
    clock: list[bool]
    byline: list[bool]


@dataclass(frozen=True)
class Document:
    """The facts about every line of a page, and what holds for the whole page."""

    cols: Columns
    infos: tuple[LineInfo, ...]  # the same, line by line
    language: str | None  # the stoplist picked for the page, None if none fits
    ref_stop: float  # stopword share of the page's prose lines (0.0: no language)
    body_indent: int  # the indentation that holds most prose words
    visible: tuple[str, ...]  # every line as a reader sees it (see markdown.visible)
    numbers: tuple[int, ...]  # every line's number (gaps: blank lines between)
    lasts: tuple[int, ...]  # the number of the last input line each covers (see Line.span)
    # Structures around the lines, read by the model and by naming alike (built once):
    teasers: list[bool]  # lines of a teaser list (_teasers)
    menus: list[bool]  # lines of a run of short lines: a menu (_menus)
    markers: list[bool]  # short lines that mark reader comments (_comment_markers)


def _marked(stripped: list[str]) -> list[int]:
    """Indexes of the lines that need _visible(): markers, links, URLs, emphasis.

    Found with str.find on the whole page rather than a regex on every line:
    most lines need nothing.
    """
    found = set(compress(range(len(stripped)), map(str.startswith, stripped, repeat(_MARKER_STARTS))))
    return sorted(found.union(_holding(stripped, _MARKS)))


def _holding(lines: list[str], needles: Sequence[str]) -> set[int]:
    """Indexes of the lines that hold one of `needles`: str.find over the whole
    page, the cheapest scan there is when few lines hold one."""
    joined = "\n".join(lines)
    starts = [0, *accumulate(len(s) + 1 for s in lines)]
    found = set()
    for needle in needles:
        at = joined.find(needle)
        while at >= 0:
            line = bisect_right(starts, at) - 1
            found.add(line)
            at = joined.find(needle, starts[line + 1])
    return found


def _translated(lines: list[str], which: list[bool], table: dict[int, str]) -> list[str]:
    """The lines marked in `which` (ASCII all) translated by `table` (which keeps
    "\n"), all at once; "" for the others."""
    if not lines:
        return []
    return "\n".join(map(mul, lines, which)).translate(table).split("\n")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _punctuated(lines: list[str], others: list[int]) -> list[int]:
    """Of the non-ASCII lines `others`, those whose non-ASCII characters are all
    punctuation or symbols: no word character of _WORD (str.isalnum) and no
    capital of _capitals(). Made "?" (also punctuation), they leave the same
    words, capitals and numbers, and can be read like ASCII lines."""
    texts = list(map(lines.__getitem__, others))
    wordy = [c for c in set(_NON_ASCII.findall("\n".join(texts))) if c.isalnum() or c.isupper()]
    if not wordy:
        return others
    holding = _holding(texts, wordy)
    return [k for j, k in enumerate(others) if j not in holding]


def _questioned(text: str) -> str:
    """Every non-ASCII character of `text` made "?"."""
    return text.encode("ascii", "replace").decode("ascii")


def _flags(n: int, positions) -> list[bool]:
    out = [False] * n
    for k in positions:
        out[k] = True
    return out


def _vocabulary(tokens: list[list[str]], ntok: list[int], firsts: list[str], language: str | None):
    """Per line: stopwords, VOCAB_GROUPS bits, strong-group words, its first word's bits, a phrase."""
    if not tokens:
        return [], [], [], [], []
    get = _codes(language).get
    facts = map(_code_facts, map(str.join, repeat(""), map(map, repeat(get), tokens, repeat(repeat("")))))
    stops, bits, hits, phrase, starts = map(list, zip(*facts))
    lead = list(map(_vocab().get, firsts, repeat(0)))
    _, pairs = _phrase_index()
    # Phrases of several words: only on lines holding the first word of one, not too long.
    candidates = list(compress(range(len(tokens)), map(and_, starts, map(le, ntok, repeat(PHRASE_WORDS)))))
    near = list(map(tokens.__getitem__, candidates))
    bigrams = map(zip, near, map(itemgetter(slice(1, None)), near))
    for k in compress(candidates, map(any, map(map, repeat(pairs.__contains__), bigrams))):
        if not phrase[k]:
            spaced = " " + " ".join(tokens[k]) + " "
            phrase[k] = any(p in spaced for pair in zip(tokens[k], tokens[k][1:])
                            for p in pairs.get(pair, ()))
    return stops, bits, hits, lead, phrase


def _endings(visible: list[str]) -> tuple[list[bool], list[bool], list[bool]]:
    """Per line: ends like a sentence, ends with a colon, ends with an ellipsis."""
    tails = list(map(str.rstrip, visible, repeat(_CLOSERS)))
    ellipsis = list(map(str.endswith, tails, repeat(_ELLIPSES)))
    lasts = list(map(itemgetter(slice(-1, None)), tails))
    # gt(a, b) of two booleans is "a and not b"
    terminal = list(map(gt, map(_TERMINAL.__contains__, lasts), ellipsis))
    return terminal, list(map(_COLON.__contains__, lasts)), ellipsis


def document(lines: Sequence[Line]) -> Document:
    """Facts about every line of one page (in order).

    Written column by column (a map() or one comprehension a fact, rare facts
    looked for only where their signal is) rather than line by line: pages
    have hundreds of lines, and each pass over them costs CPython some 300 to
    500 instructions a line, so detection counts its passes.
    """
    texts = list(map(attrgetter("text"), lines))
    if "\n" in "".join(texts):  # never from segment(); lines are scanned joined by "\n"
        texts = [text.replace("\n", " ") for text in texts]
    n = len(texts)
    stripped = list(map(str.strip, texts))
    indent = list(map(sub, map(len, texts), map(len, map(str.lstrip, texts))))
    visible = stripped[:]
    bullet, heading, link = [False] * n, [False] * n, [0.0] * n
    for k in _marked(stripped):
        visible[k], bullet[k], heading[k], labels, urls = _visible(stripped[k])
        if labels or urls:  # link text's share of the line (bare URLs count, though taken out)
            link[k] = min(1.0, (labels + urls) / max(len(visible[k]) + urls, 1))
    chars = list(map(len, visible))
    # A long line is read from its first HEAD characters (its words are counted
    # in proportion): pages spend most of their characters on long paragraphs.
    heads = list(map(itemgetter(slice(0, HEAD)), visible))
    lower = list(map(str.lower, heads))
    # Most lines are ASCII: for them str.translate and str.split find the very
    # words of _WORD (runs of [A-Za-z0-9_]) in fewer steps than the regex, all
    # such lines translated at once (joined by "\n", which the tables keep;
    # the other lines joined as "", str * False) and then the others alone.
    # So are lines whose only other characters are punctuation (curly quotes,
    # dashes, no-break spaces), once those are made "?" (see _punctuated).
    as_ascii = list(map(str.isascii, heads))
    others = list(compress(range(n), map(not_, as_ascii)))
    read_heads, read_lower = heads, lower
    if others:
        punctuated = _punctuated(heads, others)
        if punctuated:
            read_heads, read_lower, as_ascii = heads[:], lower[:], as_ascii[:]
            for k in punctuated:
                read_heads[k], read_lower[k], as_ascii[k] = _questioned(heads[k]), _questioned(lower[k]), True
            others = list(compress(range(n), map(not_, as_ascii)))
    tokens = list(map(str.split, _translated(read_lower, as_ascii, _ASCII_WORDS)))
    for k in others:
        tokens[k] = _WORD.findall(lower[k])
    ntok = list(map(len, tokens))
    firsts = list(map(next, map(iter, tokens), repeat("")))  # first words
    words = ntok[:]
    for k in compress(range(n), map(gt, chars, repeat(HEAD))):
        words[k] = round(ntok[k] * chars[k] / HEAD)
    if others and _CJK.search("\n".join(map(heads.__getitem__, others))):  # CJK is no punctuation
        words = [round((t + len(_CJK.findall(h)) / 2 - sum(1 for w in ws if _CJK.search(w))) * c / len(h))
                 if _CJK.search(h) else w for t, w, h, c, ws in zip(ntok, words, heads, chars, tokens)]
    some = list(map(max, ntok, repeat(1)))
    counts = Counter(lower)
    repeated = list(map(lt, repeat(1), map(counts.__getitem__, lower)))
    # Capitals that start a word: on an ASCII line, an "A" first or after a space
    # once str.translate has made capitals "A", digits "0", other word characters
    # "a", the rest " ". A line without "0" has no number.
    marked = _translated(read_heads, as_ascii, _ASCII_CAPS)
    capitals = list(map(add, map(str.count, marked, repeat(" A")), map(str.startswith, marked, repeat("A"))))
    for k in others:
        capitals[k] = len(_capitals().findall(heads[k]))
    caps = [c / s if c < s else 1.0 for c, s in zip(capitals, some)]  # min(1.0, c / s)
    digit_count = [0] * n
    for k in chain(compress(range(n), map(str.__contains__, marked, repeat("0"))), others):
        digit_count[k] = sum(map(str.isdigit, tokens[k]))
    digits = list(map(truediv, digit_count, some))
    terminal, colon, ellipsis = _endings(visible)
    short = list(map(le, ntok, repeat(25)))
    # Sentence breaks are counted on lines of more than six words, separators on
    # lines of at most 25 (one comprehension each: a line is read only if it counts).
    sentences = [h.count(". ") + h.count("? ") + h.count("! ") + h.count("\u3002") if t > 6 else 0
                 for h, t in zip(heads, ntok)]
    separator = _SEPARATORS.findall
    separators = [len(separator(h)) if t <= 25 else 0 for h, t in zip(heads, ntok)]
    joined = "\n".join(heads)
    if "\u00a9" in joined or "(c)" in joined or "(C)" in joined:
        copyright = _flags(n, (k for k in _holding(heads, ("\u00a9", "(c)", "(C)"))
                               if _COPYRIGHT_SIGN.search(heads[k])))
    else:  # no line can hold a copyright sign
        copyright = [False] * n
    clock = _flags(n, (k for k in compress(range(n), map(and_, short, map(bool, digit_count)))
                       if _CLOCK.search(visible[k])))
    opens = map(_BYLINE_WORDS.__contains__, firsts)
    byline = _flags(n, (k for k in compress(range(n), map(and_, short, opens))
                        if _BYLINE.match(visible[k])))

    sample = list(islice(chain.from_iterable(compress(tokens, map(ge, ntok, repeat(8)))), lang.SAMPLE_WORDS))
    language = lang.guess(sample)
    stops = lang.stopwords(language)
    stop_count, bits, hits, lead, phrase = _vocabulary(tokens, ntok, firsts, language)
    for k in compress(range(n), lead):  # few lines open with a boilerplate word
        if _CALL.match(visible[k]):  # "print(result.text)": a name in code, no "Print" button
            lead[k] = 0
    stop = list(map(truediv, stop_count, some)) if stops else [0.0] * n
    cols = Columns(words, chars, stop, caps, digits, link, sentences, terminal, colon,
                   ellipsis, bullet, heading, separators, indent, repeated, bits, phrase, hits,
                   lead, copyright, clock, byline)
    prose = [(s, w) for s, w, t in zip(stop, words, terminal) if w >= 10 and t]
    ref_stop = _weighted_median(prose) if prose and stops else 0.0
    by_indent: Counter[int] = Counter()
    for w, i in compress(zip(words, indent), map(ge, words, repeat(10))):
        by_indent[i] += w
    body_indent = by_indent.most_common(1)[0][0] if by_indent else 0
    # tuple.__new__ on each row: the same LineInfo tuples without a Python-level call per line
    infos = tuple(map(tuple.__new__, repeat(LineInfo), zip(*cols)))
    numbers = tuple(map(attrgetter("number"), lines))
    # a wrapped paragraph joined back covers several lines (reflow.py); most pages have none
    lasts = numbers if sum(map(attrgetter("span"), lines)) == n else tuple(map(attrgetter("last"), lines))
    return Document(cols, infos, language, ref_stop, body_indent, tuple(visible), numbers, lasts,
                    _teasers(cols), _menus(words, numbers, lasts), _comment_markers(cols))


def _weighted_median(pairs: list[tuple[float, float]]) -> float:
    pairs = sorted(pairs)
    half = sum(w for _, w in pairs) / 2
    seen = 0.0
    for value, weight in pairs:
        seen += weight
        if seen >= half:
            return value
    return pairs[-1][0]


# --- 2. feature vectors for the linear model ---------------------------------

_HEADER = RELATED | COMMENT | NEWSLETTER | SHARE | AD  # what a section header above a line says

# Vocabulary groups that are features of the model (the others only name removals).
MODEL_GROUPS = (NEWSLETTER, COOKIE, COPYRIGHT, COMMENT, CREDIT)

FEATURES: tuple[str, ...] = (
    "bias", "log_words", "log_chars",
    "stop", "stop_rel", "stop_low", "caps", "digits", "link", "link_full",
    "sentences", "terminal", "colon", "ellipsis", "bullet", "heading",
    "separators", "indent_body", "indent_off", "repeated",
    "phrase", "copyright", "clock", "byline", "hits", "hit_rate", "position",
    "prev_log_words", "prev_terminal", "prev_stop_rel", "prev_link",
    "next_log_words", "next_terminal", "next_stop_rel", "next_link",
    "prev2_log_words", "next2_log_words",
    "prev_caps", "next_caps", "next_repeated", "gap_before",
    "prose_3", "prose_10", "prose_3_rel", "prose_10_rel",
    "after_header", "comment_density", "link_window",
    *(f"vocab_{VOCAB_NAMES[bit]}" for bit in MODEL_GROUPS),
)


@lru_cache(maxsize=1024)
def _groups(bits: int) -> tuple[int, ...]:
    """The vocabulary-group indicators of a line (the tail of its feature vector)."""
    return tuple(1 if bits & bit else 0 for bit in MODEL_GROUPS)


def prose_weights(doc: Document) -> list[float]:
    """How much prose each line holds: its words if it reads like running text, else 0."""
    c = doc.cols
    words, stop, link, ref = c.words, c.stop, c.link, doc.ref_stop
    weights = [0.0] * len(words)
    # running text: 20 words or more, or a sentence of six or more (a third of a page's lines or so)
    running = map(or_, map(ge, words, repeat(20)), map(and_, c.terminal, map(ge, words, repeat(6))))
    for k in compress(range(len(words)), running):
        w = words[k]
        weights[k] = w * (min(1.0, stop[k] / ref) if ref else 1.0) * (1.0 - link[k])
    return weights


# --- page-level facts: what kind of page this is ------------------------------

# What the whole page looks like, from its lines alone: how much of it is running
# prose, how short its lines are, how many of them mark posts (a timestamp, a
# "username:", "Reply"), list items, numbers (prices, specifications), links,
# and how concentrated its prose is. They feed the page model, which says how
# much the page reads as an article (one body of prose) rather than a thread, a
# product or docs page, or a listing (see PageModel).
PAGE_FEATURES: tuple[str, ...] = (
    "bias", "prose_share", "log_words", "log_lines", "short_share", "terminal_share",
    "marker_share", "thread_share", "bullet_share", "digits_share", "link_share",
    "caps_share", "repeated_share", "colon_share", "prose_peak", "long_share",
    "log_prose_peak", "log_longest", "question_share", "price_share", "code_share",
    "clock_share", "separator_share", "thread_prose",
)

# A price ("$49.00", "12,99 €") and a line of code (";" or braces at its end,
# "name(...)", "x = y"): facts of product grids and docs pages.
_PRICE = re.compile(r"[$\u00a3\u20ac\u00a5]\s?\d|\d\s?[$\u00a3\u20ac\u00a5]|\b(?:USD|EUR|GBP)\b")
_CODE_LINE = re.compile(r"[;{}]\s*$|^\s*[\w.]+\(.*\)\s*$|^\s*[\w.\[\]]+\s*[+\-*/]?=\s*\S|^\s*(?:def|class|import|from|return|const|let|var|function|public|private|#include)\b")


# What every line _CODE_LINE matches holds (looked for first: most lines hold none).
_CODE_NEEDLES = (";", "{", "}", "(", "=", "def", "class", "import", "from", "return", "const",
                 "let", "var", "function", "public", "private", "#include")


def page_vector(doc: Document) -> tuple[float, ...]:
    """The page's facts (in PAGE_FEATURES order); lines without a word are left out."""
    c = doc.cols
    worded = [k for k, w in enumerate(c.words) if w]
    lines = len(worded) or 1
    total = sum(c.words) or 1

    def share(values) -> float:
        return sum(1 for k in worded if values[k]) / lines

    prose = prose_weights(doc)
    prose_total = sum(prose)
    densest = max(_window_sums(prose, 10), default=0.0)
    visible = doc.visible
    joined = "\n".join(visible)
    prices = sum(1 for k in _holding(list(visible), ("$", "\u00a3", "\u20ac", "\u00a5", "USD", "EUR", "GBP"))
                 if _PRICE.search(visible[k])) if _PRICE.search(joined) else 0
    code = sum(1 for k in _holding(list(visible), _CODE_NEEDLES) if _CODE_LINE.search(visible[k]))
    threads = _threads(doc)
    # the share of the prose that sits among post markers: a forum's posts, not an article's comments
    thread_prose = sum(compress(prose, threads)) / prose_total if prose_total else 0.0
    return (
        1.0, prose_total / total, math.log1p(total), math.log1p(lines),
        share([w <= 4 for w in c.words]), share(c.terminal),
        share(doc.markers), share(threads), share(c.bullet),
        sum(c.digits[k] for k in worded) / lines, sum(c.link[k] for k in worded) / lines,
        sum(c.caps[k] for k in worded) / lines, share(c.repeated), share(c.colon),
        densest / prose_total if prose_total else 0.0, share([w >= 20 for w in c.words]),
        math.log1p(densest), math.log1p(max(c.words, default=0)),
        sum(1 for text in visible if text.endswith("?")) / lines, prices / lines, code / lines,
        share(c.clock), share([n >= 2 for n in c.separators]), thread_prose,
    )


def _window_sums(values: Sequence[float], radius: int) -> list[float]:
    """For every k, the sum of values[k - radius : k + radius + 1]."""
    n = len(values)
    sums = [0.0, *accumulate(values)]
    hi = sums[radius + 1:] + [sums[n]] * min(radius, n)
    lo = [0.0] * min(radius, n) + sums[:max(0, n - radius)]
    return list(map(sub, hi[:n], lo[:n]))


def main_region(weights: Sequence[float]) -> tuple[int, int]:
    """The run of lines [start, end) with the largest sum of weights; (0, 0) if none is positive."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for k, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, k
        total += w
        if total > best:
            best, best_start, best_end = total, start, k + 1
    return best_start, best_end


def _shift(values: list, by: int, fill=0) -> list:
    """values moved `by` places later (positive) or earlier (negative), gaps filled."""
    n = len(values)
    if by > 0:
        return [fill] * min(by, n) + values[:max(0, n - by)]
    return values[-by:] + [fill] * min(-by, n)


def _per_value(f, values: list[int]):
    """f of every value, computed once per distinct value (pages repeat a few small ints)."""
    return map({v: f(v) for v in set(values)}.__getitem__, values)


def vectors(doc: Document) -> list[tuple[float, ...]]:
    """One feature vector (in FEATURES order) per line."""
    c = doc.cols
    n = len(c.words)
    if not n:
        return []
    ref, body, numbers, lasts = doc.ref_stop, doc.body_indent, doc.numbers, doc.lasts
    words, terminal, link, caps, repeated = c.words, c.terminal, c.link, c.caps, c.repeated
    logw = list(map(math.log1p, words))
    rel = [min(2.0, s / ref) for s in c.stop] if ref else [1.0] * n
    prose = prose_weights(doc)
    p3, p10 = _window_sums(prose, 3), _window_sums(prose, 10)
    m3, m10 = max(p3) or 1.0, max(p10) or 1.0
    # Section headers ("Related", "Comments"): short, no sentence, a header word or
    # a phrase; found from the few lines holding a header word or a phrase.
    said = set(compress(range(n), map(and_, c.vocab, repeat(_HEADER)))).union(compress(range(n), c.phrase))
    header = sorted(k for k in said if words[k] <= 6 and not terminal[k])
    since, last = [], -1000
    for k in header:  # lines since the last section header, decayed
        since += [math.exp(-d / 4) for d in range(len(since) - last, k - last + 1)]
        last = k
    since += [math.exp(-d / 4) for d in range(len(since) - last, n - last)]
    markers = doc.markers
    hit_rate = [0.0] * n
    for k in compress(range(n), c.hits):  # strong vocabulary words on few lines
        hit_rate[k] = c.hits[k] / max(words[k], 1)
    columns = (
        repeat(1.0, n), logw, map(math.log1p, c.chars),
        c.stop, rel, map(and_, map(ge, words, repeat(4)), map(lt, rel, repeat(0.5))),
        caps, c.digits, link, map(gt, link, repeat(0.8)),
        _per_value(lambda v: min(v, 5) / 5, c.sentences),
        terminal, c.colon, c.ellipsis, c.bullet, c.heading,
        _per_value(lambda v: min(v, 3) / 3, c.separators),
        map(eq, c.indent, repeat(body)),
        _per_value(lambda v: min(abs(v - body), 20) / 20, c.indent),
        repeated, c.phrase, c.copyright, c.clock, c.byline,
        _per_value(math.log1p, c.hits), hit_rate,
        map(truediv, range(n), repeat(max(n - 1, 1))),
        _shift(logw, 1, 0.0), _shift(terminal, 1, False), _shift(rel, 1, 0.0), _shift(link, 1, 0.0),
        _shift(logw, -1, 0.0), _shift(terminal, -1, False), _shift(rel, -1, 0.0), _shift(link, -1, 0.0),
        _shift(logw, 2, 0.0), _shift(logw, -2, 0.0),
        _shift(caps, 1, 0.0), _shift(caps, -1, 0.0), _shift(repeated, -1, False),
        [False, *map(gt, numbers[1:], map(add, lasts, repeat(1)))],
        map(math.log1p, p3), map(math.log1p, p10), map(truediv, p3, repeat(m3)), map(truediv, p10, repeat(m10)),
        since, map(truediv, _window_sums(markers, 5), repeat(11)),
        map(truediv, _window_sums(link, 3), repeat(7)),
    )
    return list(map(add, zip(*columns), map(_groups, c.vocab)))


# --- 3. the line model: logistic regression shipped as package data ----------

MODEL_FORMAT = 2
MODEL_FILE = "data/detect_model.json"


class ModelFileError(CleanerError):
    """The shipped detection model is missing, unreadable or does not match FEATURES."""


@dataclass(frozen=True)
class LineModel:
    """Weights of FEATURES (same order); a line's article probability is sigmoid(w . x)."""

    weights: tuple[float, ...]


@dataclass(frozen=True)
class Model:
    """The page model and two line models, one for each kind of page.

    `page` weighs PAGE_FEATURES: sigmoid(page . page_vector) is how much the
    page reads as an article. `article` is the line model for such pages (fitted
    on every page), `other` the one for pages that are no article (threads,
    products, docs, listings: fitted on those). A line's probability is the
    two models' mixed by the page's.
    """

    page: tuple[float, ...]
    article: LineModel
    other: LineModel


def _weights(data: dict, key: str, names: tuple[str, ...]) -> tuple[float, ...]:
    weights = data.get(key)
    if (not isinstance(weights, list) or len(weights) != len(names)
            or not all(isinstance(w, (int, float)) and math.isfinite(w) for w in weights)):
        raise ModelFileError(f"model file: {key} must be one finite number per feature")
    return tuple(float(w) for w in weights)


def parse_model(data: object) -> Model:
    """Check a decoded model file strictly: known format, exactly FEATURES and
    PAGE_FEATURES, finite weights."""
    if not isinstance(data, dict):
        raise ModelFileError("model file: not a JSON object")
    unknown = set(data) - {"format", "trained_on", "features", "page_features", "page", "article", "other"}
    if unknown:
        raise ModelFileError(f"model file: unknown keys {sorted(unknown)}")
    if data.get("format") != MODEL_FORMAT:
        raise ModelFileError(f"model file: format {data.get('format')!r}, expected {MODEL_FORMAT}")
    if (tuple(data.get("features", ())) != FEATURES
            or tuple(data.get("page_features", ())) != PAGE_FEATURES):
        raise ModelFileError("model file: its features differ from cleaner.detect.FEATURES or "
                             "PAGE_FEATURES; retrain with bench/train_detect.py")
    return Model(_weights(data, "page", PAGE_FEATURES), LineModel(_weights(data, "article", FEATURES)),
                 LineModel(_weights(data, "other", FEATURES)))


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, read once per process."""
    try:
        raw = (Path(__file__).parent / MODEL_FILE).read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"model file {MODEL_FILE}: {exc}") from exc
    return parse_model(data)


# --- 4. decoding: the main region, then line by line -------------------------

T_REGION = 0.5  # the main region maximises the sum of words * (p - T_REGION) on an article
ARTICLE = 0.35  # a page the page model gives this much is an article: a main region, its comments go
T_REGION_OTHER = 0.4  # ... and of words * (p - T_REGION_OTHER) on a page that is none (mixed between)
T_OTHER = 0.25  # on a page that is no article (p < ARTICLE), a line stays when p >= T_OTHER
T_INSIDE = 0.2  # inside it, a line goes when p < T_INSIDE (and it is no plain sentence)
T_OUTSIDE = 0.9  # outside it, a line stays only when p >= T_OUTSIDE
T_EDGE = 0.9  # the region's first and last lines must be sentences, long or have p >= T_EDGE
EDGE_WORDS = 8  # ... where only lines of at most EDGE_WORDS words (or teasers) are trimmed
T_PROMO = 0.6  # inside it, a line opening with a boilerplate word or holding a phrase needs this
_FURNITURE = _STRONG | RELATED | NAV
MIN_REGION_WORDS = 25  # a main region with fewer words is no evidence against the lines outside it
SENTENCE_WORDS = 1  # a plain sentence has at least this many words
LEAD_WORDS = 10  # ... and when it opens with a boilerplate word ("Share prices ..."), this many
DUPLICATE_NGRAM = 8  # a kept line whose 8-grams mostly occur in earlier kept text is a copy


def sentence_like(info: LineInfo, ref_stop: float) -> bool:
    """A plain sentence of running text: never removed from inside the main region.

    Ends like a sentence, has (if it has four words or more) as many stopwords
    as the page's prose when the language is known, is not link text, does
    not hold a boilerplate phrase, and does not start with a boilerplate word
    ("Share ...", "Subscribe ...", "Photo:") unless it runs to LEAD_WORDS
    words ("Comments from residents reached by phone described ..."). A
    one-word "Devastating." is a sentence too: a short paragraph is not
    boilerplate for being short.
    """
    return (info.terminal and info.words >= SENTENCE_WORDS and info.link < 0.5
            and (not ref_stop or info.words < 4 or info.stop >= 0.6 * ref_stop)
            and not (info.lead & (_FURNITURE | CREDIT) and info.words < LEAD_WORDS) and not info.phrase)


def article_probability(doc: Document) -> float:
    """How much the page reads as an article (one body of prose), from PAGE_FEATURES."""
    return _sigmoid(sum(map(mul, load_model().page, page_vector(doc))))


def probabilities(doc: Document, article: float | None = None) -> list[float]:
    """The probability that each line is main text: the article and the other
    line model mixed by `article` (default: the page model's judgement)."""
    model = load_model()
    if article is None:
        article = article_probability(doc)
    rows = vectors(doc)
    if article >= 1.0 - MIX_EPSILON:
        return _line_probabilities(model.article.weights, rows)
    if article <= MIX_EPSILON:
        return _line_probabilities(model.other.weights, rows)
    return list(map(add, map(mul, _line_probabilities(model.article.weights, rows), repeat(article)),
                    map(mul, _line_probabilities(model.other.weights, rows), repeat(1.0 - article))))


MIX_EPSILON = 1e-3  # a page model this sure uses one line model alone


def _line_probabilities(weights: tuple[float, ...], rows: list[tuple[float, ...]]) -> list[float]:
    # w . x over the non-zero features only, in FEATURES order: a zero feature adds
    # a signed zero to a sum that already holds the (non-zero) bias, which changes
    # nothing, so the sums are the very ones of sum(map(mul, weights, row)).
    scores = map(sum, map(map, repeat(mul), map(compress, repeat(weights), rows),
                          map(filter, repeat(None), rows)))
    return list(map(_sigmoid, scores))


def _sigmoid(s: float) -> float:
    if s >= 0:
        return 1.0 / (1.0 + math.exp(-s))
    e = math.exp(s)
    return e / (1.0 + e)


def region_threshold(article: float) -> float:
    """T_REGION on an article, T_REGION_OTHER on a page that is none, mixed in between."""
    return article * T_REGION + (1.0 - article) * T_REGION_OTHER


def _promo_lead(info: LineInfo) -> bool:
    """Opens with a boilerplate word ("Share ...", "Subscribe ...") and is shorter
    than a sentence that merely starts with one ("Comments from residents ...")."""
    return bool(info.lead & _FURNITURE) and info.words < LEAD_WORDS


def keep_mask(doc: Document, probs: Sequence[float],
              threshold: float = T_REGION) -> tuple[list[bool], tuple[int, int]]:
    """Which lines are article text, and the main region [start, end) they were chosen in.

    The region's edges are trimmed of short lines and teasers that are no
    sentence and that the model is not sure of (a headline, a byline, "About
    us" under the last paragraph), then reach out across lines without a word
    ("***", a stray "Â") to take in the plain sentences beyond. Lines without a
    word never stay.
    """
    infos = doc.infos
    n = len(infos)
    ref = doc.ref_stop
    start, end = main_region(list(map(mul, map(max, doc.cols.words, repeat(1)),
                                      map(sub, probs, repeat(threshold)))))

    teasers = doc.teasers

    def loose(k: int) -> bool:
        return ((infos[k].words <= EDGE_WORDS or teasers[k]) and not sentence_like(infos[k], ref)
                and probs[k] < T_EDGE)

    while end > start and loose(start):
        start += 1
    while end > start and loose(end - 1):
        end -= 1
    if end > start:  # take in plain sentences that border the region
        k = start - 1
        while k >= 0 and (not infos[k].words or sentence_like(infos[k], ref)):
            if infos[k].words:
                start = k
            k -= 1
        k = end
        while k < n and (not infos[k].words or sentence_like(infos[k], ref)):
            if infos[k].words:
                end = k + 1
            k += 1
    if sum(i.words for i in infos[start:end]) < MIN_REGION_WORDS:
        # No main region worth the name (a line or two of text): nothing is removed
        # for lying outside it; only lines that look like page furniture (menus
        # included) go.
        keep = [bool(i.words) and (p >= T_INSIDE or i.terminal)
                and not (i.phrase or i.copyright or i.lead & _FURNITURE or (menu and not i.terminal))
                for i, p, menu in zip(infos, probs, doc.menus)]
        return keep, (0, 0)
    keep = [bool(i.words) and ((start <= k < end and (sentence_like(i, ref) or (
                p >= T_INSIDE and not (p < T_PROMO and (i.phrase or _promo_lead(i))))))
                               or p >= T_OUTSIDE)
            for k, (i, p) in enumerate(zip(infos, probs))]
    return keep, (start, end)


def loose_mask(doc: Document, probs: Sequence[float]) -> list[bool]:
    """Which lines stay on a page that is no article (a thread, a product, docs, a
    listing): its content need not be one run of prose, so there is no main
    region; a line goes when it is no plain sentence and the model is sure it is
    no content, or when it is page furniture (a boilerplate phrase, a copyright
    line, "Share"/"Login" leads) the model is unsure of."""
    ref = doc.ref_stop
    return [bool(i.words) and (sentence_like(i, ref) or p >= T_OTHER) and not (p < T_PROMO and (
                i.phrase or i.copyright or _promo_lead(i)))
            for i, p in zip(doc.infos, probs)]


def comments_below(doc: Document, keep: Sequence[bool], start: int) -> list[int]:
    """On an article: the lines of the reader-comment thread under its text.

    A thread (three post markers within four lines: "jsmith says:", a timestamp,
    "Reply") whose first marker comes once the article has had MIN_REGION_WORDS
    words of its own is its comments; every thread line from that marker on goes.
    A thread that begins before them is the page's text, and its words do not
    count as the article's. On a page that
    is no article such a thread is the content (a forum's posts), and this is
    not asked.
    """
    threads = _threads(doc)
    words, markers = doc.cols.words, doc.markers
    seen = 0
    early = False  # in a thread that began before the article had its words: posts, no comments
    for k in range(start, len(words)):
        early = early and threads[k]
        if threads[k] and markers[k]:
            if seen < MIN_REGION_WORDS:
                early = True
            elif not early:
                return [j for j in range(k, len(words)) if threads[j] and keep[j]]
        if keep[k] and not early:
            seen += words[k]
    return []


def duplicates(doc: Document, keep: Sequence[bool]) -> set[int]:
    """Kept lines whose text mostly repeats earlier kept text (a page's second copy of it)."""
    seen: set[tuple[str, ...]] = set()
    found = set()
    size = DUPLICATE_NGRAM
    for k in compress(range(len(keep)), map(and_, keep, map(ge, doc.cols.words, repeat(size)))):
        tokens = doc.visible[k].lower().split()
        grams = set(zip(*(tokens[j:] for j in range(size))))
        if grams and len(grams & seen) * 2 >= len(grams):
            found.add(k)
        else:
            seen |= grams
    return found


# --- 5. naming: which detector removed a line, and its category --------------

def _name(info: LineInfo, outside: bool, teaser: bool, thread: bool, menu: bool,
          above: bool) -> tuple[str, str]:
    """(detector, category) for a line judged not to be article text.

    The most specific signal the line carries names it; lines with none are
    named by where they are: outside the main region, or a weak line inside it.
    """
    short = info.words <= 12
    bits = info.vocab
    marked = short or info.hits >= 2 or bool(info.lead & _STRONG)
    if bits & COOKIE and marked and info.words > 3:
        return "cookie-banner", "boilerplate"
    if info.copyright or (bits & COPYRIGHT and marked):
        return "copyright-footer", "boilerplate"
    if thread:
        return "comment-thread", "comment-box"
    if bits & NEWSLETTER and marked:
        return "newsletter-prompt", "newsletter"
    if bits & SHARE and marked:
        return "share-prompt", "share"
    if bits & COMMENT and marked:
        return "comment-thread", "comment-box"
    if bits & AD and marked:
        return "advertisement", "promo"
    if short and info.byline:
        return "byline", "metadata"
    if short and (info.clock or (bits & DATE and info.digits >= 0.2)):
        return "timestamp", "metadata"
    if teaser:
        return "teaser-list", "related-links"
    if info.words <= 3 and (menu or info.link >= 0.5 or info.bullet or info.repeated or bits & NAV):
        return "navigation", "navigation"
    if short and (bits & RELATED or info.phrase):
        return "related-links", "related-links"
    if short and bits & CREDIT:
        return "image-credit", "metadata"
    if short and info.separators >= 2:
        return "navigation", "navigation"
    if 4 <= info.words <= 20 and not info.terminal and (info.bullet or info.link >= 0.5):
        return "headline-list", "related-links"
    if above and 3 <= info.words <= 25 and not info.terminal:
        return "headline", "metadata"  # just above the article: its title or standfirst
    if outside:
        return "outside-main-region", "boilerplate"
    return "low-text-density", "boilerplate"


MENU_WORDS = 4  # a menu item has at most this many words
_PLAIN = ("outside-main-region", "low-text-density")  # names that say only where a line was
# Names that a following line with no signal of its own takes over: a banner's buttons.
_INHERITED = ("cookie-banner", "newsletter-prompt", "share-prompt", "comment-thread")


def _teasers(cols: Columns) -> list[bool]:
    """Lines of a teaser list: "..."-truncated blurbs and the short titles next to them."""
    words, terminal = cols.words, cols.terminal
    n = len(words)
    out = [False] * n
    for k in compress(range(n), cols.ellipsis):  # few lines end with "...": start from them
        if words[k] >= 3:
            out[k] = True
            for j in (k - 1, k + 1):  # a title: no sentence, at most 20 words
                if 0 <= j < n and not terminal[j] and words[j] <= 20:
                    out[j] = True
    return out


def _menus(words: Sequence[int], numbers: Sequence[int], lasts: Sequence[int]) -> list[bool]:
    """Lines in a run of three or more short lines with no blank line between: a menu."""
    out = [False] * len(words)
    run: list[int] = []
    for k, count in enumerate(words):
        if count > MENU_WORDS or (run and numbers[k] != lasts[run[-1]] + 1):
            if len(run) >= 3:
                out[run[0]:run[-1] + 1] = [True] * len(run)
            run = []
        if count <= MENU_WORDS:
            run.append(k)
    if len(run) >= 3:
        out[run[0]:run[-1] + 1] = [True] * len(run)
    return out


def _comment_markers(cols: Columns) -> list[bool]:
    """Short lines that mark reader comments: "Reply", "jsmith says:", a timestamp, a byline."""
    words = cols.words
    n = len(words)
    out = [False] * n
    # Each signal is rare: the lines holding one are found with compress and looked at alone.
    for k in chain(compress(range(n), cols.clock), compress(range(n), cols.byline),
                   compress(range(n), map(and_, cols.vocab, repeat(COMMENT)))):
        if words[k] <= 8:
            out[k] = True
    for k in compress(range(n), cols.colon):
        if words[k] <= 4:
            out[k] = True
    return out


def _threads(doc: Document) -> list[bool]:
    """Lines in a run of reader comments: three markers or more within four lines."""
    return list(map(ge, _window_sums(doc.markers, 4), repeat(3)))


def detect(lines: Sequence[Line], protected: frozenset[int] = frozenset()) -> list[Removal]:
    """Return a Removal for every line judged not to be article text.

    `protected` holds line numbers that rules have marked as article text: they
    are never removed.
    """
    if not lines:
        return []
    doc = document(lines)
    lasts = doc.lasts
    article = article_probability(doc)
    probs = probabilities(doc, article)
    if article >= ARTICLE:
        keep, (start, end) = keep_mask(doc, probs, region_threshold(article))
        for k in comments_below(doc, keep, start):
            keep[k] = False
    else:
        keep, (start, end) = loose_mask(doc, probs), (0, 0)
    copies = duplicates(doc, keep)
    threads = _threads(doc)
    infos, teasers, menus = doc.infos, doc.teasers, doc.menus
    removals = []
    previous, last = ("", ""), -2
    # Only the lines that go are looked at: a line named after the one above it
    # (a banner's buttons) must follow it directly, without a kept or blank line between.
    for k in sorted(copies.union(compress(range(len(keep)), map(not_, keep)))):
        line = lines[k]
        number = line.number
        if number in protected:
            continue
        if k - 1 != last or lasts[k - 1] + 1 < number:
            previous = ("", "")  # a kept line, or a blank line, ends a banner
        if k in copies:
            name = ("duplicate-text", "boilerplate")
        else:
            info = infos[k]
            name = _name(info, not start <= k < end, teasers[k], threads[k], menus[k],
                         start - 3 <= k < start)
            if name[0] in _PLAIN and previous[0] in _INHERITED and info.words <= 20:
                name = previous  # "Accept" under a cookie banner, "E-Mail" after "Twitter"
        previous, last = name, k
        # tuple.__new__: the same Removal without the Python-level call of its __new__
        removals.append(tuple.__new__(Removal, (f"detect:{name[0]}", name[1], number, line.text, "line")))
    return removals
