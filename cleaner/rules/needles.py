"""The literal prefilter: words a regex cannot match without.

Compiling a rule's regex costs far more than looking for a word in a
document, and most rules cannot match most documents: a rule about "exchange
rates" has nothing to do on a page without those words. `needles(source)`
reads a pattern (with the standard library's parser, which knows the syntax
the rules are written in) and returns strings of which every match holds at
least one, lowercased; `folded(text)` is the text they are looked for in.
A rule whose needles are all absent from a document cannot act on it.

The answer is None (nothing known, the rule is always tried) for a pattern
the parser does not read as the regex module does (regex-only syntax other
than \\p{...}, a literal brace, which the regex module may read as fuzzy
matching) and for
one with no literal it cannot match without (`\\d+`, `a?`, `x|\\w`).
Non-ASCII characters are left out of needles, so that case-insensitive
matching beyond ASCII needs no thought; for ASCII letters, the few other
characters that match one case-insensitively (Kelvin sign, long s, dotted
and dotless i) are folded to it.
"""

from __future__ import annotations

import warnings
from re import _constants as sre  # the parser's node types
from re import _parser

from ..lazyre import lazy

_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u212a", "k"), ("\u017f", "s"))
_BRACE = ord("{")
# The regex module's Unicode properties, \p{Lu} and \P{Lu}: one character, as \d is for the
# parser (only literals make needles, so which characters does not matter).
_PROPERTY = lazy(r"(?<!\\)((?:\\\\)*)\\[pP]\{[\w=:&.\s-]{1,60}\}")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _Unsure(Exception):
    pass


def folded(text: str) -> str:
    """`text` as needles are looked for in it."""
    for character, letter in _FOLD:  # (rare: str.replace where needed is quicker than translate)
        if character in text:
            text = text.replace(character, letter)
    return text.lower()


def needles(source: str) -> frozenset[str] | None:
    """Strings one of which every match of `source` holds (lowercased), or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set": a POSIX class, read otherwise
            parsed = _parser.parse(_PROPERTY.sub(r"\1\\d", source))
        return _of_sequence(list(parsed))
    except (_Unsure, _parser.error, FutureWarning, DeprecationWarning, RecursionError):
        return None


def _of_sequence(items: list) -> frozenset[str] | None:
    """The best needles of a sequence: a run of literals, or an element's own."""
    best, run = None, []
    for op, av in items:
        if op is sre.LITERAL and av < 128:
            if av == _BRACE:
                raise _Unsure  # regex reads "{e<=1}" as fuzzy matching, re as literal text
            run.append(chr(av).lower())
            continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        best = _better(best, _of_element(op, av))
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def _of_element(op, av) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        return _of_sequence(list(av[-1]))
    if op is sre.ATOMIC_GROUP:
        return _of_sequence(list(av))
    if op in _REPEATS:
        low, _, body = av
        return _of_sequence(list(body)) if low >= 1 else None
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _of_sequence(list(branch))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    return None


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """Of two sets of needles, the one that fewer documents hold: the longer shortest needle."""
    if a is None or b is None:
        return a if b is None else b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b
