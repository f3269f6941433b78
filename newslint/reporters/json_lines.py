"""JSON Lines: one diagnostic per line, the same dict as the JSON format (streamable, greppable)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from newslint.reporters.json import diagnostic_dict

if TYPE_CHECKING:
    from newslint.runner import FileResult, RunOptions


def report(results: list["FileResult"], out: TextIO, opts: "RunOptions") -> None:
    for r in results:
        if r.doc is None:
            continue  # unreadable files are reported on stderr by the runner
        for d in r.diagnostics:
            out.write(json.dumps(diagnostic_dict(r.path, r.doc, d), ensure_ascii=False) + "\n")
