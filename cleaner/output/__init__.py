"""The last stage: what a cleaned document becomes, and where it is written.

- `text`: the format names and the default output, a Result's body as text;
- `formats`: every other format (`records` for JSONL, JSON and CSV, `markdown`,
  `xmldoc`), and how several documents are framed in one stream;
- `writing`: the one way output is written (a stream or files), write errors
  turned into one WriteError;
- `plan`: which file each input's output goes to under `-o DIR`;
- `sink`: a batch's results taken in order and written, and its summary line;
- `progress`: the progress line of a batch on stderr.

What the command line and the batch use most is here by name; the rest is
imported from its module (`from cleaner.output import formats`). Importing this
package loads no format but text.
"""

from .text import COMMENTS_LABEL, FORMATS, NO_CONTENT, SUFFIXES, Style, jsonl_line, text_of
from .writing import Files, Stream, WriteError, display_name, encode, make_folder, one_line, write_atomic

__all__ = [
    "COMMENTS_LABEL",
    "FORMATS",
    "NO_CONTENT",
    "SUFFIXES",
    "Style",
    "jsonl_line",
    "text_of",
    "Files",
    "Stream",
    "WriteError",
    "display_name",
    "encode",
    "make_folder",
    "one_line",
    "write_atomic",
]
