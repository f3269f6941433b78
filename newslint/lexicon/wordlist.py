"""The spelling dictionary's file format: sorted plain-text words plus a bucket index.

Why this shape: pre-commit starts newslint once per commit, so the dictionary must be usable
at once. ``words.lst`` (UTF-8, one word a line, in sorted parts) is read as bytes and never
decoded (0.2 ms; gzip'd it took 7 ms to decompress, and splitting it into 167,000 strings
or unmarshalling a frozenset 13-27 ms). ``words.idx`` lists, for each part, the first
INDEX_KEY characters of its words (sorted, one entry per run) and the byte offset where each
run starts, as fixed-width hexadecimal read only for the bucket a lookup needs (converting
7,000 numbers at start-up cost ~1.5 ms); a lookup is then one ``bisect`` over the keys, two
small ``int()`` and one ``bytes.find`` in a bucket of a few hundred bytes (about 1.5 us,
against 15 us for a bisection in Python).

Both files are written only by :func:`write_word_file` (called by scripts/build_lexicons.py);
tests/test_wordlist.py checks that the shipped files are what it writes.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from pathlib import Path

WORDS_FILE = "words.lst"  # not .txt: a data file must not look like an article to `newslint check .`
INDEX_FILE = "words.idx"
INDEX_KEY = 3  # characters of a word that choose its bucket
OFFSET_DIGITS = 6  # hexadecimal digits of each offset in words.idx (parts up to 16 MB)

# One part's index: its sorted keys, the part's start in the file, and the offsets from there
# of each key's bucket plus the part's end, OFFSET_DIGITS hex digits each (bucket i spans
# offsets i and i + 1): see bucket().
Buckets = tuple  # (list[str], int, str)


def bucket(offsets: str, start: int, i: int) -> tuple[int, int]:
    """Start and end in the file of bucket ``i`` of a part that starts at ``start``."""
    at = OFFSET_DIGITS * i
    return (start + int(offsets[at : at + OFFSET_DIGITS], 16),
            start + int(offsets[at + OFFSET_DIGITS : at + 2 * OFFSET_DIGITS], 16))


def find_line(data: bytes, lo: int, hi: int, key: bytes, end: bytes = b"\n") -> int:
    """Bisection over the sorted, newline-ended lines of ``data[lo:hi]``, each keyed by its bytes
    up to ``end``: where the key ends in the line whose key is ``key``, or -1.

    Each step reads the line around the middle byte. Shared by the word list (a word a line) and
    the derived frequency table (newslint.lexicon.frequencies: "word count" lines, ``end`` b" ").
    """
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", lo, mid) + 1 or lo
        stop = data.find(end, start)
        found = data[start:stop]
        if found == key:
            return stop
        if key < found:
            hi = start
        else:
            lo = data.find(b"\n", stop) + 1
    return -1


def bucket_starts(words: list[str]) -> list[tuple[str, int]]:
    """(key, byte offset from the part's start) of each bucket of a sorted part."""
    out: list[tuple[str, int]] = []
    offset = 0
    previous = None
    for word in words:
        key = word[:INDEX_KEY]
        if key != previous:
            out.append((key, offset))
            previous = key
        offset += len(word.encode("utf-8")) + 1
    return out


def write_word_file(folder: Path | str, header: str, parts: list[list[str]]) -> None:
    """Write ``words.lst`` (header, then each part's words, sorted, one a line) and ``words.idx``.

    ``header`` holds ``#`` lines ending with a newline; the ``# parts:`` line added here gives
    each part's word count and length in bytes, so readers need not count lines.
    """
    parts = [sorted(p) for p in parts]
    if any(not w or "\n" in w or " " in w for p in parts for w in p):
        raise ValueError("words must be non-empty and hold no space or line break")
    sizes = " ".join(f"{len(p)}:{sum(len(w.encode('utf-8')) + 1 for w in p)}" for p in parts)
    body = "".join(w + "\n" for p in parts for w in p)
    _write(folder, WORDS_FILE, header + f"# parts: {sizes}\n" + body)
    lines = ["# bucket index of words.lst, written by newslint.lexicon.wordlist.write_word_file: two lines",
             f"# per part, the sorted keys (the first {INDEX_KEY} characters of its words) and the byte offsets,",
             "# from the part's first word, where each key's words begin and where the part ends",
             f"# ({OFFSET_DIGITS} hexadecimal digits each; a bucket ends where the next one begins)."]
    for p in parts:
        starts = bucket_starts(p)
        size = sum(len(w.encode("utf-8")) + 1 for w in p)
        if size >= 16 ** OFFSET_DIGITS:
            raise ValueError("a part of the word list is too big for its index")
        lines.append(" ".join(key for key, _ in starts))
        lines.append("".join(f"{offset:0{OFFSET_DIGITS}x}" for offset in [*(o for _, o in starts), size]))
    _write(folder, INDEX_FILE, "\n".join(lines) + "\n")


def _write(folder: Path | str, name: str, text: str) -> None:
    with open(os.path.join(folder, name), "wb") as fh:
        fh.write(text.encode("utf-8"))


def _read(folder: Path | str, name: str) -> bytes:
    with open(os.path.join(folder, name), "rb") as fh:
        return fh.read()


def _map(folder: Path | str, name: str) -> bytes:
    """The file's bytes, memory-mapped when the system allows (reading all 1.6 MB cost ~0.9 ms;
    a lookup touches a page or two), else read. Used with indexing, slicing and find only.
    Not on Windows, where a mapped file cannot be replaced (an upgrade while the language
    server runs)."""
    with open(os.path.join(folder, name), "rb") as fh:
        if os.name == "nt":
            return fh.read()
        try:
            import mmap

            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)  # type: ignore[return-value]
        except (ImportError, OSError, ValueError):
            return fh.read()


def read_word_file(folder: Path | str) -> tuple[bytes, list[tuple[int, int]], list[Buckets] | None]:
    """(bytes of words.lst, (start, end) byte offsets of each part, each part's index or None).

    The bytes are a read-only memory map where possible (see _map): index, slice and find them.

    The index is None, and lookups fall back to bisection, when ``words.idx`` is missing or
    does not fit the text: a stale index must never give wrong answers. A ``words.lst`` whose
    ``# parts:`` line does not add up is damaged package data: ValueError.
    """
    data = _map(folder, WORDS_FILE)
    start = 0
    sizes: list[int] = []
    while data[start : start + 1] == b"#":
        end = data.find(b"\n", start)
        if end < 0:
            break
        if data[start : start + 9] == b"# parts: ":
            sizes = [int(s.split(b":")[1]) for s in data[start + 9 : end].split()]
        start = end + 1
    parts: list[tuple[int, int]] = []
    for size in sizes:
        parts.append((start, start + size))
        start += size
    if not parts or start != len(data) or data[-1:] != b"\n":
        raise ValueError(f"{os.path.join(folder, WORDS_FILE)}: damaged word list (its '# parts:' line does not fit the words); reinstall newslint")
    return data, parts, _read_index(folder, data, parts)


def _read_index(folder: Path | str, data: bytes, parts: list[tuple[int, int]]) -> list[Buckets] | None:
    try:
        text = _read(folder, INDEX_FILE).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = [ln for ln in text.split("\n") if ln and not ln.startswith("#")]
    if len(lines) != 2 * len(parts):
        return None
    out: list[Buckets] = []
    for k, (lo, hi) in enumerate(parts):
        keys, offsets = lines[2 * k].split(" "), lines[2 * k + 1]
        if len(offsets) != OFFSET_DIGITS * (len(keys) + 1):
            return None
        try:
            if bucket(offsets, lo, 0)[0] != lo or bucket(offsets, lo, len(keys) - 1)[1] != hi:
                return None
            # Spot checks that the index belongs to this text: sampled buckets start a line with their key.
            for i in range(0, len(keys), max(1, len(keys) // 16)):
                start = bucket(offsets, lo, i)[0]
                key = keys[i].encode("utf-8")
                if data[start - 1] != 10 or data[start : start + len(key)] != key:
                    return None
        except ValueError:  # not hexadecimal
            return None
        out.append((keys, lo, offsets))
    return out
