"""One linted version of one open document, and its findings in LSP terms.

Everything the code actions need (text, offsets, fixes) stays tied to the version that was
linted; edits built from a snapshot carry its version so a client rejects them once stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lsprotocol import types

from newslint.diagnostics import Diagnostic, Severity
from newslint.document import Document
from newslint.lsp.positions import PositionMap

if TYPE_CHECKING:
    from newslint.engine import Linter

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Snapshot:
    uri: str
    version: int | None
    doc: Document
    diagnostics: list[Diagnostic]
    pmap: PositionMap
    linter: "Linter | None" = None
    lexicon_path: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.text

    def to_lsp(self, d: Diagnostic) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.pmap.range(d.start, d.end),
            message=d.message,
            severity=_SEVERITIES.get(d.severity, types.DiagnosticSeverity.Warning),
            code=d.code,
            source="newslint",
            data={"name": d.name, "fixable": d.fix is not None},
        )

    def lsp_diagnostics(self) -> list[types.Diagnostic]:
        return [self.to_lsp(d) for d in self.diagnostics]
