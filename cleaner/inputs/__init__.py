"""The first stage: what the command line names, turned into documents to clean.

- `items`: one input as named (`Input`), before it is read;
- `paths`: paths, folders and globs expanded into inputs (`walk` walks a folder,
  `globs` matches the globs the tool expands itself), and --files-from lists;
- `tasks`: the documents of a run, produced lazily as tasks for the batch, from
  files, stdin, JSONL dumps (`jsonl`) and WARC files (`warc`, whose framing of
  gzip members and records is `warcframe`).

Reading a document's bytes as text is `cleaner.reader`; where its output goes
under `-o DIR` is `cleaner.output.plan`.
"""

from .items import STDIN, Input
from .paths import expand, read_file_list
from .sniff import mark_inputs
from .tasks import Tasks

__all__ = ["STDIN", "Input", "expand", "read_file_list", "Tasks", "mark_inputs"]
