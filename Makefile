# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup system-deps migrate seed worker lint check-deploy clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements-dev.txt
	@touch $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

setup: system-deps $(STAMP)
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py seed_demo

run: setup
	@bash scripts/run.sh $(HOST) $(PORT)

test: system-deps $(STAMP)
	@mkdir -p var
	$(PY) -m pytest $(PYTEST_ARGS)

worker: $(STAMP)
	$(VENV)/bin/celery -A thidua worker -B -l info --concurrency 2

lint: $(STAMP)
	$(VENV)/bin/ruff check .

check-deploy: $(STAMP)
	SECRET_KEY=$${SECRET_KEY:-ci-$$(date +%s)-a-long-random-secret-key-for-deploy-checks-only-0123456789} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-thidua.example.gov.vn} \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///var/deploy-check.sqlite3} \
	DJANGO_SETTINGS_MODULE=thidua.settings.production \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var
