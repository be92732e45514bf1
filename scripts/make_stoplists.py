#!/usr/bin/env python3
"""Write cleaner/data/stoplists/ from jusText's stoplists.

    python scripts/make_stoplists.py [--justext DIR]

cleaner guesses a text's language, and weighs its lines, with the stopword
lists of jusText (https://github.com/miso-belica/jusText, BSD 2-Clause
licence: its notice is kept in stoplists/LICENSE and in index.json). They
ship inside cleaner, made by this script and committed, so that cleaner
neither depends on justext being installed nor reads and indexes a hundred
lists at start-up:

- `NAME.txt` (jusText's file names): each list as cleaner compares its
  words, lowercased and without punctuation ("있다." -> "있다"), one a line,
  most frequent first, empty entries left out;
- `index.json`: the source and licence, and the language names (sorted);
- `index.txt`: the words a language is recognised by (the first
  lang.ID_WORDS entries of each list, empty ones counted) with the languages
  whose lists hold them, one sorted line a word, "word 3,17" (numbers into
  the sorted names), which lang.py looks words up in by bisection.

Run it again (and commit the files) only to take up new lists;
tests/test_lang.py checks the files against this script's output when
justext is installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from cleaner.text.lang import ID_WORDS  # noqa: E402 - how many entries recognise a language

TARGET = REPO / "cleaner" / "data" / "stoplists"
_WORD = re.compile(r"\w+")


def justext_dir() -> Path:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("make_stoplists: justext is not installed (pip install justext)")
    return Path(next(iter(spec.submodule_search_locations)))


def normalise(entry: str) -> str:
    """An entry as cleaner compares it."""
    return "".join(_WORD.findall(entry.lower()))


def build(package: Path) -> dict[str, str]:
    """File name -> content of every file of the stoplists folder."""
    lists: dict[str, list[str]] = {}
    for path in sorted((package / "stoplists").glob("*.txt")):
        with path.open(encoding="utf-8", errors="replace") as lines:
            lists[path.stem] = [normalise(line) for line in lines]
    names = sorted(lists)
    index: dict[str, list[int]] = {}
    for number, name in enumerate(names):
        for word in lists[name][:ID_WORDS]:
            if word and number not in index.setdefault(word, []):
                index[word].append(number)
    info = sorted(package.parent.glob("jus[Tt]ext-*.dist-info"))
    version = info[0].name.split("-")[1].removesuffix(".dist-info") if info else "unknown"
    notice = next((p.read_text(encoding="utf-8") for d in info for p in sorted(d.glob("LICENSE*"))), None)
    if notice is None:
        raise SystemExit("make_stoplists: jusText's licence notice not found beside the package")
    files = {f"{name}.txt": "".join(f"{word}\n" for word in lists[name] if word) for name in names}
    files["LICENSE"] = notice
    files["index.txt"] = "".join(f"{word} {','.join(map(str, index[word]))}\n" for word in sorted(index))
    files["index.json"] = (
        json.dumps(
            {
                "source": f"jusText {version} stoplists (https://github.com/miso-belica/jusText), "
                f"made by scripts/make_stoplists.py",
                "licence": notice,
                "identify_entries": ID_WORDS,
                "languages": names,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n"
    )
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--justext", type=Path, help="the justext package folder (default: the installed one)"
    )
    args = parser.parse_args(argv)
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.iterdir():
        old.unlink()
    files = build(args.justext or justext_dir())
    for name, content in files.items():
        (TARGET / name).write_text(content, encoding="utf-8")
    print(f"make_stoplists: wrote {len(files)} files to {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
