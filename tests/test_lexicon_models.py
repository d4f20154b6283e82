"""Lexicon files as validated models: one-line errors with file and line, `analysis lexicon check|schema`,
the content-hash cache of compiled lexicons, and the one rollup map of a run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from analysis import errors
from analysis.actors import load_lexicon as load_actors
from analysis.cli import main
from analysis.errors import ConfigurationError
from analysis.lexicon import KINDS, MODELS, DEFAULT_PATHS, json_schema, load_model, rollup_map
from analysis.lexicon.check import SCHEMA_DIR, check_file, schema_text
from analysis.network import actor_catalog
from analysis.style import actor_styles
from analysis.tables import read_table

ACTORS = DEFAULT_PATHS["actors"].read_text(encoding="utf-8")
STANCE = DEFAULT_PATHS["stance"].read_text(encoding="utf-8")
RELATIONS = DEFAULT_PATHS["relations"].read_text(encoding="utf-8")
TEMPLATES = DEFAULT_PATHS["synth_templates"].read_text(encoding="utf-8")


def _copy(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    """1-based number of the first line holding ``needle``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.count("\n") == 1, err  # one line, no traceback
    assert err.startswith("error: ")
    return err[len("error: "):].rstrip("\n")


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(
        "التحالف الدولي يقصف داعش\n"
        "وقال مسؤول أميركي إن الولايات المتحدة والتحالف الدولي يدعمان قوات سوريا الديمقراطية في الرقة.\n"
        "وأضاف أن طيران التحالف الدولي استهدف مواقع تنظيم الدولة.\n", encoding="utf-8")
    return raw


# --- the models --------------------------------------------------------------------------------------------

def test_configuration_error_is_a_value_error_whose_message_is_one_line():
    assert issubclass(ConfigurationError, ValueError)
    error = ConfigurationError("no 'doc_id' column\nsee the README", path="corpus/metadata.csv", line=1,
                               expected="a header line")
    assert "\n" not in str(error) and str(error).startswith("corpus/metadata.csv, line 1: ")
    assert errors.__doc__


@pytest.mark.parametrize("kind", KINDS)
def test_packaged_lexicons_load_into_frozen_models_that_forbid_unknown_keys(kind):
    model, source = load_model(None, kind)
    assert isinstance(model, MODELS[kind])
    assert model.model_config["extra"] == "forbid" and model.model_config["frozen"] is True
    assert model.version == 1
    with pytest.raises(Exception):
        model.version = 2  # type: ignore[misc]
    assert len(source.sha256) == 64


def test_misspelt_attribution_in_a_stance_copy_is_rejected_with_file_line_and_key(tmp_path, small_corpus, capsys):
    path = _copy(tmp_path, "stance.yaml", STANCE.replace("\nattribution:", "\natribution:"))
    out = tmp_path / "out"
    code = main(["run", "--raw", str(small_corpus), "--out", str(out), "--stance-lexicon", str(path)])
    assert code == 2
    message = _error_line(capsys)
    line = _line_of(path.read_text(encoding="utf-8"), "atribution:")
    assert message.startswith(f"{path}:{line}: atribution: unknown key (did you mean 'attribution'?); allowed here: ")
    assert "attribution" in message.split("allowed here:")[1]
    assert not out.exists()  # nothing half-written: the lexicons are checked before any output is opened
    assert main(["lexicon", "check", str(path)]) == 2  # kind inferred from the top-level keys
    assert _error_line(capsys) == message


def test_misspelt_kind_names_the_line_of_the_entry(tmp_path, capsys):
    text = ACTORS.replace("kind: anaphor", "kind: anafor", 1)
    path = _copy(tmp_path, "my-actors.yaml", text)
    assert main(["lexicon", "check", str(path)]) == 2
    message = _error_line(capsys)
    line = _line_of(text, "kind: anafor")
    assert re.match(rf"{re.escape(str(path))}:{line}: actors\[\d+\] \([A-Z_]+\)\.aliases\[\d+\] \('[^']+'\)\.kind: "
                    r"must be one of 'name', 'descriptor', 'metonym', 'person' or 'anaphor', not 'anafor'$", message), message


def test_broken_indentation_is_a_yaml_error_with_its_line(tmp_path, capsys):
    text = ACTORS.replace("    rollup: US", "   rollup: US")
    path = _copy(tmp_path, "actors.yaml", text)
    with pytest.raises(ConfigurationError) as info:
        load_actors(path)
    assert str(info.value).startswith(f"{path}:{_line_of(text, '   rollup: US')}: not valid YAML: ")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("kind, text, needle, expected", [
    ("relations", RELATIONS.replace("max_tokens_after: 8", "max_tokens_after: eight"), "max_tokens_after: eight",
     "max_tokens_after: Input should be a valid integer"),
    ("actors", ACTORS.replace("version: 1", "version: 2"), "version: 2", "version: must be one of 1, not 2"),
    ("actors", ACTORS.replace('colour: "#56B4E9"', "colour: blue"), "colour: blue",
     "colour: must be a colour written #RRGGBB, not 'blue'"),
    ("synth_templates", TEMPLATES.replace("\nverbs_present:", "\nverbs_presnt:"), "verbs_presnt:",
     "verbs_presnt: unknown key (did you mean 'verbs_present'?); allowed here: captions, clitics"),
    ("stance", STANCE.replace("commitment: distancing", "commitment: distanced", 1), "commitment: distanced",
     "commitment: must be one of 'neutral', 'assertive', 'evaluative' or 'distancing', not 'distanced'"),
])
def test_wrong_types_and_values_name_file_line_and_key(tmp_path, kind, text, needle, expected):
    path = _copy(tmp_path, f"{kind}.yaml", text)
    with pytest.raises(ConfigurationError) as info:
        check_file(path, kind)
    message = str(info.value)
    assert message.startswith(f"{path}:{_line_of(text, needle)}: "), message
    assert expected in message and "\n" not in message


def test_missing_lexicon_is_an_error_even_with_an_empty_corpus(tmp_path, capsys):
    raw = tmp_path / "empty"
    raw.mkdir()
    out = tmp_path / "out"
    missing = tmp_path / "nowhere" / "actors.yaml"
    assert main(["run", "--raw", str(raw), "--out", str(out), "--actor-lexicon", str(missing)]) == 2
    line = _error_line(capsys)
    assert line.startswith("--actor-lexicon: file not found: ") and str(missing) in line
    assert not out.exists()
    assert main(["lexicon", "check", str(missing), "--kind", "actors"]) == 2
    assert "file not found" in _error_line(capsys)


def test_check_of_the_wrong_kind_says_what_is_allowed(capsys):
    assert main(["lexicon", "check", str(DEFAULT_PATHS["actors"]), "--kind", "stance"]) == 2
    assert "unknown key; allowed here: according_to, attribution" in _error_line(capsys)


# --- analysis lexicon check / schema -------------------------------------------------------------------------

def test_lexicon_check_prints_ok_with_counts(tmp_path, capsys):
    path = _copy(tmp_path, "copy.yaml", ACTORS)
    assert main(["lexicon", "check", str(path)]) == 0
    from analysis.actors import load_lexicon

    lexicon = load_lexicon(path)
    n_actors = len(yaml.safe_load(path.read_text(encoding="utf-8"))["actors"])
    out = capsys.readouterr().out
    assert out.startswith(f"ok: {path} ({n_actors} actors, ") and out.endswith(" forms)\n")
    assert int(out.rsplit("(", 1)[1].split()[2]) > 10 * n_actors  # generated descriptors and respellings
    assert lexicon is not None
    for kind in ("stance", "relations"):
        assert main(["lexicon", "check", str(DEFAULT_PATHS[kind]), "--kind", kind]) == 0
        assert capsys.readouterr().out.startswith(f"ok: {DEFAULT_PATHS[kind]} (")


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schemas_are_up_to_date(kind):
    """Regenerate with: analysis lexicon schema KIND > src/analysis/lexicons/schema/KIND.schema.json"""
    committed = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), f"stale schema: regenerate {kind}.schema.json"
    assert json.loads(committed)["additionalProperties"] is False


def test_schema_command_prints_the_committed_schema(capsys):
    assert main(["lexicon", "schema", "actors"]) == 0
    assert capsys.readouterr().out == (SCHEMA_DIR / "actors.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_packaged_lexicons_satisfy_their_json_schema(kind):
    jsonschema = pytest.importorskip("jsonschema")
    data = yaml.safe_load(DEFAULT_PATHS[kind].read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(data, default=str)), json_schema(kind))
    bad = dict(data, atribution={})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(json.dumps(bad, default=str)), json_schema(kind))


# --- compiled once per content -----------------------------------------------------------------------------

def test_an_edited_file_is_compiled_afresh_and_labels_colours_rollup_agree(tmp_path):
    path = _copy(tmp_path, "actors.yaml", ACTORS)
    first = load_actors(path)
    assert load_actors(path) is first  # same bytes: the cached compilation
    edited = ACTORS.replace("label_en: US-led coalition against ISIS", "label_en: Global Coalition") \
                   .replace('colour: "#56B4E9"', 'colour: "#123456"').replace("    rollup: US\n", "    rollup: ISIS\n")
    path.write_text(edited, encoding="utf-8")
    second = load_actors(path)
    assert second is not first
    assert second.actors["COALITION"].label_en == "Global Coalition" == actor_catalog(path)["COALITION"]["label_en"]
    assert second.actors["COALITION"].colour == "#123456" == actor_catalog(path)["COALITION"]["colour"]
    assert actor_styles(path)["COALITION"].color == "#123456"
    assert second.rollup == {"COALITION": "ISIS"} == rollup_map(path)
    path.write_text(ACTORS, encoding="utf-8")
    assert load_actors(path) is first  # back to the first content: its compilation again


# --- the rollup of a run -----------------------------------------------------------------------------------

def _actors_in(out: Path) -> dict[str, set[str]]:
    edges = read_table(out / "edges.csv")
    return {
        "mention_counts": set(read_table(out / "mention_counts.csv")["actor"]),
        "mention_counts_by_document": set(read_table(out / "mention_counts_by_document.csv")["actor"]),
        "edges": set(edges["source"]) | set(edges["target"]),
        "naming": set(read_table(out / "naming.csv")["actor"]),
    }


def test_rollup_without_a_declared_rollup_is_a_configuration_error(tmp_path, small_corpus, capsys):
    path = _copy(tmp_path, "no-rollup.yaml", ACTORS.replace("    rollup: US\n", ""))
    out = tmp_path / "out"
    code = main(["run", "--raw", str(small_corpus), "--out", str(out), "--actor-lexicon", str(path),
                 "--rollup-coalition"])
    assert code == 2
    message = _error_line(capsys)
    assert message.startswith(f"{path}:{_line_of(path.read_text(encoding='utf-8'), 'actors:')}: actors: "
                              "--rollup-coalition needs an actor that declares `rollup:`")
    assert not out.exists()


def test_every_table_of_a_run_agrees_on_the_rollup(tmp_path, small_corpus):
    """The same user lexicon, with and without --rollup-coalition: all tables fold, or none does."""
    path = _copy(tmp_path, "user-actors.yaml", ACTORS)
    assert main(["run", "--raw", str(small_corpus), "--out", str(tmp_path / "kept"), "--actor-lexicon", str(path)]) == 0
    assert main(["run", "--raw", str(small_corpus), "--out", str(tmp_path / "rolled"), "--actor-lexicon", str(path),
                 "--rollup-coalition"]) == 0
    kept, rolled = _actors_in(tmp_path / "kept"), _actors_in(tmp_path / "rolled")
    assert all("COALITION" in actors for actors in kept.values()), kept
    assert not any("COALITION" in actors for actors in rolled.values()), rolled
    assert all("US" in actors for actors in rolled.values()), rolled
    # a user lexicon that rolls the coalition into another actor: every table follows the lexicon
    other = _copy(tmp_path, "other-rollup.yaml", ACTORS.replace("    rollup: US\n", "    rollup: SDF\n"))
    assert main(["run", "--raw", str(small_corpus), "--out", str(tmp_path / "other"), "--actor-lexicon", str(other),
                 "--rollup-coalition"]) == 0
    other_tables = _actors_in(tmp_path / "other")
    assert not any("COALITION" in actors for actors in other_tables.values()), other_tables
    counts = read_table(tmp_path / "other" / "mention_counts.csv").set_index("actor")["n_mentions"]
    plain = read_table(tmp_path / "kept" / "mention_counts.csv").set_index("actor")["n_mentions"]
    assert counts["SDF"] == plain["SDF"] + plain["COALITION"]


def test_a_key_written_twice_is_an_error_not_a_silent_override(tmp_path, capsys):
    text = STANCE.replace("\nquotes:\n", "\nquotes:\n  pairs: [['\"', '\"']]\n", 1)
    assert text.count("\n  pairs:") >= 2
    path = _copy(tmp_path, "stance.yaml", text)
    assert main(["lexicon", "check", str(path)]) == 2
    message = _error_line(capsys)
    first = _line_of(text, "  pairs: [['\"'")
    assert re.match(rf"{re.escape(str(path))}:\d+: quotes\.pairs: duplicate key \(first written on line {first}\)", message)
