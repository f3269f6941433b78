"""Quotation marks and brackets: unbalanced within a paragraph, or mixed styles in an article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import repeat

from newslint.diagnostics import Applicability, Diagnostic, Severity, replace_fix
from newslint.document import Document
from newslint.rules.base import Context, rule

_OPENING = "“\"‘'«„"
# Straight single quotes that open an elision, not a quotation: 'em, 'n', 'til, '90s.
_ELISION = re.compile(r"'(?:em|n|til|till|cause|tis|twas|round|bout|s|d|ll|re|ve|\d)\b", re.I)
# Enumerations "a)", "2)", "iv)" and emoticons are not unbalanced brackets.
_ENUMERATION = re.compile(r"(?:(?<=^)|(?<=[\s(]))(?:[a-zA-Z]|[ivxIVX]{1,4}|\d{1,2})\)")
_EMOTICON = re.compile(r"[:;=]-?[()\[\]]")
_PAIRS = {")": "(", "]": "[", "}": "{"}
_BRACKET = re.compile(r"[()\[\]{}]")


def _starts_with_quote(doc: Document, para: tuple[int, int] | None) -> bool:
    """The paragraph opens with a quotation mark (the continued-quote convention)."""
    if para is None:
        return False
    head = doc.prose[para[0]:para[1]].lstrip(" \t\r\n-–—•*>#")
    return bool(head) and head[0] in _OPENING


def _role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for a straight mark, from the characters around it."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-…"):
        return "close"
    return "either"


_DOUBLE = re.compile(r"[“”\"«»„]")
_STRAIGHT_MARK = re.compile('"')
_SINGLE = re.compile(r"['‘’]")


def _paragraphs_with(pattern: re.Pattern[str], prose: str, paras: list[tuple[int, int]]) -> list[int] | None:
    """Indices of the paragraphs holding a match of ``pattern`` (one scan of the whole text),
    or None when the paragraphs are not sorted and disjoint (then every one is visited)."""
    from bisect import bisect_right

    if any(a[1] > b[0] or a[0] > a[1] for a, b in zip(paras, paras[1:])):
        return None
    starts = [ps for ps, _ in paras]
    found: list[int] = []
    search, pos = pattern.search, 0
    while (m := search(prose, pos)) is not None:
        i = m.start()
        n = bisect_right(starts, i) - 1
        if n >= 0 and i < paras[n][1]:
            found.append(n)
            pos = paras[n][1]  # the rest of this paragraph need not be searched
        else:
            pos = i + 1
    return found


def _paragraphs_holding(chars: str, prose: str, paras: list[tuple[int, int]]) -> list[int] | None:
    """Indices of the paragraphs holding one of ``chars`` (rare characters: each is found with
    ``str.find``), in order, or None when the paragraphs are not sorted and disjoint.

    Why: a long text has thousands of paragraphs and brackets in few of them; a slice and a
    test of each paragraph cost more than finding the brackets.
    """
    from bisect import bisect_right

    if any(a[1] > b[0] or a[0] > a[1] for a, b in zip(paras, paras[1:])):
        return None
    starts = [ps for ps, _ in paras]
    found: set[int] = set()
    for c in chars:
        i = prose.find(c)
        while i >= 0:
            n = bisect_right(starts, i) - 1
            if n >= 0 and i < paras[n][1]:
                found.add(n)
                i = prose.find(c, paras[n][1])  # the rest of this paragraph need not be searched
            else:
                i = prose.find(c, i + 1)
    return sorted(found)


def _double_marks(text: str) -> list[tuple[int, str]]:
    """(position, role) of double quotation marks: role 'open', 'close' or 'either'."""
    out: list[tuple[int, str]] = []
    for m in _DOUBLE.finditer(text):
        ch, i = m.group(), m.start()
        if ch in "“«„":
            out.append((i, "open"))
        elif ch in "”»":
            out.append((i, "close"))
        else:  # a straight mark: its role reads only the characters either side ("" at an end)
            key = (text[i - 1:i], text[i + 1:i + 2])
            role = _STRAIGHT.get(key, _UNSEEN)
            if role is _UNSEEN:
                if len(_STRAIGHT) > 50_000:
                    _STRAIGHT.clear()  # hostile text: every pair of characters distinct
                role = _STRAIGHT[key] = _straight_role(*key)
            if role is not None:
                out.append((i, role))
    return out


_UNSEEN = object()
# (character before, character after) -> role of a straight double mark between them: news
# text has a few hundred such pairs, and a long text tens of thousands of marks.
_STRAIGHT: dict[tuple[str, str], object] = {}


def _straight_role(before: str, after: str) -> str | None:
    """The role of a '"' between ``before`` and ``after`` ("" at the paragraph's start or end),
    None for an inch mark: a '"' after a digit that does not open (12" screen)."""
    around = (before or " ") + '"' + (after or " ")
    if before and before.isdigit() and _role(around, 1) != "open":
        return None
    return _role(around, 1)


# The characters either side of each straight double mark (of a paragraph padded with spaces).
_STRAIGHT_AROUND = re.compile(r'(?s)"(?<=(.)")(?=(.))')  # the mark first: the engine skips to it
_CURLY_DOUBLE = re.compile(r"[“”«»„]")


def _plainly_balanced(text: str) -> bool:
    """True when ``text``'s double marks are all straight and, inch marks aside, open and close
    in turn (each one at an even place may open, each at an odd place may close, an even number):
    then ``unbalanced`` finds nothing in them. (A space pad reads as the paragraph's start or end:
    ``_straight_role`` takes "" for " ".)

    Why: a long text has tens of thousands of straight marks, nearly all in such paragraphs;
    their roles are read here with one regex call and C-level look-ups of the cached roles
    instead of a Python step per mark. False (the full check runs) on any other paragraph.
    """
    if any(c in text for c in "“”«»„"):
        return False
    return _in_turn(_straight_roles(_STRAIGHT_AROUND.findall(f" {text} ")))


def _straight_roles(pairs: list[tuple[str, str]]) -> list[str | None]:
    """:func:`_straight_role` of each (character before, character after) pair, cached in
    ``_STRAIGHT`` and read in C."""
    roles = list(map(_STRAIGHT.get, pairs, repeat(_UNSEEN)))
    if _UNSEEN in roles:
        if len(_STRAIGHT) > 50_000:
            _STRAIGHT.clear()  # hostile text: every pair of characters distinct
        for key in pairs:
            if key not in _STRAIGHT:
                _STRAIGHT[key] = _straight_role(*key)
        roles = list(map(_STRAIGHT.__getitem__, pairs))
    return roles


def _in_turn(roles: list[str | None]) -> bool:
    """The marks' roles, inch marks (None) aside, open and close in turn: each at an even place
    may open, each at an odd place may close, an even number of them."""
    marks = list(filter(None, roles))
    return not len(marks) % 2 and "close" not in marks[0::2] and "open" not in marks[1::2]


def _balanced_paragraphs(prose: str, paras: list[tuple[int, int]], visit: list[int]) -> set[int]:
    """:func:`_plainly_balanced_paragraphs`, from the native scan when it is built (docs/native.md)."""
    from newslint import native

    nat = native.module()
    found = None if nat is None else nat.balanced_paragraphs(prose, paras, visit)  # None: lone surrogates
    return _plainly_balanced_paragraphs(prose, paras, visit) if found is None else set(found)


def _plainly_balanced_paragraphs(prose: str, paras: list[tuple[int, int]], visit: list[int]) -> set[int]:
    """The paragraphs of ``visit`` (sorted, disjoint) for which :func:`_plainly_balanced` is true,
    with the marks' roles read from one scan of the whole text.

    A paragraph between whitespace (or the text's ends) reads its marks as the whole text does:
    a role reads a space and a line break alike. Others are judged on their own.
    """
    roles = _straight_roles(_STRAIGHT_AROUND.findall(f" {prose} "))
    curly = any(c in prose for c in "“”«»„")  # str.__contains__: far faster than a regex scan
    out: set[int] = set()
    count, n_chars = prose.count, len(prose)
    j = done = 0  # marks before ``done``
    for n in visit:
        ps, pe = paras[n]
        j += count('"', done, ps)
        k = count('"', ps, pe)
        done = pe
        if curly and _CURLY_DOUBLE.search(prose, ps, pe):
            pass  # curly marks: the full check
        elif (ps and not prose[ps - 1].isspace()) or (pe < n_chars and not prose[pe].isspace()):
            if _plainly_balanced(prose[ps:pe]):
                out.add(n)
        elif _in_turn(roles[j:j + k]):
            out.add(n)
        j += k
    return out


def _single_marks(text: str) -> Iterator[tuple[int, str]]:
    """(position, role) of single quotation marks; apostrophes are skipped."""
    for m in _SINGLE.finditer(text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch == "'" and _ELISION.match(text, i) and not before.isalnum():
            continue
        if (before.isspace() or before in "(“\"[—–-") and (after.isalpha()):
            yield i, "open"
        elif (before.isalpha() or before in ".,!?;:…") and not after.isalnum() and ch != "‘":
            yield i, "close"


def unbalanced(text: str, marks: list[tuple[int, str]], loose_closers: bool) -> tuple[list[int], int | None, list[int]]:
    """(openers never closed before a new one, the opener still open at the end, stray closers).

    An opener while a quotation is open is the continued-quote convention when it follows a
    sentence end (paragraphs joined on one line: '..." he said. "Next...'); otherwise the
    first quotation was never closed. ``loose_closers``: a closer with nothing open is ignored
    (a single quote may be an apostrophe: "leaders' talks").
    """
    open_at: int | None = None
    unclosed: list[int] = []
    stray: list[int] = []
    for i, role in marks:
        if open_at is None:
            if role != "close":
                open_at = i
            elif not loose_closers:
                stray.append(i)
        elif role == "open":
            if not _SENTENCE_BEFORE.search(text, 0, i):
                unclosed.append(open_at)
            open_at = i
        else:
            open_at = None
    return unclosed, open_at, stray


_SENTENCE_BEFORE = re.compile(r"[.!?…:][\"'’”)\]]*\s$")


@rule("NL405", "unbalanced-quotes", "A quotation mark left open or closed without an opener within a paragraph.")
def unbalanced_quotes(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a quotation that is opened but not closed in its paragraph, or a closing mark with
    no opening one.

    Why: a missing closing quote makes the reader (and newslint's own quotation handling) take
    the reporter's words for the speaker's. News style continues a quotation into the next
    paragraph without a closing mark, reopening it there: an open quote followed by a paragraph
    that starts with a quotation mark is not reported. Single quotes count only when they
    cannot be apostrophes ("Russia's", "leaders' talks", "'90s" are fine), and only in an
    article that uses no double quotation marks (elsewhere "'bot nets" is an elision, not a
    quotation). Inch marks after a digit (12" screen) are not quotes. Paragraphs joined on one
    line ('..." he said. "Next...') keep the convention: a new opening mark after a sentence
    end continues the quotation.

    Example: 'Putin said “we were always together then. The talks ended on Tuesday.' (and the
    next paragraph does not open with a quotation mark) -> the opening “ is reported.

    Fix: none; only the writer knows where the quotation ends.
    """
    paras = doc.paragraphs
    prose = doc.prose
    # Single quotes are checked only in articles that quote with them (no double marks at all):
    # elsewhere a lone ' is far more often an elision ('bot nets) than a lost quotation mark.
    singles_are_quotes = not any(c in prose for c in "“”\"«»„")
    # A paragraph without a mark of the kind checked has nothing to report: only those with one
    # are visited (a mark's role reads the paragraph alone, so each is still judged as a whole).
    # (Without curly marks, the straight one is searched for as a literal: far faster than the class.)
    marks = _SINGLE if singles_are_quotes else _DOUBLE if any(c in prose for c in "“”«»„") else _STRAIGHT_MARK
    visit = _paragraphs_with(marks, prose, paras)
    balanced = set() if singles_are_quotes or visit is None else _balanced_paragraphs(prose, paras, visit)
    for n in range(len(paras)) if visit is None else visit:
        ps, pe = paras[n]
        text = prose[ps:pe]
        nxt = paras[n + 1] if n + 1 < len(paras) else None
        if n in balanced:
            continue  # the common case: straight marks that open and close in turn
        doubles = list(_double_marks(text))
        checks: list[tuple[list[tuple[int, str]], bool]] = [(doubles, False)]
        if singles_are_quotes:
            checks.append((list(_single_marks(text)), True))
        for marks, loose in checks:
            unclosed, open_at, stray = unbalanced(text, marks, loose)
            for i in stray:
                yield unbalanced_quotes.diagnostic(ps + i, ps + i + 1, "Closing quotation mark without an opening one")
            if open_at is not None and _starts_with_quote(doc, nxt):
                open_at = None  # news style: the quotation continues in the next paragraph
            for i in unclosed + ([open_at] if open_at is not None else []):
                yield unbalanced_quotes.diagnostic(ps + i, ps + i + 1, "Quotation opened here is not closed in its paragraph")


@rule("NL406", "unbalanced-brackets", "A parenthesis or bracket left open or closed without an opener within a paragraph.")
def unbalanced_brackets(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds ( [ { with no matching closer in the paragraph, and closers with no opener.

    Why: a lost bracket blurs where an aside ends ("Organisation (SCO summit ..."), and often
    marks a cut-and-paste slip. Enumerations ("a)", "2)") and emoticons are not reported;
    Markdown link brackets are markup and never reach this rule.

    Example: "the Shanghai Cooperation Organisation (SCO summit in Tianjin." -> "(" reported.

    Fix: none; only the writer knows where the aside ends.
    """
    prose, paras = doc.prose, doc.paragraphs
    visit = _paragraphs_holding("()[]{}", prose, paras)
    for ps, pe in paras if visit is None else map(paras.__getitem__, visit):
        text = prose[ps:pe]
        if not any(c in text for c in "()[]{}"):
            continue
        # Brackets that pair off at once ("(a) and (b)", most) need no step per bracket.
        if not "".join(_BRACKET.findall(text)).replace("()", "").replace("[]", "").replace("{}", ""):
            continue  # adjacent pairs only: balanced, nothing to report
        stack: list[int] = []
        for m in _BRACKET.finditer(text):
            i, ch = m.start(), m.group()
            if ch in "([{":
                stack.append(i)
            elif stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            elif not _enumeration_or_smiley(text, i):
                yield unbalanced_brackets.diagnostic(ps + i, ps + i + 1, f"Closing {ch!r} without a matching opening one")
        for i in stack:
            yield unbalanced_brackets.diagnostic(ps + i, ps + i + 1, f"{text[i]!r} is not closed in its paragraph")


def _enumeration_or_smiley(text: str, i: int) -> bool:
    """A stray closer that ends an enumeration ("a)", "2)") or a smiley (":)")."""
    return any(m.end() - 1 == i for m in _ENUMERATION.finditer(text, max(0, i - 5), i + 1)) or any(
        m.end() - 1 == i for m in _EMOTICON.finditer(text, max(0, i - 2), i + 1)
    )


def _curly_for(text: str, i: int) -> str:
    """The curly form of the straight mark at ``i``: opening after a space or bracket."""
    before = text[i - 1] if i else " "
    opening = before.isspace() or before in "([{—–-“‘"
    if text[i] == '"':
        return "“" if opening else "”"
    after = text[i + 1] if i + 1 < len(text) else " "
    return "‘" if opening and after.isalpha() else "’"


@rule("NL407", "mixed-quote-styles", "Straight and curly quotation marks or apostrophes mixed in one article.",
      fixable=True, default_enabled=False, severity=Severity.INFO)
def mixed_quote_styles(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds the marks of the less used style when an article mixes straight (" ') and curly
    (“ ” ‘ ’) quotation marks or apostrophes. Double and single marks are counted apart; each
    story of a multi-story file is judged on its own. Off by default (a house-style choice).

    Why: mixed styles betray text pasted from different sources, and look careless in print.

    Example: an article with “curly” quotes and one "straight" pair -> the straight pair.

    Fix: curly to straight is safe; straight to curly is unsafe (the opening/closing choice is
    guessed from the character before the mark).
    """
    from newslint.rules.stories import story_spans

    prose = doc.prose
    for ss, se in story_spans(doc):
        for straight, curly in (('"', "“”"), ("'", "‘’")):
            s_pos = [ss + m.start() for m in re.finditer(re.escape(straight), prose[ss:se])]
            c_pos = [ss + m.start() for m in re.finditer(f"[{curly}]", prose[ss:se])]
            if straight == '"':
                s_pos = [p for p in s_pos if not (p and prose[p - 1].isdigit())]  # inch marks
            if not s_pos or not c_pos:
                continue
            minority = s_pos if len(s_pos) <= len(c_pos) else c_pos
            majority_name = "curly" if minority is s_pos else "straight"
            for p in minority:
                if minority is s_pos:
                    new, app = _curly_for(prose, p), Applicability.UNSAFE
                else:
                    new, app = straight, Applicability.SAFE
                fix = replace_fix(p, p + 1, new, app, f"Use {majority_name} {new!r}")
                yield mixed_quote_styles.diagnostic(
                    p, p + 1,
                    f"{'Straight' if minority is s_pos else 'Curly'} {prose[p]!r} in an article that mostly uses "
                    f"{majority_name} marks ({len(s_pos)} straight, {len(c_pos)} curly)",
                    fix, suggestions=(new,),
                )
