"""The one error the format readers raise: what is wrong with the file, said as the rest of a sentence."""


class FormatProblem(Exception):
    """`problem` completes "<file>: …" (e.g. "is encrypted with a password")."""
