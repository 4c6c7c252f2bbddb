# izagraph — the two commands of the README are `make demo` and `make test`.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP   := $(VENV)/.installed
OUT     ?= out
DATA    := data/real data/illustrative

.PHONY: demo test setup setup-run setup-test browser neo4j-start neo4j-stop bench clean

## What the demo needs: the package and its dependencies only (no test tools, no Playwright).
$(RUN_STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $(RUN_STAMP)

## Development and tests: the package plus the test extras (pytest, hypothesis, playwright).
$(STAMP): $(RUN_STAMP) pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

setup-run: $(RUN_STAMP)
setup: $(STAMP)
setup-test: $(STAMP)

## The main job on the shipped data: load + validate, info, checks, maps, into out/
demo: setup-run
	$(BIN)/izagraph validate $(DATA)
	$(BIN)/izagraph load $(DATA)
	$(BIN)/izagraph info
	mkdir -p $(OUT)
	$(BIN)/izagraph summary -o $(OUT)/findings.md --json $(OUT)/findings.json
	$(BIN)/izagraph export -o $(OUT)/izagraph.ttl
	$(BIN)/izagraph map --all --findings -o $(OUT)/maps
	$(BIN)/izagraph report -o $(OUT)/report
	@echo "Klaar: $(OUT)/findings.md (samenvatting), $(OUT)/findings.json, $(OUT)/maps/index.html (kaarten)"
	@echo "Open het landelijke beeld: $(OUT)/report/index.html"
	@echo "izagraph zelf gebruiken: $(BIN)/izagraph --help, of eerst 'source $(BIN)/activate'"

## Chromium for the browser tests of the maps (Debian's package). Outside CI a failed install only
## means the browser tests skip with their reason; in CI it fails the run.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else sudo -n apt-get update -q && sudo -n apt-get install -y -q chromium; fi; } \
	  || { [ -z "$$CI" ] && echo "chromium niet geïnstalleerd: de browsertests worden overgeslagen"; }

neo4j-start:
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop

## The whole test suite on a fresh machine: installs, starts Neo4j and the SPARQL servers (Oxigraph,
## Fuseki), runs pytest, stops them. Outside CI a server that cannot start (no Java, say) makes its tests
## skip with the reason; in CI those tests fail.
test: setup browser
	@started=; \
	if scripts/neo4j-local start; then started=1; \
	elif [ -n "$$CI" ]; then exit 1; \
	else echo "Neo4j niet gestart: de Neo4j-tests worden overgeslagen"; fi; \
	scripts/sparql-local start all || echo "SPARQL-servers niet (alle) gestart: hun tests worden overgeslagen"; \
	$(BIN)/pytest; status=$$?; \
	scripts/sparql-local stop all; \
	if [ -n "$$started" ]; then scripts/neo4j-local stop; fi; \
	exit $$status

## Benchmarks print figures (side by side in one run); they are not tests. bench_scale.py talks to the
## SPARQL servers and Neo4j when they run (scripts/sparql-local, scripts/neo4j-local).
bench: setup
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_rules.py
	$(BIN)/python benchmarks/bench_network.py
	$(BIN)/python benchmarks/bench_maps.py
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_scale.py --json $(OUT)/bench_scale.json

clean:
	rm -rf $(VENV) .izagraph $(OUT) .work
