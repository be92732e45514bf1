"""WARC and WET input: records in, one document each; damage reported with its offset."""

import gzip
import json
import re
import subprocess

import pytest

from cleaner.inputs import warc

import warcs
from conftest import CLEANER, HTML_PAGE, has_cleaner_script

PAGE = HTML_PAGE.encode("utf-8")
WET_TEXT = (
    "Harbour town opens its first tidal power station\n"
    "The small harbour town of Vestvik switched on its first tidal power station on "
    "Tuesday, after six years of planning and two of building.\n"
    "The station will supply about a third of the town's electricity, the council said.\n"
)


def crawl() -> list[bytes]:
    """A small crawl: two HTML pages, one image, one 404, and the records around them."""
    return [
        warcs.warcinfo(),
        warcs.request("https://news.example.org/a"),
        warcs.response("https://news.example.org/a", PAGE, record_id="<urn:uuid:a>"),
        warcs.metadata("https://news.example.org/a"),
        warcs.response(
            "https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"
        ),
        warcs.response(
            "https://news.example.org/gone", b"<html><body>Not found</body></html>", status="404 Not Found"
        ),
        warcs.revisit("https://news.example.org/a"),
        warcs.response(
            "https://news.example.org/b", PAGE.replace(b"River walk", b"Bridge"), record_id="<urn:uuid:b>"
        ),
    ]


def records_out(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.mark.parametrize("packing", ["plain", "per-record gzip", "whole-file gzip"])
def test_each_html_response_is_one_document_with_url_id_and_date(invoke, tmp_path, packing):
    data = b"".join(crawl())
    if packing == "per-record gzip":
        data = warcs.per_record_gzip(crawl())
    elif packing == "whole-file gzip":
        data = gzip.compress(data)
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(data)
    result = invoke("clean", "--input-format", "warc", str(p))
    assert result.exit_code == 0, result.stderr
    recs = records_out(result.stdout)
    assert [r["id"] for r in recs] == ["<urn:uuid:a>", "<urn:uuid:b>"]
    assert [r["url"] for r in recs] == ["https://news.example.org/a", "https://news.example.org/b"]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", r["warc_date"]) for r in recs)
    assert "extend the river walk" in recs[0]["text"] and "Copyright" not in recs[0]["text"]
    assert recs[1]["title"] == "Bridge to grow"
    assert all(r["path"].startswith(f"{p}@") for r in recs)
    assert re.fullmatch(
        r"cleaner: 2 documents, 0 failed, 6 WARC records skipped \(1 HTTP status "
        r"4xx, 1 metadata record, 1 non-HTML payload, 1 request record, 1 revisit "
        r"record, 1 warcinfo record\) in [\d.]+s \([\d.]+ docs/s\)"
        r"(; removed: .*)?\n",
        result.stderr,
    )


def test_offsets_are_those_of_records_or_their_gzip_members(tmp_path):
    records = crawl()
    plain = b"".join(records)
    starts = [sum(map(len, records[:i])) for i in range(len(records))]
    got = [item.where for item in warc.read_records(__import__("io").BytesIO(plain), 10**6)]
    assert got == [str(s) for s in starts]
    packed = warcs.per_record_gzip(records)
    members = [sum(len(gzip.compress(r)) for r in records[:i]) for i in range(len(records))]
    got = [item.offset for item in warc.read_records(__import__("io").BytesIO(packed), 10**6)]
    assert got == members


@pytest.mark.parametrize("gz", [False, True])
def test_a_warc_file_is_found_by_its_first_bytes(invoke, tmp_path, gz):
    data = b"".join(crawl())
    p = tmp_path / "crawl.dat"  # the name says nothing
    p.write_bytes(warcs.per_record_gzip(crawl()) if gz else data)
    result = invoke("clean", "-q", str(p))
    assert result.exit_code == 0
    assert [r["id"] for r in records_out(result.stdout)] == ["<urn:uuid:a>", "<urn:uuid:b>"]


def test_wet_conversion_records_are_cleaned_as_text(invoke, tmp_path):
    p = tmp_path / "crawl.warc.wet.gz"
    p.write_bytes(
        warcs.per_record_gzip(
            [
                warcs.warcinfo(),
                warcs.conversion("https://news.example.org/t", WET_TEXT, record_id="<urn:uuid:t>"),
            ]
        )
    )
    result = invoke("clean", "-q", "--input-format", "warc", str(p))
    assert result.exit_code == 0
    [rec] = records_out(result.stdout)
    assert rec["id"] == "<urn:uuid:t>" and rec["url"] == "https://news.example.org/t"
    assert "switched on its first tidal power station" in rec["text"]


def test_the_http_charset_is_honoured_before_the_pages_own(invoke, tmp_path):
    body = (
        '<html><head><meta charset="iso-8859-1"><title>Новости</title></head><body>'
        "<article><p>Городской совет во вторник проголосовал за продление набережной на "
        "два километра после года общественных слушаний.</p><p>Работы начнутся весной и "
        "продлятся около полутора лет, сообщили в совете.</p></article></body></html>"
    )
    p = tmp_path / "ru.warc"
    p.write_bytes(
        warcs.response(
            "https://ru.example.org/", body.encode("cp1251"), content_type="text/html; charset=windows-1251"
        )
    )
    result = invoke("clean", "-q", str(p))
    [rec] = records_out(result.stdout)
    assert "Городской совет во вторник" in rec["text"]


def _bad(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _run_bad(invoke, p):
    result = invoke("clean", "-q", "--input-format", "warc", str(p))
    return result, records_out(result.stdout)


def test_garbage_between_records_is_reported_with_its_offset(invoke, tmp_path):
    a, b = crawl()[2], crawl()[7]
    p = _bad(tmp_path, "g.warc", a + b"this is no record\r\n\r\n" + b)
    result, recs = _run_bad(invoke, p)
    assert result.exit_code == 1
    assert result.stderr == (
        f"cleaner: {p}@{len(a)}: not a WARC record: 21 bytes skipped up to "
        f"the next record at byte {len(a) + 21}\n"
    )
    assert [r["id"] for r in recs if r["error"] is None] == ["<urn:uuid:a>", "<urn:uuid:b>"]


def test_garbage_between_gzip_members_is_reported_with_its_offset(invoke, tmp_path):
    a, b = (gzip.compress(r) for r in (crawl()[2], crawl()[7]))
    p = _bad(tmp_path, "g.warc.gz", a + b"JUNK" * 5 + b)
    result, recs = _run_bad(invoke, p)
    assert result.exit_code == 1
    assert result.stderr == (
        f"cleaner: {p}@{len(a)}: not gzip data: 20 bytes skipped up to the "
        f"next record at byte {len(a) + 20}\n"
    )
    assert [r["id"] for r in recs if r["error"] is None] == ["<urn:uuid:a>", "<urn:uuid:b>"]


def test_truncated_gzip_is_reported_and_the_records_before_it_cleaned(invoke, tmp_path):
    members = [gzip.compress(r) for r in (crawl()[2], crawl()[7])]
    p = _bad(tmp_path, "t.warc.gz", members[0] + members[1][:-40])
    result, recs = _run_bad(invoke, p)
    assert result.exit_code == 1
    assert re.fullmatch(
        rf"cleaner: {re.escape(str(p))}@{len(members[0])}: truncated gzip data: "
        r"the file ends inside this record \(its Content-Length declares [\d,]+ "
        r"bytes, [\d,]+ are left\)\n",
        result.stderr,
    )
    assert [r["id"] for r in recs if r["error"] is None] == ["<urn:uuid:a>"]


def test_a_corrupt_gzip_member_is_passed_over(invoke, tmp_path):
    members = [gzip.compress(r) for r in crawl()[2:8]]
    bad = bytearray(members[1])
    bad[20:40] = b"\xff" * 20
    members[1] = bytes(bad)
    p = _bad(tmp_path, "c.warc.gz", b"".join(members))
    result, recs = _run_bad(invoke, p)
    assert result.exit_code == 1
    at, nxt = len(members[0]), len(members[0]) + len(members[1])
    assert re.fullmatch(
        rf"cleaner: {re.escape(str(p))}@{at}: corrupt gzip data \(.+\); reading "
        rf"on at the next gzip member \(byte {nxt}\)\n",
        result.stderr,
    )
    assert [r["id"] for r in recs if r["error"] is None] == ["<urn:uuid:a>", "<urn:uuid:b>"]


def test_an_empty_file_is_a_failure_with_a_message(invoke, tmp_path):
    p = _bad(tmp_path, "empty.warc.gz", b"")
    result, recs = _run_bad(invoke, p)
    assert result.exit_code == 1
    assert result.stderr == f"cleaner: {p}@0: empty file: no WARC record in it\n"


@pytest.mark.parametrize("delta", [-30, +30])
def test_a_wrong_content_length_fails_its_record_and_the_next_is_read(invoke, tmp_path, delta):
    a, b = crawl()[2], crawl()[7]
    length = int(re.search(rb"Content-Length: (\d+)", a).group(1))
    broken = a.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length + delta))
    p = _bad(tmp_path, "l.warc", broken + b)
    result, recs = _run_bad(invoke, p)
    assert result.exit_code == 1
    assert result.stderr == (
        f"cleaner: {p}@0: its Content-Length ({length + delta:,}) does not end "
        "the record (no blank line after it): record not cleaned, reading on "
        "at the next record\n"
    )
    assert [r["id"] for r in recs if r["error"] is None] == ["<urn:uuid:b>"]


def test_a_content_length_past_the_end_of_the_file(invoke, tmp_path):
    a, b = crawl()[2], crawl()[7]
    length = int(re.search(rb"Content-Length: (\d+)", a).group(1))
    broken = a.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length + 5000))
    p = _bad(tmp_path, "l.warc", broken + b)
    result, recs = _run_bad(invoke, p)
    assert result.exit_code == 1
    left = len(broken) + len(b) - broken.index(b"\r\n\r\n") - 4
    assert result.stderr == (
        f"cleaner: {p}@0: truncated record: the file ends inside this record "
        f"(its Content-Length declares {length + 5000:,} bytes, {left:,} "
        "are left)\n"
    )
    assert [r["id"] for r in recs if r["error"] is None] == ["<urn:uuid:b>"]


def test_the_size_limit_applies_to_each_record(invoke, tmp_path):
    big = HTML_PAGE.replace("<p>Work", "<p>" + "Long paragraph text. " * 3000 + "</p><p>Work")
    records = [crawl()[2], warcs.response("https://news.example.org/big", big.encode()), crawl()[7]]
    p = _bad(tmp_path, "big.warc", b"".join(records))
    result = invoke("clean", "-q", "--max-size", "0.03125", str(p))
    assert result.exit_code == 1
    assert result.stderr == (
        f"cleaner: {p}@{len(records[0])}: record too large (0.1 MB, limit "
        "0.03125 MB: see --max-size); not read\n"
    )
    assert [r["id"] for r in records_out(result.stdout) if r["error"] is None] == [
        "<urn:uuid:a>",
        "<urn:uuid:b>",
    ]


def test_output_folder_gets_one_jsonl_file_per_warc(invoke, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.warc.gz").write_bytes(warcs.per_record_gzip(crawl()))
    (tmp_path / "in" / "page.html").write_text(HTML_PAGE)
    result = invoke("clean", "-q", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["one.jsonl", "page.txt"]
    recs = records_out((tmp_path / "out" / "one.jsonl").read_text())
    assert [r["id"] for r in recs] == ["<urn:uuid:a>", "<urn:uuid:b>"]


# -- --files-from ------------------------------------------------------------------


def test_files_from_nul_separated_list_with_a_missing_file(invoke, tmp_path):
    a = tmp_path / "a b.warc"  # a space: NUL separation keeps it whole
    a.write_bytes(b"".join(crawl()))
    html = tmp_path / "p[1].html"  # glob characters: a listed name is never a pattern
    html.write_text(HTML_PAGE)
    missing = tmp_path / "gone[1].warc.gz"  # missing, and no pattern either
    listing = b"\0".join(str(x).encode() for x in (a, missing, html)) + b"\0"
    result = invoke("clean", "-q", "--format", "jsonl", "--files-from", "-", "-0", input=listing)
    assert result.exit_code == 1
    assert result.stderr == f"cleaner: {missing}: no such file or folder\n"
    recs = records_out(result.stdout)
    assert [(r["path"], r["error"]) for r in recs] == [
        (f"{a}@{len(crawl()[0]) + len(crawl()[1])}", None),
        (f"{a}@{sum(map(len, crawl()[:7]))}", None),
        (str(missing), "no such file or folder"),
        (str(html), None),
    ]


def test_files_from_a_file_one_name_a_line(invoke, tmp_path):
    a = tmp_path / "a.warc"
    a.write_bytes(b"".join(crawl()))
    listing = tmp_path / "list.txt"
    listing.write_text(f"{a}\r\n\n")
    result = invoke("clean", "-q", "--files-from", str(listing))
    assert result.exit_code == 0
    assert len(records_out(result.stdout)) == 2


def test_null_without_files_from_is_a_usage_error(invoke):
    result = invoke("clean", "-0", "x")
    assert result.exit_code == 2
    assert "-0/--null goes with --files-from" in result.stderr


@pytest.mark.skipif(not has_cleaner_script(), reason="needs the installed cleaner script")
def test_find_print0_pipes_into_files_from(tmp_path):
    crawl_dir = tmp_path / "crawl" / "sub"
    crawl_dir.mkdir(parents=True)
    (crawl_dir / "x.warc.gz").write_bytes(warcs.per_record_gzip(crawl()))
    (tmp_path / "crawl" / "y.warc.gz").write_bytes(gzip.compress(b"".join(crawl())))
    cmd = (
        f"find {tmp_path / 'crawl'} -name '*.warc.gz' -print0 | sort -z | "
        f"{CLEANER} clean -q --files-from - -0"
    )
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.decode().splitlines()) == 4


class Trickle:
    """A stream that gives its bytes a few at a time, so that every boundary
    (gzip members, headers, blocks) falls across reads somewhere."""

    def __init__(self, data: bytes, step: int):
        self.data, self.step, self.at = data, step, 0

    def read(self, n: int = -1) -> bytes:
        chunk = self.data[self.at : self.at + min(n if n >= 0 else self.step, self.step)]
        self.at += len(chunk)
        return chunk


@pytest.mark.parametrize("step", [1, 2, 3, 5, 7, 64, 333])
@pytest.mark.parametrize("packing", ["plain", "per-record gzip", "whole-file gzip"])
def test_records_are_found_whatever_the_reads_cut(step, packing):
    import io

    data = b"".join(crawl())
    if packing == "per-record gzip":
        data = warcs.per_record_gzip(crawl())
    elif packing == "whole-file gzip":
        data = gzip.compress(data)
    whole = list(warc.read_records(io.BytesIO(data), 10**6))
    assert list(warc.read_records(Trickle(data, step), 10**6)) == whole
    assert [i.record_id for i in whole if i.payload] == ["<urn:uuid:a>", "<urn:uuid:b>"]
    assert not any(i.error for i in whole)


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_chunked_and_compressed_http_bodies_are_decoded(encoding):
    import io

    compress = gzip.compress if encoding == "gzip" else pytest.importorskip("brotli").compress
    body = compress(PAGE)
    chunked = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Encoding: " + encoding.encode() + b"\r\n\r\n" + chunked
    )
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; "
        b"msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n"
    )
    [item] = warc.read_records(io.BytesIO(record), 10**6)
    assert item.payload == PAGE and item.kind == "html"


@pytest.mark.skipif(not has_cleaner_script(), reason="needs the installed cleaner script")
def test_a_fifo_named_on_the_command_line_is_not_read_twice(tmp_path, article):
    """Looking for a WARC's first bytes must not eat a FIFO's: `<(cat x)` is read whole."""
    proc = subprocess.run(
        ["bash", "-c", f"{CLEANER} clean <(cat {article})"], capture_output=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == article.read_text()
    warc_file = tmp_path / "c.warc"
    warc_file.write_bytes(b"".join(crawl()))
    proc = subprocess.run(
        ["bash", "-c", f"{CLEANER} clean -q --input-format warc <(cat {warc_file})"],
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["id"] for x in proc.stdout.decode().splitlines()] == [
        "<urn:uuid:a>",
        "<urn:uuid:b>",
    ]


def test_a_warc_beside_an_html_file_comes_out_as_jsonl_lines_not_headed(invoke, tmp_path):
    p = tmp_path / "crawl.dat"
    p.write_bytes(warcs.per_record_gzip(crawl()))
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    result = invoke("clean", "-q", str(p), str(page))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines[:2]] == ["<urn:uuid:a>", "<urn:uuid:b>"]
    assert lines[2:4] == ["", f"==> {page} <=="]


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv", "xml"])
def test_warc_input_with_another_record_format_is_a_usage_error(invoke, tmp_path, fmt):
    p = tmp_path / "crawl.dat"
    p.write_bytes(warcs.per_record_gzip(crawl()))
    result = invoke("clean", "-q", "--format", fmt, str(p))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith(f"Error: WARC input gives JSONL output, not {fmt}\n")


def test_skipped_records_are_counted_in_plural(invoke, tmp_path):
    for name in ("a.warc.gz", "b.warc.gz"):
        (tmp_path / name).write_bytes(
            warcs.per_record_gzip([warcs.warcinfo(), warcs.request("https://news.example.org/a")])
        )
    result = invoke("clean", str(tmp_path / "a.warc.gz"), str(tmp_path / "b.warc.gz"))
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(
        r"cleaner: 0 documents, 0 failed, 4 WARC records skipped \(2 request records, "
        r"2 warcinfo records\) in [\d.]+s \([\d.]+ docs/s\)\n",
        result.stderr,
    )
