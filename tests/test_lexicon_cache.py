"""Compiled lexicons on disk (analysis.lexicon.disk_cache): keyed by every input, rebuilt when unreadable."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from analysis.lexicon import disk_cache
from analysis.lexicon.loading import DEFAULT_PATHS, clear_cache
from analysis.normalize import NormalizeConfig
from analysis.stance import StanceLexicon, load_lexicon as load_stance


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of the test's own, and no compiled lexicon in memory."""
    monkeypatch.setenv(disk_cache.ENV_VAR, str(tmp_path / "cache"))
    clear_cache()
    yield tmp_path / "cache" / "lexicons"
    clear_cache()


def _stance_copy(tmp_path: Path) -> Path:
    path = tmp_path / "stance.yaml"
    path.write_bytes(DEFAULT_PATHS["stance"].read_bytes())
    return path


def _entries(folder: Path, kind: str = "stance") -> set[str]:
    """The entries of one kind (the folder also keeps the normalization tables the compilers use)."""
    return {p.name for p in folder.glob(f"{kind}-*.pickle")} if folder.exists() else set()


def test_a_compiled_lexicon_is_stored_and_read_back_in_a_fresh_process(tmp_path, cache):
    path = _stance_copy(tmp_path)
    first = load_stance(path)
    (entry,) = _entries(cache)
    assert entry.startswith("stance-")
    # what the next process finds is the stored object: put a marker there and forget the memory copy
    marker = {"marker": True}
    (cache / entry).write_bytes(pickle.dumps(marker))
    clear_cache()
    assert load_stance(path) == marker
    assert isinstance(first, StanceLexicon)


def test_a_changed_lexicon_or_option_gives_another_entry(tmp_path, cache):
    path = _stance_copy(tmp_path)
    load_stance(path)
    before = _entries(cache)
    path.write_bytes(path.read_bytes() + b"\n# a reviewer's note\n")
    load_stance(path)
    after = _entries(cache)
    assert len(before) == 1 and len(after) == 2 and before < after
    load_stance(path, normalization=NormalizeConfig(alef=False))
    assert len(_entries(cache)) == 3, "the normalization steps are part of the key"
    # and the same inputs again find their entry: nothing new is written
    clear_cache()
    load_stance(path)
    assert len(_entries(cache)) == 3


def test_a_corrupt_entry_is_rebuilt_not_an_error(tmp_path, cache, caplog):
    path = _stance_copy(tmp_path)
    good = load_stance(path)
    (entry,) = _entries(cache)
    (cache / entry).write_bytes(b"\x80\x05 torn in the middle of a write")
    clear_cache()
    rebuilt = load_stance(path)
    assert isinstance(rebuilt, StanceLexicon)
    assert [e.form for e in rebuilt.entries] == [e.form for e in good.entries]
    assert "building it again" in caplog.text
    with (cache / entry).open("rb") as fh:  # and the entry is whole again
        assert isinstance(pickle.load(fh), StanceLexicon)


def test_the_cache_can_be_turned_off_and_follows_xdg(tmp_path, monkeypatch):
    for off in ("off", "0", ""):
        monkeypatch.setenv(disk_cache.ENV_VAR, off)
        assert disk_cache.cache_dir() is None
    clear_cache()
    monkeypatch.setenv(disk_cache.ENV_VAR, "off")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    load_stance(_stance_copy(tmp_path))
    assert not (tmp_path / "home").exists(), "nothing written with the cache off"
    monkeypatch.delenv(disk_cache.ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert disk_cache.cache_dir() == tmp_path / "xdg" / "analysis" / "lexicons"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert disk_cache.cache_dir() == tmp_path / "home" / ".cache" / "analysis" / "lexicons"
    clear_cache()


def test_old_entries_of_a_kind_are_pruned(tmp_path, cache):
    path = _stance_copy(tmp_path)
    for i in range(disk_cache.KEEP_PER_KIND + 2):
        path.write_bytes(DEFAULT_PATHS["stance"].read_bytes() + f"\n# edit {i}\n".encode())
        load_stance(path)
    assert len(_entries(cache)) == disk_cache.KEEP_PER_KIND


def test_compiled_relation_records_pickle_compactly_and_come_back_equal():
    """Triggers and markers pickle as a tuple of values beside one shared tuple of field names."""
    from analysis.relation_lexicon import Marker, Trigger

    triggers = [Trigger("support", "verb", "دعم", (f"دعم{i}",), target_prepositions=frozenset({"ل"})) for i in range(200)]
    marker = Marker("polarity", "negation", ("لم",), 3, False)
    back = pickle.loads(pickle.dumps((triggers, marker), protocol=pickle.HIGHEST_PROTOCOL))
    assert back == (triggers, marker) and type(back[1]) is Marker
    assert hash(back[0][0]) == hash(triggers[0]), "still a frozen, hashable record"
    with pytest.raises(AttributeError):
        back[0][0].relation = "attack"  # type: ignore[misc]

    import dataclasses

    plain_cls = dataclasses.make_dataclass("PlainTrigger", [(f.name, f.type, f) for f in dataclasses.fields(Trigger)],
                                           frozen=True)
    plain_cls.__module__ = __name__  # picklable by reference, as a frozen dataclass of the package would be
    globals()["PlainTrigger"] = plain_cls
    plain = [plain_cls(**vars(t)) for t in triggers]
    compact = len(pickle.dumps(triggers, protocol=pickle.HIGHEST_PROTOCOL))
    default = len(pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL))
    assert compact < 0.9 * default, (compact, default)
