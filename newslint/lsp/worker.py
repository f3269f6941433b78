"""A single daemon thread that runs lint jobs, so the event loop never waits for a rule.

Not a ThreadPoolExecutor: its threads are joined at interpreter exit, so ``exit`` would hang
behind a lint of a huge document. A daemon thread is simply dropped when the server exits.
Jobs run in order; a job whose document has moved on is skipped before it starts.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from typing import Any, Callable

log = logging.getLogger(__name__)


class LintWorker:
    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="newslint-lint", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any, wanted: Callable[[], bool] = lambda: True) -> asyncio.Future[Any]:
        """Run ``fn(*args)`` on the worker; the future resolves to None if ``wanted()`` turned False."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._jobs.put((loop, future, fn, args, wanted))
        return future

    def stop(self) -> None:
        self._jobs.put(None)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            loop, future, fn, args, wanted = job
            ok, value = True, None
            try:
                if not future.cancelled() and wanted():
                    value = fn(*args)
            except Exception as exc:  # reported to the awaiting handler, never kills the thread
                ok, value = False, exc
            try:
                loop.call_soon_threadsafe(_settle, future, ok, value)
            except RuntimeError:  # the loop is closed: the server is exiting
                return


def _settle(future: asyncio.Future[Any], ok: bool, value: Any) -> None:
    if future.done():
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)
