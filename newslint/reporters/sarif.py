"""SARIF 2.1.0 output: the format GitHub code scanning and other CI dashboards ingest.

One run; ``tool.driver.rules`` lists every registered rule with its explanation as help text,
so a viewer can explain a finding without newslint installed. Regions are 1-based lines and
columns counted in Unicode code points (``run.columnKind = "unicodeCodePoints"``), which is what
``Document.lines`` computes; fixes carry their edits as ``artifactChanges``/``replacements``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from newslint import __version__
from newslint.diagnostics import Diagnostic, Severity
from newslint.document import Document

if TYPE_CHECKING:
    from newslint.rules.base import Rule
    from newslint.runner import FileResult, RunOptions

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative (GitHub resolves them from the
    repository root), absolute ones become ``file://`` URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _region(doc: Document, start: int, end: int, snippet: bool = True) -> dict[str, Any]:
    start_line, start_col = doc.lines.position(start)
    end_line, end_col = doc.lines.position(end)
    region: dict[str, Any] = {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": start,
        "charLength": end - start,
    }
    if snippet:
        region["snippet"] = {"text": doc.text[start:end]}
    return region


def rule_descriptor(r: "Rule") -> dict[str, Any]:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.explanation.split("\n\n", 1)[0]},
        "help": {"text": r.explanation},
        "defaultConfiguration": {"enabled": r.default_enabled, "level": _LEVELS[r.severity]},
        "properties": {"fixable": r.fixable, "tags": [r.family]},
    }


def _result(path: str, doc: Document, d: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    uri = artifact_uri(path)
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(doc, d.start, d.end)}}],
    }
    if d.fix is not None:
        result["fixes"] = [{
            "description": {"text": d.fix.title},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [
                    {"deletedRegion": _region(doc, e.start, e.end, snippet=False), "insertedContent": {"text": e.replacement}}
                    for e in d.fix.edits
                ],
            }],
            "properties": {"applicability": d.fix.applicability.label},
        }]
    if d.suggestions:
        result.setdefault("properties", {})["suggestions"] = list(d.suggestions)
    return result


def sarif_log(results: list["FileResult"]) -> dict[str, Any]:
    """The whole SARIF log as a dict (kept separate from writing, for tests and embedding)."""
    from newslint.registry import all_rules

    rules = [rule_descriptor(r) for r in all_rules()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    for res in results:  # backend codes (LT:...) are not in the registry: describe them on the fly
        for d in res.diagnostics:
            if d.code not in index:
                index[d.code] = len(rules)
                rules.append({"id": d.code, "name": d.name, "shortDescription": {"text": d.name}})
    sarif_results = [
        _result(res.path, res.doc, d, index)
        for res in results if res.doc is not None
        for d in res.diagnostics
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": res.error},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(res.path)}}}],
        }
        for res in results if res.error
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "newslint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
            "results": sarif_results,
        }],
    }


def report(results: list["FileResult"], out: TextIO, opts: "RunOptions") -> None:
    json.dump(sarif_log(results), out, ensure_ascii=False, indent=2)
    out.write("\n")
