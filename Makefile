# Traction: two commands from a clean clone: `make demo` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install install-dev demo test lint train bench-extract bench-lopo bench-diagnose migrate screenshots

help:
	@echo "make demo           install, migrate SQLite, load the demo partnership, serve on http://$(HOST):$(PORT) with a worker"
	@echo "make test           install dev dependencies and run the whole test suite"
	@echo "make lint           ruff (lint and format check) on src, tests, bench and scripts, then mypy on src"
	@echo "make train          train the extraction engine on the labelled corpus (CORRECTIONS=folder adds reviewed documents)"
	@echo "make screenshots    photograph the demo's pages for the user guide (docs/images/)"
	@echo "make bench-extract  score extraction on ../shared/data/minutes and measure throughput"
	@echo "make bench-lopo     leave-one-publisher-out figures of the trained engine on the labelled corpus"
	@echo "make bench-diagnose time the signals on a synthetic 300-body region (SQLite and PostgreSQL) vs a per-object loop"

$(UV):
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m pip install --user --quiet uv

install: $(UV)
	$(UV) sync --frozen --no-dev

install-dev: $(UV)
	$(UV) sync --frozen

migrate: install
	$(UV) run --no-dev python manage.py migrate --noinput

# The background worker (uploads are read by it) runs beside the server and stops with it; if it dies it is
# started again, and a document it left half-read is queued again once its lease runs out.
demo: migrate
	$(UV) run --no-dev python manage.py load_demo --login-url http://$(HOST):$(PORT)/login/
	@( trap 'kill $$pid 2>/dev/null; exit 0' INT TERM; \
	   while :; do \
	     $(UV) run --no-dev python manage.py db_worker --no-reload --worker-id demo-worker & pid=$$!; \
	     wait $$pid; sleep 2; \
	   done ) & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(UV) run --no-dev python manage.py runserver $(HOST):$(PORT)

# In parallel: one worker per core, at most four (each has its own test database and browser).
test: install-dev
	$(UV) run python -m pytest -n auto --maxprocesses 4

# The rule set and the type checker's settings are in pyproject.toml; mypy checks src/ (its `packages`).
lint: install-dev
	$(UV) run ruff check src tests bench scripts
	$(UV) run ruff format --check src tests bench scripts
	$(UV) run mypy

# Deterministic: the same corpus gives the same engine file, byte for byte (src/traction_analysis/extract/learn/engine.json).
train: install-dev
	$(UV) run python -m traction_analysis.extract.learn.train $(if $(CORRECTIONS),--corrections $(CORRECTIONS),)

bench-lopo: install-dev
	$(UV) run python bench/bench_lopo.py

bench-extract: install-dev
	$(UV) run python bench/bench_extract.py

bench-diagnose: install-dev
	$(UV) run python bench/bench_diagnose.py

# The user guide's pictures: the demo on a fresh SQLite database, photographed by chromium (docs/images/).
screenshots: install-dev
	$(UV) run python scripts/screenshots.py
