"""The child process that extracts a PDF's or DOCX's text: bytes on stdin, one JSON object on stdout.

Run as `python -m loaders.formats.worker pdf|docx`. It limits its own address space before reading, so a file
that would take all memory ends in MemoryError here (reported as the file's problem) instead of in the parent.
"""

from __future__ import annotations

import json
import resource
import sys

from loaders.formats.problems import FormatProblem
from loaders.limits import limit


def main() -> int:
    kind = sys.argv[1]
    most = limit("IKG_MAX_EXTRACT_MB") * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (most, most))
    data = sys.stdin.buffer.read()
    try:
        if kind == "pdf":
            from loaders.formats.pdf import pdf_text

            answer = {"text": pdf_text(data)}
        elif kind == "docx":
            from loaders.formats.docx import docx_text

            answer = {"text": docx_text(data)}
        else:
            answer = {"problem": f"has no reader for {kind!r}"}
    except FormatProblem as exc:
        answer = {"problem": str(exc)}
    except MemoryError:
        answer = {
            "problem": f"needs more than the {most // 1024 // 1024} MB its {kind.upper()} reader may use "
            "(IKG_MAX_EXTRACT_MB)"
        }
    except RecursionError:
        answer = {"problem": f"is a {kind.upper()} nested too deeply to read"}
    except Exception as exc:  # a damaged file makes the libraries raise anything; it is the file's problem
        answer = {"problem": f"is not a readable {kind.upper()} ({type(exc).__name__}: {str(exc)[:200]})"}
    sys.stdout.write(json.dumps(answer))  # ASCII: a lone surrogate from a font map cannot break the pipe
    return 0


if __name__ == "__main__":
    sys.exit(main())
