# Two commands matter: `make run` and `make test`. Both build the virtualenv first.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: run test install bench messages clean

# migrate, demo data, then the web server, a Celery worker and beat, supervised (scripts/run_portal.py)
run: install
	$(PY) scripts/run_portal.py

# The import contract in pyproject.toml: the core imports no sibling app, its layers point one way.
LINT_IMPORTS := PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache

test: install
	$(PY) -m ruff check --quiet --select F,E9 --exclude .venv,var .
	$(LINT_IMPORTS)
	$(PY) -m pytest $(ARGS)

# The pure and database tests only, in a few minutes: no browsers, no private servers, no fuzzers
# (markers set in pyproject.toml and tests/conftest.py). `make test` stays the whole suite.
QUICK_MARKERS := not (browser or services or fuzz or faults or deployed or soak)
.PHONY: test-quick
test-quick: install
	$(PY) -m ruff check --quiet --select F,E9 --exclude .venv,var .
	$(LINT_IMPORTS)
	$(PY) -m pytest -m "$(QUICK_MARKERS)" $(ARGS)

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@python=$$(scripts/find-python) && \
	  { [ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || $$python -m venv --clear $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-* && touch $@

# Benchmarks on PostgreSQL and Redis (not part of `make test`): seeds BENCH_COMPLAINTS open
# complaints in their own database and prints each figure with the command that produced it.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/housing_bench
BENCH_BROKER_URL ?= redis://127.0.0.1:6379/2
BENCH_COMPLAINTS ?= 1000000
bench: install
	@psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))" 2>/dev/null || true
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) $(PY) manage.py migrate --noinput -v0
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) \
	  $(PY) manage.py bench_sla_routing --complaints $(BENCH_COMPLAINTS) $(ARGS)
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) STAFF_TWO_FACTOR_REQUIRED=false \
	  $(PY) manage.py bench_queue --complaints $(BENCH_COMPLAINTS)
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) STAFF_TWO_FACTOR_REQUIRED=false \
	  $(PY) manage.py bench_minister --complaints $(BENCH_COMPLAINTS)
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) $(PY) manage.py bench_intake

# Load test: 16 clients for 60 s mixing citizens sending complaints through the web form,
# citizens tracking one and staff reading the queue, against gunicorn and one Celery worker on
# PostgreSQL and Redis (its own database). Fails on any 5xx, on complaints accepted but not stored,
# or on one not routed within 60 s of the end.
LOAD_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/housing_load_test
LOAD_TEST_BROKER_URL ?= redis://127.0.0.1:6379/4
.PHONY: load-test
load-test: install
	@psql "$(dir $(LOAD_TEST_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(LOAD_TEST_DATABASE_URL))" 2>/dev/null || true
	DEBUG=true DATABASE_URL=$(LOAD_TEST_DATABASE_URL) CELERY_BROKER_URL=$(LOAD_TEST_BROKER_URL) $(PY) manage.py migrate --noinput -v0
	DEBUG=true DATABASE_URL=$(LOAD_TEST_DATABASE_URL) CELERY_BROKER_URL=$(LOAD_TEST_BROKER_URL) $(PY) manage.py seed_demo >/dev/null
	DEBUG=true DATABASE_URL=$(LOAD_TEST_DATABASE_URL) CELERY_BROKER_URL=$(LOAD_TEST_BROKER_URL) $(PY) manage.py load_test $(ARGS)

# --- Fault drills (docs/reliability.md) ----------------------------------------------------
# Not part of `make test`: each drill stops, kills or restarts PRIVATE servers it starts itself
# (a Redis, Celery workers, a PostgreSQL cluster, gunicorn) and checks nothing was lost. They need
# PostgreSQL (FAULTS_DATABASE_URL; pytest makes test_<name> from it) and redis-server; PostgreSQL's
# server programs (initdb, pg_ctl) for the restart drill. One drill: make test-faults ARGS=tests/faults/test_webhook_storm.py
FAULTS_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/housing_portal)
.PHONY: test-faults
test-faults: install
	DATABASE_URL=$(FAULTS_DATABASE_URL) REQUIRE_SERVICES=1 $(PY) -m pytest -m faults \
	  $(or $(ARGS),tests/faults)

# The soak of `make run` (not part of `make test`): scripts/run_portal.py on the embedded defaults
# in a temporary var/ for SOAK_SECONDS (default 300) with a web-form complaint every few seconds,
# and its worker killed with SIGKILL. The test database is PostgreSQL, as for the fault drills.
SOAK_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/housing_portal)
.PHONY: test-soak
test-soak: install
	DATABASE_URL=$(SOAK_DATABASE_URL) REQUIRE_SERVICES=1 $(PY) -m pytest -m soak $(or $(ARGS),tests/housing_portal)

# --- The portal as deployed (tests/deployed) ------------------------------------------------
# Not part of `make test`: collectstatic with the production storage, gunicorn with DEBUG off on
# PostgreSQL (DEPLOYED_DATABASE_URL; pytest makes test_<name> from it) and a private redis-server,
# then a crawl signed in as every staff role and as citizens; fails on any 5xx. A few minutes.
DEPLOYED_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/housing_portal)
.PHONY: test-deployed
test-deployed: install
	DATABASE_URL=$(DEPLOYED_DATABASE_URL) REQUIRE_SERVICES=1 $(PY) -m pytest -m deployed \
	  $(or $(ARGS),tests/deployed)

# Refresh the translation catalogues after changing texts, then translate the new entries
# in locale/ar/LC_MESSAGES/django.po. Needs GNU gettext (Debian: gettext).
messages: install
	DEBUG=true $(PY) manage.py makemessages --locale ar --locale en --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	DEBUG=true $(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
