# The front door: `make run` sets everything up and serves the site; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# pytest-xdist processes for `make test` (one per core; `make test TEST_WORKERS=0` runs in one process).
TEST_WORKERS ?= auto

.PHONY: run setup test lint worker benchmark clean check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "This site needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
		  echo "Install Python 3.11+ (e.g. apt install python3.11 python3.11-venv) and run: make run PYTHON=python3.11"; exit 1; }

$(VENV)/.installed: requirements.txt requirements-dev.txt | check-python
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py sync_site_url

# One base URL (home/site_url.py): every absolute link, e-mail and .ics uses the port the site is served on.
run: export PUBLIC_BASE_URL = http://127.0.0.1:$(PORT)
# E-mails go to files; the outbox worker runs beside the server and stops with it (Ctrl-C).
run: export EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend
run: export EMAIL_FILE_PATH ?= $(CURDIR)/var/mail
run: setup
	@mkdir -p "$$EMAIL_FILE_PATH"
	@echo ""
	@echo "  Site:   $$PUBLIC_BASE_URL/"
	@echo "  Admin:  $$PUBLIC_BASE_URL/admin/"
	@echo "  E-mail: the outbox worker writes each message as a file in $$EMAIL_FILE_PATH/"
	@echo ""
	@$(PY) manage.py run_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Bytecode and pytest's rewritten test modules are cached even where the environment says not to
# (PYTHONDONTWRITEBYTECODE=1): otherwise every test process compiles the project and the tests again (~3 s).
# The files tests write (search indexes, media, pytest's tmp_path) go to a RAM disk where the machine has
# one: a search-index commit then does not wait for the disk (config/settings/test.py).
TEST_TMPDIR ?= $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm || echo $${TMPDIR:-/tmp})
test: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv >/dev/null 2>&1 || true
	TMPDIR=$(TEST_TMPDIR) PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

worker: $(VENV)/.installed
	$(PY) manage.py run_worker

clean:
	rm -rf $(VENV) db.sqlite3 var media staticfiles
