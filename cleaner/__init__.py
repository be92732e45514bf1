"""cleaner: strip boilerplate from scraped news articles, plain text or HTML.

    >>> from cleaner import clean
    >>> result = clean("Some article text.\\nShare on Facebook")
    >>> result.text, [r.by for r in result.removals]

Importing this package does not import trafilatura: plain text never needs it.
"""

from .errors import CleanerError, InputError, OutputError, RuleFileError, RuleTimeout
from .lazyload import lazy_names

# Loaded on first use (PEP 562), so that importing the package, or the command's
# entry point (_entry.py), is quick: `from cleaner import clean` works as ever.
_LAZY = {
    "clean": "pipeline",
    "Result": "model",
    "Removal": "model",
    "Line": "model",
    "Block": "model",
    "Inline": "model",
}


__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = [
    "clean",
    "Result",
    "Removal",
    "Line",
    "Block",
    "Inline",
    "CleanerError",
    "InputError",
    "RuleFileError",
    "RuleTimeout",
    "OutputError",
]
__version__ = "0.1.0"
