"""Mention count tables: the four counts, kinds, rollup, and chunked reading equal to in-memory counting."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import summaries
from analysis.pipeline import RunOptions
from analysis import queries
from analysis.summaries import COUNT_COLUMNS, KIND_COLUMNS, counts_by_actor, counts_by_document, rollup_actors
from analysis.tables import TableWriter, read_table

ROWS = [
    # doc, actor, kind, headline, repeated
    ("d1", "SDF", "name", True, False),
    ("d1", "SDF", "descriptor", False, False),
    ("d1", "SDF", "descriptor", False, True),
    ("d1", "US", "metonym", True, True),
    ("d1", "COALITION", "anaphor", False, False),
    ("d2", "US", "person", False, False),
    ("d2", "COALITION", "name", False, True),
]


def mentions() -> pd.DataFrame:
    frame = pd.DataFrame(ROWS, columns=["doc_id", "actor", "kind", "in_headline", "is_repeated"])
    frame.insert(1, "start", range(len(frame)))
    frame.insert(2, "end", frame["start"] + 1)
    return frame


def _row(table: pd.DataFrame, **keys) -> pd.Series:
    mask = pd.Series(True, index=table.index)
    for k, v in keys.items():
        mask &= table[k] == v
    (i,) = table.index[mask]
    return table.loc[i]


def test_counts_by_document_with_and_without_headline_and_repeats():
    table = counts_by_document(mentions())
    sdf = _row(table, doc_id="d1", actor="SDF")
    assert [sdf[c] for c in COUNT_COLUMNS] == [3, 2, 2, 1]
    us = _row(table, doc_id="d1", actor="US")
    assert [us[c] for c in COUNT_COLUMNS] == [1, 0, 0, 0]
    assert sdf["n_name"] == 1 and sdf["n_descriptor"] == 2
    assert (table[KIND_COLUMNS].sum(axis=1) == table["n_mentions"]).all()
    assert list(table[["doc_id", "actor"]].itertuples(index=False, name=None)) == sorted(
        table[["doc_id", "actor"]].itertuples(index=False, name=None))


def test_counts_by_actor_sum_documents():
    by_actor = counts_by_actor(counts_by_document(mentions())).set_index("actor")
    assert by_actor.loc["US", "n_documents"] == 2
    assert by_actor.loc["US", "n_mentions"] == 2
    assert by_actor.loc["COALITION", "n_excl_repeated"] == 1
    assert by_actor["n_mentions"].sum() == len(ROWS)
    # a mentions table is accepted directly
    pd.testing.assert_frame_equal(counts_by_actor(mentions()), counts_by_actor(counts_by_document(mentions())))


def test_rollup_counts_the_coalition_as_the_us():
    table = counts_by_document(mentions(), rollup={"COALITION": "US"})
    assert "COALITION" not in set(table["actor"])
    assert _row(table, doc_id="d1", actor="US")["n_mentions"] == 2
    assert _row(table, doc_id="d2", actor="US")["n_anaphor"] == 0
    assert rollup_actors(mentions(), None) is not None
    assert table["n_mentions"].sum() == len(ROWS)


def test_empty_and_bad_mentions():
    empty = counts_by_document(mentions().iloc[0:0])
    assert list(empty.columns) == ["doc_id", "actor", *COUNT_COLUMNS, *KIND_COLUMNS] and empty.empty
    assert counts_by_actor(empty).empty
    with pytest.raises(ValueError, match="lack column"):
        counts_by_document(mentions().drop(columns="kind"))
    with pytest.raises(ValueError, match="unknown kind"):
        counts_by_document(mentions().assign(kind="pronoun"))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("rollup", [False, True])
def test_summary_of_written_tables_matches_the_counts_of_frames(tmp_path, monkeypatch, fmt, rollup):
    frame = mentions()
    writer = TableWriter(tmp_path / "mentions", list(frame.columns), fmt)
    writer.write(frame.to_dict("records"))
    path = writer.close()
    monkeypatch.setattr(queries, "MEMORY_LIMIT", "8MB")  # the engine works within a small budget
    options = RunOptions(raw_dir=Path("."), out_dir=tmp_path / "out", rollup_coalition=rollup)
    written = summaries.SUMMARY(options, {"mentions": path})
    assert sorted(p.name for p in written) == ["mention_counts.csv", "mention_counts_by_document.csv"]
    by_doc = read_table(tmp_path / "out" / "mention_counts_by_document.csv")
    expected = counts_by_document(frame, rollup={"COALITION": "US"} if rollup else None)
    pd.testing.assert_frame_equal(by_doc, expected, check_dtype=False)
    by_actor = read_table(tmp_path / "out" / "mention_counts.csv")
    pd.testing.assert_frame_equal(by_actor, counts_by_actor(expected), check_dtype=False)


def test_run_tables_agree_with_the_mentions_table(tables):
    by_actor = tables["mention_counts"].set_index("actor")
    counted = tables["mentions"]["actor"].value_counts()
    for actor, n in counted.items():
        assert by_actor.loc[actor, "n_mentions"] == n
    headline = tables["mentions"][tables["mentions"]["in_headline"]]["actor"].value_counts()
    for actor, n in headline.items():
        assert by_actor.loc[actor, "n_mentions"] - by_actor.loc[actor, "n_excl_headline"] == n


def test_every_duckdb_connection_of_the_package_is_bounded():
    """DuckDB's default memory limit is most of the machine: every connection goes through the one that
    spills past the package's limit."""
    import re
    from pathlib import Path

    import analysis

    src = Path(analysis.__file__).parent
    users = sorted(str(p.relative_to(src)) for p in src.rglob("*.py")
                   if re.search(r"duckdb\.connect\(", p.read_text(encoding="utf-8")))
    assert users == ["queries.py"]


def test_a_bounded_connection_spills_into_a_folder_it_removes(tmp_path):
    from analysis.queries import MEMORY_LIMIT, bounded_connection

    with bounded_connection(tmp_path) as con:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        spill = Path(con.execute("SELECT current_setting('temp_directory')").fetchone()[0])
        assert spill.parent == tmp_path
    assert limit.replace(" ", "").upper().startswith(("488.2MIB", "512.0MB", "512MB", "488")), (limit, MEMORY_LIMIT)
    assert list(tmp_path.iterdir()) == []


def test_a_row_table_is_probed_and_its_small_lookup_built_whatever_the_csv_estimate(tmp_path):
    """DuckDB estimates a CSV scan at a few dozen rows whatever its size; left to its side-swapping pass
    it would build the hash table on the row table (ten million mentions on a large corpus, out of
    memory) instead of on the lookup joined to it. The plan must keep the written sides."""
    from analysis.queries import add_view, bounded_connection

    rows = "\n".join(f"d{i},{i},{i + 1},form{i % 7},US" for i in range(5_000))
    path = tmp_path / "mentions.csv"
    path.write_text("doc_id,start,end,surface,actor\n" + rows + "\n", encoding="utf-8")
    with bounded_connection(tmp_path) as con:
        add_view(con, "mentions", path)  # read as a run's table is read: declared types, no sniffing
        con.execute("CREATE TEMP TABLE lookup AS SELECT 'form' || i AS surface, 'v' || i AS variant FROM range(500) t(i)")
        plan = con.sql("EXPLAIN SELECT m.doc_id, coalesce(l.variant, '') AS variant, count(*) AS n "
                       "FROM mentions m LEFT JOIN lookup l ON l.surface = m.surface GROUP BY ALL").fetchall()[0][1]
    assert "Join Type: LEFT" in plan and "RIGHT" not in plan, plan


def test_naming_summary_writes_the_choice_from_the_naming_file_it_wrote(tmp_path):
    """The naming table, as long as the mentions, goes to its file and the per-document choice is read
    back from that file: both agree with the functions notebooks call on frames."""
    from types import SimpleNamespace

    from analysis import stance_summaries
    from analysis.stance import load_lexicon

    frame = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "b"], "start": [0, 10, 20, 0, 10], "end": [5, 15, 25, 5, 15],
        "surface": ["داعش", "داعش", "تنظيم الدولة", "داعش", "تنظيم الدولة"],
        "actor": ["ISIS"] * 5, "component": [""] * 5,
        "alias": ["داعش", "داعش", "تنظيم الدولة", "داعش", "تنظيم الدولة"], "kind": ["name"] * 5,
    })
    path = tmp_path / "mentions.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "out"
    out.mkdir()
    options = SimpleNamespace(out_dir=out, stance_lexicon=None, normalization=None, rollup_coalition=False,
                              actor_lexicon=None)
    stance_summaries.SUMMARY(options, {"mentions": path})
    written = read_table(out / "naming_choice.csv")
    naming = stance_summaries.naming_table({"mentions": path}, load_lexicon(None))
    expected = stance_summaries.naming_choice(naming)
    pd.testing.assert_frame_equal(written.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False)
    assert list(written["naming_choice"]) != [] and set(written["doc_id"]) == {"a", "b"}
    assert dict(zip(written["doc_id"], written["naming_choice"]))["b"] == "mixed"
