"""Stage 2 (HTML only): article extraction with trafilatura.

The only module that imports trafilatura, and only when called.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CANONICAL = re.compile(
    r"""<link[^>]+rel=["']?canonical["']?[^>]*>|<meta[^>]+property=["']og:url["'][^>]*>""",
    re.IGNORECASE)
_HREF = re.compile(r"""(?:href|content)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass(frozen=True)
class Extracted:
    text: str
    metadata: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def find_url(html: str) -> str | None:
    """The page's own URL from its canonical link or og:url, without parsing the page."""
    for m in _CANONICAL.finditer(html[:200_000]):
        href = _HREF.search(m.group(0))
        if href and href.group(1).startswith(("http://", "https://")):
            return href.group(1).strip()
    return None


def extract(html: str, url: str | None = None, prune_xpath: tuple[str, ...] = ()) -> Extracted:
    """The article text of an HTML page (one paragraph per line) and its metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                      prune_xpath=list(prune_xpath) or None)
    if doc is None:
        return Extracted("", {}, ("extraction: trafilatura found no article",))
    meta = {k: getattr(doc, k, None) for k in ("title", "date", "author", "sitename", "url")}
    return Extracted(doc.text or "", meta)
