"""Replace a derived file so that a reader sees the old bytes or the new ones, never a mix.

Why one place: the results cache, the compiled-pattern store and the derived frequency table
are written by concurrent runs and read without locks. (``--fix`` writes articles through
newslint/writer.py, which also syncs to disk, keeps permissions and refuses changed files.)
Only ``os`` is imported: ``tempfile`` costs ~5 ms of start-up.
"""

from __future__ import annotations

import os


def temp_file(folder: str) -> tuple[int, str]:
    """A new, exclusively created temporary file in ``folder``: (descriptor, path)."""
    while True:
        path = os.path.join(folder, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), path
        except FileExistsError:
            continue


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then ``os.replace`` it into place.

    The folder must exist. On any failure the temporary file is removed and the error raised.
    """
    fd, tmp = temp_file(os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


def discard(path: str) -> None:
    """Remove a temporary file left by a failed write; one that is already gone is fine."""
    try:
        os.unlink(path)
    except OSError:
        pass
