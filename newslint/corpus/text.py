"""Tokens, clauses and light lemmas: the small amount of text analysis the corpus rules need.

Why not the Document's ``words()``: facts need numbers, currency symbols and clause
boundaries too, with offsets, and nothing heavier than one regular expression pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Order matters: abbreviations with dots ("U.S."), numbers with an attached suffix
# ("4th", "11bn", "15%" is a number then "%"), words, then single punctuation marks.
_TOKEN = re.compile(
    r"(?P<abbr>(?:[^\W\d_]\.){2,})"
    r"|(?P<num>(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d))(?P<suf>[^\W\d_]+)?"
    r"|(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])"
    r"|(?P<nl>\n)"
)

# Marks that end a clause: facts are compared using the words of their own clause only.
# Commas and dashes do not: in news prose they cut a fact from the words that say what it is
# ("Built by 2,000 workers, the dam cost $4.5bn").
CLAUSE_BREAKS = frozenset(".!?;:()[]\n")


@dataclass(slots=True)
class Token:
    kind: str  # "num", "word", "abbr", "punct", "nl"
    text: str
    start: int
    end: int
    suffix: str = ""  # letters glued to a number: "th" in "79th", "bn" in "11bn"
    clause: int = 0
    sentence_start: bool = False  # first word of a sentence: its capital says nothing about names


def tokenize(text: str) -> list[Token]:
    """Tokens with code-point offsets, the index of their clause, and sentence starts."""
    out: list[Token] = []
    clause = 0
    at_start = True
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        if m.group("num") is not None:
            suf = m.group("suf") or ""
            out.append(Token("num", m.group("num"), m.start(), m.end(), suf, clause))
            at_start = False
            continue
        tok_text = m.group(0)
        if kind in ("punct", "nl") and tok_text in CLAUSE_BREAKS:
            clause += 1
            out.append(Token(kind, tok_text, m.start(), m.end(), "", clause))
            clause += 1
            if tok_text in ".!?\n:":
                at_start = True
            continue
        if kind == "punct" and tok_text in "\"'‘’“”-–—*•":
            out.append(Token(kind, tok_text, m.start(), m.end(), "", clause))
            continue  # an opening quote or bullet keeps the sentence start
        out.append(Token(kind, tok_text, m.start(), m.end(), "", clause, at_start and kind in ("word", "abbr")))
        at_start = False
    return out


STOPWORDS = frozenset("""
a about above according across after again against ago all almost along also although am among an and another any
are around as at be because been before being below between both but by can could did do does during each either
else even ever every few for from further had has have having he her here hers him his how however i if in including
into is it its just last least less like made make many may me meanwhile might more most much must my near nearly
next no nor not now of off on once one only or other our out over own per percent put rather roughly said same say
says she should since so some such than that the their them then there these they this those though through thus to
told too toward towards under until up upon us very via was we were what when where whether which while who whom
whose why will with within without would yet you your ms mr mrs dr reportedly estimated estimate estimates expected
around approximately nearly almost just some meanwhile earlier later still already newly according
""".split())

# Words that precede a name but are not part of it ("President Vladimir Putin").
TITLES = frozenset("""
president prime minister leader chancellor king queen prince princess sir dame lord lady mr mrs ms dr general gen
secretary senator sen rep governor gov mayor judge chief chairman chairwoman ceo director captain coach pope
foreign defence defense finance deputy vice former late state supreme commander ambassador
""".split())

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


def lemma(word: str) -> str:
    """Lowercase, drop a possessive and a plural ending: enough to match "soldiers" with "soldier"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def is_capitalized(word: str) -> bool:
    return word[:1].isupper()
