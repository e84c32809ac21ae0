"""The government of a locality, as an organisation of the RDF export: what departments and issuing bodies are
sub-organisations of (org:subOrganizationOf).

The graph has no node for a government: a department is scoped to its jurisdiction (a Locality). The export
describes the government as a fragment of the locality's URI (`…/id/locality/500000#government`), named from
the locality's full name by the rules in ontology/data/governments.toml. Only the country and divisions with a
GB/T 2260 code have one; which those are is read from the locality id alone (loaders/gazetteer.py: `CN`, a
6-digit code, or `code@year` for an earlier period of a code), so a department's row needs no lookup."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from ontology.rdf_terms import IRI

GOVERNMENTS = Path(__file__).resolve().parent / "data" / "governments.toml"
COUNTRY_ID = "CN"
_DIVISION_ID = re.compile(r"[0-9]{6}(@[0-9]{4})?")


@cache
def _rules() -> dict:
    return tomllib.loads(GOVERNMENTS.read_text(encoding="utf-8"))


def has_government(locality_id: str | None) -> bool:
    return locality_id == COUNTRY_ID or bool(locality_id and _DIVISION_ID.fullmatch(locality_id))


def government_uri(locality: IRI) -> IRI:
    return IRI(locality + "#government")


def government_name(locality_id: str, full_name: str) -> str:
    """中华人民共和国国务院, 重庆市人民政府, 阿里地区行政公署."""
    rules = _rules()
    if locality_id == COUNTRY_ID:
        return rules["country"][0]
    for ending, suffix in rules["suffix_by_name_ending"].items():
        if full_name.endswith(ending):
            return full_name + suffix
    return full_name + rules["default_suffix"]


def is_government_name(name: str) -> bool:
    """Does an issuer as written name a government itself (重庆市人民政府), rather than one of its bodies?"""
    rules = _rules()
    return name in rules["country"] or name.endswith(
        (rules["default_suffix"], *rules["suffix_by_name_ending"].values())
    )
