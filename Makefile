# MiLES toolbox. `make site` builds the site, `make test` runs every check. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material prints a banner about MkDocs 2.0 at every build; it is not about our content.
export NO_MKDOCS_2_WARNING := 1

# Debian packages: WeasyPrint's libraries and a font for the checklist PDFs, and for the tests a
# real Chromium, qpdf and poppler (PDF checks), ffmpeg (a sample video clip made at test time)
# and Java for the Nu HTML Checker (npm vnu-jar).
SITE_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_DEBS := qpdf poppler-utils ffmpeg default-jre-headless

# The planner's date arithmetic must give the same days wherever the reader's clock runs; its
# node tests run once per time zone, chosen for their daylight saving changes.
JS_TIME_ZONES := UTC Europe/Amsterdam America/Santiago Pacific/Auckland

# Ralph, the LRS of the study edition, pins its own library versions: it gets its own virtual
# environment, so that it never constrains the site's dependencies.
LRS_VENV := .venv-lrs
RALPH := ralph-malph[lrs,cli]==5.1.0 requests==2.34.2

.PHONY: site test js-test serve lint typecheck bench clean system-site system-test chromium study-site study-serve lrs

site: $(BIN)/.installed node_modules/.installed system-site
	$(BIN)/miles build

serve: $(BIN)/.installed node_modules/.installed system-site
	$(BIN)/mkdocs serve --livereload --watch-theme

# The study edition (online only): build/study, settings from study.yml or MILES_STUDY_*.
study-site: $(BIN)/.study-installed node_modules/.installed system-site
	$(BIN)/miles build --edition study

study-serve: $(BIN)/.study-installed
	$(BIN)/miles study serve

# A local Ralph on 127.0.0.1 with its file backend under build/lrs/ (see README, Study edition).
lrs: $(BIN)/.study-installed $(LRS_VENV)/.installed
	$(BIN)/miles study lrs

test: $(BIN)/.test-installed node_modules/.installed system-site system-test chromium $(LRS_VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(MAKE) --no-print-directory js-test
	$(BIN)/pytest -p no:cacheprovider

js-test: node_modules/.installed
	@for zone in $(JS_TIME_ZONES); do \
		echo "node --test tests/js/ with TZ=$$zone"; \
		TZ=$$zone node --test --test-reporter=dot tests/js/ || exit 1; \
	done

lint: $(BIN)/.test-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(BIN)/.test-installed
	$(BIN)/mypy src

bench: $(BIN)/.test-installed node_modules/.installed system-site chromium $(LRS_VENV)/.installed
	$(BIN)/python bench/build.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/scenarios.py
	$(BIN)/python bench/pdfs.py
	$(BIN)/python bench/critical_path.py
	$(BIN)/python bench/study.py

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.study-installed: $(BIN)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[study]'
	touch $@

$(BIN)/.test-installed: $(BIN)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,study]'
	touch $@

$(LRS_VENV)/.installed: Makefile
	$(PYTHON) -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LRS_VENV)/bin/python -m pip install --quiet '$(firstword $(RALPH))' '$(lastword $(RALPH))'
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
