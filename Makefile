# Two entry points: `make demo` (set up and run warta on the bundled examples) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
EXAMPLES := src/warta/examples
PIP := $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: demo test install dev bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(PIP) -e .

dev: $(BIN)/python
	$(PIP) -e '.[dev]'

demo: install
	@printf "\n== warta analyze: one article, read as a journalist would\n"
	$(BIN)/warta analyze $(EXAMPLES)/teks/tempo-banjir-semarang.txt --published 2024-03-05
	@printf "\n== warta ingest: every example (text, HTML, JSONL, RSS) into demo.db\n"
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/warta ingest $(EXAMPLES) --db demo.db
	@printf "\n== warta search: stemmed full-text search ('banjir', then 'harga' from Kompas)\n"
	$(BIN)/warta search banjir --db demo.db
	$(BIN)/warta search harga --outlet kompas.com --db demo.db
	$(BIN)/warta stats --db demo.db

test: dev
	$(BIN)/pytest

bench: dev
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/search.py

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache
