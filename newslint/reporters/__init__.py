"""Output formats: one module per format, all fed the same results."""

from __future__ import annotations

import importlib
from collections.abc import Callable

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from typing import TextIO

    from newslint.runner import FileResult, RunOptions

Reporter = Callable[[list["FileResult"], "TextIO", "RunOptions"], None]

# format name -> module defining report(results, out, opts)
FORMATS = {
    "text": "newslint.reporters.text",
    "json": "newslint.reporters.json",
    "json-lines": "newslint.reporters.json_lines",
    "concise": "newslint.reporters.concise",
    "sarif": "newslint.reporters.sarif",
    "github": "newslint.reporters.github",
}


def get_reporter(name: str) -> Reporter:
    return importlib.import_module(FORMATS[name]).report  # type: ignore[no-any-return]
