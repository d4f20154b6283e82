"""Keyword in context: every mention of an actor, or every match of a pattern, with the raw text around it.

``kwic("SDF")`` lists the SDF mentions (from a run's ``mentions`` table, or detected on the fly);
``kwic("أمريكي")`` matches the pattern in the raw texts *after normalization and spelling folding*, so
أمريكي also finds الأميركية and امريكي (the lexicon's ``spelling_variants`` groups are tried both ways).
Offsets are into the raw text; the context strings are raw text too, never reshaped or reordered, with
line breaks shown as spaces. Notebooks show the frame right-to-left with ``analysis.display.rtl_kwic``.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from . import config, schema
from .corpus import Document, iter_corpus
from .normalize import normalize, normalize_text

log = logging.getLogger(__name__)

__all__ = ["kwic", "KWIC_COLUMNS", "format_lines", "looks_like_actor_code"]

KWIC_COLUMNS = schema.KWIC.columns
Docs = Mapping[str, str] | Iterable[Document] | None


def _texts(docs: Docs, raw_dir: str | Path | None, wanted: set[str] | None = None) -> Iterator[tuple[str, str]]:
    """(doc_id, raw text) pairs from a mapping, Documents, or a corpus folder (default data/raw)."""
    if isinstance(docs, Mapping):
        for doc_id, text in docs.items():
            if wanted is None or doc_id in wanted:
                yield str(doc_id), text
        return
    source: Iterable[Any] = docs if docs is not None else iter_corpus(raw_dir if raw_dir is not None else config.RAW_DIR)
    for doc in source:
        if isinstance(doc, Document) and (wanted is None or doc.doc_id in wanted):
            yield doc.doc_id, doc.text


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str, str]:
    def flat(s: str) -> str:
        return s.replace("\r", " ").replace("\n", " ")

    return flat(text[max(0, start - window) : start]), flat(text[start:end]), flat(text[end : end + window])


def _query_regex(pattern: str, *, mode: str, groups: Iterable[Iterable[str]], cfg: Any) -> re.Pattern[str]:
    """A regex over normalized text: the normalized pattern and its respellings (literal mode), or the
    user's regex with its literal letters normalized (regex mode)."""
    if mode == "regex":
        try:
            return re.compile(normalize_text(pattern, cfg))
        except re.error as exc:
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    query = " ".join(normalize_text(pattern, cfg).split())
    if not query:
        raise ValueError("the pattern is empty after normalization")
    alternatives = {query}
    for group in groups:
        members = [normalize_text(m, cfg) for m in group]
        for alt in list(alternatives):
            for member in members:
                if member in alt:
                    alternatives |= {alt.replace(member, other) for other in members}
    ordered = sorted(alternatives, key=lambda a: (-len(a), a))
    return re.compile("|".join(re.escape(a).replace(r"\ ", r"\s+") for a in ordered))


_CODE_RE = re.compile(r"[A-Z][A-Z0-9_]*")


def looks_like_actor_code(text: str, codes: Iterable[str]) -> bool:
    """Is ``text`` written like an actor code (Latin capitals, digits, ``_``: ``SDFF``), or a code in
    other letter case (``sdf``)? Such a string is meant as an actor, not as text to look for."""
    return bool(_CODE_RE.fullmatch(text)) or text.upper() in set(codes)


def _not_a_code(text: str, codes: Iterable[str]) -> str:
    import difflib

    codes = sorted(codes)
    close = difflib.get_close_matches(text.upper(), codes, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return (f"{text!r} is not an actor code{hint} Actor codes: {', '.join(codes)}. To search the texts for "
            f"{text!r} itself, use --mode literal (mode='literal')")


def kwic(
    pattern_or_actor: str,
    *,
    mentions: pd.DataFrame | str | Path | None = None,
    tables_dir: str | Path | None = None,
    docs: Docs = None,
    raw_dir: str | Path | None = None,
    window: int = 40,
    mode: Literal["auto", "actor", "literal", "regex"] = "auto",
    actor_lexicon: str | Path | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Keyword-in-context lines as a DataFrame with columns doc_id, start, end, left, match, right.

    ``mode="auto"``: an actor code of the lexicon (``SDF``, ``US``...) selects that actor's mentions, taken
    from ``mentions`` (a DataFrame or a path), else ``tables_dir/mentions.csv``, else detected in the texts;
    a string written like a code that is none (``SDFF``, ``sdf``) raises ``ValueError`` listing the codes;
    anything else is a literal pattern. Texts come from ``docs`` (a mapping doc_id -> text or Documents)
    or the corpus folder ``raw_dir`` (default data/raw). Rows are sorted by doc_id and start.
    """
    if window < 0:
        raise ValueError(f"window must be >= 0, not {window}")
    if mode not in ("auto", "actor", "literal", "regex"):
        raise ValueError(f"mode must be 'auto', 'actor', 'literal' or 'regex', not {mode!r}")
    if not isinstance(pattern_or_actor, str) or not pattern_or_actor.strip():
        raise ValueError("pattern_or_actor must be a non-empty string")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0, not {limit}")
    from .actors import load_lexicon

    lexicon = load_lexicon(actor_lexicon)
    target = pattern_or_actor.strip()
    if mode == "actor" and target not in lexicon.actors:
        raise ValueError(f"{target!r} is not an actor code of {lexicon.path}; known: {sorted(lexicon.actors)}")
    if mode == "auto" and target not in lexicon.actors and looks_like_actor_code(target, lexicon.actors):
        raise ValueError(_not_a_code(target, lexicon.actors))
    is_actor = mode == "actor" or (mode == "auto" and target in lexicon.actors)
    rows: list[dict[str, Any]] = []
    if is_actor:
        rows = _actor_rows(target, mentions, tables_dir, docs, raw_dir, window, lexicon)
    else:
        regex = _query_regex(target, mode="regex" if mode == "regex" else "literal",
                             groups=lexicon.spelling_variants, cfg=lexicon.normalization)
        for doc_id, text in _texts(docs, raw_dir):
            norm = normalize(text, lexicon.normalization)
            for m in regex.finditer(norm.text):
                if m.end() == m.start():
                    continue
                start, end = norm.raw_span(m.start(), m.end())
                left, match, right = _context(text, start, end, window)
                rows.append({"doc_id": doc_id, "start": start, "end": end, "left": left, "match": match, "right": right})
    frame = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    frame = frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    if limit is not None:
        frame = frame.head(limit)
    return frame.astype({"start": "int64", "end": "int64"})


def _actor_rows(actor, mentions, tables_dir, docs, raw_dir, window, lexicon) -> list[dict[str, Any]]:
    from .actors import find_mentions
    from .tables import read_table

    if mentions is None and tables_dir is not None:
        for suffix in (".csv", ".parquet"):
            candidate = Path(tables_dir) / f"mentions{suffix}"
            if candidate.exists():
                mentions = candidate
                break
        else:
            raise ValueError(f"no mentions table (mentions.csv or .parquet) in {tables_dir}")
    rows: list[dict[str, Any]] = []
    if mentions is not None:
        frame = mentions if isinstance(mentions, pd.DataFrame) else read_table(mentions)
        frame = frame[frame["actor"] == actor]
        spans: dict[str, list[tuple[int, int]]] = {}
        for doc_id, s, e in zip(frame["doc_id"].astype(str), frame["start"], frame["end"]):
            spans.setdefault(doc_id, []).append((int(s), int(e)))
        for doc_id, text in _texts(docs, raw_dir, set(spans)):
            for s, e in spans.pop(doc_id):
                left, match, right = _context(text, s, e, window)
                rows.append({"doc_id": doc_id, "start": s, "end": e, "left": left, "match": match, "right": right})
        if spans:
            log.warning("%d document(s) of the mentions table not found among the texts, e.g. %s",
                        len(spans), next(iter(spans)))
        return rows
    for doc_id, text in _texts(docs, raw_dir):
        for m in find_mentions(text, lexicon=lexicon):
            if m.actor == actor:
                left, match, right = _context(text, m.start, m.end, window)
                rows.append({"doc_id": doc_id, "start": m.start, "end": m.end, "left": left, "match": match, "right": right})
    return rows


def mention_lines(mentions: pd.DataFrame, texts: Mapping[str, str], *, window: int = 40) -> pd.DataFrame:
    """Every mention of ``mentions`` in its context (the KWIC columns plus the mention's own columns), in
    document order: for reading a document's mentions all together rather than actor by actor."""
    if window < 0:
        raise ValueError(f"window must be >= 0, not {window}")
    rows = []
    for m in mentions.sort_values(["doc_id", "start"]).itertuples(index=False):
        text = texts.get(m.doc_id)
        if text is None:
            continue
        left, match, right = _context(text, int(m.start), int(m.end), window)
        rows.append({**m._asdict(), "left": left, "match": match, "right": right})
    columns = [*mentions.columns, "left", "match", "right"]
    return pd.DataFrame(rows, columns=columns)


def format_lines(frame: pd.DataFrame, *, window: int = 40) -> list[str]:
    """Plain-text lines for a terminal: the preceding context right-aligned so matches line up.

    Arabic is printed in logical order, as it is: a bidi-capable terminal lays it out; nothing is
    reshaped or reversed here.
    """
    lines = []
    for row in frame.itertuples(index=False):
        lines.append(f"{row.doc_id}:{row.start}-{row.end}\t{row.left:>{window}} [{row.match}] {row.right:<{window}}")
    return lines


def _add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("pattern", help="an actor code (SDF, US, RUSSIA, ISIS, COALITION...) or a text pattern")
    p.add_argument("--raw", type=Path, default=None,
                   help="corpus folder (default: the corpus of --tables when its folder is found, else data/raw)")
    p.add_argument("--tables", type=Path, default=None, help="folder of a run's tables (uses its mentions table)")
    p.add_argument("--window", type=int, default=40, help="characters of context on each side (default 40)")
    p.add_argument("--mode", choices=["auto", "actor", "literal", "regex"], default="auto")
    p.add_argument("--limit", type=int, default=None, help="print at most this many lines")
    p.add_argument("--actor-lexicon", type=Path, default=None, help="actor lexicon YAML (default: packaged)")
    p.add_argument("--csv", type=Path, default=None, help="also write the lines to this CSV file (exact cells)")
    p.add_argument("--spreadsheet", type=Path, default=None,
                   help="also write a copy for spreadsheets (UTF-8 with BOM; a cell starting with = + - @ is kept as text)")


def _handler(args: argparse.Namespace) -> int:
    if args.raw is None and args.tables is not None:
        from .run_manifest import corpus_of_tables

        args.raw, reason = corpus_of_tables(args.tables)
        if args.raw is None:
            print(f"error: --tables: cannot tell which corpus {args.tables} was written from ({reason}); "
                  f"give it with --raw", file=sys.stderr)
            return 2
        if reason:
            print(f"warning: {reason}", file=sys.stderr)
    elif args.raw is None:
        args.raw = config.RAW_DIR
    if not args.raw.is_dir():
        print(f"error: --raw: corpus folder not found: {args.raw} (relative paths are relative to the current "
              f"folder, {Path.cwd()})", file=sys.stderr)
        return 2
    try:
        frame = kwic(args.pattern, tables_dir=args.tables, raw_dir=args.raw, window=args.window, mode=args.mode,
                     actor_lexicon=args.actor_lexicon, limit=args.limit)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.csv is not None:
        from .tables import write_table

        write_table(args.csv, frame, "csv")
    if args.spreadsheet is not None:
        from .exports import write_spreadsheet_csv

        write_spreadsheet_csv(args.spreadsheet, frame)
    for line in format_lines(frame, window=args.window):
        print(line)
    print(f"{len(frame)} line(s)", file=sys.stderr)
    return 0
