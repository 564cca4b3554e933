# fenwei — make demo (try it), make test (check it), make bench (measure it).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := demo-out
STAMP := $(VENV)/.installed

.PHONY: setup demo demo-batch test lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

demo-batch: setup
	@mkdir -p $(DEMO)
	@rm -f $(DEMO)/fenwei.db $(DEMO)/fenwei.db-wal $(DEMO)/fenwei.db-shm
	$(BIN)/fenwei demo --db $(DEMO)/fenwei.db --out $(DEMO)/community.jsonl
	$(BIN)/fenwei stats --db $(DEMO)/fenwei.db
	$(BIN)/fenwei inbox --db $(DEMO)/fenwei.db --limit 8
	$(BIN)/fenwei tickets --db $(DEMO)/fenwei.db --limit 5
	$(BIN)/fenwei report --db $(DEMO)/fenwei.db --out $(DEMO)/report.html
	$(BIN)/fenwei --lang en report --db $(DEMO)/fenwei.db --out $(DEMO)/report-en.html
	@echo
	@echo "Made, in $(DEMO)/:"
	@echo "  fenwei.db        the store: events, labels, situations, drafted suggestions, tickets"
	@echo "  community.jsonl  the demo community as fenwei JSON Lines"
	@echo "  report.html      the atmosphere report (report-en.html in English): open it in a browser"
	@echo "Try: $(BIN)/fenwei inbox --db $(DEMO)/fenwei.db"
	@echo "     $(BIN)/fenwei analyze $(DEMO)/community.jsonl --json | less"

demo: demo-batch
	@echo
	@echo "Now serving the demo community: open the address below and log in with the demo account."
	@echo "Ctrl-C ends it."
	$(BIN)/fenwei serve --db $(DEMO)/fenwei.db --demo-account

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

test: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

bench: setup
	@$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(DEMO) bench/tmp .pytest_cache .ruff_cache
