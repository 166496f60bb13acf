# Two commands on a fresh machine with Python 3.11 and make:
#   make run    the demo site (SQLite) and the task cluster, at http://127.0.0.1:8000/
#   make test   the test suite (SQLite, or PostgreSQL when DATABASE_URL points at one)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# One worker per core; a test module stays on one worker so that its shared demo loads once.
PYTEST_ARGS ?= -n auto --dist loadfile

.PHONY: run test lint format messages install install-dev clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime
install-dev: $(VENV)/.installed-dev

messages: $(VENV)/.installed-runtime
	$(PY) bin/compile_messages.py

run: install messages
	$(PY) manage.py migrate --no-input
	WAGTAILADMIN_BASE_URL=http://$(HOST) $(PY) manage.py load_demo
	$(PY) manage.py create_demo_admin
	@echo "Site: http://$(HOST)/   English: http://$(HOST)/en/   Admin: http://$(HOST)/admin/"
	@# Ctrl-C stops both within seconds. The task cluster runs through bin/run_task_cluster.py,
	@# which says why (django-q2 hangs when every process of the group gets SIGTERM, which the
	@# old trap sent); the trap stops it when the web server ends for another reason.
	@$(PY) bin/run_task_cluster.py & tasks=$$!; \
	trap 'kill $$tasks 2>/dev/null; wait $$tasks' EXIT; \
	$(PY) manage.py runserver $(HOST)

test: install-dev messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
	find . -name '*.mo' -not -path './.venv/*' -delete
