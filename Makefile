# Facerouting: `make run` to use it, `make test` to prove it.
.DEFAULT_GOAL := help
.PHONY: help run serve check-deploy test test-fast bench bench-scale screenshots lighthouse \
	superuser lint format clean

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# The first Python >= 3.12 found: python3.13, python3.12, then pyenv's.
PYTHON ?= $(shell for candidate in python3.13 python3.12 \
	$$HOME/.pyenv/versions/3.13*/bin/python3.13 $$HOME/.pyenv/versions/3.12*/bin/python3.12 python3; do \
	"$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	&& { command -v "$$candidate"; break; }; done)

# Each target's `## comment` is its line in `make help`.
help: ## list these targets
	@awk -F ':.*## ' '/^[a-z][a-z-]*:.*## / {printf "make %-13s %s\n", $$1, $$2}' $(firstword $(MAKEFILE_LIST))

$(PY):
	@test -n "$(PYTHON)" || { echo "Facerouting needs Python 3.12 or newer: install python3.13 (or 3.12), or set PYTHON=/path/to/python3.13." >&2; exit 1; }
	"$(PYTHON)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamps: reinstall only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: $(VENV)/.runtime ## set everything up and serve http://127.0.0.1:8000/ (PORT= elsewhere)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py load_content
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production configuration on this machine: debug off, a secret key of
# its own (made once, kept in var/, which git ignores), static files collected
# and hashed, gunicorn. Only HTTPS is off, since 127.0.0.1 has no certificate.
SECRET_KEY_FILE := var/secret_key
SERVE_ENV = DJANGO_SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" DJANGO_HTTPS=0
WEB_CONCURRENCY ?= 2

$(SECRET_KEY_FILE): | $(PY)
	@mkdir -p $(dir $@)
	@(umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@)

serve: $(VENV)/.runtime $(SECRET_KEY_FILE) check-deploy ## the production configuration on 127.0.0.1:8000 (gunicorn; set EMAIL_HOST)
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py load_content
	$(SERVE_ENV) $(VENV)/bin/gunicorn facerouting.wsgi --bind 127.0.0.1:$(PORT) \
		--workers $(WEB_CONCURRENCY) --threads 4 --worker-class gthread \
		--no-control-socket --access-logfile -

# Before serving, Django's deploy check on the same configuration with HTTPS on,
# as production has it (with DJANGO_HTTPS=0 its HTTPS warnings hold by design).
# Without EMAIL_HOST mail goes to the console, so a password reset would print
# a live link into the server's log: the check fails on that (mail.E001).
check-deploy: $(VENV)/.runtime $(SECRET_KEY_FILE) ## the deploy check that `make serve` passes first
	@DJANGO_SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" DJANGO_HTTPS=1 \
		$(PY) manage.py check --deploy --fail-level WARNING || { \
		echo "make serve stops: production would fail Django's deploy check above." >&2; \
		echo "mail.E001 is no mail server: set EMAIL_HOST (and EMAIL_HOST_USER," >&2; \
		echo "EMAIL_HOST_PASSWORD) to your SMTP server, e.g. EMAIL_HOST=smtp.example.com make serve;" >&2; \
		echo "on this machine alone EMAIL_HOST=localhost will do (see docs/deploy.md)." >&2; \
		exit 1; }

# Two workers: the machines this runs on have two cores.
test: $(VENV)/.dev ## set everything up and run the whole test suite
	$(PY) -m pytest -n 2

# Everything but real Chromium, gunicorn under faults and the 200-example fuzzing
# (markers given by tests/conftest.py).
test-fast: $(VENV)/.dev ## the suite without the browser, fault and fuzz tests
	$(PY) -m pytest -n 2 -m "not browser and not faults and not fuzz"

# The performance budgets against the production configuration under load:
# see docs/performance.md. Needs wrk and Chromium; not part of `test`.
bench: $(VENV)/.dev ## measure the performance budgets (docs/performance.md) with wrk and Chromium
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install wrk" >&2; exit 1; }
	$(PY) -m benchmarks.bench

# The history, the exports, the player and a step change among 100,000 members
# and a million sessions, against the same on an empty database: PostgreSQL
# only (127.0.0.1:5432, user postgres), in two databases of its own that it
# drops afterwards; see docs/performance.md. Not part of `test`.
# ARGS=--keep keeps them, ARGS="--sessions 10000000" loads ten million.
bench-scale: $(VENV)/.dev ## the history, exports, player and a step change at 1M sessions (PostgreSQL)
	$(PY) -m benchmarks.scale $(ARGS)

# Phone-sized screenshots of the main pages into docs/screenshots/ (needs Chromium).
screenshots: $(VENV)/.dev ## retake the phone-sized screenshots in docs/screenshots/
	$(PY) scripts/screenshots.py

# Lighthouse on the home page, a routine, the player and the history, against
# the production configuration (needs Chromium and Node; `npm ci` installs the
# pinned Lighthouse the first time). Reports in var/lighthouse/.
lighthouse: $(VENV)/.dev ## Lighthouse on four pages against their budgets (needs Node)
	@test -x node_modules/.bin/lighthouse || npm ci
	$(PY) -m benchmarks.lighthouse

superuser: $(VENV)/.runtime ## create a staff account for /admin/
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py createsuperuser

lint: $(VENV)/.dev ## check formatting and lint with ruff
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: $(VENV)/.dev ## format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## delete the virtual environment, collected static files and caches
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
