"""Reading a corpus folder: text files and JSON Lines, legacy encodings, metadata, and honest errors.

A corpus folder holds ``.txt`` files at any depth (one article each) and ``.jsonl`` files (one article per
line), plus an optional ``metadata.csv`` keyed by ``doc_id``.

The document text of a ``.txt`` file is the file as decoded; its first line is the headline. The document
text of a JSON Lines record with a non-empty ``title`` is the title as its first line, one ``\n``, then the
body (line breaks inside the title become spaces, so the headline is one line): the title is analysed as
the headline and every offset points into that joined text. Without a title the text is the body alone.
Metadata fields the pipeline knows (:data:`METADATA_FIELDS`) are typed columns; every other field a record
or ``metadata.csv`` supplies is kept in :attr:`Document.extra_metadata` (written as one JSON column).

Nothing under the folder is ever written.
Inputs that cannot be read become :class:`ReadError` records instead of exceptions, so one bad file never
costs the good ones.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

log = logging.getLogger(__name__)

__all__ = [
    "Document",
    "ReadError",
    "METADATA_FIELDS",
    "decode_bytes",
    "iter_corpus",
    "read_metadata",
    "DecodeError",
    "jsonl_text",
]

#: Metadata columns every document carries (empty where unknown), in this order.
METADATA_FIELDS = ("outlet", "date", "title", "language", "url")
METADATA_FILE = "metadata.csv"
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
#: Field names tried, in order, for the article text of a JSON Lines record.
JSONL_TEXT_FIELDS = ("text", "body", "content", "article")
#: Field of a JSON Lines record holding the headline, joined before the body as the text's first line.
JSONL_TITLE_FIELD = "title"
#: Record fields that make up the doc_id rather than metadata.
JSONL_ID_FIELDS = ("id", "doc_id")
#: Legacy single-byte encodings preferred for Arabic when detection is unsure.
ARABIC_LEGACY = ("cp1256", "iso8859_6")


class DecodeError(ValueError):
    """Raised when bytes cannot be decoded without guessing; the message is the user-facing reason."""


@dataclass(frozen=True)
class Document:
    """One article as decoded: offsets everywhere in the project index into ``text``."""

    doc_id: str
    path: str  # relative to the corpus folder, '/' separators; JSON Lines: 'file.jsonl:LINE'
    text: str
    encoding: str
    metadata: dict[str, str] = field(default_factory=dict)
    #: every other field the corpus supplies (JSON Lines record fields, extra metadata.csv columns), as given
    extra_metadata: dict[str, object] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the decoded text (UTF-8): the same article in two encodings has one hash."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read, with a reason a user can act on."""

    path: str
    reason: str


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)


#: Control characters other than whitespace, and the replacement character: signs of binary data.
_BAD_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _looks_like_text(text: str) -> bool:
    # a regex scan, not a Python loop per character: every corpus file passes through here
    limit = max(2, len(text) // 1000)
    bad = 0
    for _ in _BAD_CHARS_RE.finditer(text):
        bad += 1
        if bad > limit:
            return False
    return True


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode an article's bytes; returns (text, encoding name as recorded).

    Order: a byte-order mark decides; then strict UTF-8; then charset-normalizer, whose answer is kept
    when it reads as text, except that an Arabic legacy code page wins over a non-Arabic guess when it
    decodes to mostly Arabic letters (short Windows-1256 texts are often mistaken for Cyrillic code pages).
    Raises :class:`DecodeError` with the reason otherwise: never silent mojibake.
    """
    if not data:
        raise DecodeError("empty file (0 bytes)")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason} at byte {exc.start + len(bom)}") from None
            return _checked(text, name)
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes and no UTF-16/32 byte-order mark)")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    guess = best.encoding if best is not None else None
    for legacy in ARABIC_LEGACY:
        if guess == legacy:
            break
        try:
            text = data.decode(legacy)
        except UnicodeDecodeError:
            continue
        if _arabic_share(text) >= 0.5 and _looks_like_text(text):
            return _checked(text, legacy)
    if guess is None:
        raise DecodeError("undecodable: not UTF-8, no byte-order mark, and no known encoding fits")
    text = str(best)
    if not _looks_like_text(text):
        raise DecodeError(f"undecodable: best guess {guess} gives control characters (binary data?)")
    return _checked(text, guess)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if not text.strip():
        raise DecodeError("empty file (whitespace only)")
    if not _looks_like_text(text):
        raise DecodeError(f"decodes as {encoding} but contains control characters (binary data?)")
    return text, encoding


def read_metadata(raw_dir: Path) -> dict[str, dict[str, str]]:
    """Metadata by ``doc_id`` from ``metadata.csv``: column ``doc_id`` and any others (METADATA_FIELDS are
    typed columns of the documents table; other columns are kept as extra metadata)."""
    path = raw_dir / METADATA_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or "doc_id" not in reader.fieldnames:
            raise ValueError(f"{path}: metadata file needs a 'doc_id' column (has {reader.fieldnames})")
        return {row["doc_id"]: {k: (v or "") for k, v in row.items() if k and k != "doc_id"} for row in reader}


def _doc_id(rel: Path) -> str:
    return rel.with_suffix("").as_posix()


def _metadata(found: dict[str, str] | None) -> dict[str, str]:
    found = found or {}
    return {k: str(found.get(k, "") or "") for k in METADATA_FIELDS}


def _extra_metadata(*sources: dict[str, object] | None) -> dict[str, object]:
    """Fields outside METADATA_FIELDS, later sources winning where they give a non-empty value."""
    extra: dict[str, object] = {}
    for found in sources:
        for key, value in (found or {}).items():
            if key in METADATA_FIELDS or value is None or value == "":
                continue
            extra[key] = value
    return dict(sorted(extra.items()))


def jsonl_text(record: dict[str, object], body: str) -> str:
    """The document text of a JSON Lines record: its title as the first line, a newline, then the body."""
    title = record.get(JSONL_TITLE_FIELD)
    if not isinstance(title, str) or not title.strip():
        return body
    return " ".join(title.split()) + "\n" + body


def _corpus_files(raw_dir: Path) -> list[Path]:
    files = [
        p
        for p in raw_dir.rglob("*")
        if p.is_file()
        and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(raw_dir).as_posix())


def iter_corpus(raw_dir: str | Path) -> Iterator[Document | ReadError]:
    """Every document under ``raw_dir`` in a stable order (sorted paths; JSON Lines in line order)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {raw_dir}")
    metadata = read_metadata(raw_dir)
    for path in _corpus_files(raw_dir):
        rel = path.relative_to(raw_dir)
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _iter_jsonl(path, rel, metadata)
            continue
        decoded = _read(path, rel)
        if isinstance(decoded, ReadError):
            yield decoded
        else:
            doc_id = _doc_id(rel)
            found = metadata.get(doc_id)
            yield Document(doc_id, rel.as_posix(), *decoded, _metadata(found), _extra_metadata(found))


def _read(path: Path, rel: Path) -> tuple[str, str] | ReadError:
    """(text, encoding) of a file, or the reason it cannot be read."""
    try:
        return decode_bytes(path.read_bytes())
    except DecodeError as exc:
        return ReadError(rel.as_posix(), str(exc))
    except OSError as exc:
        return ReadError(rel.as_posix(), f"cannot read: {exc.strerror or exc}")


def _jsonl_lines(path: Path, rel: Path) -> Iterator[tuple[int, str | ReadError, str]]:
    """(line number, decoded line or the reason it cannot be, encoding) of a JSON Lines file.

    JSON Lines is UTF-8 by definition, so a UTF-8 file is streamed line by line (a multi-gigabyte crawl
    never sits in memory); a file with a UTF-16/32 byte-order mark is decoded whole as a courtesy.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
            text, encoding = decode_bytes(head + fh.read())
            for lineno, line in enumerate(text.split("\n"), start=1):
                yield lineno, line, encoding
            return
        if not head:
            raise DecodeError("empty file (0 bytes)")
        if b"\x00" in head:
            raise DecodeError("binary file (contains NUL bytes and no UTF-16/32 byte-order mark)")
        fh.seek(0)
        encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and encoding == "utf-8-sig":
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield lineno, raw.decode("utf-8"), encoding
            except UnicodeDecodeError as exc:
                yield lineno, ReadError(f"{rel.as_posix()}:{lineno}", f"not valid UTF-8 (JSON Lines must be UTF-8): {exc.reason} at byte {exc.start}"), encoding


def _iter_jsonl(path: Path, rel: Path, metadata: dict[str, dict[str, str]]) -> Iterator[Document | ReadError]:
    seen: set[str] = set()
    lines = _jsonl_lines(path, rel)
    while True:
        try:
            lineno, line, encoding = next(lines)
        except StopIteration:
            return
        except DecodeError as exc:
            yield ReadError(rel.as_posix(), str(exc))
            return
        except OSError as exc:
            yield ReadError(rel.as_posix(), f"cannot read: {exc.strerror or exc}")
            return
        if isinstance(line, ReadError):
            yield line
            continue
        where = f"{rel.as_posix()}:{lineno}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, "JSON line is not an object")
            continue
        field_name = next((f for f in JSONL_TEXT_FIELDS if isinstance(record.get(f), str)), None)
        if field_name is None:
            yield ReadError(where, f"no text field (looked for {', '.join(JSONL_TEXT_FIELDS)})")
            continue
        body = record[field_name]
        if not body.strip():
            yield ReadError(where, f"empty text in field '{field_name}'")
            continue
        key = str(record.get("id") or record.get("doc_id") or lineno)
        doc_id = f"{_doc_id(rel)}/{key}"
        if doc_id in seen:
            yield ReadError(where, f"duplicate id {key!r} in {rel.as_posix()}")
            continue
        seen.add(doc_id)
        meta = {k: record.get(k) for k in METADATA_FIELDS}
        meta.update({k: v for k, v in (metadata.get(doc_id) or {}).items() if v})
        fields = {k: v for k, v in record.items() if k != field_name and k not in JSONL_ID_FIELDS}
        extra = _extra_metadata(fields, metadata.get(doc_id))
        yield Document(doc_id, where, jsonl_text(record, body), encoding, _metadata(meta), extra)
