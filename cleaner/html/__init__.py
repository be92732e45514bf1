"""Stage 2 (HTML only): article extraction with trafilatura, then HTML-aware cleaning.

The modules of this package are the only ones that import trafilatura and lxml,
and only when called: `page` (the page itself: guards, text, markup counts),
`pagemeta` (its metadata), `repair` (step 2), `readings` (trafilatura's and the
alternatives, with `sections` and `copies`), `gaps` (what trafilatura's
reading left out between its own paragraphs), `blocks` and `verdicts` (step 4),
`choice` (step 5), `extract` (the steps in order), and `structure` (the page's
own blocks, for Markdown and XML).

1. One parse (trafilatura's loader), with guards for huge, too deep or too
   busy pages; metadata from it: trafilatura's title and url (what step 4
   judges blocks with), and the page's title, author, date, site, language and
   type as `metadata` judges them from every place the page states them.
2. Two DOM repairs trafilatura does not make: an article body split in
   sibling containers (text broken up by ads) is merged back, and containers
   named as widgets (comment boxes, rate tickers, newsletter forms, related
   stories) are pruned.
3. One trafilatura pass in its fast mode (without its comparison with
   readability and jusText, which costs as much again): what the cascade
   recovers, the later sections and posts of a thread, the alternatives of
   step 5 recover as well (word F1 on the development pages: the same with
   either, 0.847; zyte's news pages 0.977 against 0.972). Where it gathered
   the page paragraph by paragraph, the headings and lists the page has
   between the paragraphs it kept are put back (`gaps`).
4. The blocks trafilatura kept are judged with what the markup still tells
   about them (heading or paragraph, list item, share of link text) and with
   general rules of what boilerplate lines are: the title repeated, a dek,
   lists of links, comment-box furniture, "Related:" teasers, share and
   newsletter prompts, datelines, credit lines, pictures' credits, a table
   of contents' label without its list. Every block dropped is listed
   with the rule that dropped it.
5. resiliparse reads the page two more ways, its main content and the page
   without its furniture, both without the sections the page names as
   furniture (cookie and consent banners, modals and pop-ups, related items)
   and, on a page that declares a product, as reviews or other products
   (`sections`); a later copy of a run of blocks the page gives twice goes
   from them (`copies`), and so does a short line that says by itself what it
   is, a prompt or a credit (`verdicts.line_verdict`); htmlchoice judges which
   of the three readings holds the page's content (a note names the reading
   taken).
6. When extraction fails or finds next to nothing, the page's whole visible
   text (one block per line) is handed on instead, flagged `whole_page`, for
   the plain-text path to clean; a note says why.

`extract` never raises: anything trafilatura or lxml throws (RecursionError
included) ends in that fallback.
"""

from __future__ import annotations

from .. import logs

logs.libraries_loading()  # before any module here loads trafilatura

from .extract import Extracted, extract  # noqa: E402
from .page import MAX_ELEMENTS, find_url, visible_text  # noqa: E402

__all__ = ["MAX_ELEMENTS", "Extracted", "extract", "find_url", "visible_text"]
