"""Diagnostic, Fix and Edit: what every rule produces and every reporter consumes.

Offsets are code-point offsets into the original text, half-open ``[start, end)``.
Line and column are computed by reporters from the document's line index, so a
diagnostic never has to be searched for again.
"""

from __future__ import annotations

import enum

from newslint.records import _set, record


class Severity(str, enum.Enum):
    """How bad a finding is; ``error`` and ``warning`` both make the exit code 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(enum.IntEnum):
    """How sure a fix is. Ordered: a mode that allows UNSAFE also allows SAFE."""

    DISPLAY_ONLY = 0
    UNSAFE = 1
    SAFE = 2

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


@record(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str

    def __init__(self, start: int, end: int, replacement: str) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "replacement", replacement)


@record(frozen=True)
class Fix:
    """A set of edits that together repair one diagnostic."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    def __init__(self, edits: tuple[Edit, ...], applicability: Applicability, title: str) -> None:
        _set(self, "edits", edits)
        _set(self, "applicability", applicability)
        _set(self, "title", title)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


@record(frozen=True)
class Diagnostic:
    """One finding of one rule at one span of one document."""

    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity
    fix: Fix | None
    suggestions: tuple[str, ...]

    def __init__(self, code: str, name: str, message: str, start: int, end: int,
                 severity: Severity = Severity.WARNING, fix: Fix | None = None, suggestions: tuple[str, ...] = ()) -> None:
        _set(self, "code", code)
        _set(self, "name", name)
        _set(self, "message", message)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "severity", severity)
        _set(self, "fix", fix)
        _set(self, "suggestions", suggestions)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)


def replace_fix(start: int, end: int, replacement: str, applicability: Applicability, title: str | None = None) -> Fix:
    """The common case: one edit that replaces one span."""
    return Fix((Edit(start, end, replacement),), applicability, title or f"Replace with {replacement!r}")
