"""Notebook execution: every notebook runs top to bottom on the first article and on a small multi-document
fixture corpus (via the parameters cell), and execution is reproducible (no timings, paths or addresses).

The fixture corpus (tests/fixtures/corpus) holds four short Arabic articles written for the tests, from two
outlets, one in Windows-1256, plus an empty file that must be reported as unreadable.
"""

from __future__ import annotations

import ast
import base64
import json
import logging
import re
from pathlib import Path

import nbformat
import pytest

from analysis import config
from analysis import notebooks as nbs

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"
NOTEBOOKS = nbs.notebook_paths()
IDS = [p.stem for p in NOTEBOOKS]


def _outputs_text(nb) -> str:
    return json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)


# --- fast unit tests of the machinery ---------------------------------------------------------------------
def _toy_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cells = [
        nbformat.v4.new_markdown_cell("# toy"),
        nbformat.v4.new_code_cell("corpus_dir = '../data/raw'\nlimit = 3"),
        nbformat.v4.new_code_cell("print(corpus_dir, limit)"),
    ]
    cells[1].metadata["tags"] = ["parameters"]
    for i, cell in enumerate(cells):
        cell.id = f"t{i}"
    nb.cells = cells
    return nb


def test_inject_parameters_goes_right_after_the_parameters_cell_and_replaces_earlier_injections() -> None:
    nb = nbs.inject_parameters(_toy_notebook(), {"corpus_dir": "/x", "limit": 5})
    nb = nbs.inject_parameters(nb, {"limit": 7})
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert tags[1] == ["parameters"] and tags[2] == ["injected-parameters"]
    assert sum("injected-parameters" in t for t in tags) == 1
    assert "limit = 7" in nb.cells[2].source and "corpus_dir" not in nb.cells[2].source


def test_inject_parameters_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="identifier"):
        nbs.inject_parameters(_toy_notebook(), {"not valid": 1})
    with pytest.raises(ValueError, match="as str"):
        nbs.inject_parameters(_toy_notebook(), {"corpus_dir": Path("x")})
    nb = _toy_notebook()
    nb.cells[1].metadata["tags"] = []
    with pytest.raises(ValueError, match="parameters"):
        nbs.inject_parameters(nb, {"limit": 1})


def test_scrub_removes_timings_machine_paths_and_addresses() -> None:
    nb = _toy_notebook()
    cell = nb.cells[2]
    cell.metadata["execution"] = {"iopub.execute_input": "2024-01-01T00:00:00Z"}
    root = str(config.PROJECT_ROOT)
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text=f"{root}/.venv/lib/x.py:3: FutureWarning\n"),
        nbformat.v4.new_output(
            "display_data", data={"text/plain": "<pandas.io.formats.style.Styler at 0x7f00deadbeef>", "text/html": f"<p>{root}/data</p>"}
        ),
    ]
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "pygments_lexer": "ipython3"}
    nb.metadata["papermill"] = {"duration": 1.5}
    nbs.scrub_notebook(nb)
    text = _outputs_text(nb)
    assert root not in text and "0x7f00deadbeef" not in text
    assert "&lt;project&gt;/data" in cell.outputs[1].data["text/html"]  # escaped: not a tag in HTML
    assert cell.outputs[0].text.startswith("<project>/.venv/lib/x.py") or cell.outputs[0].text.startswith("<venv>/lib")
    assert "execution" not in cell.metadata
    assert "version" not in nb.metadata["language_info"] and "papermill" not in nb.metadata


def test_output_dir_is_derived_from_the_corpus(tmp_path: Path) -> None:
    assert nbs.output_dir_for(config.RAW_DIR) == config.PROCESSED_DIR
    corpus = tmp_path / "my-corpus"
    corpus.mkdir()
    assert nbs.output_dir_for(corpus) == tmp_path / "my-corpus-processed"
    with pytest.raises(ValueError, match="rerun"):
        nbs.prepare_corpus(corpus, rerun="sometimes")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        nbs.prepare_corpus(tmp_path / "absent")
    with pytest.raises(FileNotFoundError, match="no tables"):
        nbs.prepare_corpus(corpus, rerun="never")


def test_prepare_corpus_runs_only_when_needed(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    paths = nbs.prepare_corpus(FIXTURE_CORPUS, out_dir=str(out))
    assert not paths.is_project_corpus and paths.figures_dir == out / "figures"
    written = (out / "documents.csv").stat().st_mtime_ns
    nbs.prepare_corpus(FIXTURE_CORPUS, out_dir=str(out))  # tables are newer than the texts: no re-run
    assert (out / "documents.csv").stat().st_mtime_ns == written
    errors = (out / "errors.csv").read_text(encoding="utf-8")
    assert "empty-page.txt" in errors


def test_every_numbered_notebook_has_a_parameters_cell_and_stable_cell_ids() -> None:
    assert [p.name[:2] for p in NOTEBOOKS] == sorted(p.name[:2] for p in NOTEBOOKS)
    assert NOTEBOOKS, "no notebooks found"
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{path.name}: needs exactly one cell tagged 'parameters'"
        assert "corpus_dir" in tagged[0].source
        assert nb.cells[0].cell_type == "markdown" and "Purpose" in nb.cells[0].source, f"{path.name}: purpose first"
        assert not any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)
        assert str(config.PROJECT_ROOT) not in path.read_text(encoding="utf-8"), f"{path.name}: machine path"
        assert not any("execution" in c.metadata for c in nb.cells), f"{path.name}: execution timings kept"


_PNG_1x1 = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)).decode("ascii")


def _image_notebook(tmp_path: Path, alts: list[str | None]) -> Path:
    nb = _toy_notebook()
    outputs = []
    for alt in alts:
        metadata = {"image/png": {"alt": alt, "width": 10}} if alt is not None else {}
        outputs.append(nbformat.v4.new_output("display_data", data={"image/png": _PNG_1x1, "text/plain": "<Image>"},
                                              metadata=metadata))
    nb.cells[2].outputs = outputs
    path = tmp_path / "images.ipynb"
    nbformat.write(nb, path)
    return path


def test_report_images_keep_their_alternative_text(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """nbconvert's lab template drops the alt of Image outputs; the report template puts it back."""
    path = _image_notebook(tmp_path, ["Bar chart: mentions per actor & kind", "Network diagram"])
    with caplog.at_level(logging.WARNING):
        html = nbs.render_html(path, out_dir=tmp_path).read_text(encoding="utf-8")
    alts = re.findall(r'<img[^>]*?\salt="([^"]*)"', html, flags=re.S)
    assert alts == ["Bar chart: mentions per actor &amp; kind", "Network diagram"]
    assert nbs.NO_ALT_PLACEHOLDER not in html and 'width="10"' in html or "width=10" in html
    assert not any("alternative text" in r.getMessage().lower() for r in caplog.records)


def test_report_warns_about_an_image_without_alternative_text(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _image_notebook(tmp_path, [None])
    with caplog.at_level(logging.WARNING, logger="analysis.notebooks"):
        html = nbs.render_html(path, out_dir=tmp_path).read_text(encoding="utf-8")
    assert nbs.NO_ALT_PLACEHOLDER in html
    assert any("without alternative text" in r.getMessage() for r in caplog.records if r.name == "analysis.notebooks")


def test_committed_reports_have_alternative_text_on_every_image() -> None:
    reports = sorted(config.REPORTS_DIR.glob("[0-9][0-9]-*.html"))
    if not reports:
        pytest.skip("no reports yet: run `make notebooks`")
    for report in reports:
        html = report.read_text(encoding="utf-8")
        images = re.findall(r"<img\b[^>]*>", html, flags=re.S)
        for tag in images:
            alt = re.search(r'\salt="([^"]*)"', tag)
            assert alt and alt.group(1).strip(), f"{report.name}: image without alt text"
            assert alt.group(1) != nbs.NO_ALT_PLACEHOLDER, f"{report.name}: nbconvert's placeholder alt"


def test_corpus_texts_reads_each_document_once_by_id() -> None:
    texts = nbs.corpus_texts(FIXTURE_CORPUS)
    assert "outlet-a/2016-06-02_manbij" in texts and "outlet-b/empty-page" not in texts  # unreadable: skipped
    legacy = "outlet-b/2017-06-20_legacy-encoding"
    assert any("\u0600" <= c <= "\u06ff" for c in texts[legacy])  # Windows-1256 decoded to Arabic
    assert nbs.corpus_texts(FIXTURE_CORPUS, doc_ids=[legacy]) == {legacy: texts[legacy]}
    assert nbs.corpus_texts(FIXTURE_CORPUS, doc_ids=[]) == {}


def _code_cells(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


MAX_LOOP_STATEMENTS = 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebooks_stay_thin(path: Path) -> None:
    """No function or class definitions, no long loops, no hand-made gold paths or CSV parsing in a notebook:
    whatever a notebook computes at length belongs in the package, where it is tested."""
    for source in _code_cells(path):
        tree = ast.parse(source)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)) or (
                isinstance(node, ast.Lambda) and len(ast.unparse(node)) < 60
            ), f"{path.name}: a definition belongs in the package:\n{ast.unparse(node)[:200]}"
            if isinstance(node, (ast.For, ast.While)):
                statements = sum(1 for child in node.body for _ in ast.walk(child) if isinstance(_, ast.stmt))
                assert statements <= MAX_LOOP_STATEMENTS, f"{path.name}: a loop of {statements} statements belongs in the package"
        code = ast.unparse(tree)  # comments dropped: they may name files
        assert "read_csv" not in code, f"{path.name}: read tables with analysis.tables.read_table"
        assert "GOLD_DIR" not in code and "data/gold" not in code, f"{path.name}: load gold with analysis.evaluation"
        assert not re.search(r"gold\w*\s*/\s*[\"']", code), f"{path.name}: a hand-made gold path"


def test_notebooks_use_the_package_for_kwic_validation_and_networks() -> None:
    sources = {p.stem: "\n".join(_code_cells(p)) for p in NOTEBOOKS}
    assert "kwic.kwic(" in sources["02-actor-mentions"] and "rtl_kwic(" in sources["02-actor-mentions"]
    assert "summaries.counts_by_actor(" in sources["02-actor-mentions"] and "rollup=" in sources["02-actor-mentions"]
    for call in ('evaluate("mentions"', 'evaluation_errors("mentions"', 'by="speaker_actor"', 'by="quote_type"',
                 'evaluate("cues"', 'evaluate("relations"', "evaluation.load_gold("):
        assert call in sources["05-validation"], call
    for context in ("sentence", "paragraph", "window", "document"):
        assert f'"{context}"' in sources["04-networks"]
    assert "network.centrality(" in sources["04-networks"] and "side_by_side(" in sources["04-networks"]
    figure_calls = re.findall(r"figure_image\((.*?)\n\)", "\n".join(sources.values()), flags=re.S)
    assert figure_calls and all("alt=" in call for call in figure_calls), "every figure needs its own alt text"


# --- executing the notebooks (slow) ---------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_on_the_first_article(path: Path, tmp_path: Path, first_article_corpus: Path) -> None:
    """The case-study article alone, with tables in a temporary folder (data/processed is not touched)."""
    out = tmp_path / f"{path.stem}.ipynb"
    nb = nbs.execute_notebook(
        path, parameters={"corpus_dir": str(first_article_corpus), "out_dir": str(tmp_path / "processed"), "rerun": "always"},
        output=out,
    )
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    html = nbs.render_html(out, out_dir=tmp_path)
    assert 'dir="rtl"' in html.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_on_a_multi_document_corpus_reproducibly(path: Path, tmp_path: Path) -> None:
    """Another corpus through the parameters cell; a second run gives byte-identical notebook and HTML."""
    params = {"corpus_dir": str(FIXTURE_CORPUS), "out_dir": str(tmp_path / "processed"), "rerun": "always"}
    first = tmp_path / "a" / path.name
    second = tmp_path / "b" / path.name
    nbs.execute_notebook(path, parameters=params, output=first)
    nbs.execute_notebook(path, parameters=params, output=second)
    assert first.read_bytes() == second.read_bytes()
    outputs = _outputs_text(nbformat.read(first, as_version=4))
    assert str(tmp_path) not in outputs, "a temporary path leaked into the outputs"
    html_a = nbs.render_html(first, out_dir=tmp_path / "a")
    html_b = nbs.render_html(second, out_dir=tmp_path / "b")
    assert html_a.read_bytes() == html_b.read_bytes()
    assert "<script src=" not in html_a.read_text(encoding="utf-8"), "reports must not load external scripts"
    assert not (FIXTURE_CORPUS.parent / "corpus-processed").exists(), "the fixture folder was written to"


# --- the runner's command line: paths relative to the current folder, clear mistakes ----------------------
def test_path_parameters_are_resolved_from_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "mycorpus").mkdir()
    resolved = nbs.resolve_path_parameters(
        {"corpus_dir": "mycorpus", "out_dir": "tables", "max_rows": 10, "rerun": "always"}, cwd=tmp_path)
    assert resolved == {"corpus_dir": str(tmp_path / "mycorpus"), "out_dir": str(tmp_path / "tables"),
                        "max_rows": 10, "rerun": "always"}
    assert nbs.resolve_path_parameters({"corpus_dir": str(tmp_path / "mycorpus")})["corpus_dir"] == str(tmp_path / "mycorpus")


def test_runner_says_where_a_relative_corpus_was_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code = nbs.main(["--execute", "01-corpus", "-p", "corpus_dir", "mycorpus", "--output", "executed"])
    assert code == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line == (f"error: -p corpus_dir: not found: mycorpus (looked for {tmp_path / 'mycorpus'}; relative paths "
                    f"are relative to the current folder, {tmp_path})")
    assert not (tmp_path / "executed").exists()


def test_runner_refuses_a_parameter_no_notebook_declares(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = nbs.main(["--execute", "01-corpus", "-p", "corpus_dri", str(tmp_path), "--output", str(tmp_path / "x")])
    assert code == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: -p corpus_dri: no such parameter in the parameters cell of 01-corpus.ipynb; expected one of corpus_dir, ")


@pytest.mark.slow
def test_runner_runs_a_notebook_on_a_relative_corpus_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    shutil.copytree(FIXTURE_CORPUS, tmp_path / "mycorpus")
    monkeypatch.chdir(tmp_path)
    code = nbs.main(["--execute", "01-corpus", "-p", "corpus_dir", "mycorpus", "-p", "out_dir", "tables",
                     "-p", "rerun", "always", "--output", "executed"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert (tmp_path / "tables" / "documents.csv").is_file(), "tables where the user said, from the current folder"
    assert (tmp_path / "executed" / "01-corpus.ipynb").is_file()
    lines = captured.out.strip().splitlines()
    assert lines[0] == "01-corpus.ipynb: executed (changed)"
    assert lines[-1].startswith("1 notebook(s) executed in ") and lines[-1].endswith(" s")
    assert captured.err == "", "no progress bar off a terminal"


#: What a Markdown cell may hold that looks like a number: code, years, method constants written as such.
_ALLOWED_NUMBERS = re.compile(r"`[^`]*`|\b(19|20)\d\d\b|\b95 ?%|\b1[,.]?000\b|^#+ *\d+|https?://\S+|\]\([^)]*\)"
                              r"|\b(UTF|ISO|cp|Windows|F|G)-?\d[\d-]*\b|\b\d\d-[a-z][a-z-]*", re.I)


def test_markdown_cells_state_no_number_about_the_data() -> None:
    """Findings are computed (analysis.findings), so prose holds no count, share or ranking typed in."""
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "markdown":
                continue
            for line in cell.source.split("\n"):
                assert not re.search(r"\d", _ALLOWED_NUMBERS.sub("", line)), f"{path.name}: typed number in {line!r}"
                assert "most mentioned" not in line.lower(), f"{path.name}: a typed ranking in {line!r}"


@pytest.mark.slow
def test_findings_cells_state_each_corpus_own_findings(tmp_path: Path, first_article_corpus: Path) -> None:
    """The same notebook on two corpora: its findings passage is computed from each corpus's tables."""
    from analysis import findings

    path = next(p for p in NOTEBOOKS if p.stem == "02-actor-mentions")
    said = {}
    for name, corpus in (("first", first_article_corpus), ("fixture", FIXTURE_CORPUS)):
        tables = tmp_path / name / "processed"
        nb = nbs.execute_notebook(path, parameters={"corpus_dir": str(corpus), "out_dir": str(tables), "rerun": "always"},
                                  output=tmp_path / name / path.name)
        cell = next(c for c in nb.cells if c.cell_type == "code" and "findings.show(" in c.source)
        text = "".join(o.get("data", {}).get("text/markdown", "") for o in cell.outputs)
        expected = "\n".join(findings.as_markdown(f) for f in (findings.mention_findings(tables),
                                                                 findings.naming_findings(tables)))
        assert text == expected
        said[name] = text
    assert said["first"] != said["fixture"]


def test_reports_leave_the_code_out_and_keep_prose_and_results(tmp_path: Path) -> None:
    """Readers get the analysis without code cells; the executed notebook beside the report keeps them."""
    path = next(p for p in NOTEBOOKS if p.stem == "01-corpus")
    html = nbs.render_html(path, out_dir=tmp_path).read_text(encoding="utf-8")
    code = "\n".join(_code_cells(path))
    assert "from analysis import" in code and "from analysis import" not in html
    first_heading = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0].lstrip("# ").strip()
    assert first_heading.split("·")[-1].strip() in html
    assert "<img" in html or "<table" in html


def test_a_case_study_has_the_tables_of_its_document_run_alone(tmp_path: Path, first_article_corpus: Path,
                                                               run_dir: Path) -> None:
    """The case study cuts a corpus run down to one document and summarises it with the same queries: its
    tables equal those of a run on that document alone."""
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(first_article_corpus, corpus)
    (corpus / "other.txt").write_text("روسيا تدعم الجيش السوري\nوقال المتحدث إن القوات الروسية قصفت مواقع داعش.\n",
                                      encoding="utf-8")
    (corpus / "metadata.csv").write_text((corpus / "metadata.csv").read_text(encoding="utf-8") + "other,,,,,\n",
                                         encoding="utf-8")
    paths = nbs.prepare_corpus(corpus, out_dir=tmp_path / "tables", rerun="always")
    case = nbs.case_study(paths, "aljazeera/2016-05-24_sdf-offensive-north-raqqa")
    for name in ("mentions", "statements", "mention_counts", "voice_share", "cue_counts", "edges", "naming_choice"):
        assert (case.tables_dir / f"{name}.csv").read_bytes() == (run_dir / f"{name}.csv").read_bytes(), name
    assert sorted(p.name for p in case.figures_dir.glob("*.png")) == sorted(f"{n}.png" for n in nbs.CASE_STUDY_FIGURES)
    first = nbs.case_study(paths, "no/such/document", out_dir=tmp_path / "first")
    assert (first.tables_dir / "documents.csv").read_text(encoding="utf-8").count("\n") == 2  # header + one row


def test_a_parametrised_run_never_renders_over_the_projects_reports(tmp_path: Path, capsys) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in config.REPORTS_DIR.glob("*.html")}
    code = nbs.main(["--render", "-p", "corpus_dir", str(tmp_path), "--output", str(tmp_path / "out"),
                     "--reports", str(config.REPORTS_DIR)])
    assert code == 2 and "holds the project's own reports" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in config.REPORTS_DIR.glob("*.html")} == before


def test_scrubbing_leaves_embedded_images_and_longer_paths_alone() -> None:
    """A machine path can occur by chance inside an image's base64 text ("…9/tmpUyd…"): replacing it there
    broke a figure of a rendered report. Paths are replaced as whole paths, outside embedded images."""
    import tempfile

    tmp = tempfile.gettempdir()
    image = f"data:image/png;base64,iVBORw0KGgo{tmp}Uyd9{tmp}/x+Q=="
    html = f'<p>saved in {tmp}/run/out.csv</p><img src="{image}"><p>/mnt{tmp} and {tmp}foo stay</p>'
    scrubbed = nbs._scrub_text(html, nbs._replacements(), as_html=True)
    assert f'src="{image}"' in scrubbed
    assert "saved in &lt;tmp&gt;/run/out.csv" in scrubbed
    assert f"/mnt{tmp} and {tmp}foo stay" in scrubbed
    root = str(config.PROJECT_ROOT)
    assert nbs._scrub_text(f"File '{root}/src/a.py' at 0x7f00dead>", nbs._replacements()) == "File '<project>/src/a.py'>"


def test_every_committed_report_image_decodes() -> None:
    """Each figure embedded in a rendered report is a whole PNG (the browser test sees the same, slowly)."""
    import base64
    import io
    import re

    from PIL import Image

    reports = sorted(config.REPORTS_DIR.glob("*.html"))
    assert reports
    for report in reports:
        html = report.read_text(encoding="utf-8")
        images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
        for n, data in enumerate(images):
            with Image.open(io.BytesIO(base64.b64decode(data, validate=True))) as image:
                image.verify()
                assert image.size[0] > 0, (report.name, n)
