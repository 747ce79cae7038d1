# Ilmiö. `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the whole suite.
# Needs only Python 3.11+, git and make: uv comes from pip, PostgreSQL from the pgserver wheel.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8000
TEST_WORKERS ?= 4
VENV := .venv
BIN := $(VENV)/bin

# uv installs from the lock file into .venv with the Python that is already here; it never downloads one.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export PYTHON

PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)
LOCALES := fi sv en
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=static --ignore=node_modules --ignore=tests --ignore=bench

.PHONY: help install translations run test lint stop messages clean var bench-load

help:
	@echo "make run       install, migrate, load the demo network and serve on http://127.0.0.1:$(PORT)"
	@echo "make test      install and run the whole test suite"
	@echo "make lint      ruff check, ruff format --check and the import layers (lint-imports)"
	@echo "make stop      stop the Celery worker and the embedded PostgreSQL"
	@echo "make messages  update locale/*.po for $(LOCALES) and compile them"
	@echo "make clean     remove caches, collected static files and the Celery queue"
	@echo "make bench-load  load test through gunicorn on the bench database (DATABASE_URL=…/ilmio_bench)"

install: var $(MO_FILES)
	@uv="$$(bin/ensure-uv)" && $$uv sync --frozen

# The compiled .mo files are committed; they are rebuilt when a .po is newer and gettext is there.
translations: $(MO_FILES)

locale/%.mo: locale/%.po
	@if command -v msgfmt >/dev/null 2>&1; then \
		msgfmt --check-format -o $@ $< && echo "compiled $@"; \
	elif [ -f $@ ]; then \
		echo "gettext (msgfmt) is not installed: using the committed $@"; touch $@; \
	else \
		echo "gettext (msgfmt) is not installed: $@ cannot be compiled"; \
	fi

# pgserver keeps its lock under XDG_RUNTIME_DIR=var/run, which must be private to the user.
var:
	@mkdir -p var/run var/celery var/log && chmod 700 var/run

run: install
	@PORT=$(PORT) bin/run-dev

# The suite runs in parallel (pytest-xdist): each worker has its own test database and Redis database.
# Most of the time is spent waiting on PostgreSQL and the browser, so there are more workers than cores.
test: install
	ILMIO_ENV=test $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The load test through the production server (bench/README.md): DATABASE_URL names the bench database.
bench-load: install
	@case "$$DATABASE_URL" in *bench*) ;; *) echo "set DATABASE_URL to the bench database (see bench/README.md)"; exit 2;; esac
	$(BIN)/python bench/load.py $(BENCH_LOAD_ARGS)

stop:
	@bin/stop-dev
	@if [ -x $(BIN)/python ]; then $(BIN)/python bin/stop-embedded-db; fi

# makemessages needs settings but no database: a DATABASE_URL that is never connected to keeps the
# embedded server from starting.
messages: install
	ILMIO_ENV=dev DATABASE_URL=postgres://localhost/unused $(BIN)/python manage.py makemessages \
		$(addprefix -l ,$(LOCALES)) $(MESSAGES_IGNORE)
	ILMIO_ENV=dev DATABASE_URL=postgres://localhost/unused $(BIN)/python manage.py compilemessages \
		$(MESSAGES_IGNORE)

# Keeps the virtual environment and the embedded database (var/pg); `rm -rf .venv var` after
# `make stop` removes those too.
clean:
	rm -rf var/staticfiles var/celery/queue var/celery/processed var/celery/control var/celery/beat-schedule* var/log
	rm -rf .pytest_cache .ruff_cache
	find . -path ./.venv -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
