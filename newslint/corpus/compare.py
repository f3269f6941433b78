"""Phase two: compare the facts of articles on the same story and report the outliers.

``judge`` sees only the collected facts (never the texts), so facts may come from a cache.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping

from newslint.corpus.grouping import neighbours
from newslint.corpus.names import (
    FUZZY_MIN_LENGTH,
    differs_only_in_dots,
    fuzzy_pairs,
    is_dictionary_word,
    name_key,
    short_name_pairs,
)
from newslint.corpus.numbers import compatible
from newslint.corpus.settings import Settings
from newslint.diagnostics import Diagnostic

# Two facts are about the same thing when their clauses share at least this many words
# and this share of the shorter clause's words (and neither has a name the other lacks
# while the other also has one it lacks, and their dates and ordinals, if both have some, meet).
MIN_SHARED_WORDS = 2
MIN_OVERLAP = 0.5


def short_labels(paths: Iterable[str]) -> dict[str, str]:
    """How messages name other articles: "001" for seeds/001_fe9a....txt when no other file
    starts with "001_", else the file name without extension, else the path."""
    paths = list(paths)
    stems = {p: os.path.splitext(os.path.basename(p))[0] for p in paths}
    prefixes = {p: s.split("_")[0] for p, s in stems.items()}
    prefix_count = Counter(prefixes.values())
    stem_count = Counter(stems.values())
    out = {}
    for p in paths:
        if prefix_count[prefixes[p]] == 1:
            out[p] = prefixes[p]
        elif stem_count[stems[p]] == 1:
            out[p] = stems[p]
        else:
            out[p] = p
    return out


def overlap(f: Mapping[str, Any], g: Mapping[str, Any]) -> float:
    """Share of the shorter context that the two facts' contexts have in common."""
    cf, cg = set(f["ctx"]), set(g["ctx"])
    return len(cf & cg) / (min(len(cf), len(cg)) or 1)


def same_thing(f: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    """Whether two facts (already of one kind, unit and noun) quantify the same thing."""
    if f["slots"] != g["slots"] or f["slot"] != g["slot"]:
        return False
    cf, cg = set(f["ctx"]), set(g["ctx"])
    shared = cf & cg
    if len(shared) < MIN_SHARED_WORDS or len(shared) / min(len(cf), len(cg)) < MIN_OVERLAP:
        return False
    nf, ng = set(f["names"]), set(g["names"])
    if (nf - ng) and (ng - nf):
        return False
    # Years, months, weekdays and ordinals of the two sentences: each kind that both have must meet.
    for kind in {m[:2] for m in f["marks"]} & {m[:2] for m in g["marks"]}:
        if not {m for m in f["marks"] if m.startswith(kind)} & {m for m in g["marks"] if m.startswith(kind)}:
            return False
    return True


def _fact_key(f: Mapping[str, Any]) -> tuple[str, str, str]:
    return (f["kind"], f["unit"], f["head"])


def _id_list(docs: Iterable[str], labels: Mapping[str, str]) -> str:
    return ", ".join(sorted(labels[d] for d in docs))


def _articles(n: int) -> str:
    return f"{n} other article{'s' if n != 1 else ''} on this story"


def _fact_findings(facts: Mapping[str, Mapping[str, Any]], nbrs: Mapping[str, Mapping[str, float]],
                   settings: Settings, labels: Mapping[str, str]) -> dict[str, list[tuple[int, int, str, str]]]:
    index: dict[str, dict[tuple[str, str, str], list[Mapping[str, Any]]]] = {}
    for path, fx in facts.items():
        by_key: dict[tuple[str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for f in fx["numbers"]:
            by_key[_fact_key(f)].append(f)
        index[path] = by_key
    out: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for path, fx in facts.items():
        others = nbrs.get(path, {})
        if len(others) < settings.min_agreeing:
            continue
        for f in fx["numbers"]:
            key = _fact_key(f)
            supporters = 0
            opponents: dict[str, list[Mapping[str, Any]]] = {}
            for other in others:
                matches = [g for g in index[other].get(key, ()) if same_thing(f, g)]
                if not matches:
                    continue
                if any(compatible(f, g) for g in matches):
                    supporters += 1
                    break
                opponents[other] = matches
            if supporters or len(opponents) < settings.min_agreeing:
                continue
            found = _consensus(opponents, settings.min_agreeing)
            if found is None:
                continue
            consensus, agreeing = found
            # The article itself also gives the others' value for this kind of thing: then the
            # outlier is most likely about something else ("170 billion" next to "43.8 billion").
            # That holds when such a fact of its own resembles the others' facts at least as
            # closely as the outlier does; a planted or mistyped copy of one sentence does not.
            closeness = max(overlap(f, g) for doc in agreeing for g in opponents[doc])
            if any(h is not f and compatible(h, consensus) and max(overlap(h, g) for doc in agreeing for g in opponents[doc])
                   >= closeness for h in index[path][key]):
                continue
            msg = (f"“{f['display']}” disagrees with {_articles(len(agreeing))}, which say {_stated(consensus)} "
                   f"({_id_list(agreeing, labels)})")
            out[path].append((f["start"], f["end"], msg, ""))
    return out


def _stated(fact: Mapping[str, Any]) -> str:
    """How a message quotes the others' value: "80 years" for every wording of years since."""
    if fact["kind"] == "since":
        value = fact["value"]
        return f"{int(value) if value == int(value) else value} years"
    return str(fact["display"])


def _consensus(opponents: Mapping[str, list[Mapping[str, Any]]],
               min_agreeing: int) -> tuple[Mapping[str, Any], list[str]] | None:
    """The value most opposing articles share: (a fact stating it, the articles that agree).

    None unless at least ``min_agreeing`` articles share it and they outnumber the opposing
    articles that say something else again (a story split three ways has no majority).
    """
    best: tuple[Mapping[str, Any], list[str]] | None = None
    for g in (g for matches in opponents.values() for g in matches):
        agreeing = sorted(doc for doc, matches in opponents.items() if any(compatible(g, h) for h in matches))
        if best is None or len(agreeing) > len(best[1]) or (len(agreeing) == len(best[1]) and g["hedge"] == "" != best[0]["hedge"]):
            best = (g, agreeing)
    if best is None or len(best[1]) < min_agreeing or len(best[1]) <= len(opponents) - len(best[1]):
        return None
    return best


def _name_findings(facts: Mapping[str, Mapping[str, Any]], nbrs: Mapping[str, Mapping[str, float]],
                   settings: Settings, labels: Mapping[str, str]) -> dict[str, list[tuple[int, int, str, str]]]:
    out: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    house_by_key = {name_key(h): h for h in settings.house_style}
    house_variant = {v: h for h, vs in settings.house_style.items() for v in vs}
    # Words of house names are settled by the house style, never by a majority.
    house_words = {w for h, vs in settings.house_style.items() for name in (h, *vs) for w in name.split()}
    # Which article uses which spelling: key -> form -> articles (multi-word names),
    # and form -> articles for single names.
    multi_forms: dict[str, dict[str, set[str]]] = {}
    single_forms: dict[str, set[str]] = {}
    for path, fx in facts.items():
        per_key: dict[str, set[str]] = defaultdict(set)
        for occ in fx["names"]["multi"]:
            per_key[occ["key"]].add(occ["form"])
        multi_forms[path] = per_key
        single_forms[path] = {occ["form"] for occ in fx["names"]["single"]}
    long_forms = {f for forms in single_forms.values() for f in forms
                  if len(f) >= FUZZY_MIN_LENGTH and f.isalpha()}
    partners = fuzzy_pairs(long_forms) if long_forms else {}
    # Short surnames are only compared inside a full name: "Robert Fico" / "Robert Fiko".
    form_docs: dict[str, set[str]] = defaultdict(set)
    for path, per_key in multi_forms.items():
        for forms in per_key.values():
            for f in forms:
                form_docs[f].add(path)
    short_partners = short_name_pairs(form_docs)

    for path, fx in facts.items():
        group = [path, *nbrs.get(path, {})]
        occurrences = [(o, True) for o in fx["names"]["multi"]] + [(o, False) for o in fx["names"]["single"]]
        for occ, is_multi in occurrences:
            form = occ["form"]
            house = house_variant.get(form)
            if house is None and is_multi:
                house = house_by_key.get(occ["key"])
            if house is not None:
                if form != house and not differs_only_in_dots(form, house):
                    out[path].append((occ["start"], occ["end"],
                                      f"“{form}”: the house style writes “{house}” ([corpus] house-style)", house))
                continue
            if is_multi:
                users: dict[str, set[str]] = defaultdict(set)
                for doc in group:
                    for other_form in multi_forms[doc].get(occ["key"], ()):
                        users[other_form].add(doc)
                rivals = [f for f in users if f != form and not differs_only_in_dots(f, form)]
                for other_form in short_partners.get(form, ()):
                    backers_here = form_docs[other_form] & set(group)
                    if backers_here:
                        rivals.append(other_form)
                        users[other_form] |= backers_here
                if form not in users:
                    users[form] = form_docs[form] & set(group)
            else:
                if form in house_words or is_dictionary_word(form):
                    continue  # a capitalised ordinary word is not a misspelt name
                rivals = sorted(partners.get(form, ()))
                if not rivals:
                    continue
                users = defaultdict(set)
                for doc in group:
                    for cand in (form, *rivals):
                        if cand in single_forms[doc]:
                            users[cand].add(doc)
            mine = len(users.get(form, ())) or 1
            for rival in sorted(rivals, key=lambda r: (-len(users.get(r, ())), r)):
                backers = users.get(rival, set()) - {path}
                if len(backers) >= settings.min_agreeing and len(users[rival]) > mine:
                    out[path].append((occ["start"], occ["end"],
                                      f"“{form}”: {_articles(len(backers))} write “{rival}” "
                                      f"({_id_list(backers, labels)})", rival))
                    break
    return out


def judge(facts: Mapping[str, Mapping[str, Any]], settings: Settings | None = None) -> dict[str, list[Diagnostic]]:
    """Diagnostics per path from the facts of every article (the output of ``collect``)."""
    from newslint.rules.corpus import fact_disagreement, name_variant

    settings = settings or Settings()
    nbrs = neighbours({p: fx["terms"] for p, fx in facts.items()}, settings.similarity)
    labels = short_labels(facts)
    out: dict[str, list[Diagnostic]] = defaultdict(list)
    for rule, found in ((fact_disagreement, _fact_findings(facts, nbrs, settings, labels)),
                        (name_variant, _name_findings(facts, nbrs, settings, labels))):
        for path, items in found.items():
            for start, end, message, suggestion in items:
                out[path].append(rule.diagnostic(start, end, message, suggestions=(suggestion,) if suggestion else ()))
    return dict(out)
