"""CPU seconds per phase of linting the 10 MB benchmark file, one process, pieces as the CLI cuts them.

    python bench/speed/phases.py --corpus ../shared/corpus [--file BIG.txt] [--repeat 3]
    NEWSLINT_NO_NATIVE=1 python bench/speed/phases.py ...   # the pure-Python scans, for comparison
    python bench/speed/phases.py --file BIG --worker 0         # as forked worker 0 sees its pieces


Why: the whole-process time mixes start-up, reading, workers and reporting; this prints where
the rules' CPU goes (the shared document work first: word table, sentence starts, name stats;
then each rule run on the pieces; then ``facts``, newslint.piece_facts.collect, what each piece
reports for the rules judged over the whole text, which are not run on the pieces), so a change
to one scan shows up in its own line. Each phase's figure is the
median over ``--repeat`` runs of ``time.process_time()`` (CPU, steadier than wall time on a
shared machine). Warm-up: one 300,000-character lint first, so loading the lexicon is not counted.

``--worker W`` (0 or 1) measures instead what forked worker W of a two-worker run does: each
repeat a fresh process, warmed only as newslint.chunking warms the parent before forking (the
lexicon loaded, no word seen yet), linting pieces W, W + 2, W + 4. Why: the warm-up lint above
already holds every distinct word of the benchmark file (it repeats 200 articles), so the
per-word work each real worker does on its first piece (dictionary look-ups, name indexes)
never shows; the two workers' figures added are what a run spends.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))


def _piece_phases(text: str, linter, first: int, step: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """CPU seconds per phase over pieces ``first, first + step, ...`` of ``text``, cut as the CLI
    cuts it. As the CLI runs a big text: the rules judged over the whole text
    (piece_facts.JUDGED) are not run on the pieces; each piece's facts for them are collected
    after the other rules."""
    from newslint.chunking import PieceDocument, _plan, split_points
    from newslint.document import Document
    from newslint.lexicon.tokens import doc_name_stats, sentence_start_list, token_table
    from newslint.piece_facts import collect

    rules, judged = _plan(linter, "big.txt")
    times: dict[str, float] = {}

    def timed(name: str, work) -> object:  # type: ignore[no-untyped-def]
        c = time.process_time()
        out = work()
        times[name] = times.get(name, 0.0) + time.process_time() - c
        return out

    pts = split_points(text) + [len(text)]
    for a, b in list(zip(pts, pts[1:]))[first::step]:
        doc = timed("document", lambda: (PieceDocument if a else Document).from_text(text[a:b], "big.txt"))
        timed("prose+paragraphs", lambda: (doc.prose, doc.paragraphs))
        timed("sentence_starts", lambda: sentence_start_list(doc))
        timed("token_table", lambda: token_table(doc))
        timed("name_stats", lambda: doc_name_stats(doc))
        for r in rules:
            timed(r.code, lambda: list(r.check(doc, linter.context)))
        timed("facts", lambda: collect(doc, a, judged, linter.context))
    times["TOTAL"] = sum(times.values())
    return times


def worker_run(text: str, worker: int) -> dict[str, float]:
    """The phases of forked worker ``worker``'s pieces, in this (fresh) process (as one_run,
    without its warm-up lint)."""
    import gc

    from newslint.config import load_config
    from newslint.engine import Linter

    gc.set_threshold(50_000, *gc.get_threshold()[1:])  # as runner.collect_garbage_for sets it for a big file
    linter = Linter(load_config(start=Path(tempfile.gettempdir())))
    lex = linter.context.lexicon
    lex.is_known("the")  # what _lint_pieces does before forking
    lex.frequency("the")
    return _piece_phases(text, linter, worker, 2)


def one_run(text: str) -> dict[str, float]:
    import gc

    from newslint.config import load_config
    from newslint.document import Document
    from newslint.engine import Linter

    # Per-document caches (lru_cache keyed by the Document, which compares by content) would
    # make a repeated run a cache hit: empty them all; the warm-up reloads the lexicon.
    for name, mod in list(sys.modules.items()):
        if name.startswith("newslint"):
            for value in list(vars(mod).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    gc.set_threshold(50_000, *gc.get_threshold()[1:])  # as runner.collect_garbage_for sets it for a big file
    linter = Linter(load_config(start=Path(tempfile.gettempdir())))
    linter.lint(Document.from_text(text[:300_000], "warm.txt"))
    return _piece_phases(text, linter, 0, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent.parent / "shared" / "corpus")
    parser.add_argument("--file", type=Path, help="the text to lint (default: build the 10 MB benchmark file)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", type=int, choices=(0, 1), help="as forked worker 0 or 1 of two (see above)")
    parser.add_argument("--one-worker-run", action="store_true", help=argparse.SUPPRESS)  # a child of --worker
    args = parser.parse_args()
    if args.one_worker_run:
        import json

        print(json.dumps(worker_run(args.file.read_text(encoding="utf-8"), args.worker)))
        return 0
    if args.file:
        text = args.file.read_text(encoding="utf-8")
    else:
        if not args.corpus.is_dir():
            print(f"corpus not found at {args.corpus} (pass --corpus or --file)", file=sys.stderr)
            return 2
        from inputs import build

        text = build(Path(tempfile.mkdtemp(prefix="newslint-phases-")), args.corpus, big_mb=10, small_count=0)[
            "big"].read_text(encoding="utf-8")
    from newslint import native

    if args.worker is not None:
        import json
        import subprocess

        if not args.file:
            args.file = Path(tempfile.mkdtemp(prefix="newslint-phases-")) / "big.txt"
            args.file.write_text(text, encoding="utf-8")
        cmd = [sys.executable, __file__, "--file", str(args.file), "--worker", str(args.worker), "--one-worker-run"]
        runs = [json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
                for _ in range(args.repeat)]
    else:
        runs = [one_run(text) for _ in range(args.repeat)]
    print(f"native scans: {'on' if native.module() else 'off'}; {len(text):,} characters; "
          f"median CPU s of {args.repeat} runs" + ("" if args.worker is None else f"; forked worker {args.worker}'s pieces"))
    for name in sorted(runs[0], key=lambda k: -runs[0][k]):
        print(f"{name:18} {statistics.median(r[name] for r in runs):7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
