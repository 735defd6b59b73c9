#!/usr/bin/env bash
# Independent readers of the clean lake for the tests that read it as analysts do: a venv with
# native DuckDB and pyarrow from PyPI (tests/lake_readers/requirements.txt). Idempotent: skips
# the venv when it already has the pinned requirements (stamp = sha256 of the requirements file).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
venv="$PWD/.tools/venv-readers"
req="$PWD/tests/lake_readers/requirements.txt"
stamp="$venv/.airq-requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "lake readers venv up to date ($venv)"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
"$venv/bin/python" -c "import duckdb, pyarrow; print('duckdb', duckdb.__version__, 'pyarrow', pyarrow.__version__)"
echo "$want" >"$stamp"
echo "lake readers venv installed into $venv"
