# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed

.PHONY: run test test-fast lint format check-deploy bench bench-reports profile soak lock clean system-packages

$(INSTALLED): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

# Biome lints and formats the pages' JavaScript (pinned in package-lock.json; no build step).
$(NODE_INSTALLED): package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Create .venv, install, migrate, create the demo store and serve on http://$(HOST):$(PORT)
run: export DEBUG ?= true
run: $(INSTALLED)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "  Table Order is running on http://$(HOST):$(PORT)"
	@echo "    Manager:      http://$(HOST):$(PORT)/manager/"
	@echo "    Tablet:       http://$(HOST):$(PORT)/table/"
	@echo "    Django admin: http://$(HOST):$(PORT)/admin/  (manage.py createsuperuser)"
	@echo "    API docs:     http://$(HOST):$(PORT)/api/docs/"
	@echo ""
	$(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --no-access-log \
		--timeout-graceful-shutdown 3

## Lint, then the whole test suite (on DATABASE_URL when set, else SQLite)
test: $(INSTALLED) system-packages lint
	$(BIN)/pytest $(PYTEST_ARGS)

## The suite without the tests that wait tens of seconds (keep-alives, fuzzing, the soak run)
test-fast: $(INSTALLED) system-packages lint
	$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

lint: $(INSTALLED) $(NODE_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/biome ci .

format: $(INSTALLED) $(NODE_INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	node_modules/.bin/biome check --write .

# What the tests need from Debian beyond Python: Chromium for the browser tests, redis-server
# for live events across processes, gettext's msgfmt for the translations, Node.js and npm for
# the JavaScript linter. Installed when missing (as root), or named for whoever can install them.
SYSTEM_PACKAGES_NEEDED = $(strip \
	$(if $(wildcard /usr/bin/chromium),,chromium) \
	$(if $(shell command -v redis-server),,redis-server) \
	$(if $(shell command -v msgfmt),,gettext) \
	$(if $(shell command -v npm),,nodejs npm))

system-packages:
	@missing="$(SYSTEM_PACKAGES_NEEDED)"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "The tests need Debian packages that are missing: $$missing"; \
			echo "Install them as root (apt-get install -y $$missing), then run make test again."; \
			exit 1; \
		fi; \
		echo "Installing $$missing from Debian's packages (once)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	fi

## What `manage.py check --deploy` says with production-like settings
check-deploy: $(INSTALLED)
	DEBUG=false SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=tableorder.example.com $(BIN)/python manage.py check --deploy --fail-level WARNING

## Benchmarks (never part of make test): SQLite, and PostgreSQL when BENCH_DATABASE_URL is set
## (a database of its own: it is dropped and created); figures: docs/performance.md
bench: $(INSTALLED)
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
	$(BIN)/python bench/run_all.py

## The sales reports alone, on a year of a busy store (SQLite, or BENCH_DATABASE_URL's empty
## database); figures: docs/performance.md
bench-reports: $(INSTALLED)
	$(BIN)/python bench/reports.py

## Where one kind of request spends its time (pyinstrument, in one process; SQLite, or
## BENCH_DATABASE_URL's database): PROFILE=order|tables|floor|menu|menu304|dashboard|ceiling
PROFILE ?= order
profile: $(INSTALLED)
	$(BIN)/python bench/profile.py $(PROFILE) $(PROFILE_ARGS)

## Load and faults for a few minutes on servers of its own (PostgreSQL, Redis, two uvicorn):
## kill -9 a server, restart PostgreSQL, then check nothing was lost; figures: docs/reliability.md
soak: $(INSTALLED)
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

## Re-pin requirements*.txt from requirements*.in
lock: $(INSTALLED)
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache staticfiles
