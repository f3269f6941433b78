"""Where the time goes on one big file: rules' CPU per MB at growing sizes, and CPU per piece and worker.

    python bench/speed/big_file.py per-mb --corpus ../shared/corpus [--sizes 1,2,4,8] [--repo CHECKOUT]
    python bench/speed/big_file.py pieces --corpus ../shared/corpus [--jobs 2]
    python bench/speed/big_file.py compare --corpus ../shared/corpus [--file BIG.txt]
    python bench/speed/big_file.py stages --corpus ../shared/corpus [--file BIG.txt]

``per-mb`` lints the first N MB of the benchmark text (bench/speed/inputs.py) as ONE document
(no chunking) and prints the rules' CPU seconds per MB: flat means linear. ``pieces`` lints the
10 MB file the way the CLI does (an even number of near-equal pieces of at most 2,000,000 characters, in ``--jobs`` forked workers) and
prints each piece's CPU seconds and worker process, so the critical path on idle cores can be
read off even when the shared machine's wall times are not steady. ``compare`` lints the file
in pieces and as ONE document (~1 GB for 10 MB) and prints, per rule code, the findings only
one of them has (docs/reliability.md, "Big files"). ``stages`` prints the CPU seconds of the
per-finding work in this process: linting in pieces (``--jobs``), the text and JSON reporters,
and pickling the findings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from inputs import build  # noqa: E402


def _text(corpus: Path) -> str:
    paths = build(Path(tempfile.mkdtemp(prefix="newslint-bigfile-")), corpus, big_mb=10, small_count=0)
    return paths["big"].read_text(encoding="utf-8")


def per_mb(text: str, sizes: list[float]) -> None:
    from newslint.config import load_config
    from newslint.document import Document
    from newslint.engine import Linter

    linter = Linter(load_config(start=Path(tempfile.gettempdir())))
    linter.lint(Document.from_text(text[:300_000], "warm.txt"))  # lexicon loaded before timing
    for mb in sizes:
        part = text[: int(mb * 1_000_000)]
        part = part[: part.rfind("\n") + 1]
        doc = Document.from_text(part, "big.txt")
        per: dict[str, float] = {}
        c0 = time.process_time()
        for rule in linter.rules:
            c = time.process_time()
            list(rule.check(doc, linter.context))
            per[rule.code] = time.process_time() - c
        total = time.process_time() - c0
        top = ", ".join(f"{k} {v / mb:.3f}" for k, v in sorted(per.items(), key=lambda kv: -kv[1])[:5])
        print(f"{mb:g} MB: {total:.2f} s CPU, {total / mb:.2f} s/MB (top, s/MB: {top})", flush=True)


def pieces(text: str, jobs: int) -> None:
    import newslint.chunking as chunking
    from newslint.config import load_config
    from newslint.engine import Linter

    linter = Linter(load_config(start=Path(tempfile.gettempdir())))
    start = time.perf_counter()
    plain = chunking._lint_piece

    def traced(*args, **kw):  # type: ignore[no-untyped-def]
        t, c = time.perf_counter(), time.process_time()
        out = plain(*args, **kw)
        print(f"worker {os.getpid()}: piece at {args[5]:>9}: {t - start:6.2f} -> {time.perf_counter() - start:6.2f} s wall, "
              f"{time.process_time() - c:.2f} s CPU", flush=True)
        return out

    chunking._lint_piece = traced
    c = time.process_time()
    found = chunking.lint_large(linter, chunking.reporting_document(text, "big.txt"), jobs=jobs)
    print(f"{len(found)} findings in {time.perf_counter() - start:.2f} s wall; this process {time.process_time() - c:.2f} s CPU")


def compare(text: str) -> None:
    from collections import Counter

    from newslint.chunking import lint_large, reporting_document
    from newslint.config import load_config
    from newslint.document import Document
    from newslint.engine import Linter

    linter = Linter(load_config(start=Path(tempfile.gettempdir())))
    pieces = Counter(lint_large(linter, reporting_document(text, "big.txt"), jobs=1))
    whole = Counter(linter.lint(Document.from_text(text, "big.txt")))
    only_pieces, only_whole = pieces - whole, whole - pieces
    print(f"{sum(pieces.values())} findings in pieces, {sum(whole.values())} as one document")
    print("only in pieces, by code:", dict(Counter(d.code for d in only_pieces.elements())))
    print("only as one document, by code:", dict(Counter(d.code for d in only_whole.elements())))


def stages(text: str, jobs: int) -> None:
    import io
    import pickle

    from newslint.chunking import lint_large, reporting_document
    from newslint.config import load_config
    from newslint.engine import Linter
    from newslint.reporters import json as json_reporter, text as text_reporter
    from newslint.runner import FileResult, RunOptions

    linter = Linter(load_config(start=Path(tempfile.gettempdir())))
    doc = reporting_document(text, "big.txt")
    c = time.process_time()
    found = lint_large(linter, doc, jobs=jobs)
    lint = time.process_time() - c
    results, opts = [FileResult("big.txt", found, doc)], RunOptions(["big.txt"], color="never")
    cpu = {}
    for name, reporter in (("text", text_reporter), ("json", json_reporter)):
        c = time.process_time()
        reporter.report(results, io.StringIO(), opts)
        cpu[name] = time.process_time() - c
    c = time.process_time()
    blob = pickle.dumps(found, -1)
    dump = time.process_time() - c
    c = time.process_time()
    pickle.loads(blob)
    load = time.process_time() - c
    print(f"{len(found)} findings; CPU s in this process: lint_large (jobs {jobs}) {lint:.2f}, text reporter {cpu['text']:.3f}, "
          f"JSON reporter {cpu['json']:.3f}, pickle dump {dump:.3f} / load {load:.3f} of the findings as records")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["per-mb", "pieces", "compare", "stages"])
    ap.add_argument("--file", type=Path, help="the big file (default: built from --corpus by bench/speed/inputs.py)")
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent.parent / "shared" / "corpus")
    ap.add_argument("--repo", type=Path, default=HERE.parent.parent, help="the checkout to measure (default: this one)")
    ap.add_argument("--sizes", default="1,2,4,8", help="MB, comma-separated (per-mb)")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the pieces (pieces)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    text = args.file.read_text(encoding="utf-8") if args.file else _text(args.corpus)
    if args.what == "per-mb":
        per_mb(text, [float(s) for s in args.sizes.split(",")])
    elif args.what == "compare":
        compare(text)
    elif args.what == "stages":
        stages(text, args.jobs)
    else:
        pieces(text, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
