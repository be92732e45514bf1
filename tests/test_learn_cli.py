"""`cleaner rules learn` and `cleaner clean --learn` on the synthetic site of learnsite.py."""

import json

import pytest
from learnsite import DATES, FOOTER, GOLDEN, HEADER, site_page, write_site


def test_rules_learn_writes_one_file_per_host(invoke, tmp_path):
    write_site(tmp_path / "in")
    out = tmp_path / "out"
    result = invoke("rules", "learn", str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == f"{out / 'news.example.com.toml'}: 3 rules, 7 line patterns, from 4 pages\n"
    assert result.stderr == f"cleaner: learned from 4 pages of 1 host: 1 rule file in {out}\n"
    assert (out / "news.example.com.toml").read_text() == GOLDEN.read_text()
    check = invoke("rules", "check", str(out))
    assert check.exit_code == 0
    assert check.stdout == "ok: every rule file loads and every example behaves\n"


@pytest.mark.parametrize("flags", [["--input-format", "jsonl"], []])
def test_rules_learn_from_jsonl_urls(invoke, tmp_path, flags):
    # with --input-format auto, the dump is found by its first line
    dump = tmp_path / "crawl.jsonl"
    dump.write_text(
        "".join(
            json.dumps({"url": f"https://www.news.example.com/{k}", "text": site_page(k)}) + "\n"
            for k in range(4)
        )
    )
    out = tmp_path / "out"
    result = invoke("rules", "learn", *flags, str(dump), "-o", str(out))
    assert result.exit_code == 0
    assert (out / "news.example.com.toml").read_text() == GOLDEN.read_text()


def test_rules_learn_reads_warc_files(invoke, tmp_path):
    from warcs import response

    pages = [
        f"<html><body><p>{line}</p></body></html>".replace("\n", "</p><p>")
        for line in map(site_page, range(4))
    ]
    crawl = tmp_path / "crawl.warc"
    crawl.write_bytes(
        b"".join(response(f"https://news.example.com/{k}", p.encode()) for k, p in enumerate(pages))
    )
    result = invoke("rules", "learn", str(crawl), "-o", str(tmp_path / "w"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"cleaner: learned from 4 pages of 1 host: 1 rule file in {tmp_path / 'w'}\n"


def test_rules_learn_says_why_a_record_could_not_be_read(invoke, tmp_path):
    # the record's own error, not "no URL to tell its host"
    dump = tmp_path / "crawl.jsonl"
    dump.write_text(
        "".join(
            json.dumps({"url": f"https://news.example.com/{k}", "text": site_page(k)}) + "\n"
            for k in range(2)
        )
        + "not json\n"
    )
    result = invoke("rules", "learn", str(dump), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cleaner: {dump}:3: invalid JSON line (")


def test_rules_learn_reports_pages_without_a_host(invoke, tmp_path):
    (tmp_path / "loose.txt").write_text(site_page(0))
    result = invoke("rules", "learn", str(tmp_path / "loose.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"cleaner: {tmp_path / 'loose.txt'}: no URL to tell its host (use --url, a JSONL url field "
        "or a folder named after the host)\n"
        f"cleaner: learned from 0 pages of 0 hosts: 0 rule files in {tmp_path / 'out'}\n"
    )


def test_rules_learn_says_when_a_host_gives_no_rules(invoke, tmp_path):
    write_site(tmp_path / "in", pages=1)
    result = invoke("rules", "learn", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stdout == "news.example.com: no rules (1 page: learning needs 2)\n"


def test_clean_learn_learns_then_cleans(invoke, tmp_path):
    write_site(tmp_path / "in")
    result = invoke(
        "clean",
        "--learn",
        "-q",
        str(tmp_path / "in" / "news.example.com" / "page0.txt"),
        str(tmp_path / "in" / "news.example.com" / "page1.txt"),
        str(tmp_path / "in" / "news.example.com" / "page2.txt"),
    )
    assert result.exit_code == 0
    for line in (*HEADER, *FOOTER, *DATES):
        assert line not in result.stdout
    assert "Reservoirs are still low, and the council asked people to save water." in result.stdout


def test_rules_learned_from_a_folder_per_host_clean_that_folder_with_rules(invoke, tmp_path):
    # the two-step workflow, as rules learn --help gives it: the pages have no URL, their
    # folder names the host, and the learned file is that host's, as with --learn
    write_site(tmp_path / "in")
    assert invoke("rules", "learn", str(tmp_path / "in"), "-o", str(tmp_path / "learned")).exit_code == 0
    page = tmp_path / "in" / "news.example.com" / "page0.txt"
    result = invoke("clean", "-q", "--rules", str(tmp_path / "learned"), str(page))
    assert result.exit_code == 0
    for line in (*HEADER, *FOOTER, DATES[0]):
        assert line not in result.stdout
    assert "Reservoirs are still low, and the council asked people to save water." in result.stdout


def test_clean_learn_refuses_stdin(invoke):
    result = invoke("clean", "--learn", "-")
    assert result.exit_code == 2
    assert "Error: --learn reads the inputs twice: name files, not - (stdin)" in result.stderr


def test_clean_learn_leaves_hosts_a_rule_file_covers(invoke, tmp_path):
    # the shipped wapress.africa source is not replaced by what a batch would teach
    write_site(tmp_path / "in", host="wapress.africa")
    result = invoke("clean", "--learn", str(tmp_path / "in"))
    assert "cleaner: learned: 0 rule files from 0 pages of 0 hosts\n" in result.stderr
