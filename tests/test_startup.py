"""Start-up: what importing the pipeline and building the command line bring in, and what a warm start reads.

Every ``analysis run``, pool worker and notebook pays for these before its first document: the summary and
figure libraries are imported where they are used, the command line imports a sub-command's module only
when that sub-command is given, and a warm start reads every compiled rule set from the disk cache.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from analysis.lazy_modules import lazy_module
from analysis.lexicon import disk_cache

#: Libraries that only summaries, Parquet, graph files, figures, validation, قد + verb or a file in an
#: unknown encoding need.
HEAVY = {"duckdb", "pandas", "pyarrow", "networkx", "matplotlib", "scipy", "pydantic", "qalsadi", "datasketch",
         "charset_normalizer"}


def _loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """Top-level packages in ``sys.modules`` after a fresh interpreter runs ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          env={**os.environ, **(env or {})})
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_pipeline_leaves_the_summary_and_figure_libraries_out():
    loaded = _loaded_after("import analysis.pipeline")
    assert "analysis" in loaded and "numpy" in loaded  # the probe sees what the pipeline does need
    assert not loaded & HEAVY, f"import analysis.pipeline imports {sorted(loaded & HEAVY)}"


def test_a_summary_module_gets_its_library_when_it_uses_it():
    import pandas

    from analysis import graph_files, queries, schema, summaries

    assert summaries.pd.DataFrame is pandas.DataFrame
    assert queries.duckdb.connect is __import__("duckdb").connect
    assert graph_files.nx.DiGraph is __import__("networkx").DiGraph
    assert str(schema.ARROW_TYPES["float"]) == "double" and schema.table("mentions").arrow_schema().names[0] == "doc_id"


def test_a_lazy_module_is_imported_at_its_first_attribute_and_not_before(tmp_path, monkeypatch):
    (tmp_path / "lazy_probe_module.py").write_text("VALUE = 42\nimported = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lazy_probe_module", raising=False)
    probe = lazy_module("lazy_probe_module")
    assert "lazy_probe_module" not in sys.modules and "not imported yet" in repr(probe)
    assert probe.VALUE == 42
    assert "lazy_probe_module" in sys.modules and "(imported)" in repr(probe)
    sys.modules["lazy_probe_module"].VALUE = 43  # the module's own attribute, never a copy
    assert probe.VALUE == 43
    with pytest.raises(AttributeError):
        probe.missing  # noqa: B018
    with pytest.raises(AttributeError):
        probe.VALUE = 44


def test_the_command_line_imports_a_commands_module_only_when_that_command_is_given():
    modules = ("analysis.figures", "analysis.kwic", "analysis.bench", "analysis.notebooks", "analysis.exports")
    code = ("import sys\nfrom analysis.cli import build_parser\nparser = build_parser()\n"
            "args = parser.parse_args(['tables', '--json'])\nassert args.json and args.handler.__name__ == '_tables'\n"
            f"print([m for m in {modules!r} if m in sys.modules])\n"
            "args = parser.parse_args(['kwic', 'SDF'])\n"
            "print([m for m in sys.modules if m == 'analysis.kwic'], args.handler.__module__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = done.stdout.splitlines()
    assert before == "[]", f"building the parser for `tables` imported {before}"
    assert after == "['analysis.kwic'] analysis.kwic"
    assert not _loaded_after("from analysis.cli import build_parser; build_parser().parse_args(['tables'])") & HEAVY


def test_every_sub_commands_help_is_what_its_options_function_declares():
    import importlib

    from analysis import cli
    from analysis.errors import EXIT_STATUS_HELP

    sub = cli.build_parser()._subparsers._group_actions[0]
    declared = {name: (add_args, help_text) for name, (add_args, _, help_text) in cli.COMMANDS.items()}
    for name, (module, add_args, _, help_text) in cli.MODULE_COMMANDS.items():
        declared[name] = (getattr(importlib.import_module(f"analysis.{module}"), add_args), help_text)
    assert list(sub.choices) == list(declared)  # the order of `analysis --help`
    for name, (add_args, help_text) in declared.items():
        eager = argparse.ArgumentParser(prog=f"analysis {name}", description=help_text, epilog=EXIT_STATUS_HELP,
                                        formatter_class=argparse.RawDescriptionHelpFormatter)
        add_args(eager)
        if "--verbose" not in eager._option_string_actions:
            eager.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log progress")
        assert sub.choices[name].format_help() == eager.format_help(), name


def test_a_warm_start_reads_every_compiled_rule_set_from_the_disk_cache(tmp_path):
    """The second process validates no lexicon file (pydantic is never imported): the lexicons, the speaker
    rules and the normalization table all come from the entries the first one wrote."""
    env = {disk_cache.ENV_VAR: str(tmp_path / "cache")}
    code = ("from pathlib import Path\nfrom analysis.pipeline import RunOptions\n"
            "from analysis.lexicon.check import check_run_lexicons\nfrom analysis.normalize import normalize\n"
            "check_run_lexicons(RunOptions(Path('.'), Path('.')))\nnormalize('قال المتحدث')")
    assert "pydantic" in _loaded_after(code, env)  # cold: every file validated and compiled
    entries = {p.name.split("-")[0] for p in (tmp_path / "cache" / "lexicons").glob("*.pickle")}
    assert entries == {"actors", "stance", "relations", "speakers", "normalization"}
    assert "pydantic" not in _loaded_after(code, env)  # warm


def test_speaker_rules_read_back_from_disk_equal_a_fresh_compile(tmp_path, monkeypatch):
    from analysis import speakers
    from analysis.stance import DEFAULT_LEXICON

    monkeypatch.setenv(disk_cache.ENV_VAR, str(tmp_path / "cache"))
    speakers.clear_cache()
    built = speakers.load_rules(str(DEFAULT_LEXICON))
    (entry,) = (tmp_path / "cache" / "lexicons").glob("speakers-*.pickle")
    speakers.clear_cache()
    read_back = speakers.load_rules(str(DEFAULT_LEXICON))
    assert read_back is not built and read_back == built and dict(read_back.nisba) == dict(built.nisba)
    assert read_back.classes and read_back.nisba  # real rules, not an empty section
    # what the next process finds is the stored object: put a marker there and forget the memory copy
    entry.write_bytes(pickle.dumps({"marker": True}))
    speakers.clear_cache()
    assert speakers.load_rules(str(DEFAULT_LEXICON)) == {"marker": True}
    speakers.clear_cache()


def test_the_normalization_table_is_kept_on_disk(tmp_path, monkeypatch):
    from analysis import normalize

    monkeypatch.setenv(disk_cache.ENV_VAR, str(tmp_path / "cache"))
    cfg = normalize.NormalizeConfig(digits=False)
    normalize._table.cache_clear()
    try:
        first = normalize._table(cfg)
        (entry,) = (tmp_path / "cache" / "lexicons").glob("normalization-*.pickle")
        normalize._table.cache_clear()
        again = normalize._table(cfg)
        assert again is not first and np.array_equal(again.single, first.single)
        assert np.array_equal(again.length, first.length) and again.expansions == first.expansions
        assert normalize.normalize("٣ أطفال", cfg).text == "٣ اطفال"  # digits kept, alef folded
    finally:
        normalize._table.cache_clear()
    assert entry.exists()


def test_loading_an_entry_leaves_the_collector_on_and_freezes_only_large_ones(tmp_path):
    small, large = tmp_path / "small.pickle", tmp_path / "large.pickle"
    small.write_bytes(pickle.dumps(list(range(10))))
    large.write_bytes(pickle.dumps([[i, str(i)] for i in range(200_000)]))  # 200,000 tracked lists
    assert large.stat().st_size >= disk_cache._FREEZE_BYTES > small.stat().st_size
    frozen = gc.get_freeze_count()
    try:
        assert disk_cache.load_or_build(small, lambda: None) == list(range(10))
        assert gc.isenabled() and gc.get_freeze_count() == frozen
        loaded = disk_cache.load_or_build(large, lambda: None)  # kept: a freed object leaves the frozen set
        assert len(loaded) == 200_000
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + 200_000
        torn = tmp_path / "torn.pickle"
        torn.write_bytes(b"\x80\x05 torn")
        assert disk_cache.load_or_build(torn, lambda: "rebuilt") == "rebuilt" and gc.isenabled()
    finally:
        gc.unfreeze()
