"""The per-piece rules' fast paths decide exactly as the step-by-step code they skip.

Why: the speed work on the rules (docs/benchmarks.md, session 4) added shortcuts that must
never change a finding; each is compared here with the reference on generated text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.rules.balance import _double_marks, _plainly_balanced, unbalanced

# Characters around double quotation marks: every role-deciding neighbour (spaces, brackets,
# dashes, slashes, punctuation, digits for inch marks, letters) and the curly and guillemet marks.
MARK_PIECES = st.sampled_from(['"', '"', '"', "“", "”", "«", "»", "„", " ", " ", "a", "Z", "7", "(", ")", "[", "]",
                               "—", "–", "-", "/", ".", ",", "!", "?", "…", ":", "\t", "\u00a0", "é", "' ",
                               'He said "yes." ', '12" screen ', '"quoted" ', ' "open ', 'close" '])
PARAGRAPHS = st.lists(MARK_PIECES, max_size=30).map("".join)


@settings(max_examples=1500, deadline=None)
@given(PARAGRAPHS)
def test_plainly_balanced_paragraphs_have_no_double_mark_findings(text: str) -> None:
    """NL405 skips a paragraph _plainly_balanced accepts: the full check must find nothing there."""
    if _plainly_balanced(text):
        unclosed, open_at, stray = unbalanced(text, _double_marks(text), False)
        assert (unclosed, open_at, stray) == ([], None, []), text


def test_plainly_balanced_accepts_the_common_case() -> None:
    """The shortcut is taken for ordinary straight quotation (else it would speed nothing up)."""
    assert _plainly_balanced('He said "we will go" and "they" left, with a 12" screen.')
    assert _plainly_balanced("No marks at all.")
    assert not _plainly_balanced('He said "we will go and left.')
    assert not _plainly_balanced("He said “we will go” and left.")  # curly marks: the full check


PROSE_PIECES = st.sampled_from(['"', '"', "“", "”", " ", "a", "7", "(", ".", ",", "—", "\n", "\n\n", "\n\n", "\t",
                                'He said "yes." ', '12" screen ', '"quoted" ', ' "open ', 'close" ', "x\n\ny"])


@settings(max_examples=800, deadline=None)
@given(st.lists(PROSE_PIECES, max_size=50).map("".join), st.sampled_from(["a.txt", "a.md"]))
def test_balanced_paragraphs_from_one_scan_equal_each_paragraph_alone(text: str, path: str) -> None:
    """The whole-text reading of the marks' roles picks exactly the paragraphs _plainly_balanced picks."""
    from newslint.document import Document
    from newslint.rules.balance import _DOUBLE, _paragraphs_with, _plainly_balanced_paragraphs

    doc = Document.from_text(text, path)
    visit = _paragraphs_with(_DOUBLE, doc.prose, doc.paragraphs)
    if visit is None:
        return
    want = {n for n in visit if _plainly_balanced(doc.prose[slice(*doc.paragraphs[n])])}
    assert _plainly_balanced_paragraphs(doc.prose, doc.paragraphs, visit) == want


def test_balanced_paragraphs_glued_to_text_are_judged_alone() -> None:
    """A paragraph span that does not end at whitespace reads its edges as the paragraph does."""
    from newslint.rules.balance import _plainly_balanced_paragraphs

    prose = 'x"a" b"'  # paragraph (1, 6): '"a" b' has marks at its edges
    assert _plainly_balanced_paragraphs(prose, [(0, 1), (1, 6)], [1]) == ({1} if _plainly_balanced('"a" b') else set())


def _reference_nl406(doc):  # type: ignore[no-untyped-def]
    """NL406 as first written: every paragraph, a step per bracket."""
    import re

    from newslint.rules.balance import _PAIRS, _enumeration_or_smiley

    prose = doc.prose
    for ps, pe in doc.paragraphs:
        text = prose[ps:pe]
        stack: list[int] = []
        for m in re.finditer(r"[()\[\]{}]", text):
            i, ch = m.start(), m.group()
            if ch in "([{":
                stack.append(i)
            elif stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            elif not _enumeration_or_smiley(text, i):
                yield (ps + i, f"Closing {ch!r} without a matching opening one")
        for i in stack:
            yield (ps + i, f"{text[i]!r} is not closed in its paragraph")


BRACKET_PIECES = st.sampled_from(["(", ")", "[", "]", "{", "}", "a", " ", "\n", "\n\n", "a)", "2)", "iv)", ":)", ";-(",
                                  "(SCO", "summit)", "x (y) z", "[1]", "{a}", ".", "\n- "])


@settings(max_examples=800, deadline=None)
@given(st.lists(BRACKET_PIECES, max_size=40).map("".join), st.sampled_from(["a.txt", "a.md"]))
def test_nl406_visits_only_paragraphs_with_brackets_and_finds_what_visiting_all_finds(text: str, path: str) -> None:
    from newslint.document import Document
    from newslint.rules.balance import unbalanced_brackets

    doc = Document.from_text(text, path)
    got = [(d.start, d.message) for d in unbalanced_brackets.check(doc, None)]
    assert got == list(_reference_nl406(doc))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["the", "The", "THE", "nato", "NATO", "London", "london", "Druzhba", "colour",
                                           "color", "teh", "İstanbul", "ǅemal", "x\udc80", "", "a-b", "U.S."]),
                          st.text("abcdeiklnorstuACDLN'’-.", max_size=9)), max_size=40))
def test_known_flags_equal_is_known_word_by_word(words: list[str]) -> None:
    """Lexicon.known_flags (one batch) answers what is_known answers for each word alone."""
    from newslint.lexicon import Lexicon

    batch = Lexicon(user_words=frozenset({"Fico", "druzhba"}), project_counts={})
    single = Lexicon(user_words=frozenset({"Fico", "druzhba"}), project_counts={})
    assert batch.known_flags(words) == [single.is_known(w) for w in words]
    assert batch.known_flags(words) == [single._is_known(w) for w in words]  # memoized answers stay right


def test_name_index_answers_what_the_deletion_index_answers_across_documents(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The process-wide name keys (NL102) give each document exactly its own deletion index's
    answers, also once other documents' names are in it and after it starts again."""
    import random
    from collections import Counter

    from newslint.rules import spelling
    from newslint.rules.spelling import _by_initial, _deletion_index, _name_variant_of, _NameIndex

    monkeypatch.setattr(spelling, "_NAME_KEYS", {})
    monkeypatch.setattr(spelling, "_NAMES_INDEXED", set())
    monkeypatch.setattr(spelling, "_MAX_NAMES_INDEXED", 300)
    rnd = random.Random(5)
    letters = "JjinpgKmaoe"
    hits = 0
    for _ in range(12):
        names = Counter({"".join(rnd.choice(letters) for _ in range(rnd.randint(1, 7))).capitalize(): rnd.randint(1, 9)
                         for _ in range(120)})
        groups = _by_initial(names, 2)
        reference = _deletion_index(groups)
        index = _NameIndex(names, 2)
        for word in list(names)[:80] + ["Jinpnig", "Kim", "J", "Jo", "Kaoem"]:
            want = _name_variant_of(word, names, groups, 2, 2, reference)
            hits += want is not None
            assert _name_variant_of(word, names, {}, 2, 2, index) == want, word
    assert hits > 20


def test_names_by_lowercase_across_documents_gives_each_its_own_rivals(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """NL102's rivals of a variant (names one edit away, any case) from the process-wide index
    equal those from the document's own names_by_lowercase, across documents and a restart."""
    import random
    from collections import Counter

    from newslint.rules import spelling
    from newslint.rules.spelling import _NamesByLowercase, edits1, names_by_lowercase

    monkeypatch.setattr(spelling, "_BY_LOWER", {})
    monkeypatch.setattr(spelling, "_LOWER_INDEXED", set())
    monkeypatch.setattr(spelling, "_MAX_NAMES_INDEXED", 200)
    rnd = random.Random(7)
    letters = "JjinpgKmao"
    for _ in range(10):
        names = Counter({"".join(rnd.choice(letters) for _ in range(rnd.randint(2, 6))).capitalize(): rnd.randint(1, 5)
                         for _ in range(80)})
        own, shared = names_by_lowercase(names), _NamesByLowercase(names)
        for word in list(names)[:40] + ["Jinpnig", "Kmo"]:
            edits = edits1(word.lower())
            want = {n for e in edits for n in own.get(e, ()) if n != word}
            assert {n for e in edits & shared.keys() for n in shared[e] if n != word} == want
            assert {n for e in edits & own.keys() for n in own[e] if n != word} == want
