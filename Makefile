# Two commands on a fresh machine with Python 3.11: `make all` and `make test`. `make help` lists the rest.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help all setup data figures notebooks test test-fallback bench clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

all: setup data figures notebooks ## set up .venv, then regenerate data/processed, figures/, notebooks and reports/

setup: $(STAMP) ## create .venv with the pinned dependencies and the package (editable)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

data: $(STAMP) ## run the pipeline on data/raw into data/processed
	$(PY) -m analysis run --raw data/raw --out data/processed

figures: data ## draw every figure into figures/ (PNG and SVG)
	$(PY) -m analysis figures --tables data/processed --out figures

notebooks: figures ## execute every notebook in place and render it to HTML in reports/
	$(PY) -m analysis.notebooks --execute --render

test: $(STAMP) ## run the test suite (sets up .venv first when needed)
	$(PY) -m pytest

test-fallback: $(STAMP) ## run the Arabic label tests on matplotlib < 3.11 (nox session)
	$(VENV)/bin/nox -s fallback

bench: $(STAMP) ## benchmark the pipeline on a synthetic corpus (prints figures)
	$(PY) -m analysis bench --size-mb 20 --workers 2

clean: ## remove the virtual environment and caches (never data/raw)
	rm -rf $(VENV) .pytest_cache .nox build src/*.egg-info
