"""The page's metadata as the HTML stage finds it (part of the HTML stage): the title
and url trafilatura finds (what the blocks are judged with), the date htmldate finds,
and the fields `metadata` judges from every place the page states them.
"""

from __future__ import annotations

from .. import metadata as page_metadata

META_KEYS = ("title", "date", "author", "sitename", "url")  # of trafilatura's metadata


def judged(tree, url: str | None, found_by_trafilatura: dict, full: bool) -> dict:
    """The page's metadata as metadata.judge finds it (the date htmldate found is one
    more statement of the date); its title and url only unless `full`."""
    try:
        found = page_metadata.gather(tree, url, full)
        if found_by_trafilatura.get("date"):
            found = page_metadata.with_date(
                found, page_metadata.Candidate("htmldate", found_by_trafilatura["date"])
            )
        judged = page_metadata.judge(found, full).as_dict()
    except Exception:  # noqa: BLE001 - trafilatura's title is better than none
        judged = {"title": found_by_trafilatura.get("title"), "url": url}
    return {k: v for k, v in judged.items() if v}


def found_by_trafilatura(tree, url: str | None, full: bool = True) -> dict:
    """Title and url as trafilatura finds them (what the blocks are judged with), and
    with `full` the date htmldate finds (one statement of the date among others).

    trafilatura's extract_metadata without the searches nothing here uses; the full
    function when the parts are not where this expects them (another trafilatura version).
    """
    try:
        from trafilatura import metadata as tm

        try:
            doc = _metadata_parts(tree, url, tm, full)
        except (AttributeError, ImportError, TypeError):
            doc = tm.extract_metadata(tree, url)
    except Exception:  # noqa: BLE001 - no metadata is better than no text
        return {"url": url} if url else {}
    meta = {k: getattr(doc, k, None) for k in META_KEYS}
    if url:
        meta["url"] = meta.get("url") or url
    return {k: v for k, v in meta.items() if v}


def _metadata_parts(tree, url: str | None, tm, full: bool = True):
    """The parts of trafilatura.metadata.extract_metadata (2.x) that find the title, the
    url and (with `full`) the date."""
    doc = tm.examine_meta(tree)
    try:
        doc = tm.extract_meta_json(tree, doc)
    except Exception:  # noqa: BLE001 - trafilatura's own guard: bugs in its JSON-LD reader
        pass
    doc.title = doc.title or tm.extract_title(tree)
    doc.url = doc.url or tm.extract_url(tree, url)
    if full:
        from htmldate import find_date
        from trafilatura.settings import set_date_params

        # htmldate's extensive search (dateparser over the whole page) costs 30x the
        # rest of the date search and finds the right date on 1 page in 76 more
        params = set_date_params(False)
        params["url"] = doc.url
        doc.date = find_date(tree, **params)
    doc.clean_and_trim()
    return doc
