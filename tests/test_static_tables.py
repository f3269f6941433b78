"""The Python-literal start-up tables equal their sources, and the start-up path really uses them.

scripts/build_static_tables.py writes newslint/default_settings.py (from config/newslint.toml),
newslint/rule_table.py (from the rule modules) and newslint/data/boilerplate_patterns.py (from
newslint/data/boilerplate.toml); when one of these tests fails, re-run that script.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.config import load_config, tomllib
from newslint.registry import all_rules, get_rule, is_known_selector, is_selected, select_rules, selected_codes
from tests.conftest import make_config

ROOT = Path(__file__).resolve().parent.parent


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_static_tables", ROOT / "scripts" / "build_static_tables.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_generated_files_are_current() -> None:
    script = _script()
    for path, render in script.TABLES.items():
        assert path.read_text(encoding="utf-8") == render(), f"{path.name} is stale: run scripts/build_static_tables.py"


def test_defaults_literal_equals_the_parsed_toml() -> None:
    from newslint.default_settings import defaults

    parsed = tomllib.loads((ROOT / "config" / "newslint.toml").read_text(encoding="utf-8"))
    assert defaults() == parsed
    assert list(defaults()) == list(parsed)  # same key order, as the TOML file documents them


def test_defaults_are_a_fresh_copy_each_time() -> None:
    from newslint.config import load_defaults

    first = load_defaults()
    first["rules"]["NL401"]["allowed"].append("changed")
    first["grammar"]["enabled"] = True
    assert "changed" not in load_defaults()["rules"]["NL401"]["allowed"]
    assert load_defaults()["grammar"]["enabled"] is False


def test_boilerplate_literal_equals_the_parsed_toml() -> None:
    from newslint.data.boilerplate_patterns import PATTERNS

    assert PATTERNS == tomllib.loads((ROOT / "newslint" / "data" / "boilerplate.toml").read_text(encoding="utf-8"))


def test_rule_table_equals_the_registry() -> None:
    from newslint.rule_table import RULES

    assert list(RULES) == [(r.code, r.name, r.default_enabled, r.check.__module__) for r in all_rules()]


@pytest.mark.parametrize("select,ignore,extend", [
    (["NL"], [], []), (["NL1", "NL4"], ["NL404"], []), (["ALL"], ["NL3"], []), (["NL407"], [], []),
    (["misspelling", "NL3"], ["NL305"], ["NL407"]), (["NL"], ["NL1"], ["NL101"]), ([], [], ["NL2"]),
])
def test_selection_from_the_table_equals_selection_from_the_rules(select, ignore, extend) -> None:
    config = make_config(select=select, ignore=ignore, **{"extend-select": extend})
    expected = [r for r in all_rules() if is_selected(r.code, r.name, r.default_enabled, select + extend, ignore)]
    assert selected_codes(config) == [r.code for r in expected]
    assert select_rules(config) == expected


def test_selectors_and_lookup_by_code_or_name() -> None:
    for r in all_rules():
        assert get_rule(r.code) is r and get_rule(r.name) is r and get_rule(r.code.lower()) is r
        for n in range(2, len(r.code) + 1):
            assert is_known_selector(r.code[:n])
        assert is_known_selector(r.name) and is_known_selector(r.name.upper())
    for sel in ("ALL", "all", "LT", "LT:EN_A_VS_AN", " NL1 "):
        assert is_known_selector(sel)
    for sel in ("NL9", "NL1011", "XX", "misspellings"):
        assert not is_known_selector(sel), sel
    assert get_rule("NL999") is None and get_rule("no-such-rule") is None


def _modules_after(code: str, cwd: Path) -> set[str]:
    """The newslint and TOML modules imported by running ``code`` in a fresh interpreter in ``cwd``."""
    script = (f"import sys\nbefore = set(sys.modules)\n{code}\nprint('\\n'.join(sorted(m for m in set(sys.modules) - before"
              " if m.startswith(('newslint', 'tomllib', 'tomli')))))")
    out = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return set(out.stdout.split())


def test_start_up_without_a_config_file_parses_no_toml_and_imports_no_rule(tmp_path) -> None:
    loaded = _modules_after(
        "from pathlib import Path\nfrom newslint.config import load_config\nfrom newslint.engine import Linter\n"
        "c = load_config(start=Path('.'), overrides={'select': ['NL1'], 'ignore': ['NL404']})\n"
        "linter = Linter(c)\nassert linter.codes == ['NL101', 'NL102', 'NL103'], linter.codes", tmp_path)
    assert not {"tomllib", "tomli"} & loaded
    assert not any(m.startswith("newslint.rules.") and m != "newslint.rules.base" for m in loaded), loaded


def test_linting_imports_only_the_selected_rules_modules(tmp_path) -> None:
    loaded = _modules_after(
        "from newslint.config import load_config\nfrom newslint.engine import Linter\n"
        "from newslint.document import Document\n"
        "c = load_config(overrides={'select': ['NL3']})\n"
        "print(len(Linter(c).lint(Document.from_text('One,two  three.', 'a.txt'))))", tmp_path)
    rules = {m for m in loaded if m.startswith("newslint.rules.")}
    assert "newslint.rules.spacing" in rules and "newslint.rules.spelling" not in rules


def test_pyproject_without_newslint_is_not_parsed_and_with_it_is_read(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n', encoding="utf-8")
    loaded = _modules_after("from pathlib import Path\nfrom newslint.config import load_config\nload_config(start=Path('.'))", tmp_path)
    assert not {"tomllib", "tomli"} & loaded
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.newslint]\nselect = ["NL3"]\n', encoding="utf-8")
    assert load_config(start=tmp_path).select == ["NL3"]
    # A key written with escapes is still found: such a file is parsed.
    (tmp_path / "pyproject.toml").write_text('[tool."\\u006eewslint"]\nselect = ["NL2"]\n', encoding="utf-8")
    assert load_config(start=tmp_path).select == ["NL2"]


def test_lexicon_tables_equal_the_parsed_data_files() -> None:
    from newslint import lexicon

    singles, phrases, category = lexicon.parse_builtin_names()
    fast_singles, fast_phrases = lexicon._builtin_names()
    assert list(fast_singles.items()) == list(singles.items())
    assert list(fast_phrases.items()) == list(phrases.items())
    assert list(lexicon._name_categories().items()) == list(category.items())
    assert lexicon._known_only() == lexicon.parse_known_only()
    pairs = lexicon._dialect_pairs()
    assert [tuple(p) for p in pairs] == list(lexicon.parse_dialect_pairs())
    assert all(isinstance(p, lexicon.DialectPair) for p in pairs)
    assert {type(p.british_wrong_in_us) for p in pairs} == {bool}


def test_dialect_index_is_setdefault_pair_by_pair() -> None:
    from newslint import lexicon

    expected: dict = {}
    for p in lexicon._dialect_pairs():
        expected.setdefault(p.british, ("en-GB", p))
        expected.setdefault(p.american, ("en-US", p))
    assert list(lexicon.Lexicon().dialect_index.items()) == list(expected.items())


def test_the_shipped_corpus_and_grammar_tables_are_valid_and_off() -> None:
    """runner._corpus_enabled and backends.open_grammar skip validating these exact tables."""
    from newslint.backends.lt_settings import ENV_URL, grammar_enabled
    from newslint.config import load_defaults
    from newslint.corpus.settings import Settings

    config = load_config()
    assert config.corpus == load_defaults()["corpus"] and config.grammar == load_defaults()["grammar"]
    assert Settings.from_config(config).enabled is False
    assert ENV_URL == "NEWSLINT_LT_URL"
    import os

    saved = os.environ.pop(ENV_URL, None)
    try:
        assert grammar_enabled(config) is False
    finally:
        if saved is not None:
            os.environ[ENV_URL] = saved
