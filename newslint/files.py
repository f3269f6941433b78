"""Reading the files to lint safely (which files: newslint.discovery).

Every problem with an input becomes an :class:`InputError` with a one-line message;
nothing here lets a traceback reach the user.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat

from newslint.records import _set, record

_BINARY_SNIFF = 8192


class InputError(Exception):
    """A path that cannot be linted; the message is shown as one line."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@record(frozen=True)
class SourceFile:
    """A decoded file plus what is needed to write it back byte for byte."""

    path: str
    text: str
    encoding: str  # "utf-8", "utf-8-sig" or "utf-16"
    raw_hash: str
    size: int
    mtime_ns: int

    def __init__(self, path: str, text: str, encoding: str, raw_hash: str, size: int, mtime_ns: int) -> None:
        _set(self, "path", path)
        _set(self, "text", text)
        _set(self, "encoding", encoding)
        _set(self, "raw_hash", raw_hash)
        _set(self, "size", size)
        _set(self, "mtime_ns", mtime_ns)

    @property
    def bom(self) -> bool:
        return self.encoding in ("utf-8-sig", "utf-16")


def display_path(path: str, escape_controls: bool = True) -> str:
    """``path`` made safe to print on one line of UTF-8 output.

    Names are bytes to the OS: undecodable bytes (kept by Python as lone surrogates) are
    shown as ``\\xNN`` and control characters (a newline in a file name would split an
    error message; an escape sequence would drive the terminal) as ``\\n``, ``\\x1b``...
    JSON output passes ``escape_controls=False``: JSON escapes those itself, losslessly.
    """
    try:
        text = os.fsencode(path).decode("utf-8", "backslashreplace")
    except (UnicodeError, ValueError):
        text = path.encode("utf-8", "backslashreplace").decode("ascii")
    if not escape_controls or text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Text and encoding of ``data``: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 at byte {exc.start}") from None
    else:
        encoding, body = "utf-8", data
    if b"\x00" in body[:_BINARY_SNIFF]:
        raise InputError(path, "looks like a binary file (NUL byte found); skipped")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        raise InputError(
            path,
            f"not valid UTF-8: byte 0x{data[offset]:02x} at offset {offset}; convert the file to UTF-8",
        ) from None
    return text, encoding


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` in hex, without importing hashlib for small inputs.

    Why: hashlib loads OpenSSL (~3 ms of every start); CPython's built-in SHA-256 module
    gives the same digest but hashes about 7x slower, so it is used for inputs under 1 MB
    (a news article: microseconds) and hashlib for the rest.
    """
    if len(data) < 1 << 20:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]  # Python <= 3.11
        except ImportError:
            try:
                from _sha2 import sha256  # type: ignore[import-not-found,no-redef]  # Python 3.12+
            except ImportError:
                from hashlib import sha256  # type: ignore[no-redef]
    else:
        from hashlib import sha256  # type: ignore[no-redef]
    return sha256(data).hexdigest()


def _too_big(path: str, size: int, max_size: int) -> InputError:
    return InputError(path, f"file is {size / 1048576:.0f} MB, over the {max_size / 1048576:.0f} MB limit (max-file-size-mb)")


def read_source(path: str, max_size: int) -> SourceFile:
    """Read and decode ``path``; every failure is an InputError.

    The file is opened without blocking and checked with ``fstat`` on the open descriptor:
    a FIFO or a device that matches ``*.txt`` would otherwise hang the run or never end,
    and checking the name first would race with a file replaced meanwhile. At most
    ``max_size + 1`` bytes are read, so a file that grows during the run stays bounded.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise InputError(path, "is a directory")
            if not stat.S_ISREG(st.st_mode):
                raise InputError(path, "not a regular file (a pipe, socket or device); skipped")
            if st.st_size > max_size:
                raise _too_big(path, st.st_size, max_size)
            data = fh.read(max_size + 1)
            if len(data) > max_size:
                raise _too_big(path, len(data), max_size)
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(path, "broken symbolic link (its target does not exist)") from None
        raise InputError(path, "no such file (removed during the run?)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop") from None
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode(data, path)
    return SourceFile(
        path=path,
        text=text,
        encoding=encoding,
        raw_hash=sha256_hex(data),
        size=len(data),
        mtime_ns=st.st_mtime_ns,
    )
