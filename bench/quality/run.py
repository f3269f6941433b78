"""Quality benchmark: plant known errors in clean news, run newslint and its peers, score them.

    python bench/quality/run.py --corpus ../shared/corpus [--seed 1] [--limit N] [--lt-url URL]

Clean text: ``CORPUS/clean/*.txt`` (read in place, never copied into the repository) plus the
real seed articles 002-004. When the corpus is absent the run says so and uses the seeds only.

Matching rule: a finding matches a planted error when their spans overlap in the dirty text
(half-open code-point spans; an empty span counts as its one following character). For the
whole-line kinds (duplicated paragraph, boilerplate line) the finding must also start at or
before the line's first character or cover at least half of the line: a spelling finding
inside a copied paragraph does not count as spotting the copy. A finding that overlaps a
genuine published slip from ``known_slips.tsv`` (plus ``corpus_slips.tsv`` beside this script:
slips that list lacks, found by this team; or, for the seeds, ``seed_slips.tsv``) is neither a
hit nor a false alarm. Everything else a tool reports on the dirty
text is a false positive.

Scores per tool: recall per kind; precision, recall, F1 on the dirty text; false alarms per
1,000 words of the clean text; for newslint also fix exactness (share of planted errors that
the safe fixes, applied to a text holding only that error, turn back into exactly what they
make of the clean text, which is the original whenever the next figure is 0) and the number
of bytes the safe fixes change in the clean text outside the known slips (target 0).

Writes bench/results/quality.json, quality.md and quality.png (precision vs recall).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO), str(BENCH), str(BENCH / "quality")]

from inject import KINDS, Injected, apply, inject_article  # noqa: E402
from peers import VENV, Texts, ToolRun, run_all  # noqa: E402

RESULTS = BENCH / "results"
SEED_ARTICLES = ("002", "003", "004")
# Genuine slips in the seed articles (004 repeats a block of seven paragraphs as published).
SEED_SLIPS = Path(__file__).resolve().parent / "seed_slips.tsv"
# Genuine slips in the shared corpus that its known_slips.tsv lacks, found and checked by this
# team; located by line, column and length so that no corpus text is copied here.
CORPUS_SLIPS = Path(__file__).resolve().parent / "corpus_slips.tsv"


def _maybe_reexec_in_bench_venv() -> None:
    """The peers, pyspellchecker and matplotlib live in the bench venv: use its Python when we can."""
    py = VENV / "bin" / "python"
    if py.exists() and Path(sys.prefix).resolve() != VENV.resolve() and not os.environ.get("NEWSLINT_BENCH_NO_REEXEC"):
        os.environ["NEWSLINT_BENCH_NO_REEXEC"] = "1"
        os.execv(str(py), [str(py), *sys.argv])


@dataclass
class Article:
    name: str
    text: str
    slips: list[tuple[int, int]]  # spans of known published slips in the clean text


def load_word_check():
    """``is_word(w)``: pyspellchecker's English list (the injector only plants non-words)."""
    from spellchecker import SpellChecker

    words = SpellChecker(distance=1).word_frequency.dictionary
    return lambda w: w.lower() in words


def load_articles(corpus: Path | None, limit: int | None) -> tuple[list[Article], str]:
    """Corpus articles (if present) and the seeds, with the known slips located."""
    articles: list[Article] = []
    note = ""
    slips_by_file: dict[str, list[tuple[int, str]]] = defaultdict(list)
    clean = corpus / "clean" if corpus else None
    if clean and clean.is_dir():
        slips_file = corpus / "known_slips.tsv"
        if slips_file.exists():
            with slips_file.open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    slips_by_file[row["file"]].append((int(row["line"]), row["as_published"]))
        extra: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        with CORPUS_SLIPS.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                extra[row["file"]].append((int(row["line"]), int(row["column"]), int(row["length"])))
        files = sorted(clean.glob("*.txt"))
        if limit:
            step = max(1, len(files) // limit)
            files = files[::step][:limit]
        for f in files:
            text = f.read_text(encoding="utf-8")
            spans = _locate_slips(text, slips_by_file.get(f.name, [])) + _place_slips(text, extra.get(f.name, []))
            articles.append(Article(f.name, text, spans))
    else:
        note = f"corpus not found at {clean}: using the seed articles only"
        print(f"note: {note}", file=sys.stderr)
    seed_slips: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with SEED_SLIPS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            seed_slips[row["file"]].append((int(row["line"]), row["as_published"]))
    for prefix in SEED_ARTICLES:
        for f in sorted((REPO / "seeds").glob(f"{prefix}_*.txt")):
            name = "seed_" + f.name
            text = f.read_text(encoding="utf-8")
            articles.append(Article(name, text, _locate_slips(text, seed_slips.get(name, []))))
    return articles, note


def _locate_slips(text: str, slips: list[tuple[int, str]]) -> list[tuple[int, int]]:
    lines = text.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    spans = []
    for line, wrong in slips:
        if wrong == "<line>" and 1 <= line <= len(lines):  # the whole line
            spans.append((starts[line - 1], starts[line - 1] + len(lines[line - 1])))
            continue
        if 1 <= line <= len(lines):
            i = lines[line - 1].find(wrong)
            if i >= 0:
                spans.append((starts[line - 1] + i, starts[line - 1] + i + len(wrong)))
                continue
        i = text.find(wrong)
        if i >= 0:
            spans.append((i, i + len(wrong)))
    return spans


def _place_slips(text: str, places: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Spans of slips given as (1-based line, 1-based column, length)."""
    starts = [0]
    for ln in text.split("\n"):
        starts.append(starts[-1] + len(ln) + 1)
    return [(starts[line - 1] + col - 1, starts[line - 1] + col - 1 + length)
            for line, col, length in places if 1 <= line < len(starts)]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    a = (a[0], max(a[1], a[0] + 1))
    b = (b[0], max(b[1], b[0] + 1))
    return a[0] < b[1] and b[0] < a[1]


# Whole-line errors: a finding inside the line is not evidence that the line itself was spotted.
LINE_KINDS = ("duplicated_paragraph", "boilerplate_line")


def matches(finding: tuple[int, int], error: Injected) -> bool:
    """The matching rule (see the module docstring)."""
    if not _overlaps(finding, (error.start, error.end)):
        return False
    if error.kind in LINE_KINDS:
        covered = min(finding[1], error.end) - max(finding[0], error.start)
        return finding[0] <= error.start or 2 * covered >= error.end - error.start
    return True


def _shift(span: tuple[int, int], edits) -> tuple[int, int]:
    """Map a clean-text span into the dirty text (edits never overlap protected spans)."""
    delta = sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= span[0])
    return span[0] + delta, span[1] + delta


def score(run: ToolRun, articles: list[Article], keys: dict[str, list[Injected]],
          dirty_slips: dict[str, list[tuple[int, int]]], clean_run: ToolRun, words: int) -> dict:
    hit_errors: set[tuple[str, int]] = set()
    tp = fp = 0
    for a in articles:
        for f in run.findings.get(a.name, []):
            span = (f.start, f.end)
            matched = [i for i, k in enumerate(keys[a.name]) if matches(span, k)]
            if matched:
                tp += 1
                hit_errors.update((a.name, i) for i in matched)
            elif not any(_overlaps(span, s) for s in dirty_slips[a.name]):
                fp += 1
    total = sum(len(k) for k in keys.values())
    per_kind: dict[str, dict] = {}
    for kind in KINDS:
        ids = [(n, i) for n, ks in keys.items() for i, k in enumerate(ks) if k.kind == kind]
        hits = sum(1 for x in ids if x in hit_errors)
        per_kind[kind] = {"planted": len(ids), "found": hits, "recall": round(hits / len(ids), 3) if ids else None}
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = len(hit_errors) / total if total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    false_alarms = sum(
        1 for a in articles for f in clean_run.findings.get(a.name, [])
        if not any(_overlaps((f.start, f.end), s) for s in a.slips)
    )
    return {
        "tool": run.tool,
        "findings_dirty": tp + fp,
        "true_positives": tp,
        "false_positives": fp,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "false_alarms_clean": false_alarms,
        "false_alarms_per_1000_words": round(1000 * false_alarms / words, 3) if words else None,
        "per_kind": per_kind,
        "seconds_dirty": round(run.seconds, 2),
    }


def fix_scores(articles: list[Article], edits_by: dict, keys: dict[str, list[Injected]]) -> dict:
    """Fix exactness per planted error (safe fixes, and safe + unsafe), and bytes changed in clean text.

    Each planted error is restored in a text holding only that error, so that one fix cannot
    hide or help another. The errors that ``--fix`` does not restore are counted apart when
    they sit inside a quotation, where the policy leaves more to a human (docs/fixing.md).
    """
    from newslint.config import load_config
    from newslint.diagnostics import Applicability
    from newslint.document import Document
    from newslint.engine import Linter
    from newslint.fixes import fix_text

    linter = Linter(load_config(start=Path(tempfile.gettempdir())))

    def fix(text: str, name: str, minimum: Applicability = Applicability.SAFE) -> str:
        return fix_text(text, lambda t: linter.lint(Document.from_text(t, name)), minimum).text

    restored = total = touched = touched_ok = unsafe_restored = missed_quoted = 0
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    changed_clean = slip_fixes = 0
    changed_files: list[str] = []
    for a in articles:
        fixed_clean = fix(a.text, a.name)
        fixed_clean_unsafe = fix(a.text, a.name, Applicability.UNSAFE)
        if fixed_clean != a.text:
            sm = difflib.SequenceMatcher(None, a.text, fixed_clean, autojunk=False)
            for op, i1, i2, j1, j2 in sm.get_opcodes():
                if op == "equal":
                    continue
                if any(_overlaps((i1, i2), s) for s in a.slips):
                    slip_fixes += 1  # a genuine published slip, correctly repaired
                    continue
                changed_clean += max(len(a.text[i1:i2].encode()), len(fixed_clean[j1:j2].encode()))
                changed_files.append(a.name)
        for k, e in zip(keys[a.name], edits_by[a.name]):
            single, _ = apply(a.text, [e])
            fixed = fix(single, a.name)
            ok = fixed == fixed_clean  # the error is undone and nothing else differs
            if fixed != single:
                touched += 1
                touched_ok += ok
            unsafe_ok = fix(single, a.name, Applicability.UNSAFE) == fixed_clean_unsafe
            total += 1
            restored += ok
            unsafe_restored += unsafe_ok
            if not ok and k.kind not in LINE_KINDS:
                span = (e.start, e.start + max(len(e.replacement), 1))
                missed_quoted += Document.from_text(single, a.name).in_quote(*span)
            per_kind[k.kind][0] += ok
            per_kind[k.kind][1] += 1
            per_kind[k.kind][2] += unsafe_ok
    ratio = lambda n, d: round(n / d, 3) if d else None  # noqa: E731
    return {
        "fix_exactness": ratio(restored, total),
        # Of the planted errors --fix did not restore, how many sit inside a quotation.
        "missed_in_quotes": missed_quoted,
        # With --unsafe-fixes: safe and unsafe fixes applied.
        "fix_exactness_unsafe_fixes": ratio(unsafe_restored, total),
        "unsafe_restored": unsafe_restored,
        # Of the planted errors that the safe fixes changed at all, the share they restored exactly.
        "safe_fix_precision": ratio(touched_ok, touched),
        "touched": touched,
        "restored": restored,
        "planted": total,
        "per_kind": {k: {"restored": v[0], "planted": v[1], "restored_with_unsafe_fixes": v[2]}
                     for k, v in sorted(per_kind.items())},
        "clean_bytes_changed": changed_clean,
        "clean_files_changed": sorted(set(changed_files)),
        "known_slips_fixed": slip_fixes,
    }


def write_chart(rows: list[dict], path: Path) -> str | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib not installed (bench/install_peers.sh): no chart"
    fig, ax = plt.subplots(figsize=(6.4, 5.2), dpi=110)
    for r in rows:
        ax.scatter(r["recall"], r["precision"], s=70, zorder=3, color="#c0392b" if r["tool"] == "newslint" else "#2c3e50")
        ax.annotate(r["tool"], (r["recall"], r["precision"]), textcoords="offset points", xytext=(6, 5), fontsize=9)
    ax.axhline(0.9, color="#999", lw=0.8, ls="--")
    ax.axvline(0.9, color="#999", lw=0.8, ls="--")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlabel("recall (planted errors found)")
    ax.set_ylabel("precision (findings that are planted errors)")
    ax.set_title("newslint vs peers on injected errors in real news")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus",
                        help="folder with clean/ and known_slips.tsv (default ../shared/corpus)")
    parser.add_argument("--seed", type=int, default=1, help="injector seed (default 1)")
    parser.add_argument("--limit", type=int, help="use only N corpus articles (spread over the list)")
    parser.add_argument("--lt-url", default=os.environ.get("NEWSLINT_LT_URL"), help="LanguageTool server URL (or NEWSLINT_LT_URL)")
    parser.add_argument("--tools", help="comma-separated peers to run (default: all)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results folder (default bench/results)")
    parser.add_argument("--keep", type=Path, help="also write the dirty texts and the answer key here (outside the repo)")
    args = parser.parse_args(argv)
    _maybe_reexec_in_bench_venv()

    articles, note = load_articles(args.corpus, args.limit)
    is_word = load_word_check()
    work = Path(tempfile.mkdtemp(prefix="newslint-quality-"))
    clean_dir, dirty_dir = work / "clean", work / "dirty"
    clean_dir.mkdir()
    dirty_dir.mkdir()
    keys: dict[str, list[Injected]] = {}
    edits_by: dict[str, list] = {}
    dirty_slips: dict[str, list[tuple[int, int]]] = {}
    words = 0
    for a in articles:
        seed = int(hashlib.sha256(f"{args.seed}:{a.name}".encode()).hexdigest()[:12], 16)
        dirty, key, edits = inject_article(a.text, seed, is_word, a.slips)
        keys[a.name], edits_by[a.name] = key, edits
        dirty_slips[a.name] = [_shift(s, edits) for s in a.slips]
        (clean_dir / a.name).write_text(a.text, encoding="utf-8")
        (dirty_dir / a.name).write_text(dirty, encoding="utf-8")
        words += len(a.text.split())
    names = [a.name for a in articles]
    only = args.tools.split(",") if args.tools else None
    t0 = time.perf_counter()
    dirty_runs = run_all(Texts(dirty_dir, names), args.lt_url, only)
    clean_runs = {r.tool: r for r in run_all(Texts(clean_dir, names), args.lt_url, only)}
    rows, skipped = [], {}
    for run in dirty_runs:
        if run.skipped or clean_runs[run.tool].skipped:
            skipped[run.tool] = run.skipped or clean_runs[run.tool].skipped
            continue
        rows.append(score(run, articles, keys, dirty_slips, clean_runs[run.tool], words))
    fixes = fix_scores(articles, edits_by, keys)
    elapsed = time.perf_counter() - t0
    planted = sum(len(k) for k in keys.values())
    by_kind = {k: sum(1 for ks in keys.values() for x in ks if x.kind == k) for k in KINDS}

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        shutil.copytree(dirty_dir, args.keep / "dirty", dirs_exist_ok=True)
        with (args.keep / "answer_key.jsonl").open("w", encoding="utf-8") as fh:
            for n in names:
                for k in keys[n]:
                    fh.write(json.dumps({"file": n, **k.as_dict()}, ensure_ascii=False) + "\n")
    shutil.rmtree(work, ignore_errors=True)

    from tabulate import tabulate

    headers = ["tool", "precision", "recall", "F1", "FA/1k words", *[k.replace("_", " ") for k in KINDS]]
    table = [[r["tool"], r["precision"], r["recall"], r["f1"], r["false_alarms_per_1000_words"],
              *[r["per_kind"][k]["recall"] for k in KINDS]] for r in rows]
    table += [[tool, why, "", "", "", *[""] * len(KINDS)] for tool, why in skipped.items()]
    md = tabulate(table, headers=headers, tablefmt="github")
    summary = (f"{len(articles)} articles, {words:,} clean words, {planted} planted errors "
               f"({', '.join(f'{k} {v}' for k, v in by_kind.items())}); seed {args.seed}.")
    fix_line = (f"newslint fix exactness (planted errors that the fixes, run on a text holding only that error, "
                f"restore exactly): --fix {fixes['fix_exactness']} ({fixes['restored']}/{fixes['planted']}; "
                f"{fixes['missed_in_quotes']} of the {fixes['planted'] - fixes['restored']} missed are inside quotations); "
                f"--fix --unsafe-fixes {fixes['fix_exactness_unsafe_fixes']} ({fixes['unsafe_restored']}/{fixes['planted']}); "
                f"of the {fixes['touched']} that --fix changed, {fixes['safe_fix_precision']} restored exactly; "
                f"bytes changed by --fix in clean text (outside known slips): {fixes['clean_bytes_changed']}")
    kinds_line = "--fix restored per kind: " + ", ".join(
        f"{k} {v['restored']}/{v['planted']}" for k, v in fixes["per_kind"].items())
    print(md)
    print()
    print(summary)
    print(fix_line)
    print(kinds_line)
    args.out.mkdir(parents=True, exist_ok=True)
    chart_note = write_chart(rows, args.out / "quality.png")
    if chart_note:
        print(f"note: {chart_note}", file=sys.stderr)
    command = "python bench/quality/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    result = {
        "command": command.strip(),
        "note": note,
        "articles": len(articles),
        "clean_words": words,
        "planted": planted,
        "planted_by_kind": by_kind,
        "seed": args.seed,
        "tools": rows,
        "skipped": skipped,
        "newslint_fix": fixes,
        "seconds": round(elapsed, 1),
    }
    (args.out / "quality.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "quality.md").write_text(
        f"<!-- written by: {result['command']} -->\n\n{md}\n\n{summary}\n\n{fix_line}\n\n{kinds_line}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
