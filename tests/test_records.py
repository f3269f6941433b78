"""newslint.records keeps what the check path's classes had as dataclasses: equality, hash,
repr, immutability, copy and pickle; and no module a check run imports needs dataclasses."""

from __future__ import annotations

import copy
import inspect
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from newslint import records
from newslint.config import Config, load_config
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, replace_fix
from newslint.document import Document, Span
from newslint.files import SourceFile, sha256_hex
from newslint.lexicon import Lexicon
from newslint.runner import FileResult, RunOptions
from newslint.rules.base import Context, Rule

ROOT = Path(__file__).resolve().parent.parent


def _diag(**kw) -> Diagnostic:  # type: ignore[no-untyped-def]
    base = dict(code="NL101", name="misspelling", message="m", start=1, end=3,
                fix=replace_fix(1, 3, "x", Applicability.SAFE), suggestions=("x",))
    base.update(kw)
    return Diagnostic(**base)  # type: ignore[arg-type]


def test_frozen_records_compare_hash_and_refuse_assignment() -> None:
    a, b = _diag(), _diag()
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != _diag(start=2) and a != _diag(fix=None) and a != _diag(severity=Severity.ERROR)
    assert (a == ("NL101",)) is False and a != Edit(1, 3, "x")
    for obj, field in ((a, "start"), (a.fix, "title"), (Edit(1, 2, "x"), "end"), (Span(0, 1, "url"), "kind"),
                       (Document("t"), "text"), (SourceFile("p", "t", "utf-8", "h", 1, 0), "size")):
        with pytest.raises(AttributeError):
            setattr(obj, field, 9)
        with pytest.raises(records.FrozenInstanceError):
            delattr(obj, field)


def test_repr_is_the_dataclass_repr() -> None:
    assert repr(Edit(1, 2, "x")) == "Edit(start=1, end=2, replacement='x')"
    assert repr(Span(0, 4, "url")) == "Span(start=0, end=4, kind='url')"
    assert repr(_diag(fix=None, suggestions=())) == (
        "Diagnostic(code='NL101', name='misspelling', message='m', start=1, end=3, "
        "severity=<Severity.WARNING: 'warning'>, fix=None, suggestions=())")


def test_copy_and_pickle_keep_equal_values() -> None:
    doc = Document.from_text("See https://example.com now.\n", "a.txt")
    _ = doc.prose, doc.lines  # cached properties live in the instance dict
    for obj in (_diag(), Edit(1, 2, "x"), Span(0, 1, "url"), doc, SourceFile("p", "t", "utf-8", "h", 1, 0)):
        for clone in (pickle.loads(pickle.dumps(obj)), copy.copy(obj), copy.deepcopy(obj)):
            assert clone == obj and clone is not obj
    assert pickle.loads(pickle.dumps(doc)).prose == doc.prose


def test_mutable_records_compare_but_do_not_hash() -> None:
    a, b = RunOptions(paths=["x"]), RunOptions(paths=["x"])
    assert a == b and a != RunOptions(paths=["y"])
    b.quiet = True
    assert a != b
    with pytest.raises(TypeError):
        hash(a)
    assert FileResult("a").diagnostics == [] and FileResult("a").diagnostics is not FileResult("a").diagnostics
    assert RunOptions(paths=[]).extra is not RunOptions(paths=[]).extra


def test_rule_equality_ignores_the_check_function() -> None:
    one = Rule("NL999", "x", "s", lambda d, c: iter(()))
    two = Rule("NL999", "x", "s", lambda d, c: iter(()))
    assert one == two and hash(one) == hash(two) and one != Rule("NL999", "y", "s", one.check)


def test_replace_and_asdict() -> None:
    d = _diag()
    moved = records.replace(d, start=5, end=6)
    assert (moved.start, moved.end, moved.message, moved.fix) == (5, 6, d.message, d.fix)
    with pytest.raises(TypeError):
        records.replace(d, colour="red")
    config = load_config()
    clone = records.replace(config, lexicon_path=None)
    assert clone.lexicon_path is None and clone.select == config.select and isinstance(clone, Config)
    assert records.asdict(Edit(1, 2, "x")) == {"start": 1, "end": 2, "replacement": "x"}


@pytest.mark.parametrize("cls", [Edit, Fix, Diagnostic, Span, Document, SourceFile, Config, RunOptions, FileResult,
                                 Context, Rule, Lexicon])
def test_each_init_takes_exactly_the_fields_in_order(cls) -> None:
    params = list(inspect.signature(cls.__init__).parameters)[1:]
    assert params == list(records.fields(cls))


def test_sha256_hex_is_sha256() -> None:
    import hashlib

    for data in (b"", b"abc", bytes(range(256)) * 5000):  # the last one is over 1 MB: hashlib
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_config_hands_out_paths_made_as_pathlib_would(tmp_path, monkeypatch) -> None:
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    plain = load_config(start=tmp_path)  # no configuration file: strings inside
    assert plain.source is None and plain.source_file is None
    assert plain.root == Path.cwd() and isinstance(plain.root, Path) and plain.root_dir == str(Path.cwd())
    assert plain.lexicon_path == Path.cwd() / "newslint-lexicon.txt" and plain.lexicon_file == str(plain.lexicon_path)
    assert plain.dictionaries == [] and plain.dictionary_files == []
    (tmp_path / "newslint.toml").write_text('dictionaries = ["words.txt"]\nlexicon = "lex/x.txt"\n', encoding="utf-8")
    found = load_config(start=tmp_path)
    assert found.source == tmp_path / "newslint.toml" and isinstance(found.source, Path)
    assert found.source_file == str(tmp_path / "newslint.toml")
    assert found.dictionaries == [tmp_path.resolve() / "words.txt"] and found.dictionary_files == [str(tmp_path.resolve() / "words.txt")]
    assert found.lexicon_path == tmp_path.resolve() / "lex" / "x.txt"
    found.root = tmp_path / "elsewhere"
    assert found.root == tmp_path / "elsewhere" and found.root_dir == str(tmp_path / "elsewhere")
    assert records.replace(plain, lexicon_path=None).lexicon_path is None and records.replace(plain).root == plain.root


def test_a_check_run_imports_neither_dataclasses_nor_hashlib(tmp_path) -> None:
    # No spelling suggestion is needed here: those load pyspellchecker, whose imports are its own.
    (tmp_path / "a.txt").write_text("Druzhba flows resumed on the the pipeline.\n", encoding="utf-8")
    # Only what newslint imports counts: an interpreter's site hooks (an editable install's
    # finder, certifi's .pth) may load some of these before the program starts.
    code = ("import sys\nbefore = set(sys.modules)\nfrom newslint.entry import main\nsys.argv = ['newslint', 'check', 'a.txt']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('MODULES', *sorted(m for m in ('dataclasses', 'inspect', 'hashlib', 'tomllib', 'typing', 'pathlib')"
            " if m in set(sys.modules) - before))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert "NL401" in out.stdout, out.stderr
    assert out.stdout.splitlines()[-1] == "MODULES", out.stdout


def test_cyclic_gc_is_off_only_for_one_small_file(tmp_path) -> None:
    """entry.main turns the collector off for start-up; the runner turns it on for a batch."""
    import gc

    from newslint.runner import collect_garbage_for

    try:
        gc.disable()
        collect_garbage_for(1, 3_000)
        assert not gc.isenabled()
        collect_garbage_for(2, 3_000)
        assert gc.isenabled()
        gc.disable()
        collect_garbage_for(1, 5 << 20)
        assert gc.isenabled()
    finally:
        gc.enable()
    (tmp_path / "a.txt").write_text("One.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two.\n", encoding="utf-8")
    code = ("import gc, sys\nimport newslint.parallel as parallel\nseen = []\n"
            "orig = parallel.lint_sources\n"
            "def spy(*a, **k):\n    seen.append(gc.isenabled())\n    return orig(*a, **k)\n"
            "parallel.lint_sources = spy\n"
            "from newslint.entry import main\nsys.argv = ['newslint', 'check', '--no-cache'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('GC', seen, gc.isenabled())")
    one = subprocess.run([sys.executable, "-c", code, "a.txt"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    two = subprocess.run([sys.executable, "-c", code, "a.txt", "b.txt"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert one.stdout.splitlines()[-1] == "GC [False] True", one.stdout + one.stderr
    assert two.stdout.splitlines()[-1] == "GC [True] True", two.stdout + two.stderr
