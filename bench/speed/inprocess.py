"""In-process throughput: MB/s of prose that newslint's rules lint on one core, and time per rule.

    python bench/speed/inprocess.py --corpus ../shared/corpus [--mb 10] [--repeat 3] [--profile]

Builds the big text like bench/speed/run.py, then times Document.from_text + Linter.lint
(median of ``--repeat`` runs, each with the per-document caches cleared; per-word memos stay
warm after the first) and each selected rule on its own, so hot spots show up; work several
rules share (word table, sentence starts...) is timed on its own lines, in parentheses.
``--profile`` prints the top of a cProfile run as well.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path[:0] = [str(REPO), str(HERE)]

from inputs import build  # noqa: E402


def measure(text: str, repeat: int) -> dict:
    from newslint.config import load_config
    from newslint.document import Document
    from newslint.engine import Linter

    linter = Linter(load_config(start=Path(tempfile.gettempdir())))
    mb = len(text.encode("utf-8")) / 1e6
    totals, counts = [], 0
    for _ in range(repeat):
        _shared_work()  # an equal document would hit the previous run's per-document caches
        t0 = time.perf_counter()
        doc = Document.from_text(text, "big.txt")
        counts = len(linter.lint(doc))
        totals.append(time.perf_counter() - t0)
    # Per rule: CPU seconds of this process (time.process_time: steadier than wall time on a
    # shared machine), the least of ``repeat`` rounds.
    per_rule: dict[str, float] = {}

    def note(label: str, seconds: float) -> None:
        per_rule[label] = min(per_rule.get(label, seconds), seconds)

    for _ in range(repeat):
        t0 = time.process_time()
        doc = Document.from_text(text, "big.txt")
        note("(Document.from_text: masks)", time.process_time() - t0)
        for view in ("prose", "lines", "paragraphs"):
            t0 = time.process_time()
            getattr(doc, view)
            note(f"(Document.{view})", time.process_time() - t0)
        # Work several rules share is cached per document (an equal document hits the cache of
        # the runs above): clear it and time it here, so each rule's figure is its own work only.
        for name, make in _shared_work():
            t0 = time.process_time()
            make(doc)
            note(f"({name})", time.process_time() - t0)
        for rule in linter.rules:
            t0 = time.process_time()
            n = sum(1 for _ in rule.check(doc, linter.context))
            note(f"{rule.code} {rule.name} ({n})", time.process_time() - t0)
    med = statistics.median(totals)
    return {
        "megabytes": round(mb, 2),
        "seconds_median": round(med, 3),
        "seconds_all": [round(t, 3) for t in totals],
        "mb_per_s": round(mb / med, 2),
        "diagnostics": counts,
        "per_rule_cpu_seconds_min": {k: round(v, 3) for k, v in sorted(per_rule.items(), key=lambda kv: -kv[1])},
    }


def _shared_work() -> list[tuple[str, object]]:
    """(label, function of a document) for the per-document caches the rules share, cleared first."""
    from newslint.lexicon import tokens
    from newslint.rules import duplicates

    work = [("sentence starts", getattr(tokens, "sentence_start_list", None) or tokens._starts),
            ("sentence start set", tokens._starts), ("word table", tokens.token_table),
            ("name statistics", tokens.doc_name_stats), ("duplicate paragraphs", duplicates.duplicate_paragraphs)]
    out = []
    for label, fn in work:
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()
            out.append((label, fn))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    p.add_argument("--mb", type=float, default=10)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--profile", action="store_true")
    p.add_argument("--json", type=Path, help="write the result here")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newslint-inproc-"))
    paths = build(work, args.corpus, big_mb=args.mb, small_count=0)
    text = paths["big"].read_text(encoding="utf-8")
    result = measure(text, args.repeat)
    result["command"] = "python bench/speed/inprocess.py " + " ".join(argv if argv is not None else sys.argv[1:])
    print(json.dumps(result, indent=2))
    if args.profile:
        import cProfile
        import pstats

        from newslint.config import load_config
        from newslint.document import Document
        from newslint.engine import Linter

        linter = Linter(load_config(start=work))
        prof = cProfile.Profile()
        prof.enable()
        linter.lint(Document.from_text(text, "big.txt"))
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
