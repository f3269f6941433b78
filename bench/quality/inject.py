"""A seeded, deterministic error injector for clean news text.

Why: recall can only be measured against errors whose exact place is known. We take real,
professionally edited articles, plant 3-8 errors of known kinds in each, and record every
error's place (line, 1-based code-point column span), kind, wrong and right text.

Every planted error is an :class:`Edit` on the *original* text: ``orig[start:end]`` is replaced
by ``replacement``; the error's span in the dirty text is ``replacement[a:b]`` at its new
position. Edits never overlap (each reserves its region plus a margin), so applying any
subset of them gives a text with exactly that subset of errors (used for fix exactness).

The same seed, text and word list give the same errors on every machine.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass
from typing import Callable, Iterable

KINDS = (
    "spelling", "misspelled_name", "proper_noun_case", "sentence_case", "missing_space_after_comma",
    "missing_space_after_period", "double_space", "space_before_punctuation", "repeated_word",
    "duplicated_paragraph", "boilerplate_line",
)

# Real-world misspellings (right -> wrong), the kind editors keep catching in copy.
REAL_MISSPELLINGS = {
    "accommodate": "accomodate", "achieve": "acheive", "address": "adress", "already": "allready",
    "although": "altough", "announcement": "annoucement", "apparently": "apparantly", "argument": "arguement",
    "beginning": "begining", "believe": "beleive", "billion": "bilion", "business": "buisness",
    "calendar": "calender", "committee": "commitee", "commitment": "committment", "completely": "completly",
    "definitely": "definately", "different": "diffrent", "embarrass": "embarass", "environment": "enviroment",
    "existence": "existance", "February": "Febuary", "foreign": "foriegn", "forty": "fourty",
    "government": "goverment", "guarantee": "guarentee", "immediately": "immediatly", "independent": "independant",
    "interest": "intrest", "million": "milion", "necessary": "neccessary", "occasion": "occassion",
    "occurred": "occured", "official": "offical", "parliament": "parliment", "particularly": "particulary",
    "politician": "politican", "publicly": "publically", "really": "realy", "received": "recieved",
    "recommend": "reccomend", "referred": "refered", "relevant": "relevent", "separate": "seperate",
    "statement": "statment", "successful": "succesful", "surprise": "suprise", "their": "thier",
    "tomorrow": "tommorow", "truly": "truely", "until": "untill", "weird": "wierd", "which": "wich",
    "because": "becuase", "company": "compnay", "executive": "excecutive", "analysts": "analysists",
    "spokesman": "spokesmen_", "increase": "increse", "negotiations": "negociations", "economy": "econmy",
}
REAL_MISSPELLINGS = {k: v for k, v in REAL_MISSPELLINGS.items() if v.isalpha()}

# Proper nouns and demonyms that are never ordinary words when lowercased (no "china", "turkey",
# "may", "polish": those need evidence a linter cannot always have, so they are not planted).
PROPER_NOUNS = frozenset("""
Afghanistan Africa African America American Americans Argentina Argentine Asia Asian Australia Australian
Austria Belgium Beijing Berlin Brazil Brazilian Britain British Brussels Canada Canadian Chinese Colombia
Denmark Dutch Egypt Egyptian England English Europe European Europeans France French Germany German Germans
Greece Greek India Indian Indonesia Iran Iranian Iraq Iraqi Ireland Irish Israel Israeli Italy Italian
Japanese Kenya Korea Korean London Madrid Mexico Mexican Moscow Nigeria Norway Pakistan Paris Poland
Portugal Russia Russian Russians Scotland Scottish Singapore Spain Spanish Sweden Swedish Swiss Switzerland
Syria Taiwan Texas Tokyo Ukraine Ukrainian Vietnam Wales Washington Welsh Monday Tuesday Wednesday Thursday
Friday Saturday Sunday January February April June July September October November December Europe
Londoners Parisian Californian California Chicago Toronto Sydney Manchester Liverpool Glasgow Edinburgh
""".split())

BOILERPLATE = (
    "Advertisement", "Share this article", "Click here to subscribe to our newsletter",
    "Sign up for our daily newsletter", "Follow us on Twitter", "Skip to main content",
    "Continue reading the main story", "Read more:", "Related Topics", "Image caption",
    "All rights reserved.", "Share on Facebook", "Story continues below advertisement",
    "Subscribe now for unlimited access", "Cookie settings", "Most Read",
)

# Keyboard neighbours on a QWERTY layout (lowercase letters only).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _ch in enumerate(_row):
        near = []
        for dr in (-1, 0, 1):
            rr = _r + dr
            if 0 <= rr < 3:
                for dc in (-1, 0, 1) if dr == 0 else (0, 1) if dr == -1 else (-1, 0):
                    cc = _c + dc
                    if (dr, dc) != (0, 0) and 0 <= cc < len(_ROWS[rr]):
                        near.append(_ROWS[rr][cc])
        NEIGHBOURS[_ch] = "".join(near)

_WORD = re.compile(r"(?<![\w’'\-.@/&])[A-Za-z]+(?![\w’'\-@/&]|\.\w)")
# A grammatical doubling or a very short word: not planted as a repeat.
_NO_REPEAT = frozenset("had that is do no so i a".split())


@dataclass(frozen=True)
class Edit:
    """Replace ``orig[start:end]`` with ``replacement``; the error is ``replacement[a:b]``."""

    kind: str
    start: int
    end: int
    replacement: str
    a: int
    b: int
    detail: str = ""


@dataclass(frozen=True)
class Injected:
    """One planted error as recorded in the benchmark's answer key (dirty-text coordinates)."""

    kind: str
    detail: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    wrong: str
    right: str
    edit_index: int

    def as_dict(self) -> dict:
        return asdict(self)


def apply(text: str, edits: Iterable[Edit]) -> tuple[str, list[tuple[int, int]]]:
    """Apply non-overlapping edits; return the new text and each edit's error span in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    out_len = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        chunk = text[pos:e.start]
        parts.append(chunk)
        out_len += len(chunk)
        spans.append((out_len + e.a, out_len + e.b))
        parts.append(e.replacement)
        out_len += len(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), spans


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


class Injector:
    """Plants errors in one article; ``is_word(w)`` says whether ``w`` is a dictionary word."""

    def __init__(self, text: str, rng: random.Random, is_word: Callable[[str], bool],
                 protected: Iterable[tuple[int, int]] = ()) -> None:
        self.text = text
        self.rng = rng
        self.is_word = is_word
        self.taken: list[tuple[int, int]] = [(s - 3, e + 3) for s, e in protected]
        self.words = [m for m in _WORD.finditer(text)]
        self.renamed: set[str] = set()  # each name is misspelled at most once, so a correct copy remains
        self.lines: list[tuple[int, int]] = []
        start = 0
        for line in text.split("\n"):
            self.lines.append((start, start + len(line)))
            start += len(line) + 1

    # -- bookkeeping ---------------------------------------------------------------------------
    def _free(self, s: int, e: int, margin: int = 2) -> bool:
        return all(e + margin <= ts or te <= s - margin for ts, te in self.taken)

    def _reserve(self, s: int, e: int) -> None:
        self.taken.append((s, e))

    def _mid_sentence(self, m: re.Match[str]) -> bool:
        """Preceded by a lowercase word or comma and a single space."""
        before = self.text[max(0, m.start() - 3):m.start()]
        return bool(re.search(r"[a-z,] $", before))

    def _shuffled(self, items: list) -> list:
        items = list(items)
        self.rng.shuffle(items)
        return items

    # -- kinds ------------------------------------------------------------------------------
    def spelling(self) -> Edit | None:
        real = [m for m in self.words if m.group() in REAL_MISSPELLINGS]
        if real and self.rng.random() < 0.3:
            for m in self._shuffled(real):
                if self._free(m.start(), m.end()):
                    return Edit("spelling", m.start(), m.end(), REAL_MISSPELLINGS[m.group()], 0, len(REAL_MISSPELLINGS[m.group()]), "real-world")
        ops = ["transposition", "deletion", "insertion", "keyboard", "doubled"]
        for m in self._shuffled([m for m in self.words if m.group().islower() and len(m.group()) >= 5]):
            if not self._free(m.start(), m.end()) or not self.is_word(m.group()):
                continue
            op = self.rng.choice(ops)
            wrong = self._mutate(m.group(), op)
            if wrong and wrong != m.group() and not self.is_word(wrong) and not self.is_word(wrong.lower()):
                return Edit("spelling", m.start(), m.end(), wrong, 0, len(wrong), op)
        return None

    def _mutate(self, w: str, op: str) -> str | None:
        rng = self.rng
        i = rng.randrange(1, len(w) - 1)  # keep the first and last letters: typists rarely miss those
        if op == "transposition":
            if w[i] == w[i + 1]:
                return None
            return w[:i] + w[i + 1] + w[i] + w[i + 2:]
        if op == "deletion":
            return w[:i] + w[i + 1:]
        if op == "insertion":
            return w[:i] + rng.choice(NEIGHBOURS.get(w[i].lower(), "e")) + w[i:]
        if op == "keyboard":
            near = NEIGHBOURS.get(w[i].lower())
            return w[:i] + rng.choice(near) + w[i + 1:] if near else None
        if op == "doubled":
            if w[i] == w[i - 1] or w[i] == w[i + 1]:
                return None
            return w[:i] + w[i] + w[i:]
        return None

    def misspelled_name(self) -> Edit | None:
        counts: dict[str, int] = {}
        for m in self.words:
            counts[m.group()] = counts.get(m.group(), 0) + 1
        names = [m for m in self.words
                 if counts[m.group()] >= 2 and m.group()[0].isupper() and m.group()[1:].islower()
                 and len(m.group()) >= 5 and not self.is_word(m.group().lower()) and self._mid_sentence(m)]
        for m in self._shuffled(names):
            if not self._free(m.start(), m.end()) or m.group() in self.renamed:
                continue
            w = m.group()
            i = self.rng.randrange(1, len(w) - 1)
            op = self.rng.choice(["keyboard", "transposition", "deletion"])
            wrong = self._mutate(w, op) if op != "keyboard" else w[:i] + self.rng.choice(NEIGHBOURS[w[i]]) + w[i + 1:]
            if wrong and wrong != w and wrong not in counts and not self.is_word(wrong.lower()):
                self.renamed.add(w)
                return Edit("misspelled_name", m.start(), m.end(), wrong, 0, len(wrong), op)
        return None

    def proper_noun_case(self) -> Edit | None:
        for m in self._shuffled([m for m in self.words if m.group() in PROPER_NOUNS and self._mid_sentence(m)]):
            if self._free(m.start(), m.end()):
                return Edit("proper_noun_case", m.start(), m.end(), m.group().lower(), 0, len(m.group()))
        return None

    def sentence_case(self) -> Edit | None:
        candidates = []
        for m in self.words:
            w = m.group()
            if not (w[0].isupper() and w[1:].islower()) or w in PROPER_NOUNS or w == "I":
                continue
            at_para = m.start() == 0 or self.text[m.start() - 1] == "\n"
            after_sentence = re.search(r"[a-z]{2}[.!?] $", self.text[max(0, m.start() - 5):m.start()]) is not None
            if (at_para or after_sentence) and self.is_word(w.lower()) and w.lower() in _COMMON_STARTERS:
                candidates.append(m)
        for m in self._shuffled(candidates):
            if self._free(m.start(), m.end()):
                w = m.group()
                return Edit("sentence_case", m.start(), m.end(), w.lower(), 0, len(w))
        return None

    def missing_space_after_comma(self) -> Edit | None:
        spots = [m for m in re.finditer(r"([A-Za-z]+), ([a-z]+)\b", self.text)]
        for m in self._shuffled(spots):
            if self._free(m.start(), m.end()):
                wrong = f"{m.group(1)},{m.group(2)}"
                return Edit("missing_space_after_comma", m.start(), m.end(), wrong, 0, len(wrong))
        return None

    def missing_space_after_period(self) -> Edit | None:
        spots = [m for m in re.finditer(r"(?<![\w.])([a-z]{3,})\. ([A-Z][a-z]+)\b", self.text)
                 if self.is_word(m.group(1))]
        for m in self._shuffled(spots):
            if self._free(m.start(), m.end()):
                wrong = f"{m.group(1)}.{m.group(2)}"
                return Edit("missing_space_after_period", m.start(), m.end(), wrong, 0, len(wrong))
        return None

    def double_space(self) -> Edit | None:
        spots = [m for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", self.text)]
        for m in self._shuffled(spots):
            if self._free(m.start() - 2, m.end() + 2):
                return Edit("double_space", m.start(), m.end(), "  ", 0, 2)
        return None

    def space_before_punctuation(self) -> Edit | None:
        spots = [m for m in re.finditer(r"(?<=[a-z]{3})([,.])(?= [A-Za-z])", self.text)]
        for m in self._shuffled(spots):
            if self._free(m.start() - 2, m.end() + 2):
                return Edit("space_before_punctuation", m.start(), m.end(), " " + m.group(1), 0, 2)
        return None

    def repeated_word(self) -> Edit | None:
        spots = [m for m in self.words if m.group().islower() and m.group() not in _NO_REPEAT and self._mid_sentence(m)
                 and self.text[m.end():m.end() + 1] == " "]
        for m in self._shuffled(spots):
            if self._free(m.start(), m.end()):
                w = m.group()
                return Edit("repeated_word", m.start(), m.end(), f"{w} {w}", 0, 2 * len(w) + 1)
        return None

    def duplicated_paragraph(self) -> Edit | None:
        spots = [(s, e) for s, e in self.lines if len(self.text[s:e].split()) >= 12]
        for s, e in self._shuffled(spots):
            if self._free(s, e, margin=0):
                self._reserve(s, e)  # the copy must equal the original line: no other error in it
                line = self.text[s:e]
                return Edit("duplicated_paragraph", e, e, "\n" + line, 1, 1 + len(line))
        return None

    def boilerplate_line(self) -> Edit | None:
        starts = [s for s, e in self.lines[1:] if e > s]
        for s in self._shuffled(starts):
            if self._free(s, s, margin=1):
                line = self.rng.choice(BOILERPLATE)
                return Edit("boilerplate_line", s, s, line + "\n", 0, len(line))
        return None

    # -- driver ---------------------------------------------------------------------------------
    def plant(self, count: int) -> list[Edit]:
        edits: list[Edit] = []
        attempts = 0
        while len(edits) < count and attempts < count * 6:
            attempts += 1
            kind = self.rng.choice(KINDS)
            edit = getattr(self, kind)()
            if edit is None:
                continue
            self._reserve(edit.start, edit.end)
            edits.append(edit)
        return sorted(edits, key=lambda e: e.start)


# Sentence-initial words whose lowercase form is an ordinary word and never a name.
_COMMON_STARTERS = frozenset("""
the a an but and it he she they we this that these those there in on at for however while when after
before as if his her its their our some many most other one two three four five six his mr analysts
officials shares sales prices profits the last earlier later meanwhile despite under with without
""".split()) - {"mr"}


def inject_article(text: str, seed: int, is_word: Callable[[str], bool],
                   protected: Iterable[tuple[int, int]] = ()) -> tuple[str, list[Injected], list[Edit]]:
    """Plant 3-8 errors in ``text`` with a generator seeded by ``seed``; return dirty text and answer key."""
    rng = random.Random(seed)
    count = rng.randint(3, 8)
    injector = Injector(text, rng, is_word, protected)
    edits = injector.plant(count)
    dirty, spans = apply(text, edits)
    key = []
    for i, (e, (s, t)) in enumerate(zip(edits, spans)):
        line, col = _position(dirty, s)
        end_line, end_col = _position(dirty, t)
        key.append(Injected(e.kind, e.detail, s, t, line, col, end_line, end_col, dirty[s:t],
                            text[e.start:e.end] if e.kind not in ("duplicated_paragraph", "boilerplate_line") else "", i))
    return dirty, key, edits
