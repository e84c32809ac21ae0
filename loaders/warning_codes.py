"""The fixed list of codes a document's warnings carry: every warning names one of these."""

from __future__ import annotations

from enum import StrEnum


class WarningCode(StrEnum):
    UNDECODABLE_BYTES = "undecodable_bytes"  # read: bytes that were not text in the file's encoding became U+FFFD
    NO_MEASURES = "no_measures"  # parse: no numbered measures or award groups (the document is kept)
    PARTIAL_LIST = "partial_list"  # parse: 等N个 — the list names only some of its recipients
    TRUNCATED_LIST = "truncated_list"  # parse: the text ends inside a list
    UNCLASSIFIED_TOPIC = "unclassified_topic"  # resolve: a measure matched no topic
    AMBIGUOUS_PLACE = "ambiguous_place"  # resolve: a name fits several places
    POSSIBLE_TYPO = "possible_typo"  # resolve: no such place, one character from one (with the suggestion)
    UNRESOLVED_PLACE = "unresolved_place"  # resolve: no such place in the gazetteer
    COUNT_MISMATCH = "count_mismatch"  # check: a total the text states differs from what was read
