"""PackedTable: a read-only table whose values are unpickled at their first look-up (the relation
lexicon's triggers and markers), and the relation lexicon read back from the disk cache."""

from __future__ import annotations

import pickle

import pytest

from analysis.lexicon import disk_cache
from analysis.lexicon.loading import DEFAULT_PATHS, clear_cache
from analysis.lexicon.packed import PackedTable
from analysis.relation_lexicon import Marker, Trigger


def _triggers() -> dict[str, tuple[Trigger, ...]]:
    to = frozenset({"ل", "مع"})
    return {f"دعم{i}": (Trigger("support", "verb", "دعم", (f"دعم{i}",), target_prepositions=to),
                        Trigger("support", "noun", "دعم", (f"دعم{i}", "ل"), target_prepositions=to))
            for i in range(50)}


def test_a_packed_table_reads_like_the_dict_it_was_built_from():
    items = _triggers()
    table = PackedTable(items)
    assert len(table) == 50 and list(table) == list(items) and "دعم3" in table and "هاجم" not in table
    assert table == items and dict(table.items()) == items
    assert table["دعم7"] == items["دعم7"] and table.get("هاجم") is None and table.get("هاجم", ()) == ()
    with pytest.raises(KeyError):
        table["هاجم"]  # noqa: B018
    with pytest.raises(TypeError):
        table["دعم1"] = ()  # type: ignore[index]
    assert table["دعم7"] is table["دعم7"], "a value is unpickled once, then kept"
    assert PackedTable() == {} and not PackedTable()


def test_a_value_is_unpickled_only_when_its_bucket_is_looked_up_and_survives_a_pickle_round_trip():
    from analysis.lexicon.packed import BUCKET

    table = pickle.loads(pickle.dumps(PackedTable(_triggers()), protocol=pickle.HIGHEST_PROTOCOL))
    assert "0 unpacked" in repr(table)
    assert "دعم1" in table and len(list(table)) == 50 and "0 unpacked" in repr(table), "keys cost no unpickling"
    first = table["دعم1"]
    assert f"{BUCKET} unpacked" in repr(table), "only the bucket of the key looked up"
    assert first == _triggers()["دعم1"] and type(first[0]) is Trigger
    again = pickle.loads(pickle.dumps(table))
    assert again == table and "0 unpacked" in repr(again), "what is pickled is the packed values"


def test_objects_the_values_of_a_bucket_share_stay_one_object():
    table = PackedTable(_triggers())
    a, b = table["دعم1"][0], table["دعم2"][1]
    assert a.target_prepositions is b.target_prepositions, "the shared preposition set is one object"
    assert a.words is not b.words and a.words == ("دعم1",)


def test_markers_keep_their_type():
    marker = Marker("polarity", "negation", ("لم",), 3, False)
    table = PackedTable({"لم": (marker,), "لن": (marker,)})
    assert table["لم"] == (marker,) and type(table["لن"][0]) is Marker


def test_a_relation_lexicon_read_back_from_disk_equals_a_fresh_compile_and_an_edit_is_a_new_entry(tmp_path, monkeypatch):
    from analysis.relations import load_lexicon

    monkeypatch.setenv(disk_cache.ENV_VAR, str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "lexicons"
    path = tmp_path / "relations.yaml"
    path.write_bytes(DEFAULT_PATHS["relations"].read_bytes())
    clear_cache()
    try:
        built = load_lexicon(path)
        (entry,) = folder.glob("relations-*.pickle")
        clear_cache()
        read_back = load_lexicon(path)
        assert read_back is not built and isinstance(read_back.triggers, PackedTable)
        assert read_back.triggers["دعم"] == built.triggers["دعم"]
        assert read_back == built, "every table, the packed ones included, equals the compiled lexicon"
        # an edited file is compiled afresh: a new verb is found, from a new entry beside the old one
        text = path.read_text(encoding="utf-8")
        assert "هاجم" in text and "زمجر" not in text
        path.write_text(text.replace("perfect: هاجم", "perfect: زمجر", 1), encoding="utf-8")
        clear_cache()
        edited = load_lexicon(path)
        assert "زمجر" in edited.triggers and "زمجر" not in read_back.triggers
        assert len(list(folder.glob("relations-*.pickle"))) == 2 and entry.exists()
        clear_cache()
        assert "زمجر" in load_lexicon(path).triggers, "and read back from its own entry"
    finally:
        clear_cache()
