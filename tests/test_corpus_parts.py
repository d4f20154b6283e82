"""Partitions of a corpus: byte ranges of JSON Lines files hold every line once, and partitions read one
after the other give exactly what the corpus reader gives."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import Document, MetadataMatch, ReadError, iter_corpus
from analysis.corpus_parts import FileList, LineRange, count_lines, line_ranges, plan, read_partition

from .test_corpus import ARTICLE, messy_corpus  # noqa: F401  (fixture)

_LINE = st.text(alphabet=st.sampled_from("ab{}\"\r سوريةقسد,:"), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, max_size=25), trailing_newline=st.booleans(), bom=st.booleans(),
       parts=st.integers(min_value=1, max_value=40))
def test_byte_ranges_hold_each_line_exactly_once(tmp_path_factory, lines, trailing_newline, bom, parts) -> None:
    data = ("\n".join(lines) + ("\n" if trailing_newline else "")).encode("utf-8")
    if bom:
        data = codecs.BOM_UTF8 + data
    path = tmp_path_factory.mktemp("lines") / "feed.jsonl"
    path.write_bytes(data)
    ranges = line_ranges(path, parts)
    assert len(ranges) <= parts
    # the ranges tile the file: contiguous, in order, from its first byte to its last
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(ranges, ranges[1:]))
    # each starts at a line start (so no line is cut), and the lines of all ranges are the file's lines
    assert all(start == 0 or data[start - 1 : start] == b"\n" for start, _ in ranges)
    pieces = [data[s:e].splitlines(keepends=True) for s, e in ranges]
    assert [line for piece in pieces for line in piece] == data.splitlines(keepends=True)
    # the line counts of the ranges before one give its first line number
    counted = [count_lines(path.parent, LineRange(path.name, s, e)) for s, e in ranges]
    assert sum(counted) == data.count(b"\n")


def _jsonl(records: list[object]) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")


@pytest.mark.parametrize("parts", [1, 2, 3, 5, 8, 13])
def test_reading_the_ranges_gives_the_records_the_whole_file_gives(tmp_path: Path, parts: int) -> None:
    records: list[object] = []
    for i in range(12):
        records.append({"id": f"r{i}", "title": f"عنوان {i}", "text": ARTICLE[: 80 + 13 * i]})
    records[3] = "{not json"  # a bad line: an error row naming its line
    records[5] = {"text": ARTICLE[:90]}  # no id: the line number is its id
    records[9] = {"id": "r1", "text": ARTICLE[:70]}  # an id an earlier line gave
    records.insert(7, "")  # blank lines are skipped but counted
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "feed.jsonl").write_bytes(codecs.BOM_UTF8 + _jsonl(records) + b"\n")
    expected = list(iter_corpus(raw))
    ranges = line_ranges(raw / "feed.jsonl", parts)
    got: list[Document | ReadError] = []
    first_line, ids = 1, set()
    for index, (start, end) in enumerate(ranges):
        part = LineRange("feed.jsonl", start, end, index)
        items = list(read_partition(raw, part, {}, first_line=first_line, taken=frozenset(ids)))
        ids.update(d.doc_id for d in items if isinstance(d, Document))
        got.extend(items)
        first_line += count_lines(raw, part)
    assert got == expected
    assert {d.encoding for d in got if isinstance(d, Document)} == {"utf-8-sig"}
    assert [e.path for e in got if isinstance(e, ReadError)] == ["feed.jsonl:4", "feed.jsonl:11"]
    assert "feed/6" in {d.doc_id for d in got if isinstance(d, Document)}


def test_without_the_earlier_ids_a_range_would_keep_a_repeated_id(tmp_path: Path) -> None:
    """What the Dask client's second reading is for: a range alone cannot know an id is repeated."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "feed.jsonl").write_bytes(_jsonl([{"id": "a", "text": ARTICLE}, {"id": "a", "text": ARTICLE[:60]}]))
    start, end = line_ranges(raw / "feed.jsonl", 2)[1]
    second = LineRange("feed.jsonl", start, end, 1)
    alone = list(read_partition(raw, second, {}, first_line=2))
    told = list(read_partition(raw, second, {}, first_line=2, taken=frozenset({"feed/a"})))
    assert [type(x) for x in alone] == [Document]
    assert told == [ReadError("feed.jsonl:2", "duplicate id 'a' in feed.jsonl")]


def test_the_plan_covers_the_corpus_in_order_and_reading_it_gives_iter_corpus(messy_corpus: Path) -> None:  # noqa: F811
    big = [{"id": f"n{i}", "text": ARTICLE, "outlet": "SANA"} for i in range(6)]
    (messy_corpus / "feeds" / "big.jsonl").write_bytes(_jsonl(big))
    partitions = list(plan(messy_corpus, target_bytes=250, max_files=2))
    ranges = [p for p in partitions if isinstance(p, LineRange)]
    assert len({r.path for r in ranges}) == 2 and len(ranges) > 2
    assert all(len(p.paths) <= 2 for p in partitions if isinstance(p, FileList))
    match = MetadataMatch.of(messy_corpus)
    got: list[Document | ReadError] = []
    first_line, ids = 1, set()
    for part in partitions:
        if isinstance(part, LineRange) and part.index == 0:
            first_line, ids = 1, set()
        items = list(read_partition(messy_corpus, part, match.metadata, first_line=first_line, taken=frozenset(ids)))
        if isinstance(part, LineRange):
            first_line += count_lines(messy_corpus, part)
            ids.update(d.doc_id for d in items if isinstance(d, Document))
        got.extend(match.see(item) for item in items)
    got.extend(match.mismatches())
    assert got == list(iter_corpus(messy_corpus))


def test_files_that_cannot_be_read_line_by_line_stay_whole(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    lines = "\n".join(json.dumps({"id": str(i), "text": ARTICLE}, ensure_ascii=False) for i in range(4))
    (raw / "utf16.jsonl").write_bytes(lines.encode("utf-16"))
    (raw / "utf8.jsonl").write_bytes(lines.encode("utf-8"))
    partitions = list(plan(raw, target_bytes=len(ARTICLE), max_files=10))
    assert FileList(("utf16.jsonl",), (raw / "utf16.jsonl").stat().st_size) in partitions
    assert {p.path for p in partitions if isinstance(p, LineRange)} == {"utf8.jsonl"}
    with pytest.raises(ValueError):
        line_ranges(raw / "utf8.jsonl", 0)
