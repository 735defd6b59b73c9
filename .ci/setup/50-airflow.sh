#!/usr/bin/env bash
# Python venv for the Airflow DAG tests: apache-airflow 2.10.3 + amazon provider 9.0.0 (the
# Amazon MWAA 2.10.3 pair), moto[server] and pytest at the versions of
# .ci/airflow-constraints.txt, every package pinned with its hashes in .ci/python/airflow.txt
# (made by .ci/pip_compile.sh) and installed with --require-hashes.
# Idempotent: skipped when the venv was made from the same requirements file. About 3 min on
# 2 cores with an empty pip cache, about 1 min with a warm one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
venv=.tools/venv-airflow
req=.ci/python/airflow.txt
stamp="$venv/.airq-requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "airflow venv up to date ($venv)"
  exit 0
fi
python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
  || { echo "Cannot make the Airflow venv: Python 3.11 is required (MWAA 2.10.3)" >&2; exit 1; }
rm -rf "$venv"
python3 -m venv "$venv"
start=$(date +%s)
"$venv/bin/pip" install --quiet --no-input --require-hashes -r "$req"
"$venv/bin/pip" check
echo "$want" >"$stamp"
echo "airflow venv installed in $(($(date +%s) - start)) s ($venv)"
