"""Which articles are about the same story: TF-IDF cosine over names, numbers and dates.

Method. Each article is a bag of *key terms*: the capitalised names it uses ("Pezeshkian",
"Beijing"), the numbers it quotes ("#2000") and its dates ("d:9-15"). A term's weight is
``(1 + log tf) * idf`` with the smoothed ``idf = 1 + log((1 + N) / (1 + df))``, so rare names
count most and a name in every article still counts a little (a folder holding only one
story must still group). Two articles are about the same story when the cosine of their
vectors is at least ``similarity`` (default 0.3, ``[corpus] similarity``).

Each article is compared with its *neighbours* (the articles over the threshold with it),
not with a transitive cluster, so a chain A~B~C cannot put A and C in one story.

Blocking. Only candidate pairs are scored, so the cost grows with the number of related
pairs, not with N squared: pairs that share a *rare* term (in at most ``max(10, 5% of N)``
articles), plus pairs whose MinHash signatures over their 20 strongest terms agree on one of
10 two-row bands (which finds many versions of one story even when all their terms are common).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Mapping

from newslint.corpus.settings import DEFAULT_SIMILARITY


def _vectors(terms: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, float]]:
    n = len(terms)
    df: dict[str, int] = defaultdict(int)
    for bag in terms.values():
        for t in bag:
            df[t] += 1
    out: dict[str, dict[str, float]] = {}
    for doc, bag in terms.items():
        vec = {t: (1.0 + math.log(c)) * (1.0 + math.log((1 + n) / (1 + df[t]))) for t, c in bag.items() if c > 0}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        out[doc] = {t: w / norm for t, w in vec.items()}
    return out


def _candidate_pairs(terms: Mapping[str, Mapping[str, int]]) -> set[tuple[str, str]]:
    """Pairs of articles that share at least one rare term."""
    postings: dict[str, list[str]] = defaultdict(list)
    for doc, bag in terms.items():
        for t in bag:
            postings[t].append(doc)
    limit = max(10, int(0.05 * len(terms)))
    pairs: set[tuple[str, str]] = set()
    for docs in postings.values():
        if 2 <= len(docs) <= limit:
            docs = sorted(docs)
            for i, a in enumerate(docs):
                for b in docs[i + 1:]:
                    pairs.add((a, b))
    return pairs


# MinHash over each article's strongest terms: articles that share most of them collide in
# some band even when every term they share is common (many versions of one story).
_TOP_TERMS = 20
_BANDS, _ROWS = 10, 2
_PRIME = (1 << 61) - 1
_COEFFS = [((i * 0x9E3779B97F4A7C15 + 0x7F4A7C15) % _PRIME | 1, (i * 0xC2B2AE3D27D4EB4F + 0x165667B1) % _PRIME)
           for i in range(_BANDS * _ROWS)]


def _similar_signature_pairs(vectors: Mapping[str, Mapping[str, float]]) -> set[tuple[str, str]]:
    """Pairs whose top-term MinHash signatures agree on a whole band (deterministic hashes)."""
    import zlib

    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
    for doc, vec in vectors.items():
        top = sorted(vec, key=lambda t: (-vec[t], t))[:_TOP_TERMS]
        if not top:
            continue
        bases = [zlib.crc32(t.encode("utf-8")) for t in top]
        sig = [min((a * x + b) % _PRIME for x in bases) for a, b in _COEFFS]
        for band in range(_BANDS):
            buckets[(band, tuple(sig[band * _ROWS:(band + 1) * _ROWS]))].append(doc)
    pairs: set[tuple[str, str]] = set()
    for docs in buckets.values():
        if len(docs) > 1:
            docs = sorted(docs)
            for i, a in enumerate(docs):
                for b in docs[i + 1:]:
                    pairs.add((a, b))
    return pairs


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def neighbours(terms: Mapping[str, Mapping[str, int]], threshold: float = DEFAULT_SIMILARITY) -> dict[str, dict[str, float]]:
    """For each article, the other articles on the same story and their similarity."""
    vectors = _vectors(terms)
    out: dict[str, dict[str, float]] = {doc: {} for doc in terms}
    for a, b in _candidate_pairs(terms) | _similar_signature_pairs(vectors):
        sim = cosine(vectors[a], vectors[b])
        if sim >= threshold:
            out[a][b] = sim
            out[b][a] = sim
    return out


def similarities(terms: Mapping[str, Mapping[str, int]]) -> dict[tuple[str, str], float]:
    """Cosine of every pair (for choosing and documenting the threshold; O(N^2), not used by the rule)."""
    vectors = _vectors(terms)
    docs = sorted(terms)
    return {(a, b): cosine(vectors[a], vectors[b]) for i, a in enumerate(docs) for b in docs[i + 1:]}
