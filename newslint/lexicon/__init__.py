"""Word knowledge: the spelling dictionary, case-aware name lexicons, dialect pairs, user words.

Loaded once per process (pre-commit runs us per commit, so start-up matters): the dictionary is
a plain sorted word list searched in place through a bucket index (read in ~1 ms, see
newslint.lexicon.wordlist); pyspellchecker's word frequencies, which rank suggestions, are
read only when a document needs them, from a file derived from pyspellchecker's own data
(newslint.lexicon.frequencies: building its SpellChecker costs 0.2-0.3 s).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections import namedtuple
from collections.abc import Iterable
from functools import cached_property, lru_cache
from itertools import repeat

from newslint.lexicon.wordlist import INDEX_KEY, bucket, find_line, read_word_file
from newslint.records import record

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from pathlib import Path

    from newslint.config import Config
    from newslint.lexicon.frequencies import Frequencies

# The shipped data folder, as a string: pathlib is not imported on the check path (~3.5 ms).
_DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def __getattr__(name: str) -> object:
    if name == "DATA":  # the data folder as a Path (for scripts and tests)
        from pathlib import Path

        return Path(_DATA_DIR)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _data(name: str) -> Path:
    from pathlib import Path

    return Path(_DATA_DIR) / name

# Files whose entries are proper nouns (flagged when written in lowercase).
PROPER_FILES = ("countries", "demonyms", "cities", "regions", "languages", "religions", "calendar", "organisations")
# Files whose entries are known words but never reported in lowercase (titles, "bn", "pct").
KNOWN_ONLY_FILES = ("titles", "abbreviations", "loanwords")

_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")


def read_entries(path: Path) -> list[str]:
    """Entries of a data file: one per line, ``#`` comments and blank lines skipped."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        import gzip

        data = gzip.decompress(data)
    lines = data.decode("utf-8").split("\n")
    # Comments are only at the top of the shipped files; one pass over big lists keeps start-up low.
    skip = 0
    while skip < len(lines) and (lines[skip].startswith("#") or not lines[skip].strip()):
        skip += 1
    return [line.strip() for line in lines[skip:] if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _word_file() -> tuple[bytes, list[tuple[int, int]], list | None]:
    """The dictionary file's bytes, its sorted parts and their bucket index (newslint.lexicon.wordlist)."""
    return read_word_file(_DATA_DIR)


def _word_text() -> tuple[str, int, int]:
    """The dictionary's words as text (one a line), the offset of the first and of the first uncommon one."""
    data, parts, _ = _word_file()
    head, common = data[: parts[0][0]].decode("utf-8"), data[parts[0][0] : parts[0][1]].decode("utf-8")
    return data[:].decode("utf-8"), len(head), len(head) + len(common)


def _word_lines() -> tuple[list[str], int]:
    """The dictionary's words (common lowercase words first) and how many are common."""
    text, start, split = _word_text()
    lines = text[start:].split("\n")
    lines.pop()
    return lines, text.count("\n", start, split)


def is_roman_numeral(word: str) -> bool:
    return bool(_ROMAN.match(word))


class DialectPair(namedtuple("DialectPair", "british american british_wrong_in_us american_wrong_in_gb")):
    """A British/American spelling pair, and whether each form is wrong in the other dialect.

    (collections.namedtuple, not typing.NamedTuple: the same class without importing typing.)
    """

    __slots__ = ()
    british: str
    american: str
    british_wrong_in_us: bool
    american_wrong_in_gb: bool


class SortedWords:
    """Membership in sorted word lists, searched in the bytes of the word file.

    Why not a frozenset: building one from 167,000 words costs more than the whole lint of an
    article. With the bucket index of newslint.lexicon.wordlist (per part: sorted keys, byte
    offsets), a lookup is one ``bisect`` and one ``bytes.find`` in a small bucket; without
    one, a binary search over the part (each part is sorted, one UTF-8 word a line).

    A long text asks many times (the first piece of a big file: ~20,000 distinct words, then
    the stems and halves NL101 tries): after _NATIVE_AFTER look-ups a native hash set of the
    words (newslint._native.WordSet: built in ~8 ms, ~0.15 us a look-up against ~2 us here)
    answers; without it, after _SET_AFTER look-ups a frozenset of every word (~38 ms to build)
    pays for itself. All three give the same answers (tests/test_native.py).
    """

    def __init__(self, data: bytes, *parts: tuple[int, int], index: "list | None" = None) -> None:
        # ``data``: bytes or a read-only mmap of them (newslint.lexicon.wordlist): only indexing,
        # slicing, find and rfind are used.
        self._data = data
        self._parts = parts  # (start, end) byte offsets of each sorted part; every word ends with "\n"
        self._index = index  # None, or (keys, start, offsets) per part: newslint.lexicon.wordlist
        self._lookups = 0
        self._switch_at = _NATIVE_AFTER  # look-ups after which a faster way is chosen (_switch)
        self._set: frozenset[str] | None = None
        self._native = None  # a newslint._native.WordSet of the parts, once switched to it

    def _switch(self) -> None:
        """A long text: from now on the native probe, else (or after very many) a frozenset."""
        self._switch_at = _SET_AFTER
        if self._lookups <= _SET_AFTER_NATIVE and self._native is None:
            from newslint import native

            nat = native.module()
            if nat is not None:
                lo, hi = min(p[0] for p in self._parts), max(p[1] for p in self._parts)
                self._native = nat.WordSet(self._data[lo:hi], [(a - lo, b - lo) for a, b in self._parts])
        if self._native is not None:
            self._switch_at = _SET_AFTER_NATIVE
        if self._lookups > self._switch_at:  # a corpus: now a set pays for itself
            self._native = None
            self._set = frozenset(w for lo, hi in self._parts for w in self._data[lo:hi].decode("utf-8").split("\n")[:-1])

    def __contains__(self, word: object) -> bool:
        if self._set is not None:
            return word in self._set
        self._lookups += 1
        if self._lookups > self._switch_at:
            self._switch()
            if self._set is not None:
                return word in self._set
        if self._native is not None:
            return bool(self._native.known((word,)))
        return self._probe(word)

    def _probe(self, word: object) -> bool:
        """The look-up in the file's bytes (the reference for the native set)."""
        if not isinstance(word, str) or "\n" in word or not word:
            return False
        data = self._data
        try:
            needle = b"\n" + word.encode("utf-8") + b"\n"  # every word stands on its own line
        except UnicodeEncodeError:  # a lone surrogate: no such word
            return False
        if self._index is not None:
            key = word[:INDEX_KEY]
            for keys, start, offsets in self._index:
                i = bisect_left(keys, key)
                if i < len(keys) and keys[i] == key:
                    lo, hi = bucket(offsets, start, i)
                    if data.find(needle, lo - 1, hi) >= 0:
                        return True
            return False
        target = needle[1:-1]
        return any(find_line(data, lo, hi, target) >= 0 for lo, hi in self._parts)

    def known_among(self, words: Iterable[str]) -> set[str]:
        """The given words that are in the lists: one C-level set intersection once the set
        exists, one native call for them all once switched to the native set."""
        if self._set is None:
            words = words if isinstance(words, (list, tuple, set, frozenset)) else list(words)
            self._lookups += len(words)
            if self._lookups > self._switch_at:
                self._switch()
        if self._set is not None:
            return self._set.intersection(words)
        if self._native is not None:
            return set(self._native.known(words))
        return set(filter(self._probe, words))

    def knows_edit_of(self, word: str, edits, letters: str) -> bool:  # type: ignore[no-untyped-def]
        """Is a listed word among ``edits(word)``: the strings one deletion, transposition of
        neighbours, substitution or insertion (of ``letters``) from ``word``, less ``word``?

        ``edits`` is the reference (newslint.rules.spelling.edits1); the native probe makes the
        same strings itself, without a Python string each (NL101 asks this of ~400 words of a
        long text, ~500 strings each).
        """
        if self._native is not None:
            found = self._native.edit_known(word, letters)
            if found is not None:  # None: a lone surrogate, left to Python
                return found
        return bool(self.known_among(edits(word)))

    def known_edits_of(self, word: str, edits, letters: str) -> set[str]:  # type: ignore[no-untyped-def]
        """The listed words among ``edits(word)`` other than ``word``: ``edits`` makes every string
        one deletion, transposition, substitution or insertion (of ``letters``) away, and the
        native set makes the same ones itself (suggestions try ~700 strings a word)."""
        if self._native is not None:
            found = self._native.known_edits(word, letters)
            if found is not None:  # None: a lone surrogate, left to Python
                return set(found)
        return self.known_among(edits(word)) - {word}

    def __len__(self) -> int:
        return sum(self._data[lo:hi].count(b"\n") for lo, hi in self._parts)


# Look-ups of one word list after which the native probe answers (when built; fewer, as in a
# short article, are answered in Python: no 1.6 MB copy at start-up), and after which a frozenset
# of every word is built without it, or with it (a corpus run: a set look-up is ~10x cheaper).
_NATIVE_AFTER = 3_000
_SET_AFTER = 20_000
_SET_AFTER_NATIVE = 300_000


@lru_cache(maxsize=1)
def _dictionary() -> SortedWords:
    text, parts, index = _word_file()
    return SortedWords(text, *parts, index=index)


@lru_cache(maxsize=1)
def _common_lowercase() -> SortedWords:
    text, parts, index = _word_file()
    return SortedWords(text, parts[0], index=index[:1] if index else None)


# The name lexicons, known-only words and dialect pairs are read at start-up from
# newslint/lexicon/tables.py, the Python-literal copy of what the parse_* functions below make
# of the data files (scripts/build_static_tables.py writes it; tests/test_static_tables.py checks
# that it is current). Parsing the files cost ~5 ms of every start.


def parse_builtin_names() -> tuple[dict[str, str], dict[tuple[str, ...], str], dict[str, str]]:
    """(single lowercase -> proper form, lowercase phrase tokens -> proper phrase, lowercase -> category)."""
    singles: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    category: dict[str, str] = {}
    for name in PROPER_FILES:
        for entry in read_entries(_data(f"{name}.txt")):
            parts = entry.split()
            if len(parts) > 1:
                phrases.setdefault(tuple(p.lower() for p in parts), entry)
                for p in parts:
                    if p[0].isupper() and p.lower() not in singles and p.lower() not in PHRASE_ONLY_PARTS:
                        singles.setdefault(p.lower(), p)
                        category.setdefault(p.lower(), name)
            else:
                singles.setdefault(entry.lower(), entry)
                category.setdefault(entry.lower(), name)
    return singles, phrases, category


# Words that are names only inside a phrase ("north" in "North Korea", "of" in "Republic of").
PHRASE_ONLY_PARTS = frozenset("""north south east west northern southern eastern western central new united great
    republic of the and kingdom states state democratic people's peoples federal islamic arab city saint st
    san santa la le el al de du da des los las island islands sea gulf peninsula horn far near middle
    upper lower coast golden federation union grand sub-saharan""".split())


def parse_known_only() -> frozenset[str]:
    out: set[str] = set()
    for name in KNOWN_ONLY_FILES:
        out.update(read_entries(_data(f"{name}.txt")))
    return frozenset(out)


def parse_dialect_pairs() -> tuple[tuple[str, str, bool, bool], ...]:
    pairs = []
    for line in read_entries(_data("dialect_pairs.tsv")):
        gb, us, gb_wrong, us_wrong = line.split("\t")
        pairs.append((gb, us, gb_wrong == "1", us_wrong == "1"))
    return tuple(pairs)


@lru_cache(maxsize=1)
def _single_fields() -> list[str]:
    """tables.SINGLES split once: lowercase, proper form, category index; repeated."""
    from newslint.lexicon import tables

    return tables.SINGLES.split()


@lru_cache(maxsize=1)
def _builtin_names() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    """(single lowercase -> proper form, lowercase phrase tokens -> proper phrase)."""
    from newslint.lexicon import tables

    fields = _single_fields()
    forms = tables.PHRASES.split("\n")[:-1]
    return dict(zip(fields[0::3], fields[1::3])), dict(zip(map(tuple, map(str.split, map(str.lower, forms))), forms))


@lru_cache(maxsize=1)
def _name_categories() -> dict[str, str]:
    """Single lowercase name -> the data file (category) it comes from."""
    from newslint.lexicon import tables

    fields = _single_fields()
    return dict(zip(fields[0::3], map(tables.CATEGORIES.__getitem__, map(int, fields[2::3]))))


@lru_cache(maxsize=1)
def _known_only() -> frozenset[str]:
    from newslint.lexicon import tables

    return frozenset(tables.KNOWN_ONLY.split("\n")[:-1])


@lru_cache(maxsize=1)
def _dialect_pairs() -> tuple[DialectPair, ...]:
    from newslint.lexicon import tables

    f = tables.DIALECT_PAIRS.split()  # british, american, flag, flag; repeated
    flag = {"0": False, "1": True}.__getitem__
    return tuple(map(DialectPair._make, zip(f[0::4], f[1::4], map(flag, f[2::4]), map(flag, f[3::4]))))


@record()
class Lexicon:
    """Everything newslint knows about words, with case-aware lookups."""

    user_words: frozenset[str]
    project_counts: dict[str, int]

    def __init__(self, user_words: frozenset[str] = frozenset(), project_counts: dict[str, int] | None = None) -> None:
        self.user_words = user_words
        self.project_counts = {} if project_counts is None else project_counts

    # -- the dictionary ----------------------------------------------------------------------
    @property
    def words(self) -> SortedWords:
        return _dictionary()

    @cached_property
    def _user_lower(self) -> frozenset[str]:
        """User and project words written in lowercase allow that lowercase form only."""
        return frozenset(w for w in self.user_words if w.islower())

    @cached_property
    def _known_memo(self) -> dict[str, bool]:
        return {}

    @cached_property
    def _memos(self) -> dict[str, dict]:
        return {}

    def memo(self, name: str) -> dict:
        """A per-lexicon cache for a rule's per-word answers (words repeat across a corpus)."""
        table = self._memos.setdefault(name, {})
        if len(table) > 100_000:
            table.clear()
        return table

    def is_known(self, word: str) -> bool:
        """Memoized :meth:`_is_known`: an article repeats its words, a corpus even more."""
        memo = self._known_memo
        hit = memo.get(word)
        if hit is None:
            if len(memo) > 200_000:
                memo.clear()
            hit = memo[word] = self._is_known(word)
        return hit

    def know_all(self, words: list[str]) -> None:
        """Decide :meth:`is_known` for many words at once (memoized as it would be one by one).

        Why: a long text asks about every distinct word once; the dictionary answers a batch in
        one call (SortedWords.known_among) instead of a Python look-up per word.
        """
        from itertools import filterfalse

        memo = self._known_memo
        new = list(dict.fromkeys(filterfalse(memo.__contains__, words)))
        if not new:
            return
        if len(memo) + len(new) > 200_000:
            memo.clear()  # all of ``words`` are decided below, so known_flags can read them all
            new = list(dict.fromkeys(words))
        from operator import and_, eq, getitem, or_

        lowers = list(map(str.lower, new))
        in_dictionary = self.words.known_among(lowers)
        # _is_known's tests, each over all the words in C: a user or known-only word, a dictionary
        # word in lowercase, or a capitalized word written exactly as a lexicon's proper form.
        listed = map(or_, map(self.user_words.__contains__, new), map(_known_only().__contains__, new))
        listed = map(or_, listed, map(in_dictionary.__contains__, lowers))
        proper = map(and_, map(str.isupper, map(getitem, new, repeat(slice(0, 1)))),
                     map(eq, map(self.proper_forms.get, lowers), new))
        memo.update(zip(new, map(or_, listed, proper)))

    def known_flags(self, words: list[str]) -> list[bool]:
        """``[self.is_known(w) for w in words]``, decided in one batch (:meth:`know_all`) and read in C."""
        self.know_all(words)
        return list(map(self._known_memo.__getitem__, words))

    def _is_known(self, word: str) -> bool:
        """A spelling the dictionary, a lexicon or the user knows (case-aware for names).

        Lowercase dictionary entries match any case; a user word matches exactly, or in
        capitalized form at a sentence start being the caller's business.
        """
        if word in self.user_words or word in _known_only():
            return True
        lower = word.lower()
        if lower in self.words:
            return True
        if word[:1].isupper() and (self.proper_form(lower) == word):
            return True
        return False

    @cached_property
    def _common_memo(self) -> dict[str, bool]:
        return {}

    def is_common_lowercase(self, word: str) -> bool:
        """True for an ordinary lowercase English word ("china", "turkey", "may").

        Memoized like :meth:`is_known`: NL202 asks it of the same words in every piece of a long text.
        """
        memo = self._common_memo
        hit = memo.get(word)
        if hit is None:
            if len(memo) > 200_000:
                memo.clear()
            hit = memo[word] = word in _common_lowercase() or word in self._user_lower
        return hit

    # -- names ---------------------------------------------------------------------------------
    @cached_property
    def _project_names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for w in self.user_words:
            if not w.islower() and w.isalpha():
                out.setdefault(w.lower(), w)
        return out

    @cached_property
    def proper_forms(self) -> dict[str, str]:
        """lowercase word -> proper spelling, built-in names first, then the project's (read only).

        Why a dict: rules ask it of every word of a text (``map(lex.proper_forms.get, words)``
        runs in C). Without project names it is the built-in table itself, not a copy.
        """
        singles, _ = _builtin_names()
        if not self._project_names:
            return singles
        merged = dict(self._project_names)
        merged.update(singles)  # a built-in name wins, as singles.get(w) or project.get(w) picked it
        return merged

    def proper_form(self, lower: str) -> str | None:
        """The built-in or project lexicon's proper spelling of a lowercase word ("nato" -> "NATO")."""
        return self.proper_forms.get(lower)

    def name_category(self, lower: str) -> str | None:
        """The built-in list a single name comes from ("london" -> "cities"), or None."""
        return _name_categories().get(lower)

    def proper_phrase(self, tokens: Iterable[str]) -> str | None:
        """The proper form of a lowercase multiword name ("north korean" -> "North Korean")."""
        return _builtin_names()[1].get(tuple(t.lower() for t in tokens))

    @cached_property
    def phrase_firsts(self) -> frozenset[str]:
        return frozenset(k[0] for k in _builtin_names()[1])

    @cached_property
    def phrase_bigrams(self) -> frozenset[tuple[str, str]]:
        """First two words of the multiword names, to try phrases only where one can start."""
        return frozenset((k[0], k[1]) for k in _builtin_names()[1])

    @cached_property
    def phrase_lengths(self) -> tuple[int, ...]:
        return tuple(sorted({len(k) for k in _builtin_names()[1]}, reverse=True))

    def is_name(self, word: str) -> bool:
        """A capitalized or all-caps name the lexicons know in exactly this form."""
        return self.proper_form(word.lower()) == word or word in self.user_words

    # -- dialects ------------------------------------------------------------------------------
    @cached_property
    def dialect_index(self) -> dict[str, tuple[str, DialectPair]]:
        """lowercase form -> ("en-GB" | "en-US", its pair)."""
        out: dict[str, tuple[str, DialectPair]] = {}
        for p in _dialect_pairs():
            out.setdefault(p.british, ("en-GB", p))
            out.setdefault(p.american, ("en-US", p))
        return out

    # -- suggestions (lazy: only when a document has an unknown word) ---------------------------
    @cached_property
    def _frequencies(self) -> Frequencies:
        # pyspellchecker's numbers from a derived file searched in place (newslint.lexicon.frequencies):
        # building its SpellChecker costs ~250 ms.
        from newslint.lexicon.frequencies import frequencies

        return frequencies()

    def frequency(self, word: str) -> int:
        """pyspellchecker's corpus frequency (0 for words it lacks, such as British forms)."""
        return self._frequencies.frequency(word)

    def candidates(self, word: str) -> list[tuple[str, int]]:
        """Known words one edit (insert, delete, substitute, transpose) away, most frequent first."""
        lower = word.lower()
        freq = self._frequencies
        if lower == lower.lower() and freq.edits_word(lower):  # edits1(lower) edits lower itself
            known = self.words.known_edits_of(lower, freq.edits1, freq.letters)
        else:
            known = self.words.known_among(freq.edits1(lower)) - {lower}
        found = [(w, self.frequency(w)) for w in known if len(w) > 1]
        found.sort(key=lambda item: (-item[1], item[0]))
        return found


def _read_user_file(path: Path) -> list[str]:
    try:
        return [w for w in read_entries(path) if " " not in w]
    except FileNotFoundError:
        from newslint.config import ConfigError

        raise ConfigError(f"{path}: dictionary file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        from newslint.config import ConfigError

        raise ConfigError(f"{path}: cannot read dictionary file: {exc}") from None


def _key(config: "Config") -> tuple:
    def stamp(p: str | None) -> tuple:
        try:
            return (p, os.stat(p).st_mtime_ns) if p else ("", 0)
        except OSError:
            return (p, -1)

    return (tuple(stamp(p) for p in config.dictionary_files), stamp(config.lexicon_file))


_CACHE: dict[tuple, Lexicon] = {}


def load_lexicon(config: "Config") -> Lexicon:
    """The lexicon for ``config``: built-ins plus user dictionaries and the project lexicon (cached)."""
    key = _key(config)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    words: set[str] = set()
    for path in config.dictionaries:
        words.update(_read_user_file(path))
    counts: dict[str, int] = {}
    if config.lexicon_file is not None and os.path.isfile(config.lexicon_file):
        from newslint.lexicon.project import read_project_lexicon

        counts = read_project_lexicon(config.lexicon_path)
        words.update(counts)
    lexicon = Lexicon(user_words=frozenset(words), project_counts=counts)
    _CACHE[key] = lexicon
    return lexicon
