# pactum — `make run` and `make test` set themselves up on a fresh machine.
# `make run` installs the core only (what the default extractor needs); `make test` adds the
# extras the tests need (neural, export, html, ray, train, dev), with torch's CPU build first;
# `make train` adds the train extra (scikit-learn) to the core.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
CORE   := $(VENV)/.installed-core
FULL   := $(VENV)/.installed-test
TRAINX := $(VENV)/.installed-train
EXTRAS := neural,export,html,ray,train,dev
# torch is installed before anything that pulls it in, so that it is the CPU build. A pip set up
# like this machine's finds the CPU wheel by itself; on a stock PyPI setup pass the CPU index:
#   make test TORCH_INDEX=https://download.pytorch.org/whl/cpu
TORCH       ?= torch==2.13.0
TORCH_INDEX ?=

.PHONY: setup setup-test setup-train run test train bench bench-deals evaluate-dev focus-cost schema-check lock clean

setup: $(CORE)

setup-test: $(FULL)

setup-train: $(TRAINX)

$(CORE): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -c requirements.lock -e .
	touch $(CORE)

$(FULL): $(CORE)
	$(PIP) install -q $(TORCH) $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(PIP) install -q -c requirements.lock -e ".[$(EXTRAS)]"
	touch $(FULL)

$(TRAINX): $(CORE)
	$(PIP) install -q -c requirements.lock -e ".[train]"
	touch $(TRAINX)

run: setup
	@mkdir -p outputs
	$(VENV)/bin/pactum extract corpus/articles -o outputs/events.jsonl

# The tests write nothing into the working tree: no bytecode, no pytest cache (hypothesis keeps
# no database either: tests/conftest.py), outputs under pytest's temporary folders.
test: setup-test
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m pytest -q -p no:cacheprovider

# Rebuild the trained decisions (pipeline/learned/data/decisions.json) from the labelled
# articles (../shared/gold train + dev, training/pool_labels.jsonl); prints the
# ablation table and the learning curve. Deterministic; needs the shared data (../shared, or
# $PACTUM_SHARED) and the train extra (scikit-learn).
train: setup-train
	$(PY) training/train_decisions.py --curve

bench: setup
	$(PY) bench/bench.py
	@if [ -f $(EVENTS) ]; then $(PY) bench/deals_eval.py $(EVENTS); \
	else echo "deals: no $(EVENTS) (pactum extract the Reuters corpus there, or make bench-deals EVENTS=...)"; fi

# Link an events file of the whole corpus into deals: time, memory, scores on
# ../shared/gold/deals_dev.jsonl and the largest deals (EVENTS=... the extract output).
EVENTS ?= outputs/reuters-events.jsonl
bench-deals: setup
	$(PY) bench/deals_eval.py $(EVENTS)

# Score the extractor on the dev gold of the shared data (../shared, or $PACTUM_SHARED).
evaluate-dev: setup
	$(PY) bench/dev_eval.py

# What parsing only the focus costs in recall on the train and dev gold of ../shared (never
# validation's documents): F1 of the default and of --parse-all side by side, and every gold event
# one finds and the other misses.
focus-cost: setup
	$(PY) bench/focus_cost.py

# Pin what a fresh install gets to the versions tested here (run after `make setup-test`).
lock: setup-test
	$(PIP) freeze --exclude-editable | grep -v '^torch==' > requirements.lock

clean:
	rm -rf $(VENV) outputs/*.jsonl .pytest_cache
