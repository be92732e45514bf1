"""cleaner in datatrove: the same WARC and WET files cleaned by `cleaner clean` and by a
datatrove pipeline (CleanerWarcReader -> CleanerStep -> JsonlWriter) on its local
executor, 3 tasks on 2 workers, give the same records with the same text."""

import html
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from cleaner.engines import datatrove as engine

import warcs
from conftest import CLEANER, SAMPLES, has_cleaner_script

TIMEOUT = 120  # seconds, for each of the two runs


def page_html(text: str) -> bytes:
    """A sample's text as a page: its lines as paragraphs, with a menu and a footer."""
    paras = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Sample</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article>{paras}</article><footer>© 2024 Example Wire</footer></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Path:
    """crawl/pages.warc.gz (a request, a response and a metadata record per sample,
    one gzip member each) and crawl/pages.warc.wet.gz (one conversion record per sample)."""
    folder = tmp_path_factory.mktemp("crawl")
    samples = sorted((SAMPLES / "raw").glob("*.txt"))
    warc, wet = [warcs.warcinfo()], [warcs.warcinfo()]
    for n, sample in enumerate(samples):
        url = f"https://wire.example.org/{sample.stem}"
        text = sample.read_text(encoding="utf-8")
        warc += [
            warcs.request(url),
            warcs.response(url, page_html(text), record_id=f"<urn:uuid:page-{n}>"),
            warcs.metadata(url),
        ]
        wet.append(warcs.conversion(url, text, record_id=f"<urn:uuid:text-{n}>"))
    (folder / "pages.warc.gz").write_bytes(warcs.per_record_gzip(warc))
    (folder / "pages.warc.wet.gz").write_bytes(warcs.per_record_gzip(wet))
    return folder


PIPELINE = """
import sys
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.writers import JsonlWriter
from cleaner.engines.datatrove import CleanerStep, CleanerWarcReader

if __name__ == "__main__":
    crawl, out, logs = sys.argv[1:4]
    LocalPipelineExecutor([CleanerWarcReader(crawl), CleanerStep(),
                           JsonlWriter(out, compression=None)],
                          tasks=3, workers=2, logging_dir=logs).run()
"""


@pytest.mark.skipif(not has_cleaner_script(), reason="needs the installed cleaner script")
def test_cli_and_datatrove_give_the_same_records(crawl, tmp_path):
    files = sorted(str(p) for p in crawl.iterdir())
    cli = subprocess.run(
        [CLEANER, "clean", "-q", "--input-format", "warc", *files], capture_output=True, timeout=TIMEOUT
    )
    assert cli.returncode == 0, cli.stderr.decode()
    by_cli = [json.loads(line) for line in cli.stdout.decode().splitlines()]

    script = tmp_path / "pipeline.py"
    script.write_text(PIPELINE)
    run = subprocess.run(
        [sys.executable, str(script), str(crawl), str(tmp_path / "out"), str(tmp_path / "logs")],
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert run.returncode == 0, run.stderr.decode()[-3000:]
    by_dt = [
        json.loads(line)
        for f in sorted((tmp_path / "out").glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
    ]

    n = len(list((SAMPLES / "raw").glob("*.txt")))
    expected = {f"<urn:uuid:page-{i}>" for i in range(n)} | {f"<urn:uuid:text-{i}>" for i in range(n)}
    cli_ids = [r["id"] for r in by_cli]
    dt_ids = [r["id"] for r in by_dt]
    assert sorted(cli_ids) == sorted(expected)  # every record once
    assert sorted(dt_ids) == sorted(expected)
    assert all(r["url"].startswith("https://wire.example.org/") and r["text"] for r in by_cli)
    assert all(r["metadata"]["url"].startswith("https://wire.example.org/") for r in by_dt)
    cli_text = {r["id"]: r["text"] for r in by_cli}
    dt_text = {r["id"]: r["text"] for r in by_dt}
    assert dt_text == cli_text
    # the pages' menus and footers are gone
    assert not any("© 2024 Example Wire" in t for t in cli_text.values())
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    reader_stats = next(s["stats"] for s in stats if "cleaner WARC" in s["name"])
    total = {k: v["total"] if isinstance(v, dict) else v for k, v in reader_stats.items()}
    assert total["skipped: request record"] == n
    assert total["skipped: metadata record"] == n
    assert total["skipped: warcinfo record"] == 2


def docs(*items):
    from datatrove.data import Document

    return [Document(text=text, id=str(i), metadata=meta) for i, (text, meta) in enumerate(items)]


def test_the_step_drops_empty_and_failed_documents_and_counts_them():
    step = engine.CleanerStep()
    article = (SAMPLES / "raw" / "000_72958998f6056415.txt").read_text(encoding="utf-8")
    out = list(
        step.run(
            docs(
                (article, {"url": "https://wire.example.org/a"}),
                ("Home\nShare on Facebook\n", {}),
                ("\n \n", {}),
            )
        )
    )
    assert [d.id for d in out] == ["0"]
    assert out[0].text == (SAMPLES / "expected" / "000_72958998f6056415.txt").read_text(
        encoding="utf-8"
    ).rstrip("\n")
    stats = step.stats.stats
    assert stats["documents_in"].total == 3
    assert stats["cleaned"].total == 1
    assert stats["dropped_empty"].total == 1
    assert stats["failed"].total == 1


def test_the_source_rules_follow_the_url_in_metadata():
    text = (SAMPLES / "raw" / "001_fce41c5745c8f3d2.txt").read_text(encoding="utf-8")
    [doc] = engine.CleanerStep().run(docs((text, {"url": "https://stocksource.example/x"})))
    assert doc.metadata["source"] == "stocksource"
    assert doc.metadata["title"].startswith("Niger’s junta revokes")


def test_url_metadata_that_is_no_string_is_not_read_as_one():
    # the command line warns and cleans such a JSONL record; so does the step
    text = (SAMPLES / "raw" / "001_fce41c5745c8f3d2.txt").read_text(encoding="utf-8")
    step = engine.CleanerStep()
    [doc] = step.run(docs((text, {"url": 5})))
    assert doc.text and step.stats.stats["failed"].total == 0


@pytest.mark.parametrize("pickler", ["pickle", "dill"])  # dill: Slurm's and local's
def test_steps_pickle_with_their_settings_only(tmp_path, pickler):
    dumps_loads = pytest.importorskip(pickler)
    step = engine.CleanerStep(source="stocksource", rule_dirs=[tmp_path], timeout=5)
    again = dumps_loads.loads(dumps_loads.dumps(step))
    assert again.options == step.options and again.rule_dirs == (str(tmp_path),)
    reader = engine.CleanerWarcReader(str(tmp_path))
    assert dumps_loads.loads(dumps_loads.dumps(reader)).max_bytes == reader.max_bytes


def test_the_step_works_after_datatroves_jsonl_reader(tmp_path):
    from datatrove.pipeline.readers import JsonlReader

    from conftest import HTML_PAGE

    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"text": HTML_PAGE, "id": "p1", "metadata": {"url": "https://news.example.org/x"}}) + "\n"
    )
    [doc] = engine.CleanerStep().run(JsonlReader(str(tmp_path)).run())
    assert doc.id == "p1" and doc.text.startswith("The council voted on Tuesday")
    assert doc.metadata["title"] == "River walk to grow"
    assert doc.metadata["url"] == "https://news.example.org/x"


def test_an_unknown_source_is_an_error_where_the_step_runs():
    from cleaner.errors import CleanerError

    with pytest.raises(CleanerError, match="no rule set for source 'nope'"):
        list(engine.CleanerStep(source="nope").run(docs(("text", {}))))


def test_the_step_works_after_datatroves_own_warc_reader(crawl):
    pytest.importorskip("magic")
    from datatrove.pipeline.readers import WarcReader

    reader = WarcReader(str(crawl), glob_pattern="pages.warc.gz")
    cleaned = {d.id: d.text for d in engine.CleanerStep().run(reader.run())}
    ours = {
        d.id: d.text
        for d in engine.CleanerStep().run(
            engine.CleanerWarcReader(str(crawl), glob_pattern="pages.warc.gz").run()
        )
    }
    assert cleaned == ours and len(ours) == len(list((SAMPLES / "raw").glob("*.txt")))


def test_damage_in_a_warc_is_counted_and_the_rest_read(crawl, tmp_path):
    good = (crawl / "pages.warc.wet.gz").read_bytes()
    (tmp_path / "bad.warc.gz").write_bytes(good[:-50])
    reader = engine.CleanerWarcReader(str(tmp_path))
    got = list(reader.run())
    assert len(got) == len(list((SAMPLES / "raw").glob("*.txt"))) - 1
    assert reader.stats.stats["damaged"].total == 1


NO_GUARD = """
from datatrove.executor import LocalPipelineExecutor
from cleaner.engines.datatrove import CleanerStep, CleanerWarcReader
LocalPipelineExecutor([CleanerWarcReader({crawl!r}), CleanerStep()], tasks=2, workers=2,
                      logging_dir={logs!r}).run()
"""


def test_a_script_without_a_main_guard_fails_at_once(crawl, tmp_path):
    script = tmp_path / "unguarded.py"
    script.write_text(NO_GUARD.format(crawl=str(crawl), logs=str(tmp_path / "logs")))
    run = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=60)
    assert run.returncode == 1
    last = run.stderr.decode().strip().splitlines()[-1]
    assert last == (
        f"cleaner.engines.datatrove.MissingMainGuard: CleanerWarcReader was created by the "
        f'top-level code of {script} (line 4), outside `if __name__ == "__main__":`: build and '
        'run the pipeline under `if __name__ == "__main__":` (datatrove starts its workers '
        "with forkserver, and each new worker imports the main script again: unguarded, each "
        "would start the pipeline anew, for ever)"
    )
    assert not (tmp_path / "logs").exists()  # nothing was started


def test_a_guarded_call_from_a_function_is_not_refused(tmp_path):
    script = tmp_path / "guarded.py"
    script.write_text(
        textwrap.dedent("""
        from cleaner.engines.datatrove import CleanerStep
        def main():
            return CleanerStep()
        if "__main__" == __name__:
            CleanerStep()
            main()
            print("ok")
    """)
    )
    run = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=60)
    assert run.stdout == b"ok\n", run.stderr.decode()


def test_a_record_over_the_size_limit_is_counted_apart(crawl, tmp_path):
    reader = engine.CleanerWarcReader(str(crawl), glob_pattern="pages.warc.gz", max_size_mb=0.002)
    got = list(reader.run())
    stats = reader.stats.stats
    assert stats["too_large"].total + len(got) == len(list((SAMPLES / "raw").glob("*.txt")))
    assert stats["too_large"].total >= 2 and "damaged" not in stats
