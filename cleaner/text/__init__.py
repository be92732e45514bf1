"""The text stages: a document's text as numbered lines, and what is judged on them.

- `segment`: text -> numbered lines (and the kept lines -> paragraphs);
- `reflow`: (plain text) hard-wrapped paragraphs joined back into one line each;
- `markdown`: Markdown read as a reader sees it, and the raw HTML and pandoc
  markup converters leave in text, stripped;
- `lang`: jusText's stopword lists and the guess of a text's language from them;
- `detect`: generic detection for text no rule fully covers, running the steps
  of `detection/` in order.
"""
