"""The graph's schema as data (node kinds with their key and properties, relationship types with their ends and
properties), from ontology/model.py: what the explorer's Cypher console shows beside the editor."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ontology.model import NODE_KINDS, RELATIONSHIPS

router = APIRouter(tags=["meta"])


@router.get("/schema", summary="Node kinds and relationship types, with their properties")
def schema() -> dict[str, list[dict[str, Any]]]:
    return {
        "nodes": [{"label": k.label, "key": k.key, "properties": k.all_properties} for k in NODE_KINDS],
        "relationships": [
            {"type": r.name, "from": r.source, "to": r.target, "properties": r.all_properties} for r in RELATIONSHIPS
        ],
    }
