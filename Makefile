# Nashr. `make` alone lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements/dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements/dev.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed ## create .venv and install the pinned dependencies

tools: node_modules/.installed ## test tools from npm (axe-core, the sitemaps.org schema)

run: install ## quick start: migrate the embedded SQLite database, load the demo, serve on $$HOST:$$PORT
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) runserver $(HOST):$(PORT)

demo: install ## migrate and load the demo content without serving
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo

test: install tools ## the whole suite (SQLite; DATABASE_URL=postgres://... runs it on PostgreSQL)
	DJANGO_SETTINGS_MODULE=nashr.settings.test $(MANAGE) test --parallel=$${TEST_PARALLEL:-2} --noinput $(TESTS)

test-browser: install tools ## headless Chromium on the demo site: axe, RTL, privacy, weight, keyboard; build/screenshots/
	@if [ ! -x "$${NASHR_CHROMIUM:-/usr/bin/chromium}" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	    else \
	        echo "Chromium is missing: install Debian's package as root (apt-get install chromium), or set NASHR_CHROMIUM" >&2; \
	        exit 1; \
	    fi; \
	fi
	DJANGO_SETTINGS_MODULE=nashr.settings.test $(MANAGE) test --noinput browser.suite

lint: install ## ruff, template indentation, Django system checks, missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check nashr/templates
	DJANGO_SETTINGS_MODULE=nashr.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=nashr.settings.test $(MANAGE) makemigrations --check --dry-run

format: install ## ruff format and fix, reindent templates
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml nashr/templates

messages: install ## update and compile the interface translations (needs gettext)
	cd nashr && ../$(MANAGE) makemessages -l ar -l fa -l sq --no-obsolete --no-location --ignore '*/tests/*'
	cd nashr && ../$(MANAGE) compilemessages

lock: ## re-resolve the pinned dependencies from pyproject.toml
	rm -rf /tmp/nashr-lock && $(PYTHON) -m venv /tmp/nashr-lock
	/tmp/nashr-lock/bin/pip install --quiet ".[dev]"
	/tmp/nashr-lock/bin/pip freeze --exclude nashr | grep -v '^-e' > requirements/dev.lock

clean: ## remove the virtualenv and the embedded database
	rm -rf $(VENV) var node_modules

.PHONY: help install tools run demo test test-browser lint format messages lock clean
