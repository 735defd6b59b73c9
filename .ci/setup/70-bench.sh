#!/usr/bin/env bash
# Benchmark baselines (bench/): a venv with pinned PySpark (local mode on the machine's Java 17),
# native DuckDB and Polars from PyPI, plus GNU time (/usr/bin/time -v) for peak RSS. Idempotent: skips
# the venv when it already has the pinned requirements (stamp = sha256 of the requirements file).
# Every package is pinned with its hashes (bench/requirements.txt, made by .ci/pip_compile.sh)
# and installed with --require-hashes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if ! /usr/bin/time -v true >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends time >/dev/null
fi
if ! java -version >/dev/null 2>&1; then
  echo "bench setup: PySpark needs Java 17 (java not found on PATH)" >&2
  exit 1
fi
venv="$PWD/.tools/venv-bench"
req="$PWD/bench/requirements.txt"
stamp="$venv/.airq-requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "bench venv up to date ($venv)"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes -r "$req"
"$venv/bin/python" -c "import pyspark, duckdb, polars; print('pyspark', pyspark.__version__, 'duckdb', duckdb.__version__, 'polars', polars.__version__)"
echo "$want" >"$stamp"
echo "bench venv installed into $venv"
