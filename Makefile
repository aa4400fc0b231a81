# KH&CN — named tasks. The two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest flags passed through, e.g. `make test PYTEST_ARGS="-k plans"`.
PYTEST_ARGS ?=
# Coverage for `make test-sqlite`, which fails under the floor in pyproject.toml
# ([tool.coverage.report] fail_under). Empty it for a partial run:
# `make test-sqlite PYTEST_ARGS="-k plans" COVERAGE_ARGS=`.
COVERAGE_ARGS ?= --cov --cov-report=term

.PHONY: help setup assets run worker demo migrate test test-sqlite test-postgres test-browser lint typecheck check-migrations check-deploy prod-check backup load bench-search clean

help:  ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed assets  ## Create the virtualenv, install Python and npm dependencies
	@# Debian packages (Chromium, LibreOffice, Tesseract OCR with Vietnamese data, poppler): installed
	@# as root; otherwise the script names what is missing and scanned PDFs are refused clearly.
	./scripts/ensure_test_deps.sh || echo "== Warning: some system packages are missing (see above)"

assets: node_modules/.installed  ## Copy front-end libraries from node_modules into static/vendor
	mkdir -p static/vendor
	cp node_modules/bootstrap/dist/css/bootstrap.min.css static/vendor/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/
	cp node_modules/chart.js/dist/chart.umd.js static/vendor/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js static/vendor/
	# axe-core: the accessibility checker the browser tests inject (tests/browser/test_layout.py).
	cp node_modules/axe-core/axe.min.js static/vendor/

migrate: setup  ## Apply database migrations
	$(PY) manage.py migrate --noinput

demo: migrate  ## Load the demo data into an empty database
	$(PY) manage.py load_demo --if-empty

run: demo  ## Set up, migrate SQLite, load demo data, start a worker and serve on http://127.0.0.1:8000
	@echo "== Background worker starting (logs: worker.log)"
	@$(PY) manage.py khcn_worker > worker.log 2>&1 & echo $$! > .worker.pid
	@trap 'kill $$(cat .worker.pid) 2>/dev/null; rm -f .worker.pid' EXIT; \
	  echo "== Open http://$(HOST):$(PORT)/ and sign in with one of the accounts above"; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

worker: setup  ## Run the background worker: daily reminders/digests + the task queue (document parsing…)
	$(PY) manage.py khcn_worker

lint: setup  ## ruff (rules and formatting)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup  ## mypy with django-stubs
	$(VENV)/bin/mypy .

check-migrations: setup  ## Fail when a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

check-deploy: setup  ## Django's deployment checks under production settings
	KHCN_ENV=production DEBUG=0 DEMO_ACCOUNTS_ENABLED=0 ALLOWED_HOSTS=khcn.example.vn \
	  SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  $(PY) manage.py check --deploy --fail-level WARNING

test-sqlite: setup  ## The whole suite on SQLite, browser tests included, with the coverage floor
	./scripts/ensure_test_deps.sh
	env -u DATABASE_URL $(VENV)/bin/pytest -q $(COVERAGE_ARGS) $(PYTEST_ARGS)

test-postgres: setup  ## The suite (without browser tests) on a real PostgreSQL server
	./scripts/with_postgres.sh $(VENV)/bin/pytest -q -m "not browser" $(PYTEST_ARGS)

prod-check: setup  ## Production stack on loopback (gunicorn x2 + worker x2 + throwaway PostgreSQL): smoke, no double work, a streaming read replica
	./scripts/with_postgres.sh $(PY) scripts/prod_check.py
	./scripts/with_postgres.sh $(PY) scripts/replica_check.py

backup: setup  ## Back up the database and MEDIA_ROOT to backups/khcn-<time>/ (restore: manage.py restore FOLDER)
	$(PY) manage.py backup

load: setup  ## Deadline-day load on the production stack (bench/load.py; last line JSON)
	./scripts/with_postgres.sh $(PY) bench/load.py

bench-search: setup  ## Registry list/search speed at 100,000 rows each, SQLite then PostgreSQL (bench/registry_search.py; last line JSON)
	$(PY) bench/registry_search.py
	./scripts/with_postgres.sh $(PY) bench/registry_search.py

test: lint typecheck check-migrations check-deploy test-sqlite test-postgres  ## Everything CI runs: lint, types, migrations, deploy check, SQLite (with coverage) and PostgreSQL suites

clean:  ## Remove the virtualenv, node_modules and local data
	rm -rf $(VENV) node_modules static/vendor staticfiles db.sqlite3* media worker.log .coverage .coverage.*
