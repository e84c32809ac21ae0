"""The loaders: read documents, parse and resolve them, and turn them into graph rows for a store.

What other packages (cypher, api) may use is listed here; everything else in loaders/ is internal to it
(tests/test_architecture.py keeps it so)."""

from loaders.departments import canonical_name
from loaders.gazetteer import load_gazetteer
from loaders.graph import graph_rows
from loaders.normalise import to_simplified
from loaders.pipeline import BATCH_ROWS, find_documents, load_file, load_paths, parse_file
from loaders.read import DOCUMENT_SUFFIXES, read_document
from loaders.topics import load_scheme

__all__ = [
    "BATCH_ROWS",
    "DOCUMENT_SUFFIXES",
    "canonical_name",
    "find_documents",
    "graph_rows",
    "load_file",
    "load_gazetteer",
    "load_paths",
    "load_scheme",
    "parse_file",
    "read_document",
    "to_simplified",
]
