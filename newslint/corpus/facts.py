"""Phase one: the facts of one article, as plain JSON-able data.

``collect`` depends only on the document's text and format, never on the configuration
or on other files, so its output can be cached under :func:`facts_key` and reused while
the file is unchanged. Bump ``FACTS_VERSION`` whenever the shape or the extraction changes,
which invalidates every cached entry.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING, Any, Protocol

from newslint.corpus.names import collect_names
from newslint.corpus.numbers import number_facts
from newslint.corpus.text import (
    MONTHS,
    STOPWORDS,
    TITLES,
    WEEKDAYS,
    Token,
    is_capitalized,
    lemma,
    tokenize,
)

if TYPE_CHECKING:
    from newslint.document import Document

FACTS_VERSION = 6
# Articles are short; a huge file (a data dump) is read for facts only this far, so a corpus run
# keeps its memory bounded (tokens cost about 100 bytes each).
MAX_CHARS = 2_000_000


class FactsCache(Protocol):
    """What :func:`newslint.corpus.apply_corpus_rules` needs of a facts cache."""

    def get(self, key: str) -> dict[str, Any] | None: ...

    def put(self, key: str, facts: dict[str, Any]) -> None: ...


def facts_key(doc: "Document") -> str:
    """Cache key of ``collect(doc)``: the extractor version, the format and the text's hash."""
    h = hashlib.sha256(f"corpus-facts-{FACTS_VERSION}\0{doc.format}\0".encode())
    h.update(doc.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def key_terms(tokens: list[Token], numbers: list[dict[str, Any]]) -> dict[str, int]:
    """The bag of terms that says what story an article is about: names, numbers, dates."""
    bag: Counter[str] = Counter()
    for t in tokens:
        if t.kind in ("word", "abbr") and is_capitalized(t.text):
            low = t.text.lower()
            if low in STOPWORDS or low in TITLES or low in WEEKDAYS or low in MONTHS or len(low) < 2:
                continue
            bag["n:" + lemma(t.text)] += 1
        elif t.kind == "num" and not t.suffix:
            raw = t.text.replace(",", "")
            if len(raw.split(".")[0]) >= 2:
                bag["#" + raw] += 1
    for f in numbers:
        if f["kind"] == "date":
            _, month, day = f["value"]
            if day:
                bag[f"d:{month}-{day}"] += 1
    return dict(bag)


def collect(doc: "Document") -> dict[str, Any]:
    """Every fact of ``doc`` the corpus rules compare (pure; cacheable by :func:`facts_key`)."""
    prose = doc.prose[:MAX_CHARS]
    tokens = tokenize(prose)
    numbers = number_facts(tokens, doc.text)
    names = collect_names(tokens, doc.text)
    return {
        "version": FACTS_VERSION,
        "terms": key_terms(tokens, numbers),
        "numbers": numbers,
        "names": names,
    }
