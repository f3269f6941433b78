"""How likely a typing slip turns a word into a given misspelling: a small noisy-channel weight.

Why: ranking corrections by word frequency alone makes "rval" a confident "real" (100 times
more frequent than "rival"), though dropping the "i" of "rival" is a likelier slip than typing
"v" for "e", keys that are far apart. Spelling correctors have weighted candidates by the kind
of slip since Kernighan, Church and Gale (1990); we use a coarse version with four classes
instead of learned confusion tables: swaps of adjacent letters, a dropped letter of a double,
neighbouring keys on a QWERTY keyboard and doubled letters are common slips; the rest are not.
"""

from __future__ import annotations

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Key centres; each row is shifted half a key to the right of the one above.
_KEYS = {c: (r, i + 0.5 * r) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}

# Relative likelihoods of the slip kinds (only their ratios matter).
LIKELY = 1.0  # swap, doubled or dropped double letter, neighbouring key
DROPPED = 0.5  # a letter left out
ADDED = 0.2  # a stray letter unlike its neighbours
FAR_KEY = 0.1  # one letter typed for another far away on the keyboard


def neighbours(a: str, b: str) -> bool:
    """Keys next to each other on a QWERTY keyboard (same row or the rows above and below)."""
    if a == b or a not in _KEYS or b not in _KEYS:
        return False
    (r1, x1), (r2, x2) = _KEYS[a], _KEYS[b]
    return abs(r1 - r2) <= 1 and abs(x1 - x2) <= 1.0


def slip_weight(typo: str, word: str) -> float:
    """Relative likelihood that typing ``word`` produced ``typo`` (one edit apart, lowercase)."""
    if len(typo) == len(word):
        diff = [i for i in range(len(typo)) if typo[i] != word[i]]
        if len(diff) != 1:
            return LIKELY  # two adjacent letters swapped
        i = diff[0]
        return LIKELY if neighbours(typo[i], word[i]) else FAR_KEY
    if len(typo) + 1 == len(word):  # a letter of ``word`` left out
        i = next((k for k in range(len(typo)) if typo[k] != word[k]), len(typo))
        dropped = word[i]
        double = (i > 0 and word[i - 1] == dropped) or (i + 1 < len(word) and word[i + 1] == dropped)
        return LIKELY if double else DROPPED
    # a letter added to ``word``
    i = next((k for k in range(len(word)) if typo[k] != word[k]), len(word))
    extra = typo[i]
    around = [typo[k] for k in (i - 1, i + 1) if 0 <= k < len(typo)]
    return LIKELY if any(extra == c or neighbours(extra, c) for c in around) else ADDED


def rank(typo: str, candidates: list[tuple[str, int]]) -> list[tuple[str, float]]:
    """``candidates`` (word, frequency) re-scored as frequency x slip weight, best first.

    A frequency of 0 (a word the frequency list lacks, such as a British form) counts as 1.
    """
    lower = typo.lower()
    scored = [(w, max(f, 1) * slip_weight(lower, w)) for w, f in candidates]
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored
