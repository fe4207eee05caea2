# newsclean: `make clean` sets up .venv and cleans raw/ into clean/; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= ../shared/corpus

.PHONY: setup clean test bench train schema reset

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## clean: the main job: every page under raw/ becomes a record (or a rejection) in clean/
clean: $(STAMP)
	$(BIN)/python -m pipeline run raw clean

test: $(STAMP)
	$(BIN)/python -m pytest -q

## bench: quality (in sample and cross-validated by site) and speed on the labelled corpora (CORPUS=...), written to BENCHMARKS.md
bench: $(STAMP)
	$(BIN)/python -m pipeline bench $(CORPUS)

## train: rebuild the models in pipeline/models from ../shared/corpus (MODELS="name ..." for some)
train: $(STAMP)
	$(BIN)/python -m pipeline train $(MODELS)

## schema: regenerate schemas/article.schema.json from the Pydantic model
schema: $(STAMP)
	$(BIN)/python -m schemas > schemas/article.schema.json

## reset: delete the outputs in clean/ (keeps the placeholder)
reset:
	find clean -mindepth 1 ! -name .gitkeep -delete
