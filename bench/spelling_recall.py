#!/usr/bin/env python3
"""Recall of the spelling, name and proper-noun-case rules on errors injected into clean news.

For each article of ``CORPUS/clean`` (default ``../shared/corpus``), in memory only:
- typo: one random edit (delete, insert, substitute, swap) in up to 3 lowercase words of 5+
  letters; typos that make another dictionary word are skipped (no spell checker can see them);
- name: one adjacent-letter swap in a capitalized word the article uses at least 3 times;
- case: one capitalized name the built-in lexicon knows, written in lowercase.
A hit is a finding of the expected rule family overlapping the injected span; "right" counts the
hits whose first suggestion is the original word. Seeded, so every run injects the same errors.

Usage: python bench/spelling_recall.py [CORPUS] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.false_alarms import default_corpus  # noqa: E402
from newslint.config import Config, load_defaults  # noqa: E402
from newslint.document import Document  # noqa: E402
from newslint.engine import Linter  # noqa: E402
from newslint.lexicon import load_lexicon  # noqa: E402

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice("dist")
    if kind == "d":
        return word[:i] + word[i + 1:]
    if kind == "i":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if kind == "s":
        return word[:i] + rng.choice(LETTERS.replace(word[i], "")) + word[i + 1:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(default_corpus()))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    clean = Path(args.corpus) / "clean"
    if not clean.is_dir():
        print(f"spelling_recall: no corpus at {clean}; pass its path (skipping)", file=sys.stderr)
        return 0
    rng = random.Random(args.seed)
    data = load_defaults()
    data["lexicon"] = ""
    config = Config.from_dict(data)
    linter, lex = Linter(config), load_lexicon(config)
    stats: dict[str, Counter[str]] = {k: Counter() for k in ("typo", "name", "case")}

    def trial(kind: str, text: str, start: int, end: int, wrong: str, right: str, codes: tuple[str, ...], path: str) -> None:
        new = text[:start] + wrong + text[end:]
        found = [d for d in linter.lint(Document.from_text(new, path))
                 if d.code.startswith(codes) and d.start < start + len(wrong) and start < d.end]
        stats[kind]["tried"] += 1
        if found:
            stats[kind]["hit"] += 1
            if found[0].suggestions and found[0].suggestions[0].split()[-1] == right:
                stats[kind]["right"] += 1

    for path in sorted(clean.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        words = list(re.finditer(r"(?<![\w'’-])[a-z]{5,}(?![\w'’-])", text))
        for m in rng.sample(words, min(3, len(words))):
            wrong = typo(m.group(), rng)
            if not lex.is_known(wrong):
                trial("typo", text, m.start(), m.end(), wrong, m.group(), ("NL101",), str(path))
        caps = list(re.finditer(r"(?<=[a-z,] )[A-Z][a-z]{4,}(?![\w'’-])", text))
        uses = Counter(m.group() for m in caps)
        names = [m for m in caps if uses[m.group()] >= 3 and not lex.is_known(m.group().lower())]
        if names:
            m = rng.choice(names)
            i = rng.randrange(1, len(m.group()) - 1)
            w = m.group()
            wrong = w[:i] + w[i + 1] + w[i] + w[i + 2:]
            if wrong != w:
                trial("name", text, m.start(), m.end(), wrong, w, ("NL102",), str(path))
        known = [m for m in caps if lex.proper_form(m.group().lower()) == m.group()
                 and not lex.is_common_lowercase(m.group().lower())]
        if known:
            m = rng.choice(known)
            trial("case", text, m.start(), m.end(), m.group().lower(), m.group(), ("NL202", "NL203"), str(path))
    for kind, c in stats.items():
        tried = max(c["tried"], 1)
        print(f"{kind:5} injected {c['tried']:4}  found {c['hit']:4} ({100 * c['hit'] / tried:.1f}%)  "
              f"right suggestion first {c['right']:4} ({100 * c['right'] / tried:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
