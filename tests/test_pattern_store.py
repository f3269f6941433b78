"""newslint.pattern_store: stored compiled patterns are exactly what re.compile builds, re takes
them only when asked, and a bad store file is ignored (never a crash, never another pattern)."""

from __future__ import annotations

import importlib
import marshal
import os
import re
from pathlib import Path

import pytest

from newslint import pattern_store
from newslint.registry import RULE_MODULES

from conftest import SEEDS, run_cli


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a new process would (nothing read), and re's cache is restored."""
    monkeypatch.setattr(pattern_store, "_entries", {})
    monkeypatch.setattr(pattern_store, "_used", set())
    monkeypatch.setattr(pattern_store, "_candidates", [])
    monkeypatch.setattr(pattern_store, "_found", [False])
    monkeypatch.setattr(re, "_cache", dict(re._cache))  # type: ignore[attr-defined]


def new_process() -> None:
    """Forget what this "process" read, as the next run starts afresh; an empty re cache."""
    pattern_store._entries.clear()
    pattern_store._used.clear()
    pattern_store._candidates.clear()
    pattern_store._found[0] = False
    re._cache = {}  # type: ignore[attr-defined]


def newslint_patterns() -> dict:
    """The module-level patterns of the rules and the document model, keyed as re keys its
    cache (the flags of a compiled str pattern include UNICODE, which compiles the same)."""
    found = {}
    for name in (*RULE_MODULES, "newslint.document", "newslint.quotes", "newslint.suppression"):
        for value in vars(importlib.import_module(name)).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[(str, value.pattern, value.flags)] = value
    return found


def test_stored_patterns_equal_what_re_compile_builds(tmp_path: Path) -> None:
    cache = newslint_patterns()
    wanted = [(k[1], k[2]) for k in cache if k[0] is str]
    path = str(tmp_path / "store.marshal")
    added = pattern_store.save(path, cache)
    assert added == len(wanted) >= 20  # every module-level pattern of the rules at least
    new_process()
    assert pattern_store.install(path) == added
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("00*.txt")))
    for source, flags in wanted:
        stored = re.compile(source, flags)  # from the store: nothing compiled
        assert (source, flags) in pattern_store._used
        real = re._compiler.compile(source, flags)  # type: ignore[attr-defined]  # what re would build
        assert stored is not real
        # Pattern equality compares the pattern, the flags and the engine code.
        assert stored == real, source
        assert (stored.groups, stored.groupindex, stored.flags) == (real.groups, real.groupindex, real.flags)
        assert [m.span() for m in stored.finditer(text)] == [m.span() for m in real.finditer(text)], source


def test_re_takes_a_stored_pattern_only_when_asked(tmp_path: Path) -> None:
    sources = [r"store-test-(?P<x>a+)[’”]b", r"store-test-never-asked-\d+"]
    cache = {(str, s, int(re.I)): re.compile(s, re.I) for s in sources}  # re keys its cache by int flags
    path = str(tmp_path / "store.marshal")
    assert pattern_store.save(path, cache) == 2
    new_process()
    assert pattern_store.install(path) == 2
    assert type(re._cache) is pattern_store._StoredPatterns  # type: ignore[attr-defined]
    assert len(re._cache) == 0  # type: ignore[attr-defined]  # nothing built before it is asked for
    found = re.search(sources[0], "x STORE-TEST-aa’B", re.I)
    assert found is not None and found.group("x") == "aa"
    assert pattern_store._used == {(sources[0], int(re.I))}
    assert re.compile(sources[0], re.I) is re.compile(sources[0], re.I)  # then re's own cache
    assert re.compile("not-stored+").fullmatch("not-storedd")  # the rest compiles as usual
    assert re.compile(b"bytes+").fullmatch(b"bytess")


def test_later_runs_store_a_pattern_only_when_seen_twice(tmp_path: Path) -> None:
    path = str(tmp_path / "store.marshal")
    lasting = (str, r"first-run-\d+", 0)
    assert pattern_store.save(path, {lasting: re.compile(lasting[1])}) == 1  # a first store takes all
    one_article = (str, r"one-article-\w+", 0)
    runs = []
    for _ in range(2):
        new_process()
        pattern_store.install(path)
        re.compile(lasting[1])
        re.compile(one_article[1])
        runs.append(pattern_store.save(path))
    assert runs == [0, 1]  # remembered by the first of these runs, stored by the second
    new_process()
    assert pattern_store.install(path) == 2
    new_process()
    pattern_store.install(path)
    re.compile(lasting[1])
    re.compile(one_article[1])
    assert pattern_store.save(path) == 0 and pattern_store._used == {lasting[1:], one_article[1:]}


def test_full_store_keeps_the_patterns_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_store, "MAX_ENTRIES", 3)
    path = str(tmp_path / "store.marshal")
    old = {(str, f"old-{i}+", 0): re.compile(f"old-{i}+") for i in range(3)}
    assert pattern_store.save(path, old) == 3
    for _ in range(2):  # "fresh" is seen twice, so it is stored; the full store keeps what was used
        new_process()
        pattern_store.install(path)
        re.compile("old-0+")
        re.compile("fresh+")
        pattern_store.save(path)
    new_process()
    pattern_store.install(path)
    assert set(pattern_store._entries) == {("old-0+", 0), ("fresh+", 0)}


def test_pattern_that_cannot_be_rebuilt_is_compiled_as_usual_and_not_retried(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def refuse(pattern: str, flags: int) -> None:
        calls.append(pattern)
        return None

    monkeypatch.setattr(pattern_store, "_compiled_form", refuse)
    path = str(tmp_path / "store.marshal")
    assert pattern_store.save(path, {(str, "abc+", 0): re.compile("abc+")}) == 0
    new_process()
    assert pattern_store.install(path) == 0
    assert re.compile("abc+").fullmatch("abcc")
    assert pattern_store.save(path) == 0
    assert calls == ["abc+"]


def write_store(path: Path, payload: object) -> None:
    path.write_bytes(marshal.dumps(payload))


def test_foreign_interpreter_or_format_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "store.marshal"
    source = "xyz+"
    assert pattern_store.save(str(path), {(str, source, 0): re.compile(source)}) == 1
    fmt, engine, entries, candidates = marshal.loads(path.read_bytes())
    for payload in ((fmt, ("3.0.0",) + engine[1:], entries, candidates),
                    (fmt, engine[:-1] + ("0.0.1",), entries, candidates),  # another newslint version
                    ("newslint-patterns-0", engine, entries, candidates),
                    (fmt, engine, entries)):
        write_store(path, payload)
        new_process()
        assert pattern_store.install(str(path)) == 0
        assert type(re._cache) is dict  # type: ignore[attr-defined]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "not a tuple", "bad entries"])
def test_corrupt_store_is_ignored(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "store.marshal"
    sources = ["good-one+", "good-two+"]
    assert pattern_store.save(str(path), {(str, s, 0): re.compile(s) for s in sources}) == 2
    blob = path.read_bytes()
    fmt, engine, entries, candidates = marshal.loads(blob)
    if damage == "truncated":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "garbage":
        path.write_bytes(os.urandom(256))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "not a tuple":
        write_store(path, [1, 2, 3])
    else:
        # Wrong types, code the engine refuses, a wrong argument count: each compiled as usual.
        good = entries[("good-one+", 0)]
        bad = {("good-one+", 0): good,
               ("bad-code+", 0): marshal.dumps((0, [999999, 1, 2], 0, {}, (None,))),
               ("too-few+", 0): marshal.dumps((0,)),
               ("not-marshal+", 0): b"\x00\x01",
               ("a-string+", 0): "string",
               ("good-two+", 0): marshal.dumps((0, "not code", 0, {}, (None,))),
               (b"bytes+", 0): good}
        write_store(path, (fmt, engine, bad, [("x", 0), "junk"]))
    new_process()
    pattern_store.install(str(path))
    for source in ["good-one+", "good-two+", "bad-code+", "too-few+", "not-marshal+", "a-string+"]:
        compiled = re.compile(source)
        assert compiled == re._compiler.compile(source, 0)  # type: ignore[attr-defined]
        assert compiled.fullmatch(source[:-1] * 2) is None and compiled.fullmatch(source[:-1] + source[-2])
    assert re.compile(b"bytes+").fullmatch(b"bytess")
    assert pattern_store._used <= {("good-one+", 0)}


def test_nothing_is_written_where_python_writes_no_bytecode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_store.sys, "dont_write_bytecode", True)
    target = tmp_path / "store.marshal"
    monkeypatch.setattr(pattern_store, "store_path", lambda: str(target))
    re.compile("q-not-written+")
    assert pattern_store.save() == 0
    assert not target.exists()


def test_store_path_follows_pycache_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_store.sys, "pycache_prefix", str(tmp_path))
    path = pattern_store.store_path()
    assert path is not None and path.startswith(str(tmp_path))
    monkeypatch.setattr(pattern_store.sys, "pycache_prefix", None)
    package = Path(pattern_store.__file__).resolve().parent
    assert Path(pattern_store.store_path()).parent == package / "__pycache__"


def test_whole_runs_with_and_without_the_store_give_the_same_output(tmp_path: Path) -> None:
    article = next(SEEDS.glob("001_*.txt"))
    args = ("check", "--exit-zero", "--no-cache", "--format", "json", str(article))
    plain = run_cli(*args, env={"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(tmp_path / "none")})
    prefix = tmp_path / "prefix"
    env = {"PYTHONPYCACHEPREFIX": str(prefix), "PYTHONDONTWRITEBYTECODE": ""}
    runs = [run_cli(*args, env=env) for _ in range(3)]
    stores = list(prefix.rglob("patterns.*.marshal"))
    assert len(stores) == 1
    assert len(marshal.loads(stores[0].read_bytes())[2]) >= 20
    assert not list(prefix.rglob(".patterns*"))  # no temporary file left
    assert plain.returncode == 0 and plain.stdout.count('"code"') > 5
    for run in runs:
        assert (run.returncode, run.stdout, run.stderr) == (plain.returncode, plain.stdout, plain.stderr)


def test_a_failing_store_never_changes_the_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from newslint import entry

    def broken(*args: object) -> int:
        raise RuntimeError("store broken")

    article = str(next(SEEDS.glob("001_*.txt")))
    monkeypatch.setattr(pattern_store, "install", broken)
    monkeypatch.setattr(pattern_store, "save", broken)
    for argv in (["check", "--no-cache", article], ["rule", "NL101"]):
        monkeypatch.setattr(entry.sys, "argv", ["newslint", *argv])
        with pytest.raises(SystemExit) as done:
            entry.main()
        out = capsys.readouterr()
        assert done.value.code == (1 if argv[0] == "check" else 0), out.err
        assert out.out and "store broken" not in out.err
