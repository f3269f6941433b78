"""Writing fixed text back to disk without ever losing data.

Why a module of its own: a linter in a pre-commit hook rewrites every article a newsroom
writes, so the write must be atomic (a crash, a full disk or a failing rename leaves the
original intact), byte-exact outside the edits (encoding, BOM, line endings, final newline)
and must refuse when the file is not what was read (changed on disk, a symlink out of the
checked tree). Every failure is a :class:`WriteError` with a one-line message.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass

from newslint.atomic import discard
from newslint.files import SourceFile

_TMP_SUFFIX = ".newslint-tmp"


class WriteError(Exception):
    """A fixed file that was not written; the message is shown as one line, the original is intact."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """``text`` encoded as ``original`` was: same codec, same BOM, same UTF-16 byte order.

    ``SourceFile.encoding`` says "utf-16" for both byte orders, so the order is taken from
    the original's BOM; Python's plain "utf-16" codec would silently switch to the native one.
    """
    if encoding == "utf-8":
        return text.encode("utf-8")
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16":
        if original.startswith(codecs.BOM_UTF16_BE):
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    raise ValueError(f"unknown encoding {encoding!r}")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def resolve_target(path: str, root: str | None) -> str:
    """The real file to write for ``path``: symlinks resolved, and never outside ``root``.

    Writing goes to the link's target so the link itself survives; a link (or a linked
    folder) that leads out of the checked tree is refused.
    """
    real = os.path.realpath(path)
    if root is not None and real != os.path.abspath(path):
        real_root = os.path.realpath(root)
        if not _inside(real, real_root):
            raise WriteError(path, f"is a symlink to {real}, outside the checked tree {root}; not written")
    return real


@dataclass(frozen=True)
class _OnDisk:
    data: bytes
    st: os.stat_result


def _read_current(source: SourceFile, real: str) -> _OnDisk:
    """The file as it is now; refuse when it is not the version that was read and fixed."""
    try:
        st = os.stat(real)
        with open(real, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise WriteError(source.path, "was removed since it was read; not written") from None
    except OSError as exc:
        raise WriteError(source.path, f"cannot re-read before writing: {exc.strerror or exc}; not written") from None
    if (st.st_size != source.size or st.st_mtime_ns != source.mtime_ns
            or hashlib.sha256(data).hexdigest() != source.raw_hash):
        raise WriteError(source.path, "changed on disk since it was read; not written (run newslint again)")
    return _OnDisk(data, st)


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    return exc.strerror or str(exc)


def _fsync_dir(folder: str) -> None:
    """Make the rename itself durable; best effort (not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_fixed(source: SourceFile, new_text: str, root: str | None = None) -> None:
    """Replace the file of ``source`` with ``new_text``, atomically and byte-exactly.

    Steps: resolve symlinks (refusing ones that leave ``root``); encode like the original and
    check the original text re-encodes to the very bytes that were read (so nothing outside
    the edits can change); write a temporary file in the same folder, flush and fsync it,
    copy the permissions; check the file on disk is still the one that was read; then
    ``os.replace``. Any failure removes the temporary file and leaves the original untouched.
    """
    real = resolve_target(source.path, root)
    current = _read_current(source, real)
    try:
        data = encode_like(new_text, source.encoding, current.data)
        exact = encode_like(source.text, source.encoding, current.data) == current.data
    except (UnicodeEncodeError, ValueError):
        exact = False
    if not exact:
        raise WriteError(source.path, f"cannot be re-encoded byte for byte as {source.encoding}; not written")
    if not os.access(real, os.W_OK) or not current.st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError(source.path, "is read-only; not written")
    folder = os.path.dirname(real) or "."
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(real) + ".", suffix=_TMP_SUFFIX)
    except OSError as exc:
        raise WriteError(source.path, f"cannot create a temporary file in {folder}: {_describe(exc)}; the file was not changed") from None
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, stat.S_IMODE(current.st.st_mode))
            if hasattr(os, "chown") and (current.st.st_uid, current.st.st_gid) != (os.stat(tmp).st_uid, os.stat(tmp).st_gid):
                try:
                    os.chown(tmp, current.st.st_uid, current.st.st_gid)
                except OSError:
                    pass  # only root may give a file away; the content is what matters
        except OSError as exc:
            raise WriteError(source.path, f"cannot write the fixed text: {_describe(exc)}; the file was not changed") from None
        _read_current(source, real)  # last check, as close to the rename as possible
        try:
            os.replace(tmp, real)
        except OSError as exc:
            raise WriteError(source.path, f"cannot replace the file: {_describe(exc)}; the file was not changed") from None
    except BaseException:
        discard(tmp)
        raise
    _fsync_dir(folder)
