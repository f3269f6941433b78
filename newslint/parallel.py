"""Lint many read files, in this process or across worker processes (``--jobs``).

Why a separate module: the runner decides *what* to lint (cache misses); this decides *how*.
Results always come back in input order, so output is identical to a serial run.

Auto mode (``--jobs 0``, the default) stays in one process unless the batch is big enough
to repay starting workers and shipping texts to them (see AUTO_MIN_FILES).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from newslint.diagnostics import Diagnostic
from newslint.document import Document, Span

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.files import SourceFile

# Auto mode uses workers only for at least this many files and this many bytes to lint.
# Measured (bench/speed/run.py, "small" scenario): 1,000 articles (4 MB) lint faster in one
# process than with --jobs 2 on the 2-core benchmark machine, so the bar is set above that.
AUTO_MIN_FILES = 2000
AUTO_MIN_BYTES = 8 * 1024 * 1024

_worker_linter: "Linter | None" = None


def auto_jobs(sources: Sequence["SourceFile"]) -> int:
    """How many processes to use when the user did not say: 1 for small batches."""
    cpus = available_cpus()
    if cpus < 2 or len(sources) < AUTO_MIN_FILES or sum(s.size for s in sources) < AUTO_MIN_BYTES:
        return 1
    return min(cpus, 8)


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _init_worker(config: "Config") -> None:
    global _worker_linter
    from newslint.engine import Linter

    _worker_linter = Linter(config)


def _lint_one(item: tuple[str, str]) -> tuple[str, tuple[Span, ...], list[Diagnostic]]:
    """In a worker: lint one text; send back its format, masks and diagnostics (not the text)."""
    text, path = item
    assert _worker_linter is not None
    doc = Document.from_text(text, path)
    return doc.format, doc.masks, _worker_linter.lint(doc)


def lint_sources(linter: "Linter", sources: Sequence["SourceFile"], jobs: int = 0) -> list[tuple[Document, list[Diagnostic]]]:
    """(document, diagnostics) for each source, in order; ``jobs`` 0 = auto, 1 = this process."""
    if jobs <= 0:
        jobs = auto_jobs(sources)
    jobs = min(jobs, len(sources))
    if jobs <= 1:
        out = []
        for s in sources:
            doc = Document.from_text(s.text, s.path)
            out.append((doc, linter.lint(doc)))
        return out
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    chunk = max(1, len(sources) // (jobs * 8))
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(linter.config,)) as pool:
        answers = pool.map(_lint_one, [(s.text, s.path) for s in sources], chunksize=chunk)
    return [
        (Document(text=s.text, path=s.path, format=fmt, masks=masks), diags)
        for s, (fmt, masks, diags) in zip(sources, answers)
    ]
