"""Proper-noun case: names (NL202) and acronyms (NL203) written in lowercase."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, repeat

from newslint.diagnostics import Applicability, Diagnostic, replace_fix
from newslint.document import Document
from newslint.quotes import case_fix_sure_in_quote
from newslint.lexicon import PHRASE_ONLY_PARTS, Lexicon
from newslint.lexicon.tokens import NameStats, Token, doc_name_stats, is_name_compound, token_table
from newslint.rules.base import Context, rule

# A common word more frequent than this (pyspellchecker's counts: "march" 22,834, "may" 927,594)
# is never reported, whatever the evidence: the ordinary word is far likelier than the name.
_MAX_COMMON_FREQUENCY = 15_000
# How often an article must write a lexicon name capitalized before lowercasing it once is a
# safe fix even though the word is also a common noun ("China" x3 + "china" x1).
_CLEAR_EVIDENCE = 3


def _applicability(doc: Document, tok: Token, safe: bool, start: int, end: int) -> Applicability:
    """Safe only with clear evidence, never in a headline, and in a quotation only when the
    quotation is speech written in sentence case (the capital is typography, not a word)."""
    if tok.headline or not safe:
        return Applicability.UNSAFE
    if doc.in_quote(start, end) and not case_fix_sure_in_quote(doc, start, end):
        return Applicability.UNSAFE
    return Applicability.SAFE


def _proper(part: str, lex: Lexicon, stats: NameStats) -> tuple[str, bool] | None:
    """(proper form, safe?) for a lowercase word that names something, or None.

    Evidence: the lexicon's form, or the capitalized form used mid-sentence in this document.
    A word that is also an ordinary lowercase word (china, turkey, polish) needs both: the
    document must use the capitalized form at least twice and the lowercase form only once,
    and the ordinary word must be rare enough; such a fix is safe only when the lexicon knows the
    name and the document writes it capitalized at least three times.
    """
    known = lex.proper_form(part)
    seen = max((f for f in (part.capitalize(), known) if f and stats.capitalized.get(f)),
               key=lambda f: stats.capitalized[f], default=None)
    if known and known.isupper() or not known and not seen:
        return None  # acronyms are NL203's; no evidence at all
    common = lex.is_common_lowercase(part) or lex.is_known(part) and not known
    if not common:
        if known:
            return known, True
        if seen and stats.capitalized[seen] >= 2 and (stats.lowercase[part] == 1 or
                                                      not lex.is_known(part) and 3 * stats.lowercase[part] <= stats.capitalized[seen]):
            return seen, False
        return None
    if seen and stats.capitalized[seen] >= 2 and stats.lowercase[part] == 1 and (known or not lex.is_known(part)):
        if lex.frequency(part) <= _MAX_COMMON_FREQUENCY:
            # Clear evidence makes the fix safe: the lexicon knows the name AND the article itself
            # writes it capitalized at least three times against this one lowercase use.
            return seen, bool(known) and stats.capitalized[seen] >= _CLEAR_EVIDENCE
    return None


# Compass words: before a city they may name a part of it ("east London", "south Boston").
_COMPASS = frozenset("north south east west northern southern eastern western central".split())


def _split(tok: Token) -> list[tuple[str, int]]:
    word = tok.base
    if word.isalpha():
        return [(word, tok.start)]
    out, pos = [], 0
    for part in word.split("-"):
        if part and "." not in part:
            out.append((part, tok.start + pos))
        pos += len(part) + 1
    return out


@rule("NL202", "lowercase-proper-noun", "A proper noun or demonym written in lowercase.", fixable=True)
def lowercase_proper_noun(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds names of countries, peoples, cities, organisations, days and months in lowercase.

    Why: "north korean", "russia-China", "gazprom" are slips readers notice at once. Evidence
    comes from the built-in lexicons (countries, demonyms, cities, regions, languages, religions,
    days, months, organisations), the project lexicon (``newslint learn``), and the capitalized
    form used elsewhere in the same article. Words that are also common nouns (china, turkey,
    may, polish, march, bill, mark) are reported only when the article writes the name
    capitalized at least twice, the lowercase form just once, and the common word is not a
    frequent one; very frequent words (may, will, us) are never reported.

    Example: "including north korean leader Kim Jong-un" -> "North Korean".

    Fix: safe for a lexicon name that is not also a common word, and for one that is (china) when
    the article writes it capitalized at least three times; unsafe when the only evidence is the
    article itself, in headlines, and for a compass word before a city ("east london": the city
    East London, or the east of London?). Inside a quotation the capital is typography, not the
    speaker's word, so the fix stays safe in quoted speech (4+ words) written in sentence case
    (a capital elsewhere in it); an all-lowercase or short quotation may be reproduced as written.
    """
    lex = ctx.lexicon
    table = token_table(doc)
    stats = doc_name_stats(doc)
    memo: dict[str, tuple[str, bool] | None] = {}  # the evidence for a word is the same all through the article

    proper_form, capitalized = lex.proper_forms.get, stats.capitalized

    def part_evidence(part: str) -> bool:
        if part not in memo:
            # _proper's first test, inlined: no lexicon name and no capitalized use here.
            if not proper_form(part) and not capitalized.get(part.capitalize()):
                memo[part] = None
            else:
                memo[part] = _proper(part, lex, stats)
        return memo[part] is not None

    def evidence(word: str) -> bool:
        found = False
        for part in word.split("-"):
            if part.islower() and len(part) >= 2 and "." not in part:
                found = part_evidence(part) or found
        return found

    firsts = lex.phrase_firsts
    phrase_ids = set(compress(range(len(table.vocab)), map(firsts.__contains__, map(str.lower, table.vocab))))
    # Most words have no hyphen: one part, the word itself, tested at once (same tests as
    # evidence()). Only a word with a lexicon name or a capitalized use here can have evidence
    # (part_evidence's first test): those are picked first, the capitalized ones in C.
    bases_ = table.bases
    may = set(compress(range(len(bases_)), map(capitalized.get, map(str.capitalize, bases_))))
    may.update(compress(range(len(bases_)), map(proper_form, bases_)))
    single_ids = {i for i in may for word in (bases_[i],)
                  if "-" not in word and word.islower() and len(word) >= 2 and "." not in word and part_evidence(word)}
    single_ids |= {i for i in compress(range(len(bases_)), map(str.__contains__, bases_, repeat("-")))
                   if evidence(bases_[i])}
    n_tokens = len(table)
    # Only two kinds of token can yield or start a skip: a word with evidence of its own, and the
    # first word of a lexicon phrase's first two words ("north" before "korean"). A phrase word
    # before anything else ("the" before "report") does nothing, so it is not visited at all.
    ids, vocab, bases, bigrams = table.ids, table.vocab, table.bases, lex.phrase_bigrams
    # A phrase position does something only when the words there form a lexicon phrase with a
    # word in the wrong case (spacing is checked later); judged once per sequence of words.
    lengths = lex.phrase_lengths
    fire_memo: dict[tuple[int, ...], bool] = {}

    def may_fire(i: int) -> bool:
        for n in lengths:
            if i + n > n_tokens:
                continue
            key = tuple(ids[i:i + n])
            fires = fire_memo.get(key)
            if fires is None:
                words = [vocab[w] for w in key[:-1]] + [bases[key[-1]]]
                phrase = lex.proper_phrase(words)
                fires = fire_memo[key] = bool(phrase) and any(
                    w != p and w.islower() and p[:1].isupper() for w, p in zip(words, phrase.split()))
            if fires:
                return True
        return False

    pair_memo: dict[tuple[int, int], bool] = {}
    # One pass over the tokens for both kinds of word, then each kind picked from those uses (in C).
    either = table.uses(single_ids | phrase_ids)
    visit = set(compress(either, map(single_ids.__contains__, map(ids.__getitem__, either))))
    # A pair is a phrase bigram only if its second word is some bigram's second word: the uses
    # followed by no such word are dropped in C before the loop below looks at each pair.
    seconds = {b for _, b in bigrams}
    second_ids = set(compress(range(len(bases)), map(seconds.__contains__, map(str.lower, bases))))
    starts_at = list(compress(either, map(phrase_ids.__contains__, map(ids.__getitem__, either))))
    if starts_at and starts_at[-1] + 1 >= n_tokens:
        starts_at = starts_at[:-1]  # the last token starts no pair
    starts_at = list(compress(starts_at, map(second_ids.__contains__, map(ids.__getitem__, map((1).__add__, starts_at)))))
    for i in starts_at:
        if i + 1 < n_tokens:
            pair = (ids[i], ids[i + 1])
            hit = pair_memo.get(pair)
            if hit is None:
                hit = pair_memo[pair] = (vocab[pair[0]].lower(), bases[pair[1]].lower()) in bigrams
            if hit and may_fire(i):
                visit.add(i)
    skip_until = -1
    for i in sorted(visit):
        tok = table.token(i)
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


@rule("NL203", "lowercase-acronym", "An acronym the lexicon knows written in lowercase (nato).", fixable=True)
def lowercase_acronym(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds an acronym or initialism written in lowercase: "nato" for NATO, "opec" for OPEC.

    Why: lowercase acronyms read as typos. Only acronyms the built-in or project lexicon knows
    are reported, and never one whose lowercase form is an ordinary word (who, us, sco...).

    Example: "nato allies" -> "NATO allies".

    Fix: safe; unsafe in headlines, and in quotations unless quoted speech in sentence case (as NL202).
    """
    lex = ctx.lexicon
    table = token_table(doc)

    def acronym_like(word: str) -> bool:
        return any(p.islower() and (lex.proper_form(p) or "").isupper() for p in table.bases[table.index[word]].split("-"))

    def reportable(word: str) -> bool:
        """The checks of the loop below that read the word alone (only the name-compound test
        reads where it stands): a word failing them is not visited at each use ("who", "us")."""
        if not acronym_like(word):
            return False
        probe = Token(word, 0, len(word), False, False, table.bases[table.index[word]])
        for part, _ in _split(probe):
            if not part.islower() or len(part) < 3 and part != word:
                continue
            known = lex.proper_form(part)
            if known and known.isupper() and not lex.is_common_lowercase(part):
                return True
        return False

    # acronym_like() needs a part with a lexicon form: a word without a hyphen is its one part,
    # so only those with a lexicon form (picked by map, no Python loop) and hyphenated ones are asked.
    vocab, bases = table.vocab, table.bases
    ask = set(compress(range(len(bases)), map(lex.proper_forms.get, bases)))
    ask.update(compress(range(len(bases)), map(str.__contains__, bases, repeat("-"))))
    for _, tok in table.where({i for i in ask if reportable(vocab[i])}):
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
