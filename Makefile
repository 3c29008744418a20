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

# What a fresh machine lacks is installed with apt-get when make runs as root; otherwise make stops and says
# what to install. Python 3.11 or later with venv (Debian: python3-venv); npm for `make tools`.
$(BIN)/.installed: requirements/dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	    echo "Nashr needs Python 3.11 or later: $(PYTHON) is $$($(PYTHON) --version 2>&1) (make PYTHON=python3.12 ...)" >&2; \
	    exit 1; }
	@if ! $(PYTHON) -c 'import ensurepip' 2>/dev/null; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv; \
	    else \
	        echo "$(PYTHON) cannot create a virtualenv: install python3-venv (as root: apt-get install python3-venv)" >&2; \
	        exit 1; \
	    fi; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements/dev.lock
	touch $@

# npm fetches the tests' tools (axe-core's script, the sitemaps.org schema, Lighthouse) and the fonts `make fonts`
# subsets: any Node.js with npm 7+ (Lighthouse 12 needs Node.js 18.16 or later).
node_modules/.installed: package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; \
	    else \
	        echo "npm is missing: install Node.js with npm (as root: apt-get install npm)" >&2; \
	        exit 1; \
	    fi; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed ## create .venv and install the pinned dependencies

tools: node_modules/.installed ## test tools and font sources from npm (axe-core, the sitemaps.org schema, Lighthouse, Vazirmatn, Source Serif 4)

# The subsets in nashr/static/fonts/ are committed (make run needs no npm); this remakes them from the pinned
# npm packages after a version or a character range changed (nashr/editions/fonts.py).
fonts: install tools ## remake the font subsets in nashr/static/fonts/ from the npm packages (pyftsubset)
	$(BIN)/python tools/subset_fonts.py

# The site and the worker (background tasks, scheduled publishing) as one command: honcho starts the lines of
# a Procfile with .venv/bin first on PATH, and Ctrl-C stops them all. honcho gives the first line PORT.
HONCHO = HOST=$(HOST) PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho

# The site's address, for every absolute link it prints (canonical, hreflang, feeds, sitemaps, share links):
# where `make run` serves, unless WAGTAILADMIN_BASE_URL is set. load_demo gives it to the Wagtail site.
SITE_HOST = $(if $(filter 0.0.0.0 :: [::],$(HOST)),127.0.0.1,$(HOST))
WAGTAILADMIN_BASE_URL ?= http://$(SITE_HOST):$(PORT)
SITE_ENV = WAGTAILADMIN_BASE_URL=$(WAGTAILADMIN_BASE_URL)

run: install ## quick start: migrate the embedded SQLite database, load the demo, serve on $$HOST:$$PORT with the worker
	$(MANAGE) migrate --no-input -v0
	$(SITE_ENV) $(MANAGE) load_demo
	$(MANAGE) set_up_lists
	$(SITE_ENV) $(HONCHO) -f Procfile.dev start -p $(PORT)

demo: install ## migrate and load the demo content without serving (at $$HOST:$$PORT's address)
	$(MANAGE) migrate --no-input -v0
	$(SITE_ENV) $(MANAGE) load_demo
	$(MANAGE) set_up_lists

# nginx for publishing/tests/test_nginx.py (docs/nginx/nashr.conf for real): installed as root, else the test
# skips with its reason (and fails under CI=true).
test-nginx:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light; \
	    else \
	        echo "nginx is missing: the nginx tests will skip (as root: apt-get install nginx-light)" >&2; \
	    fi; \
	fi

# FAST=1 leaves out the tests tagged slow (servers and processes, the fuzz walk, nginx): for working, never CI.
# COVERAGE=1 runs the suite under coverage and fails below COVERAGE_FLOOR (percent of lines; CI sets it).
TEST_ARGS = --parallel=$${TEST_PARALLEL:-2} --noinput $(if $(filter 1,$(FAST)),--exclude-tag=slow) $(TESTS)
# The suite covered 88.9 % of nashr/ on 2026-12-05: raise the floor as coverage grows.
COVERAGE_FLOOR ?= 87

test: install tools test-nginx ## the whole suite (SQLite; DATABASE_URL=postgres://... on PostgreSQL; FAST=1 skips slow tests; COVERAGE=1)
ifeq ($(COVERAGE),1)
	rm -f .coverage .coverage.*
	DJANGO_SETTINGS_MODULE=nashr.settings.test $(BIN)/coverage run manage.py test $(TEST_ARGS)
	$(BIN)/coverage combine -q
	@echo "coverage of nashr/ (percent of lines; floor $(COVERAGE_FLOOR)), full report in build/coverage/index.html:"
	$(BIN)/coverage report --format=total --fail-under=$(COVERAGE_FLOOR)
	$(BIN)/coverage html -q -d build/coverage
else
	DJANGO_SETTINGS_MODULE=nashr.settings.test $(MANAGE) test $(TEST_ARGS)
endif

test-browser: install tools ## headless Chromium on the demo site: axe, RTL, privacy, weight, keyboard; build/screenshots/; the admin under its CSP; admin fields in their content's direction; the first-hour walk; reader mail; an offline edition from file://; the translation desk; Lighthouse at 1.0
	@if [ ! -x "$${NASHR_CHROMIUM:-/usr/bin/chromium}" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	    else \
	        echo "Chromium is missing: install Debian's package as root (apt-get install chromium), or set NASHR_CHROMIUM" >&2; \
	        exit 1; \
	    fi; \
	fi
	DJANGO_SETTINGS_MODULE=nashr.settings.test $(MANAGE) test --noinput browser.suite browser.second_factor browser.admin_csp browser.admin_direction browser.first_hour browser.mail browser.offline browser.desk browser.lighthouse

# The demo's pages (home, article, section, gallery, video, 404; every edition; 375 and 1280 px) as commit $(BEFORE)
# and this checkout serve them, side by side in docs/screenshots/index.html; SIDE=after re-shoots this checkout only,
# SIDE=none rewrites the page from the pictures taken.
BEFORE ?= 4ff26a8
screenshots-before-after: install ## docs/screenshots/: the demo's pages as commit $$BEFORE and this checkout show them (SIDE=after: this one only)
	$(BIN)/python -m browser.before_after --before $(BEFORE) --side $${SIDE:-both}

# lint-imports: the layers of docs/architecture.md (pyproject.toml's [tool.importlinter]): fails on an
# upward import or a cycle between apps, deferred imports inside functions included.
lint: install ## ruff, template indentation, import layers, Django system checks, missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check nashr/templates nashr/jinja2
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=nashr.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=nashr.settings.test $(MANAGE) makemigrations --check --dry-run

format: install ## ruff format and fix, reindent templates
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml nashr/templates nashr/jinja2

messages: install ## update and compile the interface translations (needs gettext)
	cd nashr && ../$(BIN)/python ../manage.py makemessages -l ar -l fa -l sq --no-obsolete --no-location --ignore '*/tests/*'
	cd nashr && ../$(BIN)/python ../manage.py compilemessages

bench-import: install ## import a generated 10,000-post WordPress export into an empty SQLite database: time, memory
	rm -rf var/bench-import && mkdir -p var/bench-import
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench-import/db.sqlite3 NASHR_VAR_DIR=$(CURDIR)/var/bench-import \
		$(MANAGE) migrate --no-input -v0
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench-import/db.sqlite3 NASHR_VAR_DIR=$(CURDIR)/var/bench-import \
		$(MANAGE) bench_import --posts $${POSTS:-10000}

bench-feeds: install ## sitemaps and feeds at $$ARTICLES (50,000) articles: time per 10,000 URLs, queries
	NASHR_VAR_DIR=$${NASHR_VAR_DIR:-var/bench-feeds} $(MANAGE) migrate --no-input -v 0
	NASHR_VAR_DIR=$${NASHR_VAR_DIR:-var/bench-feeds} $(MANAGE) load_demo
	NASHR_VAR_DIR=$${NASHR_VAR_DIR:-var/bench-feeds} $(MANAGE) bench_feeds --articles $${ARTICLES:-50000}

bench-bundle: install ## offline editions: size and build time of a $$PIECES (100)-piece edition on a generated site
	NASHR_VAR_DIR=$${NASHR_VAR_DIR:-var/bench-bundle} $(MANAGE) migrate --no-input -v 0
	NASHR_VAR_DIR=$${NASHR_VAR_DIR:-var/bench-bundle} $(MANAGE) load_demo
	NASHR_VAR_DIR=$${NASHR_VAR_DIR:-var/bench-bundle} $(MANAGE) bench_bundle --pieces $${PIECES:-100}

lock: ## re-resolve the pinned dependencies from pyproject.toml
	rm -rf /tmp/nashr-lock && $(PYTHON) -m venv /tmp/nashr-lock
	/tmp/nashr-lock/bin/pip install --quiet ".[dev]"
	/tmp/nashr-lock/bin/pip freeze --exclude nashr | grep -v '^-e' > requirements/dev.lock

# Production settings with local defaults for the secrets, so `make serve` runs anywhere.
PROD_ENV = DJANGO_SETTINGS_MODULE=nashr.settings.production SECRET_KEY=$${SECRET_KEY:-serve-local-not-secret} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1} SECURE_COOKIES=$${SECURE_COOKIES:-0}

# As many web workers as cores: they share the cache (on disk, or Redis with REDIS_URL) with the worker.
# `manage.py prepare` migrates and collects static files only when something changed (and says so).
serve: install ## production setup on $$HOST:$$PORT: granian and the worker, page cache on, embedded DB unless DATABASE_URL
	@if [ "$${SECURE_COOKIES:-0}" != 1 ]; then echo "make serve: plain HTTP, so the sign-in cookies are NOT Secure \
	(SECURE_COOKIES=0); behind HTTPS run SECURE_COOKIES=1 make serve, as production must (README: Settings)." >&2; fi
	$(PROD_ENV) $(MANAGE) prepare
	$(PROD_ENV) WORKERS=$${WORKERS:-$$(nproc)} THREADS=$${THREADS:-1} \
		$(HONCHO) -f Procfile start -p $(PORT)

bench-tools:
	@need=(); command -v nginx >/dev/null || need+=(nginx-light); command -v wrk >/dev/null || need+=(wrk); \
	command -v taskset >/dev/null || need+=(util-linux); command -v hugo >/dev/null || need+=(hugo); \
	if [ $${#need[@]} -gt 0 ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$${need[@]}"; \
		else echo "missing: $${need[*]} (run as root to install)" >&2; exit 1; fi; fi

bench: install bench-tools ## article and home: from nothing, uncached, cached, static vs nginx file and bare Wagtail; full static build vs Hugo (ARTICLES="2000 50000")
	$(BIN)/python bench/run.py

BENCH_ARTICLES ?= 50000
BENCH_SQLITE ?= sqlite:///$(CURDIR)/var/bench-search.sqlite3
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/nashr_bench_search

bench-search: install ## search at scale: $$BENCH_ARTICLES generated articles, index build time, query p50/p95 on SQLite and PostgreSQL
	@for url in "$(BENCH_SQLITE)" "$(BENCH_POSTGRES)"; do \
		echo "== search benchmark: $$url =="; \
		DATABASE_URL="$$url" MEDIA_ROOT="$(CURDIR)/var/bench-media" $(MANAGE) bench_search \
			--fresh-database --articles $(BENCH_ARTICLES) || exit 1; \
	done

BENCH_MAIL_SQLITE ?= sqlite:///$(CURDIR)/var/bench-mail/bench-mail.sqlite3
BENCH_MAIL_POSTGRES ?= postgres://postgres@127.0.0.1:5432/nashr_bench_mail

bench-mail: install ## newsletters: one issue to $$SUBSCRIBERS (10,000) via a loopback SMTP server: time, memory, SQL per recipient, SQLite and PostgreSQL
	@mkdir -p var/bench-mail
	@for url in "$(BENCH_MAIL_SQLITE)" "$(BENCH_MAIL_POSTGRES)"; do \
		echo "== newsletter benchmark: $$url =="; \
		DATABASE_URL="$$url" NASHR_VAR_DIR=$(CURDIR)/var/bench-mail $(MANAGE) bench_newsletter \
			--fresh-database --subscribers $${SUBSCRIBERS:-10000} || exit 1; \
	done

BENCH_CHANNELS = $(CURDIR)/var/bench-channels

# Each part builds its own site in var/bench-channels (SQLite): the mirror figures need the generated articles.
bench-channels: install ## reach beyond the site: publish -> bucket mirror and full resync of $$ARTICLES (2,000) to SeaweedFS; publish -> Telegram post; a $$PIECES-piece offline edition
	rm -rf $(BENCH_CHANNELS) && mkdir -p $(BENCH_CHANNELS)/mirrors
	NASHR_VAR_DIR=$(BENCH_CHANNELS)/mirrors $(MANAGE) migrate --no-input -v 0
	NASHR_VAR_DIR=$(BENCH_CHANNELS)/mirrors $(MANAGE) load_demo
	NASHR_VAR_DIR=$(BENCH_CHANNELS)/mirrors $(MANAGE) generate_content --articles $${ARTICLES:-2000}
	NASHR_VAR_DIR=$(BENCH_CHANNELS)/mirrors $(MANAGE) bench_mirrors
	DATABASE_URL=sqlite:///$(BENCH_CHANNELS)/telegram.sqlite3 NASHR_VAR_DIR=$(BENCH_CHANNELS) \
		$(MANAGE) bench_telegram --fresh-database --pieces $${PIECES_TELEGRAM:-20}
	$(MAKE) bench-bundle NASHR_VAR_DIR=$(BENCH_CHANNELS)/bundle

# KEEP_DB=1 keeps the embedded database and the uploads its pages show (var/nashr.sqlite3*, var/media).
clean: ## remove what make run, make serve and make test made: .venv, node_modules, build/, var/ (KEEP_DB=1 keeps the database)
	rm -rf $(VENV) node_modules build
	@if [ "$(KEEP_DB)" = 1 ]; then \
	    [ ! -d var ] || find var -mindepth 1 -maxdepth 1 ! -name 'nashr.sqlite3*' ! -name media -exec rm -rf {} + ; \
	    echo "kept the database: var/nashr.sqlite3 and var/media"; \
	else \
	    rm -rf var; \
	fi

.PHONY: help install tools fonts run demo test test-nginx test-browser screenshots-before-after lint format messages bench-import bench-feeds bench-bundle bench-search bench-mail bench-channels lock serve bench bench-tools clean
