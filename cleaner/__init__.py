"""cleaner: strip boilerplate from scraped news articles, plain text or HTML.

    >>> from cleaner import clean
    >>> result = clean("Some article text.\\nShare on Facebook")
    >>> result.text, [r.by for r in result.removals]

Importing this package does not import trafilatura: plain text never needs it.
"""

from .errors import CleanerError, InputError, OutputError, RuleFileError, RuleTimeout
from .model import Block, Inline, Line, Removal, Result
from .pipeline import clean

__all__ = ["clean", "Result", "Removal", "Line", "Block", "Inline", "CleanerError", "InputError",
           "RuleFileError", "RuleTimeout", "OutputError"]
__version__ = "0.1.0"
