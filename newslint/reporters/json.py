"""JSON output: one document, schema version 1 (documented in docs/json-schema.md; stable)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from newslint import __version__
from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.files import display_path

if TYPE_CHECKING:
    from newslint.runner import FileResult, RunOptions

SCHEMA_VERSION = 1


def _position(doc: Document, offset: int) -> dict[str, int]:
    line, column = doc.lines.position(offset)
    return {"line": line, "column": column}


def diagnostic_dict(path: str, doc: Document, d: Diagnostic) -> dict[str, Any]:
    """The stable JSON form of one diagnostic (also used by json-lines and the LSP)."""
    start = doc.lines.position(d.start)
    end = doc.lines.position(d.end)
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.label,
            "title": d.fix.title,
            "edits": [
                {
                    "start": e.start,
                    "end": e.end,
                    "replacement": e.replacement,
                    "location": _position(doc, e.start),
                    "end_location": _position(doc, e.end),
                }
                for e in d.fix.edits
            ],
        }
    return {
        "path": display_path(path, escape_controls=False),
        "line": start[0],
        "column": start[1],
        "end_line": end[0],
        "end_column": end[1],
        "start_offset": d.start,
        "end_offset": d.end,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "text": doc.text[d.start:d.end],
        "suggestions": list(d.suggestions),
        "fix": fix,
    }


def results_document(results: list["FileResult"]) -> dict[str, Any]:
    diagnostics = []
    for r in results:
        if r.doc is not None:
            diagnostics.extend(diagnostic_dict(r.path, r.doc, d) for d in r.diagnostics)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "diagnostics": diagnostics,
        "errors": [{"path": display_path(r.path, escape_controls=False), "message": r.error} for r in results if r.error],
        "summary": {
            "files": sum(1 for r in results if r.doc is not None),
            "diagnostics": len(diagnostics),
            "errors": sum(1 for r in results if r.error),
        },
    }


def report(results: list["FileResult"], out: TextIO, opts: "RunOptions") -> None:
    document = results_document(results)
    if getattr(opts, "fixing", False):  # --fix, --diff, --fix-only: how many fixes went in
        document["summary"]["fixed"] = sum(r.fixed for r in results)
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
