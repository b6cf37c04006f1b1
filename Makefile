# Two-command setup: `make run` and `make test` each create .venv when missing
# and install evalkit with COMET and the test tools (torch pinned CPU-only via constraints.txt).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.evalkit-installed
# The CPU wheel of torch lives in /opt/wheels on our machines; elsewhere pip's own config applies.
FIND_LINKS := $(if $(wildcard /opt/wheels/*.whl),--find-links /opt/wheels,)
PIP_FLAGS ?= --disable-pip-version-check --progress-bar off

.PHONY: run test bench bench-models validate lint clean

$(STAMP): pyproject.toml setup.py constraints.txt evalkit/metrics/_ter.c evalkit/metrics/_ngrams.c evalkit/_aligndp.c evalkit/detectors/_tokens.c
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_FLAGS) -q $(FIND_LINKS) -c constraints.txt -e ".[test,comet]"
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m evalkit run

test: $(STAMP)
	$(PY) -m pytest -q

validate: $(STAMP)
	$(PY) -m evalkit validate corpora/spinner-news-en-fr

# ruff's rule set and why: pyproject.toml, [tool.ruff.lint].
lint: $(STAMP)
	$(PY) -m ruff check evalkit tests benchmarks tools corpora

bench: $(STAMP)
	$(PY) -m benchmarks.run

clean:
	rm -rf $(VENV) reports/spinner-news-en-fr .pytest_cache

# Throughput and peak memory of a model on this machine (a GPU one, for the real models), e.g.
# make bench-models WHAT=xcomet MODEL=Unbabel/XCOMET-XL BATCH_SIZES=8,16,32 (docs/detectors.md).
WHAT ?= xcomet
SEGMENTS ?= 1000
BATCH_SIZES ?= 16
bench-models: $(STAMP)
	$(PY) -m benchmarks.models --what $(WHAT) --model $(MODEL) --segments $(SEGMENTS) --batch-sizes $(BATCH_SIZES)
