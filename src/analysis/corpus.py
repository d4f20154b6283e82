"""Reading a corpus folder: text files and JSON Lines, legacy encodings, metadata, and honest errors.

A corpus folder holds ``.txt`` files at any depth (one article each) and ``.jsonl`` files (one article per
line), plus an optional ``metadata.csv`` keyed by ``doc_id``.

The document text of a ``.txt`` file is the file as decoded; its first line is the headline. The document
text of a JSON Lines record with a non-empty ``title`` is the title as its first line, one ``\n``, then the
body (line breaks inside the title become spaces, so the headline is one line): the title is analysed as
the headline and every offset points into that joined text. Without a title the text is the body alone.
Metadata fields the pipeline knows (:data:`METADATA_FIELDS`) are typed columns; every other field a record
or ``metadata.csv`` supplies is kept in :attr:`Document.extra_metadata` (written as one JSON column).

Nothing under the folder is ever written. Inputs that cannot be read, files of other types, and metadata rows
that match no document become :class:`ReadError` records instead of exceptions, so one bad file never costs
the good ones; a malformed ``metadata.csv`` is a :class:`~analysis.errors.ConfigurationError`, raised before
any document is read.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import schema
from .errors import ConfigurationError
from .lazy_modules import lazy_module

if TYPE_CHECKING:
    import charset_normalizer
else:  # only a file that is neither UTF-8 nor a legacy Arabic code page needs it
    charset_normalizer = lazy_module("charset_normalizer")

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
    "ARABIC_LEGACY",
    "MIN_ARABIC_SHARE",
    "READ_ERROR_KINDS",
    "corpus_size",
    "MetadataMatch",
    "read_file",
    "iter_jsonl",
]

#: Metadata columns every document carries (empty where unknown), in this order.
METADATA_FIELDS = schema.METADATA_COLUMNS
METADATA_FILE = "metadata.csv"
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
#: Field names tried, in order, for the article text of a JSON Lines record.
JSONL_TEXT_FIELDS = ("text", "body", "content", "article")
#: Field of a JSON Lines record holding the headline, joined before the body as the text's first line.
JSONL_TITLE_FIELD = "title"
#: Record fields that make up the doc_id rather than metadata.
JSONL_ID_FIELDS = ("id", "doc_id")
#: Legacy single-byte Arabic code pages, in the order they are tried and preferred when two fit equally
#: well: Windows-1256 (the code page of most Arabic web and news archives), ISO-8859-6, MacArabic.
ARABIC_LEGACY = ("cp1256", "iso8859_6", "mac_arabic")
#: A decoded text looks like Arabic when at least this share of its letters are Arabic letters.
MIN_ARABIC_SHARE = 0.5
#: Characters looked at by the Arabic checks (a long file is judged on its beginning).
_CHECK_CHARS = 200_000


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


#: Kinds of :class:`ReadError`, as counted in a run's last line.
READ_ERROR_KINDS = {
    "unreadable": "unreadable input(s)",
    "unsupported": "file(s) of an unsupported type",
    "metadata": "metadata row(s) matching no document",
    "no-metadata": "document(s) without a metadata row",
}


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read (or matched), with a reason a user can act on.

    ``kind`` is ``"unreadable"`` (undecodable, empty, binary, bad JSON line...), ``"unsupported"`` (a file
    type that is not read, such as .pdf), ``"metadata"`` (a row of ``metadata.csv`` that matches no
    document; ``path`` is ``metadata.csv:LINE``) or ``"no-metadata"`` (a document that was read but has no
    row in ``metadata.csv``).
    """

    path: str
    reason: str
    kind: str = "unreadable"


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


_NOT_LETTER_RE = re.compile(r"[\W\d_]+")
_NOT_ARABIC_RE = re.compile("[^\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")
#: Characters that say nothing about the code page: ASCII, direction marks and the no-break space.
_NEUTRAL_RE = re.compile("[\x00-\x7f\u200c-\u200f\xa0]+")
#: The same without the no-break space, for files whose spaces are mostly byte 0xA0: that is MacArabic's
#: right-to-left space, and the other code pages' no-break space, never a word separator in their text.
_NEUTRAL_BUT_NBSP_RE = re.compile("[\x00-\x7f\u200c-\u200f]+")
#: What Arabic text outside ASCII is made of: letters (with the Persian and Urdu ones of Windows-1256),
#: tatweel, Arabic punctuation and digits. Vowel marks are left out: news rarely has them, and a wrong code
#: page makes them of common letters.
_ARABIC_TEXT_RE = re.compile("[\u060c\u061b\u061f\u0621-\u064a\u0660-\u066c\u0671-\u06d3]+")


def _arabic_share(text: str) -> float:
    """Share of Arabic letters among the letters of ``text`` (0.0 when it has none)."""
    letters = _NOT_LETTER_RE.sub("", text[:_CHECK_CHARS])
    if not letters:
        return 0.0
    return len(_NOT_ARABIC_RE.sub("", letters)) / len(letters)


def _legacy_fit(text: str, *, spaces_are_a0: bool = False) -> float:
    """How well a legacy decoding fits Arabic: the share of its non-ASCII characters (direction marks
    aside) that are Arabic letters, digits or punctuation. A wrong Arabic code page turns some of the
    commonest letters into Latin letters with accents or into vowel marks (ISO-8859-6 read as Windows-1256
    gives ç è ê for ه و ي; Windows-1256 read as ISO-8859-6 gives tanwin for ي and ى), so it scores lower.
    With ``spaces_are_a0`` (a file with more 0xA0 bytes than ASCII spaces) a no-break space counts
    against a decoding: such a file separates its words with MacArabic's right-to-left space."""
    neutral = _NEUTRAL_BUT_NBSP_RE if spaces_are_a0 else _NEUTRAL_RE
    high = neutral.sub("", text[:_CHECK_CHARS])
    if not high:
        return 0.0
    return (len(high) - len(_ARABIC_TEXT_RE.sub("", high))) / len(high)


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

    Order: a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32); then strict UTF-8; then the legacy
    Arabic code pages of :data:`ARABIC_LEGACY`, each decoded strictly and scored by :func:`_legacy_fit`:
    the best fit wins, a tie goes to the earlier code page. When no code page gives Arabic,
    charset-normalizer's guess is tried too (it names what the file probably is).

    Whatever decoded it, the text must look like Arabic: at least :data:`MIN_ARABIC_SHARE` of its letters
    Arabic letters. Otherwise, and for empty or binary files, :class:`DecodeError` is raised with the reason
    and the encodings tried: never a silent document of mojibake.
    """
    if not data:
        raise DecodeError("empty file (0 bytes)")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason} at byte {exc.start + len(bom)}") from None
            return _checked(text, name, tried=(name,))
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes and no UTF-16/32 byte-order mark)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(text, "utf-8", tried=("utf-8",))
    tried = ["utf-8"]
    candidates: list[tuple[float, int, str, str]] = []  # (fit, -order, encoding, text)
    spaces_are_a0 = data.count(b"\xa0") > data.count(b" ")
    for order, legacy in enumerate(ARABIC_LEGACY):
        tried.append(legacy)
        try:
            text = data.decode(legacy)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            candidates.append((_legacy_fit(text, spaces_are_a0=spaces_are_a0), -order, legacy, text))
    if candidates:
        fit, _, legacy, text = max(candidates)
        if _arabic_share(text) >= MIN_ARABIC_SHARE:
            return _checked(text, legacy, tried=tuple(tried))
    best = charset_normalizer.from_bytes(data).best()
    guess = best.encoding if best is not None else None
    if guess is not None and guess not in tried:
        tried.append(guess)
        text = str(best)
        if _looks_like_text(text) and _arabic_share(text) >= MIN_ARABIC_SHARE:
            return _checked(text, guess, tried=tuple(tried))
    shares = ", ".join(
        f"{enc} {_arabic_share(txt):.0%}" for _, _, enc, txt in sorted(candidates, key=lambda c: -c[1])
    )
    raise DecodeError(
        f"not Arabic text in any supported encoding (tried {', '.join(tried)}; "
        f"Arabic letters among letters: {shares or 'none decodes'}; at least {MIN_ARABIC_SHARE:.0%} needed)"
    )


def _checked(text: str, encoding: str, *, tried: tuple[str, ...]) -> tuple[str, str]:
    if not text.strip():
        raise DecodeError("empty file (whitespace only)")
    if not _looks_like_text(text):
        raise DecodeError(f"decodes as {encoding} but contains control characters (binary data?)")
    share = _arabic_share(text)
    if share < MIN_ARABIC_SHARE:
        raise DecodeError(
            f"decodes as {encoding} but does not look like Arabic: {share:.0%} of its letters are Arabic "
            f"(at least {MIN_ARABIC_SHARE:.0%} needed; tried {', '.join(tried)})"
        )
    return text, encoding


def read_metadata(raw_dir: str | Path) -> dict[str, dict[str, str]]:
    """Metadata by ``doc_id`` from ``metadata.csv``: column ``doc_id`` and any others (METADATA_FIELDS are
    typed columns of the documents table; other columns are kept as extra metadata).

    Raises :class:`~analysis.errors.ConfigurationError` (file, line, what is expected) for a file that is
    not UTF-8 CSV, a header without ``doc_id`` or with a column that is a known one misspelt by case or
    spaces, a row with more fields than the header, an empty or repeated ``doc_id``.
    """
    rows = _metadata_rows(Path(raw_dir))
    return {} if rows is None else {doc_id: fields for doc_id, (_, fields) in rows.items()}


def _metadata_rows(raw_dir: Path) -> dict[str, tuple[int, dict[str, str]]] | None:
    """(line, fields) by doc_id from metadata.csv; None when there is no metadata file."""
    path = raw_dir / METADATA_FILE
    if not path.is_file():
        return None
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigurationError(f"not UTF-8 ({exc.reason} at byte {exc.start})", path=path, line=line,
                                 expected="a CSV file saved as UTF-8") from None
    header_help = f"a header line with doc_id and any of {', '.join(METADATA_FIELDS)} (other columns are kept as extra metadata)"
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise ConfigurationError(f"not valid CSV: {exc}", path=path, line=1, expected=header_help) from None
    if not fieldnames:
        raise ConfigurationError("empty file", path=path, line=1, expected=header_help)
    known = ("doc_id", *METADATA_FIELDS)
    for name in fieldnames:
        folded = name.strip().casefold()
        if name not in known and folded in known:
            raise ConfigurationError(f"column {name!r} is not {folded!r} (columns are matched exactly)", path=path,
                                     line=1, expected=header_help)
        if fieldnames.count(name) > 1:
            raise ConfigurationError(f"column {name!r} appears {fieldnames.count(name)} times", path=path, line=1,
                                     expected=header_help)
    if "doc_id" not in fieldnames:
        raise ConfigurationError(f"no 'doc_id' column (the header has {', '.join(map(repr, fieldnames))})",
                                 path=path, line=1, expected=header_help)
    rows: dict[str, tuple[int, dict[str, str]]] = {}
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise ConfigurationError(f"{len(fieldnames) + len(row[None])} fields, the header has {len(fieldnames)}",
                                         path=path, line=line, expected="one field per header column (quote fields holding commas)")
            doc_id = (row.get("doc_id") or "").strip()
            if not doc_id:
                raise ConfigurationError("empty doc_id", path=path, line=line,
                                         expected="the file's path under the corpus folder, without extension")
            if doc_id in rows:
                raise ConfigurationError(f"doc_id {doc_id!r} repeats line {rows[doc_id][0]}", path=path, line=line,
                                         expected="one row per document")
            rows[doc_id] = (line, {k: (v or "") for k, v in row.items() if k and k != "doc_id"})
    except csv.Error as exc:
        raise ConfigurationError(f"not valid CSV: {exc}", path=path, line=reader.line_num,
                                 expected=header_help) from None
    return rows


#: Extensions a doc_id in metadata.csv is sometimes written with (matching drops them for suggestions).
_ID_SUFFIXES = (".txt", ".text", ".jsonl", ".json", ".md", ".html", ".htm", ".pdf", ".docx", ".doc")


def _id_key(doc_id: str) -> str:
    key = doc_id.strip().replace("\\", "/").strip("/")
    while key.startswith("./"):
        key = key[2:]
    for suffix in _ID_SUFFIXES:
        if key.lower().endswith(suffix):
            key = key[: -len(suffix)]
            break
    return key.casefold()


def _metadata_mismatches(
    rows: dict[str, tuple[int, dict[str, str]]],
    matched: set[str],
    without_row: list[tuple[str, str]],
) -> Iterator[ReadError]:
    """Rows matching no document and documents (doc_id, path) without a row, each with a suggestion when a
    row and a document differ only by an extension, letter case, separators or a folder."""
    by_key: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    for doc_id, _ in without_row:
        by_key.setdefault(_id_key(doc_id), []).append(doc_id)
        by_name.setdefault(_id_key(doc_id).rsplit("/", 1)[-1], []).append(doc_id)
    suggestion: dict[str, tuple[str, str]] = {}  # row doc_id -> (document doc_id, how they differ)
    for row_id in rows:
        if row_id in matched:
            continue
        key = _id_key(row_id)
        if len(by_key.get(key, ())) == 1:
            suggestion[row_id] = (by_key[key][0], "an extension, letter case or separators")
        elif len(by_name.get(key.rsplit("/", 1)[-1], ())) == 1:
            suggestion[row_id] = (by_name[key.rsplit("/", 1)[-1]][0], "its folder")
    suggested_for = {doc_id: (row_id, how) for row_id, (doc_id, how) in suggestion.items()}
    id_help = "a doc_id is the file's path under the corpus folder, without its extension, with '/' (JSON Lines: file/ID)"
    for row_id, (line, _) in rows.items():
        if row_id in matched:
            continue
        if row_id in suggestion:
            doc_id, how = suggestion[row_id]
            reason = f"doc_id {row_id!r} matches no document; did you mean {doc_id!r} (differs by {how})? {id_help}"
        else:
            reason = f"doc_id {row_id!r} matches no document; {id_help}"
        yield ReadError(f"{METADATA_FILE}:{line}", reason, "metadata")
    for doc_id, path in without_row:
        reason = f"no row in {METADATA_FILE} for doc_id {doc_id!r}: outlet, date and other metadata left empty"
        if doc_id in suggested_for:
            row_id, how = suggested_for[doc_id]
            reason += f"; line {rows[row_id][0]} has {row_id!r}, which differs by {how}"
        yield ReadError(path, reason, "no-metadata")


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
    """Every file under the folder but hidden ones and the top-level metadata file, in sorted path order."""
    files = [
        p
        for p in raw_dir.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)
        and p.relative_to(raw_dir).as_posix() != METADATA_FILE
    ]
    return sorted(files, key=lambda p: p.relative_to(raw_dir).as_posix())


def corpus_size(raw_dir: str | Path) -> int:
    """Bytes of the files :func:`iter_corpus` reads (for progress bars)."""
    total = 0
    for path in _corpus_files(Path(raw_dir)):
        if path.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
            try:
                total += path.stat().st_size
            except OSError:
                pass
    return total


def _unsupported(rel: Path) -> ReadError:
    suffix = rel.suffix.lower()
    what = f"unsupported file type {suffix!r}" if suffix else "file without an extension"
    hint = "convert it to a .txt file (one article per file, UTF-8) to include it"
    return ReadError(rel.as_posix(), f"{what}: only .txt (one article) and .jsonl (one article per line) are read; {hint}",
                     "unsupported")


def iter_corpus(raw_dir: str | Path) -> Iterator[Document | ReadError]:
    """Every document under ``raw_dir`` in a stable order (sorted paths; JSON Lines in line order).

    Also yields a :class:`ReadError`, in the same order, for every file that is not read (unreadable, or of
    a type other than .txt and .jsonl; hidden files and folders, whose names start with '.', are left
    out), and, when there is a ``metadata.csv``, after the documents: its rows that match no document and
    the documents without a row (JSON Lines records carrying an outlet or a date of their own need none).
    Raises :class:`~analysis.errors.ConfigurationError` for a malformed ``metadata.csv``, before any
    document.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {raw_dir}")
    match = MetadataMatch.of(raw_dir)
    for path in _corpus_files(raw_dir):
        for item in read_file(raw_dir, path.relative_to(raw_dir).as_posix(), match.metadata):
            yield match.see(item)
    yield from match.mismatches()


class MetadataMatch:
    """Which rows of ``metadata.csv`` the documents matched and which documents have none: the questions
    that need every document, asked after the last one (a Dask run merges what its partitions saw)."""

    def __init__(self, rows: dict[str, tuple[int, dict[str, str]]] | None,
                 metadata: dict[str, dict[str, str]] | None = None):
        self.rows = rows  # (line, fields) by doc_id; None without a metadata file
        self.metadata = metadata if metadata is not None else {d: fields for d, (_, fields) in (rows or {}).items()}
        self.matched: set[str] = set()
        self.without_row: list[tuple[str, str]] = []  # (doc_id, path)

    @classmethod
    def of(cls, raw_dir: Path) -> MetadataMatch:
        return cls(_metadata_rows(raw_dir))

    def see(self, item: Document | ReadError) -> Document | ReadError:
        if self.rows is not None and isinstance(item, Document):
            if item.doc_id in self.metadata:
                self.matched.add(item.doc_id)
            elif item.path.endswith(TEXT_SUFFIXES) or not (item.metadata.get("outlet") or item.metadata.get("date")):
                self.without_row.append((item.doc_id, item.path))
        return item

    def mismatches(self) -> Iterator[ReadError]:
        """Rows matching no document, then documents without a row (nothing without a metadata file)."""
        if self.rows is not None:
            yield from _metadata_mismatches(self.rows, self.matched, self.without_row)


def read_file(raw_dir: Path, rel: str, metadata: dict[str, dict[str, str]]) -> Iterator[Document | ReadError]:
    """The documents (or read errors) of one corpus file, ``rel`` being its path under ``raw_dir``."""
    path, rel_path = raw_dir / rel, Path(rel)
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from iter_jsonl(path, rel_path, metadata)
    elif path.suffix.lower() not in TEXT_SUFFIXES:
        yield _unsupported(rel_path)
    elif isinstance(decoded := _read(path, rel_path), ReadError):
        yield decoded
    else:
        found = metadata.get(_doc_id(rel_path))
        yield Document(_doc_id(rel_path), rel, *decoded, _metadata(found), _extra_metadata(found))


def _read(path: Path, rel: Path) -> tuple[str, str] | ReadError:
    """(text, encoding) of a file, or the reason it cannot be read."""
    try:
        return decode_bytes(path.read_bytes())
    except DecodeError as exc:
        return ReadError(rel.as_posix(), str(exc))
    except OSError as exc:
        return ReadError(rel.as_posix(), f"cannot read: {exc.strerror or exc}")


def _jsonl_lines(path: Path, rel: Path, start: int = 0, end: int | None = None,
                 first_line: int = 1) -> Iterator[tuple[int, str | ReadError, str]]:
    """(line number, decoded line or the reason it cannot be, encoding) of a JSON Lines file.

    JSON Lines is UTF-8 by definition, so a UTF-8 file is streamed line by line (a multi-gigabyte crawl
    never sits in memory); a file with a UTF-16/32 byte-order mark is decoded whole as a courtesy. A byte
    range ``start:end`` starting at a line start (line ``first_line``) gives its lines only: the encoding
    is still read from the file's first bytes (a UTF-8 BOM names every line's encoding).
    """
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
            if start or end is not None:
                raise ValueError("a UTF-16/32 JSON Lines file is decoded whole, never by byte range")
            text, encoding = decode_bytes(head + fh.read())
            for lineno, line in enumerate(text.split("\n"), start=1):
                yield lineno, line, encoding
            return
        if not head:
            raise DecodeError("empty file (0 bytes)")
        if b"\x00" in head:
            raise DecodeError("binary file (contains NUL bytes and no UTF-16/32 byte-order mark)")
        fh.seek(start)
        encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        position = start
        for lineno, raw in enumerate(fh, start=first_line):
            if end is not None and position >= end:
                return
            position += len(raw)
            if lineno == 1 and encoding == "utf-8-sig":
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield lineno, raw.decode("utf-8"), encoding
            except UnicodeDecodeError as exc:
                yield lineno, ReadError(f"{rel.as_posix()}:{lineno}", f"not valid UTF-8 (JSON Lines must be UTF-8): {exc.reason} at byte {exc.start}"), encoding


def _json_message(exc: json.JSONDecodeError) -> str:
    """The JSON parser's message without its dangling "at" ("Invalid control character at")."""
    msg = exc.msg.rstrip()
    return msg[: -len(" at")] if msg.endswith(" at") else msg


def iter_jsonl(path: Path, rel: Path, metadata: dict[str, dict[str, str]], *, start: int = 0,
               end: int | None = None, first_line: int = 1, taken: frozenset[str] = frozenset()
               ) -> Iterator[Document | ReadError]:
    """The records of a JSON Lines file, or of its byte range ``start:end`` (line ``first_line`` on);
    ``taken`` are doc_ids that earlier lines of the file already gave (so a repeat is an error here too)."""
    seen: set[str] = set(taken)
    lines = _jsonl_lines(path, rel, start, end, first_line)
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
            yield ReadError(where, f"invalid JSON: {_json_message(exc)} at column {exc.colno}")
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
        share = _arabic_share(body)
        if share < MIN_ARABIC_SHARE:
            yield ReadError(where, f"text in field '{field_name}' does not look like Arabic: {share:.0%} of its letters "
                                   f"are Arabic (at least {MIN_ARABIC_SHARE:.0%} needed)")
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
