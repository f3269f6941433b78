"""GitHub Actions workflow commands: findings become annotations on the pull request diff.

Format: ``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``. Escaping
follows the Actions toolkit (``@actions/core`` ``escapeData``/``escapeProperty``): in the message
``%``, ``\\r`` and ``\\n``; in properties also ``:`` and ``,``. Errors and warnings both fail a
newslint run, so both become ``::error``; info findings become ``::notice``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from newslint.diagnostics import Severity

if TYPE_CHECKING:
    from newslint.runner import FileResult, RunOptions

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "error", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: object) -> str:
    """One workflow command line; properties with None values are left out."""
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + fields if fields else ''}::{escape_data(message)}"


def report(results: list["FileResult"], out: TextIO, opts: "RunOptions") -> None:
    for r in results:
        if r.error:
            out.write(command("error", f"newslint could not check this file: {r.error}", file=r.path, title="newslint") + "\n")
            continue
        if r.doc is None:
            continue
        for d in r.diagnostics:
            line, col = r.doc.lines.position(d.start)
            end_line, end_col = r.doc.lines.position(d.end)
            out.write(command(
                _COMMANDS[d.severity], f"{d.code} {d.name}: {d.message}",
                file=r.path, line=line, col=col, endLine=end_line, endColumn=end_col, title=d.code,
            ) + "\n")
