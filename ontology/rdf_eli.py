"""ELI identifiers of notices, built from the 文号 (issuing organ's code, year, number), and back.

A 文号 such as 渝府办发〔2022〕74号 names the issuing organ (渝府办发: the General Office of the Chongqing
government), the year and the number, and is unique in the country: it is what the loader keys a notice on
(its id is a hash of it). The ELI follows the ELI template jurisdiction/agent/year/number:
`{base}/eli/cn/渝府办发/2022/74` (the agent percent-encoded). The hash id stays the node's key and its URI; the
ELI is the same resource (owl:sameAs) and answers 303 to the notice's document."""

from __future__ import annotations

import re
from urllib.parse import quote

from ontology.rdf_terms import IRI

JURISDICTION = "cn"
# The loader writes every 文号 in this one form (loaders/parse/metadata.py): prefix〔year〕number号.
_DOC_NUMBER = re.compile(r"(?P<agent>[\u4e00-\u9fff]{1,12})〔(?P<year>\d{4})〕(?P<number>\d{1,4})号")


def eli_path(doc_number: str | None) -> str | None:
    """`eli/cn/{agent}/{year}/{number}`, or None when the 文号 is not of the usual form."""
    m = _DOC_NUMBER.fullmatch(doc_number or "")
    if m is None:
        return None
    return f"eli/{JURISDICTION}/{quote(m['agent'], safe='')}/{m['year']}/{int(m['number'])}"


def eli_uri(base: str, doc_number: str | None) -> IRI | None:
    path = eli_path(doc_number)
    return IRI(f"{base}/{path}") if path else None


def doc_number(agent: str, year: str, number: str) -> str | None:
    """The 文号 an ELI's parts stand for, or None when they cannot be one."""
    candidate = f"{agent}〔{year}〕{number.lstrip('0') or '0'}号"
    return candidate if _DOC_NUMBER.fullmatch(candidate) else None
