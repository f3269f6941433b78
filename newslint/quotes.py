"""Find quotations in a paragraph, and tell the reporter's slips in them from what was said."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from newslint import native

# An opening single quote: at the start or after a space, bracket, double quote or dash, before a
# word character; a closing one: after a word character or sentence mark, before a space, mark or
# the end. Each pattern starts with the quote itself and checks what precedes it with a look-behind
# over the quote: the engine then skips to the next quote mark at C speed, where a pattern starting
# with the look-behind was tried at every character (~4x slower on news paragraphs).
_OPEN_SINGLE = re.compile(r"['‘](?<![^\s(\[“\"—–-]['‘])(?=\w)")
_CLOSE_SINGLE = re.compile(r"['’](?<=[\w.,!?]['’])(?=[\s.,;:!?)\]”\"—–-]|$)")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans (including the marks) of quotations in ``text``: :func:`python_quotation_spans`,
    from the native scan when it is built (~10x faster; the dialect and quote rules ask this
    of thousands of paragraphs in a big text)."""
    nat = native.module()
    if nat is not None:
        spans = nat.quotation_spans(text)
        if spans is not None:
            return spans
    return python_quotation_spans(text)


def python_quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans (including the marks) of quotations in ``text`` (the reference).

    Curly and straight double quotes pair up in order; a quotation left open runs
    to the end of the paragraph (news style continues a quote into the next
    paragraph without a closing mark). Single quotes count only when an opening
    mark (after space or start, before a letter) meets a closing one, so that
    apostrophes in "Russia's" or "leaders'" are not taken for quotations.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for m in re.finditer(r"[“”\"]", text):
        ch = m.group()
        if start is None:
            if ch != "”":
                start = m.start()
        elif ch != "“":
            spans.append((start, m.end()))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    double_starts = [a for a, _ in spans]  # sorted and disjoint: bisect instead of a scan per mark
    double = list(spans)
    pos = 0
    while True:
        o = _OPEN_SINGLE.search(text, pos)
        if not o:
            break
        c = _CLOSE_SINGLE.search(text, o.end())
        if not c:
            break
        i = bisect.bisect_right(double_starts, o.start())
        if not (i and o.start() < double[i - 1][1]):
            spans.append((o.start(), c.end()))
        pos = c.end()
    spans.sort()
    return spans


# -- what a copy editor may correct inside a quotation -------------------------------------------
# A quotation is what someone said, so its words are never changed silently; but the speaker did
# not type it. Transcription slips (a non-word typo, "the the", a lowercased "russia", a sentence
# start after a full stop) are the reporter's, and an editor corrects them. The helpers below
# hold the evidence that a quotation is transcribed speech in ordinary sentence case, so that
# such a correction is sure; anything else in a quotation stays unsafe.

# Fewer words than this and a quotation is more likely a term, a title, a slogan or a nickname
# being mentioned ('dubbed it "teh suck"') than speech: its spelling may be the point.
MIN_SPEECH_WORDS = 4
_SIC = re.compile(r"[ \t]?[\[(] ?sic ?[\])]", re.I)
_ELISION = "'’‘ʼ`"


def quotation_holding(doc, start: int, end: int) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """The innermost quotation (marks included) that holds ``[start, end)``, or None."""
    return doc.quotation_at(start, end)


@lru_cache(maxsize=4)
def _memo(doc) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """Per-document memo (the last few documents only): a quotation holding many findings is
    scanned for capitals once, which keeps hostile one-paragraph files linear."""
    return {}


def marked_sic(doc, end: int) -> bool:  # type: ignore[no-untyped-def]
    """The word ending at ``end`` is followed by "[sic]" or "(sic)": reproduced as found, on purpose."""
    return _SIC.match(doc.text, end) is not None


_NONSPACE = re.compile(r"\S+")


def is_transcribed_speech(doc, span: tuple[int, int]) -> bool:  # type: ignore[no-untyped-def]
    """A quotation long enough to be speech rather than a mentioned term (MIN_SPEECH_WORDS words)."""
    words = _NONSPACE.finditer(doc.prose, span[0], span[1])
    return sum(1 for _ in zip(range(MIN_SPEECH_WORDS), words)) >= MIN_SPEECH_WORDS


def typo_fix_sure_in_quote(doc, start: int, end: int, replacement: str) -> bool:  # type: ignore[no-untyped-def]
    """May the sure correction of the word ``[start, end)`` to ``replacement`` be applied in a quotation?

    Yes when the quotation is speech (not a short mentioned term), the word is not marked
    "[sic]", and the correction does not restore letters that an apostrophe stands for:
    "nothin'" -> "nothing", "'em" -> "them" undo the speaker's own elisions, transcribed on
    purpose. False when the word is not quoted (the caller decides there).
    """
    span = quotation_holding(doc, start, end)
    if span is None or not is_transcribed_speech(doc, span) or marked_sic(doc, end):
        return False
    text, word, right = doc.text, doc.text[start:end].lower(), replacement.lower()
    if end < span[1] - 1 and text[end] in _ELISION and right.startswith(word):
        return False  # "nothin'" (the apostrophe is not the quotation's closing mark)
    if start > span[0] + 1 and text[start - 1] in _ELISION and right.endswith(word):
        return False  # "'em", "'cause"
    return True


def case_fix_sure_in_quote(doc, start: int, end: int) -> bool:  # type: ignore[no-untyped-def]
    """May a capitalization fix of ``[start, end)`` be applied although it is quoted?

    Yes when the quotation is speech (see :func:`typo_fix_sure_in_quote`) written in ordinary
    sentence case: it holds a capital letter outside the word. A quotation with no capital at
    all may be a message, post or slogan reproduced as written ("lol. no way"), whose case is
    the writer's.
    """
    span = quotation_holding(doc, start, end)
    if span is None or not is_transcribed_speech(doc, span):
        return False
    first, last = _capitals(doc, span)
    return first is not None and (first < start or last >= end)  # type: ignore[operator]


def _capitals(doc, span: tuple[int, int]) -> tuple[int | None, int | None]:  # type: ignore[no-untyped-def]
    """Offsets of the first and the last capital letter in a quotation (once per quotation)."""
    memo = _memo(doc)
    key = ("capitals", span)
    if key not in memo:
        prose, (a, b) = doc.prose, span
        first = next((i for i in range(a, b) if prose[i].isupper()), None)
        last = next((i for i in range(b - 1, a - 1, -1) if prose[i].isupper()), None)
        memo[key] = (first, last)
    return memo[key]


# Words a speaker doubles on purpose, which a transcript keeps: intensifiers ("really really
# good", "much much more"), answers and interjections ("yes yes", "oh oh", "sorry sorry"),
# and particles of urging ("come come", "now now"). Others doubled in a quotation ("the the",
# "lagging lagging") are a reporter's slip. (Doublings that are grammatical anywhere, "had had",
# are NL401's ``allowed`` option and never reported.)
SPOKEN_DOUBLINGS = frozenset("""really much many far long way well now oh ah eh yes yeah yep nope okay ok
right more too ever there big little pretty super never again over round around out up down away back
hey hi hello please sorry thanks thank wait stop come hurry quick quickly slowly bravo wow ooh huh hmm""".split())


# Prepositions and particles that speech strands at the end of a phrase, so that the next phrase
# may start with the same word: "the moment I've been waiting for for years", "what we came in
# in the end". Doubled in a quotation, they may be exactly what was said.
STRANDED_PARTICLES = frozenset("""about after along around at away back before by down for from in into of off on
out over through to under up with""".split())


def repeat_fix_sure_in_quote(doc, start: int, end: int, word: str) -> bool:  # type: ignore[no-untyped-def]
    """May the second copy of a doubled ``word`` (``[start, end)``) be removed although it is quoted?

    Yes in quoted speech (see :func:`typo_fix_sure_in_quote`) unless speakers double the word on
    purpose (:data:`SPOKEN_DOUBLINGS`), speech may strand it before a phrase that starts with
    it again (:data:`STRANDED_PARTICLES`), or it is marked "[sic]".
    """
    span = quotation_holding(doc, start, end)
    lower = word.lower()
    return (span is not None and is_transcribed_speech(doc, span) and lower not in SPOKEN_DOUBLINGS
            and lower not in STRANDED_PARTICLES and not marked_sic(doc, end))
