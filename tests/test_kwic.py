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


def test_a_string_written_like_an_actor_code_that_is_none_is_refused_with_the_codes(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(DOCS["a/1"], encoding="utf-8")
    assert main(["kwic", "SDFF", "--raw", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert line.startswith("error: 'SDFF' is not an actor code; did you mean SDF? Actor codes: ")
    assert "COALITION, " in line and "SDF, " in line
    assert "ISIS" in line and "RUSSIA" in line and line.endswith("use --mode literal (mode='literal')")
    assert captured.out == ""
    with pytest.raises(ValueError, match="did you mean SDF"):
        kwic("sdf", docs=DOCS)
    # asked for as text, it is searched as text
    assert main(["kwic", "SDFF", "--raw", str(tmp_path), "--mode", "literal"]) == 0
    assert capsys.readouterr().err.strip() == "0 line(s)"
    # Latin words that are not written like codes are still patterns
    assert kwic("Reuters", docs=DOCS).empty


def test_spreadsheet_copy_disarms_formulas_and_the_csv_stays_exact(tmp_path, capsys):
    from analysis.tables import read_table

    text = "=HYPERLINK(\"http://x\") قسد -تقدمت @واشنطن"
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(text, encoding="utf-8")
    exact, sheet = tmp_path / "kwic.csv", tmp_path / "kwic-sheet.csv"
    args = ["kwic", "SDF", "--raw", str(tmp_path / "raw"), "--window", "30", "--csv", str(exact), "--spreadsheet", str(sheet)]
    assert main(args) == 0
    frame = read_table(exact)
    assert frame.loc[0, "left"] == '=HYPERLINK("http://x") ', "the machine-readable table is exact"
    assert text[frame.loc[0, "start"]:frame.loc[0, "end"]] == frame.loc[0, "match"]
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so spreadsheets show Arabic"
    import csv
    import io

    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["doc_id", "start", "end", "left", "match", "right"]
    assert rows[1][3] == "'=HYPERLINK(\"http://x\") " and rows[1][4] == "قسد" and rows[1][5] == " -تقدمت @واشنطن"
    assert rows[1][1] == str(frame.loc[0, "start"]), "numbers stay numbers"


def test_spreadsheet_cells():
    from analysis.exports import spreadsheet_cell

    assert [spreadsheet_cell(c) for c in ("=1+1", "+9", "-", "-0.24", "@x", "\tx", "قسد", "", "1e3")] == [
        "'=1+1", "+9", "'-", "-0.24", "'@x", "'\tx", "قسد", "", "1e3"]


def test_spreadsheet_command_copies_a_table_cell_for_cell(tmp_path, capsys):
    table = tmp_path / "sentences.csv"
    table.write_text("doc_id,start,text,score\na,0,=cmd|' /C calc'!A0,-0.5\nb,3,- قالت واشنطن,1\n", encoding="utf-8")
    copy = tmp_path / "sentences-sheet.csv"
    assert main(["spreadsheet", str(table), str(copy)]) == 0
    assert copy.read_text(encoding="utf-8-sig").splitlines() == [
        "doc_id,start,text,score", "a,0,'=cmd|' /C calc'!A0,-0.5", "b,3,'- قالت واشنطن,1"]
    assert table.read_text(encoding="utf-8").startswith("doc_id,start,text,score\na,0,=cmd"), "the table is untouched"
    assert main(["spreadsheet", str(tmp_path / "nope.csv"), str(copy)]) == 2
    assert "table not found" in capsys.readouterr().err


def _run_on_own_corpus(tmp_path):
    corpus = tmp_path / "mycorpus"
    corpus.mkdir()
    for doc_id, text in DOCS.items():
        (corpus / f"{doc_id.replace('/', '_')}.txt").write_text(text, encoding="utf-8")
    assert main(["run", "--raw", str(corpus)]) == 0
    return corpus, tmp_path / "mycorpus-processed"


def test_cli_reads_the_texts_of_the_corpus_a_tables_folder_was_written_from(tmp_path, capsys):
    corpus, tables = _run_on_own_corpus(tmp_path)
    capsys.readouterr()
    assert main(["kwic", "SDF", "--tables", str(tables), "--window", "12"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == 2 and all("[قسد]" in line for line in lines)
    assert "not found among the texts" not in captured.err and "warning" not in captured.err


def test_cli_refuses_tables_whose_corpus_it_cannot_tell_and_warns_when_the_corpus_changed(tmp_path, capsys):
    corpus, tables = _run_on_own_corpus(tmp_path)
    moved = tables.rename(tmp_path / "tables-elsewhere")
    capsys.readouterr()
    assert main(["kwic", "SDF", "--tables", str(moved)]) == 2
    err = capsys.readouterr().err
    assert "tables-elsewhere" in err and "--raw" in err
    assert main(["kwic", "SDF", "--tables", str(moved), "--raw", str(corpus)]) == 0
    moved.rename(tables)
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + " إضافة", encoding="utf-8")
    capsys.readouterr()
    assert main(["kwic", "SDF", "--tables", str(tables)]) == 0
    assert f"warning: files of {corpus}" in capsys.readouterr().err
