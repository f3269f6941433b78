"""--fix never loses data: atomic writes, byte-exact round trips, refusals, and failing disks."""

from __future__ import annotations

import codecs
import ctypes
import errno
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from newslint.runner import RunOptions, run_check

BROKEN = "the parade was large.The crowd cheered,and sang"
FIXED = "The parade was large. The crowd cheered, and sang"


def _check(*paths: str | Path, **kw: object) -> tuple[int, str, str]:
    """Run ``check`` in-process (so a test can patch the file system underneath it)."""
    out, err = io.StringIO(), io.StringIO()
    opts = RunOptions(paths=[str(p) for p in paths], color="never", **kw)  # type: ignore[arg-type]
    code = run_check(opts, out, err)
    return code, out.getvalue(), err.getvalue()


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".newslint-tmp")]


# --- byte-exact round trips -------------------------------------------------------------------

ROUND_TRIPS = {
    "lf": ("utf-8", b"", "\n", True),
    "crlf": ("utf-8", b"", "\r\n", True),
    "no-final-newline": ("utf-8", b"", "\n", False),
    "crlf-no-final-newline": ("utf-8", b"", "\r\n", False),
    "utf8-bom": ("utf-8", codecs.BOM_UTF8, "\r\n", True),
    "utf16-le": ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n", True),
    "utf16-be": ("utf-16-be", codecs.BOM_UTF16_BE, "\n", False),
}


@pytest.mark.parametrize("case", sorted(ROUND_TRIPS))
def test_fix_round_trips_encoding_bom_newlines_and_final_newline(tmp_path: Path, case: str) -> None:
    codec, bom, nl, final = ROUND_TRIPS[case]
    lines_before = [BROKEN + ".", "Prices rose 5 € in Zürich — a lot 🙂.", "It was the the end."]
    lines_after = [FIXED + ".", "Prices rose 5 € in Zürich — a lot 🙂.", "It was the end."]

    def encode(lines: list[str]) -> bytes:
        return bom + (nl.join(lines) + (nl if final else "")).encode(codec)

    article = tmp_path / "a.txt"
    article.write_bytes(encode(lines_before))
    proc = run_cli("check", "--fix", str(article))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert article.read_bytes() == encode(lines_after)


def test_fix_keeps_mixed_line_endings(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(b"One  two.\r\nThree , four.\nFive,six.\rSeven  eight.\r\nNine ten.  ")
    proc = run_cli("check", "--fix", str(article))
    assert proc.returncode == 0, proc.stdout
    assert article.read_bytes() == b"One two.\r\nThree, four.\nFive, six.\rSeven eight.\r\nNine ten."


def test_fix_keeps_permissions(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BROKEN + "\n", encoding="utf-8")
    article.chmod(0o640)
    code, out, err = _check(article, fix=True)
    assert code == 0, out + err
    assert article.read_text(encoding="utf-8") == FIXED + "\n"
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_read_only_file_is_not_written(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BROKEN + "\n", encoding="utf-8")
    article.chmod(0o444)
    code, out, err = _check(article, fix=True)
    assert code == 2
    assert err.strip() == f"newslint: error: {article}: is read-only; not written"
    assert article.read_text(encoding="utf-8") == BROKEN + "\n"


def test_undecodable_file_is_never_written(tmp_path: Path) -> None:
    article = tmp_path / "latin1.txt"
    raw = "the café was the the best.\n".encode("latin-1")
    article.write_bytes(raw)
    proc = run_cli("check", "--fix", str(article))
    assert proc.returncode == 2
    assert "not valid UTF-8" in proc.stderr and "Traceback" not in proc.stderr
    assert article.read_bytes() == raw


# --- failing writes ---------------------------------------------------------------------------

def _drop_dac_override() -> None:  # pragma: no cover - runs in the child
    """Root ignores folder permissions; drop that capability so a read-only folder is read-only."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_read_only_folder_leaves_the_original_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text(BROKEN + "\n", encoding="utf-8")
    folder.chmod(0o555)
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    preexec = _drop_dac_override if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    try:
        proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--fix", str(article)],
                              capture_output=True, text=True, env=env, preexec_fn=preexec)
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.splitlines()[0] == (
        f"newslint: error: {article}: cannot create a temporary file in {folder}: permission denied; "
        "the file was not changed"
    )
    assert "Traceback" not in proc.stderr
    assert article.read_text(encoding="utf-8") == BROKEN + "\n"
    assert _leftovers(folder) == []


def test_failing_os_replace_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BROKEN + "\n", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(os, "replace", refuse)
    code, out, err = _check(article, fix=True)
    assert code == 2
    assert err.splitlines()[0] == f"newslint: error: {article}: cannot replace the file: Device or resource busy; the file was not changed"
    assert article.read_text(encoding="utf-8") == BROKEN + "\n"
    assert _leftovers(tmp_path) == []


def test_full_disk_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BROKEN + "\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, out, err = _check(article, fix=True)
    assert code == 2
    assert err.splitlines()[0] == f"newslint: error: {article}: cannot write the fixed text: no space left on device; the file was not changed"
    assert article.read_text(encoding="utf-8") == BROKEN + "\n"
    assert _leftovers(tmp_path) == []


def test_file_changed_between_read_and_write_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.fixes as fixes

    article = tmp_path / "a.txt"
    article.write_text(BROKEN + "\n", encoding="utf-8")
    real_fix_text = fixes.fix_text

    def fix_while_someone_edits(*args: object, **kw: object) -> fixes.FixOutcome:
        outcome = real_fix_text(*args, **kw)  # type: ignore[arg-type]
        with open(article, "a", encoding="utf-8") as fh:  # the reporter saves a new paragraph meanwhile
            fh.write("A new paragraph.\n")
        return outcome

    monkeypatch.setattr(fixes, "fix_text", fix_while_someone_edits)
    code, out, err = _check(article, fix=True)
    assert code == 2
    assert err.splitlines()[0] == f"newslint: error: {article}: changed on disk since it was read; not written (run newslint again)"
    assert article.read_text(encoding="utf-8") == BROKEN + "\nA new paragraph.\n"
    assert _leftovers(tmp_path) == []


def test_same_size_edit_with_restored_mtime_is_still_caught_by_the_hash(tmp_path: Path) -> None:
    from newslint.files import read_source
    from newslint.writer import WriteError, write_fixed

    article = tmp_path / "a.txt"
    article.write_text("the cat sat.\n", encoding="utf-8")
    source = read_source(str(article), 1 << 20)
    st = article.stat()
    article.write_text("the dog sat.\n", encoding="utf-8")
    os.utime(article, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(WriteError, match="changed on disk"):
        write_fixed(source, "The cat sat.\n", str(tmp_path))
    assert article.read_text(encoding="utf-8") == "the dog sat.\n"


# --- symlinks ---------------------------------------------------------------------------------

def test_symlink_out_of_the_tree_is_not_written(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    tree = tmp_path / "tree"
    outside.mkdir()
    tree.mkdir()
    target = outside / "secret.txt"
    target.write_text(BROKEN + "\n", encoding="utf-8")
    (tree / "link.txt").symlink_to(target)
    (tree / "own.txt").write_text(BROKEN + "\n", encoding="utf-8")
    for args in ([str(tree)], [str(tree / "link.txt")]):
        proc = run_cli("check", "--fix", *args)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert f"link.txt: is a symlink to {target}, outside the checked tree" in proc.stderr
        assert target.read_text(encoding="utf-8") == BROKEN + "\n"
        assert (tree / "link.txt").is_symlink()
    assert (tree / "own.txt").read_text(encoding="utf-8") == FIXED + "\n"


def test_symlink_inside_the_tree_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.txt"
    target.write_text(BROKEN + "\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    proc = run_cli("check", "--fix", str(link), str(tmp_path / "real"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED + "\n"


# Long lines: one paragraph per line, as news is written.
TAIL = "times, and the band played on until late in the evening while people danced in the old square."


def _lines(first: str, n: int) -> str:
    """Twenty different long lines (identical ones would be duplicated paragraphs, NL402)."""
    return "".join(f"{first} {n} {word} {TAIL}\n" for word in WORDS20)


WORDS20 = "red blue green black white grey pink gold brown navy teal lime plum rose sand jade ruby opal onyx iron".split()


def test_two_processes_fixing_the_same_files_never_mix_or_truncate(tmp_path: Path) -> None:
    for n in range(40):
        (tmp_path / f"a{n:02}.txt").write_text(_lines(BROKEN, n), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    cmd = [sys.executable, "-m", "newslint", "check", "--fix-only", str(tmp_path)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode in (0, 2), out + err
        assert "Traceback" not in err
        for line in err.splitlines():  # the only acceptable complaint: the other process got there first
            assert "changed on disk since it was read" in line or "was removed" in line, line
    for n in range(40):
        assert (tmp_path / f"a{n:02}.txt").read_text(encoding="utf-8") == _lines(FIXED, n)
    assert _leftovers(tmp_path) == []
