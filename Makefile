# izagraph — the two commands of the README are `make demo` and `make test`.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
OUT     ?= out
DATA    := data/real data/illustrative

.PHONY: demo test setup setup-test browser neo4j-start neo4j-stop bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## The main job on the shipped data: load + validate, info, checks, maps, into out/
demo: setup
	$(BIN)/izagraph validate $(DATA)
	$(BIN)/izagraph load $(DATA)
	$(BIN)/izagraph info
	mkdir -p $(OUT)
	$(BIN)/izagraph summary -o $(OUT)/findings.md --json $(OUT)/findings.json
	$(BIN)/izagraph export -o $(OUT)/izagraph.ttl
	$(BIN)/izagraph map --all --findings -o $(OUT)/maps
	@echo "Klaar: $(OUT)/findings.md (samenvatting), $(OUT)/findings.json, $(OUT)/maps/index.html (kaarten)"

## Chromium for the browser tests of the maps (Debian's package).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi; }

neo4j-start:
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop

## The whole test suite on a fresh machine: installs, starts Neo4j, runs pytest, stops Neo4j.
test: setup browser
	scripts/neo4j-local start
	$(BIN)/pytest; status=$$?; scripts/neo4j-local stop; exit $$status

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .izagraph $(OUT) .work
