# Two commands for a newcomer with only Python 3.11: `make demo`, `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN     = $(VENV)/bin
SHELL   = /bin/bash

.PHONY: demo test lint install gate bench clean-venv check-wheel

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) not found (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	# the stock pip (23.2) cannot resolve trafilatura's lxml[html_clean] extra
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/cleaner clean samples/raw/

test: install
	$(BIN)/python -m pytest -q

# ruff's lint rules, configured in pyproject.toml ([tool.ruff])
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Quality gate: a fixed sample of ../shared/bench, cleaned from HTML and from text,
# against the floors in bench/gate_floors.toml (see bench/gate.py).
gate: install
	$(BIN)/python bench/gate.py

bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/text_quality.py
	$(BIN)/python bench/text_quality.py --rendering html2text --rendering lynx --rendering w3m \
	  --rendering pandoc --rendering pandoc-gfm --rendering pandoc-plain
	$(BIN)/python bench/html_quality.py
	$(BIN)/python bench/throughput.py
	# WARC input: own pool (-j 2) beside a datatrove pipeline (2 workers), and the reader's share
	$(BIN)/python bench/warc_throughput.py
	# per page type and corpus: cleaner (HTML, text) beside trafilatura and no cleaning
	$(BIN)/python bench/pagetypes.py
	# wall time of the two CLIs on the same pages, and their ratio
	$(BIN)/python bench/cli_speed.py
	# wall time on inputs built to be slow (catastrophic patterns, deep and huge pages)
	$(BIN)/python bench/hostile_inputs.py

clean-venv:
	rm -rf $(VENV)

# An installed wheel (not the source tree) must find its shipped rules, model and catalogue.
check-wheel: install
	rm -rf build/wheel && mkdir -p build/wheel
	$(BIN)/python -m pip wheel --quiet --no-deps . -w build/wheel
	$(PYTHON) -m venv build/wheel/venv
	build/wheel/venv/bin/python -m pip install --quiet --upgrade pip
	build/wheel/venv/bin/python -m pip install --quiet build/wheel/cleaner-*.whl
	cd / && $(CURDIR)/build/wheel/venv/bin/cleaner rules check
	cd / && $(CURDIR)/build/wheel/venv/bin/cleaner rules show detect:byline >/dev/null
	cd / && $(CURDIR)/build/wheel/venv/bin/cleaner clean -q $(CURDIR)/samples/raw/ \
	  | diff - <($(CURDIR)/$(BIN)/cleaner clean -q $(CURDIR)/samples/raw/) && echo "check-wheel: ok"
