#!/usr/bin/env bash
# Airflow DAG tests (pytest, tests/infra/dags/) in the venv of .ci/setup/50-airflow.sh: DagBag
# import, DAG contract, and dag.test() against a moto server (AWS Batch without Docker).
# Last line: "N passed, M failed, K skipped" (errors count as failed; no tests collected = 1
# failed), after one "skipped: <test> (<reason>)" line per skipped test.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
py=.tools/venv-airflow/bin/python
if [ ! -x "$py" ]; then
  echo "Cannot run the Airflow tests: $py is missing; run bash .ci/setup/50-airflow.sh" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
out="$(mktemp)"
TZ=UTC "$py" -m pytest -p no:cacheprovider -q -rfEs tests/infra/dags 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
summary="$(grep -E '^=*[ ]*[0-9]+ (passed|failed|error|skipped)|no tests ran' "$out" | tail -n 1)"
# pytest -rs: "SKIPPED [1] tests/infra/dags/x.py:12: reason" per skip location.
sed -nE 's/^SKIPPED \[[0-9]+\] (.*): (.*)$/skipped: \1 (\2)/p' "$out"
rm -f "$out"
count() { echo "$summary" | grep -oE "[0-9]+ $1" | grep -oE '^[0-9]+' || echo 0; }
passed="$(count passed)"
skipped="$(count skipped)"
failed=$(($(count failed) + $(count 'errors?')))
if [ "$rc" -eq 5 ]; then
  echo "no tests were collected in tests/infra/dags" >&2
  failed=$((failed + 1))
elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$rc" -eq 0 ] || exit 1
