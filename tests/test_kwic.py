"""Keyword in context: actor mode, normalized pattern mode, contexts from the raw text, and the CLI."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli import main
from analysis.kwic import KWIC_COLUMNS, format_lines, kwic

DOCS = {
    "a/1": "قالت القوات الأميركية إن قسد تقدمت.\nورحبت واشنطن بالخطوة.",
    "b/2": "وقال مسؤول أمريكي إن الجامعة الامريكية مغلقة، وإن قسد صامدة.",
}


def test_actor_code_lists_that_actors_mentions_with_raw_context():
    frame = kwic("SDF", docs=DOCS, window=8)
    assert list(frame.columns) == KWIC_COLUMNS
    assert list(frame["match"]) == ["قسد", "قسد"]
    for row in frame.itertuples(index=False):
        text = DOCS[row.doc_id]
        assert text[row.start : row.end] == row.match
        assert row.left == text[max(0, row.start - 8) : row.start].replace("\n", " ")
        assert row.right == text[row.end : row.end + 8].replace("\n", " ")


def test_actor_mode_uses_a_given_mentions_table():
    mentions = pd.DataFrame({"doc_id": ["a/1"], "start": [6], "end": [22], "actor": ["US"]})
    frame = kwic("US", mentions=mentions, docs=DOCS)
    assert list(frame["match"]) == [DOCS["a/1"][6:22]]


def test_pattern_is_normalized_and_spelling_folded():
    frame = kwic("أمريكي", docs=DOCS, mode="literal")
    # أميركي (Al Jazeera), أمريكي and the bare-alef امريكي all match, inside longer words too
    assert sorted(frame["match"]) == sorted(["أميركي", "أمريكي", "امريكي"])
    assert all(DOCS[d][s:e] == m for d, s, e, m in frame[["doc_id", "start", "end", "match"]].itertuples(index=False))


def test_pattern_with_diacritics_in_the_raw_text_maps_back():
    docs = {"x": "قالَ المتحدثُ إنّ داعشَ انسحب"}
    frame = kwic("داعش", docs=docs, mode="literal")
    assert list(frame["match"]) == ["داعشَ"]


def test_regex_mode_limit_and_bad_parameters():
    frame = kwic("قسد|واشنطن", docs=DOCS, mode="regex")
    assert len(frame) == 3
    assert len(kwic("قسد|واشنطن", docs=DOCS, mode="regex", limit=1)) == 1
    with pytest.raises(ValueError, match="regular expression"):
        kwic("[", docs=DOCS, mode="regex")
    with pytest.raises(ValueError, match="window"):
        kwic("SDF", docs=DOCS, window=-1)
    with pytest.raises(ValueError, match="not an actor code"):
        kwic("NOBODY", docs=DOCS, mode="actor")
    with pytest.raises(ValueError):
        kwic("   ", docs=DOCS)


def test_format_lines_right_aligns_the_preceding_context():
    frame = kwic("SDF", docs=DOCS, window=10)
    lines = format_lines(frame, window=10)
    assert len(lines) == 2
    for line, row in zip(lines, frame.itertuples(index=False)):
        body = line.split("\t", 1)[1]
        assert body.index("[" + row.match + "]") == 11  # context padded to the window, then a space


def test_cli_prints_one_line_per_mention(tmp_path, capsys):
    for doc_id, text in DOCS.items():
        path = tmp_path / f"{doc_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert main(["kwic", "SDF", "--raw", str(tmp_path), "--window", "12"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 2 and all("[قسد]" in line for line in out)
    assert main(["kwic", "SDF", "--raw", str(tmp_path / "missing")]) == 2


def test_cli_uses_a_runs_tables(run_dir, capsys):
    assert main(["kwic", "ISIS", "--tables", str(run_dir), "--limit", "3"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 3
