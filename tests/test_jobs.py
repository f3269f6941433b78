"""--jobs: linting in worker processes gives exactly the serial output, in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS, make_config, run_cli
from newslint.engine import Linter
from newslint.files import read_source
from newslint.parallel import AUTO_MIN_BYTES, AUTO_MIN_FILES, auto_jobs, lint_sources


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(40):
        src = seeds[i % len(seeds)]
        text = src.read_text(encoding="utf-8")
        if i % 4 == 0:
            text = text.replace(". ", ".", 2).replace(", ", ",", 1)  # plant spacing errors
        (tmp_path / f"{i:03}_{src.name}").write_text(text, encoding="utf-8")
    return tmp_path


def test_workers_return_the_serial_result_in_order(batch: Path) -> None:
    linter = Linter(make_config())
    sources = [read_source(str(p), 10**9) for p in sorted(batch.glob("*.txt"))]
    serial = lint_sources(linter, sources, jobs=1)
    parallel = lint_sources(linter, sources, jobs=2)
    assert [d.path for d, _ in parallel] == [s.path for s in sources]
    assert [diags for _, diags in parallel] == [diags for _, diags in serial]
    assert [(d.text, d.format, d.masks) for d, _ in parallel] == [(d.text, d.format, d.masks) for d, _ in serial]
    assert any(diags for _, diags in serial)


def test_cli_jobs_output_equals_serial(batch: Path) -> None:
    serial = run_cli("check", "--no-cache", "--format", "json", "--jobs", "1", ".", cwd=batch)
    parallel = run_cli("check", "--no-cache", "--format", "json", "--jobs", "2", ".", cwd=batch)
    text_serial = run_cli("check", "--no-cache", "-j", "1", ".", cwd=batch)
    text_parallel = run_cli("check", "--no-cache", "-j", "3", ".", cwd=batch)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    assert text_parallel.stdout == text_serial.stdout
    assert text_serial.stdout.count("NL30") >= 10


def test_jobs_with_errors_and_cache(batch: Path) -> None:
    (batch / "bad.txt").write_bytes(b"caf\xe9\n")
    first = run_cli("check", "-j", "2", ".", cwd=batch)
    second = run_cli("check", "-j", "2", ".", cwd=batch)
    assert first.returncode == second.returncode == 2
    assert first.stdout == second.stdout
    assert "bad.txt" in first.stderr and "offset 3" in first.stderr


def test_negative_jobs_is_a_usage_error(batch: Path) -> None:
    r = run_cli("check", "--jobs", "-1", ".", cwd=batch)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr


def test_auto_mode_stays_serial_for_small_batches(batch: Path, tmp_path_factory) -> None:
    sources = [read_source(str(p), 10**9) for p in sorted(batch.glob("*.txt"))]
    assert auto_jobs(sources[: AUTO_MIN_FILES - 1]) == 1  # a pre-commit hook's handful of files
    notes = tmp_path_factory.mktemp("notes")
    for i in range(AUTO_MIN_FILES):
        (notes / f"{i:03}.txt").write_text("A short note.\n", encoding="utf-8")
    tiny = [read_source(str(p), 10**9) for p in sorted(notes.glob("*.txt"))]
    assert len(tiny) >= AUTO_MIN_FILES and sum(s.size for s in tiny) < AUTO_MIN_BYTES
    assert auto_jobs(tiny) == 1  # enough files, too few bytes to repay the workers


def test_auto_mode_uses_the_free_cpus_for_big_batches(batch: Path, monkeypatch) -> None:
    import newslint.parallel

    sources = [read_source(str(p), 10**9) for p in sorted(batch.glob("*.txt"))] * 4
    assert len(sources) >= AUTO_MIN_FILES and sum(s.size for s in sources) >= AUTO_MIN_BYTES
    monkeypatch.setattr(newslint.parallel, "available_cpus", lambda: 4)
    monkeypatch.setattr(newslint.parallel, "free_cpus", lambda cpus: cpus)  # an idle machine
    assert auto_jobs(sources) == 4
    monkeypatch.setattr(newslint.parallel, "free_cpus", lambda cpus: 1)  # every other core busy
    assert auto_jobs(sources) == 1
