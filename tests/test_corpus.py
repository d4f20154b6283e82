"""Ingestion of what real Arabic corpora hold: encodings, BOMs, CRLF, nested folders, JSON Lines, bad files."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from analysis.corpus import DecodeError, Document, ReadError, decode_bytes, iter_corpus

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
