# luoshi: `make run` and `make test` work on a fresh machine with nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-order fuzz lint bench install clean wheelhouse

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/luoshi serve --demo

# TEST_WORKERS pytest-xdist processes (default: one per CPU); tests that share a resource carry
# an xdist_group (tests/conftest.py). TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= auto
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The suite in another order (ORDER=reverse, the default, or ORDER=<seed> for a shuffle): a test
# that passes only after another one fails here. Slow tests still start first.
test-order: $(STAMP)
	LUOSHI_TEST_ORDER=$${ORDER-reverse} $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The property tests only, random seeds, FUZZ_FACTOR (default 20) times the examples; a failure
# prints the @reproduce_failure blob. `make test` runs them derandomized (tests/conftest.py).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m hypothesis -p no:cacheprovider $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks          # reading: pipeline vs floor, batch, start-up
	$(BIN)/python -m benchmarks.corpus   # corpus: reports/s on 1 and 2 workers vs floor
	$(BIN)/python -m benchmarks.web      # web: p50/p95 at 20 clients, 10k tasks, SQLite and PostgreSQL
	$(BIN)/python -m benchmarks.month_end --rates 5,10,20,40  # month-end: 20 clients, then offered rates

wheelhouse: $(STAMP)  # offline install kit: see docs/deploy.md
	PYTHON=$(BIN)/python PY_VERSIONS="$${PY_VERSIONS-3.11 3.12}" deploy/wheelhouse.sh wheelhouse

clean:
	rm -rf $(VENV) build dist *.egg-info wheelhouse wheelhouse.tar.gz
