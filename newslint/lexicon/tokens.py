"""Words of a document as the spelling and name rules see them, with the context they need.

Why one place: spelling, name and case rules must agree on what a word is (apostrophes,
hyphens, "£4.8bn", "79th", "U.S.") and on what counts as a sentence start or a headline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

from newslint.document import Document

APOSTROPHES = "'’‘ʼ`"
_WORD = re.compile(r"[^\W\d_](?:[\w'’ʼ\-.]*[^\W_])?")
_POSSESSIVE = re.compile(r"(?:['’ʼ]s|s['’ʼ]|['’ʼ])$", re.I)
_CONTRACTION = re.compile(r"['’ʼ](?:s|t|re|ve|ll|d|m)$", re.I)


class Token(NamedTuple):
    """A word with its span and where it stands (a NamedTuple: a long article has 100,000 of them)."""

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


@lru_cache(maxsize=4)
def tokens(doc: Document) -> list[Token]:
    """Prose words not glued to a digit, symbol or mask (so "79th", "£4.8bn", "#tag" are skipped).

    Cached per document: several rules read the same words.
    """
    return list(_tokens(doc))


def _tokens(doc: Document) -> Iterator[Token]:
    text = doc.prose  # masked spans are blanked here, so no word overlaps a mask
    starts = _starts(doc)
    head = headline_span(doc)
    for m in _WORD.finditer(text):
        s, e = m.start(), m.end()
        before = text[s - 1] if s else " "
        after = text[e] if e < len(text) else " "
        if before.isdigit() or before in "@#$£€¥/\\_" or before.isalpha():
            continue
        if after.isdigit() or after in "@/\\_" or (after == "." and e + 1 < len(text) and text[e + 1].isalnum()):
            continue
        word = m.group()
        yield Token(word, s, e, s in starts, bool(head and head[0] <= s < head[1]), base_form(word))


@dataclass(frozen=True)
class NameStats:
    """How a document writes each word: counts of capitalized mid-sentence and lowercase uses."""

    capitalized: Counter[str]  # exact capitalized or all-caps form, mid-sentence, outside headline
    lowercase: Counter[str]
    any_case: Counter[str]  # lowercase key -> all uses


@lru_cache(maxsize=4)
def doc_name_stats(doc: Document) -> NameStats:
    """:func:`name_stats` of a document's tokens, cached: several rules need them."""
    return name_stats(tokens(doc))


def name_stats(toks: list[Token]) -> NameStats:
    cap: Counter[str] = Counter()
    low: Counter[str] = Counter()
    anyc: Counter[str] = Counter()
    for t in toks:
        base = t.base
        for part in (re.split(r"[-.]", base) if "-" in base or "." in base else (base,)):
            if not part or not part[0].isalpha():
                continue
            anyc[part.lower()] += 1
            if part.islower():
                low[part] += 1
            elif part[0].isupper() and not t.sentence_start and not t.headline:
                cap[part] += 1
    return NameStats(cap, low, anyc)
