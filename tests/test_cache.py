"""The results cache: hits on unchanged files, misses whenever anything that matters changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEEDS, run_cli
from newslint import cache as cache_module
from newslint.cache import ResultsCache, diagnostic_from_line, diagnostic_line
from newslint.config import load_config
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.runner import RunOptions, lint_paths, load_run_config

DIRTY = "The mayor said,the plan  works .\nthe the council agreed.\n"


def _run(folder: Path, **kw) -> list:
    """lint_paths on ``folder`` as the check command would, with cwd = folder."""
    old = os.getcwd()
    os.chdir(folder)
    try:
        opts = RunOptions(paths=["."], **kw)
        return lint_paths(opts, load_run_config(opts))
    finally:
        os.chdir(old)


def _signature(results) -> list:
    return [(Path(r.path).name, [(d.code, d.start, d.end, d.message, d.fix) for d in r.diagnostics]) for r in results]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("A clean sentence about Druzhba.\n", encoding="utf-8")
    shutil.copy(next(SEEDS.glob("001_*.txt")), tmp_path / "c.txt")
    return tmp_path


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / ".newslint_cache").rglob("*.entry"))


def test_second_run_hits_and_returns_identical_diagnostics(articles: Path) -> None:
    first = _run(articles)
    assert not any(r.cached for r in first)
    assert any(r.diagnostics for r in first)
    second = _run(articles)
    assert all(r.cached for r in second)
    assert _signature(second) == _signature(first)


def test_cache_folder_ignores_itself_in_git(articles: Path) -> None:
    _run(articles)
    gitignore = articles / ".newslint_cache" / ".gitignore"
    assert "*" in gitignore.read_text().splitlines()
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    subprocess.run(["git", "init", "-q", str(articles)], check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=articles,
                            capture_output=True, text=True, check=True).stdout
    assert ".newslint_cache" not in status
    assert "a.txt" in status


def test_content_change_is_a_miss(articles: Path) -> None:
    _run(articles)
    (articles / "a.txt").write_text(DIRTY.replace("said,the", "said, the"), encoding="utf-8")
    again = {Path(r.path).name: r for r in _run(articles)}
    assert not again["a.txt"].cached
    assert "NL301" not in [d.code for d in again["a.txt"].diagnostics]
    assert again["b.txt"].cached


def test_same_size_and_mtime_but_new_content_is_a_miss(articles: Path) -> None:
    target = articles / "a.txt"
    _run(articles)
    st = target.stat()
    target.write_text(DIRTY.replace("said,the", "said;the"), encoding="utf-8")  # same length
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    again = {Path(r.path).name: r for r in _run(articles)}
    assert not again["a.txt"].cached
    assert "NL301" not in [d.code for d in again["a.txt"].diagnostics]


def test_config_change_is_a_miss(articles: Path) -> None:
    _run(articles)
    (articles / "newslint.toml").write_text('ignore = ["NL301"]\n', encoding="utf-8")
    again = _run(articles)
    assert not any(r.cached for r in again)
    assert "NL301" not in [d.code for r in again for d in r.diagnostics]
    assert all(r.cached for r in _run(articles))


def test_cli_selection_change_is_a_miss(articles: Path) -> None:
    _run(articles)
    assert not any(r.cached for r in _run(articles, select=["NL3"]))


def test_dictionary_change_is_a_miss(articles: Path) -> None:
    (articles / "words.txt").write_text("Druzhba\n", encoding="utf-8")
    (articles / "newslint.toml").write_text('dictionaries = ["words.txt"]\n', encoding="utf-8")
    _run(articles)
    assert all(r.cached for r in _run(articles))
    (articles / "words.txt").write_text("Druzhba\nFico\n", encoding="utf-8")
    assert not any(r.cached for r in _run(articles))


def test_lexicon_change_is_a_miss(articles: Path) -> None:
    _run(articles)
    (articles / "newslint-lexicon.txt").write_text("Pezeshkian\n", encoding="utf-8")  # the default lexicon path
    assert not any(r.cached for r in _run(articles))


def test_corrupt_entries_are_ignored_and_replaced(articles: Path) -> None:
    first = _run(articles)
    entries = _entries(articles)
    assert len(entries) == 3
    entries[0].write_bytes(b"\x00not an entry")
    entries[1].write_text("newslint-cache-entry 2\nx\n", encoding="utf-8")
    entries[2].write_text("[]", encoding="utf-8")
    again = _run(articles)
    assert not any(r.cached for r in again)
    assert _signature(again) == _signature(first)
    assert all(r.cached for r in _run(articles))


def test_no_cache_neither_reads_nor_writes(articles: Path) -> None:
    _run(articles, no_cache=True)
    assert not (articles / ".newslint_cache").exists()
    _run(articles)
    assert not any(r.cached for r in _run(articles, no_cache=True))


def test_cache_can_be_disabled_in_config(articles: Path) -> None:
    (articles / "newslint.toml").write_text("[cache]\nenabled = false\n", encoding="utf-8")
    _run(articles)
    _run(articles)
    assert not (articles / ".newslint_cache").exists()


def test_cli_no_cache_flag_and_identical_output(articles: Path) -> None:
    cold = run_cli("check", "--format", "json", ".", cwd=articles)
    warm = run_cli("check", "--format", "json", ".", cwd=articles)
    bypass = run_cli("check", "--format", "json", "--no-cache", ".", cwd=articles)
    assert cold.returncode == warm.returncode == bypass.returncode == 1
    assert cold.stdout == warm.stdout == bypass.stdout
    assert (articles / ".newslint_cache" / ".gitignore").is_file()


def test_unwritable_cache_folder_still_lints(articles: Path) -> None:
    (articles / ".newslint_cache").write_text("a file where the folder should be", encoding="utf-8")
    results = _run(articles)
    assert any(r.diagnostics for r in results)
    assert not any(r.cached for r in _run(articles))


_WRITER = """
import os, sys
sys.path.insert(0, {repo!r})
os.chdir({folder!r})
from pathlib import Path
from newslint.config import load_config
from newslint.runner import RunOptions, lint_paths, load_run_config
for _ in range(3):
    results = lint_paths(RunOptions(paths=["."]), load_config(start=Path(".")))
    assert len(results) == {count}, len(results)
print(sum(len(r.diagnostics) for r in results))
"""


def test_concurrent_writers_from_two_processes(tmp_path: Path) -> None:
    for i in range(60):
        (tmp_path / f"art{i:03}.txt").write_text(DIRTY * (1 + i % 3), encoding="utf-8")
    script = _WRITER.format(repo=str(REPO), folder=str(tmp_path), count=60)
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    assert outs[0][0] == outs[1][0]
    entries = _entries(tmp_path)
    assert len(entries) == 60
    for e in entries:
        text = e.read_text(encoding="utf-8")
        assert text.startswith("newslint-cache-entry 2\n") and text.endswith("\n")
    assert not list((tmp_path / ".newslint_cache").rglob(".tmp-*"))
    assert all(r.cached for r in _run(tmp_path))


def test_diagnostic_round_trip() -> None:
    d = Diagnostic("NL301", "missing-space-after-comma", "Missing space after comma", 3, 4, Severity.ERROR,
                   Fix((Edit(4, 4, " "), Edit(7, 9, "")), Applicability.UNSAFE, "Insert a space"), ("x ", "y"))
    assert diagnostic_from_line(diagnostic_line(d), 9) == d
    plain = Diagnostic("NL401", "repeated-word", "Repeated word", 0, 3)
    assert diagnostic_from_line(diagnostic_line(plain), 3) == plain
    # Every character a message, title, replacement or suggestion may hold comes back as it was.
    nasty = "tab\there, line\nbreak\r\n back\\slash \\t \\ \u2028 \x00 \ud800 “quoted” \U0001F600 -"
    odd = Diagnostic(nasty, nasty, nasty, 0, 0, Severity.INFO,
                     Fix((Edit(0, 0, nasty), Edit(0, 0, "")), Applicability.SAFE, nasty), (nasty, "", "\\", "-"))
    line = diagnostic_line(odd)
    assert "\n" not in line and "\r" not in line
    assert diagnostic_from_line(line, 0) == odd


def test_entries_are_keyed_by_settings(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    from newslint.registry import select_rules

    a = ResultsCache.for_run(config, select_rules(config))
    b = ResultsCache.for_run(config, select_rules(config)[:1])
    assert a.folder != b.folder
    assert a.folder == ResultsCache.for_run(config, select_rules(config)).folder


def test_code_fingerprint_sees_data_files(tmp_path: Path) -> None:
    from newslint.cache import _tree_stats

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "words.txt.gz").write_bytes(b"one")
    before = _tree_stats(tmp_path)
    (tmp_path / "data" / "words.txt.gz").write_bytes(b"three")
    assert _tree_stats(tmp_path) != before
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"x")
    assert len(_tree_stats(tmp_path)) == 1


def test_tree_stats_equals_the_os_walk_reading(tmp_path: Path) -> None:
    """The scandir walk behind the code fingerprint lists what os.walk + os.stat list."""
    import os

    from newslint.cache import _tree_stats

    def reference(root: str) -> list[str]:
        parts = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith((".pyc", ".pyo")):
                    continue
                p = os.path.join(dirpath, name)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                parts.append(f"{os.path.relpath(p, root)}:{st.st_size}:{st.st_mtime_ns}")
        return parts

    (tmp_path / "b" / "__pycache__").mkdir(parents=True)
    (tmp_path / "b" / "__pycache__" / "x.pyc").write_bytes(b"x")
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.py").write_text("a")
    (tmp_path / "a.pyc").write_text("a")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "d.txt").write_text("dd")
    (tmp_path / "link").symlink_to(tmp_path / "c")  # a linked folder is not followed
    (tmp_path / "file-link").symlink_to(tmp_path / "a.py")
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    package = str(Path(__file__).resolve().parent.parent / "newslint")
    for root in (str(tmp_path), package):
        assert _tree_stats(root) == reference(root)


def _entry_file(folder: Path) -> tuple[ResultsCache, "object", Path]:
    """A cache with one real entry for a.txt, the file's SourceFile and the entry's path."""
    from newslint.files import read_source

    from newslint.registry import select_rules

    _run(folder)
    source = read_source(str(folder / "a.txt"), 1 << 20)
    old = os.getcwd()
    os.chdir(folder)  # as _run: the configuration's root (no config file) is the working folder
    try:
        config = load_config(start=folder)
        cache = ResultsCache.for_run(config, select_rules(config))
    finally:
        os.chdir(old)
    entry = Path(cache.folder) / cache._entry_name(source.path)
    assert entry.is_file()
    return cache, source, entry


def test_hostile_entries_are_misses_never_errors(articles: Path) -> None:
    """A cache folder may come from anywhere (a cloned repository): whatever an entry holds, it
    is data, and anything malformed (offsets outside the file included) is a miss."""
    cache, source, entry = _entry_file(articles)
    good = entry.read_text(encoding="utf-8")
    assert cache.get(source) is not None
    head, stamp, first, *rest = good.split("\n")
    fields = first.split("\t")

    def with_first(**changes: str) -> str:
        f = list(fields)
        for index, value in changes.items():
            f[int(index[1:])] = value
        return "\n".join([head, stamp, "\t".join(f), *rest])

    n = len(source.text)
    hostile = [
        with_first(i3=str(n + 1)),  # start past the end of the file
        with_first(i4="-1"),
        with_first(i3="5", i4="4"),  # end before start
        with_first(i5="fatal"),  # no such severity
        with_first(i0="NL\\q"),  # an escape the writer never writes
        with_first(i3="1e9"),
        with_first(i6="7"),  # no such applicability
        "\n".join([head, stamp, first + "\textra", *rest]),  # a field too many
        "\n".join([head, stamp, "\t".join(fields[:4]), *rest]),  # fields missing
        "\n".join([head, "\t".join(stamp.split("\t")[:3] + ["99"]), first, *rest]),  # wrong count
        "\n".join([head, "x" + stamp, first, *rest]),  # size not a number
        "\n".join([head, stamp, first, *rest]).rstrip("\n"),  # truncated: no final line break
        "\n".join([head, stamp, *rest]),  # one diagnostic fewer than the count
        good.replace("newslint-cache-entry 2", "newslint-cache-entry 3"),
        "",
    ]
    for text in hostile:
        entry.write_text(text, encoding="utf-8")
        assert cache.get(source) is None, (hostile.index(text), text[:200])
    entry.write_bytes(b"\xff\xfe\x00garbage")
    assert cache.get(source) is None
    entry.write_text(good, encoding="utf-8")
    assert cache.get(source) is not None


def _fake_site(tmp_path: Path) -> Path:
    site = tmp_path / "site-packages"
    (site / "pkg" / "data").mkdir(parents=True)
    (site / "pkg" / "__init__.py").write_text("x = 1\n")
    (site / "pkg" / "data" / "words.lst").write_text("one\n")
    return site


def test_fingerprint_of_a_source_checkout_sees_every_file(tmp_path: Path) -> None:
    site = _fake_site(tmp_path)
    before = cache_module._package_stamp(str(site / "pkg"), "pkg", "1.0")
    assert len(before) == 2  # no dist-info beside it: every file's size and mtime
    (site / "pkg" / "data" / "words.lst").write_text("two\n")  # same size, edited in place
    os.utime(site / "pkg" / "data" / "words.lst", ns=(1, 1))
    assert cache_module._package_stamp(str(site / "pkg"), "pkg", "1.0") != before


def test_fingerprint_of_a_wheel_install_is_its_record(tmp_path: Path) -> None:
    site = _fake_site(tmp_path)
    record = site / "pkg-1.0.dist-info" / "RECORD"
    record.parent.mkdir()
    record.write_text("pkg/__init__.py,,\n")
    for version in ("1.0", None):  # version known (newslint) or looked up (pyspellchecker)
        stamp = cache_module._package_stamp(str(site / "pkg"), "pkg", version)
        assert len(stamp) == 1 and stamp[0].startswith("pkg-1.0.dist-info:")
    first = cache_module._package_stamp(str(site / "pkg"), "pkg", "1.0")
    record.write_text("pkg/__init__.py,,\npkg/data/words.lst,,\n")  # reinstalled
    assert cache_module._package_stamp(str(site / "pkg"), "pkg", "1.0") != first
    # Another version's dist-info does not stand for this one.
    assert len(cache_module._package_stamp(str(site / "pkg"), "pkg", "2.0")) == 2


def test_installed_newslint_keys_by_its_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint takes the wheel's RECORD when newslint's folder has one beside it."""
    package = Path(cache_module.__file__).resolve().parent
    calls = []
    real = cache_module._installed_record

    def spy(folder: str, dist: str, version: str | None = None) -> str | None:
        calls.append((Path(folder).resolve(), dist, version))
        return real(folder, dist, version)

    monkeypatch.setattr(cache_module, "_installed_record", spy)
    cache_module._code_fingerprint()
    assert calls[0] == (package, "newslint", cache_module.__version__)


_KEY = """
import sys
sys.path.insert(0, {repo!r})
from pathlib import Path
from newslint.cache import settings_key
from newslint.config import load_config
from newslint.registry import select_rules
config = load_config(start=Path({folder!r}))
print(settings_key(config, select_rules(config)))
"""


def test_settings_key_is_the_same_in_every_process(articles: Path) -> None:
    (articles / "newslint.toml").write_text('ignore = ["NL301"]\n[rules.NL101]\n', encoding="utf-8")
    script = _KEY.format(repo=str(REPO), folder=str(articles))
    keys = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    assert len(keys) == 1 and len(keys.pop().strip()) == 64


def test_cached_documents_find_masks_only_when_read_and_equal_fresh_ones(tmp_path: Path) -> None:
    from newslint.document import Document

    texts = {
        "a.txt": "Mail a@b.org or see https://example.com/x,now.The end.\n",
        "b.md": "# Title\n\nSee `code here` and [a link](https://example.com).\n\n```\nnot prose\n```\n",
        "c.html": "<p>The the <b>council</b> met.</p><script>var x = 1;</script>\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    first = _run(tmp_path)
    second = _run(tmp_path)
    assert all(r.cached for r in second) and _signature(second) == _signature(first)
    for r in second:
        assert "masks" not in vars(r.doc)  # a cached result's document skips the mask scan...
        fresh = Document.from_text(r.source.text, r.path)
        assert r.doc.masks == fresh.masks and r.doc.masks  # ...and finds the same masks when asked
        assert (r.doc.text, r.doc.format, r.doc.prose) == (fresh.text, fresh.format, fresh.prose)


def test_corpus_rules_read_cached_documents_as_fresh_ones(tmp_path: Path) -> None:
    for seed in sorted(SEEDS.glob("00*.txt")):
        shutil.copy(seed, tmp_path / seed.name)
    fresh = run_cli("check", "--corpus", "--no-grammar", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    run_cli("check", "--corpus", "--no-grammar", "--format", "json", ".", cwd=tmp_path)  # fills the cache
    warm = run_cli("check", "--corpus", "--no-grammar", "--format", "json", ".", cwd=tmp_path)
    assert _entries(tmp_path)
    assert '"NL5' in fresh.stdout  # the seeds disagree on a fact: corpus findings exist
    assert warm.stdout == fresh.stdout and warm.returncode == fresh.returncode
