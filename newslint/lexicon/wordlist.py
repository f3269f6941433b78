"""The spelling dictionary's file format: sorted plain-text words plus a bucket index.

Why this shape: pre-commit starts newslint once per commit, so the dictionary must be usable
at once. ``words.txt`` is read as one string (0.2 ms; gzip'd it took 7 ms to decompress, and
splitting it into 167,000 strings or unmarshalling a frozenset 13-27 ms). ``words.idx`` lists,
for each sorted part of ``words.txt``, where the words sharing their first INDEX_KEY
characters begin; a lookup is then one dictionary get and one ``str.find`` in a bucket of
a few hundred characters (about 1.5 us, against 15 us for a bisection in Python).

Both files are written only by :func:`write_word_file` (called by scripts/build_lexicons.py);
tests/test_wordlist.py checks that the shipped files are what it writes.
"""

from __future__ import annotations

from pathlib import Path

WORDS_FILE = "words.txt"
INDEX_FILE = "words.idx"
INDEX_KEY = 3  # characters of a word that choose its bucket

Buckets = dict  # first INDEX_KEY characters -> (start, end) offsets in the text, end exclusive


def bucket_starts(words: list[str]) -> list[tuple[str, int]]:
    """(key, offset from the part's start) of each bucket of a sorted part."""
    out: list[tuple[str, int]] = []
    offset = 0
    previous = None
    for word in words:
        key = word[:INDEX_KEY]
        if key != previous:
            out.append((key, offset))
            previous = key
        offset += len(word) + 1
    return out


def write_word_file(folder: Path, header: str, parts: list[list[str]]) -> None:
    """Write ``words.txt`` (header, then each part's words, sorted, one a line) and ``words.idx``.

    ``header`` holds ``#`` lines ending with a newline; the ``# parts:`` line added here gives
    each part's word count and length in characters, so readers need not count lines.
    """
    parts = [sorted(p) for p in parts]
    sizes = " ".join(f"{len(p)}:{sum(len(w) + 1 for w in p)}" for p in parts)
    body = "".join(w + "\n" for p in parts for w in p)
    (folder / WORDS_FILE).write_bytes((header + f"# parts: {sizes}\n" + body).encode("utf-8"))
    lines = ["# bucket index of words.txt, written by newslint.lexicon.wordlist.write_word_file: one line per",
             f"# part of key/offset pairs; a key is a word's first {INDEX_KEY} characters, an offset counts",
             "# characters from the part's first word, and a bucket ends where the next one begins."]
    for p in parts:
        lines.append(" ".join(f"{key} {offset}" for key, offset in bucket_starts(p)))
    (folder / INDEX_FILE).write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def read_word_file(folder: Path) -> tuple[str, list[tuple[int, int]], list[Buckets] | None]:
    """(text of words.txt, (start, end) of each part, each part's buckets or None).

    The index is None, and lookups fall back to bisection, when ``words.idx`` is missing or
    does not fit the text: a stale index must never give wrong answers. A ``words.txt`` whose
    ``# parts:`` line does not add up is damaged package data: ValueError.
    """
    path = folder / WORDS_FILE
    text = path.read_bytes().decode("utf-8")
    start = 0
    sizes: list[int] = []
    while text.startswith("#", start):
        end = text.index("\n", start)
        if text.startswith("# parts: ", start):
            sizes = [int(s.split(":")[1]) for s in text[start + 9 : end].split()]
        start = end + 1
    parts: list[tuple[int, int]] = []
    for chars in sizes:
        parts.append((start, start + chars))
        start += chars
    if not parts or start != len(text) or not text.endswith("\n"):
        raise ValueError(f"{path}: damaged word list (its '# parts:' line does not fit the words); reinstall newslint")
    return text, parts, _read_index(folder, text, parts)


def _read_index(folder: Path, text: str, parts: list[tuple[int, int]]) -> list[Buckets] | None:
    try:
        lines = [ln for ln in (folder / INDEX_FILE).read_bytes().decode("utf-8").split("\n") if ln and not ln.startswith("#")]
    except OSError:
        return None
    if len(lines) != len(parts):
        return None
    out: list[Buckets] = []
    for line, (lo, hi) in zip(lines, parts):
        items = line.split(" ")
        keys = items[0::2]
        offsets = [lo + int(o) for o in items[1::2]]
        if not keys or offsets[0] != lo or offsets[-1] >= hi:
            return None
        # Spot checks that the index belongs to this text: each sampled bucket starts a line with its key.
        for i in range(0, len(keys), max(1, len(keys) // 16)):
            if text[offsets[i] - 1] != "\n" or not text.startswith(keys[i], offsets[i]):
                return None
        offsets.append(hi)
        out.append(dict(zip(keys, zip(offsets, offsets[1:]))))
    return out
