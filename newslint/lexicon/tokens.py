"""Words of a document as the spelling and name rules see them, with the context they need.

Why one place: spelling, name and case rules must agree on what a word is (apostrophes,
hyphens, "£4.8bn", "79th", "U.S.") and on what counts as a sentence start or a headline.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from collections import namedtuple
from collections.abc import Iterator

from newslint.document import Document
from newslint.records import _set, record

APOSTROPHES = "'’‘ʼ`"
_WORD = re.compile(r"[^\W\d_](?:[\w'’ʼ\-.]*[^\W_])?")
_CONTRACTION = re.compile(r"['’ʼ](?:s|t|re|ve|ll|d|m)$", re.I)


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
    """The first paragraph when it reads like a headline: short and without a closing period."""
    if not doc.paragraphs:
        return None
    s, e = doc.paragraphs[0]
    text = doc.prose[s:e].strip()
    if text and len(text.split()) <= 16 and not text.endswith((".", "?", "!", ":", "”", '"')):
        return s, e
    return None


@lru_cache(maxsize=8)
def _starts(doc: Document) -> frozenset[int]:
    from newslint.rules.sentence_start import sentence_starts

    return frozenset(sentence_starts(doc))


class TokenTable:
    """A document's words, stored compactly: a vocabulary, and per token a word id, a start and flags.

    Why: a 50 MB file has millions of words; Token objects for all of them would take gigabytes.
    Rules ask the vocabulary first (every distinct word once) and visit only the tokens of the
    words that need a closer look, which is also what makes long texts fast.
    """

    SENTENCE_START, HEADLINE = 1, 2

    def __init__(self, doc: Document) -> None:
        from array import array

        self.vocab: list[str] = []
        self.ids = array("l")
        self.starts = array("l")
        self.flags = bytearray()
        index: dict[str, int] = {}
        # One tight loop over the words (no generator, no tuple per word): a 10 MB file has
        # 1.7 million of them. Same test as :func:`_scan`, which stays the reference.
        text = doc.prose
        n = len(text)
        starts = _starts(doc)
        head = headline_span(doc)
        h0, h1 = head if head else (-1, -1)
        vocab, get = self.vocab, index.get
        ids, sts, flags = [], [], bytearray()
        add_id, add_start, add_flag = ids.append, sts.append, flags.append
        bad_before, bad_after = _BAD_BEFORE, _BAD_AFTER
        for m in _WORD.finditer(text):
            s, e = m.span()
            if s:
                c = text[s - 1]
                if c in bad_before or c.isalnum():
                    continue
            if e < n:
                c = text[e]
                if c in bad_after or c == "." and e + 1 < n and text[e + 1].isalnum():
                    continue
            word = m.group()
            wid = get(word)
            if wid is None:
                wid = index[word] = len(vocab)
                vocab.append(word)
            add_id(wid)
            add_start(s)
            add_flag((1 if s in starts else 0) | (2 if h0 <= s < h1 else 0))
        self.ids = array("l", ids)
        self.starts = array("l", sts)
        self.flags = flags
        self.index = index
        self.bases = [base_form(w) for w in self.vocab]

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
        for i in [i for i, wid in enumerate(self.ids) if wid in word_ids]:
            yield i, token(i)

    def ids_of(self, keep) -> set[int]:  # type: ignore[no-untyped-def]
        """Ids of the vocabulary words for which ``keep(word)`` is true."""
        return {i for i, w in enumerate(self.vocab) if keep(w)}


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


@record("capitalized", "lowercase", "any_case", frozen=True)
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
    table = token_table(doc)
    uses: Counter[tuple[int, bool]] = Counter()
    # Counted in C per (word, flags), then folded; first-use order is kept, as a per-token loop would.
    for (wid, flag), count in Counter(zip(table.ids, table.flags)).items():
        uses[(wid, flag == 0)] += count
    cap: Counter[str] = Counter()
    low: Counter[str] = Counter()
    anyc: Counter[str] = Counter()
    for (wid, mid_sentence), count in uses.items():
        base = table.bases[wid]
        for part in (re.split(r"[-.]", base) if "-" in base or "." in base else (base,)):
            if not part or not part[0].isalpha():
                continue
            anyc[part.lower()] += count
            if part.islower():
                low[part] += count
            elif part[0].isupper() and mid_sentence:
                cap[part] += count
    return NameStats(cap, low, anyc)
