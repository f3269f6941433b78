"""Numeric and calendar facts in one article: what number, about what, how hedged.

A fact is a plain dict (JSON-able, so the cache can keep it) with:

* ``kind``: ``since`` (years since an event; "80th anniversary of X" == "80 years since X"),
  ``percent``, ``money``, ``amount`` (a number with a unit), ``count`` (a number with its noun),
  ``duration``, ``age``, ``ordinal``, ``date`` or ``weekday``;
* ``unit`` and ``head``: what is counted (normalised: "%" for 15%, 15 percent and 15 pct;
  "soldier" for "2,000 soldiers"); facts are compared only when kind, unit and head agree;
* ``lo``/``hi``: the interval the wording allows: the stated precision ("102.6bn" is
  102.55-102.65bn), widened by a hedge ("about" +-10%, "more than" up to infinity);
* ``ctx``/``names``: the content words and capitalised names of the fact's own clause, or
  for ``since`` the words naming the event; they decide whether two facts are about the same thing;
* ``start``/``end``/``text``/``display``: where it is and how to quote it.
"""

from __future__ import annotations

import bisect
import math
from typing import Any

from newslint.corpus.text import (
    MONTH_NAMES,
    MONTHS,
    STOPWORDS,
    TITLES,
    WEEKDAYS,
    Token,
    is_capitalized,
    lemma,
)

# Hedge phrases before a number -> how they widen it. Longest phrases are tried first.
_HEDGES: dict[tuple[str, ...], str] = {}
for _phrase, _kind in [
    ("about", "approx"), ("around", "approx"), ("approximately", "approx"), ("roughly", "approx"),
    ("some", "approx"), ("an estimated", "approx"), ("estimated", "approx"), ("circa", "approx"),
    ("approx", "approx"), ("almost", "max"), ("nearly", "max"), ("close to", "max"), ("just under", "max"),
    ("less than", "max"), ("fewer than", "max"), ("under", "max"), ("below", "max"), ("up to", "max"),
    ("at most", "max"), ("as many as", "max"), ("as much as", "max"), ("more than", "min"), ("over", "min"),
    ("at least", "min"), ("upwards of", "min"), ("above", "min"), ("just over", "min"), ("in excess of", "min"),
    ("well over", "min"), ("well above", "min"), ("nearly half", "approx"),
]:
    _HEDGES[tuple(_phrase.split())] = _kind
_HEDGE_LENGTHS = sorted({len(k) for k in _HEDGES}, reverse=True)

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
_SCALE_NAMES = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}
_CURRENCY_BEFORE = {"$": "$", "£": "£", "€": "€", "¥": "¥"}
_CURRENCY_AFTER = {
    "dollars": "$", "dollar": "$", "dlrs": "$", "dlr": "$", "pounds": "£", "pound": "£", "stg": "£", "sterling": "£",
    "euros": "€", "euro": "€", "yen": "¥", "yuan": "yuan", "roubles": "rouble", "rubles": "rouble",
    "rupees": "rupee", "cents": "cent", "cts": "cent", "pence": "pence", "p": "pence",
}
_PERCENT_WORDS = {"percent": "%", "pct": "%", "pc": "%"}
# Units, longest first; the value is the normalised unit.
_UNITS: list[tuple[tuple[str, ...], str]] = sorted([
    (("cubic", "meters"), "m3"), (("cubic", "metres"), "m3"), (("cubic", "meter"), "m3"), (("cubic", "metre"), "m3"),
    (("bcm",), "bcm"), (("square", "kilometres"), "km2"), (("square", "kilometers"), "km2"), (("square", "miles"), "sqmi"),
    (("sq", "km"), "km2"), (("barrels", "per", "day"), "bpd"), (("barrels", "a", "day"), "bpd"), (("bpd",), "bpd"),
    (("barrels",), "bbl"), (("barrel",), "bbl"), (("kilometres",), "km"), (("kilometers",), "km"), (("km",), "km"),
    (("metres",), "m"), (("meters",), "m"), (("miles",), "mile"), (("mile",), "mile"), (("tonnes",), "t"), (("tons",), "t"),
    (("tonne",), "t"), (("ton",), "t"), (("kilograms",), "kg"), (("kg",), "kg"), (("grams",), "g"), (("megawatts",), "MW"),
    (("mw",), "MW"), (("gigawatts",), "GW"), (("gw",), "GW"), (("hectares",), "ha"), (("acres",), "acre"), (("feet",), "ft"),
    (("ft",), "ft"), (("inches",), "in"), (("litres",), "l"), (("liters",), "l"), (("gallons",), "gal"), (("ounces",), "oz"),
    (("oz",), "oz"), (("degrees",), "deg"), (("mph",), "mph"), (("mbps",), "Mbps"), (("gb",), "GB"), (("mb",), "MB"),
    (("megabytes",), "MB"), (("gigabytes",), "GB"), (("votes",), "vote"), (("seats",), "seat"),
], key=lambda u: -len(u[0]))
_DURATIONS = {
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week", "weeks": "week",
    "day": "day", "days": "day", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
}
# Words before a number that make it a label, not a quantity ("Route 66", "No 10", "page 3").
_LABELS = frozenset("no number page pages route flight article section chapter vol volume room gate platform "
                    "channel line size level grade tier stage phase act track apollo windows version series".split())
_NP_MODIFIERS = frozenset("more fewer extra additional other further".split())
_IRREGULAR_PLURALS = frozenset("people children men women police staff personnel troops cattle sheep fish".split())
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))
_EVENT_WORDS = 8  # how many words after "since"/"of" name the event


def _words_before(tokens: list[Token], i: int, n: int) -> list[str]:
    """Up to ``n`` lowercase words directly before token ``i`` in the same clause."""
    out: list[str] = []
    j = i - 1
    while j >= 0 and len(out) < n and tokens[j].clause == tokens[i].clause:
        if tokens[j].kind != "word":
            break
        out.insert(0, tokens[j].text.lower())
        j -= 1
    return out


def _hedge(tokens: list[Token], i: int) -> tuple[str, int]:
    """The hedge ending right before token ``i`` and the index where it starts."""
    words = _words_before(tokens, i, 3)
    for n in _HEDGE_LENGTHS:
        if len(words) >= n and tuple(words[-n:]) in _HEDGES:
            return _HEDGES[tuple(words[-n:])], i - n
    return "", i


def _word(tokens: list[Token], j: int) -> str:
    if 0 <= j < len(tokens) and tokens[j].kind in ("word", "abbr"):
        return tokens[j].text.lower()
    return ""


def _is_punct(tokens: list[Token], j: int, chars: str) -> bool:
    return 0 <= j < len(tokens) and tokens[j].kind == "punct" and tokens[j].text in chars


def _adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


def clause_terms(tokens: list[Token], clause: int, skip: set[int], lo: int, hi: int) -> tuple[list[str], list[str]]:
    """Content lemmas and capitalised-name lemmas of one clause, skipping the fact's own tokens."""
    ctx: set[str] = set()
    names: set[str] = set()
    for j in range(lo, hi):
        t = tokens[j]
        if t.clause != clause or j in skip or t.kind not in ("word", "abbr"):
            continue
        low = t.text.lower()
        if low in STOPWORDS or low in WEEKDAYS or low in MONTHS or low in _HEDGE_WORDS or len(low) < 2:
            continue
        lem = lemma(t.text)
        ctx.add(lem)
        if is_capitalized(t.text) and low not in TITLES and not t.sentence_start:
            names.add(lem)
    return sorted(ctx), sorted(names)


_HEDGE_WORDS = frozenset(w for k in _HEDGES for w in k)


def _interval(value: float, prec: float, hedge: str) -> tuple[float, float | None]:
    """The values a wording allows: stated precision, widened by its hedge (None = unbounded)."""
    lo, hi = value - prec / 2, value + prec / 2
    if hedge == "approx":
        lo, hi = min(lo, value * 0.9), max(hi, value * 1.1)
    elif hedge == "min":
        return lo, None
    elif hedge == "max":
        return -math.inf if value < 0 else 0.0, hi
    return lo, hi


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6g}"


def _clause_bounds(tokens: list[Token], i: int) -> tuple[int, int]:
    c = tokens[i].clause
    lo = i
    while lo > 0 and tokens[lo - 1].clause == c:
        lo -= 1
    hi = i
    while hi < len(tokens) and tokens[hi].clause == c:
        hi += 1
    return lo, hi


def _fact(kind: str, unit: str, head: str, value: Any, lo: float | None, hi: float | None, hedge: str,
          start: int, end: int, text: str, display: str, ctx: list[str], names: list[str]) -> dict[str, Any]:
    return {
        "kind": kind, "unit": unit, "head": head, "value": value,
        "lo": None if lo is None or lo == -math.inf else lo, "hi": hi, "hedge": hedge,
        "start": start, "end": end, "text": text, "display": display, "ctx": ctx, "names": names,
    }


def _event_terms(tokens: list[Token], j: int) -> tuple[list[str], list[str]]:
    """Words naming the event after "since"/"of" at ``j`` (the anchor of a "years since" fact)."""
    c = tokens[j].clause if j < len(tokens) else -1
    hi = j
    count = 0
    while hi < len(tokens) and tokens[hi].clause == c and count < _EVENT_WORDS:
        if tokens[hi].kind in ("word", "abbr"):
            count += 1
        hi += 1
    return clause_terms(tokens, c, set(), j, hi)


def _date_facts(tokens: list[Token], text: str, used: set[int]) -> list[dict[str, Any]]:
    """"September 15", "15 September 2025", "Sept. 1, 2025", "February 2022" and weekdays."""
    out: list[dict[str, Any]] = []
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.kind != "word" or not is_capitalized(t.text):
            continue
        low = t.text.lower()
        base = lemma(t.text) if low.endswith(("'s", "’s")) else low
        if base in WEEKDAYS:
            lo, hi = _clause_bounds(tokens, i)
            ctx, names = clause_terms(tokens, t.clause, {i}, lo, hi)
            out.append(_fact("weekday", "", "", WEEKDAYS.index(base), None, None, "", t.start, t.start + len(base),
                             text[t.start:t.start + len(base)], base.capitalize(), ctx, names))
            used.add(i)
            continue
        if low not in MONTHS:
            continue
        month = MONTHS[low]
        j = i + 1
        if _is_punct(tokens, j, ".") and _adjacent(tokens[i], tokens[j]):
            j += 1
        day = year = None
        end_tok = i
        if j < n and tokens[j].kind == "num" and tokens[j].suffix in ("", *(_ORDINAL_SUFFIXES)) and tokens[j].text.isdigit():
            v = int(tokens[j].text)
            if 1 <= v <= 31:
                day, end_tok = v, j
                k = j + 1
                if _is_punct(tokens, k, ","):
                    k += 1
                if k < n and tokens[k].kind == "num" and tokens[k].text.isdigit() and 1800 <= int(tokens[k].text) <= 2100:
                    year, end_tok = int(tokens[k].text), k
            elif 1800 <= v <= 2100 and not tokens[j].suffix:
                year, end_tok = v, j
        if day is None and i > 0 and tokens[i - 1].kind == "num" and tokens[i - 1].text.isdigit() and 1 <= int(tokens[i - 1].text) <= 31:
            # "15 September" (day first), optionally followed by a year
            day = int(tokens[i - 1].text)
            start_tok = i - 1
            if year is None and j < n and tokens[j].kind == "num" and tokens[j].text.isdigit() and 1800 <= int(tokens[j].text) <= 2100:
                year, end_tok = int(tokens[j].text), j
        else:
            start_tok = i
        if day is None and year is None:
            continue  # a bare month name ("in May") says too little, and "May" is often a verb
        if low == "may" and day is None:
            continue
        s, e = tokens[start_tok].start, tokens[end_tok].end
        lo, hi = _clause_bounds(tokens, i)
        skip = set(range(start_tok, end_tok + 1))
        used.update(skip)
        ctx, names = clause_terms(tokens, t.clause, skip, lo, hi)
        display = f"{MONTH_NAMES[month - 1]} {day}" if day else MONTH_NAMES[month - 1]
        if year:
            display += f", {year}" if day else f" {year}"
        out.append(_fact("date", "", "", [year, month, day], None, None, "", s, e, text[s:e], display, ctx, names))
    return out


def _unit_at(tokens: list[Token], j: int) -> tuple[str, int]:
    """A unit phrase starting at token ``j``: (normalised unit, index after it)."""
    for words, unit in _UNITS:
        if all(_word(tokens, j + k) == w for k, w in enumerate(words)):
            return unit, j + len(words)
    return "", j


def number_facts(tokens: list[Token], text: str) -> list[dict[str, Any]]:
    """Every comparable number in the token stream (dates and weekdays included).

    Each fact also gets ``slot``/``slots``: its place among the facts of its kind, unit and
    noun in its sentence. "Prices rose 15.1% in 2004 but only 2.8% in the second half" has
    two percentages with the same words around them; only their order tells them apart.
    """
    facts = _number_facts(tokens, text)
    _add_marks(facts, tokens)
    starts = [t.start for t in tokens]
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for f in facts:
        i = bisect.bisect_right(starts, f["start"]) - 1
        key = (tokens[i].clause if i >= 0 else -1, f["kind"], f["unit"], f["head"])
        groups.setdefault(key, []).append(f)
    for same in groups.values():
        same.sort(key=lambda f: f["start"])
        for n, f in enumerate(same):
            f["slot"], f["slots"] = n, len(same)
    facts.sort(key=lambda f: f["start"])
    return facts


_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                  "eleventh", "twelfth")


def _add_marks(facts: list[dict[str, Any]], tokens: list[Token]) -> None:
    """``marks``: the years, months, weekdays and ordinals of a fact's sentence, outside the fact.

    Two facts whose sentences both carry such marks, none shared ("rose 15% in 2004" /
    "rose 25% in 2005"; "the second quarter" / "the third quarter"), are about different periods.
    """
    starts = [t.start for t in tokens]
    for f in facts:
        if f["kind"] == "since":
            f["marks"] = []
            continue
        i = max(bisect.bisect_right(starts, f["start"]) - 1, 0)
        lo, hi = _clause_bounds(tokens, i) if tokens else (0, 0)
        marks: set[str] = set()
        for t in tokens[lo:hi]:
            if f["start"] <= t.start < f["end"] or t.start <= f["start"] < t.end:
                continue
            low = t.text.lower()
            if t.kind == "num" and not t.suffix and t.text.isdigit() and 1800 <= int(t.text) <= 2100:
                marks.add("y:" + t.text)
            elif t.kind == "num" and t.suffix.lower() in _ORDINAL_SUFFIXES:
                marks.add("o:" + t.text)
            elif t.kind == "word" and low in _ORDINAL_WORDS:
                marks.add("o:" + str(_ORDINAL_WORDS.index(low) + 1))
            elif t.kind == "word" and is_capitalized(t.text) and low in MONTHS:
                marks.add(f"m:{MONTHS[low]}")
            elif t.kind == "word" and is_capitalized(t.text) and lemma(t.text) in WEEKDAYS:
                marks.add("w:" + lemma(t.text))
        f["marks"] = sorted(marks)


def _number_facts(tokens: list[Token], text: str) -> list[dict[str, Any]]:
    used: set[int] = set()
    facts = _date_facts(tokens, text, used)
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.kind != "num" or i in used:
            continue
        prev_word = _word(tokens, i - 1)
        # Scores, ranges, times and versions: "0-2", "2020-21", "10:30", "1.2.3".
        if i + 2 < n and tokens[i + 1].kind == "punct" and tokens[i + 1].text in "-–:/" and tokens[i + 2].kind == "num" \
                and _adjacent(t, tokens[i + 1]):
            continue
        if i >= 2 and tokens[i - 1].kind == "punct" and tokens[i - 1].text in "-–:/" and tokens[i - 2].kind == "num" \
                and _adjacent(tokens[i - 1], t):
            continue
        if prev_word in _LABELS or (i > 0 and tokens[i - 1].text == "#"):
            continue
        raw = t.text.replace(",", "")
        value = float(raw)
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        prec = 10.0 ** -decimals
        suffix = t.suffix.lower()
        currency = ""
        first = i  # first token of the fact (currency symbol included)
        if i > 0 and tokens[i - 1].kind == "punct" and tokens[i - 1].text in _CURRENCY_BEFORE and _adjacent(tokens[i - 1], t):
            currency = _CURRENCY_BEFORE[tokens[i - 1].text]
            first = i - 1
            if i > 1 and tokens[i - 2].kind == "word" and _adjacent(tokens[i - 2], tokens[i - 1]) and tokens[i - 2].text.isupper() \
                    and len(tokens[i - 2].text) <= 3:
                currency = tokens[i - 2].text + currency  # US$, A$, HK$
                first = i - 2
        hedge, _ = _hedge(tokens, first)
        j = i + 1
        kind = unit = head = ""
        scale = 1.0
        if suffix in _ORDINAL_SUFFIXES:
            kind = "ordinal"
        elif suffix in _SCALES and (suffix != "m" or currency):
            scale = _SCALES[suffix]
        elif suffix in ("pc", "pct"):
            kind, unit = "percent", "%"
        elif suffix:
            continue  # "4G", "2000s", "100m" without a currency: not a quantity we can read
        end_tok = i
        if not kind and _word(tokens, j) in _SCALES and _word(tokens, j) != "m" and scale == 1.0:
            scale = _SCALES[_word(tokens, j)]
            end_tok = j
            j += 1
        if kind == "ordinal":
            if _word(tokens, j) == "anniversary":
                of = j + 1
                if _word(tokens, of) == "of":
                    ctx, names = _event_terms(tokens, of + 1)
                else:  # "the parade's 80th anniversary": the event comes before
                    lo, _ = _clause_bounds(tokens, i)
                    ctx, names = clause_terms(tokens, t.clause, {i, j}, lo, i)
                if len(ctx) < 2:
                    continue
                facts.append(_fact("since", "year", "", value, *_interval(value, 1.0, hedge), hedge, t.start, t.end,
                                   text[t.start:t.end], text[t.start:tokens[j].end], ctx, names))
                continue
            nxt = _word(tokens, j)
            if not nxt or nxt in STOPWORDS:
                continue
            kind, head, end_tok = "ordinal", lemma(nxt), j
        elif not kind:
            if _is_punct(tokens, j, "%"):
                kind, unit, end_tok = "percent", "%", j
            elif _word(tokens, j) in _PERCENT_WORDS:
                kind, unit, end_tok = "percent", "%", j
            elif _word(tokens, j) == "per" and _word(tokens, j + 1) == "cent":
                kind, unit, end_tok = "percent", "%", j + 1
            elif _word(tokens, j) == "percentage" and _word(tokens, j + 1) in ("point", "points"):
                kind, unit, end_tok = "percent", "pp", j + 1
            elif _word(tokens, j) in _CURRENCY_AFTER and (_word(tokens, j) != "p" or _adjacent(t, tokens[j])):
                if currency:
                    continue  # "$5 dollars": confused wording, leave it alone
                currency, end_tok = _CURRENCY_AFTER[_word(tokens, j)], j
            if not kind and currency:
                kind, unit = "money", currency
            if not kind:
                # "80-year" and "80 years": durations, "80 years since X" and ages
                k = j + 1 if _is_punct(tokens, j, "-") and _adjacent(t, tokens[j]) else j
                compound = _word(tokens, k).split("-")  # "57-year-old", "10-year-long"
                dur = _DURATIONS.get(compound[0], "")
                if dur and len(compound) > 1:
                    if compound[-1] == "old":
                        kind, end_tok = "age", k
                    else:
                        kind, unit, end_tok = "duration", dur, k
                elif dur:
                    after = _word(tokens, k + 1)
                    if dur == "year" and after == "since":
                        ctx, names = _event_terms(tokens, k + 2)
                        if len(ctx) < 2:
                            continue
                        facts.append(_fact("since", "year", "", value, *_interval(value, prec, hedge), hedge, t.start,
                                           t.end, text[t.start:t.end], f"{_fmt(value)} years", ctx, names))
                        continue
                    if after == "ago":
                        continue  # relative to the day of writing; articles written on different days differ
                    if after == "old" or (_is_punct(tokens, k + 1, "-") and _word(tokens, k + 2) == "old"):
                        kind, unit, end_tok = "age", "", k + 1
                    else:
                        kind, unit, end_tok = "duration", dur, k
                else:
                    u, after_unit = _unit_at(tokens, j)
                    if u:
                        kind, unit, end_tok = "amount", u, after_unit - 1
                        if _word(tokens, after_unit) == "of" and _word(tokens, after_unit + 1) not in STOPWORDS:
                            head = lemma(_word(tokens, after_unit + 1))
            if not kind:
                if scale == 1.0 and decimals == 0 and "," not in t.text and 1800 <= value <= 2100:
                    continue  # a year on its own: too often about different events to compare
                # A count: the noun phrase after the number ("2,000 North Korean soldiers").
                k = j
                words: list[str] = []
                while k < n and len(words) < 4 and tokens[k].kind == "word" and tokens[k].clause == t.clause:
                    low = tokens[k].text.lower()
                    if not words and low in _NP_MODIFIERS:  # "5,000 more copies"
                        words.append("")
                        k += 1
                        continue
                    if low in STOPWORDS or low in _HEDGE_WORDS or low in WEEKDAYS or low in MONTHS:
                        break
                    words.append(tokens[k].text)
                    k += 1
                # The head noun: the first plural ("10 SCO countries stood" -> country), or
                # a lone word; anything else is too ambiguous to compare without a tagger.
                if not any(words):
                    continue
                plural = [n for n, w in enumerate(words) if w and (w.lower().endswith("s") or w.lower() in _IRREGULAR_PLURALS)]
                if plural:
                    pick = plural[0]
                elif len([w for w in words if w]) == 1:
                    pick = len(words) - 1
                else:
                    continue
                kind, head, end_tok = "count", lemma(words[pick]), j + pick
        if kind == "percent" and not unit:
            unit = "%"
        full = value * scale
        lo_v, hi_v = _interval(full, prec * scale, hedge)
        lo_c, hi_c = _clause_bounds(tokens, i)
        skip = set(range(first, end_tok + 1))
        ctx, names = clause_terms(tokens, t.clause, skip, lo_c, hi_c)
        if len(ctx) < 2:
            continue  # too little context to know what the number is about
        s = tokens[first].start
        e = t.end
        shown = text[s:tokens[end_tok].end]
        facts.append(_fact(kind, unit, head, full, lo_v, hi_v, hedge, s, e, text[s:e], shown, ctx, names))
    return facts


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two facts about the same thing can both be true (intervals overlap, dates agree)."""
    if a["kind"] == "date":
        ya, ma, da = a["value"]
        yb, mb, db = b["value"]
        if ya and yb and ya != yb:
            return False
        if ma != mb:
            return False
        return not (da and db and da != db)
    if a["kind"] == "weekday":
        return bool(a["value"] == b["value"])
    lo_a = -math.inf if a["lo"] is None else a["lo"]
    lo_b = -math.inf if b["lo"] is None else b["lo"]
    hi_a = math.inf if a["hi"] is None else a["hi"]
    hi_b = math.inf if b["hi"] is None else b["hi"]
    # Strict: "79" (78.5-79.5) and "80" (79.5-80.5) only touch, so they disagree.
    return lo_a < hi_b and lo_b < hi_a
