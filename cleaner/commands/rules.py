"""`cleaner rules`: list, show, check and learn rule files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import inputs, output, rules
from ..errors import OutputError
from .common import (
    EXIT_FAILED,
    EXIT_OUTPUT,
    Group,
    err,
    load_rulebook,
    out,
    plural,
    rule_dirs_option,
    sniffed_jsonl,
)


@click.group(cls=Group, name="rules", short_help="List, show and check rule files.")
def rules_group():
    """List, show and check rule files.

    \b
    Example:
        cleaner rules check my-rules/
    """


@rules_group.command(name="list", short_help="Every rule file in effect.")
@rule_dirs_option("Add a rule folder.")
@click.option(
    "--all",
    "every_id",
    is_flag=True,
    help="List every removal id instead: each rule's, then the built-in detector, HTML and option ids.",
)
def rules_list(rule_dirs, every_id):
    """Every rule file in effect: name, kind, number of rules, origin and path.
    With --all, every id a removal can carry: id, category, and the rule file
    or built-in stage it comes from (cleaner rules show ID tells more).

    \b
    Examples:
        cleaner rules list
        cleaner rules list --all | grep detect:
    """
    book = load_rulebook(rule_dirs)
    if every_id:
        from .. import catalogue

        head = ("ID", "CATEGORY", "FROM")
        rows = [(rule.id, rule.category, rule.ruleset) for rule in book.rules]
        rows += [(e.id, e.category, e.stage) for e in catalogue.load().values()]
    else:
        head = ("NAME", "KIND", "RULES", "ORIGIN", "PATH")
        rows = [(rs.name, rs.kind, str(len(rs.rules)), rs.origin, str(rs.path)) for rs in book.rulesets]
    out(_table([head, *rows]))


def _table(rows: list[tuple[str, ...]]) -> str:
    """Rows in left-aligned columns two spaces apart; the last column is not padded."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] + "\n" for row in rows
    )


@rules_group.command(name="show", short_help="One rule or built-in id: why, examples.")
@click.argument("rule_id")
@rule_dirs_option("Add a rule folder.")
def rules_show(rule_id, rule_dirs):
    """A rule's id, category, file, pattern(s), why and examples; for a built-in
    id (detect:..., html:..., option:...), its category, stage, why and an
    example. Exit status 1 when no rule has that id, 2 for a bad rule file.

    \b
    Examples:
        cleaner rules show wpdiscuz-box
        cleaner rules show detect:byline
    """
    book = load_rulebook(rule_dirs)
    rule = book.get(rule_id)
    if rule is not None:
        out(rules.describe(rule) + "\n")
        return
    from .. import catalogue

    entry = catalogue.load().get(rule_id)
    if entry is None:
        err(f"no rule with id {rule_id!r} (see: cleaner rules list --all)")
        sys.exit(EXIT_FAILED)
    out(catalogue.describe(entry) + "\n")


@rules_group.command(name="check", short_help="Validate rule files, run their examples.")
@click.argument("folders", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
def rules_check(folders):
    """Validate rule files and run every rule's examples: each remove example
    must be removed by its rule, each keep example must survive every rule of
    its file. Without FOLDERS, the rules in effect (shipped and $CLEANER_RULES).
    Exit status 1 when anything fails, 0 when all is well.

    \b
    Example:
        cleaner rules check my-rules/
    """
    failures = rules.check(folders)
    out("".join(f"FAIL {failure}\n" for failure in failures))
    if failures:
        err(f"{len(failures)} problem{'s' * (len(failures) != 1)} in the rule files")
        sys.exit(EXIT_FAILED)
    out("ok: every rule file loads and every example behaves\n")


@rules_group.command(name="learn", short_help="Learn each site's template from its pages.")
@click.argument("names", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one rule file per host into this folder.",
)
@click.option(
    "--input-format",
    "input_format",
    type=click.Choice(["auto", "text", "html", "jsonl"]),
    default="auto",
    show_default=True,
    help="As for clean (auto finds WARC files and JSONL dumps); jsonl reads crawler dumps with a url field.",
)
@click.option("--url", help="The host of every input without a URL of its own (a URL of the site).")
@click.option("--text-field", default="text", show_default=True, help="JSONL input: text field.")
@click.option("--html-field", default="html", show_default=True, help="JSONL input: HTML field.")
@click.option("--url-field", default="url", show_default=True, help="JSONL input: URL field.")
def rules_learn(names, out_dir, input_format, url, text_field, html_field, url_field):
    """Learn each site's template from its pages and write one rule file per host.

    Pages are grouped by host: the URL of a JSONL record or of a WARC response,
    --url, or the name of the folder a file is in (one folder per host). Lines that repeat above or
    below the pages' own text on at least half of a host's pages (and on two or
    more) become rules; review them, then clean with --rules DIR. Exit status
    1 when a page could not be read or has no host (the others are learned from).

    \b
    Example:
        cleaner rules learn crawl.jsonl -o learned/
        cleaner clean crawl.jsonl --rules learned/ -o clean/
    """
    from .. import learnbatch, rulegen

    items = [item for item in inputs.expand(names, exclude=[out_dir]) if item.skipped is None]
    fields = {"text": text_field, "html": html_field, "url": url_field, "id": "id"}
    stdin = inputs.Stdin.of_process()
    if input_format == "auto":  # WARC files read record by record; JSONL dumps too
        items = inputs.mark_inputs(items, stdin, fields=fields)
    jsonl_in = input_format == "jsonl" or (input_format == "auto" and sniffed_jsonl(items))
    tasks = inputs.Tasks(items, {}, stdin=stdin, jsonl_in=jsonl_in, fields=fields, url=url)
    run = learnbatch.learn_tasks(tasks.stream(), kind="auto" if jsonl_in else input_format)
    for skipped in run.skipped:
        err(f"{output.display_name(skipped.label)}: {skipped.reason}")
    try:
        written = rulegen.write(list(run.sites), out_dir)
    except OutputError as exc:
        err(str(exc))
        sys.exit(EXIT_OUTPUT)
    _report_learned(run, written)
    err(
        f"learned from {plural(run.pages, 'page')} of {plural(len(run.sites), 'host')}: "
        f"{plural(len(written), 'rule file')} in {output.display_name(str(out_dir))}"
    )
    if run.skipped:
        sys.exit(EXIT_FAILED)


def _report_learned(run, written: list[Path]) -> None:
    """A line for each rule file written, and one for each host that gave none."""
    learned = {site.host: site for site in run.sites}
    for path in written:
        site = learned[path.name.removesuffix(".toml")]
        n_lines = sum(len(rule.patterns) for rule in site.rules)
        rules_made = f"{plural(len(site.rules), 'rule')}, {plural(n_lines, 'line pattern')}"
        out(f"{output.display_name(str(path))}: {rules_made}, from {site.pages} pages\n")
    for site in run.sites:
        if not site.rules:
            why = site.skipped or "nothing repeated where a template sits"
            out(f"{site.host}: no rules ({why})\n")
