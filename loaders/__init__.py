"""The loaders: read documents, parse and resolve them, and turn them into graph rows for a store.

What other packages (cypher, api) may use is listed here; everything else in loaders/ is internal to it
(tests/test_architecture.py keeps it so)."""

from loaders.departments import canonical_name
from loaders.gazetteer import load_gazetteer
from loaders.graph import cited_notice_id, graph_rows
from loaders.linking import forget_notice, relink
from loaders.linking_review import ReviewBook, review_path
from loaders.normalise import to_simplified
from loaders.pipeline import BATCH_ROWS, LoadedDocument, find_documents, load_file, load_paths, parse_file
from loaders.read import DOCUMENT_SUFFIXES, read_document
from loaders.topics import load_scheme

__all__ = [
    "BATCH_ROWS",
    "LoadedDocument",
    "ReviewBook",
    "DOCUMENT_SUFFIXES",
    "canonical_name",
    "cited_notice_id",
    "find_documents",
    "forget_notice",
    "graph_rows",
    "load_file",
    "load_gazetteer",
    "load_paths",
    "load_scheme",
    "parse_file",
    "read_document",
    "relink",
    "review_path",
    "to_simplified",
]
