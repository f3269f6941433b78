"""Names and how each article spells them: collection (per article) and variant pairs.

Two kinds of variant are recognised, both deliberately narrow:

* the same letters written differently: hyphens, spaces or capitals ("Kim Jong-un",
  "Kim Jong Un", "Kim Il-Sung"/"Kim Il-sung"), for names of two or more words. Forms that
  differ only in full stops ("U.S." / "US") are abbreviation style, not spelling, and are left alone;
* one letter substituted or two swapped in a single long name ("Pezeshkian" / "Pezeshkyan"),
  when neither form is an English dictionary word ("Organisation" / "Organization" is dialect).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from newslint.corpus.text import (
    MONTHS,
    STOPWORDS,
    TITLES,
    WEEKDAYS,
    Token,
    is_capitalized,
)

# A single name must be at least this long for a one-letter difference to count as a variant.
FUZZY_MIN_LENGTH = 5
_NOT_LETTER = re.compile(r"[^\w]|_|\d")
_POSSESSIVE = re.compile(r"['’]s?$")


def name_key(form: str) -> str:
    """The letters of a name, lowercased: equal keys mean "same name, written differently"."""
    return _NOT_LETTER.sub("", form).lower()


def _headline_like(words: list[str]) -> bool:
    """Title Case lines ("Putin and Xi Tout Deepening Ties") capitalise ordinary words."""
    long_words = [w for w in words if len(w) >= 4]
    if len(long_words) < 4:
        return False
    caps = sum(1 for w in long_words if is_capitalized(w))
    return caps / len(long_words) >= 0.7


def _line_groups(tokens: list[Token]) -> Iterable[list[Token]]:
    line: list[Token] = []
    for t in tokens:
        if t.kind == "nl":
            yield line
            line = []
        else:
            line.append(t)
    yield line


def _name_token(t: Token) -> bool:
    if t.kind not in ("word", "abbr") or not is_capitalized(t.text):
        return False
    return True


def collect_names(tokens: list[Token], text: str) -> dict[str, list[dict[str, Any]]]:
    """Multi-word names and single capitalised words, with their spans, outside Title Case lines."""
    multi: list[dict[str, Any]] = []
    single: list[dict[str, Any]] = []
    for line in _line_groups(tokens):
        words = [t.text for t in line if t.kind == "word"]
        if _headline_like(words):
            continue
        runs: list[list[Token]] = []
        cur: list[Token] = []
        for t in line:
            if not _name_token(t):
                if cur:
                    runs.append(cur)
                    cur = []
                continue
            gap = text[cur[-1].end:t.start] if cur else ""
            if cur and not (gap in (" ", "\u00a0", "\u202f") and cur[-1].clause == t.clause):
                runs.append(cur)
                cur = []
            cur.append(t)
            if _POSSESSIVE.search(t.text):  # "North Korea's Kim Jong Un": two names
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        for run in runs:
            while run and (run[0].text.lower() in STOPWORDS or run[0].text.lower() in TITLES
                           or run[0].text.lower() in WEEKDAYS or run[0].text.lower() in MONTHS):
                run = run[1:]
            # "Slovakian Prime Minister Robert Fico" -> "Robert Fico": the name follows its title.
            titled = [i for i, t in enumerate(run[:-1]) if t.text.lower() in TITLES]
            if titled:
                run = run[titled[-1] + 1:]
            if not run:
                continue
            start = run[0].start
            last = run[-1]
            end = last.end - (len(_POSSESSIVE.search(last.text).group(0)) if _POSSESSIVE.search(last.text) else 0)
            form = text[start:end]
            if len(run) >= 2 and not all(t.text.isupper() for t in run):
                multi.append({"form": form, "key": name_key(form), "start": start, "end": end})
            for t in run:
                word = _POSSESSIVE.sub("", t.text)
                if len(word) >= 2 and not word.isupper() and word.lower() not in TITLES:
                    single.append({"form": word, "start": t.start, "end": t.start + len(word)})
                    if "-" in word:  # "Honeyman-Scott": each part is a name too
                        at = t.start
                        for part in word.split("-"):
                            if len(part) >= FUZZY_MIN_LENGTH and part[:1].isupper():
                                single.append({"form": part, "start": at, "end": at + len(part)})
                            at += len(part) + 1
    return {"multi": multi, "single": single}


def differs_only_in_dots(a: str, b: str) -> bool:
    """"U.S." / "US", "WEDGE Group" / "Wedge Group": abbreviation and capitals style, not spelling."""
    def norm(s: str) -> str:
        words = [w.title() if w.isupper() and len(w) > 1 else w for w in s.replace(".", "").split()]
        return "".join(words)

    return norm(a) == norm(b)


def _damerau_one(a: str, b: str) -> bool:
    """Same length, and one substituted letter or two adjacent letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diffs) == 1:
        return True
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]


def is_dictionary_word(word: str) -> bool:
    """A word of pyspellchecker's English list (read from its derived file only when a fuzzy pair needs it)."""
    from newslint.lexicon.frequencies import frequencies

    return word in frequencies()


def fuzzy_pairs(forms: Iterable[str]) -> dict[str, set[str]]:
    """Single names one letter apart (symmetric-delete index: no all-pairs comparison).

    Returns form -> the forms it is a variant of. Case-only differences are not fuzzy pairs.
    """
    index: dict[tuple[int, str], set[str]] = {}
    distinct = sorted(set(forms))
    for f in distinct:
        low = f.lower()
        for i in range(len(low)):
            index.setdefault((len(low), low[:i] + low[i + 1:]), set()).add(f)
    out: dict[str, set[str]] = {}
    checked: set[tuple[str, str]] = set()
    for bucket in index.values():
        if len(bucket) < 2:
            continue
        items = sorted(bucket)
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                a, b = items[x], items[y]
                if (a, b) in checked:
                    continue
                checked.add((a, b))
                if a.lower() == b.lower() or not _damerau_one(a.lower(), b.lower()):
                    continue
                if is_dictionary_word(a) and is_dictionary_word(b):
                    continue  # "Organisation" / "Organization": dialect, not a name
                out.setdefault(a, set()).add(b)
                out.setdefault(b, set()).add(a)
    return out


def short_name_pairs(forms: Iterable[str]) -> dict[str, set[str]]:
    """Full names equal but for one short word one letter apart ("Robert Fico" / "Robert Fiko").

    Words shorter than ``FUZZY_MIN_LENGTH`` are too easily other words on their own; inside a
    full name whose other words match they are safe to compare. Dictionary words ("East" /
    "West Germany") never count.
    """
    buckets: dict[tuple[Any, ...], list[tuple[str, str]]] = {}
    for form in set(forms):
        words = form.split()
        if len(words) < 2:
            continue
        for i, w in enumerate(words):
            if 3 <= len(w) < FUZZY_MIN_LENGTH and w.isalpha():
                key = (len(words), i, len(w), tuple(x.lower() for j, x in enumerate(words) if j != i))
                buckets.setdefault(key, []).append((form, w))
    out: dict[str, set[str]] = {}
    for items in buckets.values():
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (fa, wa), (fb, wb) = items[x], items[y]
                if wa.lower() == wb.lower() or not _damerau_one(wa.lower(), wb.lower()):
                    continue
                if is_dictionary_word(wa) and is_dictionary_word(wb):
                    continue
                out.setdefault(fa, set()).add(fb)
                out.setdefault(fb, set()).add(fa)
    return out
