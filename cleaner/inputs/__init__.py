"""The first stage: what the command line names, turned into documents to clean.

- `items`: one input as named (`Input`), before it is read;
- `paths`: paths, folders and globs expanded into inputs (`walk` walks a folder,
  `globs` matches the globs the tool expands itself), and --files-from lists;
- `stdin`: stdin, read through one owner (`Stdin`), which keeps the bytes read to
  tell what it is for whoever reads it next;
- `tasks`: the documents of a run, produced lazily as tasks for the batch, from
  files, stdin, JSONL dumps (`jsonl`) and WARC files (`warc`, whose framing of
  gzip members and records is `warcframe`).

Reading a document's bytes as text is `cleaner.reader`; where its output goes
under `-o DIR` is `cleaner.output.plan`.
"""

from .items import STDIN, Input
from .paths import expand, read_file_list
from .sniff import mark_inputs
from .stdin import Stdin
from .tasks import Tasks

__all__ = ["STDIN", "Input", "Stdin", "expand", "read_file_list", "Tasks", "mark_inputs"]
