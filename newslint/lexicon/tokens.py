"""Words of a document as the spelling and name rules see them, with the context they need.

Why one place: spelling, name and case rules must agree on what a word is (apostrophes,
hyphens, "£4.8bn", "79th", "U.S.") and on what counts as a sentence start or a headline.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import accumulate, compress, islice
from collections import namedtuple
from collections.abc import Iterator

from newslint.document import Document
from newslint.records import _set, record

APOSTROPHES = "'’‘ʼ`"
_WORD = re.compile(r"[^\W\d_](?:[\w'’ʼ\-.]*[^\W_])?")
_CONTRACTION = re.compile(r"['’ʼ](?:s|t|re|ve|ll|d|m)$", re.I)
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")


class Token(namedtuple("Token", "text start end sentence_start headline base")):
    """A word with its span and where it stands (a named tuple: a long article has 100,000 of them;
    collections.namedtuple rather than typing.NamedTuple, which would import typing at start-up)."""

    __slots__ = ()
    text: str
    start: int
    end: int
    sentence_start: bool
    headline: bool
    base: str  # without possessive or contraction ending, apostrophes straightened

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper() and (len(self.text) == 1 or self.text[1:2].islower())


def base_form(word: str) -> str:
    """The word without a possessive or contraction ending, apostrophes straightened."""
    if not any(a in word for a in APOSTROPHES):
        return word
    w = word
    for a in "’ʼ‘`":
        w = w.replace(a, "'")
    if _CONTRACTION.search(w) and w.lower() not in ("it's",):
        stripped = _CONTRACTION.sub("", w)
        if stripped:
            return stripped if not w.lower().endswith("n't") else w
    if w.endswith("s'"):
        return w[:-1]
    return w.rstrip("'")


def is_name_compound(token: "Token", known) -> bool:  # type: ignore[no-untyped-def]
    """A hyphenated name such as "Jong-un", "Ka-shing" or "Seong-kweun": its lowercase parts are not words.

    The first part must be capitalized; at a sentence start it must also be unknown to the
    dictionary (``known``), so that "Anti-government" opening a sentence is still checked.
    """
    word = token.text
    if "-" not in word:
        return False
    first = word.split("-", 1)[0]
    if not first[:1].isupper() or first.isupper():
        return False
    return not (token.sentence_start or token.headline) or not known(first)


def headline_span(doc: Document) -> tuple[int, int] | None:
    """The first paragraph when it reads like a headline: short and without a closing period.

    None for a piece of a big text after the first (newslint.chunking.PieceDocument).
    """
    if not doc.paragraphs or getattr(doc, "continues", False):
        return None
    s, e = doc.paragraphs[0]
    text = doc.prose[s:e].strip()
    if text and len(text.split()) <= 16 and not text.endswith((".", "?", "!", ":", "”", '"')):
        return s, e
    return None


@lru_cache(maxsize=8)
def sentence_start_list(doc: Document) -> tuple[int, ...]:
    """``sentence_starts(doc)`` computed once per document for every rule that needs them."""
    from newslint import native
    from newslint.rules.sentence_start import ABBREVIATIONS, _is_abbreviation, sentence_starts

    nat = native.module()
    if nat is not None:  # the same offsets from the native scan (docs/native.md); None: lone surrogates
        starts = nat.sentence_starts(doc.prose, doc.paragraphs, _is_abbreviation, ABBREVIATIONS)
        if starts is not None:
            return tuple(starts)
    return tuple(sentence_starts(doc))


@lru_cache(maxsize=8)
def _starts(doc: Document) -> frozenset[int]:
    return frozenset(sentence_start_list(doc))


class TokenTable:
    """A document's words, stored compactly: a vocabulary, and per token a word id, a start and flags.

    Why: a 50 MB file has millions of words; Token objects for all of them would take gigabytes.
    Rules ask the vocabulary first (every distinct word once) and visit only the tokens of the
    words that need a closer look, which is also what makes long texts fast.
    """

    SENTENCE_START, HEADLINE = 1, 2

    def __init__(self, doc: Document) -> None:
        from newslint import native

        scanned = None
        nat = native.module()
        if nat is not None:  # the same table from the Rust scan (docs/native.md); None: lone surrogates
            scanned = nat.token_table(doc.prose, sentence_start_list(doc), headline_span(doc))
            if scanned is not None:
                from array import array

                vocab, index, ids, start_bytes, flags = scanned
                starts = array("q")
                starts.frombytes(start_bytes)
        if scanned is None:
            vocab, index, ids, starts, flags = _python_table(doc)
        self.vocab: list[str] = vocab
        self.index: dict[str, int] = index
        # A list, not an array: its items are the index's own int objects (8 bytes a token, as
        # an array), and scans over it (``uses``, Counter) need not box an int per token.
        self.ids: list[int] = ids
        self.starts = starts
        self.flags: bytearray = flags
        # base_form changes only words with an apostrophe (a few in a hundred): those are found
        # by a C-level search, the rest are their own base (10,000 calls cost ~10 ms a piece).
        bases = list(vocab)
        for i in compress(range(len(bases)), map(_APOSTROPHE.search, bases)):
            bases[i] = base_form(bases[i])
        self.bases = bases

    def __len__(self) -> int:
        return len(self.ids)

    def token(self, i: int) -> Token:
        wid, start, flag = self.ids[i], self.starts[i], self.flags[i]
        word = self.vocab[wid]
        return Token(word, start, start + len(word), bool(flag & 1), bool(flag & 2), self.bases[wid])

    def __iter__(self) -> Iterator[Token]:
        return (self.token(i) for i in range(len(self.ids)))

    def where(self, word_ids: set[int]) -> Iterator[tuple[int, Token]]:
        """(index, token) of every use of the given words, in text order."""
        if not word_ids:
            return
        token = self.token
        if len(word_ids) == 1:  # one word: array.index runs in C from one use to the next
            (only,) = word_ids
            ids, i = self.ids, -1
            while True:
                try:
                    i = ids.index(only, i + 1)
                except ValueError:
                    return
                yield i, token(i)
        for i in self.uses(word_ids):
            yield i, token(i)

    def uses(self, word_ids: set[int] | frozenset[int]) -> list[int]:
        """Indices of every use of the given words, in text order (C-level: no Python call per token)."""
        if not word_ids:
            return []
        from newslint import native

        nat = native.module()
        if nat is not None and 0 <= min(word_ids) and max(word_ids) < len(self.vocab):
            # The native scan reads the ids packed once per table, and the wanted words as one
            # byte per vocabulary word (docs/native.md): no set look-up per token.
            packed = self.__dict__.get("_packed_ids")
            if packed is None:  # array("q", self.ids).tobytes(), read by the native side (faster)
                packed = self.__dict__["_packed_ids"] = nat.pack_ids(self.ids)
            wanted = bytearray(len(self.vocab))
            for w in word_ids:
                wanted[w] = 1
            return nat.uses(packed, bytes(wanted))
        return list(compress(range(len(self.ids)), map(word_ids.__contains__, self.ids)))

    def word_counts(self) -> Counter[int]:
        """Uses of each word id (counted once per table, in C)."""
        counts = self.__dict__.get("_counts")
        if counts is None:
            counts = self.__dict__["_counts"] = Counter(self.ids)
        return counts

    def ids_of(self, keep) -> set[int]:  # type: ignore[no-untyped-def]
        """Ids of the vocabulary words for which ``keep(word)`` is true."""
        return {i for i, w in enumerate(self.vocab) if keep(w)}


def _python_table(doc: Document) -> tuple[list[str], dict[str, int], list[int], "array[int]", bytearray]:
    """What :class:`TokenTable` stores, computed in Python (the reference for the native scan).

    Bulk operations in C instead of a Python loop per word (why: a 10 MB file has 1.7
    million words; the loop took 1.52 s of CPU, this 1.17 s, 0.5 s of it the regex).
    ``re.split`` with the word pattern as a group gives the same matches as ``finditer``,
    alternating with the separators between them; summed lengths give each word's start. A word is dropped
    for what touches it (see :func:`_scan`, which stays the reference): that depends only
    on the separator before it and the one after it, and the separators of a text are
    few distinct strings, so each is judged once.
    """
    from array import array

    text = doc.prose
    parts = _SPLIT.split(text)
    words = parts[1::2]
    seps = parts[0::2]
    # Each word starts where the text before it (all parts up to its separator) ends; the
    # running sums are read off as they come (no list of every part's offset).
    starts = array("l", islice(accumulate(map(len, parts)), 0, 2 * len(words), 2))
    del parts
    if words:
        distinct = set(seps)
        bad_before = {sep for sep in distinct if not _ok_before(sep)}
        bad_after = {sep for sep in distinct if not _ok_after(sep)}
        dropped: set[int] = set()
        last = len(seps) - 1
        # Separator j stands before word j and after word j - 1; only bad ones are visited.
        for j in compress(range(len(seps)), map((bad_before | bad_after).__contains__, seps)):
            sep = seps[j]
            if j < last and sep in bad_before and not (j == 0 and sep == ""):  # "": the text starts with the word
                dropped.add(j)
            if j > 0 and sep in bad_after and not (j == last and sep == "."):  # a final period ends the text
                dropped.add(j - 1)
        if dropped:
            keep = bytearray(b"\x01") * len(words)
            for k in dropped:
                keep[k] = 0
            words = list(compress(words, keep))
            starts = array("l", compress(starts, keep))
    vocab = list(dict.fromkeys(words))
    index = {w: i for i, w in enumerate(vocab)}
    ids = list(map(index.__getitem__, words))
    sentence = _starts(doc)
    flags = bytearray(map(sentence.__contains__, starts))
    head = headline_span(doc)
    if head:
        from bisect import bisect_left

        for i in range(bisect_left(starts, head[0]), bisect_left(starts, head[1])):
            flags[i] |= TokenTable.HEADLINE
    return vocab, index, ids, starts, flags


@lru_cache(maxsize=4)
def token_table(doc: Document) -> TokenTable:
    """The document's :class:`TokenTable`, built once for all rules."""
    return TokenTable(doc)


def tokens(doc: Document) -> Iterator[Token]:
    """Prose words not glued to a digit, symbol or mask (so "79th", "£4.8bn", "#tag" are skipped)."""
    return iter(token_table(doc))


def _scan(doc: Document) -> Iterator[tuple[str, int, int]]:
    """(word, start, flags) of each prose word; see :class:`TokenTable` for the flags."""
    text = doc.prose  # masked spans are blanked here, so no word overlaps a mask
    n = len(text)
    starts = _starts(doc)
    head = headline_span(doc)
    h0, h1 = head if head else (-1, -1)
    for m in _WORD.finditer(text):
        s, e = m.span()
        if s and (text[s - 1] in _BAD_BEFORE or text[s - 1].isalnum()):
            continue
        if e < n and (text[e] in _BAD_AFTER or text[e] == "." and e + 1 < n and text[e + 1].isalnum()):
            continue
        yield m.group(), s, (1 if s in starts else 0) | (2 if h0 <= s < h1 else 0)


_BAD_BEFORE = frozenset("@#$£€¥/\\_")
_BAD_AFTER = frozenset("@/\\_")
_SPLIT = re.compile(f"({_WORD.pattern})")


def _ok_before(sep: str) -> bool:
    """A word may follow ``sep``: its last character is no symbol or letter/digit the word is glued to.

    "" (two matches touching) means the word follows a letter; the text's start is handled by the caller.
    """
    return bool(sep) and not (sep[-1] in _BAD_BEFORE or sep[-1].isalnum())


def _ok_after(sep: str) -> bool:
    """A word may precede ``sep``: no glued symbol, and no "." that joins it to a following word ("a.b").

    A lone "." is followed by the next word (a letter); the text's end is handled by the caller.
    """
    if not sep:
        return True  # the next word starts here (or the text ends): a letter is not a bad follower
    c = sep[0]
    if c in _BAD_AFTER:
        return False
    return not (c == "." and (len(sep) == 1 or sep[1].isalnum()))



@record(frozen=True)
class NameStats:
    """How a document writes each word: counts of capitalized mid-sentence and lowercase uses."""

    capitalized: Counter[str]  # exact capitalized or all-caps form, mid-sentence, outside headline
    lowercase: Counter[str]
    any_case: Counter[str]  # lowercase key -> all uses

    def __init__(self, capitalized: Counter[str], lowercase: Counter[str], any_case: Counter[str]) -> None:
        _set(self, "capitalized", capitalized)
        _set(self, "lowercase", lowercase)
        _set(self, "any_case", any_case)


@lru_cache(maxsize=4)
def doc_name_stats(doc: Document) -> NameStats:
    """How the document writes each word, counted once per distinct word and position kind."""
    from newslint import native

    table = token_table(doc)
    nat = native.module()
    return _python_name_stats(table) if nat is None else _native_name_stats(nat, table)


def _native_name_stats(nat, table: TokenTable) -> NameStats:  # type: ignore[no-untyped-def]
    """:func:`doc_name_stats` by the native pass (docs/native.md).

    Words whose base is not ASCII come back as (id, mid_sentence, uses) for the Python
    counting (Unicode case rules stay Python's).
    """
    cap, low, anyc, uses, rest = nat.name_stats(table.ids, table.flags, table.bases, Counter)
    stats = NameStats(Counter(cap), Counter(low), Counter(anyc))
    for wid, mid_sentence, count in rest:
        _count_parts(stats, table.bases[wid], mid_sentence, count)
    table.__dict__.setdefault("_counts", uses)  # what word_counts() counts, counted here already
    return stats


def _python_name_stats(table: TokenTable) -> NameStats:
    """:func:`doc_name_stats` in Python (the reference for the native pass)."""
    # Counted in C: uses of each word, and uses at a sentence start or in the headline (few);
    # the rest are mid-sentence uses. (The counters are only looked up, so order is free.)
    flagged = Counter(compress(table.ids, table.flags))
    uses: dict[tuple[int, bool], int] = {}
    for wid, total in table.word_counts().items():
        at_start = flagged.get(wid, 0)
        if total - at_start:
            uses[(wid, True)] = total - at_start
        if at_start:
            uses[(wid, False)] = at_start
    stats = NameStats(Counter(), Counter(), Counter())
    for (wid, mid_sentence), count in uses.items():
        _count_parts(stats, table.bases[wid], mid_sentence, count)
    return stats


def _count_parts(stats: NameStats, base: str, mid_sentence: bool, count: int) -> None:
    """Add ``count`` uses of ``base`` (its parts between "-" and ".") to the counters."""
    cap, low, anyc = stats.capitalized, stats.lowercase, stats.any_case
    for part in (re.split(r"[-.]", base) if "-" in base or "." in base else (base,)):
        if not part or not part[0].isalpha():
            continue
        anyc[part.lower()] += count
        if part.islower():
            low[part] += count
        elif part[0].isupper() and mid_sentence:
            cap[part] += count
