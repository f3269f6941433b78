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
# Measured on the 2-core benchmark machine, idle (`--jobs 1` vs `--jobs 2`, medians of 5-7
# whole-process runs over corpus articles; docs/benchmarks.md, "--jobs N"): 10 articles (44 KB)
# 0.13 s vs 0.14 s, 20 (84 KB) 0.34 s vs 0.32 s, 50 (200 KB) 0.65 s vs 0.48 s, 1,000 (2.3 MB)
# 2.6 s vs 1.7 s. So workers from a few dozen articles; a pre-commit hook's few files stay serial.
AUTO_MIN_FILES = 40
AUTO_MIN_BYTES = 128 * 1024

_worker_linter: "Linter | None" = None


def auto_jobs(sources: Sequence["SourceFile"]) -> int:
    """How many processes to use when the user did not say: 1 for small batches, else the free CPUs.

    Free, not all: workers pay off only on idle cores (see free_cpus).
    """
    if len(sources) < AUTO_MIN_FILES or sum(s.size for s in sources) < AUTO_MIN_BYTES:
        return 1
    cpus = free_cpu_count()
    return 1 if cpus < 2 else min(cpus, 8)


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def free_cpus(cpus: int) -> int:
    """CPUs not running another task right now: ``cpus`` minus the runnable tasks other than
    this process (Linux ``/proc/loadavg``; elsewhere the one-minute load average)."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            running = int(f.read().split()[3].split("/")[0]) - 1  # this process is one of them
    except (OSError, ValueError, IndexError):
        try:
            running = int(os.getloadavg()[0])
        except (AttributeError, OSError):
            return cpus
    return max(1, cpus - max(0, running))


def free_cpu_count() -> int:
    """The CPUs this process may use that are idle now: what auto mode gives workers."""
    return free_cpus(available_cpus())


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
