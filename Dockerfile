# The API image: the project installed from pyproject.toml (with the Neo4j driver's Rust extension),
# serving on 8000. The store is chosen by IKG_STORE: the embedded default, or Neo4j (see docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY ontology ontology
COPY loaders loaders
COPY cypher cypher
COPY api api
RUN pip install --no-cache-dir ".[neo4j-rust]"
ENV IKG_STORE=ladybug:///data/graph
EXPOSE 8000
CMD ["ikg", "serve", "--host", "0.0.0.0", "--port", "8000"]
