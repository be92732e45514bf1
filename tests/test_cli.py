"""The `cleaner clean` command through CliRunner: exact output and exit codes."""

import codecs
import json

from cleaner.cli import cli

from conftest import ARTICLE, HTML_PAGE


def test_single_file_prints_the_body(invoke, article):
    result = invoke("clean", str(article))
    assert result.exit_code == 0
    assert result.stdout == ARTICLE
    assert result.stderr == ""


def test_stdin_dash(invoke):
    result = invoke("clean", "-", input=ARTICLE)
    assert result.exit_code == 0
    assert result.stdout == ARTICLE


def test_gzipped_html_goes_through_extraction(invoke, html_gz):
    result = invoke("clean", str(html_gz))
    assert result.exit_code == 0
    assert "extend the river walk" in result.stdout
    assert "Copyright" not in result.stdout
    assert "Home" not in result.stdout.split()


def test_input_format_is_decided_from_content_not_name(invoke, tmp_path):

    p = tmp_path / "page.txt"  # HTML with a .txt name
    p.write_text(HTML_PAGE)
    result = invoke("clean", str(p))
    assert "<p>" not in result.stdout and "extend the river walk" in result.stdout
    # forced plain text is not extracted: its tags are stripped like any raw HTML
    # left in text, and detection finds the article among what they held
    forced = invoke("clean", "--input-format", "text", "--format", "jsonl", str(p))
    record = json.loads(forced.stdout)
    assert "<" not in record["text"] and "extend the river walk" in record["text"]
    assert "Home" not in record["text"] and "Copyright" not in record["text"]
    assert record["notes"] == ["markup: 29 raw HTML tags, comments or pandoc attributes removed"]


def test_several_inputs_to_stdout_get_headers(invoke, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("First article paragraph, long enough to be a sentence of its own.\n")
    b.write_text("Second article paragraph, long enough to be a sentence of its own.\n")
    result = invoke("clean", "-q", str(a), str(b))
    assert result.exit_code == 0
    assert result.stdout == (
        f"==> {a} <==\nFirst article paragraph, long enough to be a sentence of its own.\n"
        f"\n==> {b} <==\nSecond article paragraph, long enough to be a sentence of its own.\n"
    )


def test_jsonl_record_fields(invoke, article):
    result = invoke("clean", "--format", "jsonl", str(article))
    assert result.exit_code == 0
    rec = json.loads(result.stdout)
    assert set(rec) >= {"path", "source", "url", "title", "date", "text", "removed", "error"}
    assert rec["path"] == str(article)
    assert rec["text"] == ARTICLE.rstrip("\n")
    assert rec["error"] is None


def test_jsonl_html_metadata(invoke, html_gz):
    rec = json.loads(invoke("clean", "--format", "jsonl", str(html_gz)).stdout)
    assert rec["title"] == "River walk to grow"
    assert rec["url"] == "https://news.example.org/2024/river-walk"
    assert "River walk to grow" not in rec["text"].split("\n\n")[0:1]  # title is metadata


def test_with_title_prints_title_first(invoke, html_gz):
    out = invoke("clean", "--with-title", str(html_gz)).stdout
    assert out.startswith("River walk to grow\n\nThe council voted")


def test_output_dir_names_and_subfolders(invoke, tmp_path, html_gz):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "a.txt").write_text(ARTICLE)
    (raw / "sub" / "b.html.gz").write_bytes(html_gz.read_bytes())
    out = tmp_path / "clean"
    result = invoke("clean", "-q", str(raw), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["a.txt", "sub", "sub/b.txt"]
    assert (out / "a.txt").read_text() == ARTICLE


def test_recursive_glob_keeps_relative_folders(invoke, tmp_path):
    raw = tmp_path / "raw"
    for d in ("x", "y"):
        (raw / d).mkdir(parents=True)
        (raw / d / "same.txt").write_text(ARTICLE)
    out = tmp_path / "out"
    result = invoke("clean", "-q", f"{raw}/**/*.txt", "-o", str(out))
    assert result.exit_code == 0
    assert (out / "x" / "same.txt").read_text() == ARTICLE
    assert (out / "y" / "same.txt").read_text() == ARTICLE


def test_colliding_outputs_are_refused_before_writing(invoke, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(ARTICLE)
    (tmp_path / "b" / "x.html").write_text(ARTICLE)
    out = tmp_path / "out"
    result = invoke("clean", str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.html"), "-o", str(out))
    assert result.exit_code == 2
    assert "would both be written to" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_output_never_overwrites_an_input(invoke, tmp_path, article):
    result = invoke("clean", str(article), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "would overwrite the input" in result.stderr
    assert article.read_text() == ARTICLE


def test_skip_existing_resumes(invoke, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a", "b"):
        (raw / f"{name}.txt").write_text(ARTICLE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("done before\n")
    result = invoke("clean", str(raw), "-o", str(out), "--skip-existing")
    assert result.exit_code == 0
    assert (out / "a.txt").read_text() == "done before\n"
    assert (out / "b.txt").read_text() == ARTICLE
    assert "1 document, 0 failed, 1 skipped (output exists)" in result.stderr


def test_summary_line_and_quiet(invoke, tmp_path, article):
    out = tmp_path / "out"
    result = invoke("clean", str(article), "-o", str(out))
    assert result.stderr.startswith("cleaner: 1 document, 0 failed in ")
    assert invoke("clean", "-q", str(article), "-o", str(out)).stderr == ""


def test_no_input_is_a_usage_error(runner):
    result = runner.invoke(cli, ["clean"], input=None)
    # CliRunner's stdin is not a terminal, so no input means: read stdin, which is empty
    assert result.exit_code == 1
    assert result.stderr == "cleaner: <stdin>: empty document, nothing to clean\n"


def test_bad_option_is_exit_2(invoke):
    result = invoke("clean", "--format", "yaml", "x")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_unknown_source_is_a_usage_error(invoke, article):
    result = invoke("clean", "--source", "no-such-site", str(article))
    assert result.exit_code == 2
    assert "no rule set for source 'no-such-site'" in result.stderr


# -- bad input: one clear line each, never a traceback ------------------------


def _one_line_error(result, path, reason):
    assert "Traceback" not in result.stderr
    assert f"cleaner: {path}: {reason}\n" in result.stderr


def test_missing_path(invoke, tmp_path):
    result = invoke("clean", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    _one_line_error(result, tmp_path / "nope.txt", "no such file or folder")


def test_glob_matching_nothing(invoke, tmp_path):
    pattern = f"{tmp_path}/*.nothing"
    result = invoke("clean", pattern)
    assert result.exit_code == 1
    _one_line_error(result, pattern, "no file matches this pattern")


def test_empty_file(invoke, tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    result = invoke("clean", str(p))
    assert result.exit_code == 1
    _one_line_error(result, p, "empty document, nothing to clean")


def test_empty_folder(invoke, tmp_path):
    (tmp_path / "void").mkdir()
    result = invoke("clean", str(tmp_path / "void"))
    assert result.exit_code == 1
    _one_line_error(result, tmp_path / "void", "folder holds no files")


def test_binary_file(invoke, tmp_path):
    p = tmp_path / "image.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = invoke("clean", str(p))
    assert result.exit_code == 1
    _one_line_error(result, p, "binary file (a PNG image), not text or HTML")


def test_latin1_text(invoke, tmp_path):
    p = tmp_path / "latin1.txt"
    text = (
        "Le conseil a voté mardi la prolongation de la promenade le long de la rivière, "
        "après une année de réunions publiques très animées.\n"
    )
    p.write_bytes(text.encode("latin-1"))
    result = invoke("clean", str(p))
    assert result.exit_code == 0
    assert result.stdout == text


def test_utf16_with_bom(invoke, tmp_path):
    p = tmp_path / "utf16.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))
    assert invoke("clean", str(p)).stdout == ARTICLE


def test_utf8_bom_is_dropped(invoke, tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode())
    assert invoke("clean", str(p)).stdout == ARTICLE


def test_nul_bytes_become_spaces(invoke, tmp_path):
    """As the README says: a NUL between two words parts them (it is not dropped)."""
    p = tmp_path / "nul.txt"
    p.write_bytes(ARTICLE.replace("river walk", "river\x00walk").encode())
    result = invoke("clean", str(p))
    assert result.exit_code == 0
    assert result.stdout == ARTICLE


def test_invalid_utf8_bytes(invoke, tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(ARTICLE.encode().replace(b"spring", b"spr\xffing"))
    result = invoke("clean", str(p))
    assert result.exit_code == 0
    assert "spr\ufffding" in result.stdout or "spr\u00ffing" in result.stdout
    assert result.stdout.replace("\ufffd", "").replace("\u00ff", "") == ARTICLE


def test_huge_line_without_newline(invoke, tmp_path):
    p = tmp_path / "huge.txt"
    sentence = "The committee met again on Thursday to discuss the plans. "
    p.write_text(sentence * (7_000_000 // len(sentence)))  # under the 8 MB --max-size
    result = invoke("clean", "--format", "jsonl", str(p))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_deeply_nested_html(invoke, tmp_path):
    p = tmp_path / "deep.html"
    p.write_text(
        "<html><body>"
        + "<div>" * 30_000
        + "<p>Deep text in a very deep page.</p>"
        + "</div>" * 30_000
        + "</body></html>"
    )
    result = invoke("clean", str(p))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "Deep text in a very deep page.\n"


def test_malformed_html(invoke, tmp_path):
    p = tmp_path / "bad.html"
    p.write_text(
        "<html><body><div><p>Unclosed paragraph about the council's vote on the "
        "river walk <b>bold <i>and <table><tr><td>cell</p></div></span></body>"
    )
    result = invoke("clean", str(p))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "Unclosed paragraph about the council's vote on the river walk bold and cell\n"


def test_folder_given_as_file_in_glob(invoke, tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(ARTICLE)
    result = invoke("clean", f"{tmp_path}/*")
    assert result.exit_code == 0
    assert result.stdout == ARTICLE


def test_unwritable_output_folder(invoke, tmp_path, article):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = invoke("clean", str(article), "-o", str(blocker / "out"))
    assert result.exit_code == 4
    assert result.stderr.startswith(f"cleaner: cannot write to {blocker / 'out'}: ")
    assert result.stderr.count("\n") == 1


def test_mixed_batch_cleans_the_good_and_names_the_bad(invoke, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good1.txt").write_text(ARTICLE)
    (raw / "empty.txt").write_text("")
    (raw / "binary.bin").write_bytes(bytes(range(256)) * 10)
    (raw / "good2.txt").write_text(ARTICLE)
    out = tmp_path / "out"
    result = invoke("clean", str(raw), str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["good1.txt", "good2.txt"]
    errors = [line for line in result.stderr.splitlines() if "documents" not in line]
    assert errors == [
        f"cleaner: {raw / 'binary.bin'}: binary file (10.9% control bytes), not text or HTML",
        f"cleaner: {raw / 'empty.txt'}: empty document, nothing to clean",
        f"cleaner: {tmp_path / 'missing.txt'}: no such file or folder",
    ]
    assert "5 documents, 3 failed" in result.stderr


def test_failed_document_in_jsonl_has_error_field(invoke, tmp_path, article):
    result = invoke("clean", "--format", "jsonl", str(article), str(tmp_path / "nope.txt"))
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["error"] for r in recs] == [None, "no such file or folder"]
    assert recs[1]["text"] is None


# -- JSONL input ---------------------------------------------------------------


def test_jsonl_in_and_out_keeps_ids_and_urls(invoke, tmp_path):

    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"id": 7, "url": "https://a.example/x", "text": ARTICLE},
                {"id": "b", "html": HTML_PAGE},
                {"id": 9, "body": "wrong field"},
            ]
        )
        + "\nnot json\n"
    )
    result = invoke("clean", "-q", "--input-format", "jsonl", str(dump))
    assert result.exit_code == 1
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in recs] == [7, "b", 9, None]
    assert recs[0]["url"] == "https://a.example/x" and recs[0]["text"] == ARTICLE.rstrip()
    assert recs[1]["url"] == "https://news.example.org/2024/river-walk"
    assert recs[2]["error"] == "no 'text' or 'html' string field"
    assert recs[3]["error"].startswith("invalid JSON line")
    assert f"cleaner: {dump}:4: invalid JSON line" in result.stderr


def test_jsonl_custom_fields_from_stdin(invoke):
    line = json.dumps({"doc": 1, "content": ARTICLE, "link": "https://b.example/y"})
    result = invoke(
        "clean",
        "--input-format",
        "jsonl",
        "--text-field",
        "content",
        "--url-field",
        "link",
        "--id-field",
        "doc",
        "-",
        input=line + "\n",
    )
    rec = json.loads(result.stdout)
    assert (rec["id"], rec["url"], rec["path"]) == (1, "https://b.example/y", "<stdin>:1")


def test_jsonl_in_with_output_dir(invoke, tmp_path):
    dump = tmp_path / "dump.jsonl.gz"
    import gzip

    dump.write_bytes(gzip.compress((json.dumps({"id": 1, "text": ARTICLE}) + "\n").encode()))
    out = tmp_path / "out"
    result = invoke("clean", "-q", "--input-format", "jsonl", str(dump), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    recs = [json.loads(x) for x in (out / "dump.jsonl").read_text().splitlines()]
    assert recs[0]["id"] == 1 and recs[0]["text"] == ARTICLE.rstrip()


def test_a_jsonl_dump_is_found_without_input_format(invoke, tmp_path):
    # --input-format auto reads a crawler's dump as one, by its first line, whatever
    # its name, gzipped or not: the same records as --input-format jsonl gives
    import gzip

    lines = [json.dumps({"id": k, "url": f"https://a.example/{k}", "text": ARTICLE}) for k in range(2)]
    dump = tmp_path / "crawl.data"
    dump.write_text("\n".join(lines) + "\n")
    packed = tmp_path / "crawl.data.gz"
    packed.write_bytes(gzip.compress(dump.read_bytes()))
    asked = invoke("clean", "-q", "--input-format", "jsonl", str(dump))
    assert asked.exit_code == 0
    found = invoke("clean", "-q", str(dump))
    assert (found.exit_code, found.stdout) == (0, asked.stdout)
    recs = [json.loads(x) for x in invoke("clean", "-q", str(packed)).stdout.splitlines()]
    assert [(r["id"], r["url"], r["text"]) for r in recs] == [
        (k, f"https://a.example/{k}", ARTICLE.rstrip()) for k in range(2)
    ]


def test_text_that_opens_with_a_brace_is_not_a_dump(invoke, tmp_path):
    # a JSON document over many lines, a line of JSON without a text or html field,
    # prose in braces: each is one document, cleaned as text
    for k, text in enumerate(['{\n  "text": "a"\n}\n', '{"name": "x", "size": 3}\n', "{Aside} " + ARTICLE]):
        path = tmp_path / f"doc{k}.txt"
        path.write_text(text)
        result = invoke("clean", "-q", "--format", "jsonl", str(path))
        assert [json.loads(x)["path"] for x in result.stdout.splitlines()] == [str(path)]


def test_an_empty_file_beside_dumps_is_an_empty_dump(invoke, tmp_path):
    # a crawl's folder of dumps with one that got no line: not a page among dumps
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n")
    (tmp_path / "b.jsonl").write_text("")
    result = invoke("clean", "-q", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == [ARTICLE.rstrip()]


def test_a_dump_and_a_page_in_one_run_is_a_usage_error(invoke, tmp_path, article):
    dump = tmp_path / "crawl.jsonl"
    dump.write_text(json.dumps({"text": ARTICLE}) + "\n")
    result = invoke("clean", str(dump), str(article))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith(
        f"Error: {dump} reads as a JSONL dump (a document a line) and {article} does not: "
        "clean them in separate runs, or give --input-format\n"
    )


def test_a_jsonl_record_with_an_odd_field_is_cleaned_or_refused_as_json_says(invoke, tmp_path):
    # a url that is no string is not read as one (a warning says so) and the record is
    # cleaned; NaN is not JSON (its id would be written back out as no JSON reader
    # takes it); a surrogate escape in an html field is the byte it stands for
    page = HTML_PAGE.replace("the new path", "the caf\udce9 path")
    dump = tmp_path / "crawl.jsonl"
    dump.write_text(
        json.dumps({"id": 1, "url": 5, "text": ARTICLE})
        + "\n"
        + '{"id": NaN, "text": "x"}\n'
        + json.dumps({"id": 3, "html": page})
        + "\n"
    )
    result = invoke("clean", "-q", str(dump))
    assert result.exit_code == 1
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    assert (recs[0]["url"], recs[0]["text"]) == (None, ARTICLE.rstrip())
    assert recs[0]["notes"] == ["the 'url' field is not a string (5): not read as a URL"]
    assert recs[1]["error"] == "invalid JSON line (NaN is not JSON)"
    assert "the café path would connect" in recs[2]["text"]
    assert "eighteen months, the council said in a statement." in recs[2]["text"]
    assert result.stderr == (
        f"cleaner: {dump}:1: warning: the 'url' field is not a string (5): not read as a URL\n"
        f"cleaner: {dump}:2: invalid JSON line (NaN is not JSON)\n"
    )


def test_a_dump_the_first_line_does_not_show_is_refused_not_cleaned_as_one_page(invoke, tmp_path):
    # its first record has no text: not found as a dump, but not cleaned as one blob either
    dump = tmp_path / "crawl.jsonl"
    dump.write_text(json.dumps({"text": None}) + "\n" + json.dumps({"text": ARTICLE}) + "\n")
    message = "a JSONL dump, not one document: `cleaner clean` reads it line by line (--input-format jsonl)"
    result = invoke("clean", str(dump))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"cleaner: {dump}: {message}\n"
    result = invoke("explain", str(dump))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"cleaner: {dump}: {message}\n"
    recs = [
        json.loads(x) for x in invoke("clean", "-q", "--input-format", "jsonl", str(dump)).stdout.splitlines()
    ]
    assert [r["text"] for r in recs] == [None, ARTICLE.rstrip()]


def test_order_is_stable_across_jobs(invoke, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(12):
        (raw / f"{i:02d}.txt").write_text(f"Document number {i} says the council met again today.\n")
    one = invoke("clean", "-q", "-j", "1", "--format", "jsonl", str(raw)).stdout
    two = invoke("clean", "-q", "-j", "2", "--format", "jsonl", str(raw)).stdout
    assert one == two
    assert [json.loads(x)["path"][-6:] for x in one.splitlines()] == [f"{i:02d}.txt" for i in range(12)]
