# pactum — `make run` and `make test` set themselves up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
EXTRAS := neural,export,html,ray,dev

.PHONY: setup run test train bench bench-deals evaluate-dev schema-check lock clean

setup: $(STAMP)

# torch comes first, pinned to the CPU build on disk: anything that pulls torch in
# later finds it satisfied instead of fetching GBs of CUDA packages.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -c requirements.lock -e ".[$(EXTRAS)]"
	touch $(STAMP)

run: setup
	@mkdir -p outputs
	$(VENV)/bin/pactum extract corpus/articles -o outputs/events.jsonl

test: setup
	$(PY) -m pytest -q

# Rebuild the trained decisions (pipeline/learned/data/decisions.json) from the labelled
# articles (../shared/gold train + dev, training/pool_labels.jsonl); prints the
# ablation table and the learning curve. Deterministic; needs ../shared.
train: setup
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

# Score the extractor on ../shared/gold/dev.jsonl (needs ../shared).
evaluate-dev: setup
	$(PY) bench/dev_eval.py

# Pin what a fresh install gets to the versions tested here.
lock:
	$(PIP) freeze --exclude-editable | grep -v '^torch==' > requirements.lock

clean:
	rm -rf $(VENV) outputs/*.jsonl .pytest_cache
