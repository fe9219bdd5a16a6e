# Two commands do all the setup: `make serve` (handbook with live reload) and `make test` (whole suite).
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build offline check bench clean

$(BIN)/handbook: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

serve: $(BIN)/handbook
	$(BIN)/mkdocs serve

test: $(BIN)/handbook
	$(BIN)/python -m pytest

build: $(BIN)/handbook
	$(BIN)/mkdocs build --strict

offline: $(BIN)/handbook
	rm -rf site-offline alliance-handbook-offline.zip
	$(BIN)/mkdocs build --strict -f mkdocs-offline.yml -d site-offline
	$(BIN)/python -m zipfile -c alliance-handbook-offline.zip site-offline/

check: $(BIN)/handbook
	$(BIN)/handbook check

# Numbers, not tests: payload sizes, build time and memory against plain twins (sizes 100 and
# 1,000, about 20 minutes), then Lighthouse (npm lighthouse with Debian's chromium).
bench: $(BIN)/handbook
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/payload.py
	$(BIN)/python bench/build_bench.py
	cd bench && npm ci --silent
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) site site-offline alliance-handbook-offline.zip
