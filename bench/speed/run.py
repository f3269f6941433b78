"""Speed benchmark: whole-process time and peak memory of newslint and its peers, run alternately.

    python bench/speed/run.py --corpus ../shared/corpus [--repeat 15] [--big-mb 10] [--small 1000]

Scenarios (inputs are built in a temporary folder from the corpus, or the seeds without it):

* ``cold``: one article (seed 002), the whole process, as a pre-commit hook pays it: without the
  cache (``--no-cache``), on a first run (no cache folder yet), on a cache miss (the file
  changed: its entry is written) and with a warm cache.
* ``big``: one large file (``--big-mb`` MB of articles): throughput in MB/s.
* ``small``: ``--small`` articles in one folder: throughput and the effect of ``--jobs``.
* ``cache``: the same folder, first run (empty cache) against second run (unchanged files).

Every tool prints all its findings in its default format (newslint: the text report with
excerpts, not ``-q``), to /dev/null: a report of 34,000 findings is part of the work a user
waits for. Each round runs every tool once, in a rotating order, so background load hits all tools alike;
figures are medians over the rounds, and ratios are peer time / newslint time. Peak memory is
the maximum resident set size from one extra run under ``/usr/bin/time -f %M`` (the process
itself, not its workers; for a tool run only once because it is slow, from ``os.wait4``).
A peer too slow to lint the big file within ``--budget`` seconds is timed on a 0.2 MB sample
instead, and the table says so. Writes bench/results/speed.json and speed.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
REPO = BENCH.parent
sys.path[:0] = [str(HERE), str(BENCH)]

from inputs import build  # noqa: E402
from peers import VENV, compile_checkout, newslint_env, peer_commands  # noqa: E402

RESULTS = BENCH / "results"


def timed(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 900) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one run, output discarded."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return float("inf"), usage.ru_maxrss / 1024, -9
        time.sleep(0.0005)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def peak_rss_mb(cmd: list[str], cwd: Path, env: dict) -> float | None:
    """Peak RSS of one more run under /usr/bin/time (``%M``), or None without it.

    Why not the rusage of the timing runs: a child forked from this (large) Python process
    starts with this process's resident size as its high-water mark, so small tools would all
    show the benchmark's own size; /usr/bin/time is a small parent.
    """
    if not Path("/usr/bin/time").exists():
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd], cwd=cwd, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
        try:
            return round(int(out.read().split()[-1]) / 1024, 1)
        except (ValueError, IndexError):
            return None


def newslint_python() -> str:
    """The bench venv's Python (a clean site-packages, like a pre-commit env), else this one."""
    py = VENV / "bin" / "python"
    return str(py) if py.exists() else sys.executable


def tool_commands(target: str, kind: str) -> dict[str, list[str]]:
    """Commands per tool for a file (``kind`` file) or a folder (``kind`` dir) at ``target``."""
    py = newslint_python()
    nl = [py, "-m", "newslint", "check", "--exit-zero"]
    cmds: dict[str, list[str]] = {"newslint": [*nl, "--no-cache", target]}
    peers = peer_commands()
    for tool, base in peers.items():
        if base is None:
            continue
        if tool == "cspell":
            cmds[tool] = [*base, target if kind == "file" else f"{target}/**/*.txt"]
        elif tool == "harper" and kind == "dir":
            cmds[tool] = [*base, *sorted(str(p) for p in Path(target).glob("*.txt"))]
        elif tool == "typos":
            cmds[tool] = [base[0], target]
        elif tool == "harper":
            cmds[tool] = [base[0], "lint", "--no-color", target]
        elif tool == "proselint":
            cmds[tool] = [base[0], "check", target]
        else:
            cmds[tool] = [*base, target]
    return cmds


# A tool whose first run takes longer than this is not run again (its one time is reported).
SLOW_SECONDS = 30.0


def rounds(cmds: dict[str, list[str]], repeat: int, cwd: Path, env: dict, before: dict | None = None) -> dict:
    """Run every command ``repeat`` times, rotating the order; medians of time and memory."""
    names = list(cmds)
    slow: set[str] = set()
    times: dict[str, list[float]] = {n: [] for n in names}
    mem: dict[str, list[float]] = {n: [] for n in names}
    codes: dict[str, int] = {}
    for r in range(repeat):
        order = names[r % len(names):] + names[:r % len(names)]
        for n in order:
            if n in slow:
                continue
            if before and n in before:
                before[n]()
            t, m, code = timed(cmds[n], cwd, env)
            if t > SLOW_SECONDS:
                slow.add(n)
            times[n].append(t)
            mem[n].append(m)
            codes[n] = code
    peak = {n: peak_rss_mb(cmds[n], cwd, env) if n not in slow else None for n in names}
    return {
        n: {
            "median_s": round(statistics.median(times[n]), 4),
            "min_s": round(min(times[n]), 4),
            "runs": len(times[n]),
            "peak_rss_mb": peak[n] if peak[n] is not None else round(statistics.median(mem[n]), 1),
            "exit_code": codes[n],
            "command": " ".join(cmds[n]),
        }
        for n in names
    }


def add_ratios(result: dict, mb: float | None = None) -> None:
    base = result["newslint"]["median_s"]
    for n, r in result.items():
        r["ratio_vs_newslint"] = round(r["median_s"] / base, 2) if base else None
        if mb:
            mbs = r.get("megabytes", mb)
            r["mb_per_s"] = round(mbs / r["median_s"], 3) if r["median_s"] else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    p.add_argument("--repeat", type=int, default=15, help="rounds for the one-article run (others: a third, at least 3)")
    p.add_argument("--big-mb", type=float, default=10)
    p.add_argument("--small", type=int, default=1000)
    p.add_argument("--budget", type=float, default=120, help="seconds a peer may take on the big file")
    p.add_argument("--only", help="comma-separated scenarios: cold,big,small,cache")
    p.add_argument("--out", type=Path, default=RESULTS)
    args = p.parse_args(argv)
    scenarios = set((args.only or "cold,big,small,cache").split(","))
    work = Path(tempfile.mkdtemp(prefix="newslint-speed-"))
    paths = build(work, args.corpus, big_mb=args.big_mb, small_count=args.small)
    env = newslint_env()
    env["NO_COLOR"] = "1"
    compile_checkout(newslint_python())
    few = max(3, args.repeat // 3)
    out: dict = {"inputs": str(paths["origin"]), "python": newslint_python(), "cpus": os.cpu_count(),
                 "load_average_at_start": os.getloadavg()}

    if "cold" in scenarios:
        cmds = tool_commands(str(paths["one"]), "file")
        nl = cmds["newslint"]
        cached = [c for c in nl if c != "--no-cache"]
        cmds = {"newslint": nl, "newslint (cache: first run)": cached, "newslint (cache miss)": cached,
                "newslint (cache warm)": cached,
                "python -c pass": [newslint_python(), "-c", "pass"], **{k: v for k, v in cmds.items() if k != "newslint"}}
        timed(cmds["newslint (cache warm)"], paths["one"].parent, env)  # fill the cache once
        cache_dir = paths["one"].parent / ".newslint_cache"

        def forget_entries() -> None:
            # The file changed since the last run: its entry is gone, the cache folder is there.
            for entry in cache_dir.glob("*/*/*"):  # <version>/<settings key>/<entry>
                if entry.is_file():
                    entry.unlink()

        # First run: no cache folder yet, so it lints and creates the folder, its .gitignore
        # and CACHEDIR.TAG; miss: the usual pre-commit case, one changed file's entry written.
        res = rounds(cmds, args.repeat, paths["one"].parent, env,
                     before={"newslint (cache: first run)": lambda: shutil.rmtree(cache_dir, ignore_errors=True),
                             "newslint (cache miss)": forget_entries})
        add_ratios(res)
        out["cold"] = {"file_bytes": paths["one"].stat().st_size, "tools": res}
        print_table("cold start, one article", res)

    if "big" in scenarios:
        big = paths["big"]
        mb = big.stat().st_size / 1e6
        sample = big.parent / "sample.txt"
        data = big.read_bytes()[: 200_000]
        sample.write_bytes(data[: data.rfind(b"\n") + 1])
        cmds = tool_commands(str(big), "file")
        sample_cmds = tool_commands(str(sample), "file")
        on_sample = {}
        for n in list(cmds):
            if n == "newslint":
                continue
            t, _, _ = timed(sample_cmds[n], big.parent, env, timeout=args.budget)
            if t * (mb / (sample.stat().st_size / 1e6)) > args.budget:
                cmds[n] = sample_cmds[n]
                on_sample[n] = sample.stat().st_size / 1e6
        res = rounds(cmds, few, big.parent, env)
        for n, smb in on_sample.items():
            res[n]["megabytes"] = smb
            res[n]["note"] = f"timed on a {smb:.2f} MB sample (the {mb:.1f} MB file would exceed --budget {args.budget:.0f} s)"
        add_ratios(res, mb)
        for r in res.values():  # throughput ratio: newslint MB/s over the peer's
            r["newslint_throughput_x"] = round(res["newslint"]["mb_per_s"] / r["mb_per_s"], 1) if r.get("mb_per_s") else None
        out["big"] = {"megabytes": round(mb, 2), "tools": res}
        print_table(f"throughput, one {mb:.1f} MB file", res)

    if "small" in scenarios or "cache" in scenarios:
        folder = paths["small"]
        mb = sum(f.stat().st_size for f in folder.glob("*.txt")) / 1e6
        py = newslint_python()
        nl = [py, "-m", "newslint", "check", "--exit-zero"]
        if "small" in scenarios:
            cmds = tool_commands(str(folder), "dir")
            cmds = {"newslint": cmds["newslint"], "newslint --jobs 1": [*nl, "--no-cache", "--jobs", "1", str(folder)],
                    "newslint --jobs 2": [*nl, "--no-cache", "--jobs", "2", str(folder)],
                    **{k: v for k, v in cmds.items() if k != "newslint"}}
            res = rounds(cmds, few, folder.parent, env)
            add_ratios(res, mb)
            out["small"] = {"files": args.small, "megabytes": round(mb, 2), "tools": res}
            print_table(f"{args.small} small articles ({mb:.1f} MB)", res)
        if "cache" in scenarios:
            cache_dir = folder.parent / ".newslint_cache"

            def clear() -> None:
                shutil.rmtree(cache_dir, ignore_errors=True)

            cmds = {"first run (empty cache)": [*nl, str(folder)], "second run (unchanged files)": [*nl, str(folder)]}
            first, second = [], []
            for _ in range(few):
                clear()
                first.append(timed(cmds["first run (empty cache)"], folder.parent, env)[0])
                second.append(timed(cmds["second run (unchanged files)"], folder.parent, env)[0])
            f, s = statistics.median(first), statistics.median(second)
            out["cache"] = {"files": args.small, "first_median_s": round(f, 4), "second_median_s": round(s, 4),
                            "speedup": round(f / s, 1), "runs": few, "command": " ".join(cmds["first run (empty cache)"])}
            print(f"\ncache, {args.small} articles: first {f:.3f} s, second {s:.3f} s, {f / s:.1f}x faster")

    out["load_average_at_end"] = os.getloadavg()
    out["command"] = "python bench/speed/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    shutil.rmtree(work, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speed.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    (args.out / "speed.md").write_text(markdown(out), encoding="utf-8")
    return 0


def print_table(title: str, res: dict) -> None:
    print(f"\n{title}")
    for n, r in res.items():
        extra = f"  {r['mb_per_s']:.2f} MB/s" if r.get("mb_per_s") else ""
        print(f"  {n:32} {r['median_s'] * 1000:9.1f} ms  x{r['ratio_vs_newslint']:<7} {r['peak_rss_mb']:7.1f} MB{extra}"
              + (f"  ({r['note']})" if r.get("note") else ""))


def markdown(out: dict) -> str:
    from tabulate import tabulate

    parts = [f"<!-- written by: {out['command']} -->", "",
             f"Inputs from {out['inputs']}; Python {out['python']}; {out['cpus']} CPUs; "
             f"load average {out['load_average_at_start'][0]:.1f} at start, {out['load_average_at_end'][0]:.1f} at end.", ""]
    for key, title, cols in (("cold", "Cold start, one article (whole process)", False),
                             ("big", "Throughput, one large file", True), ("small", "Many small articles", True)):
        if key not in out:
            continue
        rows = []
        for n, r in out[key]["tools"].items():
            row = [n, f"{r['median_s'] * 1000:.0f}", r["ratio_vs_newslint"], r["peak_rss_mb"]]
            if cols:
                row.append(r.get("mb_per_s"))
            if key == "big":
                row.append(r.get("note", ""))
            rows.append(row)
        headers = ["tool", "median ms", "time / newslint's", "peak RSS MB"] + (["MB/s"] if cols else []) + (["note"] if key == "big" else [])
        parts += [f"### {title}", "", tabulate(rows, headers=headers, tablefmt="github"), ""]
    if "cache" in out:
        c = out["cache"]
        parts += ["### Results cache", "",
                  f"{c['files']} articles: first run {c['first_median_s'] * 1000:.0f} ms, second run (unchanged) "
                  f"{c['second_median_s'] * 1000:.0f} ms: {c['speedup']}x faster (median of {c['runs']}).", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    sys.exit(main())
