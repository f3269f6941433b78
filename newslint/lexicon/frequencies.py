"""pyspellchecker's English word frequencies, looked up without building its dictionary.

Why: NL101 ranks its suggestions by pyspellchecker's word frequencies, and building
``SpellChecker()`` (decompressing ``en.json.gz`` and parsing 160,000 words into a dict) costs
~250 ms: five times a clean article's whole run, paid by every pre-commit hook that meets one
typo. pyspellchecker stays the one source of the numbers: the first run derives from its loaded
dictionary a compact file in the user cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``, then
``newslint/spellchecker/``), and later runs search that file in place (~1 ms to read and check
it, then a bisection per word; no parsing at start-up).

The derived file (see :func:`write_table`) is a few header lines, then ``word count`` lines
sorted by word (UTF-8 byte order is code point order, so bytes compare as the words do). Its
header holds the *source key*: sizes and CRC-32 checksums of pyspellchecker's code files and
of its English data (the gzip trailer's CRC-32 of the uncompressed JSON), so a new
pyspellchecker makes a new file; and the body's length and a CRC-32 of the header lines and
the body, checked on every load, so a truncated, edited or damaged file is never believed: it
is rebuilt. Files are written to a
temporary name and moved into place (``os.replace``): a concurrent run sees a whole old file
or a whole new one. When the cache folder is not writable, the numbers come from
pyspellchecker in memory, as before.

``edits1`` mirrors ``SpellChecker.edit_distance_1`` (the same letters, the same words it
declines to edit), so candidates need no ``SpellChecker`` either; tests/test_frequencies.py
compares both on every word and every edit set with pyspellchecker's own.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

from newslint.lexicon.wordlist import find_line

FORMAT = "newslint-frequencies 1"
LANGUAGE = "en"
# string.punctuation, which pyspellchecker never edits as a one-character word (not importing string).
_PUNCTUATION = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
# After this many distinct lookups (a long text or a corpus) a dict of all counts pays for itself.
_DICT_AFTER = 20_000


class Frequencies:
    """Word -> count, the letters of the words and the longest word's length, as pyspellchecker has them.

    ``data`` holds the sorted ``word count`` lines between ``lo`` and ``hi``; or ``counts`` is
    pyspellchecker's own dict (when no derived file could be written).
    """

    def __init__(self, letters: str, longest: int, data: bytes = b"", lo: int = 0, hi: int = 0,
                 counts: dict[str, int] | None = None) -> None:
        self.letters = letters
        self.longest = longest
        self._data, self._lo, self._hi = data, lo, hi
        self._counts = counts
        self._memo: dict[str, int | None] = {}

    def count(self, word: str) -> int | None:
        """The count of ``word`` (already lowercase), or None when pyspellchecker lacks it."""
        if self._counts is not None:
            return self._counts.get(word)
        memo = self._memo
        if word in memo:
            return memo[word]
        if len(memo) >= _DICT_AFTER:
            self._counts = self._all_counts()
            memo.clear()
            return self._counts.get(word)
        found = memo[word] = self._search(word)
        return found

    def frequency(self, word: str) -> int:
        """pyspellchecker's ``word_frequency[word]``: its count of the lowercase word, 0 if it lacks it."""
        return self.count(word.lower()) or 0

    def __contains__(self, word: str) -> bool:
        """pyspellchecker's ``word in word_frequency`` (case-insensitive)."""
        return self.count(word.lower()) is not None

    def _search(self, word: str) -> int | None:
        """The count on the line of ``word`` (a bisection over the sorted lines), or None."""
        try:
            target = word.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no such word
            return None
        if b" " in target or b"\n" in target:
            return None
        data = self._data
        space = find_line(data, self._lo, self._hi, target, b" ")
        return None if space < 0 else int(data[space + 1 : data.find(b"\n", space)])

    def _all_counts(self) -> dict[str, int]:
        lines = self._data[self._lo : self._hi].decode("utf-8").split("\n")
        lines.pop()
        return {w: int(c) for w, _, c in (line.partition(" ") for line in lines)}

    def edits1(self, word: str) -> set[str]:
        """pyspellchecker's ``SpellChecker.edit_distance_1``: every string one deletion,
        transposition, substitution or insertion (with the letters of its words) from ``word``;
        just ``{word}`` for words it does not edit (punctuation, numbers, far too long)."""
        word = word.lower()
        if not self.edits_word(word):
            return {word}
        letters = self.letters
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        deletes = [a + b[1:] for a, b in splits if b]
        transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
        inserts = [a + c + b for a, b in splits for c in letters]
        return set(deletes + transposes + replaces + inserts)

    def edits_word(self, word: str) -> bool:
        """pyspellchecker's ``SpellChecker._check_if_should_check``."""
        if len(word) == 1 and word in _PUNCTUATION:
            return False
        if len(word) > self.longest + 3:
            return False
        if word.lower() in ("nan", "inf", "infinity"):
            return True
        try:
            float(word)
            return False
        except ValueError:
            return True


# -- pyspellchecker's files and the source key ---------------------------------------------------

def spellchecker_folder() -> str | None:
    """The folder ``import spellchecker`` would load, found without importing it (~4 ms)."""
    for entry in sys.path:
        folder = os.path.join(entry or ".", "spellchecker")
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            return os.path.realpath(folder)
    from importlib.util import find_spec

    try:
        spec = find_spec("spellchecker")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    return os.path.realpath(locations[0]) if locations else None


def source_key(folder: str) -> str | None:
    """What the numbers depend on: each code file's size and CRC-32, and the English data's size
    and gzip trailer (CRC-32 and length of the JSON inside). None when a file cannot be read."""
    from zlib import crc32

    parts = [FORMAT]
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".py"))
        for name in names:
            with open(os.path.join(folder, name), "rb") as fh:
                code = fh.read()
            parts.append(f"{name}:{len(code)}:{crc32(code):08x}")
        data = os.path.join(folder, "resources", f"{LANGUAGE}.json.gz")
        with open(data, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - 8))
            trailer = fh.read(8)
    except OSError:
        return None
    parts.append(f"resources/{LANGUAGE}.json.gz:{size}:{trailer.hex()}")
    return " ".join(parts)


def cache_folder() -> str | None:
    """Where derived files live: ``$XDG_CACHE_HOME`` (or ``~/.cache``)/newslint/spellchecker,
    beside the LanguageTool jars (newslint.backends.lt_settings.default_lt_home). None when
    that is no absolute path (no home folder): never a folder relative to the article's."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "newslint", "spellchecker") if os.path.isabs(base) else None


def table_path(key: str) -> str | None:
    from zlib import crc32

    folder = cache_folder()
    return os.path.join(folder, f"{LANGUAGE}-{crc32(key.encode('utf-8')):08x}.freq") if folder else None


# -- the derived file ------------------------------------------------------------------------------

def write_table(path: str, key: str, counts: dict[str, int], letters: str, longest: int) -> None:
    """Write the derived file atomically (temporary file in the same folder, then ``os.replace``).

    ValueError when a word cannot stand on a ``word count`` line (a space or line break in it).
    """
    from zlib import crc32

    words = sorted(counts)
    # Built and checked with C-level joins and counts: a word with a space or line break in it,
    # or an empty one, shows as one space or line too many, or a line that starts with a space.
    text = "\n".join(map(" ".join, zip(words, map(str, map(int, map(counts.__getitem__, words)))))) + "\n"
    if (text.count(" ") != len(words) or text.count("\n") != len(words) or text.startswith(" ")
            or "\n " in text or "\n" in letters or "\n" in key):
        raise ValueError("pyspellchecker's words do not fit the derived file's format")
    body = text.encode()
    head = f"{FORMAT}\nkey {key}\nletters {letters}\nlongest {longest}\n".encode()
    # The checksum covers the lines above too: the letters and the length make the candidates.
    header = head + f"body {len(body)} {crc32(body, crc32(head)):08x}\n".encode()
    from newslint.atomic import write_atomic

    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_atomic(path, header + body)


def read_table(path: str, key: str) -> Frequencies | None:
    """The derived file's frequencies, or None when it is missing, for another source key,
    or damaged (its body's length or CRC-32 does not match its header)."""
    from zlib import crc32

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    lines: list[str] = []
    lo = head = 0
    while len(lines) < 5:
        end = data.find(b"\n", lo)
        if end < 0:
            return None
        lines.append(data[lo:end].decode("utf-8", "replace"))
        head, lo = lo, end + 1  # ``head``: where the body line starts, after the checksummed lines
    magic, key_line, letters_line, longest_line, body_line = lines
    if magic != FORMAT or key_line != f"key {key}":
        return None
    try:
        tag, size, check = body_line.split(" ")
        tag2, longest = longest_line.split(" ")
        if tag != "body" or tag2 != "longest" or not letters_line.startswith("letters "):
            return None
        if int(size) != len(data) - lo or int(check, 16) != crc32(memoryview(data)[lo:], crc32(data[:head])):
            return None
        return Frequencies(letters_line[len("letters "):], int(longest), data, lo, len(data))
    except ValueError:
        return None


def build(folder: str | None, key: str | None) -> Frequencies:
    """pyspellchecker's frequencies from ``SpellChecker`` itself, saved as a derived file when
    the package imported is the one the key describes and the cache folder is writable."""
    import spellchecker
    from spellchecker import SpellChecker

    wf = SpellChecker(distance=1).word_frequency
    counts, letters, longest = wf.dictionary, "".join(sorted(wf.letters)), wf.longest_word_length
    same = folder is not None and os.path.realpath(os.path.dirname(spellchecker.__file__)) == folder
    path = table_path(key) if key is not None and same else None
    if key is not None and path is not None:
        try:
            write_table(path, key, counts, letters, longest)
        except (OSError, ValueError):
            pass  # an unwritable cache or odd words: this run uses the numbers in memory
    return Frequencies(letters, longest, counts=counts)


@lru_cache(maxsize=1)
def frequencies() -> Frequencies:
    """The process's frequencies: the derived file when it is current and whole, else built."""
    folder = spellchecker_folder()
    key = source_key(folder) if folder else None
    path = table_path(key) if key is not None else None
    if key is not None and path is not None:
        table = read_table(path, key)
        if table is not None:
            return table
    return build(folder, key)
