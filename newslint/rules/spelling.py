"""Spelling: unknown words (NL101), misspelled names (NL102) and dialect mismatches (NL103)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, repeat
from operator import not_

from newslint.diagnostics import Applicability, Diagnostic, replace_fix
from newslint.document import Document
from newslint.lexicon import Lexicon, is_roman_numeral
from newslint.lexicon.tokens import Token, TokenTable, doc_name_stats, is_name_compound, token_table
from newslint import typo_model
from newslint.quotes import marked_sic, typo_fix_sure_in_quote
from newslint.rules.base import Context, rule

# Word-forming prefixes that may stand before a hyphen without being words themselves.
_PREFIXES = frozenset("""anti co de ex extra inter intra micro mid multi neo non over post pre pro pseudo re
semi sub super trans ultra un under vice self quasi cross counter bi tri e""".split())
# A suggestion is confident when the best candidate is this many times more frequent than the next.
CONFIDENT_RATIO = 20


def _match_case(original: str, word: str) -> str:
    if original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _parts(token: Token) -> Iterator[tuple[str, int]]:
    """(part, offset) of the word split at hyphens and inner dots, possessive stripped."""
    word = token.base
    if word.isalpha():
        yield word, token.start
        return
    pos = 0
    # Split at hyphens, inner dots, and an apostrophe that glues two words ("utilities'investments"),
    # not one that starts a contraction ("didn't", "we've").
    for part in re.split(r"([-.]|['’](?!(?:t|s|re|ve|ll|d|m)\b))", word):
        if part and part not in "-.'’":
            yield part, token.start + pos
        pos += len(part)


def _is_exempt(part: str, lex: Lexicon) -> bool:
    """Shapes that are never spelling errors: acronyms, mixed-case brands, roman numerals, names."""
    if len(part) == 1:
        return True
    if part.isupper() or is_roman_numeral(part):
        return True  # NATO, SCO, WWII, II
    if any(c.isupper() for c in part[1:]):
        return True  # iPhone, eBay, McDonald
    return False


# Function words never count as halves of a closed compound ("andthe" is a missing space).
_STOP = frozenset("""the and for but not nor you are was were has had have his her its our their this that these
those with from into onto than then who whom what when where which while will would can could shall should may
might must any all one some she they them him out off""".split())
_SHORT_TAILS = frozenset({"man", "men"})
_WORD_PREFIXES = ("re", "de", "un", "non", "co", "mid", "pre", "post", "over", "under", "anti", "inter", "multi",
                  "sub", "super", "cyber", "mis", "counter", "micro", "mega", "tele", "euro", "eco", "bio", "dis")


def _plural_or_agent(word: str, known) -> bool:  # type: ignore[no-untyped-def]
    """Regular plurals and agent nouns of known words: "aggregators", "photonics", "downloaders"."""
    if len(word) > 3 and word.endswith("s") and (
            known(word[:-1]) or word.endswith(("ses", "xes", "zes", "ches", "shes")) and known(word[:-2])):
        return True
    for suffix in ("ers", "er"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 5 and known(stem):
            return True
    return len(word) > 5 and word.endswith("ed") and known(word[:-1]) and word[-3] == "z"


def derivable(word: str, known, in_dictionary=None) -> bool:  # type: ignore[no-untyped-def]
    """A regular derivation of known words, which no word list can hold in full.

    Plurals and agent nouns, -isation/-ization variants, a word-forming prefix on a known word
    ("renationalisation", "delisting"), and closed compounds of two known words of three or more
    letters that are not function words ("carmakers", "cybercrime"). Not -ed/-ing on any stem:
    "occured" and "runing" are real typos of that shape.
    """
    if _plural_or_agent(word, known):
        return True
    alt = word.replace("isation", "ization").replace("ising", "izing").replace("ised", "ized").replace("ise", "ize")
    if alt != word and (known(alt) or _plural_or_agent(alt, known)):
        return True
    for prefix in _WORD_PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 4 and (known(rest) or _plural_or_agent(rest, known)):
            return True
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if head in _STOP or tail in _STOP or len(tail) < 4 and tail not in _SHORT_TAILS:
            continue  # "governmet" is not "govern" + "met", nor "progam" "pro" + "gam"
        if known(head) and (known(tail) or _plural_or_agent(tail, known)):
            # "authorites" is one edit from "authorities". A word list answers for all ~500 edits
            # at once (a set intersection in C) instead of one call per edit.
            probe = getattr(getattr(in_dictionary, "__self__", None), "knows_edit_of", None)
            if probe is not None:
                return not probe(word, edits1, _LETTERS)
            look = in_dictionary or known
            return not any(look(e) for e in edits1(word))
    return False


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts) - {word}


def _unknown_lowercase(part: str, lex: Lexicon, stats_any: Counter[str], stats_cap: Counter[str], min_len: int,
                       in_compound: bool = False) -> bool:
    if not part.islower() or len(part) < min_len or not part.isalpha():
        return False
    if lex.is_known(part) or part in _PREFIXES:
        return False
    known = lex.is_known
    if in_compound and (known(part[:-1]) or any(part.endswith(x) and known(part[: -len(x)]) for x in ("ly", "er", "ers", "ed", "ing"))):
        return False  # "18-year-olds", "add-ons", "single-handedly", "left-hander"
    memo = lex.memo("derivable")
    if part not in memo:
        memo[part] = derivable(part, known, lex.words.__contains__)
    if memo[part]:
        return False
    if lex.proper_form(part) or stats_cap.get(part.capitalize()):
        return False  # a lowercased name: the proper-noun rule's business
    return True


def confident(candidates: list[tuple[str, float]]) -> bool:
    """One candidate at edit distance 1, or the best one CONFIDENT_RATIO times more frequent than the next.

    Candidates pyspellchecker has no frequency for (British forms) count as frequency 1. NL101
    also asks it of the candidates re-scored by ``typo_model.rank`` (frequency x likelihood of the
    slip), so that the slip model can only withdraw confidence ("rval": "real" is far likelier
    than "rival" by frequency, but not once a far-key substitution is weighed against a dropped
    letter).
    """
    if len(candidates) == 1:
        return True
    if not candidates:
        return False
    best, second = max(candidates[0][1], 1), max(candidates[1][1], 1)
    return best >= CONFIDENT_RATIO * second


def article_agrees(candidates: list[tuple[str, float]], used: Counter[str] | dict[str, int]) -> bool:
    """The article's own words do not make another candidate plausible: each other candidate it
    uses (``used``: lowercase word -> uses in the article), it uses CONFIDENT_RATIO times less
    often than the best one.

    Why: frequencies are a general-language guess, and an article is its own best evidence. An
    article that writes "gamers" three times and "games" twice has two plausible corrections
    of "gamrs", though "games" is 80 times more frequent in general: fixing it without a look
    is a coin toss. A candidate the article never uses tells nothing, and a best candidate the
    article uses far more often ("the" beside one "ten" for "teh") stays sure.
    """
    best = used.get(candidates[0][0], 0)
    return all(best >= CONFIDENT_RATIO * used.get(w, 0) for w, _ in candidates[1:])


def article_first(candidates: list[tuple[str, int]], used: Counter[str] | dict[str, int]) -> list[tuple[str, int]]:
    """The candidates the article itself uses first, each group in the general ranking's order.

    Why: "salse" in an article about sales is "sales", not the more frequent "false". Only the
    order of the suggestions changes: when it puts another word first, ``article_agrees`` is
    false, so the fix is never safe.
    """
    return sorted(candidates, key=lambda c: not used.get(c[0], 0))


@rule("NL101", "misspelling", "A word unknown to the dictionary and the lexicons.", fixable=True)
def misspelling(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds lowercase words that no dictionary or lexicon knows, with the best suggestion(s).

    Why: a typo ("othre", "paiment") in published news is the first thing readers notice.
    Not reported: contractions and possessives (straight or curly), hyphenated compounds whose
    parts are words, roman numerals, acronyms (SCO, U.S.), numbers and ordinals (79th, 15%),
    currency (£4.8bn), URLs, e-mails, handles, hashtags, brand shapes (iPhone, eBay) and
    capitalized words, which in news are nearly always names (Fico, Druzhba); a misspelled name
    is NL102's job. The one capitalized slip reported: a sentence opening with two letters of a
    very common word swapped ("Teh", "Thier", "Becuase"), used once and unknown to every lexicon
    (unsafe fix: a one-off name is not impossible). British and American spellings are both words (see NL103 for dialects).
    Option ``min-length`` (default 3): shorter words are skipped.

    Example: "strained relations with othre European leaders" -> "other".

    Suggestions: up to three known words one edit away, most frequent first (pyspellchecker's
    frequencies), except that words the article itself uses come first ("salse" in an article
    about sales: "sales", then "false").

    Fix: safe when exactly one correction is confident: the only known word one edit away
    (insert, delete, substitute, transpose), or one at least 20 times more frequent than the
    next, and still 20 times likelier once each candidate's frequency is weighed by how common
    its slip is (a swap, a neighbouring key or a dropped double letter is likelier than a far
    key: newslint/typo_model.py). Unsafe when the article itself uses another candidate and does
    not use the best one 20 times as often ("gamrs" in an article that writes "gamers" and "games":
    both are plausible there). Unsafe in a headline (puns), when marked "[sic]", when the word
    is two known words run together ("turnround": maybe a closed compound the dictionary lacks)
    or when word and correction are two regular forms of one stem ("trailblazed" /
    "trailblazer": maybe a form the dictionary lacks); display-only (suggestions) otherwise.
    Inside a quotation the same sure correction is safe (the speaker did not type the slip), but
    only in quoted speech of 4+ words (a shorter quotation is a term being mentioned) and not
    when it restores letters an apostrophe stands for ("nothin'": the speaker's elision).
    """
    lex = ctx.lexicon
    min_len = int(ctx.options(misspelling).get("min-length", 3))
    table = token_table(doc)
    stats = doc_name_stats(doc)
    known = lex.is_known
    # Only words not plainly in the dictionary need a look at each of their uses.
    # And of those, only words with a part NL101 could report (lowercase, letters only, long
    # enough, not exempt): a capitalized name never is, wherever it stands.
    # (Memoized per lexicon: the answer reads the word alone, and a long text's pieces share words.)
    reportable_memo = lex.memo("reportable")

    def reportable(wid: int) -> bool:
        key = (table.bases[wid], min_len)
        hit = reportable_memo.get(key)
        if hit is None:
            hit = reportable_memo[key] = any(p.islower() and p.isalpha() and len(p) >= min_len and not _is_exempt(p, lex)
                                             for p, _ in _parts(_vocab_token(table, wid)))
        return hit

    # A word of letters only is its own one part: reportable() of it, inlined: lowercase, long
    # enough, unknown and not exempt. Every distinct word is asked of the dictionary in one batch,
    # and the known and capitalized ones (most) are dropped in C.
    bases = table.bases
    unknown = list(compress(range(len(bases)), map(not_, lex.known_flags(bases))))
    suspects = {i for i in compress(unknown, map(str.islower, map(bases.__getitem__, unknown)))
                for b in (bases[i],) if b.isalpha() and len(b) >= min_len and not _is_exempt(b, lex)}
    suspects.update(i for i in compress(range(len(bases)), map(not_, map(str.isalpha, bases))) if reportable(i))
    yield from _sentence_start_slips(table, stats, lex)
    # Words already found clean, as (word id, at a sentence start or in the headline): where a
    # word stands matters for names. Checked before a Token is built: names repeat a lot.
    clean: set[tuple[int, bool]] = set()
    ids, flags = table.ids, table.flags
    for i in table.uses(suspects):
        key = (ids[i], flags[i] != 0)
        if key in clean:
            continue
        tok = table.token(i)
        if tok.base.islower() and tok.base.isalpha() and lex.is_known(tok.base):
            clean.add(key)
            continue  # the common case, decided at once
        reported = False
        for diagnostic in _check_token(doc, tok, lex, stats, min_len):
            reported = True
            yield diagnostic
        if not reported:
            clean.add(key)


# A capitalized word is a name unless it is a swap of two letters in a word this common
# (pyspellchecker frequency; "about" is 7.6 million, "because" 2.7 million).
_SLIP_START_FREQUENCY = 100_000


def _sentence_start_slips(table, stats, lex: Lexicon) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
    """A sentence opening with two letters of a very common word swapped ("Teh", "Thier", "Becuase").

    Why: capitalized words are left alone as names, so the classic slip at a sentence start went
    unreported. Only this narrow shape is reported: the word is used once in the article, never
    capitalized mid-sentence, unknown to every lexicon, and one adjacent swap from exactly one
    very common word. Unsafe: a one-off name at a sentence start is not impossible ("Sadi said").
    """
    known = lex.is_known
    bases = table.bases
    # A word str.islower() accepts has no capital: dropped in C before the tests below.
    maybe = list(compress(range(len(bases)), map(not_, map(str.islower, bases))))
    # Of those, only words used once in the article (any case) qualify: picked in C too.
    once = map((1).__eq__, map(stats.any_case.get, map(str.lower, map(bases.__getitem__, maybe)), repeat(0)))
    starts = {i for i in compress(maybe, once) for b in (bases[i],)
              if len(b) >= 3 and b[:1].isupper() and b[1:].islower() and b.isalpha()
              and stats.any_case.get(b.lower(), 0) == 1 and not stats.capitalized.get(b)
              and not known(b) and not known(b.lower()) and not lex.proper_form(b.lower())}
    for i in table.uses(starts):
        tok = table.token(i)
        if not tok.sentence_start or tok.headline:
            continue
        low = tok.base.lower()
        swaps = {low[:k] + low[k + 1] + low[k] + low[k + 2:] for k in range(len(low) - 1)} - {low}
        hits = [w for w in swaps if known(w) and lex.frequency(w) >= _SLIP_START_FREQUENCY]
        if len(hits) != 1:
            continue
        right = _match_case(tok.base, hits[0])
        fix = replace_fix(tok.start, tok.start + len(tok.base), right, Applicability.UNSAFE)
        yield misspelling.diagnostic(tok.start, tok.start + len(tok.base),
                                     f"Unknown word {tok.base!r} at a sentence start; did you mean {right!r}?", fix, [right])


# Tokens longer than this are not words (the longest dictionary words are about 45 letters):
# they are skipped, which keeps hostile input ("a-a-a-..." as one token) linear.
_MAX_WORD = 100


def _check_token(doc: Document, tok: Token, lex: Lexicon, stats, min_len: int) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
    """NL101's findings for one word that is not plainly in the dictionary."""
    if len(tok.text) > _MAX_WORD:
        return  # no word is this long; compound analysis of "a-a-a-..." (100 KB) took 1.3 GB
    if is_name_compound(tok, lex.is_known):
        return
    if "-" in tok.text:
        joined = tok.base.replace("-", "").lower()
        memo = lex.memo("derivable")  # the same table as _unknown_lowercase's: same question
        if not lex.is_known(joined) and joined not in memo:
            memo[joined] = derivable(joined, lex.is_known, lex.words.__contains__)
        if lex.is_known(joined) or memo[joined]:
            return  # "co-ordinator": a hyphenated spelling of a known word
    for part, offset in _parts(tok):
        compound = "-" in tok.text
        if _is_exempt(part, lex) or not _unknown_lowercase(part, lex, stats.any_case, stats.capitalized, min_len, compound):
            continue
        memo = lex.memo("candidates")  # a misspelling recurs; its candidates depend on the word alone
        cands = memo.get(part)
        if cands is None:
            cands = memo[part] = lex.candidates(part)
        suggestions = [_match_case(part, w) for w, _ in article_first(cands, stats.any_case)[:3]]
        fix = None
        if cands and confident(cands) and confident(typo_model.rank(part, cands)):
            end = offset + len(part)
            # In a quotation only a transcription slip is sure (newslint.quotes); "[sic]" never.
            quoted = doc.in_quote(offset, end) and not typo_fix_sure_in_quote(doc, offset, end, suggestions[0])
            unsure = (quoted or tok.headline or marked_sic(doc, end) or _closed_compound(part, lex)
                      or _other_form_of_stem(part, cands[0][0]) or not article_agrees(cands, stats.any_case))
            applicability = Applicability.UNSAFE if unsure else Applicability.SAFE
            fix = replace_fix(offset, offset + len(part), suggestions[0], applicability)
        elif cands:
            fix = replace_fix(offset, offset + len(part), suggestions[0], Applicability.DISPLAY_ONLY)
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        yield misspelling.diagnostic(offset, offset + len(part), f"Unknown word {part!r}{hint}", fix, suggestions)


def _closed_compound(word: str, lex: Lexicon) -> bool:
    """Two common words of 4+ letters run together ("turnround" = turn + round): maybe a closed
    compound the dictionary lacks rather than a typo, so its correction is not applied without a
    look. (Common: pyspellchecker frequency 10,000 or more; "managemet" = manage + met is a typo.)"""
    def common(part: str) -> bool:
        return lex.is_known(part) and lex.frequency(part) >= _COMMON_PART_FREQUENCY

    return any(common(word[:i]) and common(word[i:]) for i in range(4, len(word) - 3))


_COMMON_PART_FREQUENCY = 10_000


def _regular_ending(stem: str, ending: str) -> bool:
    """``stem + ending`` is a regular English form (blaze: blazed, blazer; wait: waited, waiter)."""
    if stem.endswith("e"):
        return ending in ("", "s", "d", "r", "rs", "st", "ly")
    return ending in ("", "s", "es", "ed", "er", "ers", "ing", "ly", "est")


def _other_form_of_stem(word: str, candidate: str) -> bool:
    """``word`` and its correction are two regular forms of one stem of 4+ letters
    ("trailblazed" / "trailblazer"): the word is more likely a form the dictionary lacks than a
    typo, so the correction is not applied without a look. ("waitd" is no regular form of
    "wait", so "waited" stays a sure fix.)"""
    p = 0
    while p < min(len(word), len(candidate)) and word[p] == candidate[p]:
        p += 1
    return any(_regular_ending(word[:k], word[k:]) and _regular_ending(word[:k], candidate[k:]) for k in range(p, 3, -1))


def _osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and adjacent transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _is_transposition(a: str, b: str) -> bool:
    """``a`` is ``b`` with two adjacent letters swapped ("Jinpnig" / "Jinping")."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _dropped_double(word: str, name: str) -> bool:
    """``word`` is ``name`` less one letter of its final double ("Sounes" / "Souness"), a typing
    slip; no English inflection removes a letter from a doubled ending."""
    return len(name) == len(word) + 1 and name.startswith(word) and name[-1] == name[-2]


def _by_initial(names: Counter[str], min_uses: int) -> dict[tuple[str, int], list[tuple[int, str, int]]]:
    """Names used at least ``min_uses`` times, grouped by first letter (a typo keeps the initial)
    and length (one edit changes it by at most one), each as (rank in ``names``, name, count)."""
    out: dict[tuple[str, int], list[tuple[int, str, int]]] = {}
    for rank, (name, count) in enumerate(names.items()):
        if count >= min_uses:
            out.setdefault((name[:1], len(name)), []).append((rank, name, count))
    return out


def _word_used_as_name(word: str, target: str, stats) -> bool:  # type: ignore[no-untyped-def]
    """An ordinary word that this article uses only as a name ("Labour" capitalized mid-sentence
    at least twice, never "labour"), and ``word`` has its length: a letter changed or two
    swapped ("Lavour", "Laboru") is a slip, while a letter added or dropped is how brands are
    made from words ("Liffe" beside "Standard Life", "Flickr")."""
    return (len(word) == len(target) and stats.capitalized.get(target, 0) >= 2
            and not stats.lowercase.get(target.lower()))


def _deletes(word: str) -> list[str]:
    """``word`` itself and every string one deletion after its first letter away from it.

    (Between two words of one initial that are one edit apart, an edit at the first letter is an
    insertion or deletion of a copy of it: "Aab" / "Ab" share "Ab" by dropping the second letter.)
    """
    return [word] + [word[:i] + word[i + 1:] for i in range(1, len(word))]


def _deletion_index(groups: dict[tuple[str, int], list[tuple[int, str, int]]]) -> dict[str, list[tuple[int, str, int]]]:
    """The names of ``groups`` by themselves and each of their one-deletion forms.

    Why: two strings one edit apart (substitution, insertion, deletion or adjacent swap) always
    share one of these keys (:func:`_deletes`: a swap of "ab" to "ba" leaves the same string once
    "a" is dropped from one and "b" from the other), so a word's near names of its initial are
    found by its ~10 keys instead of a visit to every name of its initial and length
    (symmetric-delete look-up, as in SymSpell).
    """
    from collections import defaultdict

    index: defaultdict[str, list[tuple[int, str, int]]] = defaultdict(list)
    for entries in groups.values():
        for entry in entries:
            name = entry[1]
            index[name].append(entry)  # a repeated key ("Ana" from "Anna") only repeats an entry
            for i in range(1, len(name)):
                index[name[:i] + name[i + 1:]].append(entry)
    return index


# Every name spelling NL102 compared in this process, by its one-deletion keys (_deletes): see
# _NameIndex. A name's keys do not depend on the document, only its rank and count do.
_NAME_KEYS: dict[str, list[str]] = {}
_NAMES_INDEXED: set[str] = set()
_MAX_NAMES_INDEXED = 20_000  # then the index starts again (a corpus run meets ever new names)


class _NameIndex:
    """What :func:`_deletion_index` gives for one document's names (those used ``min_uses``
    times), answered from the process-wide name keys.

    Why: a big text is linted in pieces that use mostly the same names (a corpus run, articles
    that do): the keys of each name spelling are made once per process, not once per piece
    (building the index was ~10 ms of each 1.75 M-character piece); a piece only adds the names
    it is the first to use.
    """

    def __init__(self, names: Counter[str], min_uses: int) -> None:
        from itertools import filterfalse

        global _NAME_KEYS, _NAMES_INDEXED
        eligible = list(compress(names, map(min_uses.__le__, names.values())))
        new = list(filterfalse(_NAMES_INDEXED.__contains__, eligible))
        if len(_NAMES_INDEXED) + len(new) > _MAX_NAMES_INDEXED:
            # New objects, not cleared ones: an index made before keeps answering from its own.
            _NAME_KEYS, _NAMES_INDEXED = {}, set()
            new = eligible
        keys = self._keys = _NAME_KEYS
        for name in new:
            for key in _deletes(name):
                keys.setdefault(key, []).append(name)
            _NAMES_INDEXED.add(name)  # once all its keys are in
        self._names = names
        self._min_uses = min_uses
        self._rank: dict[str, int] | None = None

    def near(self, word: str) -> list[tuple[int, str, int]]:
        """The (rank in names, name, count) entries that share a key with ``word``, of its
        initial and within one letter of its length, in rank order."""
        from itertools import chain

        spellings = set(chain.from_iterable(map(self._keys.get, _deletes(word), repeat(()))))
        names, min_uses = self._names, self._min_uses
        initial, size = word[:1], len(word)
        hits = [n for n in spellings if n in names and names[n] >= min_uses and n[:1] == initial and abs(len(n) - size) <= 1]
        if not hits:
            return []
        if self._rank is None:
            self._rank = {n: i for i, n in enumerate(names)}
        rank = self._rank
        return sorted((rank[n], n, names[n]) for n in hits)


def _name_variant_of(word: str, names: Counter[str], groups: dict[tuple[str, int], list[tuple[int, str, int]]],
                     min_ratio: int, min_uses: int,
                     index: dict[str, list[tuple[int, str, int]]] | _NameIndex | None = None) -> str | None:
    """A name used at least ``min_ratio`` times as often as ``word`` and one edit away from it.

    ``index`` (:func:`_deletion_index` of ``groups``, or a :class:`_NameIndex` of ``names``,
    for which ``groups`` is not read; optional) only narrows which names are visited to those
    that may be one edit away: the answer is the same with or without it.
    """
    own = max(names.get(word, 0), 1)
    best: tuple[int, str] | None = None
    initial, size = word[:1], len(word)
    # Only names one letter shorter, as long, or one longer, visited in ``names`` order (ties
    # go to the first, as when every name of the initial was tried).
    if isinstance(index, _NameIndex):
        near = index.near(word)
    elif index is not None:
        near = sorted({e for key in _deletes(word) for e in index.get(key, ())
                       if e[1][:1] == initial and abs(len(e[1]) - size) <= 1})
    else:
        near = sorted(groups.get((initial, size - 1), []) + groups.get((initial, size), []) + groups.get((initial, size + 1), []))
    for _, name, count in near:
        if name == word or count < min_uses or count < min_ratio * own:
            continue
        if abs(len(name) - len(word)) > 1 or name.lower() == word.lower() or len(set(name) ^ set(word)) > 2:
            continue  # one edit changes the set of letters by at most two
        if (name.startswith(word) or word.startswith(name)) and not _dropped_double(word, name):
            continue  # Putin / Putins, Korea / Korean: inflections, not typos
        if _osa_distance(word, name) == 1 and (best is None or count > best[0]):
            best = (count, name)
    return best[1] if best else None


@rule("NL102", "misspelled-name", "A capitalized word that is a near-miss of a name used much more often.", fixable=True)
def misspelled_name(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a name spelled once differently from the way the article (or the project lexicon) spells it.

    Why: names are where news errors hurt most ("Xi Jinpnig", "Lukashneko"), and a spell
    checker that skips names to stay quiet misses them. The evidence is internal: the same
    article, or the project lexicon learned from the newsroom's own archive, uses a name one
    edit away (insert, delete, substitute, transpose) at least twice as often (option
    ``min-ratio``, default 2; the name must be used ``min-uses`` times, default 2). Words the
    dictionary knows and inflections (Putin/Putins) are not reported.

    Example: "Xi Jinping ... Xi Jinping ... Xi Jinpnig" -> "Jinping".

    Fix: safe when the article itself settles the spelling: it writes the name at least twice
    (the headline counts) and the variant once, both have 5+ letters, no other name is one edit
    from the variant, and the full name around the variant agrees with the article's ("Bill
    Thomson" beside "Mike Thompson" may be another person; "Mr Thomson" is a slip). Unsafe
    otherwise (a different person may share a near-identical name), when the evidence is only
    the project lexicon, or when marked "[sic]"; inside a quotation the same rule holds for
    quoted speech (4+ words), and a doubtful case is display-only.
    """
    lex = ctx.lexicon
    opts = ctx.options(misspelled_name)
    min_ratio = int(opts.get("min-ratio", 2))
    min_uses = int(opts.get("min-uses", 2))
    table = token_table(doc)
    names: Counter[str] = Counter()
    bases = table.bases
    counts = table.word_counts()
    # A word str.islower() accepts has no capital at all (no upper- or titlecase letter): those
    # are dropped in C; a word of letters only is its own one part.
    for wid in compress(counts, map(not_, map(str.islower, map(bases.__getitem__, counts)))):
        base = bases[wid]
        if base.isalpha():
            if base[:1].isupper() and len(base) > 1:
                names[base] += counts[wid]
            continue
        for part, _ in _parts(_vocab_token(table, wid)):
            if part[:1].isupper() and len(part) > 1:
                names[part] += counts[wid]
    in_article = Counter(names)
    for name, count in lex.project_counts.items():
        if name[:1].isupper():
            names[name] += count
    stats = doc_name_stats(doc)
    known = lex.known_flags(bases)  # is_known of every word, in one batch (shared with NL101)

    def suspect(wid: int) -> bool:
        word = table.vocab[wid]
        return word[:1].isupper() and word[1:2].islower() and len(word) >= 4 and not known[wid]

    variants: dict[str, str | None] = {}
    index: _NameIndex | None = None  # made on the first name to compare
    by_lower: _NamesByLowercase | None = None  # made on the first finding: most articles have none

    def misspelled_parts(wid: int) -> list[tuple[str, int, str]]:
        """(part, offset in the word, the name it misspells) for one word: every check below
        reads the word alone, so it is judged once, not at each of its uses."""
        nonlocal index
        tok = _vocab_token(table, wid)
        out = []
        for part, offset in _parts(tok):
            if len(part) < 4 or not tok.is_capitalized or part.isupper() or not part[:1].isupper():
                continue
            if lex.is_known(part) or lex.is_name(part):
                continue
            if part in variants:
                target = variants[part]
            else:  # a name repeats: compare each distinct spelling with the article's names once
                if index is None:
                    index = _NameIndex(names, min_uses)
                target = variants[part] = _name_variant_of(part, names, {}, min_ratio, min_uses, index)
            if target and lex.is_common_lowercase(target.lower()) and not _word_used_as_name(part, target, stats):
                continue  # "Life" in "Standard Life" is a word, not a name to match "Liffe" against
            if target and not in_article.get(target) and not _is_transposition(part, target):
                continue  # lexicon-only evidence: only a swap of two letters is a sure typo (Alain is not Alan)
            if not target or lex.is_known(part.lower()):
                continue
            out.append((part, offset, target))
        return out

    # A word str.islower() accepts has no capital at all, and a known word is none either: those
    # are dropped in C.
    vocab = table.vocab
    maybe = list(compress(range(len(vocab)), map(not_, map(str.islower, vocab))))
    maybe = compress(maybe, map(not_, map(known.__getitem__, maybe)))
    found = {wid: hits for wid in maybe if suspect(wid) and (hits := misspelled_parts(wid))}
    for i in table.uses(set(found)):
        start = table.starts[i]
        for part, rel, target in found[table.ids[i]]:
            offset = start + rel
            # How sure the fix is depends on where this use stands (quotation, "[sic]", the
            # full name around it), so it is judged per use.
            end = offset + len(part)
            quoted = doc.in_quote(offset, end)
            if by_lower is None:
                by_lower = _NamesByLowercase(names)
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


# A name this short may be another person's ("Kim" / "Kin"); from this length on, one name
# written twice and a one-edit variant once is a slip.
SURE_NAME_LENGTH = 5
_NAME_BEFORE = re.compile(r"([A-Z][a-z][\w’'-]*) $")
_NAME_AFTER = re.compile(r" ([A-Z][a-z][\w’'-]*)")


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Titles and honorifics ("Mr", "Dr", "Minister"): before a name, they are not part of it."""
    from newslint.lexicon import DATA, read_entries

    return frozenset(read_entries(DATA / "titles.txt"))


def _name_neighbours(doc: Document, lex: Lexicon, start: int, end: int) -> tuple[str | None, str | None]:
    """The capitalized words right before and after ``[start, end)`` that may be parts of one
    full name ("Mike" in "Mike Thompson"): not a title ("Mr"), a possessive ("Kodak's"), a
    compound adjective ("Yugoslavian-born") or a common word that starts a sentence ("At")."""
    prose = doc.prose

    def name_part(m: re.Match[str] | None) -> str | None:
        word = m.group(1) if m else None
        if not word or word in _titles() or word.endswith(("'s", "’s")) or re.search(r"-[a-z]", word):
            return None  # "Mr", "Kodak's", "Yugoslavian-born": not part of the name
        return word

    before = _NAME_BEFORE.search(prose, max(0, start - 40), start)
    first = name_part(before)
    if first is not None and before is not None and lex.frequency(first) >= _SENTENCE_WORD_FREQUENCY:
        lead = prose[max(0, before.start() - 3):before.start()].rstrip(" \"“‘'(")
        if not lead or lead[-1] in ".!?\n:":
            first = None  # "At Gatwick", "Both Labour": the capital only marks the sentence start
    return first, name_part(_NAME_AFTER.match(prose, end))


# A word this frequent ("both", "after", "at") that starts a sentence before a name is not a
# forename; rarer ones ("Mike", "Bill") may be.
_SENTENCE_WORD_FREQUENCY = 100_000


# Every name spelling NL102 met in this process, by lowercase spelling: see _NamesByLowercase.
_BY_LOWER: dict[str, list[str]] = {}
_LOWER_INDEXED: set[str] = set()


class _NamesByLowercase:
    """What :func:`names_by_lowercase` gives for one document's names (``keys()`` and ``[lower]``),
    read from a process-wide index: the pieces of a long text use mostly the same names, so each
    spelling is indexed once per process, not once per piece."""

    def __init__(self, names: Counter[str]) -> None:
        from itertools import filterfalse

        global _BY_LOWER, _LOWER_INDEXED
        new = list(filterfalse(_LOWER_INDEXED.__contains__, names))
        if len(_LOWER_INDEXED) + len(new) > _MAX_NAMES_INDEXED:
            _BY_LOWER, _LOWER_INDEXED = {}, set()  # new objects: an index in use keeps its own
            new = list(names)
        by = self._by = _BY_LOWER
        for name in new:
            by.setdefault(name.lower(), []).append(name)
            _LOWER_INDEXED.add(name)
        self._names = names

    def keys(self):  # type: ignore[no-untyped-def]
        """Every lowercase spelling indexed (a superset of this document's: ``[lower]`` filters)."""
        return self._by.keys()

    def __getitem__(self, lower: str) -> list[str]:
        names = self._names
        return [n for n in self._by[lower] if n in names]


def names_by_lowercase(names: Counter[str]) -> dict[str, list[str]]:
    """``names`` indexed by lowercase spelling: the rivals of a variant are looked up by its edits."""
    index: dict[str, list[str]] = {}
    for n in names:
        index.setdefault(n.lower(), []).append(n)
    return index


def _sure_name_slip(doc: Document, lex: Lexicon, table: TokenTable, word: str, target: str, offset: int,
                    in_article: Counter[str], by_lower: "dict[str, list[str]] | _NamesByLowercase") -> bool:
    """Is ``word`` surely a slip for ``target``, so that the correction is a safe fix?

    Yes when the article itself writes ``target`` at least twice (the headline counts) and
    ``word`` once, both have SURE_NAME_LENGTH letters or more, ``target`` is the only name one
    edit away from ``word``, and the full name around ``word`` agrees with those around
    ``target`` (:func:`_name_neighbours`): "Bill Thomson" beside "Mike Thompson" is another
    person; "Mr Thomson", "Mike Thomson", or "Bill Thomson" where the article otherwise writes
    plain "Thompson", is a slip.
    (``word`` is already known to be no dictionary word or lexicon name.)
    """
    if in_article.get(target, 0) < 2 or in_article.get(word, 0) != 1:
        return False
    if min(len(word), len(target)) < SURE_NAME_LENGTH:
        return False
    rivals = {n for e in edits1(word.lower()) & by_lower.keys() for n in by_lower[e] if n != word}
    if rivals != {target}:
        return False
    first, last = _name_neighbours(doc, lex, offset, offset + len(word))
    if first is None and last is None:
        return True
    seen = [_name_neighbours(doc, lex, tok.start, tok.start + len(target))
            for form in (target, target + "'s", target + "’s", target + "'", target + "’") if form in table.index
            for _, tok in table.where({table.index[form]})]
    firsts, lasts = {f for f, _ in seen if f}, {l for _, l in seen if l}
    # A forename before ``target`` that differs is another person; none at all means ``word``
    # is where the article introduces the person it later calls by ``target`` alone. A word
    # after ``word`` must follow ``target`` too: later references use the last part of a name,
    # so "Deutsche Borse" needs "Deutsche Boerse" and "Prettejhon Smithers" is someone else.
    return (first is None or not firsts or first in firsts) and (last is None or last in lasts)


_DIALECT_NAMES = {"en-GB": "British", "en-US": "American"}


def _vocab_token(table: TokenTable, wid: int) -> Token:
    """A stand-in token for a vocabulary word (its parts, not its position, matter)."""
    word = table.vocab[wid]
    return Token(word, 0, len(word), False, False, table.bases[wid])


def _dialect_uses(table: TokenTable, lex: Lexicon) -> list[tuple[Token, str, str, object]]:
    """(token, word, its dialect, pair) for every word with a British/American counterpart."""
    out = []
    index = lex.dialect_index
    wanted = {i for i, b in enumerate(table.bases) if b.lower() in index}
    for _, tok in table.where(wanted):
        word = tok.base
        hit = index.get(word.lower())
        if hit and word[:1].isupper() and not (tok.sentence_start or tok.headline) or hit and word.isupper() and len(word) > 1:
            continue  # a name keeps its own spelling: "World Trade Center", "Ministry of Defense"
        if hit:
            out.append((tok, word, hit[0], hit[1]))
    return out


@rule("NL103", "dialect-mismatch", "A British spelling in American text, or the other way round.", fixable=True)
def dialect_mismatch(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds spellings of the other dialect: with ``dialect = "en-US"`` British forms (colour,
    organisation, defence, programme, centre, criticised, travelled), with ``"en-GB"`` American
    ones (color, defense, center, traveled; -ize is accepted in British English, as in Oxford
    spelling). With ``"auto"`` (the default) both are right, but an article that writes both
    forms of one word (defence ... defense) is reported at the rarer form, and so is a stray
    form in an article that otherwise clearly uses the other dialect (at least ``auto-majority``
    other-dialect words, default 4, and at least 4 times as many).

    Why: house style is one dialect; a mix reads as careless copy-editing.

    Example (en-US): "the defence ministry" -> "the defense ministry".

    Fix: safe with an explicit dialect (the pair is a reviewed spelling variant), unsafe in
    auto mode (the majority is only a guess) and in quotations.
    """
    uses = _dialect_uses(token_table(doc), ctx.lexicon)
    if uses:
        yield from dialect_findings(ctx, [(tok.start, word, which, pair) for tok, word, which, pair in uses], doc.in_quote)


def dialect_findings(ctx: Context, uses: list[tuple[int, str, str, object]], in_quote) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
    """NL103's findings from every dialect use of an article: (start, word, its dialect, pair).

    Apart from the rule because a big text linted in pieces judges the uses of all its pieces
    at once (newslint.piece_facts): the majorities are the whole article's.
    """
    dialect = ctx.config.dialect
    opts = ctx.options(dialect_mismatch)
    majority = int(opts.get("auto-majority", 4))
    counts: Counter[str] = Counter()
    words_by_dialect: dict[str, set[str]] = {"en-GB": set(), "en-US": set()}
    pair_forms: dict[object, Counter[str]] = {}
    first_form: dict[object, str] = {}
    for start, word, which, pair in uses:
        if _wrong_in_other(which, pair):
            counts[which] += 1
            words_by_dialect[which].add(word.lower())
        pair_forms.setdefault(pair, Counter())[which] += 1
        first_form.setdefault(pair, which)
    for start, word, which, pair in uses:
        other = "en-US" if which == "en-GB" else "en-GB"
        target = pair.american if which == "en-GB" else pair.british  # type: ignore[attr-defined]
        if dialect in ("en-US", "en-GB"):
            if which == dialect or not _wrong_in(dialect, which, pair):
                continue
            reason = f"{_DIALECT_NAMES[which]} spelling {word!r} in {dialect} text"
            base = Applicability.SAFE
        else:
            mixed = pair_forms[pair]
            variant = pair.british_wrong_in_us and pair.american_wrong_in_gb  # type: ignore[attr-defined]
            if variant and mixed[other] and _preferred(mixed, counts, first_form[pair]) == other:
                reason = f"{word!r} and {target!r} both appear; this article mostly writes {target!r}"
            elif (mixed[other] == 0 and _wrong_in(other, which, pair) and counts[other] >= majority
                  and counts[other] >= 4 * max(counts[which], 1) and len(words_by_dialect[other]) >= 2):
                reason = f"{_DIALECT_NAMES[which]} spelling {word!r} in an article that otherwise uses {_DIALECT_NAMES[other]} spelling"
            else:
                continue
            base = Applicability.UNSAFE
        end = start + len(word)
        replacement = _match_case(word, target)
        applicability = Applicability.UNSAFE if in_quote(start, end) and base == Applicability.SAFE else base
        fix = replace_fix(start, end, replacement, applicability)
        yield dialect_mismatch.diagnostic(start, end, f"{reason}; use {replacement!r}", fix, (replacement,))


def _preferred(forms: Counter[str], overall: Counter[str], first: str) -> str:
    """The form an article prefers for one word: the more frequent, else its overall dialect, else the first."""
    gb, us = forms["en-GB"], forms["en-US"]
    if gb != us:
        return "en-GB" if gb > us else "en-US"
    if overall["en-GB"] != overall["en-US"]:
        return "en-GB" if overall["en-GB"] > overall["en-US"] else "en-US"
    return first


def _wrong_in(dialect: str, which: str, pair: object) -> bool:
    """Is the ``which`` form of ``pair`` wrong in ``dialect``?"""
    if which == "en-GB":
        return dialect == "en-US" and pair.british_wrong_in_us  # type: ignore[attr-defined]
    return dialect == "en-GB" and pair.american_wrong_in_gb  # type: ignore[attr-defined]


def _wrong_in_other(which: str, pair: object) -> bool:
    return _wrong_in("en-US" if which == "en-GB" else "en-GB", which, pair)
