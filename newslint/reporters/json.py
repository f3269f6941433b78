"""JSON output: one document, schema version 1 (documented in docs/json-schema.md; stable)."""

from __future__ import annotations

import json
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TextIO

from newslint import __version__
from newslint.diagnostics import Applicability, Diagnostic, Severity
from newslint.document import Document
from newslint.files import display_path

if TYPE_CHECKING:
    from newslint.runner import FileResult, RunOptions

SCHEMA_VERSION = 1


def _position(doc: Document, offset: int) -> dict[str, int]:
    line, column = doc.lines.position(offset)
    return {"line": line, "column": column}


# Enum properties once per member: ``.value`` and ``.label`` cost a Python call per finding
# (0.1 s for the 34,000 findings of a 10 MB scraped dump).
_SEVERITY = {s: s.value for s in Severity}
_LABELS = {a: a.label for a in Applicability}


def diagnostic_dict(path: str, doc: Document, d: Diagnostic) -> dict[str, Any]:
    """The stable JSON form of one diagnostic (also used by json-lines and the LSP)."""
    start = doc.lines.position(d.start)
    end = doc.lines.position(d.end)
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": _LABELS[d.fix.applicability],
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
        "path": _shown_path(path),
        "line": start[0],
        "column": start[1],
        "end_line": end[0],
        "end_column": end[1],
        "start_offset": d.start,
        "end_offset": d.end,
        "code": d.code,
        "name": d.name,
        "severity": _SEVERITY[d.severity],
        "message": d.message,
        "text": doc.text[d.start:d.end],
        "suggestions": list(d.suggestions),
        "fix": fix,
    }


@lru_cache(maxsize=64)
def _shown_path(path: str) -> str:
    """``display_path`` of a result's path, once per file rather than once per finding."""
    return display_path(path, escape_controls=False)


def results_document(results: list["FileResult"]) -> dict[str, Any]:
    diagnostics = []
    for r in results:
        if r.doc is not None:
            diagnostics.extend(diagnostic_dict(r.path, r.doc, d) for d in r.diagnostics)
    return _document(results, diagnostics, len(diagnostics))


def _document(results: list["FileResult"], diagnostics: list[dict[str, Any]], count: int) -> dict[str, Any]:
    """The JSON document around ``diagnostics`` (``count`` of them in the summary)."""
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "diagnostics": diagnostics,
        "errors": [{"path": display_path(r.path, escape_controls=False), "message": r.error} for r in results if r.error],
        "summary": {
            "files": sum(1 for r in results if r.doc is not None),
            "diagnostics": count,
            "errors": sum(1 for r in results if r.error),
        },
    }


def report(results: list["FileResult"], out: TextIO, opts: "RunOptions") -> None:
    """Write :func:`results_document`'s text, ``dumps_indented``'s layout, byte for byte.

    The findings are written one by one by :func:`diagnostic_text` (a 10 MB scraped dump has
    34,010 of them, 40 MB of JSON): building a dict per finding and walking it took ~0.9 s;
    the rest of the document is small and goes through ``dumps_indented``.
    """
    count = sum(len(r.diagnostics) for r in results if r.doc is not None)
    document = _document(results, [], count)
    if getattr(opts, "fixing", False):  # --fix, --diff, --fix-only: how many fixes went in
        document["summary"]["fixed"] = sum(r.fixed for r in results)
    text = dumps_indented(document)
    # The one '"diagnostics": []' of that text is the key's (a string value's quotes are escaped).
    head, _, tail = text.partition('"diagnostics": []')
    write = out.write
    write(head + '"diagnostics": ')
    if count:
        lead = "[\n    "
        for r in results:
            if r.doc is None:
                continue
            path = _escape(_shown_path(r.path))
            for d in r.diagnostics:
                write(lead)
                try:
                    write(diagnostic_text(path, r.doc, d))
                except TypeError:  # a value of another type (a title of None): the standard encoder
                    write(json.dumps(diagnostic_dict(r.path, r.doc, d), ensure_ascii=False, indent=2).replace("\n", "\n    "))
                lead = ",\n    "
        write("\n  ]")
    else:
        write("[]")
    write(tail)
    write("\n")


def diagnostic_text(path_json: str, doc: Document, d: Diagnostic) -> str:
    """``dumps_indented`` of ``diagnostic_dict(path, doc, d)`` as an item of the document's
    "diagnostics" list (``path_json``: the shown path, already a JSON string), built directly.

    tests/test_report_bulk.py checks it against the dict's encoding on odd texts.
    """
    starts = doc.lines.starts
    text = doc.text
    s, e = d.start, d.end
    line = bisect_right(starts, s)
    end_line = bisect_right(starts, e)
    suggestions = d.suggestions
    if suggestions:
        shown = "[\n        " + ",\n        ".join([_escape(x) for x in suggestions]) + "\n      ]"
    else:
        shown = "[]"
    fix = d.fix
    if fix is None:
        fixed = "null"
    else:
        edits = []
        for edit in fix.edits:
            a, b = edit.start, edit.end
            la, lb = bisect_right(starts, a), bisect_right(starts, b)
            edits.append(f"{{\n            \"start\": {a},\n            \"end\": {b},\n            \"replacement\": "
                         f"{_escape(edit.replacement)},\n            \"location\": {{\n              \"line\": {la},\n"
                         f"              \"column\": {a - starts[la - 1] + 1}\n            }},\n            \"end_location\": {{\n"
                         f"              \"line\": {lb},\n              \"column\": {b - starts[lb - 1] + 1}\n            }}\n          }}")
        listed = "[\n          " + ",\n          ".join(edits) + "\n        ]" if edits else "[]"
        fixed = (f"{{\n        \"applicability\": \"{_LABELS[fix.applicability]}\",\n        \"title\": {_escape(fix.title)},\n"
                 f"        \"edits\": {listed}\n      }}")
    return (f"{{\n      \"path\": {path_json},\n      \"line\": {line},\n      \"column\": {s - starts[line - 1] + 1},\n"
            f"      \"end_line\": {end_line},\n      \"end_column\": {e - starts[end_line - 1] + 1},\n"
            f"      \"start_offset\": {s},\n      \"end_offset\": {e},\n      \"code\": {_escape(d.code)},\n"
            f"      \"name\": {_escape(d.name)},\n      \"severity\": {_escape(_SEVERITY[d.severity])},\n"
            f"      \"message\": {_escape(d.message)},\n      \"text\": {_escape(text[s:e])},\n"
            f"      \"suggestions\": {shown},\n      \"fix\": {fixed}\n    }}")


def dumps_indented(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, byte for byte, about twice as fast.

    Why: with ``indent`` the standard library encodes in pure Python, one generator step per
    value (1.4 s for the 27,600 findings of a 10 MB scraped dump). This builds the same text
    with one list of pieces; strings are escaped by json's own C function. Anything but the
    plain JSON types (dict with str keys, list, tuple, str, int, float, bool, None) goes to
    ``json.dumps``.
    """
    pieces: list[str] = []
    try:
        _encode(obj, "\n", pieces)
    except _Unsupported:
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(pieces)


class _Unsupported(Exception):
    pass


_escape = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C when available


def _scalar(o: Any) -> str | None:
    """The JSON text of a plain scalar, or None for a container (or an unsupported value)."""
    t = type(o)
    if t is str:
        return _escape(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if t is int:
        return int.__repr__(o)
    if t is float and o == o and o not in (_INF, -_INF):
        return float.__repr__(o)
    return None


_INF = float("inf")


def _encode(o: Any, newline: str, out: list[str]) -> None:
    """Append the pieces of ``o`` at the nesting whose line break plus indent is ``newline``.

    Scalars inside a container are written in the container's loop (no call per value).
    """
    text = _scalar(o)
    if text is not None:
        out.append(text)
        return
    inner = newline + "  "
    t = type(o)
    if t is dict:
        if not o:
            out.append("{}")
            return
        lead = "{" + inner
        for key, value in o.items():
            if type(key) is not str:
                raise _Unsupported
            name = _KEYS.get(key)
            if name is None:
                name = _escape(key) + ": "
                if len(_KEYS) < 256:  # the schema's keys (a bound: a dict of arbitrary keys is not cached)
                    _KEYS[key] = name
            # The common scalars inline (no call per value: a 10 MB dump has 900,000 of them).
            v = type(value)
            if v is str:
                out.append(lead + name + _escape(value))
            elif v is int:
                out.append(lead + name + int.__repr__(value))
            elif value is None:
                out.append(lead + name + "null")
            else:
                text = _scalar(value)
                if text is not None:
                    out.append(lead + name + text)
                else:
                    out.append(lead + name)
                    _encode(value, inner, out)
            lead = "," + inner
        out.append(newline + "}")
    elif t is list or t is tuple:
        if not o:
            out.append("[]")
            return
        lead = "[" + inner
        for value in o:
            text = _scalar(value)
            if text is not None:
                out.append(lead + text)
            else:
                out.append(lead)
                _encode(value, inner, out)
            lead = "," + inner
        out.append(newline + "]")
    else:
        raise _Unsupported


_KEYS: dict[str, str] = {}  # a key -> its escaped text and ": "
