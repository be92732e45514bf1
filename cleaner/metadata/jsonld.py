"""The statements a page's JSON-LD makes: its headline, author, date, site and type."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from .fields import MAX_VALUE_CHARS, Candidate, squash

MAX_JSON_LD_CHARS = 200_000

# JSON-LD types whose headline, author and date are the page's own
_CREATIVE = re.compile(
    r"Article|BlogPosting|Posting|Report|Review|Recipe|HowTo|Question|QAPage|"
    r"WebPage|Product|Event|Course|Book|Movie|VideoObject|CreativeWork|"
    r"FAQPage|ItemPage|CollectionPage|ProfilePage|TechArticle|Thing",
    re.IGNORECASE,
)
_SITE_TYPES = re.compile(
    r"^(?:WebSite|Organization|Corporation|NewsMediaOrganization|LocalBusiness)$", re.IGNORECASE
)


def json_ld(text: str, titles, authors, dates, sitenames, pagetypes) -> None:
    """The statements of a JSON-LD block: of the page's own objects (an article, a
    page, a product...) their headline, name, authors and date; of the site, its name."""
    if len(text) > MAX_JSON_LD_CHARS:
        return
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        try:  # a trailing comma or a control character in a string: the usual faults
            data = json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except (ValueError, RecursionError):
            return
    for obj in _objects(data):
        types = _types(obj)
        if not types:
            continue
        if any(_SITE_TYPES.match(t) for t in types):
            if isinstance(obj.get("name"), str) and any(t.lower() == "website" for t in types):
                sitenames.append(Candidate("json-ld", squash(obj["name"])))
            continue
        if not any(_CREATIVE.search(t) for t in types):
            continue
        kind = "json-ld:" + (
            "article"
            if any(re.search(r"Article|Posting|Report|Review", t) for t in types)
            else "page"
            if any(re.search(r"WebPage|Page$", t) for t in types)
            else "other"
        )
        pagetypes.append(Candidate(kind, types[0]))
        for key in ("headline", "name"):
            if isinstance(obj.get(key), str) and squash(obj[key]):
                titles.append(Candidate(f"{kind}:{key}", squash(obj[key])[:MAX_VALUE_CHARS]))
        names = _names(obj.get("author")) or _names(obj.get("creator"))
        if names:
            authors.append(Candidate(kind, ", ".join(dict.fromkeys(names))))
        for key in ("datePublished", "dateCreated", "uploadDate"):
            if isinstance(obj.get(key), str) and obj[key].strip():
                dates.append(Candidate(kind, obj[key].strip()))
                break
        else:
            if isinstance(obj.get("dateModified"), str):
                dates.append(Candidate("modified", obj["dateModified"].strip()))
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            sitenames.append(Candidate("json-ld:publisher", squash(publisher["name"])))


def _objects(data, depth: int = 0) -> Iterator[dict]:
    """The JSON-LD objects of a block: top-level ones, those of @graph, and the mainEntity."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), (dict, list)):
                yield from _objects(data[key], depth + 1)


def _types(obj: dict) -> list[str]:
    value = obj.get("@type")
    if isinstance(value, str):
        return [value.rsplit("/", 1)[-1]]
    if isinstance(value, list):
        return [v.rsplit("/", 1)[-1] for v in value if isinstance(v, str)]
    return []


def _names(value) -> list[str]:
    """The names of JSON-LD authors: a string, an object with a name, or a list of them."""
    if isinstance(value, str):
        return [squash(value)] if value.strip() else []
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str) and name.strip():
            return [squash(name)]
        return []
    if isinstance(value, list):
        return [name for item in value[:10] for name in _names(item)]
    return []
