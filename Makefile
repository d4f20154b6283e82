# Two commands on a fresh machine with Python 3.11: `make all` and `make test`. `make help` lists the rest.
#
# A build graph with file dependencies: the tables depend on the corpus, the lexicons and the package code;
# the figures on the tables and the plotting code; the notebooks and reports on the tables, the figures and
# the notebooks themselves and the gold annotations they score against. Editing a lexicon and running `make notebooks` reruns the pipeline first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

RAW_FILES    := $(shell find data/raw -type f 2>/dev/null | sort)
LEXICONS     := $(wildcard src/analysis/lexicons/*.yaml)
PACKAGE_CODE := $(shell find src/analysis -name '*.py' -not -path '*/__pycache__/*' | sort)
GOLD_FILES   := $(shell find data/gold -type f 2>/dev/null | sort)
NOTEBOOKS    := $(wildcard notebooks/*.ipynb)
# Sentinels of each stage (ignored by git): the tables are many files written together by one run.
TABLES_STAMP   := data/processed/.built
FIGURES_STAMP  := figures/.built
REPORTS_STAMP  := reports/.built

.DEFAULT_GOAL := help
.PHONY: help all setup data figures notebooks docs readme test test-slow test-all test-fallback bench clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

all: setup data figures notebooks docs readme ## set up .venv, then regenerate data/processed, figures/, notebooks, reports/ and the README findings

setup: $(STAMP) ## create .venv with the pinned dependencies and the package (editable)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	# an editable install leaves the package uncompiled; where PYTHONDONTWRITEBYTECODE is set, every start would
	# compile it again (a third of the import time): compile it once here
	$(PY) -m compileall -q src >/dev/null
	touch $(STAMP)

data: $(TABLES_STAMP) ## run the pipeline on data/raw into data/processed (when an input, lexicon or the code changed)

$(TABLES_STAMP): $(STAMP) $(RAW_FILES) $(LEXICONS) $(PACKAGE_CODE)
	$(PY) -m analysis run --raw data/raw --out data/processed --workers 2
	touch $@

figures: $(FIGURES_STAMP) ## draw every figure into figures/ (PNG and SVG) from data/processed

$(FIGURES_STAMP): $(TABLES_STAMP)
	$(PY) -m analysis figures --tables data/processed --out figures
	touch $@

notebooks: $(REPORTS_STAMP) ## execute every notebook in place and render it to HTML in reports/

$(REPORTS_STAMP): $(FIGURES_STAMP) $(NOTEBOOKS) $(GOLD_FILES)
	$(PY) -m analysis notebooks --execute --render
	touch $@

docs: $(STAMP) ## regenerate docs/data-dictionary.md from the table declarations
	$(PY) -m analysis tables --markdown > docs/data-dictionary.md.tmp && mv docs/data-dictionary.md.tmp docs/data-dictionary.md

readme: $(TABLES_STAMP) ## write the README's findings section from data/processed (analysis findings)
	$(PY) -m analysis findings --tables data/processed --readme README.md

test: $(STAMP) ## run the fast test suite on two processes (sets up .venv first when needed)
	$(PY) -m pytest -m "not slow and not fallback" -n 2

test-slow: $(STAMP) ## run the slow tests: notebooks executed, reports in a browser, a non-editable install, the benchmark, Dask
	$(PY) -m pytest -m "slow and not fallback"

test-all: test test-slow test-fallback ## everything CI runs: the fast suite, the slow tests and the matplotlib < 3.11 path

test-fallback: $(STAMP) ## run the Arabic label tests on matplotlib < 3.11 (nox session)
	$(VENV)/bin/nox -s fallback

bench: $(STAMP) ## benchmark the pipeline on a synthetic corpus (prints figures)
	$(PY) -m analysis bench --size-mb 20 --workers 2

clean: ## remove the virtual environment, caches and build sentinels (never data/raw)
	rm -rf $(VENV) .pytest_cache .nox build src/*.egg-info $(TABLES_STAMP) $(FIGURES_STAMP) $(REPORTS_STAMP)
