"""Issue 13, the reading half: what comes in is decoded right or refused by name,
never turned silently into garbage. Real files through the `clean` command."""

import codecs
import gzip
import io
import math
import random
import signal
import zipfile

import pytest

import cleaner
from cleaner import batch, reader
from cleaner.errors import InputError

from conftest import ARTICLE, HTML_PAGE

NIGER = (
    "ABUJA, Nigeria (AP) — Niger’s junta on Monday scrapped two key military "
    "agreements with the European Union, officials said.\n\n"
)


def test_mostly_utf8_text_with_stray_latin1_bytes_keeps_its_utf8(invoke, tmp_path):
    # a UTF-8 article into which a scraper pasted two latin-1 words
    data = (NIGER + ARTICLE).encode("utf-8")
    data = data.replace(b"spring", "spring caf\xe9 Men\xfc".encode("latin-1"))
    p = tmp_path / "mixed.txt"
    p.write_bytes(data)
    result = invoke("clean", str(p))
    assert result.exit_code == 0, result.stderr
    assert "Niger’s junta" in result.stdout
    assert "Nigerâ€™s" not in result.stdout
    assert "spring café Menü" in result.stdout


def test_a_line_that_is_valid_utf8_stays_utf8_beside_legacy_lines():
    legacy = "Le conseil a voté mardi la prolongation de la promenade.\n".encode("cp1252")
    text = reader.decode(legacy + "Niger’s junta — “quoted”.\n".encode())
    assert text == "Le conseil a voté mardi la prolongation de la promenade.\nNiger’s junta — “quoted”.\n"


def test_non_western_legacy_lines_are_decoded_whole():
    # in cp1251, "М»" is also valid UTF-8 ("̻"): run by run, it would be read as that
    line = "«ГАЗПРОМ» сообщил о росте выручки компании в третьем квартале.\n"
    text = reader.decode(line.encode("cp1251") * 3 + "Niger’s\n".encode())
    assert text == line * 3 + "Niger’s\n"


def test_multibyte_legacy_lines_are_decoded_whole():
    data = "日本語の記事です。\n".encode("shift_jis") + "Niger’s\n".encode()
    assert reader.decode_mixed(data, "shift_jis") == "日本語の記事です。\nNiger’s\n"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document>" + "x" * 2000 + "</w:document>")
    return buf.getvalue()


def _noisy(share: float) -> bytes:
    """ARTICLE several times over, with `share` of its bytes replaced by random ones."""
    rnd = random.Random(13)
    data = bytearray((ARTICLE * 10).encode())
    for i in range(len(data)):
        if rnd.random() < share:
            data[i] = rnd.randrange(256)
    return bytes(data)


BINARIES = {
    "report.pdf": (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        + b"stream\nBT /F1 12 Tf (Hello) Tj ET\nendstream\n" * 50,
        "a PDF document",
    ),
    "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x42" * 3000, "a JPEG image"),
    "letter.docx": (_zip(), "a ZIP archive (or an Office, OpenDocument or EPUB file)"),
    "sheet.xls": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + b"text" * 100,
        "an old Office document (.doc, .xls, .ppt)",
    ),
    "noisy.txt": (_noisy(0.06), None),
    "report.pdf.gz": (gzip.compress(b"%PDF-1.4\n" + b"stream data\n" * 100), "a PDF document"),
}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_is_refused_by_name_and_the_batch_goes_on(invoke, tmp_path, name):
    data, what = BINARIES[name]
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / name).write_bytes(data)
    (raw / "zz-good.txt").write_text(ARTICLE)
    result = invoke("clean", "-q", str(raw))
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1, result.stderr
    prefix = f"cleaner: {raw / name}: binary file ("
    assert errors[0].startswith(prefix) and errors[0].endswith("), not text or HTML")
    if what:
        assert errors[0] == f"{prefix}{what}), not text or HTML"
    assert result.stdout == f"==> {raw / 'zz-good.txt'} <==\n{ARTICLE}"


def test_text_with_a_stray_control_byte_is_still_text():
    assert reader.binary_kind((ARTICLE * 10).replace("river", "riv\x01er", 1).encode()) is None
    assert reader.binary_kind(ARTICLE.encode() + b"\x00" * 4096) is None  # NUL padding


WARC = (
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
    b"Content-Length: 120\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    b"<html><body><p>First page.</p></body></html>\r\n\r\n"
)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_bytes_are_not_one_document(gz):
    """The library's clean() takes one document: a WARC archive is refused with a
    message saying how to clean it (the command reads it record by record)."""
    with pytest.raises(
        InputError,
        match=r"a WARC archive, not one document: `cleaner clean` reads it record by record "
        r"\(--input-format warc\)",
    ):
        reader.load(gzip.compress(WARC) if gz else WARC)


def test_a_document_over_the_size_limit_is_refused_not_read():
    with pytest.raises(InputError, match="document too large"):
        reader.load(b"x" * 101, limit=100)
    with pytest.raises(InputError, match="expands beyond the"):
        reader.load(gzip.compress(b"x" * 101), limit=100)


def test_a_utf8_bom_does_not_stop_stray_latin1_bytes_being_read():
    # the BOM says UTF-8; the latin-1 bytes a scraper pasted in are read as without it
    data = codecs.BOM_UTF8 + ARTICLE.replace("spring", "spring caf\xe9 cr\xe8me").encode("latin-1")
    assert reader.load(data) == ARTICLE.replace("spring", "spring café crème")


def test_a_jsonl_dump_is_not_one_document():
    # two lines that are JSON objects: a dump whose first record has no text (which
    # is why the command did not find it), refused rather than cleaned as one blob
    dump = '{"text": null, "url": "x"}\n{"text": "The council met.", "url": "https://a.example/1"}\n'
    with pytest.raises(
        InputError, match=r"^a JSONL dump, not one document: `cleaner clean` reads it line by line"
    ):
        reader.load(dump.encode())
    # one JSON object, and a page that opens with one: documents
    assert reader.load(b'{"title": "Redis data types"}\n') == '{"title": "Redis data types"}\n'
    assert reader.load(b'{"title": "Redis"}\nRedis is a data structure server.\n').endswith("server.\n")


def test_lone_surrogates_of_an_html_string_are_read_not_cut_at():
    # a scraper that decoded with surrogateescape keeps a stray latin-1 byte as "\udce9";
    # lxml stopped reading the page there, and the rest of the article was lost
    page = HTML_PAGE.replace("the new path", "the caf\udce9 path").replace("Work is", "\ud800 Work is")
    text = cleaner.clean(page, kind="html").text
    assert "the café path would connect" in text
    assert "\ufffd Work is expected to begin in the spring" in text


def test_the_library_says_which_argument_has_the_wrong_type():
    with pytest.raises(TypeError, match=r"^a document is str or bytes, not NoneType$"):
        cleaner.clean(None)
    with pytest.raises(TypeError, match=r"^url is a str or None, not int$"):
        cleaner.clean(ARTICLE, url=5)


def test_a_time_limit_too_long_to_set_is_no_limit():
    # inf, or longer than a year: timers cannot be set to it (the regex library took a
    # huge timeout as expired, and every rule was skipped); nan is refused at once
    text = "The council voted on Tuesday to extend the river walk.\n\nShare this:\nFacebook\n"
    assert cleaner.clean(text, rule_timeout=math.inf) == cleaner.clean(text)
    assert cleaner.clean(text, rule_timeout=1e300).notes == ()
    with pytest.raises(ValueError, match=r"^a time limit is a number of seconds, not nan$"):
        cleaner.clean(text, rule_timeout=math.nan)
    with batch.time_limit(math.inf):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
