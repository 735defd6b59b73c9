#!/usr/bin/env bash
# fakesnow (Snowflake emulator on DuckDB, PyPI) in a venv for the Snowflake load tests, which
# start it through tests/fakesnow_bridge/bridge.py. Every package is pinned with its hashes
# (requirements.txt, made by .ci/pip_compile.sh) and installed with --require-hashes.
# Idempotent: skips when the venv already has them (stamp = sha256 of the requirements file).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
venv="$PWD/.tools/venv-fakesnow"
req="$PWD/tests/fakesnow_bridge/requirements.txt"
stamp="$venv/.airq-requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "fakesnow venv up to date ($venv)"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes -r "$req"
"$venv/bin/python" -c "import fakesnow.server, uvicorn, pyarrow, cryptography"
echo "$want" >"$stamp"
echo "fakesnow installed into $venv"
