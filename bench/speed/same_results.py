"""Snapshot every diagnostic newslint reports, to prove a speed change changed no result.

Why: speed work must not change a single finding. `snapshot OUT` runs the checkout's newslint
(`python -m newslint check --format json --no-cache`) on the clean
corpus, the seeds and the benchmark's 10 MB file, with the default rules and with every rule,
and writes the JSON outputs; `compare A B` says whether two snapshots are identical.

    python bench/speed/same_results.py snapshot /tmp/before --corpus ../shared/corpus [--repo OTHER_CHECKOUT]
    python bench/speed/same_results.py compare /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def run_json(args: list[str], repo: Path = REPO) -> str:
    """JSON output of one newslint run from a checkout (no cache, no grammar)."""
    env = dict(os.environ, PYTHONPATH=str(repo))
    cmd = [sys.executable, "-m", "newslint", "check", "--format", "json", "--no-cache",
           "--no-grammar", "--exit-zero", *args]
    out = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"newslint failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr}")
    return out.stdout


def _every_code(repo: Path) -> str:
    """Every native rule code of the checkout, comma-separated (``--select NL`` skips default-off rules)."""
    env = dict(os.environ, PYTHONPATH=str(repo))
    code = "from newslint.registry import all_rules; print(','.join(r.code for r in all_rules()))"
    return subprocess.run([sys.executable, "-c", code], cwd=repo, env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def snapshot(dest: Path, corpus: Path, repo: Path = REPO) -> None:
    """Write one JSON file per (input, rule selection)."""
    import inputs

    dest.mkdir(parents=True, exist_ok=True)
    # The inputs are this checkout's seeds whichever checkout runs: the paths are in the output.
    targets: dict[str, list[str]] = {"seeds": [str(REPO / "seeds")]}
    clean = corpus / "clean"
    if clean.is_dir():
        targets["clean"] = [str(clean)]
        work = Path(tempfile.gettempdir()) / "newslint-same-results"  # one path: paths are in the output
        built = inputs.build(work, corpus, small_count=1)
        targets["big"] = [str(built["big"])]
    else:
        print(f"note: corpus not found at {clean}: seeds only", file=sys.stderr)
    every = _every_code(repo)  # default-off rules are selected only by their full code
    for name, paths in targets.items():
        (dest / f"{name}.default.json").write_text(run_json(paths, repo), encoding="utf-8")
        (dest / f"{name}.all.json").write_text(run_json(["--select", every, *paths], repo), encoding="utf-8")
        print(f"{name}: written", file=sys.stderr)


def compare(a: Path, b: Path) -> int:
    """0 when every snapshot file is byte-identical in both folders."""
    names = sorted({p.name for p in a.glob("*.json")} | {p.name for p in b.glob("*.json")})
    bad = 0
    for name in names:
        pa, pb = a / name, b / name
        same = pa.is_file() and pb.is_file() and pa.read_bytes() == pb.read_bytes()
        count = len(json.loads(pa.read_text())["diagnostics"]) if pa.is_file() and same else "?"
        print(f"{'same' if same else 'DIFFERENT'}  {name}  ({count} diagnostics)")
        bad += not same
    return 1 if bad or not names else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("dest", type=Path)
    s.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    s.add_argument("--repo", type=Path, default=REPO, help="the checkout to run (default: this one)")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args()
    if args.cmd == "snapshot":
        snapshot(args.dest, args.corpus, args.repo.resolve())
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
