#!/usr/bin/env python3
"""False alarms on clean, published news: every finding listed for a person to judge.

Runs newslint's native rules on ``CORPUS/clean/*.txt`` (default ``../shared/corpus`` beside the
repository) and the seeds, discounts the findings that ``CORPUS/known_slips.tsv`` (and the seeds'
``*_expected.jsonl``) record as genuine errors, and prints findings per 1,000 words, twice:
without a project lexicon and with one learned from the same corpus by ``newslint learn``
(written to a temporary folder, never into the repository). The target is at most 0.5 per
1,000 words (1 per 2,000).

Usage: python bench/false_alarms.py [CORPUS] [--seeds DIR] [--select CODES] [--quiet]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newslint.config import Config, load_defaults  # noqa: E402
from newslint.document import Document  # noqa: E402
from newslint.engine import Linter  # noqa: E402


def default_corpus() -> Path:
    """``../shared/corpus`` beside the repository, or beside a folder above it (git worktrees)."""
    for folder in REPO.parents:
        if (folder / "shared" / "corpus").is_dir():
            return folder / "shared" / "corpus"
    return REPO.parent / "shared" / "corpus"


def known_genuine(corpus: Path, seeds: Path) -> dict[tuple[str, int], list[str]]:
    """(file name, line) -> texts recorded there as genuine errors."""
    out: dict[tuple[str, int], list[str]] = {}
    slips = corpus / "known_slips.tsv"
    if slips.is_file():
        with slips.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                out.setdefault((row["file"], int(row["line"])), []).append(row["as_published"])
    for expected in seeds.glob("*_expected.jsonl"):
        article = next(seeds.glob(expected.name.replace("_expected.jsonl", "_*.txt")), None)
        if article is None:
            continue
        for line in expected.read_text(encoding="utf-8").splitlines():
            if line.strip():
                e = json.loads(line)
                out.setdefault((article.name, int(e["line"])), []).append(e["text"])
    return out


def run(files: list[Path], config: Config, genuine: dict[tuple[str, int], list[str]], quiet: bool, label: str) -> tuple[int, int, int]:
    linter = Linter(config)
    words = found = discounted = 0
    per_rule: Counter[str] = Counter()
    print(f"\n== {label}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        doc = Document.from_text(text, str(path))
        for d in linter.lint(doc):
            line, col = doc.lines.position(d.start)
            flagged = doc.text[d.start:d.end]
            known = any(flagged.strip() and (flagged.strip() in slip or slip in doc.lines.line_text(line) and slip.find(flagged.strip()) >= 0)
                        for slip in genuine.get((path.name, line), []))
            if known:
                discounted += 1
                continue
            found += 1
            per_rule[d.code] += 1
            if not quiet:
                print(f"{path.name}:{line}:{col}\t{d.code}\t{flagged!r}\t{d.message}")
    rate = 1000 * found / max(words, 1)
    print(f"-- {label}: {words} words, {found + discounted} findings, {discounted} known genuine, "
          f"{found} to judge = {rate:.2f} per 1,000 words; by rule: {dict(sorted(per_rule.items()))}")
    return words, found, discounted


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(default_corpus()))
    ap.add_argument("--seeds", default=str(REPO / "seeds"))
    ap.add_argument("--select", default="NL", help="rule codes or prefixes, comma-separated (default NL)")
    ap.add_argument("--quiet", action="store_true", help="print only the totals")
    args = ap.parse_args()
    corpus, seeds = Path(args.corpus), Path(args.seeds)
    clean = corpus / "clean"
    if not clean.is_dir():
        print(f"false_alarms: no corpus at {clean}; pass its path (skipping)", file=sys.stderr)
        return 0
    files = sorted(clean.glob("*.txt")) + sorted(seeds.glob("*.txt"))
    genuine = known_genuine(corpus, seeds)
    data = load_defaults()
    data["select"] = [s.strip() for s in args.select.split(",") if s.strip()]
    data["lexicon"] = ""
    plain = Config.from_dict(data)
    run(files, plain, genuine, args.quiet, "without a project lexicon")
    with tempfile.TemporaryDirectory() as tmp:
        from newslint.lexicon import load_lexicon
        from newslint.lexicon.learn import learn

        target = Path(tmp) / "newslint-lexicon.txt"
        learn(sorted(clean.glob("*.txt")), load_lexicon(plain), target)
        learned = Config.from_dict(data)
        learned.lexicon_path = target
        run(files, learned, genuine, args.quiet, "with a project lexicon learned from the corpus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
