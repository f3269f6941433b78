"""The native scans (newslint._native) give exactly what the pure-Python reference gives.

Both paths are compared in one run: the Python functions are called directly, the native ones
through the compiled module. When the module is not built the comparisons skip, except under
NEWSLINT_REQUIRE_NATIVE=1 (scripts/test sets it), where a missing build fails the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from array import array
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint import native
from newslint.document import Document
from newslint.lexicon import tokens
from newslint.lexicon.tokens import (TokenTable, _native_name_stats, _python_name_stats, _python_table, headline_span,
                                     sentence_start_list)
from newslint.rules.repetition import _REPEAT, repeat_spans
from newslint.rules.sentence_start import ABBREVIATIONS, _is_abbreviation, sentence_starts
from tests.strategies import any_text

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def _native_module():  # type: ignore[no-untyped-def]
    try:
        from newslint import _native
    except ImportError as error:
        if os.environ.get("NEWSLINT_REQUIRE_NATIVE"):
            pytest.fail(f"newslint._native is required here (NEWSLINT_REQUIRE_NATIVE is set) but missing: {error}")
        pytest.skip(f"newslint._native is not built (no cargo at install time?): {error}")
    if _native.API_VERSION != native.API_VERSION:  # a stale in-place build: newslint would ignore it
        pytest.fail(f"newslint._native is stale (API {_native.API_VERSION}, want {native.API_VERSION}): "
                    "run scripts/build_native or reinstall")
    return _native


def test_installed_build_is_optimized() -> None:
    """An editable install once built the crate in debug mode (setuptools-rust's default there):
    ~7x slower scans than pure Python. pyproject.toml sets ``debug = false``; this keeps it so."""
    nat = _native_module()
    assert nat.OPTIMIZED, "newslint._native is a debug build: reinstall (pyproject.toml must say debug = false)"


@pytest.fixture(scope="module")
def nat():  # type: ignore[no-untyped-def]
    return _native_module()


def test_native_module_is_built_when_required():
    """CI (scripts/test) must not silently fall back to Python when the extension failed to build."""
    module = _native_module()
    assert all(callable(getattr(module, f)) for f in ("token_table", "repeats", "name_stats", "sentence_starts",
                                                      "quotation_spans", "Piece"))


def native_table(nat, doc: Document):  # type: ignore[no-untyped-def]
    got = nat.token_table(doc.prose, sentence_start_list(doc), headline_span(doc))
    if got is None:
        return None
    vocab, index, ids, start_bytes, flags = got
    starts = array("q")
    starts.frombytes(start_bytes)
    return vocab, index, ids, list(starts), flags


def python_table(doc: Document):  # type: ignore[no-untyped-def]
    vocab, index, ids, starts, flags = _python_table(doc)
    return vocab, index, ids, list(starts), flags


def python_repeats(text: str) -> list[tuple[int, int, int, int]]:
    return [(m.start(1), m.end(1), m.start(3), m.end(3)) for m in _REPEAT.finditer(text)]


def assert_same(nat, text: str, path: str = "article.txt") -> None:  # type: ignore[no-untyped-def]
    """Native and Python agree on ``text``'s word table and repetitions (or native declines)."""
    doc = Document.from_text(text, path)
    want = python_table(doc)
    got = native_table(nat, doc)
    encodable = not any("\ud800" <= c <= "\udfff" for c in doc.prose)
    if not encodable:  # lone surrogates: native declines, TokenTable uses the Python table
        assert got is None
    else:
        assert got is not None
        for name, a, b in zip(("vocab", "index", "ids", "starts", "flags"), got, want):
            assert a == b, (name, text)
        # The shared int objects: an id in ``ids`` is the index's own object.
        assert all(got[2][i] is got[1][got[0][got[2][i]]] for i in range(len(got[2])))
    got_starts = nat.sentence_starts(doc.prose, doc.paragraphs, _is_abbreviation, ABBREVIATIONS)
    assert got_starts == (list(sentence_starts(doc)) if encodable else None), text
    # Name statistics over the (Python-built) table: the same counters either way.
    table = TokenTable.__new__(TokenTable)
    table.vocab, table.index, table.ids, table.starts, table.flags = _python_table(doc)
    table.bases = [tokens.base_form(w) for w in table.vocab]
    want_stats = _python_name_stats(table)
    fresh = TokenTable.__new__(TokenTable)
    fresh.__dict__.update({k: v for k, v in table.__dict__.items() if k != "_counts"})
    got_stats = _native_name_stats(nat, fresh)
    for field in ("capitalized", "lowercase", "any_case"):
        assert getattr(got_stats, field) == getattr(want_stats, field), (field, text)
    assert fresh.word_counts() == table.word_counts()
    spans = nat.repeats(doc.prose, native.same_ignoring_case)
    assert spans == (python_repeats(doc.prose) if encodable else None), text


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seeds_identical(nat, path: Path):
    assert_same(nat, path.read_text(encoding="utf-8"), path.name)


def _corpus_clean() -> Path | None:
    roots = [Path(os.environ["NEWSLINT_CORPUS"])] if os.environ.get("NEWSLINT_CORPUS") else []
    roots += [REPO.parent / "shared" / "corpus", REPO.parent.parent / "shared" / "corpus"]
    return next((r / "clean" for r in roots if (r / "clean").is_dir()), None)


def test_clean_corpus_identical(nat):
    clean = _corpus_clean()
    if clean is None:
        pytest.skip("clean corpus not found (set NEWSLINT_CORPUS or place it at ../shared/corpus)")
    paths = sorted(clean.glob("*.txt"))
    assert paths, f"{clean} has no articles"
    for path in paths:
        assert_same(nat, path.read_text(encoding="utf-8"), path.name)


# Characters on which Python's and Rust's ideas of "letter" and "digit" differ, or which the
# word rules treat specially: letters and digits of other scripts, numerals that are alnum but
# not decimal, combining and spacing marks (alphabetic to Rust, not alnum to Python), case
# pairs whose simple folding differs from str.lower(), every apostrophe, hyphen and dot.
EDGE_CHARS = [
    "é", "ß", "Σ", "ς", "ǅ", "ª", "ᵃ", "²", "½", "Ⅻ", "ⅻ", "٣", "१", "𝟙", "一", "〇", "中", "ℌ", "𝐀",
    "K", "k", "K", "İ", "i", "ı", "I", "ſ", "s", "S", "Å", "å", "Å", "ﬁ", "Ⓐ", "ⓐ",
    "\u0301", "\u0903", "\u093e", "\u0345", "\u200d",
    "'", "’", "ʼ", "‘", "`", "-", "‐", "–", ".", "_", "@", "#", "$", "£", "€", "¥", "/", "\\",
    "0", "7", "9", "a", "Z", " ", " ", "\t", "\n", "\r\n", "\r", "\n\n", "\u00a0",
]
EDGE_WORDS = [
    "the", "The", "THE", "the the", "The the", "the\nthe", "the\r\nthe", "the \r\n the", "the\t the",
    "U.S.", "U.S", "e.g.", "a.b", "79th", "£4.8bn", "$5", "@x", "#tag", "a_b", "_a", "a_", "x/y", "x\\y",
    "rock'n'roll", "don’t", "Russia's", "leaders’", "ma-ma", "well-known", "co.op", "Ka-shing", "Jong-un",
    "straße STRASSE", "Kelvin kelvin", "ǆ ǅ Ǆ", "σς Σ", "İstanbul istanbul", "naïve naïve", "café cafe\u0301",
    "Duran Duran", "had had", ".", " .", "word.", "end.", "x..y", "x.-y", "a-", "-a", "a'", "'a",
    ". ", "! ", "? ", ".” ", ".) ", "?” ", "!) ", "...", "… ", ". . . ", ".\t", "Mr. ", "mr. ", "Sept. ", "No. ",
    "U.S. ", "e.g. ", "(D-Okla.) ", "(He did.) ", "Boren (D-Okla.) said. ", "“Why?” he ", "(", ")", "[", "“", "‘",
    "•", "—", "–", ">", "*", "#", "\x1c", "\x85", "\u2028", "Ms. ", "Co.) ", "Mſ. ", "İnc. ", "Dr.” ",
]
edge_text = st.lists(st.one_of(st.sampled_from(EDGE_CHARS), st.sampled_from(EDGE_WORDS)), max_size=40).map("".join)
texts = st.one_of(edge_text, any_text, st.text(alphabet=st.sampled_from([c for c in EDGE_CHARS if len(c) == 1]), max_size=60))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, path=st.sampled_from(["article.txt", "article.md", "article.html"]))
def test_generated_texts_identical(nat, text: str, path: str):
    """Hypothesis texts stressing segmentation edge cases; .md/.html blank masks to spaces."""
    assert_same(nat, text, path)


@pytest.mark.parametrize("text", ["", ".", "a", "a.", "The end.", "é", "the the", "U.S.", "79th", "£4.8bn",
                                  "@x", "a_b", "x" * 5 + ".", "Word.\n", "\udc80 the the \udc80"])
def test_small_texts_identical(nat, text: str):
    assert_same(nat, text)


def test_table_falls_back_when_native_declines(nat, monkeypatch):
    """Lone surrogates (surrogateescape input): the native scan declines and TokenTable is the Python one."""
    doc = Document.from_text("Bad \udc80byte the the words", "a.txt")
    monkeypatch.setattr(native, "_module", nat)
    table = TokenTable(doc)
    vocab, index, ids, starts, flags = python_table(doc)
    assert (table.vocab, table.ids, list(table.starts), table.flags) == (vocab, ids, starts, flags)
    assert repeat_spans(doc.prose) == python_repeats(doc.prose)


def test_findings_identical_with_and_without_native(nat, monkeypatch):
    """Whole lint results on the seeds do not depend on which path built the tables."""
    from tests.conftest import lint

    slips = ("Plans\n\nPlans to open the the plant were were shelved, said Duran Duran.\n"
             "He said “we are are going” and and left.\r\nThe firm’s firm’s results in in\nMarch.\n")
    articles = [(p.name, p.read_text(encoding="utf-8")) for p in SEEDS] + [("slips.txt", slips)]

    def run() -> list[tuple]:
        out = []
        for name, text in articles:
            tokens.token_table.cache_clear()
            out += [(name, d.code, d.start, d.end, d.message, d.fix) for d in lint(text, path=name)]
        return out

    monkeypatch.setattr(native, "_module", None)
    python = run()
    monkeypatch.setattr(native, "_module", nat)
    assert run() == python
    assert any(code == "NL401" for _, code, *_ in python)  # the repetition scan is exercised


def test_no_native_env_forces_python(nat):
    """NEWSLINT_NO_NATIVE=1 bypasses a built module (read once, at first use)."""
    code = "from newslint import native; print(native.module() is None)"
    env = {**os.environ, "NEWSLINT_NO_NATIVE": "1", "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "True"
    env.pop("NEWSLINT_NO_NATIVE")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(any_text, st.data())
def test_uses_identical(nat, monkeypatch, text: str, data) -> None:  # type: ignore[no-untyped-def]
    """TokenTable.uses through the native scan lists the indices the set look-up per token lists."""
    table = TokenTable(Document.from_text(text, "a.txt"))
    if not table.vocab:
        return
    wanted = data.draw(st.sets(st.integers(0, len(table.vocab) - 1)))
    reference = [i for i, w in enumerate(table.ids) if w in wanted]
    monkeypatch.setattr(native, "_module", nat)
    assert table.uses(wanted) == reference
    monkeypatch.setattr(native, "_module", None)
    assert table.uses(wanted) == reference


def test_uses_identical_on_the_seeds(nat, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    table = TokenTable(Document.from_text("\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS), "a.txt"))
    monkeypatch.setattr(native, "_module", nat)
    for step in (1, 3, 17, 400):
        wanted = set(range(0, len(table.vocab), step))
        assert table.uses(wanted) == [i for i, w in enumerate(table.ids) if w in wanted]
    # Packed ids outside the wanted bytes, negative ones and a partial trailing integer are not wanted.
    assert nat.uses(array("q", [0, 5, -1, 1, 0]).tobytes() + b"\x01", bytes([1, 0])) == [0, 4]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(any_text)
def test_nl201_starts_from_the_shared_list_equal_its_own_scan(nat, monkeypatch, text: str) -> None:  # type: ignore[no-untyped-def]
    """NL201 reads its lowercase starts off the native start list: the same as its lowercase-only scan."""
    from newslint.rules.sentence_start import _lowercase_starts

    doc = Document.from_text(text + "\n\nthe end. and then? a start. e.g. this. Mr. here", "a.txt")
    monkeypatch.setattr(native, "_module", nat)
    assert list(_lowercase_starts(doc)) == list(sentence_starts(doc, lowercase_only=True))


def test_nl201_starts_from_the_shared_list_on_the_seeds(nat, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newslint.rules.sentence_start import _lowercase_starts

    monkeypatch.setattr(native, "_module", nat)
    for path in SEEDS:
        doc = Document.from_text(path.read_text(encoding="utf-8"), path.name)
        assert list(_lowercase_starts(doc)) == list(sentence_starts(doc, lowercase_only=True)), path.name


# -- piece facts (newslint/piece_facts.py, native/src/facts.rs) -----------------------------------

# Quotation marks of every style, whitespace of every kind, line breaks of every convention,
# sentence ends and masked material (URLs, e-mail, Markdown code, HTML tags), so that keys,
# word counts, segments, datelines and quotations all meet their edge cases.
FACT_PARTS = [
    "“", "”", "„", "«", "»", "‘", "’", "‚", "`", "'", '"', " ", "  ", "\t", "\u00a0", "\u2028", "\x1c", "\u3000",
    "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", ". ", "! ", "? ", "… ", ": ", "; ", ", ", ")", "]", "-", "–", "—",
    "The", "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "Putin", "called", "Xi", "friend",
    "colour", "color", "defence", "defense", "organise", "centre", "Mr.", "U.S.", "it's", "don’t", "leaders'",
    "He said \"we will go now\" and left.", "‘Yes,’ she said.", "'Quoted words here,' he said. ",
    "Sign up for our newsletter", "Read more", "Advertisement", "A message from the editor:", "Share on Twitter",
    "Related Stories", "Dear readers,", "Subscribe now", "Tweet | Email | Print",
    "LONDON (Reuters) - ", "Tianjin, China (AFP) Sept 1, 2025 - ", "NEW YORK, March 2 - ", "Headline without end",
    "https://example.com/a b", "a@b.co", "`code  here`", "<b>bold</b>", "<p>", "</p>", "# Heading", "> quote",
    "Putin described Xi as a dear friend of the people today. ", "é", "ß", "İ", "Σ", "\U0001F600", "\u0301",
]
fact_texts = st.lists(st.sampled_from(FACT_PARTS), max_size=80).map("".join)
REPEATED = ("Headline without end\n\nLONDON (Reuters) - Putin described Xi as a dear friend of the people today. "
            "He said “we will go now” and left. ‘Yes,’ she said colour.\n\nRead more\n\n"
            "Putin described Xi as a dear friend of the people today. The “defence” was organised well, "
            "it's said.\n\nSign up for our newsletter\nShare on Twitter\n\nhttps://example.com/x y z\n\n"
            # All ASCII (the vectorized normalization), odd whitespace, "`" folded, three long sentences.
            "  Putin described Xi as a dear friend of the people today.  The `talks` went on\tfor three long "
            "hours in the city.   Officials said nothing more about the talks that day at all. \x0c\n\n")


@pytest.fixture(scope="module")
def fact_context():  # type: ignore[no-untyped-def]
    from newslint.engine import Linter
    from tests.conftest import make_config

    return Linter(make_config(dialect="auto")).context


def assert_facts_same(nat, ctx, text: str, path: str = "big.txt", a: int = 0) -> None:  # type: ignore[no-untyped-def]
    """``piece_facts.collect`` of ``text`` (a piece starting at ``a``) gives the same facts with
    the native scan as with the Python reference, fingerprints included."""
    from newslint.chunking import PieceDocument
    from newslint.piece_facts import JUDGED, PieceFacts, collect
    from newslint.rules import units

    def facts(module) -> PieceFacts:  # type: ignore[no-untyped-def]
        native._module = module
        units.folded_text.cache_clear()
        doc = (PieceDocument if a else Document).from_text(text, path)
        return collect(doc, a, JUDGED, ctx)

    saved = native._module
    try:
        want, got = facts(None), facts(nat)
    finally:
        native._module = saved
    for name in PieceFacts.__slots__:
        assert getattr(got, name) == getattr(want, name), (name, path, text[:300])


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_piece_facts_identical_on_seeds(nat, fact_context, path: Path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    assert_facts_same(nat, fact_context, text, path.name)
    assert_facts_same(nat, fact_context, text, path.name, a=1000)


def test_piece_facts_identical_on_corpus(nat, fact_context) -> None:  # type: ignore[no-untyped-def]
    """Every clean article, and all of them as one big text (the size whose pieces use the
    per-first-character line matching)."""
    clean = _corpus_clean()
    if clean is None:
        pytest.skip("clean corpus not found (set NEWSLINT_CORPUS or place it at ../shared/corpus)")
    texts = [p.read_text(encoding="utf-8") for p in sorted(clean.glob("*.txt"))]
    assert texts, f"{clean} has no articles"
    for text in texts:
        assert_facts_same(nat, fact_context, text)
    assert_facts_same(nat, fact_context, "\n\n".join(texts * 2), a=5)


def test_piece_facts_identical_on_a_big_repeated_text(nat, fact_context) -> None:  # type: ignore[no-untyped-def]
    """Thousands of lines: copies, sentences read off their paragraphs' keys, boilerplate
    found through the per-first-character matchers, datelines, quoted dialect words."""
    from newslint.piece_facts import collect, JUDGED

    text = REPEATED * 300
    assert_facts_same(nat, fact_context, text, a=7)
    facts = collect(Document.from_text(text, "big.txt"), 0, JUDGED, fact_context)
    assert len({h for _, _, _, h in facts.dup}) < len(facts.dup)  # copies share fingerprints
    assert any(r for r in facts.seg_reason) and facts.datelines and any(q for _, _, q in facts.dialect)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.one_of(fact_texts, texts), path=st.sampled_from(["big.txt", "big.md", "big.html"]), a=st.sampled_from([0, 3]))
def test_piece_facts_identical_on_generated_texts(nat, fact_context, text: str, path: str, a: int) -> None:  # type: ignore[no-untyped-def]
    assert_facts_same(nat, fact_context, text, path, a)


def test_piece_facts_native_declines_lone_surrogates(nat) -> None:  # type: ignore[no-untyped-def]
    assert nat.Piece.load("Bad \udc80byte", [], [(0, 11)]) is None
    assert nat.quotation_spans("“a \udc80”") is None


@settings(max_examples=400, deadline=None)
@given(st.one_of(fact_texts, texts))
def test_quotation_spans_identical(nat, text: str) -> None:  # type: ignore[no-untyped-def]
    from newslint.quotes import python_quotation_spans

    want = python_quotation_spans(text)
    got = nat.quotation_spans(text)
    assert got == (None if any("\ud800" <= c <= "\udfff" for c in text) else want)


_OLD_OPEN_SINGLE = r"(?:(?<=^)|(?<=[\s(\[“\"—–-]))['‘](?=\w)"
_OLD_CLOSE_SINGLE = r"(?<=[\w.,!?])['’](?=[\s.,;:!?)\]”\"—–-]|$)"


@settings(max_examples=400, deadline=None)
@given(st.one_of(fact_texts, texts), st.integers(0, 30))
def test_single_quote_patterns_equal_their_lookbehind_first_form(text: str, pos: int) -> None:
    """quotes.py's single-quote patterns start with the quote (fast search); they find what the
    earlier forms, which started with the look-behind, found, from any start position."""
    import re

    from newslint import quotes

    for new, old in ((quotes._OPEN_SINGLE, re.compile(_OLD_OPEN_SINGLE)), (quotes._CLOSE_SINGLE, re.compile(_OLD_CLOSE_SINGLE))):
        a, b = new.search(text, pos), old.search(text, pos)
        assert (a and a.span()) == (b and b.span()), text


def test_fingerprint_is_length_and_crc32() -> None:
    """Both paths' fingerprint: equal keys, equal values, in every process (no hash seed)."""
    import zlib

    from newslint.piece_facts import _fingerprint

    for key in ("", "a", "He said \"go\" now.", "é’\U0001F600", "x" * 1000):
        assert _fingerprint(key) == (len(key) << 32 | zlib.crc32(key.encode("utf-8")))
    assert _fingerprint("a\udc80") == 2 << 32 | zlib.crc32(b"a\xed\xb2\x80")


# -- the word list's native probe (newslint/lexicon SortedWords; native/src/rules.rs) ------------


def _word_lists():  # type: ignore[no-untyped-def]
    """Fresh SortedWords of the shipped dictionary and of its common lowercase part (their
    look-up counters start at zero, so the pure-Python probe answers until switched)."""
    from newslint.lexicon import SortedWords, _word_file

    data, parts, index = _word_file()
    return [SortedWords(data, *parts, index=index), SortedWords(data, parts[0], index=index[:1] if index else None)]


def _native_word_set(nat, words):  # type: ignore[no-untyped-def]
    lo, hi = min(p[0] for p in words._parts), max(p[1] for p in words._parts)
    return nat.WordSet(words._data[lo:hi], [(a - lo, b - lo) for a, b in words._parts])


def _probe_strings(words: list[str]) -> list[object]:
    """The words, and strings around them that are not (or may not be) words: other cases,
    one edit away, empty, with a line break, a lone surrogate, non-str values."""
    from newslint.rules.spelling import edits1

    out: list[object] = []
    for w in words:
        out += [w, w.upper(), w.capitalize(), w + "s", w[:-1], w + "\n", "\n" + w, w + "\udc80", w + "é"]
        out += sorted(edits1(w))[:20]
    return out + ["", "\n", "\n\n", "a\nb", "\udc80", "é", "中文", "\x00", None, 3, b"the", ("the",)]


def _assert_same_membership(nat, probes: list[object]) -> None:  # type: ignore[no-untyped-def]
    for words in _word_lists():
        native_set = _native_word_set(nat, words)
        want = [p for p in probes if p in words]
        assert words._native is None and words._set is None or len(probes) > 3_000  # the Python probe answered
        assert native_set.known(probes) == want
        assert [p for p in probes if native_set.known((p,))] == want


def test_word_set_knows_every_listed_word(nat) -> None:  # type: ignore[no-untyped-def]
    """Every word of both parts, and no near-miss of them, is found by the native set as by Python."""
    from newslint.lexicon import _word_lines

    lines, common = _word_lines()
    for words in _word_lists():
        native_set = _native_word_set(nat, words)
        listed = lines[:common] if len(words._parts) == 1 else lines
        assert native_set.known(listed) == listed
        # A frozenset of the lines is what the Python look-up answers (test_wordlist checks the file).
        listed_set = set(listed)
        sample = _probe_strings(lines[::997])
        assert [p for p in sample if native_set.known((p,))] == [p for p in sample if isinstance(p, str) and p in listed_set]


def test_word_set_agrees_on_seed_words(nat) -> None:  # type: ignore[no-untyped-def]
    words = sorted({w for p in SEEDS for w in tokens.token_table(Document.from_text(p.read_text(encoding="utf-8"), p.name)).vocab})
    for chunk in range(0, len(words), 250):
        _assert_same_membership(nat, _probe_strings(words[chunk:chunk + 250])[:2_900])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(texts, st.sampled_from(EDGE_WORDS)), max_size=30))
def test_word_set_agrees_on_generated_strings(nat, strings: list[str]) -> None:  # type: ignore[no-untyped-def]
    _assert_same_membership(nat, [s for w in strings for s in (w, w.lower(), w.strip())])


def _assert_same_edits(nat, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    from newslint.rules.spelling import _LETTERS, edits1

    for sorted_words in _word_lists()[:1]:
        native_set = _native_word_set(nat, sorted_words)
        for w in words:
            got = native_set.edit_known(w, _LETTERS)
            want = bool({e for e in edits1(w) if e in sorted_words})
            assert got == (None if any("\ud800" <= c <= "\udfff" for c in w) else want), w


def test_edit_known_agrees_on_seed_words(nat) -> None:  # type: ignore[no-untyped-def]
    """derivable's "a known word one edit away" (NL101) is the same from the native set."""
    words = sorted({w.lower() for p in SEEDS for w in tokens.token_table(Document.from_text(p.read_text(encoding="utf-8"), p.name)).vocab})
    _assert_same_edits(nat, words[::7] + ["authorites", "governmet", "carmakers", "aa", "a", "", "ab'c", "naïve", "x\udc80"])


def test_edit_known_agrees_on_corpus_words(nat) -> None:  # type: ignore[no-untyped-def]
    clean = _corpus_clean()
    if clean is None:
        pytest.skip("clean corpus not found (set NEWSLINT_CORPUS or place it at ../shared/corpus)")
    words: set[str] = set()
    for path in sorted(clean.glob("*.txt"))[:60]:
        words.update(w.lower() for w in tokens.token_table(Document.from_text(path.read_text(encoding="utf-8"), path.name)).vocab)
    _assert_same_edits(nat, sorted(words)[::5])
    _assert_same_membership(nat, _probe_strings(sorted(words)[::3][:300]))


@settings(max_examples=150, deadline=None)
@given(st.one_of(texts, st.text(alphabet="abcdeilnorstu'-.", max_size=12)))
def test_edit_known_agrees_on_generated_words(nat, word: str) -> None:  # type: ignore[no-untyped-def]
    _assert_same_edits(nat, [word, word.lower()])


def test_sorted_words_switch_to_native_and_set_answer_the_same(nat, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A long run of look-ups switches SortedWords to the native set, then to a frozenset; the
    answers (membership, known_among, knows_edit_of) never change, with or without native."""
    from newslint import lexicon
    from newslint.rules.spelling import _LETTERS, edits1

    words = sorted({w for p in SEEDS for w in tokens.token_table(Document.from_text(p.read_text(encoding="utf-8"), p.name)).vocab})
    probes = _probe_strings(words[:400])
    reference = _word_lists()[0]
    want = [p for p in probes if p in reference]
    want_edits = [bool(reference.known_among(edits1(w.lower()))) for w in words[:300]]
    monkeypatch.setattr(lexicon, "_NATIVE_AFTER", 50)
    monkeypatch.setattr(lexicon, "_SET_AFTER_NATIVE", 20_000)
    for module in (nat, None):
        monkeypatch.setattr(native, "_module", module)
        fresh = _word_lists()[0]
        assert [p for p in probes if p in fresh] == want
        assert (fresh._native is not None) == (module is not None)
        assert fresh.known_among(probes[:500]) == set(want) & set(probes[:500])
        assert [fresh.knows_edit_of(w.lower(), edits1, _LETTERS) for w in words[:300]] == want_edits
        for _ in range(3):  # past _SET_AFTER_NATIVE / _SET_AFTER: the frozenset answers
            assert [p for p in probes if p in fresh] == want
        assert fresh._set is not None
        assert [fresh.knows_edit_of(w.lower(), edits1, _LETTERS) for w in words[:300]] == want_edits


def _assert_same_known_edits(nat, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    """WordSet.known_edits gives the listed words among the frequency table's edits1 (the
    suggestion candidates' edits, with its letters), less the word itself."""
    from newslint.lexicon.frequencies import frequencies

    freq = frequencies()
    sorted_words = _word_lists()[0]
    native_set = _native_word_set(nat, sorted_words)
    for w in words:
        got = native_set.known_edits(w, freq.letters)
        if any("\ud800" <= c <= "\udfff" for c in w):
            assert got is None
            continue
        want = {e for e in freq.edits1(w) if e in sorted_words} - {w} if freq.edits_word(w) and w == w.lower() else None
        if want is not None:
            assert got is not None and len(got) == len(set(got)) and set(got) == want, w


def test_known_edits_agree_on_seed_words(nat) -> None:  # type: ignore[no-untyped-def]
    words = sorted({w.lower() for p in SEEDS for w in tokens.token_table(Document.from_text(p.read_text(encoding="utf-8"), p.name)).vocab})
    _assert_same_known_edits(nat, words[::11] + ["teh", "othre", "paiment", "a", "aa", "", "naïve", "x\udc80"])


@settings(max_examples=100, deadline=None)
@given(st.one_of(texts, st.text(alphabet="abcdeilnorstué'-", max_size=10)))
def test_known_edits_agree_on_generated_words(nat, word: str) -> None:  # type: ignore[no-untyped-def]
    _assert_same_known_edits(nat, [word.lower()])


def test_candidates_identical_with_and_without_native(nat, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Lexicon.candidates (NL101's suggestions) once the word list has switched to the native set."""
    from newslint import lexicon
    from newslint.lexicon import Lexicon

    words = ["othre", "paiment", "teh", "Gvernment", "recieve", "naïve", "x", "", "123", "aa", "İstanbul", "colour"]
    monkeypatch.setattr(lexicon, "_NATIVE_AFTER", 0)
    results = []
    for module in (None, nat):
        monkeypatch.setattr(native, "_module", module)
        fresh = _word_lists()[0]
        monkeypatch.setattr(lexicon, "_dictionary", lambda: fresh)  # look-ups counted from zero
        lex = Lexicon()
        results.append([lex.candidates(w) for w in words])
        assert (lex.words._native is not None) == (module is not None) or lex.words._set is not None
    assert results[0] == results[1]
    assert any(results[0])


# -- NL304's scan (newslint.rules.spacing.spaced_marks; native/src/rules.rs) ----------------------


def _assert_same_spaced_marks(nat, text: str) -> None:  # type: ignore[no-untyped-def]
    from newslint.rules.spacing import _BEFORE

    got = nat.spaced_marks(text)
    if any("\ud800" <= c <= "\udfff" for c in text):
        assert got is None
    else:
        assert got == [m.start() for m in _BEFORE.finditer(text)], text


SPACING_CHARS = [" ", "\t", ",", ".", ";", ":", "?", "!", "”", "’", '"', "'", ")", "\n", "\r", "\u00a0", "\u2028", "\x1c",
                 "\x85", "\u3000", "\u200b", "a", "é", "中", "x ,", " . . .", "\udc80"]


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(SPACING_CHARS), max_size=40).map("".join), any_text, texts))
def test_spaced_marks_identical_on_generated_texts(nat, text: str) -> None:  # type: ignore[no-untyped-def]
    _assert_same_spaced_marks(nat, text)


def test_spaced_marks_identical_on_seeds_and_corpus(nat) -> None:  # type: ignore[no-untyped-def]
    paths = list(SEEDS)
    clean = _corpus_clean()
    if clean is not None:
        paths += sorted(clean.glob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        _assert_same_spaced_marks(nat, text)
        _assert_same_spaced_marks(nat, Document.from_text(text, path.name).prose)
    # every character after a spaced mark, for Python's and Rust's idea of whitespace
    _assert_same_spaced_marks(nat, "".join(f" ,{chr(c)}" for c in range(0x3100) if not 0xD800 <= c <= 0xDFFF))


# -- NL405's balanced paragraphs (newslint.rules.balance; native/src/rules.rs) ---------------------

QUOTE_CHARS = ['"', '"', '"', "“", "”", "«", "»", "„", " ", "\n", "\n\n", "\n\n", "a", "7", "²", "٣", "(", ")", "[", "]",
               "—", "–", "-", "/", ".", ",", "!", "?", "…", ":", "\t", "\u00a0", "\u2028", "\x1c", "é",
               'He said "yes." ', '12" screen ', '"quoted" ', ' "open ', 'close" ', "\udc80"]


def _assert_same_balanced(nat, text: str, path: str = "a.txt") -> None:  # type: ignore[no-untyped-def]
    from newslint.rules.balance import _DOUBLE, _paragraphs_with, _plainly_balanced_paragraphs

    doc = Document.from_text(text, path)
    visit = _paragraphs_with(_DOUBLE, doc.prose, doc.paragraphs)
    if visit is None:
        return
    got = nat.balanced_paragraphs(doc.prose, doc.paragraphs, visit)
    if any("\ud800" <= c <= "\udfff" for c in doc.prose):
        assert got is None
    else:
        assert set(got) == _plainly_balanced_paragraphs(doc.prose, doc.paragraphs, visit), text


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(QUOTE_CHARS), max_size=50).map("".join), st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_balanced_paragraphs_identical_on_generated_texts(nat, text: str, path: str) -> None:  # type: ignore[no-untyped-def]
    _assert_same_balanced(nat, text, path)


def test_balanced_paragraphs_identical_on_seeds_and_corpus(nat) -> None:  # type: ignore[no-untyped-def]
    paths = list(SEEDS)
    clean = _corpus_clean()
    if clean is not None:
        paths += sorted(clean.glob("*.txt"))
    for path in paths:
        _assert_same_balanced(nat, path.read_text(encoding="utf-8"), path.name)
    # every character on either side of a straight mark
    _assert_same_balanced(nat, "\n\n".join(f'a {chr(c)}"x" "y{chr(c)} {chr(c)}"' for c in range(0x3100) if not 0xD800 <= c <= 0xDFFF))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.integers(-2**63, 2**63 - 1), st.integers(0, 300)), max_size=60))
def test_pack_ids_is_array_tobytes(nat, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    """TokenTable.uses packs its ids natively: the bytes array("q", ids).tobytes() gives."""
    assert nat.pack_ids(ids) == array("q", ids).tobytes()


def test_pack_ids_refuses_what_array_refuses(nat) -> None:  # type: ignore[no-untyped-def]
    for bad, error in (([1, "x"], TypeError), ([1.5], TypeError), ([2**63], OverflowError), ([-2**63 - 1], OverflowError)):
        with pytest.raises(error):
            array("q", bad)
        with pytest.raises(error):
            nat.pack_ids(bad)
