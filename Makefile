# MiLES toolbox. `make site` builds the site, `make test` runs every check. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material prints a banner about MkDocs 2.0 at every build; it is not about our content.
export NO_MKDOCS_2_WARNING := 1

# Debian packages: WeasyPrint's libraries and a font for the checklist PDFs, and for the tests a
# real Chromium, qpdf and poppler (PDF checks) and ffmpeg (a sample video clip made at test time).
SITE_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_DEBS := qpdf poppler-utils ffmpeg

.PHONY: site test serve lint typecheck bench clean system-site system-test chromium

site: $(BIN)/.installed node_modules/.installed system-site
	$(BIN)/miles build

serve: $(BIN)/.installed node_modules/.installed system-site
	$(BIN)/mkdocs serve --livereload

test: $(BIN)/.test-installed node_modules/.installed system-site system-test chromium
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/pytest -p no:cacheprovider

lint: $(BIN)/.test-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(BIN)/.test-installed
	$(BIN)/mypy src

bench: $(BIN)/.test-installed node_modules/.installed system-site
	$(BIN)/python bench/build.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/scenarios.py
	$(BIN)/python bench/pdfs.py

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.test-installed: $(BIN)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-site:
	@scripts/ensure-debian-packages $(SITE_DEBS)

system-test:
	@scripts/ensure-debian-packages $(TEST_DEBS)

# Playwright cannot download its own browser here: the tests drive Debian's Chromium.
chromium:
	@if [ -x /usr/bin/chromium ]; then exit 0; \
	elif [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then scripts/ensure-debian-packages chromium; \
	else echo "Chromium is missing: run 'apt-get install -y chromium' as root, then 'make test' again." >&2; exit 1; fi

clean:
	rm -rf build .cache
