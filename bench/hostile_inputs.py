#!/usr/bin/env python3
"""Wall time of the library on inputs built to be slow, the figures the unit tests used
to assert (the tests now check what comes out; this prints how long it took).

    python bench/hostile_inputs.py [--repeat 5]

One line per case: the best and the median of `--repeat` runs, in milliseconds, and
the target the tests held it to (a number over its target is worth a look, not a
failure: timings depend on the machine and its load).

- the shipped rules on a 10 KB document that no platform claims (target 2 ms);
- catastrophic regular expressions: the textbook `(a+)+$` (defused by the regex
  module), `(a|aa)+$` stopped by the rule time limit, in each kind of pattern;
- strip_markup on runs of unclosed openers (no target: quadratic scanning would hang);
- HTML pages nested 30,000 levels deep, of 20 MB, with a 3 MB script, with a
  <pre> of 50,000 lines alike (its code blocks are matched in one pass), with a
  <pre> of 20,000 lines and 3,000 paragraphs ending as it does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleaner  # noqa: E402
from cleaner import rules  # noqa: E402
from cleaner.text import markdown  # noqa: E402
from cleaner.text.segment import segment  # noqa: E402

PLATFORM = '[platform]\ndescription = "hostile patterns"\n'
HOSTILE = "(a|aa)+$"  # backtracks exponentially in the regex module on "aaa...ab"
PARAGRAPH = (
    "<p>The small harbour town of Westcombe switched on its first tidal power station on "
    "Tuesday morning, after nine years of planning and two failed funding rounds.</p>\n"
)


def rule(rule_id: str, body: str) -> str:
    return (
        f'\n[[rules]]\nid = "{rule_id}"\ncategory = "promo"\nwhy = "Bench."\n{body}\n'
        'examples.remove = ["a"]\nexamples.keep = ["b"]\n'
    )


def rule_file(folder: Path, name: str, *rule_texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(PLATFORM + "".join(rule_texts), encoding="utf-8")
    return path


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best and the median wall time of `repeat` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return min(times), statistics.median(times)


def cases(tmp: Path) -> list[tuple[str, Callable[[], object], float | None]]:
    """(name, what to run, the target in ms the unit tests once asserted, if any)."""
    article = (ROOT / "samples" / "raw" / "003_213e5be6522f1968.txt").read_text(encoding="utf-8")
    text = "\n".join([article] * 5)[:10240]
    lines = segment(text)
    shipped = rules.default_rulebook().select(text=text)
    out: list[tuple[str, Callable[[], object], float | None]] = [
        ("shipped rules, 10 KB document", lambda: rules.apply(shipped, lines), 2),
    ]
    nested = rules.load_rulebook(
        [rule_file(tmp / "nested", "nested", rule("nested-plus", "line = '(a+)+$'")).parent]
    )
    out.append(
        (
            "textbook (a+)+$, default limit",
            lambda: cleaner.clean("a" * 40 + "b\nThe story.\naaaa", rulebook=nested),
            2000,
        )
    )
    hostile_file = rule_file(tmp / "hostile", "hostile", rule("slow-rule", f"line = '{HOSTILE}'"))
    hostile = rules.load_rulebook([hostile_file.parent])
    out.append(
        (
            f"{HOSTILE}, rule limit 0.2 s",
            lambda: cleaner.clean(
                "Share:\n" + "a" * 40 + "b\nThe story.", rulebook=hostile, rule_timeout=0.2
            ),
            3000,
        )
    )
    out.append(
        (f"{HOSTILE}, default rule limit", lambda: cleaner.clean("a" * 40 + "b", rulebook=hostile), 10000)
    )
    for kind, body in [
        ("fragment", f"fragment = '{HOSTILE}'"),
        ("protect", f"protect = '{HOSTILE}'"),
        ("block.start", f"block.start = '{HOSTILE}'\nblock.end = 'x'"),
        ("prev", f"line = 'never'\nprev = '{HOSTILE}'"),
        ("skip_if", f"line = 'x'\nskip_if = '{HOSTILE}'"),
        ("cut_from", f"cut_from = '{HOSTILE}'"),
    ]:
        path = rule_file(tmp / kind, kind, rule("slow-rule", body))
        selection = rules.Selection(rulesets=(rules.load_file(path, "user"),))
        out.append(
            (
                f"{HOSTILE} as {kind}, limit 0.1 s",
                lambda sel=selection: rules.apply(sel, segment("a" * 40 + "b\nnever\nx"), timeout=0.1),
                3000,
            )
        )
    for name, hostile_text in [
        ("comments", "<!--" * 50000 + "<b>x</b>" * 5),
        ("scripts", "<script" * 50000 + "<b>x</b>" * 5),
        ("open tag", "<div " + "a" * 100000 + "<b>x</b>" * 5),
        ("attributes", "{#" * 50000 + "{.a}" * 5),
        ("fences", ":::\n" * 50000),
    ]:
        out.append((f"strip_markup, {name}", lambda t=hostile_text: markdown.strip_markup(t), None))
    for name, opened, closed in [("divs", "<div>", "</div>"), ("inline", "<b><i>", "</i></b>")]:
        depth = 30_000 // opened.count("<")
        html = f"<html><body>{PARAGRAPH}" + opened * depth + PARAGRAPH + closed * depth + "</body></html>"
        out.append(
            (f"HTML nested 30,000 levels ({name})", lambda h=html: cleaner.clean(h, kind="html"), 10000)
        )
    filler = '<div class="card"><a href="/item">An item in a very long list</a> with some words</div>\n'
    big = f"<html><body><article>{PARAGRAPH * 4}</article>" + filler * (20_000_000 // len(filler))
    out.append(("HTML page of 20 MB", lambda: cleaner.clean(big, kind="html"), 20000))
    script = (
        "<html><head><script>" + "var x = 1;" * 300_000 + f"</script></head><body>{PARAGRAPH * 4}"
        "</body></html>"
    )
    out.append(("HTML page with a 3 MB script", lambda: cleaner.clean(script, kind="html"), 10000))
    listing = f"<html><body><article>{PARAGRAPH * 4}<pre>" + "}\n" * 50_000 + "</pre></article></body></html>"
    out.append(("HTML <pre> of 50,000 lines alike", lambda: cleaner.clean(listing, kind="html"), 2000))
    # lines that end as a block does, each tried as the block run on from its words
    endings = "".join(f"<p>Paragraph {n} of the story, ending as the code does: }}</p>" for n in range(3000))
    code = "\n".join(f"    call_{n}(x)" for n in range(20_000)) + "\n}"
    run_on = f"<html><body><article>{endings}<pre>{code}</pre></article></body></html>"
    out.append(
        (
            "HTML <pre> of 20,000 lines, 3,000 lines ending alike",
            lambda: cleaner.clean(run_on, kind="html"),
            2000,
        )
    )
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs of each case (default 5)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'case':<54}{'best ms':>10}{'median ms':>11}{'target ms':>11}")
        for name, run, target in cases(Path(tmp)):
            best, median = timed(run, args.repeat)
            shown = "-" if target is None else f"{target:.0f}"
            flag = "  over" if target is not None and best > target else ""
            print(f"{name:<54}{best:>10.1f}{median:>11.1f}{shown:>11}{flag}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
