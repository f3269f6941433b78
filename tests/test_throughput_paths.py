"""Throughput shortcuts (bulk scans, per-word verdicts, shared per-document work) find exactly
what the straightforward versions find."""

from __future__ import annotations

import random
from collections import Counter
from typing import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, make_config
from newslint.diagnostics import Applicability, Diagnostic, replace_fix
from newslint.document import Document
from newslint.engine import Linter
from newslint.lexicon import PHRASE_ONLY_PARTS
from newslint.lexicon.tokens import TokenTable, doc_name_stats, is_name_compound, token_table
from newslint.rules.base import Context
from newslint.quotes import marked_sic, typo_fix_sure_in_quote
from newslint.rules.proper_nouns import _COMPASS, _applicability, _proper, _split, lowercase_acronym, lowercase_proper_noun
from newslint.rules.spelling import (_by_initial, _deletion_index, _dropped_double, _is_transposition, _name_variant_of, _osa_distance,
                                     _parts, _sure_name_slip, _vocab_token, _word_used_as_name, misspelled_name,
                                     names_by_lowercase)
from newslint.rules.units import _QUOTES, fold_quotes, normalize, normalized_span

QUOTEY = st.lists(st.sampled_from(["a", "B", " ", "  ", "\n", "\t", "“", "”", "„", "«", "»", "‘", "’", "‚", "`",
                                   '"', "'", "word", "é"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(QUOTEY, st.integers(0, 40), st.integers(0, 40))
def test_folded_document_spans_normalize_like_each_span_alone(text: str, a: int, b: int) -> None:
    assert fold_quotes(text) == text.translate(_QUOTES)
    a, b = min(a, b, len(text)), min(max(a, b), len(text))
    assert normalized_span(text, a, b) == normalize(text[a:b]) == " ".join(text[a:b].translate(_QUOTES).split())


def _seeds_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "  ", "\n", "\t", "bb", "\u00a0", "x", "\u2028"]), max_size=60).map("".join))
def test_word_counts_capped_by_maxsplit_answer_the_same_limits(text: str) -> None:
    """NL402/NL403/NL404 count words with ``split(None, cap)`` (a long paragraph is not split in
    full): every limit test gives the answer of a full count."""
    words = len(text.split())
    assert (len(text.split(None, 13)) < 6) == (words < 6)
    assert (len(text.split(None, 13)) <= 12) == (words <= 12)
    assert (len(text.split(None, 8)) < 8) == (words < 8)
    assert (len(text.split(None, 12)) <= 12) == (words <= 12)


def test_uses_lists_the_same_indices_as_a_scan_of_every_token() -> None:
    table = TokenTable(Document.from_text(_seeds_text(), "a.txt"))
    rnd = random.Random(5)
    for size in (0, 1, 3, 50, len(table.vocab)):
        ids = set(rnd.sample(range(len(table.vocab)), size))
        assert table.uses(ids) == [i for i, w in enumerate(table.ids) if w in ids]


def _brute_variant(word, names, min_ratio, min_uses):  # type: ignore[no-untyped-def]
    """NL102's search as first written: every name with the same initial is tried, in order."""
    own = max(names.get(word, 0), 1)
    best = None
    for name, count in names.items():
        if name[:1] != word[:1] or count < min_uses:
            continue
        if name == word or count < min_ratio * own:
            continue
        if abs(len(name) - len(word)) > 1 or name.lower() == word.lower() or len(set(name) ^ set(word)) > 2:
            continue
        if (name.startswith(word) or word.startswith(name)) and not _dropped_double(word, name):
            continue
        if _osa_distance(word, name) == 1 and (best is None or count > best[0]):
            best = (count, name)
    return best[1] if best else None


def test_name_variants_searched_by_length_equal_a_search_of_every_name() -> None:
    rnd = random.Random(11)
    letters = "JjinpgKmaoe"
    names = Counter({"".join(rnd.choice(letters) for _ in range(rnd.randint(1, 7))).capitalize(): rnd.randint(1, 9)
                     for _ in range(400)})
    groups = _by_initial(names, 2)
    index = _deletion_index(groups)
    found = 0
    for word in list(names)[:300] + ["Jinpnig", "Kim", "J", "Jo", "Jnipgin", "Kaoem", "Joo"]:
        expected = _brute_variant(word, names, 2, 2)
        found += expected is not None
        assert _name_variant_of(word, names, groups, 2, 2) == expected, word
        assert _name_variant_of(word, names, groups, 2, 2, index) == expected, word
    assert found > 10  # the comparison covers real hits, not only misses


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text("JjiKkaAb", min_size=1, max_size=6), st.integers(1, 9), max_size=60),
       st.text("JjiKkaAb", min_size=1, max_size=7))
def test_name_variants_found_through_the_deletion_index_equal_a_search_of_every_name(names, word) -> None:  # type: ignore[no-untyped-def]
    names = Counter(names)
    groups = _by_initial(names, 2)
    assert _name_variant_of(word, names, groups, 2, 2, _deletion_index(groups)) == _brute_variant(word, names, 2, 2)


PHRASEY = st.lists(st.sampled_from([
    "north korean", "North Korean", "North korean", "north Korean", "new york", "New york", "New York", "the",
    "The", "united states", "United States", "said", "china", "China", "gazprom", "Gazprom", "south", "korea",
    "hong kong", "Hong Kong", "west german", "east London", ". ", ", ", " ", "\n\n", "“", "”", "russia-China",
    "kim", "Kim Jong-un", "nato", "shearson", "Shearson", "new", "york",
]), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(PHRASEY)
def test_nl202_visits_only_tokens_that_can_yield_and_finds_what_visiting_all_finds(text: str) -> None:
    linter = Linter(make_config(select=["NL202"]))
    doc = Document.from_text(text, "a.txt")
    assert list(lowercase_proper_noun.check(doc, linter.context)) == list(_reference_nl202(doc, linter.context))


def test_nl202_shortcut_on_the_seeds() -> None:
    linter = Linter(make_config(select=["NL202"]))
    doc = Document.from_text(_seeds_text() + "\nThe north korean and New york delegates met in hong kong.\n", "a.txt")
    got = list(lowercase_proper_noun.check(doc, linter.context))
    assert len(got) >= 3 and got == list(_reference_nl202(doc, linter.context))


def test_per_word_memos_do_not_change_findings() -> None:
    """NL101's candidates and derivations are remembered per word for the process: a second
    pass with every memo warm, and a fresh lexicon, report exactly the same."""
    from newslint.lexicon import _CACHE

    text = _seeds_text()
    select = ["NL101", "NL102", "NL103", "NL202", "NL203"]
    first = Linter(make_config(select=select)).lint(Document.from_text(text, "a.txt"))
    again = Linter(make_config(select=select)).lint(Document.from_text(text, "a.txt"))
    _CACHE.clear()
    fresh = Linter(make_config(select=select)).lint(Document.from_text(text, "b.txt"))
    assert first and first == again == fresh
    assert any(d.code == "NL101" for d in first)


NAMEY = st.lists(st.sampled_from([
    "Jinping", "Jinping", "Jinpnig", "Xi", "Lukashenko", "Lukashneko", "Lukashenko", "Labour", "Lavour", "labour",
    "nato", "NATO", "who", "us", "opec", "Kim-jong", "Kim Jong-un", "Standard Life", "Liffe", "said", ". ", ", ",
    "“", "”", "\n\n", "The", "eu", "un", "Gazprom", "Gazprom's", "Gazporm",
]), max_size=50).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(NAMEY)
def test_nl102_and_nl203_judge_each_word_once_and_find_what_visiting_each_use_finds(text: str) -> None:
    linter = Linter(make_config(select=["NL102", "NL203"]))
    doc = Document.from_text(text, "a.txt")
    assert list(misspelled_name.check(doc, linter.context)) == list(_reference_nl102(doc, linter.context))
    assert list(lowercase_acronym.check(doc, linter.context)) == list(_reference_nl203(doc, linter.context))


def test_nl102_and_nl203_shortcuts_on_the_seeds() -> None:
    linter = Linter(make_config(select=["NL102", "NL203"]))
    doc = Document.from_text(_seeds_text() + "\nXi Jinping met Jinping's aide; Jinpnig left. nato and opec met.\n", "a.txt")
    got102 = list(misspelled_name.check(doc, linter.context))
    got203 = list(lowercase_acronym.check(doc, linter.context))
    assert got102 and got203
    assert got102 == list(_reference_nl102(doc, linter.context))
    assert got203 == list(_reference_nl203(doc, linter.context))


def _reference_nl202(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """As on main: every use of a candidate word is visited."""
    lex = ctx.lexicon
    table = token_table(doc)
    stats = doc_name_stats(doc)
    memo: dict[str, tuple[str, bool] | None] = {}  # the evidence for a word is the same all through the article

    def evidence(wid: int) -> bool:
        word = table.bases[wid]
        found = False
        for part in word.split("-"):
            if part.islower() and len(part) >= 2 and "." not in part:
                if part not in memo:
                    memo[part] = _proper(part, lex, stats)
                found = found or memo[part] is not None
        return found

    firsts = lex.phrase_firsts
    phrase_ids = {i for i, w in enumerate(table.vocab) if w.lower() in firsts}
    single_ids = {i for i in range(len(table.vocab)) if evidence(i)}
    n_tokens = len(table)
    skip_until = -1
    for i, tok in table.where(phrase_ids | single_ids):
        if tok.start < skip_until:
            continue
        # Multiword names: all lowercase ("north korean") or partly ("New york", "West german").
        nxt = table.token(i + 1) if i + 1 < n_tokens and table.ids[i] in phrase_ids else None
        bigram = (tok.text.lower(), nxt.base.lower()) if nxt else None
        for n in lex.phrase_lengths if bigram in lex.phrase_bigrams else ():
            group = [table.token(j) for j in range(i, min(i + n, n_tokens))]
            if len(group) < n or any(doc.prose[a.end:b.start] != " " for a, b in zip(group, group[1:])):
                continue
            phrase = lex.proper_phrase(t.base if t is group[-1] else t.text for t in group)
            if not phrase:
                continue
            proper = phrase.split()
            words = [t.base if t is group[-1] else t.text for t in group]
            wrong = [(t, w, p) for t, w, p in zip(group, words, proper) if w != p and w.islower() and p[:1].isupper()]
            if not wrong:
                continue
            if len(wrong) == n:
                if not any(not lex.is_common_lowercase(w) for w in words):
                    continue
                start, end = group[0].start, group[0].start + len(" ".join(words))
                # "east london": the city "East London", or the east of London? Two readings.
                part_of_city = n == 2 and words[0] in _COMPASS and lex.name_category(words[1]) == "cities"
                fix = replace_fix(start, end, phrase, _applicability(doc, group[0], not part_of_city, start, end))
                yield lowercase_proper_noun.diagnostic(start, end, f"Proper noun in lowercase: {doc.text[start:end]!r} -> {phrase!r}", fix, (phrase,))
            elif any(w == p for w, p in zip(words, proper) if p[:1].isupper()):
                for t, w, p in wrong:
                    if t.sentence_start or w in PHRASE_ONLY_PARTS:
                        continue  # sentence starts are NL201's; "east London", "the Netherlands" are house styles
                    fix = replace_fix(t.start, t.start + len(w), p, _applicability(doc, t, True, t.start, t.start + len(w)))
                    yield lowercase_proper_noun.diagnostic(t.start, t.start + len(w), f"Proper noun in lowercase: {w!r} -> {p!r} (in {phrase!r})", fix, (p,))
            else:
                continue
            skip_until = group[-1].end
            break
        if tok.start < skip_until:
            continue
        for part, offset in _split(tok):
            if not part.islower() or len(part) < 2:
                continue
            if tok.sentence_start and offset == tok.start:
                continue  # the sentence-start rule reports it
            if part in memo:
                found = memo[part]
            else:
                found = memo[part] = _proper(part, lex, stats)
            if not found:
                continue
            right, safe = found
            fix = replace_fix(offset, offset + len(part), right, _applicability(doc, tok, safe, offset, offset + len(part)))
            yield lowercase_proper_noun.diagnostic(offset, offset + len(part), f"Proper noun in lowercase: {part!r} -> {right!r}", fix, (right,))


def _reference_nl102(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """As on main: every use of a candidate word is visited."""
    lex = ctx.lexicon
    opts = ctx.options(misspelled_name)
    min_ratio = int(opts.get("min-ratio", 2))
    min_uses = int(opts.get("min-uses", 2))
    table = token_table(doc)
    names: Counter[str] = Counter()
    for wid, count in Counter(table.ids).items():
        for part, _ in _parts(_vocab_token(table, wid)):
            if part[:1].isupper() and len(part) > 1:
                names[part] += count
    in_article = Counter(names)
    for name, count in lex.project_counts.items():
        if name[:1].isupper():
            names[name] += count
    groups = _by_initial(names, min_uses)
    stats = doc_name_stats(doc)

    def suspect(word: str) -> bool:
        return word[:1].isupper() and word[1:2].islower() and len(word) >= 4 and not lex.is_known(table.bases[table.index[word]])

    variants: dict[str, str | None] = {}
    by_lower: dict[str, list[str]] | None = None  # built on the first finding: most articles have none
    for _, tok in table.where(table.ids_of(suspect)):
        for part, offset in _parts(tok):
            if len(part) < 4 or not tok.is_capitalized or part.isupper() or not part[:1].isupper():
                continue
            if lex.is_known(part) or lex.is_name(part):
                continue
            if part in variants:
                target = variants[part]
            else:  # a name repeats: compare each distinct spelling with the article's names once
                target = variants[part] = _name_variant_of(part, names, groups, min_ratio, min_uses)
            if target and lex.is_common_lowercase(target.lower()) and not _word_used_as_name(part, target, stats):
                continue  # "Life" in "Standard Life" is a word, not a name to match "Liffe" against
            if target and not in_article.get(target) and not _is_transposition(part, target):
                continue  # lexicon-only evidence: only a swap of two letters is a sure typo (Alain is not Alan)
            if not target or lex.is_known(part.lower()):
                continue
            end = offset + len(part)
            quoted = doc.in_quote(offset, end)
            if by_lower is None:
                by_lower = names_by_lowercase(names)
            if _sure_name_slip(doc, lex, table, part, target, offset, in_article, by_lower) and not marked_sic(doc, end) and (
                    not quoted or typo_fix_sure_in_quote(doc, offset, end, target)):
                applicability = Applicability.SAFE
            else:
                applicability = Applicability.DISPLAY_ONLY if quoted else Applicability.UNSAFE
            fix = replace_fix(offset, end, target, applicability)
            yield misspelled_name.diagnostic(
                offset, offset + len(part),
                f"Name {part!r} is spelled {target!r} {names[target]} times elsewhere; misspelled?", fix, (target,),
            )


def _reference_nl203(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """As on main: every use of a candidate word is visited."""
    lex = ctx.lexicon
    table = token_table(doc)

    def acronym_like(word: str) -> bool:
        return any(p.islower() and (lex.proper_form(p) or "").isupper() for p in table.bases[table.index[word]].split("-"))

    for _, tok in table.where(table.ids_of(acronym_like)):
        if is_name_compound(tok, lex.is_known):
            continue
        for part, offset in _split(tok):
            if not part.islower() or len(part) < 3 and part != tok.text:
                continue
            known = lex.proper_form(part)
            if not known or not known.isupper() or lex.is_common_lowercase(part):
                continue
            fix = replace_fix(offset, offset + len(part), known, _applicability(doc, tok, True, offset, offset + len(part)))
            yield lowercase_acronym.diagnostic(offset, offset + len(part), f"Acronym in lowercase: {part!r} -> {known!r}", fix, (known,))


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(JSONISH)
def test_json_report_text_is_byte_for_byte_what_json_dumps_writes(value: object) -> None:
    import json

    from newslint.reporters.json import dumps_indented

    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


SPELLY = st.lists(st.sampled_from([
    "othre", "paiment", "Othre", "Teh", "teh", "the", "The", "mix", "xiv", "iv", "aa", "a", "co-ordinator", "Fico",
    "eBay", "iPhone", "NATO", "nato", "utilities'investments", "didn't", "18-year-olds", "gamrs", "gamers", "games",
    "Becuase", "becuase", "salse", "sales", "Jong-un", "cybercrime", "carmakers", "turnround", ". ", ", ", "\n\n",
    "“", "”", "[sic]", "ab-cd", "Ab-cdef", "ok", "Iraq", "iraq",
]), max_size=40).map(" ".join)


def _reference_nl101(doc, ctx, min_len):  # type: ignore[no-untyped-def]
    """NL101 visiting every use of every word that is not a plain lowercase dictionary word."""
    from newslint.rules.spelling import _check_token, _sentence_start_slips, misspelling

    lex, table, stats = ctx.lexicon, token_table(doc), doc_name_stats(doc)
    yield from _sentence_start_slips(table, stats, lex)
    for i in range(len(table)):
        tok = table.token(i)
        if tok.base.islower() and tok.base.isalpha() and lex.is_known(tok.base):
            continue
        yield from _check_token(doc, tok, lex, stats, min_len)


@settings(max_examples=300, deadline=None)
@given(SPELLY, st.sampled_from([1, 2, 3, 5]))
def test_nl101_picks_its_suspect_words_and_finds_what_visiting_every_word_finds(text: str, min_len: int) -> None:
    linter = Linter(make_config(select=["NL101"], rules={"NL101": {"min-length": min_len}}))
    doc = Document.from_text(text, "a.txt")
    from newslint.rules.spelling import misspelling

    assert list(misspelling.check(doc, linter.context)) == list(_reference_nl101(doc, linter.context, min_len))
