# Two commands do all the setup: `make serve` (handbook with live reload) and `make test` (whole suite).
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build offline check bench lock test-latest clean

# Installs exactly what requirements.lock pins (hashes checked), then the plugin itself without
# dependencies: a fresh environment whenever the lock or pyproject.toml changes.
$(BIN)/handbook: pyproject.toml $(LOCK)
	rm -rf $(VENV)
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

serve: $(BIN)/handbook
	$(BIN)/mkdocs serve -a 127.0.0.1:$(PORT)

# Formatting, lint and types first (seconds), then every test.
test: $(BIN)/handbook
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Builds into site.new/ and replaces site/ only when the build succeeded: a failed build leaves
# the previous site/ as it was.
build: $(BIN)/handbook
	rm -rf site.new
	$(BIN)/mkdocs build --strict -d site.new || { rm -rf site.new; exit 1; }
	rm -rf site && mv site.new site

offline: $(BIN)/handbook
	rm -rf site-offline alliance-handbook-offline.zip
	$(BIN)/mkdocs build --strict -f mkdocs-offline.yml -d site-offline
	$(BIN)/python -m zipfile -c alliance-handbook-offline.zip site-offline/

check: $(BIN)/handbook
	$(BIN)/handbook check

# Numbers, not tests: hostile input, payload sizes, the speed tricks, handbook check at 100 to
# 3,000 quizzes, build time and memory against plain twins, then Lighthouse (npm lighthouse with
# Debian's chromium). About an hour on 2 cores.
bench: $(BIN)/handbook
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/payload.py
	$(BIN)/python bench/speed_tricks.py
	$(BIN)/python bench/check_bench.py
	$(BIN)/python bench/build_bench.py
	cd bench && npm ci --silent
	$(BIN)/python bench/lighthouse.py

# Refresh requirements.lock to the newest versions pyproject.toml's ranges allow, for Python 3.11+
# on any platform (uv pip compile --universal, with hashes); then run make test and commit the lock.
lock:
	python3 -m venv .venv-tools
	.venv-tools/bin/pip install --quiet uv
	.venv-tools/bin/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--generate-hashes --upgrade --quiet -o $(LOCK)

# The whole suite against the newest releases the ranges allow, in .venv-latest (the lock is not
# used): a dependency's breaking release shows here first, not as a red CI on an unrelated change.
test-latest:
	rm -rf .venv-latest
	python3 -m venv .venv-latest
	.venv-latest/bin/pip install --quiet --upgrade -e '.[test]'
	.venv-latest/bin/python -m pytest

clean:
	rm -rf $(VENV) .venv-latest .venv-tools site site-offline alliance-handbook-offline.zip
