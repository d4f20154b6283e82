"""Ingestion of what real Arabic corpora hold: encodings, BOMs, CRLF, nested folders, JSON Lines, bad files."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pytest

from analysis.corpus import DecodeError, Document, ReadError, decode_bytes, iter_corpus
from analysis.errors import ConfigurationError

ARTICLE = "قال مراسل الجزيرة إن قوات سوريا الديمقراطية شنت هجوما على تنظيم الدولة.\nوأكد المتحدث أن الهجوم مستمر."
SHORT = "قال المتحدث"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),  # Python writes a BOM
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16"),
        (ARTICLE.encode("cp1256"), "cp1256"),
        (SHORT.encode("cp1256"), "cp1256"),  # short legacy texts fool detectors: the Arabic prior decides
    ],
)
def test_decodes_without_mojibake(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert found == encoding
    assert text in (ARTICLE, SHORT)
    assert "\ufeff" not in text


def test_crlf_is_kept_so_offsets_match_the_file() -> None:
    text, _ = decode_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    assert "\r\n" in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "not valid utf-8"),
    ],
)
def test_bad_inputs_raise_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.fixture()
def messy_corpus(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    _write(raw / "a/b/c/deep.txt", ARTICLE.encode("utf-8"))
    _write(raw / "legacy.txt", ARTICLE.encode("cp1256"))
    _write(raw / "utf16.txt", ARTICLE.encode("utf-16"))
    _write(raw / "bom.txt", codecs.BOM_UTF8 + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    _write(raw / "empty.txt", b"")
    _write(raw / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(raw / "notes.md", b"not a corpus file")
    _write(raw / ".hidden/skip.txt", ARTICLE.encode("utf-8"))
    lines = [
        json.dumps({"id": "x1", "text": ARTICLE, "outlet": "Enab Baladi", "date": "2019-03-23"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "x2", "title": "no text here"}),
        json.dumps({"body": SHORT, "outlet": "SANA"}, ensure_ascii=False),
        "",
    ]
    _write(raw / "feeds/crawl.jsonl", "\n".join(lines).encode("utf-8"))
    _write(
        raw / "metadata.csv",
        (
            "doc_id,outlet,date,title,language\nlegacy,Al Hayat,2014-06-30,عنوان,ar\n"
            "a/b/c/deep,Al Jazeera,2016-05-24,,ar\nutf16,Enab Baladi,2019-03-23,,ar\nbom,SANA,2018-01-20,,ar\n"
        ).encode("utf-8"),
    )
    return raw


def test_messy_corpus_keeps_every_good_document(messy_corpus: Path) -> None:
    items = list(iter_corpus(messy_corpus))
    docs = {d.doc_id: d for d in items if isinstance(d, Document)}
    errors = {e.path: e.reason for e in items if isinstance(e, ReadError)}
    assert sorted(docs) == ["a/b/c/deep", "bom", "feeds/crawl/4", "feeds/crawl/x1", "legacy", "utf16"]
    assert docs["legacy"].encoding == "cp1256"
    assert docs["legacy"].metadata["outlet"] == "Al Hayat"
    assert docs["feeds/crawl/x1"].metadata["outlet"] == "Enab Baladi"
    assert docs["feeds/crawl/4"].text == SHORT
    assert docs["bom"].encoding == "utf-8-sig" and not docs["bom"].text.startswith("\ufeff")
    # the same article in three encodings has one content hash
    assert docs["legacy"].content_hash == docs["utf16"].content_hash == docs["a/b/c/deep"].content_hash
    assert set(errors) == {"empty.txt", "image.txt", "notes.md", "feeds/crawl.jsonl:2", "feeds/crawl.jsonl:3"}
    assert "unsupported file type '.md'" in errors["notes.md"]
    assert "empty" in errors["empty.txt"]
    assert "binary" in errors["image.txt"]
    assert "invalid JSON" in errors["feeds/crawl.jsonl:2"]
    assert "no text field" in errors["feeds/crawl.jsonl:3"]


def test_order_is_stable(messy_corpus: Path) -> None:
    first = [getattr(i, "doc_id", getattr(i, "path", None)) for i in iter_corpus(messy_corpus)]
    second = [getattr(i, "doc_id", getattr(i, "path", None)) for i in iter_corpus(messy_corpus)]
    assert first == second


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        list(iter_corpus(tmp_path / "nope"))


def test_metadata_without_doc_id_column_is_rejected(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", ARTICLE.encode("utf-8"))
    _write(tmp_path / "metadata.csv", b"id,outlet\na,X\n")
    with pytest.raises(ValueError, match="doc_id"):
        list(iter_corpus(tmp_path))


def test_jsonl_is_streamed_and_bad_lines_do_not_cost_good_ones(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False).encode("utf-8")
    _write(tmp_path / "feed.jsonl", codecs.BOM_UTF8 + good + b"\r\n" + b'{"id": "b", "text": "\xff\xfe bad"}\n' + good.replace(b'"a"', b'"c"'))
    _write(tmp_path / "empty.jsonl", b"")
    items = list(iter_corpus(tmp_path))
    docs = {d.doc_id: d for d in items if isinstance(d, Document)}
    errors = {e.path: e.reason for e in items if isinstance(e, ReadError)}
    assert sorted(docs) == ["feed/a", "feed/c"] and docs["feed/a"].text == ARTICLE
    assert docs["feed/a"].encoding == "utf-8-sig"
    assert "not valid UTF-8" in errors["feed.jsonl:2"]
    assert "empty file" in errors["empty.jsonl"]


def test_jsonl_in_utf16_is_still_read(tmp_path: Path) -> None:
    line = json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False)
    _write(tmp_path / "feed.jsonl", line.encode("utf-16"))
    (doc,) = list(iter_corpus(tmp_path))
    assert doc.text == ARTICLE and doc.encoding == "utf-16"


# --- every supported encoding, and text that does not look like Arabic --------------------------------------
#: Long enough to be an article: the Arabic code pages are told apart by how well each decoding fits Arabic.
PARAGRAPH = ARTICLE + "\nوقالت مصادر محلية إن الطائرات قصفت مواقع في ريف الرقة الشمالي، فيما تقدمت القوات نحو القرى."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PARAGRAPH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PARAGRAPH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + PARAGRAPH.encode("utf-16-be"), "utf-16"),
        (PARAGRAPH.encode("cp1256"), "cp1256"),
        (PARAGRAPH.encode("iso8859_6"), "iso8859_6"),
        (PARAGRAPH.encode("mac_arabic"), "mac_arabic"),
        (SHORT.encode("iso8859_6"), "iso8859_6"),
        (SHORT.encode("mac_arabic"), "mac_arabic"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp1256", "iso8859-6", "mac-arabic", "iso-short", "mac-short"],
)
def test_every_supported_encoding_is_detected(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert found == encoding
    assert text in (PARAGRAPH, SHORT)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("Syrian Democratic Forces launched an offensive north of Raqqa.".encode("utf-8"),
         "decodes as utf-8 but does not look like Arabic: 0% of its letters are Arabic"),
        ("Les forces démocratiques syriennes ont lancé une offensive très attendue.".encode("cp1252"),
         "not Arabic text in any supported encoding (tried utf-8, cp1256, iso8859_6, mac_arabic"),
        # UTF-8 Arabic read once as Windows-1252 and saved again: the classic double encoding
        (ARTICLE.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"), "does not look like Arabic"),
    ],
    ids=["english-utf8", "french-cp1252", "double-encoded"],
)
def test_text_that_is_not_arabic_is_an_error_naming_the_encodings_tried(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=re.escape(reason)):
        decode_bytes(data)


def test_iso_8859_6_file_is_read_not_mojibake(tmp_path: Path) -> None:
    _write(tmp_path / "iso.txt", PARAGRAPH.encode("iso8859_6"))
    (doc,) = list(iter_corpus(tmp_path))
    assert doc.encoding == "iso8859_6" and doc.text == PARAGRAPH


# --- what is not read is said ------------------------------------------------------------------------------
def test_files_of_other_types_are_reported_in_order(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", ARTICLE.encode("utf-8"))
    for name in ("b.pdf", "c.html", "d.docx", "e.md", "f/NOTES"):
        _write(tmp_path / name, b"%PDF-1.4 not an article")
    _write(tmp_path / ".git/config", b"hidden folders are not part of the corpus")
    items = list(iter_corpus(tmp_path))
    assert [d.doc_id for d in items if isinstance(d, Document)] == ["a"]
    skipped = [(e.path, e.kind) for e in items if isinstance(e, ReadError)]
    assert skipped == [("b.pdf", "unsupported"), ("c.html", "unsupported"), ("d.docx", "unsupported"),
                       ("e.md", "unsupported"), ("f/NOTES", "unsupported")]
    reasons = {e.path: e.reason for e in items if isinstance(e, ReadError)}
    assert reasons["b.pdf"].startswith("unsupported file type '.pdf': only .txt (one article) and .jsonl")
    assert reasons["f/NOTES"].startswith("file without an extension")


def test_metadata_rows_and_documents_that_do_not_match_are_reported_with_a_suggestion(tmp_path: Path) -> None:
    _write(tmp_path / "sana/one.txt", ARTICLE.encode("utf-8"))
    _write(tmp_path / "sana/two.txt", ARTICLE.encode("utf-8"))
    _write(tmp_path / "three.txt", ARTICLE.encode("utf-8"))
    _write(tmp_path / "four.txt", ARTICLE.encode("utf-8"))
    _write(
        tmp_path / "metadata.csv",
        b"doc_id,outlet,date\nsana/one.txt,SANA,2018-01-01\ntwo,SANA,2018-01-02\nthree,RT,2018-01-03\nnowhere,RT,2018-01-04\n",
    )
    items = list(iter_corpus(tmp_path))
    docs = {d.doc_id: d for d in items if isinstance(d, Document)}
    assert sorted(docs) == ["four", "sana/one", "sana/two", "three"], "every document is still read"
    assert docs["three"].metadata["outlet"] == "RT"
    errors = [(e.path, e.kind, e.reason) for e in items if isinstance(e, ReadError)]
    assert [(p, k) for p, k, _ in errors] == [
        ("metadata.csv:2", "metadata"), ("metadata.csv:3", "metadata"), ("metadata.csv:5", "metadata"),
        ("four.txt", "no-metadata"), ("sana/one.txt", "no-metadata"), ("sana/two.txt", "no-metadata"),
    ]
    reasons = {p: r for p, _, r in errors}
    assert reasons["metadata.csv:2"].startswith(
        "doc_id 'sana/one.txt' matches no document; did you mean 'sana/one' (differs by an extension")
    assert "did you mean 'sana/two' (differs by its folder)" in reasons["metadata.csv:3"]
    assert "did you mean" not in reasons["metadata.csv:5"]
    assert reasons["sana/one.txt"].endswith("line 2 has 'sana/one.txt', which differs by an extension, letter case or separators")
    assert reasons["four.txt"] == "no row in metadata.csv for doc_id 'four': outlet, date and other metadata left empty"


def test_no_metadata_file_means_no_metadata_reports(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", ARTICLE.encode("utf-8"))
    assert [type(i).__name__ for i in iter_corpus(tmp_path)] == ["Document"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,outlet\na,X\n", "metadata.csv, line 1: no 'doc_id' column (the header has 'id', 'outlet'); expected a header line with doc_id"),
        (b"doc_id,Outlet\na,X\n", "metadata.csv, line 1: column 'Outlet' is not 'outlet'"),
        (b"doc_id,outlet,outlet\na,X,Y\n", "metadata.csv, line 1: column 'outlet' appears 2 times"),
        (b"", "metadata.csv, line 1: empty file"),
        (b"doc_id,outlet\na,X\nb,Y\na,Z\n", "metadata.csv, line 4: doc_id 'a' repeats line 2; expected one row per document"),
        (b"doc_id,outlet\na,X,extra\n", "metadata.csv, line 2: 3 fields, the header has 2"),
        (b"doc_id,outlet\n,X\n", "metadata.csv, line 2: empty doc_id"),
        ("doc_id,outlet\na,X\nb,الجزيرة\n".encode("cp1256"), "metadata.csv, line 3: not UTF-8"),
    ],
    ids=["no-doc-id", "case", "twice", "empty", "repeated-id", "extra-field", "empty-id", "not-utf8"],
)
def test_malformed_metadata_is_a_configuration_error_naming_file_and_line(tmp_path: Path, content: bytes, message: str) -> None:
    _write(tmp_path / "a.txt", ARTICLE.encode("utf-8"))
    _write(tmp_path / "metadata.csv", content)
    with pytest.raises(ConfigurationError) as caught:
        list(iter_corpus(tmp_path))
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(str(tmp_path / "metadata.csv")) and message in text
    assert isinstance(caught.value, ValueError)


def test_json_error_messages_read_well(tmp_path: Path) -> None:
    _write(tmp_path / "feed.jsonl", b'{"id": "a", "text": "\xd9\x82\xd8\xa7\xd9\x84\t"}\n')
    (error,) = [e for e in iter_corpus(tmp_path) if isinstance(e, ReadError)]
    assert "at at" not in error.reason
    assert error.reason.startswith("invalid JSON: Invalid control character at column")


def test_jsonl_text_that_is_not_arabic_is_reported(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False), json.dumps({"id": "b", "text": "An English wire story"})]
    _write(tmp_path / "feed.jsonl", "\n".join(lines).encode("utf-8"))
    items = list(iter_corpus(tmp_path))
    assert [d.doc_id for d in items if isinstance(d, Document)] == ["feed/a"]
    (error,) = [e for e in items if isinstance(e, ReadError)]
    assert error.path == "feed.jsonl:2" and "does not look like Arabic" in error.reason


def _real_texts() -> list[str]:
    """The first article and the fixture corpus, whole and line by line (headlines and captions are short)."""
    from .conftest import FIRST_ARTICLE

    first = FIRST_ARTICLE.read_text(encoding="utf-8")
    texts = [first, *(line for line in first.splitlines() if line.strip())]
    for folder in (Path(__file__).parent / "fixtures" / "corpus",):
        for doc in iter_corpus(folder):
            if isinstance(doc, Document):
                texts += [doc.text, *(line for line in doc.text.splitlines() if line.strip())]
    return texts


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6", "mac_arabic"])
def test_real_article_lines_in_each_arabic_code_page_decode_exactly(encoding: str) -> None:
    """No-break spaces (Al Jazeera uses them) must not make ISO-8859-6 look like MacArabic, whose
    right-to-left space is the same byte."""
    texts = _real_texts()
    assert len(texts) > 30
    wrong = []
    for text in texts:
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        decoded, found = decode_bytes(data)
        if (decoded, found) != (text, encoding):
            wrong.append((found, text[:40]))
    assert not wrong
