# Every target bootstraps .venv by itself on a fresh clone and reinstalls when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
JS_DIR := tests/interop/js
JS_STAMP := $(JS_DIR)/node_modules/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: demo test check serve venv js clean bench browser postgres webapp

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[server,dev]'
	touch $@

# The official amazon-cognito-identity-js from npm, for the interop tests.
js: $(JS_STAMP)

$(JS_STAMP): $(JS_DIR)/package.json $(JS_DIR)/package-lock.json
	cd $(JS_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (tests/web), installed with apt when missing. Without
# root or apt it only warns: the browser tests then fail, naming this target.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	      >/tmp/cognito-identity-apt.log 2>&1 || { cat /tmp/cognito-identity-apt.log; exit 1; }; \
	  else \
	    echo "make browser: $(CHROMIUM) is missing; as root: apt-get install chromium" >&2; \
	  fi; \
	fi

# PostgreSQL's initdb/pg_ctl for the tests that run the store on a throwaway cluster
# (tests/postgres.py); installed with apt when missing, like the browser.
postgres:
	@if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's postgresql for the PostgreSQL tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) \
	      >/tmp/cognito-identity-apt.log 2>&1 || { cat /tmp/cognito-identity-apt.log; exit 1; }; \
	  else \
	    echo "make postgres: initdb is missing; as root: apt-get install postgresql" >&2; \
	  fi; \
	fi

demo: $(STAMP)
	$(VENV)/bin/cognito-identity demo

test: $(STAMP) $(JS_STAMP) browser postgres
	$(PY) -m pytest

check: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts bench examples
	$(VENV)/bin/ruff format --check src tests scripts bench examples
	$(VENV)/bin/mypy

serve: $(STAMP)
	$(VENV)/bin/cognito-identity serve

# The example web app (examples/webapp) and a local user pool server, in one process.
webapp: $(STAMP)
	$(PY) -m examples.webapp

# Benchmarks print tables and write bench/RESULTS.md; run them on a quiet machine.
bench: $(STAMP) $(JS_STAMP)
	$(PY) bench/import_time.py
	$(PY) bench/srp_client.py
	$(PY) bench/server_cost.py
	$(PY) bench/server_throughput.py

clean:
	rm -rf $(VENV) $(JS_DIR)/node_modules .pytest_cache .mypy_cache .ruff_cache
