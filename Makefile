# newsclean: `make clean` sets up .venv and cleans raw/ into clean/; `make test` runs the tests; `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.installed
CORPUS ?= ../shared/corpus
EXTRAS ?= test

.PHONY: help setup clean test bench train schema lock reset

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)

## setup: .venv with exactly the versions in uv.lock (the EXTRAS, default "test"; e.g. EXTRAS="test ray")
setup: $(STAMP)

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --inexact --python $(BIN)/python $(addprefix --extra ,$(EXTRAS))
	touch $(STAMP)

## clean: the main job: every page under raw/ becomes a record (or a rejection) in clean/
clean: $(STAMP)
	$(BIN)/python -m pipeline run raw clean

## test: run the tests
test: $(STAMP)
	$(BIN)/python -m pytest -q

## lock: pin every dependency (extras too) in uv.lock anew from pyproject.toml; commit the result
lock: | $(UV)
	$(UV) lock

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
